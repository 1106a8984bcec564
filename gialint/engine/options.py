"""The options of one lint run (what ``check`` and ``audit`` were asked), apart from the session
that carries them out: a run served whole from the result cache reads them without importing
the linter. A record, not a dataclass: creating a dataclass costs a start about a millisecond."""

from __future__ import annotations

import os

from gialint.engine.selection import Selection
from gialint.model.record import Record


class RunOptions(Record):
    __slots__ = (
        "paths", "config", "select", "ignore", "no_plugins", "year", "jobs", "cache_dir", "corpus", "keep_sources",
        "report_unused_disables", "confine", "tree_config", "rule_timeout",
    )  # fmt: skip

    paths: tuple[str, ...]
    config: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    no_plugins: bool
    year: int | None
    jobs: int
    cache_dir: str | None
    """Where the result cache lives; None disables it."""
    corpus: bool
    """Run corpus rules (duplicate-content, carry-over …)."""
    keep_sources: bool
    """Keep each file's lines (for html output and baselines)."""
    report_unused_disables: bool
    confine: bool
    """An audit: read nothing outside the named folders (links out of them are reported)."""
    tree_config: bool
    """Use the configuration files found in the checked tree (off for an audit by default)."""
    rule_timeout: float | None
    """``--rule-timeout``: seconds a rule may take on one file, over the config's ``rule-timeout:``."""

    def __init__(
        self,
        paths: tuple[str, ...] = (".",),
        config: str | None = None,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        no_plugins: bool = False,
        year: int | None = None,
        jobs: int = 1,
        cache_dir: str | None = None,
        corpus: bool = False,
        keep_sources: bool = False,
        report_unused_disables: bool = False,
        confine: bool = False,
        tree_config: bool = True,
        rule_timeout: float | None = None,
    ) -> None:
        self._init(
            paths, config, select, ignore, no_plugins, year, jobs, cache_dir, corpus, keep_sources,
            report_unused_disables, confine, tree_config, rule_timeout,
        )  # fmt: skip

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

    @property
    def untrusted(self) -> tuple[str, ...]:
        """Folders whose own configuration files are not used (an audit's tree, unless asked)."""
        return () if self.tree_config else self.roots


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
