-- Where the `nanolsp` dotnet tool and `dotnet` are, as each platform's installers lay them out.
-- An editor started from a dock, a start menu or a desktop file often lacks ~/.dotnet/tools on
-- PATH, and the tool's launcher does not look in Homebrew's folder for dotnet: both are found here.
-- Every function takes a host (what the machine looks like) so other platforms' layouts can be
-- tested anywhere (tests/neovim/locate_spec.lua); M.host() is the real one.
local M = {}

--- The machine as the functions below see it.
function M.host()
  local uname = vim.loop.os_uname()
  local os_name = uname.sysname == 'Darwin' and 'macos' or uname.sysname:find('Windows') and 'windows' or 'linux'
  local machine = uname.machine:lower()
  return {
    os = os_name,
    arch = (machine == 'aarch64' or machine == 'arm64') and 'arm64' or 'x64',
    env = function(name) return vim.loop.os_getenv(name) end,
    home = vim.loop.os_homedir(),
    exists = function(path)
      local stat = vim.loop.fs_stat(path)
      return stat ~= nil and stat.type ~= 'directory'
    end,
    read = function(path)
      local file = io.open(path, 'r')
      if not file then return nil end
      local text = file:read('*a')
      file:close()
      return text
    end,
    realpath = function(path) return vim.loop.fs_realpath(path) or path end,
  }
end

local function sep(host) return host.os == 'windows' and '\\' or '/' end
local function join(host, ...) return table.concat({ ... }, sep(host)) end
local function dirname(host, path) return path:match('^(.*)[' .. (host.os == 'windows' and '\\/' or '/') .. ']') or path end
local function trim(s) return s and (s:gsub('^%s+', ''):gsub('%s+$', ''):gsub('^"(.*)"$', '%1')) or nil end

--- PATH's folders (Windows entries may be quoted).
function M.path_dirs(host)
  local value = host.env('PATH') or host.env('Path') or ''
  local dirs = {}
  for dir in value:gmatch(host.os == 'windows' and '[^;]+' or '[^:]+') do
    dir = trim(dir)
    if dir ~= '' then table.insert(dirs, dir) end
  end
  return dirs
end

--- The folders the installers use, most common first.
function M.default_roots(host)
  if host.os == 'windows' then
    local pf = host.env('ProgramFiles') or 'C:\\Program Files'
    local roots = { join(host, pf, 'dotnet') }
    if host.arch == 'x64' then table.insert(roots, join(host, pf, 'dotnet', 'x64')) end
    if host.env('LOCALAPPDATA') then table.insert(roots, join(host, host.env('LOCALAPPDATA'), 'Microsoft', 'dotnet')) end
    table.insert(roots, join(host, host.home, '.dotnet'))
    return roots
  elseif host.os == 'macos' then
    return { '/usr/local/share/dotnet', '/usr/local/share/dotnet/x64', '/opt/homebrew/opt/dotnet/libexec',
      '/usr/local/opt/dotnet/libexec', host.home .. '/.dotnet' }
  end
  return { '/usr/share/dotnet', '/usr/lib/dotnet', '/usr/lib64/dotnet', '/snap/dotnet-sdk/current',
    '/usr/local/share/dotnet', host.home .. '/.dotnet' }
end

--- { path, root, source } of dotnet, in the .NET host's own order with PATH before the defaults;
--- nil when there is none.
function M.dotnet(host)
  local exe = host.os == 'windows' and 'dotnet.exe' or 'dotnet'
  local function try(root, source)
    root = trim(root)
    if not root or root == '' then return nil end
    local file = join(host, root, exe)
    if host.exists(file) then
      return { path = file, root = dirname(host, host.realpath(file)), source = source }
    end
  end
  local found = try(host.env('DOTNET_ROOT_' .. host.arch:upper()), 'DOTNET_ROOT') or try(host.env('DOTNET_ROOT'), 'DOTNET_ROOT')
  if found then return found end
  for _, dir in ipairs(M.path_dirs(host)) do
    found = try(dir, 'PATH')
    if found then return found end
  end
  if host.os ~= 'windows' then
    for _, file in ipairs({ '/etc/dotnet/install_location_' .. host.arch, '/etc/dotnet/install_location' }) do
      local text = host.read(file)
      found = text and try(text:match('^[^\r\n]*'), 'install_location')
      if found then return found end
    end
  end
  for _, root in ipairs(M.default_roots(host)) do
    found = try(root, 'default location')
    if found then return found end
  end
  return nil
end

--- The `nanolsp` tool: on PATH (with Windows' extensions), else in ~/.dotnet/tools where
--- `dotnet tool install --global` puts it. nil when neither has it.
function M.server(host, name)
  name = name or 'nanolsp'
  local names = { name }
  if host.os == 'windows' and not name:find('%.%w+$') then names = { name .. '.exe', name .. '.cmd', name .. '.bat' } end
  local dirs = M.path_dirs(host)
  table.insert(dirs, join(host, host.home, '.dotnet', 'tools'))
  for _, dir in ipairs(dirs) do
    for _, candidate in ipairs(names) do
      local file = join(host, dir, candidate)
      if host.exists(file) then return file end
    end
  end
  return nil
end

--- Environment for the server process: DOTNET_ROOT names the dotnet found (the tool's launcher
--- looks there, not on PATH), and a dotnet found off PATH goes first on it. nil: nothing to add.
function M.server_env(host, dotnet)
  if not dotnet then return nil end
  local env = {}
  local current = host.env('DOTNET_ROOT')
  if not current or current == '' then env.DOTNET_ROOT = dotnet.root end
  if dotnet.source ~= 'PATH' then
    local path = host.env('PATH') or host.env('Path') or ''
    env.PATH = dotnet.root .. (host.os == 'windows' and ';' or ':') .. path
  end
  return next(env) and env or nil
end

return M
