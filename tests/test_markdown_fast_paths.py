"""The Markdown reader's shortcuts through markdown-it (gialint/read/parse/mdit.py) give what
markdown-it's own path gives: the block state's line marks, the block tokens, each inline
token's text (parsed only when read, not at all when it is plain), and the text rule found by a
search. Checked against upstream on random and real Markdown."""

from __future__ import annotations

import random
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock

from gialint.read.parse import mdit

_ROOT = Path(__file__).resolve().parent

_PIECES = [
    "# 标题", "## 二、主动公开政府信息情况", "**（一）主动公开**情况", "一、总体情况", "  1. 制发规章情况", "- 项目",
    "* 列表", "> 引用", "    代码", "\t缩进", "```", "~~~", "<div>", "<!-- 注释 -->", "| a | b |", "|---|---|",
    "| 规章 | 0 |", "正文段落，本机关2021年主动公开信息。", "行末两个空格  ", "行末一个空格 ", "  行首空格", "\t行首制表符",
    "", "", "***", "---", "===", "a\\*b", "&amp; &#20013; &copy;", "[链接](http://x.cn)", "[ref]", "[ref]: http://r.cn",
    "![图](a.png)", "<http://a.cn>", "`代码`", "__强调__", "*斜体*", "a_b_c", "统计：100%", "1)  第一", "中 \t 文",
    "\u3000\u3000全角空格开头", "行尾全角\u3000", "2021-01-01", "a~b", "{x}", "a^b", "a=b", "@人", "$1", "+1", "!",
    "> # 标题", "- > 引用", "  - 子项", "1. - a", "> - a", "    - x", "  \t```", ">     代码", "- ---", "2) **（一）**情况",
    "   [ref]: /u", "> | a | b |", "> |---|---|", "- | a | b |", "  |--|--|", "\t\t深缩进", "<table>", "  > 续",
]


def _documents(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    docs = []
    for _ in range(count):
        lines = [rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12))]
        docs.append("\n".join(lines) + rnd.choice(["", "\n", "\n\n", " ", "\t", "\n  "]))
    return docs


def _real_documents() -> list[str]:
    paths = [*sorted(_ROOT.rglob("*.md")), *sorted((_ROOT.parent.parent / "shared" / "corpus").glob("*.md"))]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def _upstream_text(children: list) -> str:  # type: ignore[type-arg]
    """An inline token's text as the reader took it from a fully parsed token stream."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _fields(tokens: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(t.type, t.tag, t.nesting, t.map, t.level, t.content, t.markup, t.info, t.block, t.hidden) for t in tokens]


def test_line_marks_are_upstreams() -> None:
    md = mdit.parser()
    rnd = random.Random(3)
    alphabet = [" ", " ", "\t", "\n", "\n", "a", "中", "|", "-", "\u3000"]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 14))) for _ in range(5_000)]
    for text in [*texts, *_documents(300, 4), *_real_documents()]:
        if not text:
            continue
        ours, theirs = mdit._line_state()(text, md, {}, []), StateBlock(text, md, {}, [])
        assert vars(ours) == {**vars(theirs), "src": text, "_src": text, "_srcCharCode": None}, repr(text)


def test_blocks_and_inline_text_are_the_parsers() -> None:
    md = mdit.parser()
    for text in [*_documents(3_000, 5), *_real_documents()]:
        full = md.parse(text)
        blocks, env = mdit.parse_blocks(text)
        assert _fields(blocks) == _fields(full), repr(text)
        for ours, theirs in zip(blocks, full):
            if theirs.type == "inline":
                assert mdit.inline_text(ours.content, env) == _upstream_text(theirs.children or []), repr(ours.content)


def test_plain_inline_text_is_the_parsers() -> None:
    """Text with no character an inline rule other than text and newline starts at is read
    without parsing: the same text as parsed."""
    md = mdit.parser()
    rnd = random.Random(6)
    alphabet = [" ", " ", "\t", "\n", "\n", "a", "中", "。", "\u3000", "|", "1", "(", ")", ".", "*", "&amp;", ":", "-", "%",
                "#", "+", "=", "@", "$", "^", "{", "}", "~", ">", "]", "!", "![x](y)", "[", "<b>", "<", "&", "\\", "`", "_"]
    for _ in range(20_000):
        content = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        tokens = md.parseInline(content)
        assert mdit.inline_text(content, {}) == _upstream_text(tokens[0].children or []), repr(content)


def test_bold_then_text_is_the_parsers() -> None:
    """``**X**R`` (no other markup) is read without parsing: X R when the asterisks pair, the
    text as written when they do not (a space inside, punctuation outside …)."""
    md = mdit.parser()
    rnd = random.Random(9)
    alphabet = [" ", "a", "中", "。", "，", "（", "）", "(", ")", ".", ",", ":", "-", "\u3000", "\xa0", "「", "」", "1", "あ", "%", "\t"]
    paired = 0
    for _ in range(20_000):
        inner, after = ("".join(rnd.choice(alphabet) for _ in range(rnd.randint(a, 5))) for a in (1, 0))
        content = f"**{inner}**{after}"
        assert mdit._BOLD.fullmatch(content)
        expected = _upstream_text(md.parseInline(content)[0].children or [])
        assert mdit.inline_text(content, {}) == expected, repr(content)
        paired += expected != content
    assert paired > 5_000


def test_markup_characters_are_where_the_inline_rules_start() -> None:
    assert mdit._markup() is mdit._MARKUP
    starts = "".join(mdit._INLINE_STARTS.values())
    assert {ch for ch in map(chr, range(0x80)) if mdit._MARKUP.match(ch)} == set(starts)


def test_text_rule_and_block_rules_are_upstreams() -> None:
    """The parser with upstream's block parser (every rule tried at every line) and its
    character-by-character text rule gives the same tokens."""
    upstream = MarkdownIt("commonmark", {"html": True}).enable("table")
    upstream.inline.ruler.at("emphasis", mdit._emphasis)
    upstream.block.ruler.at("table", mdit._table, {"alt": ["paragraph", "reference"]})
    assert type(upstream.block) is not type(mdit.parser().block)
    for text in [*_documents(3_000, 7), *_real_documents()]:
        ours, theirs = mdit.parser().parse(text), upstream.parse(text)
        assert _fields(ours) == _fields(theirs), repr(text)
        for a, b in zip(ours, theirs):
            assert _fields(a.children or []) == _fields(b.children or []), repr(text)


def _numbering_as_was(text: str) -> object:
    """match_numbering without its first-character test: every style tried after the decoration."""
    from gialint.model.numbering import _DECOR, _STYLES, Numbering, cn_to_int

    decor = _DECOR.match(text)
    start = decor.end() if decor else 0
    for style, level, pattern in _STYLES:
        m = pattern.match(text, start)
        if not m:
            continue
        raw = m.group(1)
        number = int(raw) if raw.isdigit() else cn_to_int(raw)
        if number is None or number == 0:
            continue
        return Numbering(style, level, number, text[m.start() : m.end()].strip(" \u3000"), m.start(), m.end())
    return None


def test_numbering_first_character_test() -> None:
    from gialint.model.numbering import match_numbering

    rnd = random.Random(8)
    alphabet = [" ", "\u3000", "\xa0", "\t", "\n", "#", "*", "_", "-", "+", "一", "十", "（", "(", "）", ")", "、", ".",
                "．", "1", "0", "１", "٣", "²", "a", "规", "零"]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(30_000)]
    found = 0
    for text in [*texts, *(line for doc in _real_documents() for line in doc.splitlines())]:
        expected = _numbering_as_was(text)
        assert match_numbering(text) == expected, repr(text)
        found += expected is not None
    assert found > 500
