"""gialint's markdown-it parser (gialint/read/parse/mdit.py): tables as markdown-it finds them,
and emphasis next to CJK text."""

from __future__ import annotations

import random

import pytest
from markdown_it import MarkdownIt

from gialint.read.parse.mdit import parser


def _strong_text(source: str) -> list[tuple[str, str]]:
    tokens = parser().parse(source)
    inline = next(t for t in tokens if t.type == "inline")
    return [(c.type, c.content) for c in inline.children or ()]


@pytest.mark.parametrize(
    "source",
    ["**（二）主动公开**情况", "**「重要」**です", "a**あ、**b", "本年度**（一）**", "**二、主动公开政府信息情况**"],
)
def test_emphasis_next_to_cjk_punctuation_is_emphasis(source: str) -> None:
    children = _strong_text(source)
    assert ("strong_open", "") in children and ("strong_close", "") in children
    assert not any("*" in content for kind, content in children if kind == "text")


@pytest.mark.parametrize(
    ("source", "strong"),
    [("**foo**bar", True), ("__foo__bar", False), ("** 政府**", False), ("a ** b ** c", False), ("**a**", True)],
)
def test_emphasis_without_cjk_neighbours_is_commonmark(source: str, strong: bool) -> None:
    kinds = [kind for kind, _ in _strong_text(source)]
    assert ("strong_open" in kinds) is strong
    reference = MarkdownIt("commonmark").parse(source)
    inline = next(t for t in reference if t.type == "inline")
    assert [c.type for c in inline.children or ()] == kinds


_PIECES = [
    "| a | b |", "|---|---|", "|:-:|--|", "a|b", "| x |", "", "- item", "> quote", "    code", "正文段落",
    "|-|", "| a \\| b | c |", "--- | ---", " | a | b | ", "# 标题", "1. one", "```", "\t|a|b|", "<div>", "x|y|z",
    "|--|--|--|", "***", "  |a|", "项目 | 数量",
]


def _shape(tokens: list) -> list[tuple]:  # type: ignore[type-arg]
    out: list[tuple] = []  # type: ignore[type-arg]
    inside = False
    for t in tokens:
        if t.type == "table_open":
            out.append(("table", tuple(t.map)))
            inside = True
        elif t.type == "table_close":
            inside = False
        elif not inside:
            out.append((t.type, tuple(t.map or ()), t.content))
    return out


def test_tables_are_found_where_markdown_it_finds_them_without_cell_tokens() -> None:
    upstream = MarkdownIt("commonmark", {"html": True}).enable("table")
    rnd = random.Random(12)
    tables = 0
    for _ in range(3000):
        source = "\n".join(rnd.choice(_PIECES) for _ in range(rnd.randint(2, 9)))
        ours = parser().parse(source)
        assert _shape(ours) == _shape(upstream.parse(source)), source
        opened = [i for i, t in enumerate(ours) if t.type == "table_open"]
        tables += len(opened)
        assert all(ours[i + 1].type == "table_close" for i in opened)  # no row, cell or inline tokens
    assert tables > 100
