"""The command line: arguments in, exit status out. The work is in wsis20.commands;
the exit statuses are listed in wsis20/commands/arguments.py."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from . import __version__
from .commands.arguments import (EXIT_INTERNAL, EXIT_INPUT, EXIT_USAGE, UsageError, line_width, port_number,
                                 worker_count)
from .fsutil import WriteError

# What build and watch write; the writers themselves load only when a build runs (wsis20/writers).
BUILD_FORMATS = ("pdf", "html", "akn", "docx")
FORMAT_HELP = "the output format, if not the extension's (akn: Akoma Ntoso 3.0 XML; docx: Word)"
WRAP_HELP = "wrap paragraphs at N characters where a break is safe (default 0: one line per paragraph)"


def _what_to_build(parser: argparse.ArgumentParser) -> None:
    """The options that say what a build makes, shared by build and watch."""
    parser.add_argument("--view", choices=("negotiation", "clean", "original", "compilation"),
                        default="negotiation",
                        help="negotiation: the redline, numbers as written, with comments and statuses (default); "
                             "clean: every change accepted, numbered 1..N, no comments; "
                             "original: every change rejected; "
                             "compilation: each paragraph followed by the proposals on it, by delegation")
    # Repeatable, with commas, rather than nargs="+", which would swallow a FILE after it.
    parser.add_argument("--accept", action="append", default=[], metavar="NAME",
                        help="accept a delegation's changes (its initials in the front matter); "
                             "repeat, or separate names with commas")
    parser.add_argument("--reject", action="append", default=[], metavar="NAME",
                        help="reject a delegation's changes; repeat, or separate names with commas")
    parser.add_argument("--no-comments", action="store_true", help="leave the comments out")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="paper size of a PDF or Word file (default a4)")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE",
                        help="switch off a warning rule (repeat, or separate codes with commas)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wsisc", description="Compile United Nations negotiation drafts written in wsis markup.")
    parser.add_argument("--version", action="version", version=f"wsisc {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an internal error")
    # build and check first: the two commands every user runs; the rest as a draft's life goes on.
    build = commands.add_parser("build", help="compile drafts to PDF, HTML, Akoma Ntoso XML or Word", parents=[common],
                                description="Compile drafts. The output's format follows its extension "
                                            "(.pdf, .html, .xml for Akoma Ntoso, .docx for Word) unless --format says otherwise.")
    build.add_argument("files", nargs="+", metavar="FILE",
                       help="the drafts to compile (.wsis), or folders: the drafts in them and below them")
    where = build.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="the file to write (one input); "
                                                                "without -o or -d, each output is written beside "
                                                                "its source: draft.wsis -> draft.pdf")
    where.add_argument("-d", "--directory", metavar="DIR",
                       help="write each input's output into DIR (made if need be), named after the input "
                            "(PDF unless --format), a folder's tree mirrored; a draft whose source, options "
                            "and wsisc are unchanged since its output was written is not built again")
    build.add_argument("--format", choices=BUILD_FORMATS, help=FORMAT_HELP)
    _what_to_build(build)
    build.add_argument("--side-by-side", action="store_true",
                       help="the files are language versions of one draft (2 to 6, the reference first): print "
                            "them in aligned columns, one row a paragraph, into the one -o file (.pdf or .html)")
    build.add_argument("--strict", action="store_true", help="write nothing if there are warnings, as with errors")
    build.add_argument("--quiet", "-q", action="store_true",
                       help="show errors only, leaving warnings to `wsisc check` (for Makefiles that build "
                            "one draft several times); no progress line and no summary")
    build.add_argument("-j", "--jobs", type=worker_count, default=None, metavar="N",
                       help="build N drafts at a time, each in a worker process (default: one per core)")
    build.add_argument("--force", action="store_true",
                       help="with -d: build every draft, even those whose output is up to date")

    check = commands.add_parser("check", help="report errors and warnings in drafts", parents=[common],
                                description="Check drafts; exit 1 if any has an error.")
    check.add_argument("files", nargs="+", metavar="FILE", help="the drafts to check (.wsis)")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing when there is nothing to report")
    check.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too, as on errors")
    check.add_argument("--ignore", action="append", default=[], metavar="CODE",
                       help="switch off a warning rule (repeat, or separate codes with commas)")
    check.add_argument("--base", metavar="OLD",
                       help="fail if a paragraph agreed in OLD (a file, or a git revision such as HEAD) "
                            "has changed and is not marked reopened")
    check.add_argument("--parallel", action="store_true",
                       help="the files are language versions of one draft, the reference first: report every "
                            "paragraph, number, footnote, proposal or bracket not in step (docs/languages.md)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text for people (default); json for tools (docs/diagnostics.md); "
                            "github for GitHub Actions annotations")

    fmt = commands.add_parser("fmt", help="rewrite drafts in the canonical form", parents=[common],
                              description="Rewrite drafts in the canonical form, changing no word or number.")
    fmt.add_argument("files", nargs="+", metavar="FILE", help="the drafts to rewrite in place (.wsis)")
    mode = fmt.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    mode.add_argument("--diff", action="store_true", help="change nothing; print the changes")
    fmt.add_argument("--wrap", type=line_width, default=None, metavar="N", help=WRAP_HELP)

    renumber = commands.add_parser(
        "renumber", help="make a new revision: clean numbers 1..N, with a concordance", parents=[common],
        description="Rewrite a draft as a new revision: every paragraph gets its clean number (1..N, "
                    "no suffixes), the proposals decided as you say, references updated; prints or writes "
                    "an old-to-new concordance.")
    renumber.add_argument("files", nargs="+", metavar="FILE",
                          help="the draft to rewrite as the new revision, in place (with --parallel: its "
                               "language versions, the reference first)")
    renumber.add_argument("--parallel", action="store_true",
                          help="the files are language versions of one draft: renumber them all together, or, "
                               "if they are not in step (check --parallel), none")
    renumber.add_argument("--accept", action="append", default=[], metavar="NAME",
                          help="accept a delegation's proposals (repeat, or commas)")
    renumber.add_argument("--reject", action="append", default=[], metavar="NAME",
                          help="reject a delegation's proposals (repeat, or commas)")
    renumber.add_argument("--accept-all", action="store_true", help="accept every other proposal")
    renumber.add_argument("--reject-all", action="store_true", help="reject every other proposal")
    renumber.add_argument("--concordance", metavar="OUT", help="write the concordance (.txt, .csv or .json)")
    renumber.add_argument("--annex", action="store_true", help="append the concordance to the draft as an annex")
    renumber.add_argument("--symbol", help="the new revision's symbol, e.g. A/80/L.1/Rev.1")
    renumber.add_argument("--wrap", type=line_width, default=None, metavar="N", help=WRAP_HELP)

    diff = commands.add_parser("diff", help="compare two revisions", parents=[common],
                               description="Compare two revisions paragraph by paragraph: renumbered, moved, "
                                           "new and dropped paragraphs, and the words changed in each.")
    diff.add_argument("old", metavar="OLD", help="the earlier revision (.wsis)")
    diff.add_argument("new", metavar="NEW", help="the later revision (.wsis)")
    diff.add_argument("-o", "--output", metavar="OUT",
                      help="the comparison (.pdf, .html or .json), or the concordance of numbers alone (.csv)")
    diff.add_argument("--format", choices=("pdf", "html", "json", "csv"), help="the output format, if not the extension's")
    diff.add_argument("--compare", choices=("accepted", "proposed"), default="accepted",
                      help="which text of each revision is compared: accepted, every proposal accepted, as a new "
                           "revision reads (default); proposed, the text as written, proposals shown as proposals. "
                           "The first page and the JSON say which")
    diff.add_argument("--accept", action="append", default=[], metavar="NAME",
                      help="first accept a delegation's proposals in both revisions (repeat, or commas)")
    diff.add_argument("--reject", action="append", default=[], metavar="NAME",
                      help="first reject a delegation's proposals in both revisions (repeat, or commas)")
    diff.add_argument("--parallel", action="append", default=[], metavar="VERSION",
                      help="another language's version of OLD (repeat): print what the revision changes in it, "
                           "paragraph by paragraph, and its concordance of numbers, instead of the comparison")

    watch = commands.add_parser("watch", help="rebuild on every save and serve the HTML with live reload",
                                parents=[common],
                                description="Rebuild a draft whenever it is saved, print its diagnostics, and "
                                            "serve an HTML output on 127.0.0.1 with reload in the browser; a "
                                            "failed rebuild shows its diagnostics over the last good page. "
                                            "Takes build's options.")
    watch.add_argument("file", metavar="FILE", help="the draft to watch (.wsis)")
    watch.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to rebuild (.html, .pdf or .xml)")
    watch.add_argument("--format", choices=BUILD_FORMATS, help=FORMAT_HELP)
    _what_to_build(watch)
    watch.add_argument("--port", type=port_number, default=None, metavar="N",
                       help="the local port for the HTML (default: 8000, or the next free one after it; "
                            "0: any free port)")
    watch.add_argument("--no-serve", action="store_true", help="only rebuild; serve nothing")

    stats = commands.add_parser("stats", help="count paragraphs, statuses, brackets, changes and comments",
                                parents=[common], description="How far a negotiation has come, in numbers.")
    stats.add_argument("files", nargs="+", metavar="FILE", help="the drafts to count")
    stats.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for people (default); json for tools: one object per file, "
                            "a list of them for several files")
    stats.add_argument("--json", action="store_true", help="the same as --format json")

    akn = commands.add_parser(
        "import", help="turn a Word file, text copied out of Word or an adopted resolution's Akoma Ntoso "
                       "XML into a draft", parents=[common],
        description="Turn a file from elsewhere into a draft, its format told by its extension. A Word "
                    "file (.docx): tracked changes become proposals by delegation, its comments the draft's comments, "
                    "numbers as Word shows them (docs/docx-import.md); macro-enabled files (.docm) are "
                    "refused. Text copied out of Word (.txt): 'Commented [PW1]: ...' blocks become "
                    "comments, split paragraphs are joined (docs/text-import.md). Akoma Ntoso XML (.xml), "
                    "as the UN publishes adopted resolutions (docs/akn-import.md). Nothing is fetched; "
                    "DTDs, entities and oversized files are refused.")
    akn.add_argument("file", metavar="FILE", help="the file to import: .docx, .txt or .xml")
    akn.add_argument("-o", "--output", metavar="OUT",
                     help="the draft to write (default: beside FILE, as FILE.wsis); - for standard output")
    akn.add_argument("--force", action="store_true", help="replace OUT if it exists")

    commands.add_parser("lsp", help="the language server for editors, over standard input and output",
                        parents=[common],
                        description="Speak the Language Server Protocol on standard input and output: an editor "
                                    "starts `wsisc lsp` and shows the diagnostics of `wsisc check` as the draft is "
                                    "typed. Needs the optional extra: pip install 'wsisc[lsp]'.")

    return parser


def main(argv: list[str] | None = None) -> int:
    # A short-lived compiler whose trees hold no reference cycles: reference
    # counting frees everything, and the cycle collector's passes over millions
    # of live nodes only made large drafts slower than linear (measured: the
    # negotiation view of a 100-times document, 0.76 s -> 0.33 s).
    collecting = gc.isenabled()
    gc.disable()
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):  # a bare `wsisc`: what it can do, not an error alone
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _run(parser.parse_args(argv))
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    try:
        match args.command:
            case "check":
                from .commands.check import run
            case "build":
                from .commands.build import run
            case "stats":
                from .commands.stats import run
            case "fmt":
                from .commands.fmt import run
            case "renumber":
                from .commands.renumber import run
            case "diff":
                from .commands.diff import run
            case "watch":
                from .commands.watch import run
            case "import":
                from .commands.import_ import run
            case "lsp":
                from .commands.lsp import run
        return run(args)
    except UsageError as exc:
        print(f"wsisc {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WriteError as exc:  # permissions, a full disk: nothing half-written, and said so
        print(f"wsisc {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("wsisc: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`wsisc check ... | head`): stop quietly, as a shell tool does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a message
        if args.debug:
            raise
        print(f"wsisc: internal error: {type(exc).__name__}: {exc}. This is a bug in wsisc; please report it "
              "with the input that caused it (run with --debug for the traceback).", file=sys.stderr)
        return EXIT_INTERNAL
