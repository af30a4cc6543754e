-- Clients of every buffer, without the deprecation warning of newer Neovims.
local function all_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients()
  end
  return vim.lsp.get_active_clients() -- Neovim before 0.10
end

-- Headless Neovim test of the factlint plugin and server (run by tests/editors/nvim.sh).
--
-- Environment: FACTLINT_BIN (the server binary), FACTLINT_PLUGIN (editors/nvim),
-- FACTLINT_WS (a copy of fixtures/lsp/nvim), FACTLINT_EXPECT_FINDINGS ("1" when the CLI finds
-- the number conflict in the fixture, so the editor must show it too).

local bin = os.getenv('FACTLINT_BIN')
local plugin = os.getenv('FACTLINT_PLUGIN')
local ws = os.getenv('FACTLINT_WS')
local expect_findings = os.getenv('FACTLINT_EXPECT_FINDINGS') == '1'

local function out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local exit_code = nil

local function stop_clients()
  for _, c in pairs(all_clients()) do
    if vim.fn.has("nvim-0.11") == 1 then c:stop() else c.stop() end
  end
  vim.wait(5000, function()
    return #all_clients() == 0 and exit_code ~= nil
  end, 20)
end

local function fail(msg)
  out('FAIL: ' .. msg)
  pcall(stop_clients)
  vim.cmd('cquit 1')
end

local function check(cond, msg)
  if not cond then
    fail(msg)
    error(msg) -- stop this script if cquit returns
  end
end

check(bin and plugin and ws, 'set FACTLINT_BIN, FACTLINT_PLUGIN and FACTLINT_WS')
vim.opt.runtimepath:append(plugin)

-- Count what the server publishes, whatever the findings.
local published = 0
local orig_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published = published + 1
  return orig_publish(err, result, ctx, config)
end

require('factlint').setup({
  cmd = { bin, 'lsp' },
  debounce_ms = 0,
  time_budget_ms = 0,
  max_document_bytes = 1048576,
  on_exit = function(code)
    exit_code = code
  end,
})

vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/draft.md'))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'markdown' then
  vim.bo[buf].filetype = 'markdown'
end

local client
local attached = vim.wait(15000, function()
  for _, c in pairs(vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)) do
    if c.name == 'factlint' and c.server_capabilities and c.server_capabilities.codeActionProvider then
      client = c
      return true
    end
  end
  return false
end, 20)
check(attached, 'the factlint client did not attach and initialize')
check(client.config.root_dir == ws, 'root_dir ' .. tostring(client.config.root_dir) .. ' is not ' .. ws)
out('ok: client attached (root ' .. client.config.root_dir .. ')')

check(vim.wait(20000, function()
  return published > 0
end, 20), 'no diagnostics were published')
out('ok: diagnostics published')

local function code_of(d)
  if d.code ~= nil then
    return d.code
  end
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

local function conflicts()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == 'number-conflict' then
      table.insert(found, d)
    end
  end
  return found
end

if not expect_findings then
  out('SKIP: the CLI reports no number-conflict for the fixture, so only the plumbing was checked')
else
  check(vim.wait(20000, function()
    return #conflicts() > 0
  end, 20), 'no number-conflict diagnostic')
  local d = conflicts()[1]
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
  -- Neovim converted the server's UTF-16 range to bytes: the span must cover the figure.
  local flagged = line:sub(d.col + 1, d.end_col)
  check(d.lnum == 2, 'diagnostic on line ' .. d.lnum .. ', expected 2')
  check(flagged:find('90,000', 1, true) ~= nil, 'diagnostic covers "' .. flagged .. '", not the figure')
  check(d.source == 'factlint', 'source is ' .. tostring(d.source))
  out('ok: number-conflict on "' .. flagged .. '"')

  -- Apply the fix through Neovim's own code-action flow, choosing the figure replacement.
  local chosen = nil
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      local action = item.action or item[2]
      local edit = action and action.edit and vim.inspect(action.edit) or ''
      if edit:find('68,000', 1, true) then
        chosen = action.title
        on_choice(item, i)
        return
      end
    end
    on_choice(nil, nil)
  end
  local col = line:find('90,000', 1, true) - 1
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, col })
  vim.lsp.buf.code_action()
  local expected = line:gsub('90,000', '68,000', 1)
  check(vim.wait(10000, function()
    return vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1] == expected
  end, 20), 'the code action did not change the line; it is: '
    .. tostring(vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]) .. ' (chosen: ' .. tostring(chosen) .. ')')
  out('ok: applied "' .. tostring(chosen) .. '"')
  check(vim.wait(20000, function()
    return #conflicts() == 0
  end, 20), 'the number-conflict diagnostic stayed after the fix')
  out('ok: the diagnostic is gone after the fix')
end

stop_clients()
check(exit_code == 0, 'the server exited with ' .. tostring(exit_code))
out('ok: the server exited cleanly')
out('PASS')
vim.cmd('qall!')
