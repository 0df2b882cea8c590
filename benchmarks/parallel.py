"""check --parallel over a whole session: each resolution's six language
versions, imported in process from the UN's Akoma Ntoso files, compared with
the English one, and the differences counted by code, language and kind.

    tar -xJf ../shared/corpus/ga78-akn.tar.xz -C /tmp
    .venv/bin/python benchmarks/parallel.py /tmp/ga78/78session [--limit N] [--show N]

Not a test: the published versions are not always structured alike (a heading
a level lower, sub-paragraphs kept as text in one language), so the counts say
how often the imported versions of a session are in step, and where the
alignment's time goes. Numbers go in docs/languages.md, "Parallel versions".
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from wsis20.pipeline import compile_document
from wsis20.readers import reader_for
from wsis20.transforms.parallel import Version, compare_versions

FOLDERS = {"English": "en", "French": "fr", "Spanish": "es", "Russian": "ru", "Arabic": "ar", "Chinese": "zh"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("session", type=Path, help="the folder of the language folders (.../78session)")
    parser.add_argument("--limit", type=int, default=None, help="compare the first N resolutions only")
    parser.add_argument("--show", type=int, default=10, help="print the first differences of N resolutions")
    args = parser.parse_args()
    by_number: dict[int, dict[str, Path]] = defaultdict(dict)
    for folder, code in FOLDERS.items():
        for path in (args.session / folder).glob("A_RES_*.xml"):
            found = re.match(r"A_RES_\d+_(\d+)", path.name)
            if found:
                by_number[int(found[1])][code] = path
    reader = reader_for(".xml")
    codes: Counter = Counter()
    compared = in_step = unread = 0
    spent = 0.0
    shown: dict[int, list[str]] = {}
    for number in sorted(by_number)[:args.limit]:
        files = by_number[number]
        if len(files) < len(FOLDERS):
            continue
        versions = []
        for code in FOLDERS.values():
            imported = reader.read(str(files[code]), files[code].read_bytes())
            if imported.text is None:
                break
            text = imported.text
            if not re.search(r"^language:", text, re.M):
                text = text.replace("---\n", f"---\nlanguage: {code}\n", 1)
            compiled = compile_document(f"{number}.{code}.wsis", text.encode("utf-8"), view=None)
            if compiled.document is None:
                break
            versions.append(Version(compiled.source, compiled.document))
        if len(versions) < len(FOLDERS):
            unread += 1
            continue
        compared += 1
        started = time.perf_counter()
        found = compare_versions(versions)
        spent += time.perf_counter() - started
        in_step += not found
        for index, diagnostic in found:
            codes[diagnostic.code, versions[index].language] += 1
            if found and (number in shown or len(shown) < args.show) and len(shown.setdefault(number, [])) < 3:
                line = diagnostic.span.line if diagnostic.span else "-"
                shown[number].append(f"{versions[index].source.path}:{line}: {diagnostic.message[:140]}")
    print(f"resolutions compared: {compared} (not imported: {unread}); in step in all six: {in_step}; "
          f"alignment and comparison {spent:.1f} s in all, {spent / max(compared, 1) * 1000:.0f} ms each")
    for (code, language), count in codes.most_common():
        print(f"  {code:20} {language}  {count}")
    for number, lines in shown.items():
        print(number, *lines, sep="\n  ")


if __name__ == "__main__":
    main()
