"""Output formats, one small module each, all with ``write(out, report)``.

:data:`FORMATS` maps a ``--format`` name to its module; plugins add formats through the
``gialint_get_formatters`` hook. Diagnostics go to stdout (or ``--output FILE``), tool
errors to stderr.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from gialint.diagnostic import Diagnostic
    from gialint.rule import Rule

FORMATS: dict[str, str] = {
    "text": "gialint.output.text",
    "json": "gialint.output.json",
}


@dataclass(frozen=True)
class Report:
    """Everything a formatter may show about one run."""

    diagnostics: Sequence[Diagnostic]
    """Sorted by path, line, column, code."""
    files: Sequence[str]
    """Every file checked, in the order checked."""
    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    rules: Mapping[str, Rule] = field(default_factory=dict)
    """Every known rule by name (metadata for SARIF, help links …)."""
    sources: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """The decoded lines of each checked file, for formats that show the source."""


class Formatter(Protocol):
    def write(self, out: TextIO, report: Report) -> None: ...


def formatter(name: str, extra: Mapping[str, str] | None = None) -> Formatter:
    """The module (or object) implementing format ``name``."""
    target = {**FORMATS, **(extra or {})}[name]
    return importlib.import_module(target)  # type: ignore[return-value]
