"""One lint run over many files: configs, the result cache, worker processes, corpus rules.

The CLI's ``check`` and ``audit`` both come here. Results come back in file order whatever the
number of jobs, so the output of ``--jobs 4`` is identical to ``--jobs 1``.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from gialint.config.model import Config
from gialint.engine.linter import RULE_ERROR, UNREADABLE, FileResult, Linter
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic

if TYPE_CHECKING:
    from gialint.config.discovery import ConfigResolver
    from gialint.engine.cache import ResultCache

PARALLEL_THRESHOLD = 16
"""Fewer files than this are linted in-process: starting workers costs more than it saves."""


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...] = (".",)
    config: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    no_plugins: bool = False
    year: int | None = None
    jobs: int = 1
    cache_dir: str | None = None
    """Where the result cache lives; None disables it."""
    corpus: bool = False
    """Run corpus rules (duplicate-content, carry-over …)."""
    keep_sources: bool = False
    """Keep each file's lines (for html output and baselines)."""
    report_unused_disables: bool = False
    confine: bool = False
    """An audit: read nothing outside the named folders (links out of them are reported)."""
    tree_config: bool = True
    """Use the configuration files found in the checked tree (off for an audit by default)."""
    rule_timeout: float | None = None
    """``--rule-timeout``: seconds a rule may take on one file, over the config's ``rule-timeout:``."""

    @property
    def selection(self) -> Selection:
        return Selection(self.select, self.ignore)

    @property
    def roots(self) -> tuple[str, ...]:
        """The resolved folders of the paths given: a folder itself, a named file's folder."""
        out = []
        for p in self.paths or (".",):
            out.append(os.path.realpath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))))
        return tuple(dict.fromkeys(out))


@dataclass
class RunResult:
    files: list[str]
    configs: dict[str, Config]
    results: list[FileResult] = field(default_factory=list)
    corpus_diagnostics: list[Diagnostic] = field(default_factory=list)
    cache_hits: int = 0

    @property
    def diagnostics(self) -> list[Diagnostic]:
        out = [d for r in self.results for d in r.diagnostics] + self.corpus_diagnostics
        out.sort(key=lambda d: (d.path, d.line, d.column, d.code))
        return out

    def sources(self) -> dict[str, tuple[str, ...]]:
        return {r.path: lines for r in self.results if (lines := r.source_lines()) is not None}


class Session:
    """Everything one process needs to lint: plugins, the config resolver, the linter, the cache."""

    def __init__(self, options: RunOptions, warn: Callable[[str], None] | None = None) -> None:
        from gialint.config.discovery import ConfigResolver
        from gialint.engine.wiring import loader_for, registry_for

        self.options = options
        self.registry = registry_for(options.no_plugins, warn)
        untrusted = () if options.tree_config else options.roots
        self.resolver: ConfigResolver = ConfigResolver(loader_for(self.registry, warn), Path(options.config) if options.config else None, untrusted)
        self.confine = options.roots if options.confine else ()
        self.linter = Linter(self.registry.plugins, options.report_unused_disables, options.corpus, self.confine)
        self.cache: ResultCache | None = None
        if options.cache_dir:
            from gialint.engine.cache import ResultCache

            self.cache = ResultCache(options.cache_dir, warn)
        self._fingerprints: dict[int, str] = {}

    def config_for(self, path: str) -> Config:
        config = self.resolver.for_path(Path(path))
        if self.options.rule_timeout is not None:
            config = config.replace(rule_timeout=self.options.rule_timeout)
        return config.replace(year=self.options.year) if self.options.year is not None else config

    def lint_data(self, path: str, data: bytes, config: Config) -> FileResult:
        """Lint bytes that are not read from ``path`` (standard input); never cached."""
        result = self.linter.lint_bytes(path, data, config, self.options.selection)
        if self.options.selection.explicitly_ignores(*UNREADABLE):
            result = replace(result, diagnostics=tuple(d for d in result.diagnostics if d.rule != UNREADABLE[0]))
        return result.portable(self.options.keep_sources)

    def lint(self, path: str, config: Config | None = None) -> FileResult:
        config = config or self.config_for(path)
        selection = self.options.selection
        if self.cache is None:
            return self.linter.lint_path(path, config, selection).portable(self.options.keep_sources)
        from gialint.read.inputs import InputError, read_report

        try:
            data, _ = read_report(path, self.confine)
        except InputError:  # the linter reports why
            return self.linter.lint_path(path, config, selection).portable(self.options.keep_sources)
        from gialint.engine.cache import config_fingerprint

        fp = self._fingerprints.get(id(config))
        if fp is None:
            extra = (f"corpus={self.options.corpus}", f"unused={self.options.report_unused_disables}")
            fp = self._fingerprints[id(config)] = config_fingerprint(config, selection, extra)
        key = self.cache.key(data, fp, path)
        cached = self.cache.get(key)
        # An entry stored without the file's lines serves only runs that need none: the lines are
        # those the reader made (Word/PDF/HTML: the extracted text), not the raw bytes, so a run
        # that shows sources lints the file again and stores them.
        if isinstance(cached, FileResult) and cached.path == path and (cached.lines is not None or not self.options.keep_sources):
            return cached
        result = self.linter.lint_bytes(path, data, config, selection)
        if selection.explicitly_ignores(*UNREADABLE):
            result = replace(result, diagnostics=tuple(d for d in result.diagnostics if d.rule != UNREADABLE[0]))
        portable = result.portable(self.options.keep_sources)
        if not any(d.rule == RULE_ERROR[0] for d in portable.diagnostics):  # a crash or overrun may not recur
            self.cache.put(key, portable)
        return portable


def collect(session: Session, excluded_check: bool = True) -> tuple[list[str], dict[str, Config]]:
    """The files to lint and each one's configuration (raises ConfigError before any is read)."""
    from gialint.config.discovery import excluded, iter_files

    files: list[str] = []
    configs: dict[str, Config] = {}
    for file, named in iter_files(session.options.paths or (".",), session.confine):
        config = session.config_for(file)
        if excluded_check and not named and excluded(file, config):
            continue
        files.append(file)
        configs[file] = config
    return files, configs


# --------------------------------------------------------------------------- workers

_WORKER: Session | None = None


def _init_worker(options: RunOptions) -> None:
    global _WORKER
    gc.disable()
    _WORKER = Session(options, warn=lambda message: None)


def _work(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint(path)


def _parallel(options: RunOptions, files: Sequence[str], jobs: int) -> Iterator[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(64, len(files) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.map(_work, files, chunksize=chunk)


def run(
    session: Session,
    files: Sequence[str],
    configs: dict[str, Config],
    progress: Callable[[int, int, str], None] | None = None,
) -> RunResult:
    """Lint ``files`` (in order), then the corpus rules over all of them."""
    options = session.options
    result = RunResult(list(files), configs)
    jobs = max(1, options.jobs)
    collector_was_on = gc.isenabled()
    gc.disable()  # documents hold no reference cycles: the cyclic collector only costs time here
    if session.cache is not None and files:
        session.cache.prepare()
    try:
        if jobs > 1 and len(files) >= PARALLEL_THRESHOLD:
            stream: Iterator[FileResult] = _parallel(options, files, jobs)
        else:
            stream = (session.lint(f, configs[f]) for f in files)
        for index, file_result in enumerate(stream, 1):
            result.results.append(file_result)
            if progress is not None:
                progress(index, len(files), file_result.path)
    finally:
        if collector_was_on:
            gc.enable()
    if session.cache is not None:
        result.cache_hits = session.cache.hits
    if options.corpus and result.results:
        first = configs[files[0]]
        result.corpus_diagnostics = session.linter.finish_corpus(result.results, first, options.selection)
    return result


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
