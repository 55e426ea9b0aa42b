"""The `cnht` command: parses arguments and calls the library; no logic of its own."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import EXIT_FAILURE, EXIT_INVALID, EXIT_OK, CnhtError, UsageError

EPILOG = """\
exit status:
  0  success
  1  execution failure (a notebook cell failed, timed out or its kernel died; an I/O error)
  2  invalid input or usage (one line per problem on stderr: file, row or key, what was expected)
  3  another `cnht render` holds the lock on the same output directory

Run `cnht COMMAND --help` for a command's options.
"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 through our own error path."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"usage: {message} (see `{self.prog} --help`)")


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year such as 2024") from None
    if not 1900 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"{value} is not a year between 1900 and 2100")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `cnht` and its subcommands."""
    parser = _Parser(
        prog="cnht",
        description="Assess Hanoi's supporting-industry (CNHT) targets and render reports.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cnht-analysis {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--debug", action="store_true", help="show a traceback on errors")
        return p

    def data_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data",
            type=Path,
            default=None,
            metavar="DIR",
            help="data directory (default: the repository's data/)",
        )

    def set_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--set",
            dest="sets",
            action="append",
            default=[],
            metavar="INDICATOR:YEAR=VALUE",
            help="what if: a hypothetical figure, applied in memory only (repeatable); "
            "the output is labelled a scenario and nothing is written to data/",
        )

    p = command("validate", "check the data directory and print a one-line summary")
    data_opt(p)

    p = command("assess", "assess every target of a region as of a year")
    p.add_argument(
        "--as-of",
        type=_year,
        default=None,
        metavar="YEAR",
        help="assessment year (default: latest year with an actual or preliminary value)",
    )
    p.add_argument("--region", default="hanoi", metavar="ID")
    data_opt(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--ids", action="store_true", help="name targets by their ids")
    set_opt(p)

    p = command("explain", "explain in words and numbers how a target's status came about")
    p.add_argument("target", metavar="TARGET_ID")
    p.add_argument("--as-of", type=_year, default=None, metavar="YEAR")
    data_opt(p)
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    set_opt(p)

    p = command("render", "execute the notebooks with papermill and export offline HTML")
    p.add_argument("--as-of", type=_year, default=None, metavar="YEAR")
    p.add_argument("--region", default="hanoi", metavar="ID")
    p.add_argument("--lang", choices=("vi", "en", "all"), default="vi")
    data_opt(p)
    p.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output root (default: reports/)"
    )
    p.add_argument(
        "--timeout", type=int, default=600, metavar="SECONDS", help="per-cell timeout (default 600)"
    )
    p.add_argument(
        "--pdf",
        action="store_true",
        help="also write the PDF of the Word draft (needs LibreOffice)",
    )

    p = command("history", "every target assessed as of each year in a range")
    p.add_argument("--region", default="hanoi", metavar="ID")
    p.add_argument("--from", dest="from_year", type=_year, default=None, metavar="YEAR")
    p.add_argument("--to", dest="to_year", type=_year, default=None, metavar="YEAR")
    data_opt(p)
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")

    p = command("skill", "back test: verdicts on past plans against their declared outcomes")
    data_opt(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--write-summary", action="store_true", help="update the skill summary")
    p.add_argument("--plot", type=Path, default=None, metavar="FILE.png", help="write a diagram")

    p = command("template", "write an Excel workbook for entering the Department's data")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.add_argument("--region", default="hanoi", metavar="ID")
    data_opt(p)

    p = command("import", "validate an Excel workbook and write its data into the data directory")
    p.add_argument("workbook", type=Path, metavar="FILE.xlsx")
    data_opt(p)
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    return parser


def run(args: argparse.Namespace) -> int:
    """Dispatch one parsed command; returns the exit status."""
    if args.command == "validate":
        from .load import load_dataset
        from .text import dataset_summary

        ds = load_dataset(args.data)
        print(dataset_summary(ds))
        return EXIT_OK
    if args.command == "assess":
        from .assess_table import assess_output

        if args.sets and args.format != "table":
            raise UsageError("--set: a scenario is shown as a table only (drop --format)")
        out = assess_output(
            args.data, args.region, args.as_of, args.format, args.lang, ids=args.ids, sets=args.sets
        )
        print(out, end="")
        return EXIT_OK
    if args.command == "explain":
        from .scenario import explain_output

        print(explain_output(args.data, args.target, args.as_of, args.lang, args.sets))
        return EXIT_OK
    if args.command == "render":
        from .render import langs_of, render_checked, summary_lines

        result = render_checked(
            data_dir=args.data,
            region=args.region,
            as_of=args.as_of,
            langs=langs_of(args.lang),
            out_root=args.out,
            timeout=args.timeout,
            pdf=getattr(args, "pdf", False),
        )
        for line in summary_lines(result, args.as_of is None, args.data, args.region):
            print(line)
        return EXIT_OK
    if args.command == "history":
        from .history import history_command

        print(
            history_command(
                args.data, args.region, args.from_year, args.to_year, args.format, args.lang
            ),
            end="",
        )
        return EXIT_OK
    if args.command == "skill":
        from .skill import skill_command

        out = skill_command(args.data, args.format, args.lang, args.write_summary, args.plot)
        print(out, end="")
        return EXIT_OK
    if args.command == "template":
        from .excel import template_lines, write_template

        out = write_template(args.data, args.region, args.out)
        print("\n".join(template_lines(out, args.region, args.data)))
        return EXIT_OK
    if args.command == "import":
        from .excel import import_workbook

        print(import_workbook(args.workbook, args.data, dry_run=args.dry_run).report(), end="")
        return EXIT_OK
    build_parser().print_help()
    return EXIT_INVALID


class _TerminatedEarly(BaseException):
    """SIGTERM outside a render's own handling (start-up, other commands)."""


_SIGTERM_SEEN = [False]  # set by either SIGTERM handler before it raises


def _terminated() -> bool:
    """Whether a SIGTERM arrived during this run.

    An exception raised from a signal handler can land inside the import system or another
    library's bookkeeping, which then fails with an unrelated error (e.g. importlib's KeyError
    of a thread id); such an error is the SIGTERM's doing and is reported as the SIGTERM.
    """
    if _SIGTERM_SEEN[0]:
        return True
    render = sys.modules.get("cnht_analysis.render")
    return bool(render is not None and render._TERMINATED.is_set())


def _sigterm_is_exit_1() -> None:
    """From here on a SIGTERM is exit 1 with one line (not the shell's 143, not a traceback);
    `cnht render` installs its own handler for the run itself."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, frame: object) -> None:
        _SIGTERM_SEEN[0] = True
        if not _IN_MAIN[0]:  # before (or after) main's own handling: nothing to clean up
            os.write(2, (_sigterm_line() + "\n").encode("utf-8", "replace"))
            os._exit(1)
        raise _TerminatedEarly(signum)

    signal.signal(signal.SIGTERM, handler)
    if not _HOLD_AT_EXIT[0]:
        import atexit

        atexit.register(_hold_sigterm_at_exit)  # registered first, so it runs last
        _HOLD_AT_EXIT[0] = True


_HOLD_AT_EXIT = [False]


def _hold_sigterm_at_exit() -> None:
    """After the atexit functions the interpreter's shutdown puts a handled SIGTERM back to the
    default (the process killed: exit -15, the shell's 143) while threads of the libraries may
    still run; the command's work is done by then, so from here on SIGTERM is ignored (a signal
    ignored is left so by the shutdown; blocking it would hold it in this thread only)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)


_IN_MAIN = [False]  # inside main's try: a SIGTERM becomes _TerminatedEarly, handled there


def _sigterm_line() -> str:
    """The line a SIGTERM prints: once a render has published, it says the new report is
    complete (the signal came while cleaning up or printing the summary), else only that the
    run was interrupted."""
    render = sys.modules.get("cnht_analysis.render")
    if render is not None and render._PUBLISHED[0] is not None:
        return f"cnht: {render.sigterm_message()}"
    return "cnht: interrupted by SIGTERM"


class _SafeStream:
    """A text stream that writes every control and bidi character as a visible escape."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from .text import terminal_safe

        return self._stream.write(terminal_safe(text))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Run one command (the `cnht` script and `python -m cnht_analysis` call it through
    `console`): nothing printed reaches the terminal raw (data text may hold ESC, BEL or
    bidi controls that bypassed validation: a `--set` value, a workbook cell)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(out), _SafeStream(err)  # type: ignore[assignment]
    try:
        try:
            return _main(argv)
        finally:
            _IN_MAIN[0] = False
            sys.stdout, sys.stderr = out, err
    except _TerminatedEarly:  # the signal came after _main returned, before the line above
        print(_sigterm_line(), file=sys.stderr)
        return EXIT_FAILURE


def console(argv: list[str] | None = None) -> int:
    """The `cnht` console script and `python -m cnht_analysis`: `main`, then a SIGTERM is
    ignored while the interpreter shuts down.

    Python puts SIGTERM back to its default action during shut-down, so a signal in that
    last fraction of a second would kill the process (status -15, as if nothing had been
    done) although the run had finished and said so. From here the exit status is the
    finished run's. (Callers of `main` itself are covered later, by the atexit hold that
    `_sigterm_is_exit_1` registers; this closes the window before the atexit functions.)
    """
    import threading

    rc = main(argv)
    if threading.current_thread() is threading.main_thread():
        _hold_sigterm_at_exit()  # now, not only after the atexit functions
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    return rc


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    _SIGTERM_SEEN[0] = False
    render = sys.modules.get("cnht_analysis.render")
    if render is not None:  # a SIGTERM of an earlier run in this process is not this one's
        render._TERMINATED.clear()
        render._PUBLISHED[0] = None
    _sigterm_is_exit_1()
    try:
        _IN_MAIN[0] = True
        args = build_parser().parse_args(argv)
        return run(args)
    except CnhtError as exc:
        if debug:
            traceback.print_exc()
        if _terminated() and "SIGTERM" not in str(exc):
            print(_sigterm_line(), file=sys.stderr)
            return EXIT_FAILURE
        for line in str(exc).splitlines():
            print(f"cnht: {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cnht: interrupted", file=sys.stderr)
        return 130
    except _TerminatedEarly:
        print(_sigterm_line(), file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # disk full, read-only, permission denied: say where and why
        if debug:
            traceback.print_exc()
        if _terminated():
            print(_sigterm_line(), file=sys.stderr)
            return EXIT_FAILURE
        import errno

        verb = "write" if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) else "access"
        where = exc.filename if exc.filename is not None else "a file"
        print(f"cnht: cannot {verb} {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - last resort: one clear line, never a bare traceback
        if debug:
            traceback.print_exc()
        if _terminated():
            print(_sigterm_line(), file=sys.stderr)
            return EXIT_FAILURE
        print(
            f"cnht: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(console())
