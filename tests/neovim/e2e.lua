-- Neovim end-to-end checks, run by tests/neovim/run.sh in a headless nvim. This nvim is only the
-- driver: it starts a second, embedded nvim (the editor under test) with the plugin on its
-- runtimepath, and drives it over RPC the way a user would (keys through nvim_input, so insert-mode
-- autocommands and mappings run for real). Every wait polls with a bounded timeout.
local plugin = assert(os.getenv('NANOLSP_PLUGIN'), 'NANOLSP_PLUGIN: the editors/neovim folder')
local server = assert(os.getenv('NANOLSP_CMD'), 'NANOLSP_CMD: the installed nanolsp command')
local workspace = assert(os.getenv('NANOLSP_WORKSPACE'), 'NANOLSP_WORKSPACE: a copy of samples/Inventory')

local passed, failed = 0, 0

local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok   %s', name)
  else
    failed = failed + 1
    say('FAIL %s: %s', name, tostring(detail))
  end
  return ok
end

-- The plugin's server and dotnet discovery on every platform's layout, before the editor part.
local located, locate_error = pcall(dofile(plugin .. '/../../tests/neovim/locate_spec.lua'), check, plugin)
if not located then check('locate: the checks ran to the end', false, locate_error) end

local started = vim.loop.hrtime()
local function elapsed()
  return (vim.loop.hrtime() - started) / 1e9
end

local chan = vim.fn.jobstart({ 'nvim', '--embed', '--headless', '-u', 'NONE', '-i', 'NONE', '-n',
  '--cmd', 'set rtp^=' .. plugin, '--cmd', 'filetype on' }, { rpc = true })
assert(chan > 0, 'could not start the nvim under test')

local function lua(code, ...)
  return vim.fn.rpcrequest(chan, 'nvim_exec_lua', code, { ... })
end

local function input(keys)
  vim.fn.rpcrequest(chan, 'nvim_input', keys)
end

--- Polls fn (Lua source run in the editor under test) until it returns a non-nil value.
local function wait_for(timeout_ms, code, ...)
  local args = { ... }
  local value
  vim.wait(timeout_ms, function()
    value = vim.fn.rpcrequest(chan, 'nvim_exec_lua', code, args)
    return value ~= nil and value ~= vim.NIL
  end, 100)
  if value == vim.NIL then
    return nil
  end
  return value
end

local function run()
  -- The packed tool itself: the command answers, and the shipped model sits next to the server.
  local version = vim.fn.system({ server, '--version' })
  check('the installed nanolsp prints its version', vim.v.shell_error == 0 and version:match('^NanoLsp %d'), version)
  local store = vim.fn.fnamemodify(server, ':h') .. '/.store'
  local manifests = vim.fn.globpath(store, '**/models/nano-csharp/nano-model.json', true, true)
  check('the tool carries the shipped model next to the server', #manifests == 1, vim.inspect(manifests))

  -- A new file with an error the fixes know: StringBuilder without `using System.Text;`.
  local planted = workspace .. '/Services/Pricing.cs'
  local f = assert(io.open(planted, 'w'))
  f:write([[
namespace Inventory.Services;

public static class Pricing
{
    public static string Describe(decimal price)
    {
        var text = new StringBuilder();
        text.Append(price);
        return text.ToString();
    }
}
]])
  f:close()

  lua([[
    local cmd, settings = ...
    require('nanolsp').setup({ cmd = { cmd, '--stdio' }, settings = settings })
    -- The user's pick in the code-action menu: the action whose title holds _G.pick.
    vim.ui.select = function(items, _, on_choice)
      for i, item in ipairs(items) do
        if item[2].title:find(_G.pick, 1, true) then
          return on_choice(item, i)
        end
      end
      on_choice(nil, nil)
    end
  ]], server, {
    -- A loaded 2-core CI machine can be slower than the default 300 ms budget of a typed suggestion.
    nanolsp = { inlineCompletion = { deadlineMs = 10000 } },
  })

  -- 1. Diagnostics for the planted error.
  lua('vim.cmd("edit " .. ...)', planted)
  local diagnostic = wait_for(180000, [[
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.code == 'CS0246' and d.message:find('StringBuilder', 1, true) then
        return { lnum = d.lnum, col = d.col, message = d.message }
      end
    end
  ]])
  check('diagnostics arrive for a planted error (CS0246)', diagnostic,
    'none after 180 s; got: ' .. vim.inspect(lua('return vim.diagnostic.get(0)')))
  local root = lua('return vim.lsp.buf_get_clients(0)[1] and vim.lsp.buf_get_clients(0)[1].config.root_dir')
  check('the client runs in the project folder (root detection)', root == workspace, tostring(root))
  say('     (workspace loaded, diagnostics after %.1f s)', elapsed())

  if diagnostic then
    -- 2. Hover on it explains the error.
    lua('vim.api.nvim_win_set_cursor(0, { ... })', diagnostic.lnum + 1, diagnostic.col + 1)
    lua('vim.lsp.buf.hover()')
    local hover = wait_for(30000, [[
      for _, win in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(win).relative ~= '' then
          local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
          if text:find('CS0246', 1, true) then
            return text
          end
        end
      end
    ]])
    check('hover on the error explains it', hover and hover:find('is not known here', 1, true)
      and hover:find('StringBuilder', 1, true), 'hover: ' .. tostring(hover))
    lua([[for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then vim.api.nvim_win_close(w, true) end end]])

    -- 3. A code action applies: the quick fix adds the using.
    lua('_G.pick = "using System.Text"; vim.lsp.buf.code_action()')
    local line = wait_for(60000, [[
      for i, l in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
        if l == 'using System.Text;' then return i end
      end
    ]])
    check('code action "using System.Text;" changes the buffer', line,
      'buffer: ' .. table.concat(lua('return vim.api.nvim_buf_get_lines(0, 0, -1, false)'), '\n'))
    local cleared = wait_for(60000, [[
      for _, d in ipairs(vim.diagnostic.get(0)) do
        if d.severity == vim.diagnostic.severity.ERROR then return nil end
      end
      return true
    ]])
    check('the error is gone after the fix', cleared, vim.inspect(lua('return vim.diagnostic.get(0)')))
  end

  -- 4. The model's state, from nanolsp/modelStatus.
  local state = wait_for(120000, [[
    local s = require('nanolsp').status
    if s and s.state ~= 'loading' then return s.state end
  ]])
  local status = vim.fn.rpcrequest(chan, 'nvim_exec', 'NanoLspStatus', true)
  check(':NanoLspStatus shows the model ready', state == 'ready' and status:find('ready', 1, true),
    'state ' .. tostring(state) .. ', :NanoLspStatus said: ' .. status)

  -- 5. An inline suggestion from the real model: after `Product.Un` the shipped model says `itPrice`.
  local stock = workspace .. '/Models/StockItem.cs'
  lua('vim.cmd("edit " .. ...)', stock)
  local target = lua([[
    for i, l in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
      local at = l:find('Product.UnitPrice', 1, true)
      if at then
        local prefix = l:sub(1, at + #'Product.U' - 1)
        vim.api.nvim_buf_set_lines(0, i - 1, i, false, { prefix })
        vim.api.nvim_win_set_cursor(0, { i, #prefix - 1 })
        return { row = i, prefix = prefix }
      end
    end
  ]])
  assert(target, 'StockItem.cs has no Product.UnitPrice')
  wait_for(60000, 'return #vim.lsp.buf_get_clients(0) > 0 or nil')
  input('an') -- append after `Product.U`, then type `n`, as a user would

  local INLINE_NS = 'require("nanolsp.inline").namespace'
  local function shown()
    return wait_for(60000, [[
      local marks = vim.api.nvim_buf_get_extmarks(0, ]] .. INLINE_NS .. [[, 0, -1, { details = true })
      if marks[1] then
        local d = marks[1][4]
        return { row = marks[1][2], col = marks[1][3], text = d.virt_text[1][1], pos = d.virt_text_pos }
      end
    ]])
  end
  local mark = shown()
  if mark then
    say('     (suggestion %q at %s, %.1f s)', mark.text, mark.pos, elapsed())
    say('     (%s)', (vim.fn.rpcrequest(chan, 'nvim_exec', 'NanoLspStatus', true):gsub('\n', '; ')))
  end
  check('an inline suggestion appears as virtual text after Product.Un',
    mark and mark.text:sub(1, #'itPrice') == 'itPrice' and mark.row == target.row - 1,
    'extmark: ' .. vim.inspect(mark) .. '; status: ' .. vim.fn.rpcrequest(chan, 'nvim_exec', 'NanoLspStatus', true))

  if mark then
    -- Moving the cursor dismisses it; typing brings one back.
    input('<Left>')
    local gone = wait_for(5000, [[
      if #vim.api.nvim_buf_get_extmarks(0, ]] .. INLINE_NS .. [[, 0, -1, {}) == 0 then return true end
    ]])
    check('moving the cursor dismisses the suggestion', gone, 'the extmark stayed')
    input('<End><BS>n')
    mark = shown()
    check('typing shows the suggestion again', mark and mark.text:sub(1, #'itPrice') == 'itPrice', vim.inspect(mark))

    -- The accept key inserts it.
    if mark then
      input('<Tab>')
      local expected = target.prefix .. 'n' .. mark.text
      local line = wait_for(5000, [[
        local l = vim.api.nvim_get_current_line()
        if l == ... then return l end
      ]], expected)
      local cursor = lua('return vim.api.nvim_win_get_cursor(0)')
      check('Tab accepts the suggestion into the buffer', line and cursor[2] == #expected,
        'line ' .. vim.inspect(lua('return vim.api.nvim_get_current_line()')) .. ', expected ' .. vim.inspect(expected)
          .. ', cursor ' .. vim.inspect(cursor))
    end
  end

  -- Tab without a suggestion still inserts a tab (normal Tab).
  input('<Esc>')
  wait_for(5000, 'if vim.api.nvim_get_mode().mode == "n" then return true end')
  lua([[
    vim.api.nvim_buf_set_lines(0, -1, -1, false, { '' })
    vim.api.nvim_win_set_cursor(0, { vim.api.nvim_buf_line_count(0), 0 })
  ]])
  input('i<Tab><Esc>')
  local tab = wait_for(5000, [[
    if vim.api.nvim_get_mode().mode == 'n' then
      return vim.api.nvim_buf_get_lines(0, -2, -1, false)[1]
    end
  ]])
  check('Tab without a suggestion inserts a tab', tab == '\t', 'last line: ' .. vim.inspect(tab))

  -- Multi-line rendering and insertion. The sample has no spot where the shipped model answers with
  -- several lines, so this shows a fixed multi-line text through the same path a server answer takes.
  local multi = lua([[
    local inline = require('nanolsp.inline')
    local bufnr = vim.api.nvim_get_current_buf()
    local row = vim.api.nvim_buf_line_count(bufnr) - 1
    vim.api.nvim_buf_set_lines(bufnr, row, row + 1, false, { '    if (Quantity == 0)' })
    inline.present(bufnr, row, #'    if (Quantity == 0)', '\n    {\n        return;\n    }')
    local mark = vim.api.nvim_buf_get_extmarks(bufnr, inline.namespace, 0, -1, { details = true })[1]
    local accepted = inline.accept(bufnr)
    return { virt_lines = mark and mark[4].virt_lines, accepted = accepted,
      lines = vim.api.nvim_buf_get_lines(bufnr, row, -1, false), cursor = vim.api.nvim_win_get_cursor(0), row = row }
  ]])
  check('a multi-line suggestion shows its other lines as virtual lines',
    multi.virt_lines and #multi.virt_lines == 3 and multi.virt_lines[3][1][1] == '    }', vim.inspect(multi))
  check('accepting a multi-line suggestion inserts every line', multi.accepted
    and vim.deep_equal(multi.lines, { '    if (Quantity == 0)', '    {', '        return;', '    }' })
    and multi.cursor[1] == multi.row + 4 and multi.cursor[2] >= 4, vim.inspect(multi)) -- normal mode: on the last char

  -- A server command that is not there: a clear message, no client, the editor keeps working.
  local refused = lua([[
    local said
    vim.notify = function(msg) said = msg end
    local nanolsp = require('nanolsp')
    local real = nanolsp.config.cmd
    nanolsp.config.cmd = { '/nonexistent/nanolsp', '--stdio' }
    vim.cmd('enew')
    vim.api.nvim_buf_set_name(0, ... .. '/Scratch.cs')
    local id = nanolsp.attach(0)
    nanolsp.config.cmd = real
    return { id = id, said = said }
  ]], workspace)
  check('a missing server command is reported, not thrown', refused.id == nil and refused.said
    and refused.said:find('not executable', 1, true), vim.inspect(refused))
end

-- An error in a step (an RPC call failing, say) is one more failure, and the summary still prints.
local ok, err = xpcall(run, debug.traceback)
if not ok then
  check('the checks ran to the end', false, err)
end

vim.fn.rpcnotify(chan, 'nvim_command', 'qall!')
vim.fn.jobwait({ chan }, 10000)
say('neovim: %d passed, %d failed (%.1f s)', passed, failed, elapsed())
vim.cmd(failed == 0 and passed > 0 and 'qall!' or 'cquit 1')
