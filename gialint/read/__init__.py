"""Readers for the files offices hold: Word (.docx, and .doc/.wps through LibreOffice), PDF, HTML.

Each reader turns its file into *extracted text* — paragraphs one per line, table rows one per
line with tab-separated cells on the table's grid — plus, for every line, the :class:`Place` in
the file it came from. The text is parsed by the plain-text parser, so every rule works on
every input kind unchanged; the engine then turns each finding's line and column back into a
:class:`gialint.model.diagnostic.Location` (paragraph, table cell, page, headings, quote).

A reader module defines ``read(path: str, data: bytes, options: ParseOptions) -> Extracted``
and raises :class:`ReadError` (with a remedy the user can act on) when the file cannot be read
in this install. Reader modules are imported only when such a file is read.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from gialint.model.document import Origin, Place
from gialint.model.record import replace

if TYPE_CHECKING:
    from collections.abc import Sequence

    from gialint.model.document import Document
    from gialint.read.parse.options import ParseOptions

READERS: dict[str, str] = {
    ".docx": "gialint.read.docx",
    ".docm": "gialint.read.docx",
    ".doc": "gialint.read.office",
    ".wps": "gialint.read.office",
    ".pdf": "gialint.read.pdf",
    ".html": "gialint.read.html",
    ".htm": "gialint.read.html",
    ".shtml": "gialint.read.html",
}
"""File suffix → the module that reads it. These files are never decoded as text."""

EXTRAS: dict[str, str] = {".pdf": "pdf"}
"""Suffixes whose reader needs an optional extra (``pip install 'gialint[pdf]'``)."""


class ReadError(Exception):
    """The file cannot be read (in this install): the message says why and what to do.

    The engine reports it as ``unreadable-input`` at ``line``/``column`` (of the file, or 1:1).
    """

    def __init__(self, message_zh: str, message_en: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        self.line = line
        self.column = column


def reader_for(path: str) -> str | None:
    """The reader module for ``path`` by its suffix, or None for text input."""
    return READERS.get(PurePath(path).suffix.lower())


class Extracted:
    """The text extracted from one file, built line by line, with the place of every line."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.lines: list[str] = []
        self.places: list[Place | None] = []
        self.notes: list[str] = []

    def blank(self) -> None:
        """An empty line (ends a table; separates paragraphs in the extracted text)."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
            self.places.append(None)

    def paragraph(self, text: str, place: Place) -> None:
        """One paragraph. Tabs become spaces (a tab would make it look like a table row); a line
        break inside the paragraph (Word's Shift+Enter, a PDF line) starts a new line with the
        same place. Empty paragraphs are skipped."""
        for piece in text.replace("\t", " ").replace("\r", "\n").split("\n"):
            piece = piece.rstrip()
            if piece.strip():
                self.lines.append(piece)
                self.places.append(place)

    def table(self, rows: Sequence[Sequence[str]], places: Sequence[Place]) -> None:
        """A table: one line per row, cells on the grid separated by tabs (``places[i]`` for row
        ``i``; give each its ``table`` and ``row``). Blank lines before and after."""
        self.blank()
        for cells, place in zip(rows, places, strict=True):
            texts = [" ".join(c.replace("\t", " ").split()) for c in cells]
            if not any(texts):
                continue  # an empty row would end the table in the text parser
            self.lines.append("\t".join(texts))
            self.places.append(place)
        self.blank()

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def origin(self) -> Origin:
        return Origin(self.kind, tuple(self.places), tuple(self.notes))


def to_document(path: str, extracted: Extracted, options: ParseOptions) -> Document:
    """Parse the extracted text with the plain-text parser and attach where it came from."""
    from gialint.read.parse.plaintext import parse_plaintext

    document = parse_plaintext(path, extracted.text, options)
    return replace(document, origin=extracted.origin())


def read_document(path: str, data: bytes, options: ParseOptions) -> Document | None:
    """Read a Word/PDF/HTML file into a document, or None when no built-in reader takes it.

    :raises ReadError: the file cannot be read; the message says what to do.
    """
    import importlib

    module_name = reader_for(path)
    if module_name is None:
        return None
    module = importlib.import_module(module_name)
    try:
        extracted: Extracted = module.read(path, data, options)
    except ImportError as exc:  # a reader's library is missing from this install
        extra = EXTRAS.get(PurePath(path).suffix.lower())
        command = f"pip install 'gialint[{extra}]'" if extra else "pip install --force-reinstall gialint"
        missing = exc.name or str(exc)
        raise ReadError(
            f"读取此类文件所需的组件（{missing}）没有安装：请运行 {command} 后再检查",
            f"the component needed to read this kind of file ({missing}) is not installed: run {command}, then check again",
        ) from None
    return to_document(path, extracted, options)
