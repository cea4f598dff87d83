-- NanoLsp for Neovim: starts the `nanolsp` language server for C# buffers and shows its inline
-- suggestions. Works with Neovim 0.7.2 (Debian 12) and later; see editors/neovim/README.md.
local inline = require('nanolsp.inline')
local locate = require('nanolsp.locate')

local M = {}

local defaults = {
  cmd = { 'nanolsp', '--stdio' },
  filetypes = { 'cs' },
  -- Nearest folder that holds one of these, searched in this order: a solution beats a project,
  -- which beats a repository root. Without any, the file's own folder.
  root_markers = { { '*.sln', '*.slnx' }, { '*.csproj' }, { '.git' } },
  -- Sent as initializationOptions and workspace/didChangeConfiguration, e.g.
  -- { nanolsp = { inlineCompletion = { deadlineMs = 500 } } } (docs/protocol.md lists them).
  settings = {},
  on_attach = nil,
  capabilities = nil,
  inline = {
    enabled = true,
    -- The server already lets the newest request win; this only spares requests for keys typed
    -- faster than this.
    debounce_ms = 30,
    keys = { accept = '<Tab>', dismiss = '<C-]>', trigger = '<M-\\>' },
    hl_group = 'NanoLspSuggestion',
  },
}

M.config = nil
M.status = nil -- the last nanolsp/modelStatus notification's params
local clients = {} -- root folder -> client id (Neovim 0.7 has no vim.lsp.start to reuse clients)

local function has_marker(dir, pattern)
  if pattern:find('[*?]') then
    return vim.fn.glob(dir .. '/' .. pattern, true, true)[1] ~= nil
  end
  return vim.loop.fs_stat(dir .. '/' .. pattern) ~= nil
end

--- The folder the server loads for a file: the nearest ancestor holding a marker of the first group
--- that matches anywhere above the file, so a solution folder wins over the project inside it.
function M.find_root(path, markers)
  markers = markers or (M.config or defaults).root_markers
  local start = vim.fn.fnamemodify(path, ':p:h')
  for _, group in ipairs(markers) do
    local dir = start
    while true do
      for _, pattern in ipairs(type(group) == 'table' and group or { group }) do
        if has_marker(dir, pattern) then
          return dir
        end
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then
        break
      end
      dir = parent
    end
  end
  return start
end

local function on_model_status(_, params)
  M.status = params
  if params and (params.state == 'missing' or params.state == 'error') then
    vim.notify('NanoLsp model ' .. params.state .. ': ' .. (params.message or ''), vim.log.levels.WARN)
  end
end

function M.status_lines()
  local s = M.status
  if not s then
    return { 'NanoLsp: no model status received yet (is the server running? :LspInfo)' }
  end
  local lines = { string.format('NanoLsp model: %s: %s', s.state, s.message or '') }
  if s.lastLatencyMs then
    table.insert(lines, string.format('last inline completion: %d ms', s.lastLatencyMs))
  end
  local c = s.lastCompletion
  if type(c) == 'table' then
    table.insert(lines, string.format('  source %s, %s item(s), prompt %s tokens (%s reused), %s generated, stop: %s',
      tostring(c.source), tostring(c.items), tostring(c.promptTokens), tostring(c.reusedPromptTokens),
      tostring(c.generatedTokens), tostring(c.stopReason)))
  end
  return lines
end

--- The command to run and its extra environment. The default `nanolsp` is looked for on PATH and
--- in ~/.dotnet/tools; a `dotnet` command (a NanoLsp.dll run with it) gets the dotnet found where
--- the platform's installers put it; the server gets DOTNET_ROOT for that dotnet either way.
function M.resolve_cmd(host)
  host = host or locate.host()
  local cmd = vim.deepcopy(M.config.cmd)
  local dotnet = locate.dotnet(host)
  if cmd[1] == 'nanolsp' and vim.fn.executable('nanolsp') == 0 then
    cmd[1] = locate.server(host) or cmd[1]
  elseif cmd[1] == 'dotnet' and dotnet then
    cmd[1] = dotnet.path
  end
  return cmd, locate.server_env(host, dotnet)
end

local function client_config(root, cmd, env)
  local config = M.config
  return {
    name = 'nanolsp',
    cmd = cmd,
    cmd_env = env,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    capabilities = config.capabilities or vim.lsp.protocol.make_client_capabilities(),
    settings = config.settings,
    init_options = config.settings,
    handlers = { ['nanolsp/modelStatus'] = on_model_status },
    on_attach = function(client, bufnr)
      if config.inline.enabled then
        inline.attach(client, bufnr, config.inline)
      end
      if config.on_attach then
        config.on_attach(client, bufnr)
      end
    end,
    on_exit = function(code, signal)
      clients[root] = nil
      if code ~= 0 then
        vim.notify(string.format('NanoLsp exited with code %d (signal %d)', code, signal), vim.log.levels.WARN)
      end
    end,
  }
end

--- Starts (or reuses) the client for the buffer's root folder and attaches it.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local cmd, env = M.resolve_cmd()
  if vim.fn.executable(cmd[1]) == 0 then
    vim.notify('NanoLsp: ' .. cmd[1] .. ' is not executable (looked on PATH and in ~/.dotnet/tools). Install it with '
      .. '`bash scripts/pack-tool.sh && dotnet tool install --global --add-source artifacts/nupkg NanoLsp` '
      .. '(from the NanoLsp repository) or set cmd in setup{}.', vim.log.levels.ERROR)
    return nil
  end
  local root = M.find_root(name)
  if vim.lsp.start then
    -- 0.8+: reuses the client of the same name and root (start_client is deprecated from 0.11).
    return vim.lsp.start(client_config(root, cmd, env), { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(client_config(root, cmd, env))
    if not id then
      return nil
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- Lists are replaced, not merged index by index.
  if opts and opts.cmd then
    M.config.cmd = opts.cmd
  end
  if opts and opts.root_markers then
    M.config.root_markers = opts.root_markers
  end
  vim.cmd('highlight default link NanoLspSuggestion Comment')

  local group = vim.api.nvim_create_augroup('nanolsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args) M.attach(args.buf) end,
  })
  vim.api.nvim_create_user_command('NanoLspStatus', function()
    vim.api.nvim_echo(vim.tbl_map(function(l) return { l .. '\n' } end, M.status_lines()), false, {})
  end, { desc = 'Show the NanoLsp model state' })

  -- Buffers already open when setup runs (e.g. a lazy-loaded plugin).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
