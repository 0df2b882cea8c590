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

vim.api.nvim_create_autocmd("FileType", {
  pattern = "wsis",
  callback = function(args)
    local config = vim.tbl_extend("force", server, {
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h"),
    })
    if vim.lsp.start then -- 0.8 and newer: reuses the client of the same name and root
      vim.lsp.start(config)
    else
      client_id = client_id or vim.lsp.start_client(config)
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

vim.api.nvim_create_autocmd("FileType", {
  pattern = "wsis",
  callback = function(args)
    local function map(keys, action, what)
      vim.keymap.set("n", keys, action, { buffer = args.buf, desc = what })
    end
    map("K", hover, "wsisc: hover")
    map("gO", outline, "wsisc: outline in the location list")
    map("]d", next_diagnostic, "next diagnostic")
    map("[d", previous_diagnostic, "previous diagnostic")
    map("gl", vim.diagnostic.open_float, "the diagnostics of this line, whole")
  end,
})
