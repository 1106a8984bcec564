"""Diagnostics and severities (frozen, ordered by position)."""

from __future__ import annotations

import enum

from gialint.model.record import OrderedRecord, Record, setfield


class Severity(enum.IntEnum):
    """How serious a finding is; chosen by configuration, stamped by the engine."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")


class Edit(Record):
    """Replace the text from (line, column) up to, not including, (end_line, end_column)."""

    __slots__ = ("line", "column", "end_line", "end_column", "text")

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def __init__(self, line: int, column: int, end_line: int, end_column: int, text: str) -> None:
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "end_line", end_line)
        setfield(self, "end_column", end_column)
        setfield(self, "text", text)


_LOCATION_FIELDS = ("kind", "paragraph", "table", "table_name", "row", "column", "row_label", "column_label", "page", "heading", "quote")


class Location(Record):
    """Where a finding is in a Word, PDF or HTML file, in terms a person can find there.

    Line and column of a finding in such a file point into the text gialint extracted from it
    (``gialint extract FILE`` prints that text); this says the same place the way the file
    shows it: paragraph, table cell with its row and column labels, page, the headings above it
    and a short quote to paste into Word's 查找 (Find).
    """

    __slots__ = _LOCATION_FIELDS

    kind: str
    """The input kind: ``docx``, ``pdf``, ``html``; ``doc``/``wps`` (read through LibreOffice as
    .docx: paragraphs and cells are those Word/WPS shows for the file itself)."""
    paragraph: int | None
    """Paragraph number in the file (¶), 1-based, counting the body's paragraphs in order (Word:
    those outside tables that show something; empty paragraphs are not counted)."""
    table: int | None
    """The table's number in the file (1 = first table), when the finding is in a table."""
    table_name: str
    """``表三`` when the table stands in part 三 (empty when unknown)."""
    row: int | None
    """Row in that table, 1-based, counting every row of the file's table (header rows too)."""
    column: int | None
    """Column in that table, 1-based, on the table's grid (merged cells counted by their span)."""
    row_label: str
    column_label: str
    page: int | None
    """Page number (PDF), 1-based."""
    heading: tuple[str, ...]
    """The headings above the place, outermost first (``三、收到和处理…``, ``（三）不予公开``)."""
    quote: str
    """A short quote of the text at the place."""

    def __init__(
        self,
        kind: str,
        paragraph: int | None = None,
        table: int | None = None,
        table_name: str = "",
        row: int | None = None,
        column: int | None = None,
        row_label: str = "",
        column_label: str = "",
        page: int | None = None,
        heading: tuple[str, ...] = (),
        quote: str = "",
    ) -> None:
        setfield(self, "kind", kind)
        setfield(self, "paragraph", paragraph)
        setfield(self, "table", table)
        setfield(self, "table_name", table_name)
        setfield(self, "row", row)
        setfield(self, "column", column)
        setfield(self, "row_label", row_label)
        setfield(self, "column_label", column_label)
        setfield(self, "page", page)
        setfield(self, "heading", heading)
        setfield(self, "quote", quote)

    def describe(self, lang: str = "zh", full: bool = True) -> str:
        """One line for people: ``第4页 ¶12 表三 第9行第3列（不予公开 / 自然人）“…”``; without the
        headings and the quote when not ``full`` (the place alone, e.g. a SARIF location name)."""
        zh = lang != "en"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页" if zh else f"page {self.page}")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段" if zh else f"paragraph {self.paragraph}")
        if self.table is not None:
            name = self.table_name or (f"第{self.table}个表格" if zh else f"table {self.table}")
            if not zh and self.table_name:
                name = f"table {self.table_name.removeprefix('表')}"
            cell = ""
            if self.row is not None and self.column is not None:
                cell = f"第{self.row}行第{self.column}列" if zh else f"row {self.row}, column {self.column}"
            elif self.row is not None:
                cell = f"第{self.row}行" if zh else f"row {self.row}"
            labels = " / ".join(x for x in (self.row_label, self.column_label) if x)
            text = f"{name} {cell}".strip() if zh else f"{name}, {cell}".rstrip(", ")
            if labels:
                text += f"（{labels}）" if zh else f" ({labels})"
            parts.append(text)
        if self.heading and full:
            parts.append(" › ".join(self.heading))
        if self.quote and full:
            parts.append(f"“{self.quote}”" if zh else f'"{self.quote}"')
        return " ".join(parts) if zh else "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        """The fields that are set (JSON, SARIF property bags, the cache)."""
        out: dict[str, object] = {"kind": self.kind}
        for name in ("paragraph", "table", "table_name", "row", "column", "row_label", "column_label", "page", "quote"):
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = value
        if self.heading:
            out["heading"] = list(self.heading)
        return out


_DIAGNOSTIC_FIELDS = (
    "path", "line", "column", "code", "rule", "end_line", "end_column", "severity", "message_zh", "message_en", "fix",
    "location", "related", "rank",
)


class Diagnostic(OrderedRecord, compare=_DIAGNOSTIC_FIELDS[:5]):
    """A finding. Equal, hashed and ordered by (path, line, column, code, rule) alone."""

    __slots__ = _DIAGNOSTIC_FIELDS

    path: str
    """The file as named on the command line (or found under a directory argument)."""
    line: int
    """1-based line in the original file."""
    column: int
    """1-based column in characters of the decoded original line."""
    code: str
    """Stable rule code, e.g. ``GIA101``."""
    rule: str
    """Stable rule name, e.g. ``missing-section``."""
    end_line: int
    end_column: int
    """Column just past the end (exclusive)."""
    severity: Severity
    message_zh: str
    message_en: str
    fix: tuple[Edit, ...]
    """Text edits that correct the problem (``gialint check --fix``); empty when there is no safe fix."""
    location: Location | None
    """The place in a Word/PDF/HTML file (set by the engine for such inputs; None for text)."""
    related: tuple[tuple[str, int], ...]
    """Other places the finding refers to, as (path, line): e.g. the report a passage was copied
    from (SARIF ``relatedLocations``; the HTML report shows both passages side by side)."""
    rank: int
    """Order among findings of one rule at the same place (e.g. the part number of a missing
    part, so that 三 comes before 四); 0 when the rule does not say."""

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        code: str,
        rule: str,
        end_line: int = 0,
        end_column: int = 0,
        severity: Severity = Severity.WARNING,
        message_zh: str = "",
        message_en: str = "",
        fix: tuple[Edit, ...] = (),
        location: Location | None = None,
        related: tuple[tuple[str, int], ...] = (),
        rank: int = 0,
    ) -> None:
        setfield(self, "path", path)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "code", code)
        setfield(self, "rule", rule)
        setfield(self, "end_line", end_line)
        setfield(self, "end_column", end_column)
        setfield(self, "severity", severity)
        setfield(self, "message_zh", message_zh)
        setfield(self, "message_en", message_en)
        setfield(self, "fix", fix)
        setfield(self, "location", location)
        setfield(self, "related", related)
        setfield(self, "rank", rank)

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh
