"""Command line: launch the app, or index / search / inspect from the shell with Rich output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tui_reader.core.config import Settings
from tui_reader.core.sanitize import clean_line

COMMANDS = ("index", "search", "inspect")
EPILOG = """commands:
  tui-reader [DIR]             open the reader on DIR (default: ./articles, else the bundled sample)
  tui-reader index [--dir DIR] [--rebuild]
  tui-reader search QUERY [--dir DIR] [--limit N] [--json]
  tui-reader inspect FILE [--json]
Run `tui-reader COMMAND --help` for details."""


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class _ShowVersion(argparse.Action):
    """`--version`, with the version looked up only then (see `tui_reader.__getattr__`)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        import tui_reader

        print(f"tui-reader {tui_reader.__version__}")  # on stdout, as argparse's own does
        parser.exit()


def _folder_argument(parser: argparse.ArgumentParser, *, positional: bool = False) -> None:
    help_text = "articles folder (default: ./articles if it exists, else the bundled sample)"
    if positional:
        parser.add_argument("dir", nargs="?", type=Path, metavar="DIR", help=help_text)
    else:
        parser.add_argument("--dir", type=Path, metavar="DIR", help=help_text)


def build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The launcher parser and one parser per command."""
    main = _Parser(
        prog="tui-reader",
        description="A keyboard-driven terminal news reader with instant full-text search.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action=_ShowVersion, help="show the version and exit")
    _folder_argument(main, positional=True)

    index = _Parser(prog="tui-reader index", description="Build or update the search index.")
    _folder_argument(index)
    index.add_argument("--rebuild", action="store_true", help="discard the index and build anew")

    search = _Parser(
        prog="tui-reader search",
        description="Search the articles. Query syntax: words (all must match), OR, NOT, "
        '"exact phrase", prefix*, fuzzy~, title:, source:, speaker:, figure:, date:[2024 to 2026].',
    )
    search.add_argument("query", metavar="QUERY", help="the query (quote it in the shell)")
    _folder_argument(search)
    search.add_argument(
        "--limit", type=_positive_int, default=20, metavar="N", help="at most N hits"
    )
    search.add_argument("--json", action="store_true", help="print a JSON array of hits")

    inspect = _Parser(
        prog="tui-reader inspect",
        description="Show an article's title, date, source, quotes (with speakers) and figures.",
    )
    inspect.add_argument("file", type=Path, metavar="FILE", help="an article file (.txt or .md)")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    return main, {"index": index, "search": search, "inspect": inspect}


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _settings_for(folder: Path | None) -> Settings:
    if folder is not None and not folder.is_dir():
        raise UsageError(f"not a folder: {clean_line(str(folder))}")
    return Settings.from_defaults(folder)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tui-reader` command. Returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    except UsageError as error:
        print(f"tui-reader: {clean_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tui-reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read our output left (`tui-reader search x --json | head`): nothing to report.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1  # as Rich does for the table output, and as Python's docs advise
    except Exception as error:  # the last line of defence: one line, never a traceback
        reason = clean_line(str(error) or type(error).__name__, 200)
        print(f"tui-reader: unexpected error: {reason}", file=sys.stderr)
        return 1


def _dispatch(args: list[str]) -> int:
    from tui_reader import cli_commands

    main_parser, parsers = build_parsers()
    if args and args[0] in COMMANDS:
        options = parsers[args[0]].parse_args(args[1:])
        if args[0] == "index":
            return cli_commands.run_index(_settings_for(options.dir), rebuild=options.rebuild)
        if args[0] == "search":
            settings = _settings_for(options.dir)
            return cli_commands.run_search(settings, options.query, options.limit, options.json)
        if not options.file.is_file():
            reason = "not a file" if options.file.exists() else "no such file"
            raise UsageError(f"{reason}: {clean_line(str(options.file))}")
        return cli_commands.run_inspect(options.file, as_json=options.json)
    options = main_parser.parse_args(args)
    return cli_commands.run_app(_settings_for(options.dir))


def print_json(value: object) -> None:
    """JSON on stdout, UTF-8 kept readable."""
    print(json.dumps(value, ensure_ascii=False, indent=2))
