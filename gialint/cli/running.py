"""From the parsed command line to a run of ``check``/``audit``: the run's options, the files
(or standard input), the progress bar, and the lint itself."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise
from typing import TYPE_CHECKING, BinaryIO, TextIO

from gialint.cli.options import CACHE_DIR
from gialint.output.escape import printable

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.engine.options import RunOptions
    from gialint.engine.result import FileResult
    from gialint.engine.selection import Selection
    from gialint.engine.session import RunResult, Session

STDIN_LIMIT = 20 * 1024 * 1024
STREAMING = ("text", "github")
"""The formats that write a file's findings as soon as it is linted (they have ``write_batches``)."""


def run_options(args: argparse.Namespace, corpus: bool, keep_sources: bool) -> RunOptions:
    from gialint.engine.options import RunOptions, default_jobs
    from gialint.engine.selection import split_list

    cache_dir = None if args.no_cache else (args.cache_dir or os.environ.get("GIALINT_CACHE_DIR") or CACHE_DIR)
    return RunOptions(
        paths=tuple(args.paths or ["."]),
        config=args.config,
        select=split_list(args.select),
        ignore=split_list(args.ignore),
        no_plugins=args.no_plugins,
        year=args.year,
        jobs=args.jobs if args.jobs else default_jobs(),
        cache_dir=cache_dir,
        corpus=corpus,
        keep_sources=keep_sources,
        report_unused_disables=getattr(args, "report_unused_disables", False),
        confine=args.command == "audit",
        tree_config=args.command != "audit" or args.respect_tree_config,
        rule_timeout=args.rule_timeout,
    )


def warn_unknown_selection(session: Session, configs: Mapping[str, Config], err: TextIO) -> None:
    known = {(r.name, r.code) for c in configs.values() for r in c.rules.values()}
    known |= {(r.name, r.code) for r in session.registry.rules()}
    warn_unknown(session.options.selection, known, err)


def warn_unknown(selection: Selection, known: AbstractSet[tuple[str, str]], err: TextIO) -> None:
    """Warn of each ``--select``/``--ignore`` item that matches none of the ``known`` (name, code)."""
    for item in (*selection.select, *selection.ignore):
        if item.upper() != "ALL" and not any(item == name or code.upper().startswith(item.upper()) for name, code in known):
            err.write(f"gialint: warning: --select/--ignore: no rule matches {item!r}; run `gialint rules` for the list\n")


def files_to_check(args: argparse.Namespace, session: Session, reading_stdin: bool) -> tuple[list[str], dict[str, Config]]:
    """The files a run checks and the configuration of each.

    ``gialint check -``: the one "file" is standard input, named by ``--stdin-filename`` (its
    suffix chooses the reader, its folder the configuration), else ``-``, read as plain text."""
    if not reading_stdin:
        from gialint.engine.session import collect

        return collect(session)
    name = getattr(args, "stdin_filename", None) or "-"
    return [name], {name: session.config_for(name if name != "-" else "stdin.txt")}


def _read_stdin() -> bytes:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests): its text as UTF-8
        return sys.stdin.read(STDIN_LIMIT + 1).encode("utf-8")
    return stream.read(STDIN_LIMIT + 1)


def lint(
    args: argparse.Namespace, session: Session, files: list[str], configs: dict[str, Config], reading_stdin: bool, err: TextIO
) -> RunResult:
    """Lint ``files`` (or standard input), with a progress bar for ``audit`` on a terminal."""
    from gialint.engine.session import RunResult, run

    if reading_stdin:
        return RunResult(list(files), configs, [session.lint_data(files[0], _read_stdin(), configs[files[0]])])
    return run(session, files, configs, progress(err) if getattr(args, "progress", False) else None)


def streams(args: argparse.Namespace, files: Sequence[str], corpus: bool, reading_stdin: bool) -> bool:
    """Whether the run's findings can be written file by file as each is linted, and none kept:
    text or github output to standard output, and nothing that needs every finding first (a
    baseline, --fix/--diff, corpus rules, an audit's summary, annotated copies). The files must
    come in the order the output sorts them (by path), as those found under one folder do."""
    if corpus or reading_stdin or args.format not in STREAMING or args.output:
        return False
    if args.fix or args.diff or args.baseline or getattr(args, "write_baseline", None):
        return False
    if getattr(args, "summary", False) or getattr(args, "annotate", False):
        return False
    return all(a < b for a, b in pairwise(files))


def each_file(args: argparse.Namespace, session: Session, files: list[str], configs: dict[str, Config], err: TextIO) -> Iterator[FileResult]:
    """The result of each of ``files`` in order, as it is linted (see :func:`streams`)."""
    from gialint.engine.session import each

    return each(session, files, configs, progress(err) if getattr(args, "progress", False) else None)


def progress(err: TextIO) -> Callable[[int, int, str], None] | None:
    """A one-line progress bar on a terminal; nothing when stderr is not one."""
    if not err.isatty():
        return None

    def show(done: int, total: int, path: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        shown = printable(path)
        name = shown if len(shown) <= 40 else "…" + shown[-39:]
        err.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}")
        if done == total:
            err.write("\n")
        err.flush()

    return show
