-- editors/neovim/lua/nanolsp/locate.lua on each platform's layout, from fake hosts (Windows paths
-- with Windows rules, on any machine). Run by e2e.lua with its check function before the editor part.
return function(check, plugin)
  package.path = plugin .. '/lua/?.lua;' .. package.path
  local locate = require('nanolsp.locate')

  local function host(os_name, arch, files, env, extra)
    extra = extra or {}
    local set = {}
    for _, f in ipairs(files) do set[f] = true end
    return {
      os = os_name, arch = arch,
      env = function(name) return (env or {})[name] end,
      home = extra.home or (os_name == 'windows' and 'C:\\Users\\Ada Lovelace' or os_name == 'macos' and '/Users/ada' or '/home/ada'),
      exists = function(f) return set[f] == true end,
      read = function(f) return (extra.texts or {})[f] end,
      realpath = function(f) return (extra.links or {})[f] or f end,
    }
  end
  local function is(name, got, want)
    check('locate: ' .. name, vim.deep_equal(got, want), vim.inspect(got))
  end

  is('windows Program Files dotnet', locate.dotnet(host('windows', 'x64', { 'C:\\Program Files\\dotnet\\dotnet.exe' }, { ProgramFiles = 'C:\\Program Files' })),
    { path = 'C:\\Program Files\\dotnet\\dotnet.exe', root = 'C:\\Program Files\\dotnet', source = 'default location' })
  is('windows quoted PATH entry with spaces', locate.dotnet(host('windows', 'arm64', { 'D:\\Dev Tools\\dotnet\\dotnet.exe' }, { Path = 'C:\\Windows;"D:\\Dev Tools\\dotnet"' })).source, 'PATH')
  is('windows tool shim in a home with spaces', locate.server(host('windows', 'x64', { 'C:\\Users\\Ada Lovelace\\.dotnet\\tools\\nanolsp.exe' }, { Path = 'C:\\Windows' })),
    'C:\\Users\\Ada Lovelace\\.dotnet\\tools\\nanolsp.exe')
  is('macos official installer', locate.dotnet(host('macos', 'arm64', { '/usr/local/share/dotnet/dotnet' }, { PATH = '/usr/bin' })).path, '/usr/local/share/dotnet/dotnet')
  local brew = host('macos', 'arm64', { '/opt/homebrew/bin/dotnet' }, { PATH = '/opt/homebrew/bin:/usr/bin' },
    { links = { ['/opt/homebrew/bin/dotnet'] = '/opt/homebrew/Cellar/dotnet/10.0.1/libexec/dotnet' } })
  is('macos Homebrew root is its libexec', locate.dotnet(brew).root, '/opt/homebrew/Cellar/dotnet/10.0.1/libexec')
  is('macos Homebrew root goes to the server as DOTNET_ROOT', locate.server_env(brew, locate.dotnet(brew)), { DOTNET_ROOT = '/opt/homebrew/Cellar/dotnet/10.0.1/libexec' })
  is('macos tool in ~/.dotnet/tools off PATH', locate.server(host('macos', 'arm64', { '/Users/ada/.dotnet/tools/nanolsp' }, { PATH = '/usr/bin' })), '/Users/ada/.dotnet/tools/nanolsp')
  is('install_location with spaces', locate.dotnet(host('linux', 'arm64', { '/opt/my dotnet/dotnet' }, {}, { texts = { ['/etc/dotnet/install_location'] = '/opt/my dotnet\n' } })).source, 'install_location')
  local distro = host('linux', 'x64', { '/usr/lib/dotnet/dotnet' }, { PATH = '/usr/bin' })
  is('linux distro package', locate.dotnet(distro).path, '/usr/lib/dotnet/dotnet')
  is('dotnet off PATH goes first on the server PATH', locate.server_env(distro, locate.dotnet(distro)), { DOTNET_ROOT = '/usr/lib/dotnet', PATH = '/usr/lib/dotnet:/usr/bin' })
  is('DOTNET_ROOT_ARM64 before DOTNET_ROOT', locate.dotnet(host('linux', 'arm64', { '/a/dotnet', '/b/dotnet' }, { DOTNET_ROOT_ARM64 = '/a', DOTNET_ROOT = '/b' })).path, '/a/dotnet')
  is('nothing found', locate.dotnet(host('linux', 'x64', {}, { PATH = '/usr/bin' })), nil)
  local here = locate.dotnet(locate.host())
  check('locate: this machine\'s dotnet is found', here ~= nil and vim.fn.executable(here.path) == 1, vim.inspect(here))
end
