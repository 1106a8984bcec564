"""The built-in YAML rule sets (top-level ``rules/``), found in a wheel or a source checkout.

Registered as an ordinary ``gialint_get_rule_sets`` plugin, like any province's set would be.
"""

from __future__ import annotations

from pathlib import Path

from gialint.config.builtin import builtin_dir
from gialint.engine.plugin import hookimpl

__all__ = ["builtin_dir", "gialint_get_rule_sets"]


@hookimpl
def gialint_get_rule_sets() -> dict[str, Path]:
    directory = builtin_dir()
    return {p.stem: p for p in sorted(directory.glob("*.yaml"))}
