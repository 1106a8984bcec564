"""From a flat list of blocks to the report's structure: sections, title, year, agency.

Both parsers end here, so a ``.md`` and a ``.txt`` report of the same text get the same model.
Sections come from the report's own numbering (一、 （一） 1.), whatever markup surrounds it;
Markdown heading depth is recorded but does not decide the level.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from gialint._lazy import lazy_re
from gialint.model.document import Block, Document, Section, Span, Table, Title
from gialint.model.numbering import int_to_cn, match_numbering
from gialint.model.record import replace
from gialint.model.textview import TextView
from gialint.read.parse.options import ParseOptions

_TITLE_MAX = 30
_RUN_IN_END = lazy_re(r"[。：:；;！？]")
_INNER_SENTENCE = lazy_re(r"[。；;！？]")
_CLAUSE_END = lazy_re(r"[，,]")
_TRAILING = " \u3000\xa0\t。：:；;，,*_"
_YEAR = lazy_re(r"(?<!\d)((?:19|20)\d{2})[ \u3000]*年")
_STAT_PERIOD = lazy_re(
    r"统计(?:期限|时间|时段|周期|区间|范围)?[^。\n]{0,20}?((?:19|20)\d{2})[ \u3000]*年[ \u3000]*1[ \u3000]*月[ \u3000]*1[ \u3000]*日"
)
_FILE_YEAR = lazy_re(r"(?<!\d)(20\d{2})(?!\d)")
_REPORT_WORDS = lazy_re(r"(?:政府信息公开|政务公开)")
_NOT_TITLE_START = ("本报告", "根据", "按照", "依据", "依照", "为")
_TITLE_SUFFIX = lazy_re(r"(?:关于)?(?:的)?(?:政府信息公开|政务公开)(?:工作)?(?:的)?(?:年度)?(?:工作)?报告$")
_TITLE_YEAR = lazy_re(r"(?<!\d)(?:19|20)\d{2}年度?")
_LEADING_YEAR = lazy_re(r"^[（(]?(?:19|20)\d{2}[）)]?(?:年度)?")
_TRAILING_ABOUT = lazy_re(r"关于$")
_TRAILING_YEAR = lazy_re(r"(?:19|20)\d{2}年?度?$")
_OFFICE_TAIL = lazy_re(r"(?:党政综合|党政|党委|政务公开|信息公开|领导小组)+$")
_AGENCY_IN_TEXT = (
    lazy_re(r"本报告(?:是根据[^。]{0,60}?规定，)?由([^，。、（）()]{2,24}?)(?:政务公开工作机构)?(?:按照|根据|依据|依照|编制)"),
    lazy_re(r"请(?:与|联系)[）)]?([^，。、（）()]{2,24}?)(?:联系|办公室)"),
)


def split_lines(text: str) -> tuple[str, ...]:
    """The file's lines as an editor counts them: a final newline does not start another line."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def collapse(text: str) -> str:
    """Text with all blanks removed: Word exports split words with stray spaces (行政规范性 文件)."""
    return "".join(text.split())  # str.split's blanks are exactly re's \s


class _Draft:
    """A section while the tree is built (its end line and children are filled in)."""

    __slots__ = ("level", "number", "numeral", "style", "title", "span", "md_level", "run_in", "end_line", "children")

    def __init__(self, level: int, number: int, numeral: str, style: str, title: str, span: Span, md_level: int, run_in: bool) -> None:
        self.level = level
        self.number = number
        self.numeral = numeral
        self.style = style
        self.title = title
        self.span = span
        self.md_level = md_level
        self.run_in = run_in
        self.end_line = 0
        self.children: list[_Draft] = []

    def freeze(self) -> Section:
        return Section(
            level=self.level,
            number=self.number,
            numeral=self.numeral,
            style=self.style,
            title=self.title,
            span=self.span,
            end_line=self.end_line,
            md_level=self.md_level,
            run_in=self.run_in,
            children=tuple(child.freeze() for child in self.children),
        )


def _heading_of(block: Block, lines: tuple[str, ...]) -> _Draft | None:
    if block.kind not in ("heading", "paragraph", "list_item"):
        return None
    text = block.text
    cut = text.find("\n")
    first = text if cut < 0 else text[:cut]
    numbering = match_numbering(first)
    if numbering is None:
        return None
    rest = first[numbering.rest_offset :]
    run_in = False
    if block.kind == "heading":
        title = rest.strip(_TRAILING)
    elif len(rest.rstrip(_TRAILING)) <= _TITLE_MAX and not _RUN_IN_END.search(rest.rstrip(_TRAILING)):
        title = rest.strip(_TRAILING)
        run_in = "\n" in block.text
    elif numbering.level == 1:
        # 一、总体情况。2021年，我镇… : a short title, then the body on the same line.
        end = _RUN_IN_END.search(rest)
        if end is None or not 2 <= end.start() <= 16 or _CLAUSE_END.search(rest, 0, end.start()):
            return None
        title, run_in = rest[: end.start()].strip(_TRAILING), True
    else:
        # An enumerated paragraph (（一）… / 1、…): a section whatever its length.
        ends = [m.start() for m in (_RUN_IN_END.search(rest), _CLAUSE_END.search(rest)) if m]
        cut = min([*ends, len(rest), _TITLE_MAX])
        title, run_in = rest[:cut].strip(_TRAILING), True
    title = title.replace("**", "").replace("__", "").strip()
    if not title:
        return None
    line_no = block.span.line
    source = lines[line_no - 1] if line_no <= len(lines) else ""
    col = source.find(numbering.numeral)
    if col < 0:
        col = len(source) - len(source.lstrip())
    end_col = len(source.rstrip(" \u3000\t*#")) + 1
    if run_in:
        at = source.find(title, col)
        end_col = at + len(title) + 1 if at >= 0 else end_col
    return _Draft(
        level=numbering.level,
        number=numbering.number,
        numeral=numbering.numeral,
        style=numbering.style,
        title=title,
        span=Span(line_no, col + 1, line_no, max(col + 2, end_col)),
        md_level=block.md_level,
        run_in=run_in,
    )


def _build_tree(drafts: list[_Draft], last_line: int) -> tuple[Section, ...]:
    roots: list[_Draft] = []
    stack: list[_Draft] = []
    for draft in drafts:
        while stack and stack[-1].level >= draft.level:
            stack.pop().end_line = draft.span.line - 1
        (stack[-1].children if stack else roots).append(draft)
        stack.append(draft)
    while stack:
        stack.pop().end_line = last_line
    return tuple(root.freeze() for root in roots)


def _opening_lines(blocks: list[Block], lines: tuple[str, ...]) -> list[Block]:
    """The first blocks, a Markdown paragraph's lines each on its own: an agency line and the
    title line below it (no blank line between) are one paragraph to CommonMark."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "table" or not block.text.strip():
            continue
        if block.kind == "paragraph" and "\n" in block.text and block.span.end_line - block.span.line == block.text.count("\n"):
            for i, text in enumerate(block.text.split("\n")[:3]):
                number = block.span.line + i
                source = lines[number - 1] if number <= len(lines) else text
                start = len(source) - len(source.lstrip()) + 1
                out.append(Block("paragraph", text, Span(number, start, number, len(source.rstrip()) + 1)))
        else:
            out.append(block)
        if len(out) >= 4:
            break
    return out[:4]


def _find_title(blocks: list[Block], lines: tuple[str, ...]) -> Title | None:
    candidates = _opening_lines(blocks, lines)
    for i, block in enumerate(candidates):
        text = collapse(block.text)
        if (
            "报告" in text
            and _REPORT_WORDS.search(text)
            and len(text) <= 60
            and not text.startswith(_NOT_TITLE_START)
            and "\n" not in block.text.strip()
        ):
            first = block
            if i > 0:
                prev = candidates[i - 1]
                prev_text = collapse(prev.text)
                if (
                    len(prev_text) <= 25
                    and not re.search(r"[，。；：,.;:]", prev_text)
                    and not prev_text.isdigit()
                    and prev.span.line >= block.span.line - 3
                ):
                    first = prev
            text_out = block.text.strip() if first is block else f"{first.text.strip()} {block.text.strip()}"
            return Title(
                text_out,
                Span(first.span.line, first.span.column, block.span.end_line, block.span.end_column),
            )
    return None


def _agency_from(title: Title | None, text: str) -> str | None:
    if title is not None:
        name = collapse(title.text).replace("*", "")
        name = _TITLE_YEAR.sub("", name, count=1)
        name = _LEADING_YEAR.sub("", name)
        name = _TITLE_SUFFIX.sub("", name)
        name = _TRAILING_ABOUT.sub("", name)
        name = _TRAILING_YEAR.sub("", name)
        if 2 <= len(name) <= 30:
            return name
    for pattern in _AGENCY_IN_TEXT:
        m = pattern.search(text)
        if m:
            name = collapse(m.group(1))
            if "人民政府" in name:
                return name[: name.index("人民政府") + 4]
            return _OFFICE_TAIL.sub("", name) or name
    return None


def _year_from(title: Title | None, source: str, path: str, options: ParseOptions) -> tuple[int | None, str]:
    if options.year is not None:
        return options.year, "config"
    if title is not None:
        m = _YEAR.search(title.text) or re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", title.text)
        if m:
            return int(m.group(1)), "title"
    m = _STAT_PERIOD.search(source)
    if m:
        return int(m.group(1)), "statistics-period"
    m = _FILE_YEAR.search(PurePath(path).name)
    if m:
        return int(m.group(1)), "filename"
    return None, ""


def _label(section: Section) -> str:
    if section.level == 1:
        return int_to_cn(section.number)
    if section.level == 2:
        return f"（{int_to_cn(section.number)}）"
    return f"{section.number}."


def _attach(tables: list[Table], sections: tuple[Section, ...]) -> list[Table]:
    out = []
    for table in tables:
        path: list[str] = []
        level: tuple[Section, ...] = sections
        while True:
            owner = next((s for s in level if s.span.line < table.span.line <= s.end_line), None)
            if owner is None:
                break
            path.append(_label(owner))
            level = owner.children
        out.append(replace(table, section=tuple(path)))
    return out


def build_document(
    path: str,
    source: str,
    lines: tuple[str, ...],
    syntax: str,
    items: list[Block | Table],
    options: ParseOptions,
    view: TextView | None = None,
) -> Document:
    """Assemble a :class:`Document` from a parser's blocks and tables, in source order."""
    blocks: list[Block] = []
    tables: list[Table] = []
    for item in items:
        if isinstance(item, Table):
            tables.append(item)
            blocks.append(Block("table", "", item.span))
        else:
            blocks.append(item)
    drafts = [d for d in (_heading_of(b, lines) for b in blocks) if d is not None]
    sections = _build_tree(drafts, len(lines))
    first_part = next((s for s in sections if s.level == 1), None)
    preamble_end = first_part.span.line - 1 if first_part else len(lines)
    preamble_blocks = [b for b in blocks if b.span.end_line <= preamble_end]
    title = _find_title(preamble_blocks, lines)
    year, year_source = _year_from(title, source, path, options)
    preamble_text = "\n".join(lines[:preamble_end])
    agency = options.agency or _agency_from(title, preamble_text or source[:2000])
    return Document(
        path=path,
        source=source,
        lines=lines,
        syntax=syntax,  # type: ignore[arg-type]
        blocks=tuple(blocks),
        tables=tuple(_attach(tables, sections)),
        sections=sections,
        title=title,
        year=year,
        year_source=year_source,
        agency=agency,
        preamble_end=preamble_end,
        encoding=options.encoding,
        newline=options.newline,
        view=view,
    )
