"""Acceptance over ../shared/corpus in other shapes: a mirror's traditional-character copy of each
real report (made here with OpenCC, as mirror sites make them) gets the findings the report gets,
at the same places; page chrome around it adds none (skipped only when the corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.testing import lint

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
REPORTS = sorted(p.name for p in CORPUS.iterdir()) if CORPUS.is_dir() else []


def _places(text: str, path: str) -> list[tuple[int, int, int, int, str]]:
    return sorted((d.line, d.column, d.end_line, d.end_column, d.rule) for d in lint(text, path=path))


@pytest.mark.parametrize("config", ["s2t", "s2twp"])
@pytest.mark.parametrize("name", REPORTS)
def test_traditional_copy_has_the_same_findings(name: str, config: str) -> None:
    import opencc

    text = (CORPUS / name).read_text(encoding="utf-8")
    mirrored = opencc.OpenCC(config).convert(text)
    expected = _places(text, name)
    if len(mirrored) != len(text):  # a phrase changed length: the same findings, on the same lines
        assert sorted(p[::4] for p in _places(mirrored, name)) == sorted(p[::4] for p in expected)
    else:
        assert _places(mirrored, name) == expected


@pytest.mark.parametrize("name", REPORTS)
def test_page_chrome_adds_no_finding(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    top = "当前位置：首页 > 政务公开 > 政府信息公开年报\n字体：【大 中 小】\n"
    bottom = "\n【打印本页】【关闭窗口】\n网站标识码：1234000001  某ICP备12345678号\n"
    shifted = [(line + 2, col, end_line + 2 if end_line else 0, end_col, rule) for line, col, end_line, end_col, rule in _places(text, name)]
    assert _places(top + text + bottom, name) == shifted
