"""What a parser may be told by the configuration (read once, handed in)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gialint.model.record import Record, setfield

if TYPE_CHECKING:
    from gialint.formats.templates import Format


class ParseOptions(Record, compare=("year", "agency", "encoding", "newline")):
    __slots__ = ("year", "agency", "encoding", "newline", "formats")

    year: int | None
    """Report year forced by config (``year:``); otherwise detected."""
    agency: str | None
    """Agency name forced by config (``agency:``); otherwise detected."""
    encoding: str
    newline: str
    formats: tuple[Format, ...]
    """The formats the configuration knows: their part titles and table labels guide the
    normalisation pass (the built-in national formats when empty). Not compared."""

    def __init__(
        self,
        year: int | None = None,
        agency: str | None = None,
        encoding: str = "utf-8",
        newline: str = "\n",
        formats: tuple[Format, ...] = (),
    ) -> None:
        setfield(self, "year", year)
        setfield(self, "agency", agency)
        setfield(self, "encoding", encoding)
        setfield(self, "newline", newline)
        setfield(self, "formats", formats)

    def table_formats(self) -> tuple[Format, ...]:
        """The formats whose labels find tables written as text (the built-in ones when none)."""
        if self.formats:
            return self.formats
        from gialint.formats.labels import builtin_formats

        return builtin_formats()
