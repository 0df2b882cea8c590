"""The README's pictures of resolution 78/265 in the six official languages
(`make language-images`, part of `make images`): docs/images/language-<code>.png,
the first page and page 3 side by side.

The first page shows the masthead (mirrored in Arabic) and the opening of the
preamble; page 3 a body page: the running header and footer, the operative
paragraphs' hanging numbers and the sub-paragraphs' labels, in every language
(78/265 reaches its first operative paragraphs on page 2 or 3). Two pages make
one picture per language, so that the README shows six, not twelve.

Each draft is examples/78-265-ai.<code>.wsis where it exists; otherwise it is
imported here from the UN's own file (tests/fixtures/akn), with its language
named in the front matter when the import does not name it.

Usage: python tools/language_images.py [--wsisc .venv/bin/wsisc] [--out docs/images]
It needs poppler's pdftoppm and Pillow (a test dependency).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The letter that ends the UN's file name for each language (A_RES_78_265-2405969A.xml: Arabic).
LETTERS = {"en": "E", "fr": "F", "es": "S", "ru": "R", "ar": "A", "zh": "C"}
PAGES = (1, 3)
RESOLUTION = 60  # dots per inch: a page 496 pixels wide, two side by side about 1,000
GAP = 16  # pixels between the two pages, and around them


def draft(code: str, work: Path, wsisc: str) -> Path:
    example = ROOT / "examples" / f"78-265-ai.{code}.wsis"
    if example.exists():
        return example
    fixture = ROOT / "tests" / "fixtures" / "akn" / f"A_RES_78_265-2405969{LETTERS[code]}.xml"
    target = work / f"78-265-ai.{code}.wsis"
    subprocess.run([wsisc, "import", str(fixture), "-o", str(target)], check=True, capture_output=True)
    text = target.read_text(encoding="utf-8")
    front = text.split("\n---", 1)[0]
    if not re.search(r"(?m)^language:", front):
        target.write_text(text.replace("---\n", f"---\nlanguage: {code}\n", 1), encoding="utf-8")
    return target


def picture(code: str, work: Path, wsisc: str, out: Path) -> Path:
    from PIL import Image, ImageOps

    pdf = work / f"{code}.pdf"
    subprocess.run([wsisc, "build", "-q", str(draft(code, work, wsisc)), "-o", str(pdf)], check=True)
    pages = []
    for number in PAGES:
        stem = work / f"{code}-{number}"
        subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(number), "-l", str(number),
                        "-singlefile", str(pdf), str(stem)], check=True)
        pages.append(ImageOps.expand(Image.open(f"{stem}.png").convert("RGB"), border=1, fill=(150, 150, 150)))
    width = sum(page.width for page in pages) + GAP * (len(pages) + 1)
    height = max(page.height for page in pages) + 2 * GAP
    sheet = Image.new("RGB", (width, height), (230, 230, 230))
    x = GAP
    for page in pages:
        sheet.paste(page, (x, GAP))
        x += page.width + GAP
    target = out / f"language-{code}.png"
    sheet.quantize(64).save(target, optimize=True)  # grey text on white: 64 greys lose nothing seen, a third the size
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wsisc", default=str(ROOT / ".venv" / "bin" / "wsisc"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("codes", nargs="*", default=list(LETTERS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wsisc-languages-") as work:
        for code in args.codes:
            print(picture(code, Path(work), args.wsisc, args.out))


if __name__ == "__main__":
    main()
