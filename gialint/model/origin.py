"""Where the text of a Word/PDF/HTML file came from, line by line (part of the document model:
``gialint.document.Origin``/``Place``)."""

from __future__ import annotations

from gialint.model.record import Record, setfield


class Place(Record):
    """Where one line of the text extracted from a Word/PDF/HTML file came from."""

    __slots__ = ("paragraph", "table", "row", "page")

    paragraph: int | None
    """Paragraph number in the file (¶, 1-based), for a line that renders a paragraph."""
    table: int | None
    """Table number in the file (1-based), for a line that renders a table row."""
    row: int | None
    """Row of that table (1-based, on the file's grid). Cell ``k`` of the line (tab-separated)
    is grid column ``k + 1``."""
    page: int | None
    """Page number (PDF), 1-based."""

    def __init__(self, paragraph: int | None = None, table: int | None = None, row: int | None = None, page: int | None = None) -> None:
        setfield(self, "paragraph", paragraph)
        setfield(self, "table", table)
        setfield(self, "row", row)
        setfield(self, "page", page)


class Origin(Record):
    """The file a document's text was extracted from, and where each extracted line came from."""

    __slots__ = ("kind", "places", "notes")

    kind: str
    """``docx``, ``pdf``, ``html`` …"""
    places: tuple[Place | None, ...]
    """``places[n - 1]`` is the place of line ``n`` of the extracted text (None for blank lines)."""
    notes: tuple[str, ...]
    """What the reader noticed while reading (e.g. tracked changes accepted), for ``extract``."""

    def __init__(self, kind: str, places: tuple[Place | None, ...], notes: tuple[str, ...] = ()) -> None:
        setfield(self, "kind", kind)
        setfield(self, "places", places)
        setfield(self, "notes", notes)

    def place(self, line: int) -> Place | None:
        return self.places[line - 1] if 1 <= line <= len(self.places) else None
