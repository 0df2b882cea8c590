-- A minimal Neovim set-up for wsisc's language server (`wsisc lsp`), with no plugin:
-- the client built into Neovim (0.7 or newer) starts the server for *.wsis files.
--
--   nvim -u editors/nvim/init.lua draft.wsis
--
-- or copy the part you need into your own init.lua. The server is the command `wsisc`
-- on your PATH; set WSISC to another one (WSISC=.venv/bin/wsisc nvim -u ...).
--
--   diagnostics   in the text (virtual text at the end of the line), in the sign
--                 column (E, W) and underlined; ]d and [d go to the next and previous,
--                 gl shows the whole message with its help lines
--   K             hover: what the server says about the paragraph or marker under the cursor
--   gO            the outline: the draft's headings and paragraphs in the location list
--   gd, gr        go to a label's definition; its references in the quickfix list
--   <leader>rn    rename the label under the cursor, and every reference to it
--   <leader>ca    code actions: the fixes of the diagnostics under the cursor
--   <leader>f     format the draft as `wsisc fmt` does
--   Ctrl-X Ctrl-O completion (omnifunc): labels after {@, initials, statuses, markers, keys
--   :WsiscPreview the live preview: prints its address and opens it in the browser
--                 (xdg-open or open, when there is a display); the page follows the text
--                 and scrolls to the paragraph under the cursor
--
-- docs/editors.md describes the server's features and the other editors.

vim.opt.number = true
vim.opt.signcolumn = "yes"          -- the column does not jump as diagnostics come and go
vim.opt.wrap = true                 -- a paragraph is one long line
vim.opt.linebreak = true            -- wrapped between words
vim.opt.breakindent = true
vim.opt.updatetime = 300
if vim.fn.has("nvim-0.10") == 0 then -- 0.10 and newer find out for themselves
  vim.opt.termguicolors = vim.env.COLORTERM == "truecolor" or vim.env.COLORTERM == "24bit"
end

-- *.wsis files have the filetype `wsis`.
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = "*.wsis",
  callback = function() vim.bo.filetype = "wsis" end,
})

local server = {
  name = "wsisc",
  cmd = { vim.env.WSISC or "wsisc", "lsp" },
}

local client_id -- Neovim 0.7 has no vim.lsp.start: one client, attached to each buffer
local not_started -- the message, said once, when the server cannot be started

local function cannot_start(why)
  if not not_started then
    not_started = "wsisc lsp could not be started (" .. why .. "): "
      .. "set WSISC=/path/to/wsisc or put wsisc on PATH; it needs pip install 'wsisc[lsp]'"
    -- scheduled: an error message inside the FileType event would abort it, with a trace
    vim.schedule(function() vim.notify(not_started, vim.log.levels.ERROR) end)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "wsis",
  callback = function(args)
    -- Asked first: otherwise Neovim warns of the failed spawn, and 0.7 then attaches nil.
    if vim.fn.executable(server.cmd[1]) ~= 1 then
      return cannot_start("`" .. server.cmd[1] .. "` is not an executable")
    end
    local config = vim.tbl_extend("force", server, {
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h"),
    })
    if vim.lsp.start then -- 0.8 and newer: reuses the client of the same name and root
      if not vim.lsp.start(config) then cannot_start("`" .. server.cmd[1] .. " lsp` failed") end
    else
      client_id = client_id or vim.lsp.start_client(config)
      if not client_id then return cannot_start("`" .. server.cmd[1] .. " lsp` failed") end
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})

vim.diagnostic.config({
  virtual_text = { prefix = "●", spacing = 2 },
  underline = true,
  severity_sort = true,   -- an error's sign wins over a warning's on the same line
  update_in_insert = false,
  float = { border = "rounded", source = true, header = "" },
})
if vim.fn.has("nvim-0.10") == 1 then
  vim.diagnostic.config({ signs = { text = {
    [vim.diagnostic.severity.ERROR] = "E", [vim.diagnostic.severity.WARN] = "W",
    [vim.diagnostic.severity.INFO] = "I", [vim.diagnostic.severity.HINT] = "H",
  } } })
else
  for kind, text in pairs({ Error = "E", Warn = "W", Info = "I", Hint = "H" }) do
    vim.fn.sign_define("DiagnosticSign" .. kind, { text = text, texthl = "DiagnosticSign" .. kind })
  end
end

-- Before 0.10 popups are pink (Pmenu) with a reversed border: draw them in the text's colours.
if vim.fn.has("nvim-0.10") == 0 then
  vim.api.nvim_set_hl(0, "NormalFloat", { link = "Normal" })
  vim.api.nvim_set_hl(0, "FloatBorder", { link = "Normal" })
end

-- Hover in a window with a border (Neovim 0.11 takes it as an argument).
local function hover()
  if vim.fn.has("nvim-0.11") == 1 then
    vim.lsp.buf.hover({ border = "rounded" })
  else
    vim.lsp.buf.hover()
  end
end
if vim.fn.has("nvim-0.11") == 0 then
  vim.lsp.handlers["textDocument/hover"] = vim.lsp.with(vim.lsp.handlers.hover, { border = "rounded" })
end

-- The outline in the location list (0.10 takes it as an option; before, the handler's setting).
local function outline()
  if vim.fn.has("nvim-0.10") == 1 then
    vim.lsp.buf.document_symbol({ loclist = true })
  else
    vim.lsp.buf.document_symbol()
  end
end
if vim.fn.has("nvim-0.10") == 0 then
  vim.lsp.handlers["textDocument/documentSymbol"] =
    vim.lsp.with(vim.lsp.handlers["textDocument/documentSymbol"], { loclist = true })
end

local function next_diagnostic()
  if vim.diagnostic.jump then vim.diagnostic.jump({ count = 1 }) else vim.diagnostic.goto_next({ float = false }) end
end
local function previous_diagnostic()
  if vim.diagnostic.jump then vim.diagnostic.jump({ count = -1 }) else vim.diagnostic.goto_prev({ float = false }) end
end

-- The wsisc client of a buffer, if attached.
local function wsisc_client(bufnr)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr })
    or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    if client.name == "wsisc" then return client end
  end
end

local function format()
  if vim.lsp.buf.format then vim.lsp.buf.format() else vim.lsp.buf.formatting() end
end

-- :WsiscPreview: the server's command wsisc.preview with the buffer's URI gives the
-- address of the live preview (kept in vim.g.wsisc_preview_url); opened in the browser
-- when there is one to open it in.
local function preview()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = wsisc_client(bufnr)
  if not client then
    vim.notify(not_started or "wsisc: no language server for this buffer (not a .wsis file?)", vim.log.levels.ERROR)
    return
  end
  local params = { command = "wsisc.preview", arguments = { vim.uri_from_bufnr(bufnr) } }
  client.request("workspace/executeCommand", params, function(err, url)
    if err or type(url) ~= "string" then
      vim.notify("wsisc: the preview did not start: " .. (err and err.message or vim.inspect(url)),
                 vim.log.levels.ERROR)
      return
    end
    vim.g.wsisc_preview_url = url
    print("wsisc preview: " .. url)
    local graphical = vim.env.DISPLAY or vim.env.WAYLAND_DISPLAY or vim.fn.has("mac") == 1
    local opener = vim.fn.has("mac") == 1 and "open" or "xdg-open"
    if graphical and vim.fn.executable(opener) == 1 then
      vim.fn.jobstart({ opener, url }, { detach = true })
    end
  end, bufnr)
end

-- wsisc/cursor {uri, position}: the page scrolls to the paragraph under the cursor. At most
-- one every CURSOR_INTERVAL ms; a move within that time is sent when it is over.
local CURSOR_INTERVAL = 100
local cursor_sent, cursor_timer = 0, nil
local function send_cursor()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = vim.bo[bufnr].filetype == "wsis" and wsisc_client(bufnr)
  if not client then return end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  client.notify("wsisc/cursor", { uri = params.textDocument.uri, position = params.position })
  cursor_sent = vim.loop.now()
end
local function cursor_moved()
  if cursor_timer then return end -- the pending send will take the cursor where it is then
  local wait = cursor_sent + CURSOR_INTERVAL - vim.loop.now()
  if wait <= 0 then return send_cursor() end
  cursor_timer = vim.defer_fn(function()
    cursor_timer = nil
    send_cursor()
  end, wait)
end

vim.api.nvim_create_user_command("WsiscPreview", preview,
  { desc = "wsisc: open the live preview of this draft" })

vim.api.nvim_create_autocmd("FileType", {
  pattern = "wsis",
  callback = function(args)
    vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc" -- completion with Ctrl-X Ctrl-O
    local function map(keys, action, what)
      vim.keymap.set("n", keys, action, { buffer = args.buf, desc = what })
    end
    map("K", hover, "wsisc: hover")
    map("gO", outline, "wsisc: outline in the location list")
    map("]d", next_diagnostic, "next diagnostic")
    map("[d", previous_diagnostic, "previous diagnostic")
    map("gl", vim.diagnostic.open_float, "the diagnostics of this line, whole")
    map("gd", vim.lsp.buf.definition, "wsisc: go to the label's definition")
    map("gr", vim.lsp.buf.references, "wsisc: the label's references")
    map("<leader>rn", vim.lsp.buf.rename, "wsisc: rename the label")
    map("<leader>ca", vim.lsp.buf.code_action, "wsisc: code actions (fixes)")
    map("<leader>f", format, "wsisc: format the draft")
    vim.api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI", "CursorHold" }, {
      group = vim.api.nvim_create_augroup("wsisc_cursor_" .. args.buf, { clear = true }),
      buffer = args.buf,
      callback = cursor_moved,
    })
  end,
})
