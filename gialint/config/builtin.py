"""Where the built-in YAML rule sets live (top-level ``rules/``, or ``gialint/_rules`` in a wheel).

Apart from :mod:`gialint.config.rulesets` (their plugin) so that the result cache's code digest
finds them without importing pluggy.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent.parent


def builtin_dir() -> Path:
    """``gialint/_rules`` in an installed wheel, else ``rules/`` beside the package (source tree)."""
    installed = _HERE / "_rules"
    return installed if installed.is_dir() else _HERE.parent / "rules"
