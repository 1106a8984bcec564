"""Diagnostics and severities (frozen, ordered by position)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (line, column) up to, not including, (end_line, end_column)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is in a Word, PDF or HTML file, in terms a person can find there.

    Line and column of a finding in such a file point into the text gialint extracted from it
    (``gialint extract FILE`` prints that text); this says the same place the way the file
    shows it: paragraph, table cell with its row and column labels, page, the headings above it
    and a short quote to paste into Word's 查找 (Find).
    """

    kind: str
    """The input kind: ``docx``, ``pdf``, ``html``; ``doc``/``wps`` (read through LibreOffice as
    .docx: paragraphs and cells are those Word/WPS shows for the file itself)."""
    paragraph: int | None = None
    """Paragraph number in the file (¶), 1-based, counting the body's paragraphs in order (Word:
    those outside tables that show something; empty paragraphs are not counted)."""
    table: int | None = None
    """The table's number in the file (1 = first table), when the finding is in a table."""
    table_name: str = ""
    """``表三`` when the table stands in part 三 (empty when unknown)."""
    row: int | None = None
    """Row in that table, 1-based, counting every row of the file's table (header rows too)."""
    column: int | None = None
    """Column in that table, 1-based, on the table's grid (merged cells counted by their span)."""
    row_label: str = ""
    column_label: str = ""
    page: int | None = None
    """Page number (PDF), 1-based."""
    heading: tuple[str, ...] = ()
    """The headings above the place, outermost first (``三、收到和处理…``, ``（三）不予公开``)."""
    quote: str = ""
    """A short quote of the text at the place."""

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



@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
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
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    """Column just past the end (exclusive)."""
    severity: Severity = field(default=Severity.WARNING, compare=False)
    message_zh: str = field(default="", compare=False)
    message_en: str = field(default="", compare=False)
    fix: tuple[Edit, ...] = field(default=(), compare=False)
    """Text edits that correct the problem (``gialint check --fix``); empty when there is no safe fix."""
    location: Location | None = field(default=None, compare=False)
    """The place in a Word/PDF/HTML file (set by the engine for such inputs; None for text)."""
    related: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    """Other places the finding refers to, as (path, line): e.g. the report a passage was copied
    from (SARIF ``relatedLocations``; the HTML report shows both passages side by side)."""
    rank: int = field(default=0, compare=False)
    """Order among findings of one rule at the same place (e.g. the part number of a missing
    part, so that 三 comes before 四); 0 when the rule does not say."""

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh
