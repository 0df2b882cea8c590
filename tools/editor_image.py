"""Pictures of a real editor using the language server (`make editor-images`):
Debian's Neovim with editors/nvim/init.lua, in a tmux pane of a fixed size,
editing a copy of the zero draft with two deliberate mistakes.

  docs/images/editor-diagnostics.png  the diagnostics: signs, underlines and the messages at
                                      the ends of the paragraphs
  docs/images/editor-hover.png        hover (`K`) on a paragraph's marker
  docs/images/editor-outline.png      the outline (`gO`): document symbols in the location list

Each picture is what tmux holds in the pane (`capture-pane -e`: the characters and
their colours), drawn cell by cell with Pillow in DejaVu Sans Mono: no screenshot of
a desktop, so the pictures come out the same on any machine with the same Neovim.
The script waits for what the picture should show (a message, a popup's border)
before it captures, and stops with an error naming what did not come. A picture of
a feature the server does not offer (hover, document symbols) is not made: the
script says so and exits with status 1 after making the others.

Usage: python tools/editor_image.py [--wsisc .venv/bin/wsisc] [--out docs/images] [names ...]
It needs tmux, Neovim 0.7 or newer (Debian: apt-get install tmux neovim), Pillow
(a test dependency) and fonts-dejavu-core.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "wsis20-zero-draft.wsis"
INIT = ROOT / "editors" / "nvim" / "init.lua"
COLUMNS, ROWS = 160, 45
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_SIZE = 14

# The mistakes put into the copy: (the paragraph's first words, what it says, what the copy
# says). Each is in a paragraph whose last line is short, so that its message shows at the
# line's end; all come after paragraph 3bis, so that its hover gives the example's numbers.
MISTAKES = (
    # unknown-author: the initials typed with a Latin P for the Cyrillic П
    ("8. We recognise that digital development", "{~~ПW: inequalities", "{~~PW: inequalities"),
    # missing-marker; and on paragraph 10 a number-gap (8, then 10)
    ("9. We recognise that the outcomes", "9. We", "9 We"),
)
TOP = "3. We reaffirm the value"  # the window's first line


def draft(work: Path) -> Path:
    """A copy of the zero draft with the mistakes, under the example's name."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    for start, old, new in MISTAKES:
        found = [i for i, line in enumerate(lines) if line.startswith(start)]
        if len(found) != 1 or lines[found[0]].count(old) != 1:
            raise SystemExit(f"editor_image: {EXAMPLE.name} no longer has one paragraph {start!r} "
                             f"with {old!r} once; update MISTAKES")
        lines[found[0]] = lines[found[0]].replace(old, new)
    copy = work / EXAMPLE.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    return copy


def where(path: Path, needle: str) -> tuple[int, int]:
    """The line (from 1) of ``needle`` in the file and the characters before it on its line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle)
    raise SystemExit(f"editor_image: {needle!r} is not in {path.name}")


def go(line: int, before: int) -> str:
    """Normal-mode keys that put the cursor on a character (`|` would count wrapped lines' indents)."""
    return f"{line}G0" + (f"{before}l" if before else "")


# The editor in tmux ---------------------------------------------------------------


class Editor:
    """Neovim in a detached tmux session of its own (its own server socket, ended on exit)."""

    def __init__(self, file: Path, wsisc: str, nvim: str, top: int):
        self.socket = f"wsisc-editor-image-{os.getpid()}"
        self.file = file
        # The same colours and characters whatever the caller's terminal and locale.
        env = {"WSISC": wsisc, "COLORTERM": "truecolor", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        command = ["env", *(f"{k}={v}" for k, v in env.items()),
                   nvim, "-u", str(INIT), "-i", "NONE", "--noplugin", f"+{top}", "-c", "normal! zt", file.name]
        config = file.parent / "tmux.conf"  # none of the user's settings; colours kept as Neovim sends them
        config.write_text("set -g default-terminal tmux-256color\nset -as terminal-features ',*:RGB'\n")
        self.tmux("-f", str(config), "new-session", "-d", "-x", str(COLUMNS), "-y", str(ROWS),
                  "-c", str(file.parent), " ".join(_quote(part) for part in command))
        self.socket_file = Path(self.tmux("display", "-p", "#{socket_path}").strip())

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-u", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True, encoding="utf-8").stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "0", *(["-l"] if literal else []), *keys)
        time.sleep(0.3)

    def command(self, line: str) -> None:
        """An Ex command, then the command line cleared so the picture does not show it."""
        self.keys(":" + line, literal=True)
        self.keys("Enter")
        self.keys(":echo ''", literal=True)
        self.keys("Enter")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "0", "-p")

    def wait_for(self, *texts: str, timeout: float = 30.0) -> None:
        """Wait until the pane shows every text, then until it stops changing."""
        end = time.monotonic() + timeout
        before = None
        while time.monotonic() < end:
            shown = self.screen()
            if all(text in shown for text in texts) and shown == before:
                return
            before = shown
            time.sleep(0.4)
        raise RuntimeError(f"editor_image: after {timeout:.0f} s the editor does not show {texts!r}:\n{shown}")

    def capture(self) -> tuple[str, tuple[int, int] | None]:
        ansi = self.tmux("capture-pane", "-t", "0", "-p", "-e", "-N")
        x, y, shown = self.tmux("display", "-p", "-t", "0", "#{cursor_x} #{cursor_y} #{cursor_flag}").split()
        return ansi, (int(x), int(y)) if shown == "1" else None

    def capabilities(self, work: Path) -> dict:
        """The server's capabilities as Neovim's client holds them."""
        out = work / "capabilities.json"
        self.command("lua local c = (vim.lsp.get_clients or vim.lsp.get_active_clients)()[1]; "
                     f"vim.fn.writefile({{vim.fn.json_encode(c.server_capabilities)}}, '{out}')")
        end = time.monotonic() + 10
        while not out.exists() and time.monotonic() < end:
            time.sleep(0.2)
        return json.loads(out.read_text())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        self.socket_file.unlink(missing_ok=True)  # tmux leaves it behind


def _quote(part: str) -> str:
    return part if re.fullmatch(r"[\w./=:+-]+", part) else "'" + part.replace("'", "'\\''") + "'"


# ANSI to cells --------------------------------------------------------------------

RGB = tuple[int, int, int]
FOREGROUND: RGB = (220, 220, 215)
BACKGROUND: RGB = (28, 28, 30)
# The sixteen terminal colours (xterm's, a little softened); 16-255 are xterm's cube and greys.
BASE16 = [(40, 42, 46), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188),
          (17, 168, 205), (229, 229, 229), (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
          (59, 142, 234), (214, 112, 214), (41, 184, 219), (250, 250, 250)]


def palette(index: int) -> RGB:
    if index < 16:
        return BASE16[index]
    if index < 232:
        index -= 16
        steps = (0, 95, 135, 175, 215, 255)
        return steps[index // 36], steps[index // 6 % 6], steps[index % 6]
    grey = 8 + 10 * (index - 232)
    return grey, grey, grey


@dataclass(frozen=True)
class Style:
    fg: RGB | None = None
    bg: RGB | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    reverse: bool = False
    line: RGB | None = None  # the underline's own colour (SGR 58)


# SGR codes that set or clear one attribute; 30-37, 40-47, 90-97 and 100-107 are palette colours.
SIMPLE = {1: {"bold": True}, 3: {"italic": True}, 4: {"underline": True}, 7: {"reverse": True},
          22: {"bold": False}, 23: {"italic": False}, 24: {"underline": False}, 27: {"reverse": False},
          39: {"fg": None}, 49: {"bg": None}, 59: {"line": None}}
PALETTE = {30: ("fg", 0), 90: ("fg", 8), 40: ("bg", 0), 100: ("bg", 8)}  # first code: attribute, colour
EXTENDED = {38: "fg", 48: "bg", 58: "line"}  # 38;5;n or 38;2;r;g;b (or with colons)


def _colour(values: list[int]) -> tuple[RGB | None, int]:
    """The colour of an extended code's values (5;n or 2;r;g;b), and how many values it took."""
    if values[:1] == [5] and len(values) >= 2:
        return palette(values[1]), 2
    if values[:1] == [2] and len(values) >= 4:
        red, green, blue = values[-3:] if len(values) > 4 else values[1:4]  # 2::r:g:b names a colour space
        return (red, green, blue), len(values) if len(values) > 4 else 4
    return None, len(values)


def sgr(style: Style, parameters: str) -> Style:
    """The style after one SGR sequence (`ESC [ parameters m`)."""
    groups = [[int(v or 0) for v in group.split(":")] for group in (parameters or "0").split(";")]
    i = 0
    while i < len(groups):
        code, subs = groups[i][0], groups[i][1:]
        i += 1
        if code == 0:
            style = Style()
        elif code == 4 and subs:  # 4:0 no underline, 4:1 .. 4:5 underline, curly, dotted, ...
            style = replace(style, underline=subs[0] != 0)
        elif code in SIMPLE:
            style = replace(style, **SIMPLE[code])
        elif code - code % 10 in PALETTE and code % 10 < 8:
            attribute, base = PALETTE[code - code % 10]
            style = replace(style, **{attribute: palette(base + code % 10)})
        elif code in EXTENDED:
            if subs:  # 38:5:n, 38:2::r:g:b
                colour, _ = _colour(subs)
            else:  # 38;5;n, 38;2;r;g;b
                colour, taken = _colour([group[0] for group in groups[i:i + 4]])
                i += taken
            style = replace(style, **{EXTENDED[code]: colour})
    return style


Cell = tuple[str, Style]


def cells(ansi: str) -> list[list[Cell]]:
    """The pane as rows of cells; a wide character's second cell is ''."""
    rows: list[list[Cell]] = []
    style = Style()
    for line in ansi.split("\n")[:ROWS]:
        row: list[Cell] = []
        for match in re.finditer(r"\x1b\[([0-9;:]*)m|\x1b[^m]*?[A-Za-z]|(.)", line):
            if match.group(2) is not None:
                char = match.group(2)
                row.append((char, style))
                if unicodedata.east_asian_width(char) in "WF":
                    row.append(("", style))
            elif match.group(0).endswith("m"):
                style = sgr(style, match.group(1))
        rows.append(row[:COLUMNS] + [(" ", Style())] * (COLUMNS - len(row)))
    while len(rows) < ROWS:
        rows.append([(" ", Style())] * COLUMNS)
    return rows


# Cells to a picture ------------------------------------------------------------------


def render(rows: list[list[Cell]], cursor: tuple[int, int] | None, out: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    fonts = {(bold, italic): ImageFont.truetype(str(FONT_DIR / name), FONT_SIZE)
             for (bold, italic), name in {
                 (False, False): "DejaVuSansMono.ttf", (True, False): "DejaVuSansMono-Bold.ttf",
                 (False, True): "DejaVuSansMono-Oblique.ttf", (True, True): "DejaVuSansMono-BoldOblique.ttf"}.items()}
    regular = fonts[False, False]
    ascent, descent = regular.getmetrics()
    width, height = regular.getlength("M"), ascent + descent
    margin = 10
    image = Image.new("RGB", (round(COLUMNS * width) + 2 * margin, ROWS * height + 2 * margin), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(rows):
        top = margin + y * height
        for x, (char, style) in enumerate(row):
            if char == "":
                continue
            fg, bg = style.fg or FOREGROUND, style.bg or BACKGROUND
            if style.reverse or (cursor is not None and (x, y) == cursor):
                fg, bg = bg, fg
            span = 2 if unicodedata.east_asian_width(char) in "WF" else 1
            left, right = margin + x * width, margin + (x + span) * width
            if bg != BACKGROUND:
                draw.rectangle((round(left), top, round(right) - 1, top + height - 1), fill=bg)
            if char != " ":
                draw.text((left, top), char, font=fonts[style.bold, style.italic], fill=fg)
            if style.underline:
                under = top + ascent + 2
                draw.line((round(left), under, round(right) - 1, under), fill=style.line or fg, width=1)
    image.save(out, optimize=True)


# The pictures -----------------------------------------------------------------------


def diagnostics(editor: Editor, file: Path) -> None:
    editor.keys(go(*where(file, "{~~PW: inequalities")))
    editor.wait_for("`9` is not a paragraph marker", "numbers jump from 8 to 10", "did you mean `ПW`?")


def hover(editor: Editor, file: Path) -> None:
    editor.keys(go(*where(file, "3bis. We reaffirm")))
    editor.keys("K")
    editor.wait_for("╭")


def outline(editor: Editor, file: Path) -> None:
    editor.keys("gO")
    editor.wait_for("[Location List]")
    # In the list, the entry of the paragraph that lost its number; Enter shows it in the text.
    line, _ = where(file, "9 We recognise")
    editor.command(f"resize 20 | call search('|{line} col ') | normal! zz")
    editor.keys("Enter")
    editor.keys("zz")
    editor.wait_for("`9` is not a paragraph marker")


PICTURES = {
    "diagnostics": (diagnostics, None),
    "hover": (hover, "hoverProvider"),
    "outline": (outline, "documentSymbolProvider"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wsisc", default=str(ROOT / ".venv" / "bin" / "wsisc"))
    parser.add_argument("--nvim", default="nvim")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("names", nargs="*", help=f"the pictures to make: {', '.join(PICTURES)} (all)")
    args = parser.parse_args(argv)
    for name in args.names:
        if name not in PICTURES:
            parser.error(f"no picture {name!r}: {', '.join(PICTURES)}")
    for tool in ("tmux", args.nvim):
        if shutil.which(tool) is None:
            raise SystemExit(f"editor_image: {tool} is not installed (Debian: apt-get install tmux neovim)")
    wsisc = str(Path(args.wsisc).resolve()) if os.sep in args.wsisc else args.wsisc
    missing = []
    with tempfile.TemporaryDirectory(prefix="wsisc-editor-") as folder:
        work = Path(folder)
        file = draft(work)
        top, _ = where(file, TOP)
        for name in args.names or PICTURES:
            scene, capability = PICTURES[name]
            editor = Editor(file, wsisc, args.nvim, top)
            try:
                editor.wait_for("`9` is not a paragraph marker")  # the server is up and has checked the text
                if capability and not editor.capabilities(work).get(capability):
                    missing.append(f"{name}: the server does not offer {capability}")
                    continue
                scene(editor, file)
                ansi, cursor = editor.capture()
            finally:
                editor.close()
            out = args.out / f"editor-{name}.png"
            render(cells(ansi), cursor, out)
            print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    for reason in missing:
        print(f"editor_image: not made: {reason}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
