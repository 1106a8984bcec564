"""What a parser may be told by the configuration (read once, handed in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.formats.templates import Format


@dataclass(frozen=True, slots=True)
class ParseOptions:
    year: int | None = None
    """Report year forced by config (``year:``); otherwise detected."""
    agency: str | None = None
    """Agency name forced by config (``agency:``); otherwise detected."""
    encoding: str = "utf-8"
    newline: str = "\n"
    formats: tuple[Format, ...] = field(default=(), compare=False)
    """The formats the configuration knows: their part titles and table labels guide the
    normalisation pass (the built-in national formats when empty)."""

    def table_formats(self) -> tuple[Format, ...]:
        """The formats whose labels find tables written as text (the built-in ones when none)."""
        if self.formats:
            return self.formats
        from gialint.formats.labels import builtin_formats

        return builtin_formats()
