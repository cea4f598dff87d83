-- Inline (ghost text) suggestions from NanoLsp's model.
-- Neovim 0.12 has LSP inline completion built in (vim.lsp.inline_completion): that is used when it
-- exists. Older versions (Debian's 0.7.2) get this module's own rendering: it asks the server's
-- `nanolsp/inlineCompletion` (the LSP 3.18 request under a custom name, docs/protocol.md) while the
-- user types and shows the first item as virtual text.
local api = vim.api

local M = {}

local ns = api.nvim_create_namespace('nanolsp_inline')
M.namespace = ns

local TRIGGER_INVOKED, TRIGGER_AUTOMATIC = 1, 2
local REQUEST_CANCELLED = -32800

-- Per buffer: { client, opts, seq, pending = request id, timer, suggestion = { row, col, text, mark } }
local buffers = {}

-- Neovim 0.11 changed these signatures (encoding first, client methods); 0.7 has only the old ones.
local new_api = vim.fn.has('nvim-0.11') == 1

local function utf16_index(line, byte_col)
  if new_api then
    return vim.str_utfindex(line, 'utf-16', byte_col, false)
  end
  local _, utf16 = vim.str_utfindex(line, byte_col)
  return utf16
end

local function byte_index(line, utf16_col)
  if new_api then
    return vim.str_byteindex(line, 'utf-16', utf16_col, false)
  end
  return vim.str_byteindex(line, utf16_col, true)
end

local function client_request(client, method, params, handler, bufnr)
  if new_api then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function client_cancel(client, id)
  if new_api then
    return client:cancel_request(id)
  end
  return client.cancel_request(id)
end

local function termcodes(keys)
  return api.nvim_replace_termcodes(keys, true, false, true)
end

function M.clear(bufnr)
  local b = buffers[bufnr]
  if b and b.suggestion then
    pcall(api.nvim_buf_del_extmark, bufnr, ns, b.suggestion.mark)
    b.suggestion = nil
  end
end

--- The suggestion shown in the buffer, if any: { row, col (bytes, 0-based), text }.
function M.current(bufnr)
  local b = buffers[bufnr]
  return b and b.suggestion
end

local function cancel_pending(b)
  if b.timer then
    b.timer:stop()
  end
  if b.pending then
    client_cancel(b.client, b.pending)
    b.pending = nil
  end
end

local function show(bufnr, row, col, text, hl_group)
  M.clear(bufnr)
  -- Virtual text shows a tab as ^I; expand it as the buffer would.
  text = text:gsub('\t', string.rep(' ', vim.bo[bufnr].tabstop))
  local lines = vim.split(text, '\n', true)
  local line = api.nvim_buf_get_lines(bufnr, row, row + 1, true)[1]
  local opts = { virt_text = { { lines[1], hl_group } }, hl_mode = 'combine' }
  if vim.fn.has('nvim-0.10') == 1 then
    opts.virt_text_pos = 'inline'
  elseif col >= #line then
    opts.virt_text_pos = 'overlay' -- right after the cursor: nothing to cover at the end of the line
  else
    opts.virt_text_pos = 'eol' -- mid-line an overlay would hide the rest of the line
  end
  if #lines > 1 then
    opts.virt_lines = vim.tbl_map(function(l) return { { l, hl_group } } end, { unpack(lines, 2) })
  end
  return api.nvim_buf_set_extmark(bufnr, ns, row, col, opts)
end

--- Shows text as the buffer's suggestion at (row, col), 0-based, col in bytes; the accept key inserts it.
function M.present(bufnr, row, col, text)
  local b = buffers[bufnr]
  local mark = show(bufnr, row, col, text, b.opts.hl_group)
  b.suggestion = { row = row, col = col, text = text, mark = mark }
end

-- The text an item adds at the cursor. Its range may start before the cursor (a 3.18 server may
-- re-send the word being typed); what the buffer already holds there is left out.
local function text_at_cursor(item, line, character)
  local text = type(item.insertText) == 'table' and item.insertText.value or item.insertText
  if type(text) ~= 'string' or text == '' then
    return nil
  end
  local start = item.range and item.range.start
  if start and start.character < character then
    local typed = line:sub(byte_index(line, start.character) + 1, byte_index(line, character))
    if text:sub(1, #typed) ~= typed then
      return nil
    end
    text = text:sub(#typed + 1)
  end
  return text ~= '' and text or nil
end

--- Asks the server for a suggestion at the cursor; the newest request wins.
function M.request(bufnr, trigger_kind)
  local b = buffers[bufnr]
  if not b or api.nvim_get_current_buf() ~= bufnr then
    return
  end
  cancel_pending(b)
  local row, col = unpack(api.nvim_win_get_cursor(0))
  row = row - 1
  local line = api.nvim_buf_get_lines(bufnr, row, row + 1, true)[1]
  local character = utf16_index(line, col)
  local tick = api.nvim_buf_get_changedtick(bufnr)
  b.seq = b.seq + 1
  local seq = b.seq
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = row, character = character },
    context = { triggerKind = trigger_kind or TRIGGER_AUTOMATIC },
  }
  local ok, id = client_request(b.client, 'nanolsp/inlineCompletion', params, function(err, result)
    if seq ~= b.seq then
      return -- a newer request was sent meanwhile
    end
    b.pending = nil
    if err then
      -- Said once, not at every keystroke that meets the same problem.
      if err.code ~= REQUEST_CANCELLED and err.message ~= b.last_error then
        b.last_error = err.message
        vim.notify('NanoLsp inline completion: ' .. tostring(err.message), vim.log.levels.WARN)
      end
      return
    end
    -- Only where the user still is: same text, same place, still typing.
    local mode = api.nvim_get_mode().mode
    if api.nvim_get_current_buf() ~= bufnr or mode:sub(1, 1) ~= 'i'
        or api.nvim_buf_get_changedtick(bufnr) ~= tick then
      return
    end
    local now_row, now_col = unpack(api.nvim_win_get_cursor(0))
    if now_row - 1 ~= row or now_col ~= col then
      return
    end
    local items = result and (result.items or result) or {}
    local text = items[1] and text_at_cursor(items[1], line, character)
    if text then
      M.present(bufnr, row, col, text)
    end
  end, bufnr)
  b.pending = ok and id or nil
end

local function schedule_request(bufnr)
  local b = buffers[bufnr]
  M.clear(bufnr)
  if b.opts.debounce_ms <= 0 then
    M.request(bufnr, TRIGGER_AUTOMATIC)
    return
  end
  b.timer = b.timer or vim.loop.new_timer()
  b.timer:stop()
  b.timer:start(b.opts.debounce_ms, 0, vim.schedule_wrap(function()
    if buffers[bufnr] and api.nvim_get_mode().mode:sub(1, 1) == 'i' then
      M.request(bufnr, TRIGGER_AUTOMATIC)
    end
  end))
end

--- Inserts the shown suggestion at the cursor; false when none is shown.
function M.accept(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  local s = M.current(bufnr)
  if not s then
    return false
  end
  M.clear(bufnr)
  local lines = vim.split(s.text, '\n', true)
  api.nvim_buf_set_text(bufnr, s.row, s.col, s.row, s.col, lines)
  local last_row = s.row + #lines - 1
  local last_col = (#lines == 1 and s.col or 0) + #lines[#lines]
  api.nvim_win_set_cursor(0, { last_row + 1, last_col })
  return true
end

local function map_native(bufnr, opts)
  -- Neovim 0.12+: the built-in client renders and accepts 3.18 textDocument/inlineCompletion.
  vim.lsp.inline_completion.enable(true, { bufnr = bufnr })
  if opts.keys.accept then
    vim.keymap.set('i', opts.keys.accept, function()
      if not vim.lsp.inline_completion.get() then
        return opts.keys.accept
      end
    end, { expr = true, buffer = bufnr, desc = 'NanoLsp: accept the inline suggestion' })
  end
end

function M.attach(client, bufnr, opts)
  if vim.lsp.inline_completion and vim.lsp.inline_completion.enable then
    map_native(bufnr, opts)
    return
  end
  -- Idempotent: a re-attach (after :edit or a server restart) keeps the state and renews the hooks.
  local b = buffers[bufnr] or { seq = 0 }
  b.client, b.opts = client, opts
  buffers[bufnr] = b

  local group = api.nvim_create_augroup('nanolsp_inline_' .. bufnr, { clear = true })
  api.nvim_create_autocmd({ 'TextChangedI', 'TextChangedP' }, {
    group = group, buffer = bufnr, callback = function() schedule_request(bufnr) end,
  })
  api.nvim_create_autocmd('CursorMovedI', {
    group = group, buffer = bufnr,
    callback = function()
      local s = M.current(bufnr)
      local row, col = unpack(api.nvim_win_get_cursor(0))
      if s and (row - 1 ~= s.row or col ~= s.col) then
        M.clear(bufnr)
      end
    end,
  })
  api.nvim_create_autocmd({ 'InsertLeave', 'BufLeave' }, {
    group = group, buffer = bufnr,
    callback = function()
      cancel_pending(buffers[bufnr])
      M.clear(bufnr)
    end,
  })
  api.nvim_create_autocmd('BufWipeout', {
    group = group, buffer = bufnr,
    callback = function()
      local b = buffers[bufnr]
      if b and b.timer then
        b.timer:stop()
        b.timer:close()
      end
      buffers[bufnr] = nil
      pcall(api.nvim_del_augroup_by_id, group)
    end,
  })

  local keys = opts.keys or {}
  if keys.accept then
    -- Expression map: with a suggestion, accept it (<Cmd> may change the buffer, an expression may
    -- not); without one, the key does what it does natively.
    vim.keymap.set('i', keys.accept, function()
      if M.current(bufnr) then
        return '<Cmd>lua require("nanolsp.inline").accept()<CR>'
      end
      return keys.accept
    end, { expr = true, buffer = bufnr, desc = 'NanoLsp: accept the inline suggestion' })
  end
  if keys.dismiss then
    vim.keymap.set('i', keys.dismiss, function()
      if M.current(bufnr) then
        M.clear(bufnr)
      else
        api.nvim_feedkeys(termcodes(keys.dismiss), 'n', false)
      end
    end, { buffer = bufnr, desc = 'NanoLsp: dismiss the inline suggestion' })
  end
  if keys.trigger then
    vim.keymap.set('i', keys.trigger, function() M.request(bufnr, TRIGGER_INVOKED) end,
      { buffer = bufnr, desc = 'NanoLsp: ask for an inline suggestion' })
  end
end

return M
