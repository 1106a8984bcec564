"""The engine: plugins and their rules, linting one report, runs over many (jobs, cache),
fixes, baselines and the audit.
"""

from __future__ import annotations

from gialint._lazy import face

_NAMES = {
    "Linter": "linter",
    "FileResult": "linter",
    "Session": "session",
    "RunOptions": "options",
    "RunResult": "session",
    "collect": "session",
    "run": "session",
    "Registry": "registry",
    "registry_for": "wiring",
    "loader_for": "wiring",
}

__getattr__, __dir__ = face(__name__, _NAMES)
