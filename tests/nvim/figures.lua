-- Headless Neovim test of :FactlintFigures (run by tests/editors/nvim.sh, on every nvim it finds).
--
-- On Neovim 0.11+ the server is started the 0.11 way: lsp/factlint.lua through
-- vim.lsp.config + vim.lsp.enable, and :FactlintFigures comes from plugin/factlint.lua. On older
-- versions through require('factlint').setup{}. Then: the figure map of the fixture draft opens
-- in a floating window with the corpus variant, and <CR> on it opens the source at the figure.
--
-- Environment: FACTLINT_BIN, FACTLINT_PLUGIN, FACTLINT_WS (a copy of fixtures/lsp/nvim).

local bin = os.getenv('FACTLINT_BIN')
local plugin = os.getenv('FACTLINT_PLUGIN')
local ws = os.getenv('FACTLINT_WS')

local function out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients()
  end
  return vim.lsp.get_active_clients()
end

local function stop_clients()
  for _, c in pairs(clients()) do
    if vim.fn.has('nvim-0.11') == 1 then
      c:stop()
    else
      c.stop()
    end
  end
  vim.wait(5000, function()
    return #clients() == 0
  end, 20)
end

local function check(cond, msg)
  if not cond then
    out('FAIL: ' .. msg)
    pcall(stop_clients)
    vim.cmd('cquit 1')
    error(msg)
  end
end

check(bin and plugin and ws, 'set FACTLINT_BIN, FACTLINT_PLUGIN and FACTLINT_WS')
vim.opt.runtimepath:append(plugin)
vim.cmd('filetype on')

local modern = vim.lsp.config ~= nil and vim.lsp.enable ~= nil
if modern then
  vim.lsp.config('factlint', { cmd = { bin, 'lsp' }, init_options = { debounceMs = 0 } })
  vim.lsp.enable('factlint')
  -- -u NONE loads no plugins: source the one this test is about.
  vim.cmd('runtime plugin/factlint.lua')
  out('ok: started with vim.lsp.config/vim.lsp.enable (lsp/factlint.lua)')
else
  require('factlint').setup({ cmd = { bin, 'lsp' }, debounce_ms = 0 })
  out('ok: started with require("factlint").setup')
end
check(vim.fn.exists(':FactlintFigures') == 2, ':FactlintFigures is not defined')

vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/draft.md'))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'markdown' then
  vim.bo[buf].filetype = 'markdown'
end
local figures = require('factlint.figures')
check(vim.wait(15000, function()
  local c = figures.client(buf)
  return c ~= nil and c.server_capabilities ~= nil and c.server_capabilities.executeCommandProvider ~= nil
end, 20), 'the factlint client did not attach')
local root = figures.client(buf).config.root_dir
check(root == ws, 'root_dir ' .. tostring(root) .. ' is not ' .. ws)
-- Once the corpus is indexed the draft has its number-conflict.
check(vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'number-conflict' then
      return true
    end
  end
  return false
end, 20), 'no number-conflict: the corpus was not used')
out('ok: diagnostics')

local draft_win = vim.api.nvim_get_current_win()
vim.cmd('FactlintFigures')
local float
check(vim.wait(10000, function()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      float = w
      return true
    end
  end
  return false
end, 20), 'no floating window')
local fbuf = vim.api.nvim_win_get_buf(float)
check(vim.bo[fbuf].filetype == 'factlint-figures', 'filetype ' .. vim.bo[fbuf].filetype)
local lines = vim.api.nvim_buf_get_lines(fbuf, 0, -1, false)
local text = table.concat(lines, '\n')
check(text:find('68,000', 1, true) ~= nil, 'the corpus figure is not in the map:\n' .. text)
check(text:find('Harbor Ledger', 1, true) ~= nil, 'the source is not named:\n' .. text)
out('ok: the figure map shows 68,000 from Harbor Ledger')
check(vim.api.nvim_get_current_win() == float, 'the map window has no focus')
local at = vim.api.nvim_win_get_cursor(float)[1]
check((lines[at] or ''):find('68,000', 1, true) ~= nil, 'the cursor is not on the variant: ' .. tostring(lines[at]))

vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<CR>', true, false, true), 'x', false)
check(vim.wait(5000, function()
  return vim.api.nvim_buf_get_name(0):find('corpus/ledger%-bridge%.md$') ~= nil
end, 20), '<CR> did not open the source; current buffer: ' .. vim.api.nvim_buf_get_name(0))
check(not vim.api.nvim_win_is_valid(float), 'the map window stayed open')
local row, col = unpack(vim.api.nvim_win_get_cursor(0))
local line = vim.api.nvim_buf_get_lines(0, row - 1, row, false)[1] or ''
-- The figure's span (with its approximator, "About 68,000").
local here = line:sub(col + 1)
check(here:find('^68,000') or here:find('^About 68,000'), 'the cursor is not on the figure: ' .. line .. ' at ' .. col)
out('ok: <CR> opened the source at the figure')
check(vim.api.nvim_get_current_win() == draft_win, 'the source did not open in the draft window')

stop_clients()
out('PASS')
vim.cmd('qall!')
