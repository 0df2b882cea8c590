#!/bin/sh
# Neovim with editors/nvim/init.lua, headless: without wsisc, one message and no stack
# trace; with WSISC (the checkout's .venv/bin/wsisc), client.lua's checks.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
init="$here/../init.lua"
: "${WSISC:?set WSISC to the wsisc executable}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '1. {#intro} First paragraph.\n\n2. {#second} Second paragraph.\n\n3. See \n' > "$work/small.wsis"
cp "$work/small.wsis" "$work/other.wsis"
cd "$work"

# wsisc not found: WSISC unset, a PATH without it
env -u WSISC PATH=/usr/bin:/bin nvim --headless -u "$init" -i NONE small.wsis +'e other.wsis' +'qa!' \
  > out.txt 2>&1 || true
if grep -q "stack traceback" out.txt || [ "$(grep -c 'wsisc lsp could not be started' out.txt)" != 1 ]; then
  echo "FAIL: without wsisc, expected one message and no stack trace:"; cat out.txt; exit 1
fi
echo "without wsisc: $(grep 'could not be started' out.txt)"

timeout 60 nvim --headless -u "$init" -i NONE small.wsis -c "luafile $here/client.lua" 2>err.txt \
  || { echo "FAIL:"; cat err.txt; exit 1; }
echo "ok: completion, :WsiscPreview, keys, wsisc/cursor"
