"""The options of one lint run (what ``check`` and ``audit`` were asked), apart from the session
that carries them out: a run served whole from the result cache reads them without importing
the linter."""

from __future__ import annotations

import os
from dataclasses import dataclass

from gialint.engine.selection import Selection


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

    @property
    def untrusted(self) -> tuple[str, ...]:
        """Folders whose own configuration files are not used (an audit's tree, unless asked)."""
        return () if self.tree_config else self.roots


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
