-- factlint for Neovim: starts `factlint lsp` for Markdown and text buffers.
--
--   require('factlint').setup{
--     cmd = { 'factlint', 'lsp' },          -- the server command
--     corpus = { 'sources' },               -- corpus folders, files or globs (else .factlint.toml)
--     severity = { ['unsourced-claim'] = 'info' },
--     debounce_ms = 150,                    -- server-side debounce
--     time_budget_ms = 10000,               -- time one draft's check may take (0: no limit)
--     max_document_bytes = 5242880,         -- larger drafts are not checked
--     language = 'auto',                    -- 'de', 'en' or 'auto'
--   }
--
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and uses vim.lsp.start
-- where it exists (0.8+).

local M = {}

local defaults = {
  cmd = { 'factlint', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.factlint.toml', '.git' },
  corpus = nil,
  severity = nil,
  debounce_ms = nil,
  time_budget_ms = nil,
  max_document_bytes = nil,
  language = nil,
  -- Passed through to the client.
  on_attach = nil,
  on_exit = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(defaults)

-- Client ids per root folder (Neovim 0.7 only; vim.lsp.start reuses clients itself).
local clients = {}

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

--- The folder holding one of the root markers, searched upward from the buffer's file.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir
  if name == '' then
    dir = vim.loop.cwd()
  else
    dir = vim.fn.fnamemodify(name, ':p:h')
  end
  local start = dir
  while dir and dir ~= '' do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

--- The `factlint` settings sent as initializationOptions and workspace/configuration.
function M.settings()
  local s = {}
  local c = M.config
  if c.corpus ~= nil then
    s.corpus = type(c.corpus) == 'string' and { c.corpus } or c.corpus
  end
  if c.severity ~= nil then
    s.severity = c.severity
  end
  if c.debounce_ms ~= nil then
    s.debounceMs = c.debounce_ms
  end
  if c.time_budget_ms ~= nil then
    s.timeBudgetMs = c.time_budget_ms
  end
  if c.max_document_bytes ~= nil then
    s.maxDocumentBytes = c.max_document_bytes
  end
  if c.language ~= nil then
    s.language = c.language
  end
  return s
end

local function client_config(root)
  local settings = M.settings()
  local init_options = vim.tbl_isempty(settings) and vim.empty_dict() or settings
  return {
    name = 'factlint',
    cmd = M.config.cmd,
    root_dir = root,
    init_options = init_options,
    settings = { factlint = init_options },
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    flags = { debounce_text_changes = 0 },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
    on_exit = M.config.on_exit,
  }
end

--- Starts (or reuses) the server for the buffer's root folder and attaches the buffer.
--- Returns the client id, or nil when the server could not be started.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local root = M.root_dir(bufnr)
  if vim.lsp.start then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(client_config(root))
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Has the server save a source (URL or file) into the corpus folder (`factlint.addSource`);
--- the server then reloads the corpus and re-checks open drafts. `:FactlintAdd URL`.
function M.add_source(input, bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(attached) do
    if c.name == 'factlint' then
      client = c
    end
  end
  if not client then
    vim.notify('factlint: no factlint server for this buffer', vim.log.levels.ERROR)
    return
  end
  -- The current draft's URI tells the server which story's corpus takes the source.
  client.request('workspace/executeCommand',
    { command = 'factlint.addSource', arguments = { input, vim.uri_from_bufnr(0) } },
    function(err, result)
      if err then
        vim.notify('factlint: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
        return
      end
      for _, s in ipairs((result or {}).saved or {}) do
        vim.notify(('factlint: %s %s'):format(s.action, s.path))
      end
      for _, e in ipairs((result or {}).errors or {}) do
        vim.notify('factlint: ' .. e, vim.log.levels.ERROR)
      end
    end, bufnr)
end

--- Configures the plugin and attaches to buffers of the configured filetypes.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- Lists are replaced, not merged index by index.
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers', 'corpus' }) do
    if opts and opts[key] ~= nil then
      M.config[key] = opts[key]
    end
  end
  require('factlint.figures').create_command()
  vim.api.nvim_create_user_command('FactlintAdd', function(args)
    M.add_source(args.args)
  end, { nargs = 1, desc = 'factlint: add a source (URL or file) to the corpus' })
  local group = vim.api.nvim_create_augroup('factlint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers that already have one of the filetypes.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
