"""What the command line and the commands share: exit statuses, the usage
error, and the readers of option values.

Its own module so that the layers point one way: cli.py imports the commands,
and a command never imports cli.py back.

Exit status: 0 success; 1 the input has errors; 2 the command was used wrongly
(an unknown option, a missing file); 3 an internal error, which asks for a report.
"""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """The command was used wrongly; the message says how."""


def names(values: list[str]) -> frozenset[str]:
    """Values of a repeatable option that also takes commas: --accept EU,G77 --accept US."""
    return frozenset(c.strip() for v in values for c in v.split(",") if c.strip())


def ignored_rules(values: list[str]) -> frozenset[str]:
    """--ignore's codes, checked: only warnings can be switched off."""
    from ..transforms.checks import RULES

    from ..diagnostics import CODES, closest

    codes = names(values)
    unknown = sorted(codes - set(RULES))
    if unknown:
        said = []
        for code in unknown:
            if code in CODES:
                said.append(f"`{code}` is an error and cannot be switched off")
            elif (close := closest(code, RULES)) is not None:
                said.append(f"`{code}` is no rule (did you mean `{close}`?)")
            else:
                said.append(f"`{code}` is no rule")
        raise UsageError(f"--ignore: {'; '.join(said)}. These warnings can be switched off: {', '.join(RULES)}")
    return codes


def line_width(value: str) -> int | None:
    """--wrap: a line width of at least 40, or 0 for one line per paragraph."""
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of characters") from None
    if width != 0 and width < 40:
        raise argparse.ArgumentTypeError("a width below 40 leaves too little room for the markers; use 40 or more, "
                                         "or 0 for one line per paragraph")
    return width or None


def port_number(value: str) -> int:
    """--port: a TCP port, 0 to 65535 (0: any free port)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use 1 to 65535, or 0 for any free port")
    return port


def worker_count(value: str) -> int:
    """-j: how many drafts to build at a time, at least 1."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers") from None
    if count < 1:
        raise argparse.ArgumentTypeError("build at least 1 draft at a time")
    return count
