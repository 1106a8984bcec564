"""Regressions found while building gialint, each pinned where it was found."""

from __future__ import annotations

from gialint.read.parse import gialint_parse_document
from gialint.read.parse.options import ParseOptions


def test_markdown_document_keeps_its_whole_source() -> None:
    # A loop variable once shadowed the source text: Document.source became the last paragraph.
    text = "# 青石镇人民政府2021年政府信息公开工作年度报告\n\n第一段。\n\n<!-- gialint-disable-file -->\n\n最后一段。\n"
    doc = gialint_parse_document(path="r.md", text=text, options=ParseOptions(), data=None)
    assert doc.source == text
    assert doc.lines[-1] == "最后一段。"


def test_entry_points_found_without_importlib_metadata() -> None:
    from importlib.metadata import entry_points as reference

    from gialint.engine.entrypoints import entry_points

    ours = {(e.name, e.value) for e in entry_points("gialint")}
    theirs = {(e.name, e.value) for e in reference(group="gialint")}
    assert ours == theirs and ("gialint_core", "gialint.checks") in ours
