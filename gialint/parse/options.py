"""What a parser may be told by the configuration (read once, handed in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.formats import Format


@dataclass(frozen=True, slots=True)
class ParseOptions:
    year: int | None = None
    """Report year forced by config (``year:``); otherwise detected."""
    agency: str | None = None
    """Agency name forced by config (``agency:``); otherwise detected."""
    encoding: str = "utf-8"
    newline: str = "\n"
    formats: tuple[Format, ...] = ()
    """The formats the configuration knows, whose labels find tables written as text; empty:
    the built-in national formats (rules/gov-*.yaml)."""

    def table_formats(self) -> tuple[Format, ...]:
        if self.formats:
            return self.formats
        from gialint.labels import builtin_formats

        return builtin_formats()
