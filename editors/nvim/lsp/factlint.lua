-- factlint for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable):
--
--   vim.lsp.enable('factlint')
--   -- optional overrides:
--   vim.lsp.config('factlint', { init_options = { severity = { ['unsourced-claim'] = 'info' } } })
--
-- Every draft is checked with the .factlint.toml nearest to it (its folder, then upward) against
-- that configuration's corpus; settings here apply over every file. :FactlintFigures (from
-- plugin/factlint.lua) shows the figure map of the current draft.
return {
  cmd = { 'factlint', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.git', '.factlint.toml' },
  -- Sent as initializationOptions and answered to workspace/configuration (section factlint).
  init_options = vim.empty_dict(),
  settings = { factlint = vim.empty_dict() },
}
