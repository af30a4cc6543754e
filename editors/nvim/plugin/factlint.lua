-- Loaded from the runtimepath: :FactlintFigures, whether the server was started by
-- require('factlint').setup{} or by vim.lsp.enable('factlint') (lsp/factlint.lua, Neovim 0.11+).
if vim.g.loaded_factlint then
  return
end
vim.g.loaded_factlint = true
require('factlint.figures').create_command()
