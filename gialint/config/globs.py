"""Glob matching of report paths (``exclude:``, ``overrides: files:``), relative to a config's folder."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from pathlib import Path


def glob_match(path: str, globs: Sequence[str], root: str) -> bool:
    """Whether a glob matches ``path`` relative to ``root``, as a full path, or by file name."""
    full = Path(path).resolve()
    candidates = [full.as_posix(), full.name]
    try:
        candidates.append(full.relative_to(Path(root).resolve()).as_posix())
    except ValueError:
        pass
    return any(fnmatch.fnmatch(c, g) for c in candidates for g in globs)
