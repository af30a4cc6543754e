-- Clients of every buffer, without the deprecation warning of newer Neovims.
local function all_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients()
  end
  return vim.lsp.get_active_clients() -- Neovim before 0.10
end

-- Headless Neovim test of `:FactlintAdd` (run by tests/editors/nvim-add.sh): a source file given
-- to the command lands in the corpus folder and the draft gets the finding it makes possible.
--
-- Environment: FACTLINT_BIN, FACTLINT_PLUGIN (editors/nvim), FACTLINT_WS (a workspace whose
-- corpus folder lacks the source), FACTLINT_SOURCE (the source file to add).

local bin = os.getenv('FACTLINT_BIN')
local plugin = os.getenv('FACTLINT_PLUGIN')
local ws = os.getenv('FACTLINT_WS')
local source = os.getenv('FACTLINT_SOURCE')

local function out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function finish(ok, msg)
  out((ok and 'ok: ' or 'FAIL: ') .. msg)
  for _, c in pairs(all_clients()) do
    if vim.fn.has("nvim-0.11") == 1 then c:stop() else c.stop() end
  end
  vim.wait(5000, function()
    return #all_clients() == 0
  end, 20)
  vim.cmd(ok and 'qall!' or 'cquit 1')
end

vim.opt.runtimepath:append(plugin)
require('factlint').setup({ cmd = { bin, 'lsp' }, debounce_ms = 0 })
vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/draft.md'))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'markdown' then
  vim.bo[buf].filetype = 'markdown'
end
local ready = vim.wait(20000, function()
  for _, c in pairs(vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)) do
    if c.name == 'factlint' and c.server_capabilities and c.server_capabilities.executeCommandProvider then
      return true
    end
  end
  return false
end, 20)
if not ready then
  return finish(false, 'the factlint client did not attach')
end

local function conflict()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'number-conflict' then
      return d
    end
  end
end

vim.wait(3000, function()
  return false
end, 50)
if conflict() then
  return finish(false, 'a number-conflict before the source was added')
end
vim.cmd('FactlintAdd ' .. vim.fn.fnameescape(source))
local added = vim.wait(30000, function()
  return vim.fn.filereadable(ws .. '/corpus/hafenbruecke-bleibt-bis-ende-mai-gesperrt.md') == 1
end, 50)
if not added then
  return finish(false, 'the source was not saved into the corpus folder')
end
local found = vim.wait(30000, function()
  return conflict() ~= nil
end, 50)
if not found then
  return finish(false, 'no number-conflict after :FactlintAdd')
end
finish(true, ':FactlintAdd saved the source and the draft was re-checked')
