"""Plain-text exports of Word/PDF reports (``.txt``).

These are NOT Markdown: table rows start with tabs, which markdown-it would take for code.
Every non-table line is a paragraph; tables come from :mod:`gialint.parse.tabular`.
"""

from __future__ import annotations

from gialint.document import Document
from gialint.parse.normalize import normalize
from gialint.parse.options import ParseOptions
from gialint.parse.structure import build_document, split_lines
from gialint.parse.tabular import segment
from gialint.parse.texttables import find_text_tables
from gialint.labels import vocabulary


def parse_plaintext(path: str, text: str, options: ParseOptions) -> Document:
    lines = split_lines(text)
    view = normalize(text, lines, "text", options.formats)
    if view is not None:
        text, lines = view.text, split_lines(view.text)
    items = find_text_tables(segment(lines, 1), lines, vocabulary(options.table_formats()))
    return build_document(path, text, lines, "text", items, options, view)
