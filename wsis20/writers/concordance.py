"""A concordance of paragraph numbers (former -> new) as text, CSV or JSON:
what renumber writes for a new revision and diff writes for a comparison."""

from __future__ import annotations

import csv
import io
import json


def concordance_text(rows: list[tuple[str, str]], fmt: str) -> str:
    """fmt: "text" (103ter -> 107, a line each), "csv" or "json"."""
    if fmt == "json":
        return json.dumps([{"old": o, "new": n} for o, n in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["old", "new"])
        writer.writerows(rows)
        return out.getvalue()
    return "".join(f"{o} -> {n}\n" for o, n in rows)
