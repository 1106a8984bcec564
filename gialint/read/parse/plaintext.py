"""Plain-text exports of Word/PDF reports (``.txt``).

These are NOT Markdown: table rows start with tabs, which markdown-it would take for code.
Every non-table line is a paragraph; tables come from :mod:`gialint.read.parse.tabular`.
"""

from __future__ import annotations

from gialint.formats.labels import vocabulary
from gialint.model.document import Document
from gialint.read.parse.normalize import normalize
from gialint.read.parse.options import ParseOptions
from gialint.read.parse.structure import build_document, split_lines
from gialint.read.parse.tabular import segment
from gialint.read.parse.texttables import find_text_tables


def parse_plaintext(path: str, text: str, options: ParseOptions) -> Document:
    lines = split_lines(text)
    view = normalize(text, lines, "text", options.formats)
    if view is not None:
        text, lines = view.text, split_lines(view.text)
    items = find_text_tables(segment(lines, 1), lines, vocabulary(options.table_formats()))
    return build_document(path, text, lines, "text", items, options, view)
