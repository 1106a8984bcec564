"""The document model: one shape for every input (Markdown or plain-text export).

All nodes are frozen. Positions are 1-based lines and columns in ``Document.source``, counted in
characters (not bytes); ``end_column`` is exclusive (the column just past the last character),
as in SARIF and LSP. ``source`` is the original file's text unless the normalisation pass rewrote
it (``Document.view``); the engine maps every finding back to the original file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from gialint.model.origin import Origin, Place
from gialint.model.record import OrderedRecord, Record, field_setters, setfield

if TYPE_CHECKING:
    from gialint.formats.tablematch import FormatMatch
    from gialint.formats.templates import Format
    from gialint.model.textview import TextView

__all__ = ["Block", "BlockKind", "Cell", "Document", "Origin", "Place", "Row", "Section", "Span", "Table", "TableShape", "Title"]

TableShape = Literal["pipe", "tabs", "cell-per-line", "text-pipe", "text-spaces", "text-cell-per-line", "text-flattened"]
BlockKind = Literal["heading", "paragraph", "list_item", "table", "html", "code", "rule"]


class Span(OrderedRecord):
    __slots__ = ("line", "column", "end_line", "end_column")

    line: int
    """First line, 1-based."""
    column: int
    """First column, 1-based, in characters."""
    end_line: int
    """Last line, 1-based, inclusive."""
    end_column: int
    """Column just past the last character, 1-based (exclusive)."""

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        _span_line(self, line)
        _span_column(self, column)
        _span_end_line(self, end_line)
        _span_end_column(self, end_column)


_span_line, _span_column, _span_end_line, _span_end_column = field_setters(Span)  # made by the ten thousand


class Block(Record):
    """A block of the source: a heading, a paragraph (in .txt files: a line), a list item, a table …"""

    __slots__ = ("kind", "text", "span", "md_level")

    kind: BlockKind
    text: str
    """Plain text with inline markup removed (``**``, links) and line breaks kept as ``\\n``."""
    span: Span
    md_level: int
    """Markdown heading depth (1 for ``#``), 0 when the block is not a Markdown heading."""

    def __init__(self, kind: BlockKind, text: str, span: Span, md_level: int = 0) -> None:
        _block_kind(self, kind)
        _block_text(self, text)
        _block_span(self, span)
        _block_md_level(self, md_level)


_block_kind, _block_text, _block_span, _block_md_level = field_setters(Block)


class Cell(Record):
    __slots__ = ("text", "span", "joined")

    text: str
    """The cell's text, stripped of surrounding white space."""
    span: Span
    joined: bool
    """The figures of several cells written with no separator (``行政规范性文件353535``, a web
    crawl of a table): the table matcher splits them by the table's arithmetic."""

    def __init__(self, text: str, span: Span, joined: bool = False) -> None:
        _cell_text(self, text)
        _cell_span(self, span)
        _cell_joined(self, joined)


_cell_text, _cell_span, _cell_joined = field_setters(Cell)


class Row(Record):
    __slots__ = ("cells", "line")

    cells: tuple[Cell, ...]
    line: int
    """Line of the row's first cell."""

    def __init__(self, cells: tuple[Cell, ...], line: int) -> None:
        _row_cells(self, cells)
        _row_line(self, line)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


_row_cells, _row_line = field_setters(Row)


class Table(Record):
    __slots__ = ("rows", "span", "shape", "section")

    rows: tuple[Row, ...]
    span: Span
    shape: TableShape
    """How the source wrote it: a Markdown pipe table, tab-separated lines, one cell per line, or
    (found by the format's labels, see :mod:`gialint.read.parse.texttables`) pipes without a Markdown
    separator line, runs of spaces, or several rows run together on one line."""
    section: tuple[str, ...]
    """Numbers of the enclosing sections, outermost first, e.g. ``("三",)``; set by the structure pass."""

    def __init__(self, rows: tuple[Row, ...], span: Span, shape: TableShape, section: tuple[str, ...] = ()) -> None:
        setfield(self, "rows", rows)
        setfield(self, "span", span)
        setfield(self, "shape", shape)
        setfield(self, "section", section)


class Section(Record):
    __slots__ = ("level", "number", "numeral", "style", "title", "span", "end_line", "md_level", "run_in", "children")

    level: int
    """1 for parts (一、), 2 for sub-parts (（一）), 3 for items (1. 1、 （1）)."""
    number: int
    """The number as an integer (一 → 1, （三）→ 3, 2. → 2)."""
    numeral: str
    """The numbering as written, e.g. ``一、`` or ``(五))``."""
    style: str
    """``cn`` (一、), ``paren-cn`` (（一）), ``arabic`` (1. / 1、) or ``paren-arabic`` (（1）)."""
    title: str
    """Heading text without the numbering; for a run-in heading, the text up to the first 。：；."""
    span: Span
    """Span of the heading itself."""
    end_line: int
    """Last line of the section's content."""
    md_level: int
    """Markdown heading depth if the heading is a Markdown heading, else 0."""
    run_in: bool
    """True when the heading starts a paragraph that goes on (``（一）主动公开。本年度…``)."""
    children: tuple[Section, ...]

    def __init__(
        self,
        level: int,
        number: int,
        numeral: str,
        style: str,
        title: str,
        span: Span,
        end_line: int,
        md_level: int = 0,
        run_in: bool = False,
        children: tuple[Section, ...] = (),
    ) -> None:
        setfield(self, "level", level)
        setfield(self, "number", number)
        setfield(self, "numeral", numeral)
        setfield(self, "style", style)
        setfield(self, "title", title)
        setfield(self, "span", span)
        setfield(self, "end_line", end_line)
        setfield(self, "md_level", md_level)
        setfield(self, "run_in", run_in)
        setfield(self, "children", children)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


class Title(Record):
    __slots__ = ("text", "span")

    text: str
    span: Span

    def __init__(self, text: str, span: Span) -> None:
        setfield(self, "text", text)
        setfield(self, "span", span)


_DOCUMENT_FIELDS = (
    "path", "source", "lines", "syntax", "blocks", "tables", "sections", "title", "year", "year_source", "agency",
    "preamble_end", "encoding", "newline", "format", "other_formats", "match", "origin", "view", "extensions", "memo",
)


class Document(Record, compare=_DOCUMENT_FIELDS[:-2], hide=("memo",)):
    __slots__ = _DOCUMENT_FIELDS

    path: str
    source: str
    """The decoded text, line endings normalised to ``\\n`` — or, when ``view`` is set, the
    normalised view of it that rules see (see :mod:`gialint.read.parse.normalize`)."""
    lines: tuple[str, ...]
    """The lines of ``source``, without their endings; ``lines[0]`` is line 1."""
    syntax: Literal["markdown", "text"]
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...]
    sections: tuple[Section, ...]
    """Top-level sections (normally the parts 一 … 六), with their children."""
    title: Title | None
    year: int | None
    year_source: str
    """Where the year came from: title, statistics-period, filename, config, or empty."""
    agency: str | None
    preamble_end: int
    """Last line before part 一 (0 when part 一 is on line 1 or there is no part at all)."""
    encoding: str
    newline: str
    format: Format | None
    """The national (or provincial) format this report must follow, chosen by year or config."""
    other_formats: tuple[Format, ...]
    """The other formats the configuration knows (to recognise a report that used one of them)."""
    match: FormatMatch | None
    """The report's tables matched against ``format``'s templates (computed once, by the engine)."""
    origin: Origin | None
    """For Word/PDF/HTML input: the kind of file and where each line of ``source`` came from.
    ``source``/``lines`` then hold the text gialint extracted (``gialint extract FILE``)."""
    view: TextView | None
    """Set when the normalisation pass rewrote the text (flattened lines split, traditional
    characters converted, page chrome blanked): ``source``/``lines`` then hold the view rules see,
    and ``view`` holds the original text and maps view positions back to it."""
    extensions: dict[str, object]
    """Room for plugins' document-model extensions (see ``gialint_extend_document``); not compared."""
    memo: dict[str, object]
    """Derived data several rules need (e.g. the parts found), computed once per document; not
    compared, not shown."""

    def __init__(
        self,
        path: str,
        source: str,
        lines: tuple[str, ...],
        syntax: Literal["markdown", "text"],
        blocks: tuple[Block, ...],
        tables: tuple[Table, ...],
        sections: tuple[Section, ...],
        title: Title | None = None,
        year: int | None = None,
        year_source: str = "",
        agency: str | None = None,
        preamble_end: int = 0,
        encoding: str = "utf-8",
        newline: str = "\n",
        format: Format | None = None,
        other_formats: tuple[Format, ...] = (),
        match: FormatMatch | None = None,
        origin: Origin | None = None,
        view: TextView | None = None,
        extensions: dict[str, object] | None = None,
        memo: dict[str, object] | None = None,
    ) -> None:
        setfield(self, "path", path)
        setfield(self, "source", source)
        setfield(self, "lines", lines)
        setfield(self, "syntax", syntax)
        setfield(self, "blocks", blocks)
        setfield(self, "tables", tables)
        setfield(self, "sections", sections)
        setfield(self, "title", title)
        setfield(self, "year", year)
        setfield(self, "year_source", year_source)
        setfield(self, "agency", agency)
        setfield(self, "preamble_end", preamble_end)
        setfield(self, "encoding", encoding)
        setfield(self, "newline", newline)
        setfield(self, "format", format)
        setfield(self, "other_formats", other_formats)
        setfield(self, "match", match)
        setfield(self, "origin", origin)
        setfield(self, "view", view)
        setfield(self, "extensions", {} if extensions is None else extensions)
        setfield(self, "memo", {} if memo is None else memo)

    @property
    def original_source(self) -> str:
        """The file's own text (``source`` unless the normalisation pass rewrote it)."""
        return self.view.source if self.view is not None else self.source

    @property
    def original_lines(self) -> tuple[str, ...]:
        """The file's own lines (``lines`` unless the normalisation pass rewrote them)."""
        return self.view.lines if self.view is not None else self.lines

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) of the original file, or '' when out of range."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def part(self, number: int) -> Section | None:
        """The top-level part with this number (1 → 一), if present."""
        for section in self.sections:
            if section.level == 1 and section.number == number:
                return section
        return None

    def locate(self, needle: str, start_line: int = 1, end_line: int | None = None) -> Span | None:
        """Span of the first occurrence of ``needle`` in the original lines ``start_line..end_line``."""
        last = len(self.lines) if end_line is None else min(end_line, len(self.lines))
        for number in range(max(start_line, 1), last + 1):
            col = self.lines[number - 1].find(needle)
            if col >= 0:
                return Span(number, col + 1, number, col + 1 + len(needle))
        return None

    def line_span(self, number: int) -> Span:
        """Span of line ``number`` without its leading and trailing white space."""
        text = self.line(number)
        stripped = text.lstrip()
        start = len(text) - len(stripped) + 1
        return Span(number, start, number, max(start, len(text.rstrip()) + 1))

    def blocks_between(self, start_line: int, end_line: int) -> Iterator[Block]:
        for block in self.blocks:
            if block.span.line >= start_line and block.span.end_line <= end_line:
                yield block
