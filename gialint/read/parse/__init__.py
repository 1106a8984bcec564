"""Parsers: bytes-free text → :class:`gialint.model.document.Document`.

The built-in parsers are ordinary ``gialint_parse_document`` hook implementations, registered
``trylast`` so that a plugin can claim a file first.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from gialint.engine.plugin import hookimpl

if TYPE_CHECKING:
    from gialint.model.document import Document
    from gialint.read.parse.options import ParseOptions

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


@hookimpl(trylast=True)
def gialint_parse_document(path: str, text: str, options: ParseOptions, data: bytes | None) -> Document | None:
    """Word/PDF/HTML through their readers, Markdown for .md/.markdown, the plain-text export
    reader for everything else."""
    if data is not None:
        from gialint.read import read_document

        return read_document(path, data, options)
    if PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES:
        from gialint.read.parse.markdown import parse_markdown

        return parse_markdown(path, text, options)
    from gialint.read.parse.plaintext import parse_plaintext

    return parse_plaintext(path, text, options)
