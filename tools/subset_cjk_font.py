"""Make the Chinese serif faces the PDF ships: Noto Serif CJK SC, Regular and
Bold, cut down to the characters UN Chinese texts use (docs/languages.md,
"Layout and fonts").

Noto Serif CJK SC is some 65,000 glyphs and 8 MB a weight: too much for a wheel.
A Chinese resolution uses a few thousand characters, so each weight is
subset to

  - GB2312 (levels 1 and 2: the 6,763 hanzi of the national standard, with its
    punctuation and full-width forms), and
  - every character of the 78th session's Chinese resolutions (the Akoma Ntoso
    archive ../shared/corpus/ga78-akn.tar.xz, folder Chinese/),

less Basic Latin, Latin-1, Greek and Cyrillic (but for the spaces), which the body's own face
(Liberation Serif, metric-compatible with Times New Roman) draws, as the UN's
Chinese files set Latin words and figures in Times New Roman. A character
outside the subset is still drawn: the print stylesheet lists Droid Sans
Fallback after this face, so nothing becomes a missing-glyph box.

The run is reproducible: the same inputs give the same bytes (no timestamps
kept, glyph order fixed by fontTools). Inputs:

  - the faces, from Debian's package fonts-noto-cjk (1:20220127+repack1-1):
        apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x
    gives x/usr/share/fonts/opentype/noto/NotoSerifCJK-{Regular,Bold}.ttc;
  - the corpus archive.

Usage (from the project's root, with fontTools, a PyPI package, installed:
it is the reference OpenType subsetter, and WeasyPrint already depends on it):

    .venv/bin/python tools/subset_cjk_font.py --fonts x/usr/share/fonts/opentype/noto \\
        --corpus ../shared/corpus/ga78-akn.tar.xz --out wsis20/templates/fonts

It prints the coverage it measured: how many of the corpus's characters (each
occurrence, and each distinct character) GB2312 alone covers, and what the
corpus adds.
"""

from __future__ import annotations

import argparse
import re
import tarfile
from collections import Counter
from pathlib import Path

# The face's index in the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK.
SIMPLIFIED_CHINESE = 2
WEIGHTS = ("Regular", "Bold")
# Drawn by the body's face (Liberation Serif), never by the Chinese one...
LEFT_TO_THE_BODY_FACE = [(0x0000, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF)]
# ... but for the spaces: the layout engine (Pango) draws a space between two
# Chinese words in the face of the words around it without asking whether that
# face has one, so a face without spaces prints them as missing-glyph boxes.
SPACES = {" ", "\u00a0", "\u3000", *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f"}
_TAG = re.compile(r"<[^>]*>")


def gb2312() -> set[str]:
    """Every character GB2312 encodes (as EUC-CN: two bytes, each 0xA1..0xFE)."""
    chars = set()
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                chars.add(bytes((first, second)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def corpus_characters(archive: Path) -> Counter:
    """Each character of the text of the Chinese files (the markup left out), counted."""
    counts: Counter = Counter()
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.isfile() and "/Chinese/" in member.name and member.name.endswith(".xml"):
                text = tar.extractfile(member).read().decode("utf-8")
                counts.update(_TAG.sub(" ", text))
    return counts


def wanted(chars: set[str]) -> set[str]:
    return {c for c in chars if not c.isspace() and c.isprintable()
            and not any(lo <= ord(c) <= hi for lo, hi in LEFT_TO_THE_BODY_FACE)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fonts", type=Path, required=True, help="folder of NotoSerifCJK-{Regular,Bold}.ttc")
    parser.add_argument("--corpus", type=Path, required=True, help="ga78-akn.tar.xz")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the subset faces to")
    args = parser.parse_args()

    from fontTools import subset
    from fontTools.ttLib import TTFont

    standard = gb2312()
    counts = corpus_characters(args.corpus)
    used = wanted(set(counts))
    total = sum(n for c, n in counts.items() if c in used)
    outside = {c for c in used if c not in standard}
    print(f"GB2312: {len(standard)} characters ({sum(1 for c in standard if 0x4E00 <= ord(c) <= 0x9FFF)} hanzi)")
    print(f"corpus: {len(used)} distinct characters, {total} occurrences")
    print(f"GB2312 alone covers {1 - sum(counts[c] for c in outside) / total:.5%} of the occurrences, "
          f"{1 - len(outside) / len(used):.3%} of the distinct characters")
    print(f"the corpus adds {len(outside)}: {''.join(sorted(outside))}")
    characters = wanted(standard) | used | SPACES

    for weight in WEIGHTS:
        font = TTFont(args.fonts / f"NotoSerifCJK-{weight}.ttc", fontNumber=SIMPLIFIED_CHINESE,
                      recalcTimestamp=False)
        cmap = font.getBestCmap()
        missing = sorted(c for c in characters if ord(c) not in cmap)
        options = subset.Options()
        # Horizontal text only: kerning, the composed forms, and the punctuation's
        # half-width alternates (halt, palt) that CJK justification may use. No
        # 'locl' (the Japanese, Korean and traditional forms would come along:
        # 13,000 glyphs instead of 7,300) and no vertical forms.
        options.layout_features = ["kern", "ccmp", "halt", "palt"]
        options.name_IDs = ["*"]  # the licence and the face's names stay
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False  # hints matter on screens at small sizes, not in a PDF; a tenth of the size
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in characters if ord(c) in cmap))
        subsetter.subset(font)
        target = args.out / f"NotoSerifCJKsc-{weight}-subset.otf"
        font.save(target)
        print(f"{target}: {len(font.getGlyphOrder())} glyphs, {target.stat().st_size:,} bytes;"
              f" not in the face ({len(missing)}): {''.join(missing)}")


if __name__ == "__main__":
    main()
