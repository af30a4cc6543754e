-- :FactlintFigures: the figure map of the current draft (`workspace/executeCommand`
-- `factlint.figures`) in a floating window. <CR> on a variant or source line opens the source
-- document at the figure; q or <Esc> closes the window. Works on Neovim 0.7 and newer.

local M = {}

--- The factlint client attached to the buffer, if any.
function M.client(bufnr)
  local list
  if vim.lsp.get_clients then
    list = vim.lsp.get_clients({ bufnr = bufnr, name = 'factlint' })
  else
    list = vim.lsp.buf_get_clients(bufnr)
  end
  for _, c in pairs(list) do
    if c.name == 'factlint' then
      return c
    end
  end
  return nil
end

local function who(source)
  if source.speaker and source.speaker ~= vim.NIL and source.speaker ~= '' then
    return source.source .. ' (' .. source.speaker .. ')'
  end
  return source.source
end

--- The lines showing a briefing (`{ quantities = … }`), and per line number (1-based) the
--- source it stands for (`{ doc = path, start = byte offset }`), for <CR>.
function M.render(briefing, title)
  local lines = { 'factlint figure map' .. (title and (': ' .. title) or ''), '' }
  local targets = {}
  local quantities = (briefing and briefing.quantities) or {}
  if #quantities == 0 then
    table.insert(lines, 'No quantity: no figure of this draft matches one the sources state.')
    return lines, targets
  end
  for _, q in ipairs(quantities) do
    local label = (q.label ~= nil and q.label ~= '') and q.label or q.id
    table.insert(lines, q.id .. '  ' .. label .. (q.contested and '  [contested]' or ''))
    for _, v in ipairs(q.variants or {}) do
      local names = {}
      for _, s in ipairs(v.sources or {}) do
        table.insert(names, who(s))
      end
      table.insert(lines, '  ' .. v.text .. '  — ' .. table.concat(names, ', '))
      if v.sources and v.sources[1] then
        targets[#lines] = v.sources[1]
      end
      for _, s in ipairs(v.sources or {}) do
        table.insert(lines, '      ' .. who(s) .. ': ' .. (s.sentence or ''))
        targets[#lines] = s
      end
    end
    table.insert(lines, '')
  end
  table.insert(lines, '<CR> opens the source, q closes')
  return lines, targets
end

--- Opens a source (`{ doc, start }`) at its figure, relative paths against `root`.
function M.open_source(source, root)
  local path = source.doc
  if path:sub(1, 1) ~= '/' and root then
    path = root .. '/' .. path
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  -- :goto counts bytes from 1.
  vim.cmd('goto ' .. (tonumber(source.start) or 0) + 1)
end

--- Shows `lines` in a floating scratch window; <CR> opens `targets[line]`.
function M.show(lines, targets, root)
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].filetype = 'factlint-figures'
  local width = 20
  for _, l in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
  end
  width = math.min(width + 2, math.max(20, vim.o.columns - 4))
  local height = math.min(#lines, math.max(3, vim.o.lines - 6))
  local win = vim.api.nvim_open_win(buf, true, {
    relative = 'editor',
    width = width,
    height = height,
    row = math.max(0, math.floor((vim.o.lines - height) / 2) - 1),
    col = math.max(0, math.floor((vim.o.columns - width) / 2)),
    style = 'minimal',
    border = 'rounded',
  })
  local function close()
    if vim.api.nvim_win_is_valid(win) then
      vim.api.nvim_win_close(win, true)
    end
  end
  vim.keymap.set('n', '<CR>', function()
    local target = targets[vim.api.nvim_win_get_cursor(win)[1]]
    if not target then
      return
    end
    close()
    M.open_source(target, root)
  end, { buffer = buf, nowait = true, desc = 'factlint: open the source' })
  vim.keymap.set('n', 'q', close, { buffer = buf, nowait = true })
  vim.keymap.set('n', '<Esc>', close, { buffer = buf, nowait = true })
  -- The first line with a source.
  for i = 1, #lines do
    if targets[i] then
      vim.api.nvim_win_set_cursor(win, { i, 0 })
      break
    end
  end
  return buf, win
end

--- Asks the server for the figure map of buffer `bufnr` (0: current) and shows it.
function M.open(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    vim.notify('factlint: no factlint language server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  local params = { command = 'factlint.figures', arguments = { vim.uri_from_bufnr(bufnr) } }
  local title = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  local root = client.config and client.config.root_dir
  local function handler(err, result)
    if err then
      vim.notify('factlint: figure map: ' .. (err.message or vim.inspect(err)), vim.log.levels.WARN)
      return
    end
    local lines, targets = M.render(result, title)
    M.show(lines, targets, root)
  end
  -- 0.11 made request a method; 0.7 to 0.10 call it as a field.
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('workspace/executeCommand', params, handler, bufnr)
  else
    client.request('workspace/executeCommand', params, handler, bufnr)
  end
end

--- Defines :FactlintFigures.
function M.create_command()
  vim.api.nvim_create_user_command('FactlintFigures', function()
    M.open(0)
  end, { desc = 'factlint: the figure map of the current draft' })
end

return M
