-- editors/nvim/init.lua against the real `wsisc lsp`, headless (run.sh runs it):
-- omnifunc completion after {@, :WsiscPreview's address (fetched with curl), the keys,
-- and wsisc/cursor throttled. Exits 0 when every check holds, 1 with the failures.
local failures, out = {}, {}
local function check(ok, what) if not ok then table.insert(failures, what) end end
local function finish()
  for _, f in ipairs(failures) do io.stderr:write("FAIL: ", f, "\n") end
  for _, line in ipairs(out) do io.stdout:write(line, "\n") end
  vim.cmd(#failures == 0 and "qa!" or "cquit 1")
end
local function wait_for(cond, then_, what, tries)
  tries = tries or 300
  if cond() then return then_() end
  if tries == 0 then check(false, "timed out waiting for " .. what); return finish() end
  vim.defer_fn(function() wait_for(cond, then_, what, tries - 1) end, 50)
end
local function keys(k) vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(k, true, false, true), "n", false) end
local function client()
  for _, c in pairs(vim.lsp.buf_get_clients(0)) do if c.name == "wsisc" and c.initialized then return c end end
end

check(vim.bo.filetype == "wsis", "filetype wsis")
check(vim.bo.omnifunc == "v:lua.vim.lsp.omnifunc", "omnifunc set")
for keys_, desc in pairs({ gd = "definition", gr = "references", ["<leader>rn"] = "rename",
                          ["<leader>ca"] = "code actions", ["<leader>f"] = "format", K = "hover", gO = "outline" }) do
  check((vim.fn.maparg(keys_, "n", false, true).desc or ""):find(desc, 1, true), keys_ .. " mapped to " .. desc)
end
check(vim.fn.exists(":WsiscPreview") == 2, ":WsiscPreview defined")

wait_for(client, function()
  local c = client()
  local sent = {}
  local notify = c.notify
  c.notify = function(method, params) table.insert(sent, { method, params }); return notify(method, params) end
  -- completion: the last line is "3. See "; type {@ and Ctrl-X Ctrl-O
  vim.api.nvim_win_set_cursor(0, { 5, 0 })
  keys("A{@<C-x><C-o>")
  wait_for(function() return vim.fn.mode() == "i" and #vim.fn.complete_info({ "items" }).items > 0 end, function()
    local words = vim.tbl_map(function(i) return i.word .. " " .. i.menu end, vim.fn.complete_info({ "items" }).items)
    check(vim.deep_equal(words, { "intro} 1", "second} 2" }), "completion after {@: " .. vim.inspect(words))
    keys("<C-e><Esc>")
    vim.cmd("WsiscPreview")
    wait_for(function() return vim.g.wsisc_preview_url end, function()
      local url = vim.g.wsisc_preview_url
      check(url:match("^http://127%.0%.0%.1:%d+/$"), "preview address " .. url)
      local status = vim.fn.system({ "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url })
      check(status == "200", "curl " .. url .. ": " .. status)
      table.insert(out, "preview " .. url .. " " .. status)
      vim.defer_fn(function() -- more than 100 ms after the last wsisc/cursor
        local before = #sent
        for _, at in ipairs({ { 1, 0 }, { 2, 0 }, { 3, 4 } }) do
          vim.api.nvim_win_set_cursor(0, at)
          vim.cmd("doautocmd CursorMoved")
        end
        local uri = vim.uri_from_bufnr(0)
        check(#sent == before + 1, "one wsisc/cursor at once, not " .. (#sent - before))
        vim.defer_fn(function()
          local got = {}
          for i = before + 1, #sent do table.insert(got, sent[i]) end
          check(vim.deep_equal(got, {
            { "wsisc/cursor", { uri = uri, position = { line = 0, character = 0 } } },
            { "wsisc/cursor", { uri = uri, position = { line = 2, character = 4 } } },
          }), "wsisc/cursor: the first move at once, the last after 100 ms: " .. vim.inspect(got))
          finish()
        end, 300)
      end, 200)
    end, ":WsiscPreview's address")
  end, "completion items")
end, "the wsisc client")
