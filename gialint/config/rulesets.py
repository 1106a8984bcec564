"""The built-in YAML rule sets (top-level ``rules/``), found in a wheel or a source checkout.

Registered as an ordinary ``gialint_get_rule_sets`` plugin, like any province's set would be.
"""

from __future__ import annotations

from pathlib import Path

from gialint.engine.plugin import hookimpl

_HERE = Path(__file__).resolve().parent.parent


def builtin_dir() -> Path:
    """``gialint/_rules`` in an installed wheel, else ``rules/`` beside the package (source tree)."""
    installed = _HERE / "_rules"
    return installed if installed.is_dir() else _HERE.parent / "rules"


@hookimpl
def gialint_get_rule_sets() -> dict[str, Path]:
    directory = builtin_dir()
    return {p.stem: p for p in sorted(directory.glob("*.yaml"))}
