"""Markdown reports (``.md``) through markdown-it-py, with positions from ``Token.map``.

markdown-it gives block line ranges only; columns are computed from the original lines.
Tab-separated tables pasted from Word (which markdown-it sees as paragraphs or code) go
through the same table reader as plain text. Pipe-table cells are split from the source line,
not taken from the tokens, because markdown-it pads short rows and so hides ragged tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gialint._lazy import lazy_re
from gialint.formats.labels import vocabulary
from gialint.model.document import Block, Cell, Document, Row, Span, Table
from gialint.read.parse.mdit import inline_text, parse_blocks
from gialint.read.parse.normalize import normalize
from gialint.read.parse.options import ParseOptions
from gialint.read.parse.structure import build_document, split_lines
from gialint.read.parse.tabular import segment
from gialint.read.parse.texttables import find_text_tables

if TYPE_CHECKING:
    from markdown_it.token import Token

_PIPE = lazy_re(r"(?<!\\)\|")


_PART_LINE = lazy_re(r"^\s*[一二三四五六七八九十]{1,2}\s*、\s*\S.{0,28}$")


def _part_heading_lines(text: str) -> list[int]:
    """Indexes (after the first) of lines in a paragraph that are part headings (``五、…``)."""
    return [i for i, line in enumerate(text.split("\n")) if i and _PART_LINE.match(line) and "。" not in line]


def _span(lines: tuple[str, ...], start: int, end: int) -> Span:
    """Span of source lines ``start..end-1`` (0-based, end-exclusive, as in ``Token.map``)."""
    first = lines[start] if start < len(lines) else ""
    last_index = max(start, min(end, len(lines)) - 1)
    last = lines[last_index] if last_index < len(lines) else ""
    col = len(first) - len(first.lstrip()) + 1
    return Span(start + 1, col, last_index + 1, max(1, len(last.rstrip()) + 1))


def _pipe_row(line_no: int, line: str) -> Row:
    if "\\" in line:  # an escaped pipe (\|) does not cut the row
        cuts = [m.start() for m in _PIPE.finditer(line)]
        segments = [line[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(line)])]
    else:
        segments = line.split("|")
    stripped = line.strip()
    bold, escaped = "**" in line, "\\|" in line  # a cell holds them only if its line does
    # A leading pipe opens the row (the text before it is blank); a trailing one closes it.
    first = 1 if stripped.startswith("|") else 0
    stop = len(segments)
    if stop - 1 >= first and stripped.endswith("|") and not segments[-1].strip():
        stop -= 1
    a = len(segments[0]) + 1 if first else 0  # where the next segment starts
    cells: list[Cell] = []
    append = cells.append
    for raw in segments[first:stop] if first or stop < len(segments) else segments:
        text = raw.strip()
        width = len(raw)
        col = a + 1 if len(text) == width else a + width - len(raw.lstrip()) + 1
        a += width + 1
        if bold:
            text_shown = text.replace("**", "")
            append(Cell(text_shown.replace("\\|", "|") if escaped else text_shown, Span(line_no, col, line_no, col + len(text))))
        else:
            append(Cell(text.replace("\\|", "|") if escaped else text, Span(line_no, col, line_no, col + len(text))))
    return Row(tuple(cells), line_no)


def _table(token: Token, lines: tuple[str, ...]) -> Table:
    """The table of a ``table_open`` token (see :func:`gialint.read.parse.mdit.parser`): the
    header line, then every line after the delimiter row."""
    assert token.map is not None
    start, end = token.map
    rows = tuple(_pipe_row(n + 1, lines[n]) for n in (start, *range(start + 2, end)))
    return Table(rows, _span(lines, start, end), "pipe")


def parse_markdown(path: str, text: str, options: ParseOptions) -> Document:
    lines = split_lines(text)
    view = normalize(text, lines, "markdown", options.formats)
    if view is not None:
        text, lines = view.text, split_lines(view.text)
    tokens, env = parse_blocks(text)
    tabs = "\t" in text  # else no block is a tab-separated table
    items: list[Block | Table] = []
    in_list = 0
    marker = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif kind == "list_item_open" and tok.markup in (".", ")"):
            # An ordered-list marker is the report's own numbering (1. 制发规章情况): keep it.
            marker = f"{tok.info}{tok.markup}"
        elif kind in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif kind == "table_open":
            items.append(_table(tok, lines))
            i += 1  # its table_close
        elif kind in ("heading_open", "paragraph_open") and tok.map is not None:
            start, end = tok.map
            if tabs and kind == "paragraph_open" and any("\t" in lines[n] for n in range(start, end)):
                items.extend(segment(lines[start:end], start + 1))
            else:
                inline = tokens[i + 1]
                block_kind = "heading" if kind == "heading_open" else ("list_item" if in_list else "paragraph")
                md_level = int(tok.tag[1]) if kind == "heading_open" else 0
                content = inline_text(inline.content, env)
                if marker and block_kind == "list_item":
                    content, marker = marker + content, ""
                cuts = _part_heading_lines(content) if block_kind == "paragraph" and "\n" in content else []
                if not cuts:
                    items.append(Block(block_kind, content, _span(lines, start, end), md_level))  # type: ignore[arg-type]
                else:
                    # A part heading written on the line right after a paragraph (no blank line):
                    # CommonMark folds it into the paragraph, but the report's numbering says it is a heading.
                    parts = content.split("\n")
                    bounds = [0, *cuts, len(parts)]
                    for a, b in zip(bounds, bounds[1:]):
                        if a < b:
                            items.append(Block("paragraph", "\n".join(parts[a:b]), _span(lines, start + a, start + b)))
            i += 2
        elif kind in ("code_block", "fence") and tok.map is not None:
            start, end = tok.map
            if tabs and kind == "code_block" and any("\t" in lines[n] for n in range(start, end)):
                items.extend(segment(lines[start:end], start + 1))
            else:
                items.append(Block("code", tok.content, _span(lines, start, end)))
        elif kind == "html_block" and tok.map is not None:
            items.append(Block("html", tok.content, _span(lines, *tok.map)))
        elif kind == "hr" and tok.map is not None:
            items.append(Block("rule", "", _span(lines, *tok.map)))
        i += 1
    items = find_text_tables(items, lines, vocabulary(options.table_formats()))
    return build_document(path, text, lines, "markdown", items, options, view)
