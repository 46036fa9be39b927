"""Command line: arguments, progress on the terminal, messages and exit codes."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from ..errors import BookError

EXIT_AUTHOR_ERROR = 1
EXIT_INTERRUPTED = 130


def _interrupted(signum, frame) -> None:
    """SIGTERM as Ctrl-C: the build stops, its children are stopped and its partial files removed."""
    raise KeyboardInterrupt
EXIT_INTERNAL = 70


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the book's PDF, EPUB and web edition from its manuscript.")
    parser.add_argument("--source", type=Path, default=Path("."), help="manuscript folder (with book.toml, or metadata.yaml, or just numbered .md files)")
    parser.add_argument("--out", type=Path, help="output folder (default: SOURCE/dist)")
    parser.add_argument("--pdf", action="store_true", help="build the PDF only")
    parser.add_argument("--epub", action="store_true", help="build the EPUB only")
    parser.add_argument("--web", action="store_true", help="build the web edition (dist/web) only")
    parser.add_argument("--check", action="store_true", help="check the manuscript, write nothing")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    parser.add_argument("--no-cache", action="store_true", help="build from scratch, ignoring SOURCE/.cache")
    parser.add_argument("--watch", action="store_true", help="rebuild whenever a file of the manuscript changes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("book")
    log.addHandler(handler)
    log.setLevel(logging.WARNING if args.quiet else logging.INFO)
    options = make_options(args)
    if args.watch:
        from ..paginate.session import Session
        from .watch import watch
        session = Session(options.source)  # the layout engine and parts, kept between rebuilds
        return watch(options, lambda: run(options, args, session))
    return run(options, args)


def make_options(args: argparse.Namespace):
    from ..build.options import Options
    every = not (args.pdf or args.epub or args.web)  # flags combine: --pdf --web builds those two
    source = args.source.resolve()
    return Options(source=source, out=(args.out or source / "dist").resolve(), pdf=args.pdf or every,
                   epub=args.epub or every, web=args.web or every, strict=args.strict, check_only=args.check,
                   cache=None if args.no_cache else source / ".cache")


def run(options, args: argparse.Namespace, session=None) -> int:
    """One build: messages on the terminal, an exit code."""
    from ..build.cache import up_to_date
    from ..build.output import finish_publication
    start = time.perf_counter()
    finish_publication(options.out)  # a publication a killed build committed to, completed first
    if not options.check_only and (warnings := up_to_date(options)) is not None:
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if not args.quiet:
            print(f"up to date: nothing changed since the last build ({time.perf_counter() - start:.2f} s)",
                  file=sys.stderr)
        return 0
    from ..build.pipeline import build
    signal.signal(signal.SIGTERM, _interrupted)  # `kill` and CI's timeouts: stop as Ctrl-C does
    try:
        result = build(options, session)
    except BookError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(error.problems)} error(s); nothing was written, the last good book is untouched.",
              file=sys.stderr)
        return EXIT_AUTHOR_ERROR
    except KeyboardInterrupt:
        print("interrupted; the last good book is untouched.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug of the builder, not the author's mistake
        if args.debug:
            raise
        print(f"internal error: {type(error).__name__}: {error}\n"
              "The last good book is untouched. This is a bug in the builder: please report it, "
              "with the output of the same command run with --debug.", file=sys.stderr)
        return EXIT_INTERNAL
    for problem in result.report.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    if not args.quiet:
        done = ", ".join(str(p.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p)
                         for p in result.outputs) or "manuscript checked"
        print(f"{done} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 0
