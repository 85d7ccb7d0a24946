-- Drives crieur's language server from Neovim (0.7 and later), as a CM's
-- editor would: open a post, wait for the diagnostics, ask for the code
-- actions on the typography finding, apply the fix, wait for the
-- diagnostics to be updated, and write what happened as JSON to $OUT.
local out = {}
local function finish()
  vim.fn.writefile({vim.fn.json_encode(out)}, os.getenv('OUT'))
  vim.cmd('qa!')
end

local function run()
  local id = vim.lsp.start_client({
    name = 'crieur',
    cmd = {os.getenv('SERVER'), '-test.run=^$'},
    cmd_env = {CRIEUR_LSP_SERVE = '1'},
    root_dir = os.getenv('ROOT'),
    flags = {debounce_text_changes = 0},
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('POST')))
  vim.lsp.buf_attach_client(0, id)
  local function typo()
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.code == 'typo.fr.nbsp' then return d end
    end
  end
  if not vim.wait(30000, function() return typo() ~= nil end, 20) then
    out.error = 'no typo.fr.nbsp diagnostic within 30 s'
    return
  end
  local d = typo()
  out.diagnostic = {line = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message}
  local params = {
    textDocument = {uri = vim.uri_from_bufnr(0)},
    range = {start = {line = d.lnum, character = 0}, ['end'] = {line = d.lnum + 1, character = 0}},
    context = {diagnostics = {}},
  }
  local res = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000)
  out.titles = {}
  local fix
  for _, r in pairs(res or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(out.titles, a.title)
      if a.title:find('^Fix: ') and fix == nil then fix = a end
    end
  end
  if fix == nil then
    out.error = 'no fix among the code actions'
    return
  end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  out.fixed = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1]
  out.updated = vim.wait(30000, function() return typo() == nil end, 20)
  out.left = #vim.diagnostic.get(0)
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
finish()
