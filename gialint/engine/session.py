"""One lint run over many files: configs, the result cache, worker processes, corpus rules.

The CLI's ``check`` and ``audit`` both come here. Results come back in file order whatever the
number of jobs, so the output of ``--jobs 4`` is identical to ``--jobs 1``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gialint.config.model import Config
from gialint.engine.linter import Linter
from gialint.engine.options import (  # re-exported: their import path since 0.1.0
    RunOptions,
    default_jobs,  # noqa: F401
)
from gialint.engine.result import RULE_ERROR, FileResult
from gialint.engine.warm import plugins_loaded, servable
from gialint.model.diagnostic import Diagnostic

if TYPE_CHECKING:
    from gialint.config.discovery import ConfigResolver
    from gialint.engine.cache import ResultCache
    from gialint.engine.warm import Recorder

PARALLEL_THRESHOLD = 16
"""Fewer files than this are linted in-process: starting workers costs more than it saves."""


class RunResult:
    """What a run gives back; the run fills it in as it goes (a plain class: a dataclass costs
    a cold start about a millisecond to create)."""

    __slots__ = ("files", "configs", "results", "corpus_diagnostics", "cache_hits")

    def __init__(
        self,
        files: list[str],
        configs: dict[str, Config],
        results: list[FileResult] | None = None,
        corpus_diagnostics: list[Diagnostic] | None = None,
        cache_hits: int = 0,
    ) -> None:
        self.files = files
        self.configs = configs
        self.results: list[FileResult] = [] if results is None else results
        self.corpus_diagnostics: list[Diagnostic] = [] if corpus_diagnostics is None else corpus_diagnostics
        self.cache_hits = cache_hits

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"RunResult({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

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
        self.warned = False
        """Whether setting up said anything (a broken plugin): a run served from the cache would not."""

        def noted(message: str) -> None:
            self.warned = True
            if warn is not None:
                warn(message)
            else:
                sys.stderr.write(message + "\n")

        self.registry = registry_for(options.no_plugins, noted)
        self.resolver: ConfigResolver = ConfigResolver(loader_for(self.registry, noted), Path(options.config) if options.config else None, options.untrusted)
        self.confine = options.roots if options.confine else ()
        self.linter = Linter(self.registry.plugins, options.report_unused_disables, options.corpus, self.confine)
        self.cache: ResultCache | None = None
        if options.cache_dir:
            from gialint.engine.cache import ResultCache

            self.cache = ResultCache(options.cache_dir, warn)
        self._recorder: Recorder | None = None
        if self.cache is not None and servable(options):
            from gialint.engine.warm import Recorder

            self._recorder = Recorder(options, self.cache)
        self._fingerprints: dict[int, str] = {}

    def config_for(self, path: str) -> Config:
        if self._recorder is not None:
            self._recorder.keys.for_file(path)  # the deciding files' bytes before they are loaded, not after
        config = self.resolver.for_path(Path(path))
        if self.options.rule_timeout is not None:
            config = config.replace(rule_timeout=self.options.rule_timeout)
        return config.replace(year=self.options.year) if self.options.year is not None else config

    def lint_data(self, path: str, data: bytes, config: Config) -> FileResult:
        """Lint bytes that are not read from ``path`` (standard input); never cached."""
        return self.linter.lint_bytes(path, data, config, self.options.selection).portable(self.options.keep_sources)

    def lint(self, path: str, config: Config | None = None, lookup: bool = True) -> FileResult:
        """The result for the file at ``path``: from the cache if it holds one (unless ``lookup``
        is off: the caller looked already), else linted (and stored)."""
        config = config or self.config_for(path)
        selection = self.options.selection
        if self.cache is None:
            return self.linter.lint_path(path, config, selection).portable(self.options.keep_sources)
        from gialint.read.inputs import InputError, read_report

        try:
            data, _ = read_report(path, self.confine)
        except InputError as err:
            return self.linter.unreadable(path, config, selection, err)
        key = self._key(data, config, path)
        if lookup and (hit := self._hit(key, path)) is not None:
            return hit
        portable = self.linter.lint_bytes(path, data, config, selection).portable(self.options.keep_sources)
        if not any(d.rule == RULE_ERROR[0] for d in portable.diagnostics):  # a crash or overrun may not recur
            self.cache.put(key, portable)
        return portable

    def cached(self, path: str, config: Config) -> FileResult | None:
        """The cache's result for the file at ``path``, or None (a miss, no cache, or unreadable)."""
        if self.cache is None:
            return None
        from gialint.read.inputs import InputError, read_report

        try:
            data, _ = read_report(path, self.confine)
        except InputError:
            return None
        return self._hit(self._key(data, config, path), path)

    def _key(self, data: bytes, config: Config, path: str) -> str:
        from gialint.engine.cache import config_fingerprint

        assert self.cache is not None
        fp = self._fingerprints.get(id(config))
        if fp is None:
            options = self.options
            extra = (f"corpus={options.corpus}", f"unused={options.report_unused_disables}", plugins_loaded(options))
            fp = self._fingerprints[id(config)] = config_fingerprint(config, options.selection, extra)
        if self._recorder is not None and not self.warned:
            self._recorder.remember(path, config, fp)
        return self.cache.key(data, fp, path)

    def _hit(self, key: str, path: str) -> FileResult | None:
        assert self.cache is not None
        return self.cache.served(key, path, self.options.keep_sources)


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
_CONFIGS: Mapping[str, Config] = {}
"""A worker's session and the files' configurations: with ``fork`` those the parent resolved
(inherited, nothing is loaded again), with ``spawn`` a session made from the options."""


def _init_worker(options: RunOptions | None) -> None:
    global _WORKER
    gc.disable()
    if options is not None:
        _WORKER = Session(options, warn=lambda message: None)


def _work(path: str) -> FileResult:
    """One file's result in a worker, as little as the parent keeps of it (sent back pickled)."""
    assert _WORKER is not None
    result = _WORKER.lint(path, _CONFIGS.get(path), lookup=False)
    return result if _WORKER.options.corpus else result.slim()


def _parallel(session: Session, files: Sequence[str], configs: Mapping[str, Config], jobs: int) -> Iterator[FileResult]:
    """Results of ``files`` in order, linted by ``jobs`` worker processes, a chunk of paths at a time."""
    global _WORKER, _CONFIGS
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if fork else "spawn")
    # Small chunks keep the workers busy to the end; a chunk costs one message each way.
    chunk = max(1, min(16, len(files) // (jobs * 16)))
    if fork:
        _WORKER, _CONFIGS = session, configs
    try:
        initargs = (None if fork else session.options,)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=initargs) as pool:
            yield from pool.map(_work, files, chunksize=chunk)
    finally:
        if fork:
            _WORKER, _CONFIGS = None, {}


def _stream(session: Session, files: Sequence[str], configs: Mapping[str, Config]) -> Iterator[FileResult]:
    """Every file's result in order. With several jobs and the cache, the hits are served here
    first: a warm run starts no worker, and workers lint only the misses."""
    jobs = max(1, session.options.jobs)
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        yield from (session.lint(f, configs[f]) for f in files)
        return
    hits = [session.cached(f, configs[f]) for f in files]
    misses = [f for f, hit in zip(files, hits) if hit is None]
    if len(misses) >= PARALLEL_THRESHOLD:
        linted = _parallel(session, misses, configs, jobs)
    else:
        linted = (session.lint(f, configs[f], lookup=False) for f in misses)
    for hit in hits:
        yield hit if hit is not None else next(linted)


def run(
    session: Session,
    files: Sequence[str],
    configs: dict[str, Config],
    progress: Callable[[int, int, str], None] | None = None,
) -> RunResult:
    """Lint ``files`` (in order), then the corpus rules over all of them."""
    options = session.options
    result = RunResult(list(files), configs)
    result.results.extend(each(session, files, configs, progress))
    if session.cache is not None:
        result.cache_hits = session.cache.hits
    if options.corpus and result.results:
        first = configs[files[0]]
        result.corpus_diagnostics = session.linter.finish_corpus(result.results, first, options.selection)
    return result


def each(
    session: Session,
    files: Sequence[str],
    configs: Mapping[str, Config],
    progress: Callable[[int, int, str], None] | None = None,
) -> Iterator[FileResult]:
    """Every file's result in the order of ``files``, as each is ready (slim unless corpus rules
    need more): what :func:`run` collects, for a caller that writes each and keeps none. No
    corpus rules run here."""
    collector_was_on = gc.isenabled()
    gc.disable()  # documents hold no reference cycles: the cyclic collector only costs time here
    if session.cache is not None and files:
        session.cache.prepare()
    keep: Callable[[FileResult], FileResult] = (lambda r: r) if session.options.corpus else FileResult.slim
    try:
        for index, file_result in enumerate(_stream(session, files, configs), 1):
            yield keep(file_result)
            if progress is not None:
                progress(index, len(files), file_result.path)
    finally:
        if collector_was_on:
            gc.enable()

