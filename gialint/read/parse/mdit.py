"""gialint's markdown-it-py parser: CommonMark + pipe tables, with two changes of its own.

* Emphasis next to CJK text: CommonMark's flanking rules treat full-width punctuation as
  punctuation, so ``**（二）主动公开**情况`` keeps its asterisks. Here a CJK character
  (ideographs, kana, CJK and full-width punctuation) counts as punctuation where that lets a
  delimiter run open or close, and not where it would stop one — the rule of the "CJK-friendly"
  CommonMark amendment (github.com/tats-u/markdown-cjk-friendly), as mdit-py-cjk-friendly 0.3
  implemented it; runs with no CJK neighbour keep CommonMark's own result. This is a rule of
  this parser only (no class is patched), so other markdown-it users in the process are unaffected.
* Pipe tables are recognised as markdown-it recognises them, but only their extent is recorded:
  gialint reads the cells from the source lines (see :mod:`gialint.read.parse.markdown`), so
  no row, cell or inline token is made, and no cell's inline text is parsed.

:func:`parser` is that parser as markdown-it runs it. gialint's reader goes through
:func:`parse_blocks` and :func:`inline_text` instead, which give the same blocks and the same
text with less work: the block state's line marks are computed a line at a time, not a
character at a time; inline text is parsed only for the blocks gialint reads, and a block
with no character any inline rule but text and line breaks starts at is not parsed at all.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING, Any

from gialint._lazy import lazy_re

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_block.state_block import StateBlock
    from markdown_it.rules_core.state_core import StateCore
    from markdown_it.rules_inline.state_inline import StateInline
    from markdown_it.token import Token

# markdown-it's text rule stops at these characters (rules_inline/text.py, _TerminatorChars);
# every other inline rule starts at one of them.
_TERMINATOR = lazy_re(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~]")
# The same without the line break: text without any of them is plain text and line breaks.
_NOT_PLAIN = lazy_re(r"[!#$%&*+\-:<=>@\[\\\]^_`{}~]")
# Where each inline rule of parser() can apply: at one of these characters. At any other
# terminator (a colon, a hyphen, a per cent sign …) no rule applies and markdown-it adds it to
# the text, so text without any of them is still plain text and line breaks.
_INLINE_STARTS = {
    "text": "",
    "newline": "",
    "escape": "\\",
    "backticks": "`",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
_MARKUP = lazy_re(r"[\\`*_\[!<&]")  # the characters of _INLINE_STARTS
# Bold text then plain text (**（一）主动公开**情况), on one line: no other markup.
_BOLD = lazy_re(r"\*\*([^\\`*_\[!<&\n]+)\*\*([^\\`*_\[!<&\n]*)")

def _cjk(ch: str) -> bool:
    """CJK symbols and punctuation, kana, ideographs (with extensions A and B, compatibility
    ideographs), full-width forms."""
    c = ord(ch)
    return (
        0x3000 <= c <= 0x30FF
        or 0x3400 <= c <= 0x4DBF
        or 0x4E00 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF
        or 0xFF00 <= c <= 0xFF60
        or 0xFFE0 <= c <= 0xFFE6
        or 0x20000 <= c <= 0x2A6DF
    )


def _flanking(src: str, maximum: int, start: int, can_split_word: bool) -> tuple[bool, bool, int]:
    """(can open, can close, length) of the delimiter run at ``start`` of the inline text ``src``
    (``maximum``: its end): CommonMark's rule, or the CJK-friendly one when a CJK character stands
    next to the run and CommonMark does not let it both open and close."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

    marker = src[start]
    pos = start
    while pos < maximum and src[pos] == marker:
        pos += 1
    last = src[start - 1] if start > 0 else " "  # the start and end of the line count as white space
    after = src[pos] if pos < maximum else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(after)) or isPunctChar(after)
    last_space = isWhiteSpace(ord(last))
    next_space = isWhiteSpace(ord(after))
    last_cjk = _cjk(last)
    next_cjk = _cjk(after)
    if last_cjk or next_cjk:
        # A CJK neighbour lets the run open or close as punctuation would, never stops it.
        last_block, next_block = last_punct and not last_cjk, next_punct and not next_cjk
        last_allow, next_allow = last_cjk or last_punct, next_cjk or next_punct
    else:
        last_block, next_block = last_punct, next_punct
        last_allow, next_allow = last_punct, next_punct
    left = not next_space and (not next_block or last_space or last_allow)
    right = not last_space and (not last_block or next_space or next_allow)
    if can_split_word:
        return left, right, pos - start
    return left and (not right or last_allow), right and (not left or next_allow), pos - start


def _emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``emphasis`` tokenizer with :func:`_flanking` for the run's flanking."""
    from markdown_it.rules_inline.state_inline import Delimiter

    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    can_open, can_close, length = _flanking(state.src, state.posMax, start, marker == "*")
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(marker=ord(marker), length=length, token=len(state.tokens) - 1, end=-1, open=can_open, close=can_close)
        )
    state.pos += length
    return True


# The first character (after indentation) each of these block rules needs: at a line starting with
# none of them (a pipe, a CJK character …) the rule answers False, so it is not tried (to end a
# table, see _table; to open a block, see _blocks).
_TERMINATOR_STARTS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "html_block": "<",
    "heading": "#",
    "reference": "[",
}


def _starts(names: list[str]) -> str | None:
    """The characters a line must start with for one of the rules ``names`` to apply, or None
    when one of them is not known here (then every line is tried)."""
    if any(name not in _TERMINATOR_STARTS for name in names):
        return None
    return "".join(_TERMINATOR_STARTS[name] for name in names)


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's GFM ``table`` rule, recognising exactly the same tables, but emitting only
    ``table_open`` (its ``map`` covers the table) and ``table_close``: no row, cell or inline
    tokens. gialint reads the rows from the source lines: the header line, then every line from
    the one after the delimiter row to the end of the map (each is a row, pipes or not)."""
    from markdown_it.rules_block.table import escapedSplit, headerLineRe

    if start + 2 > end:
        return False
    delimiter = start + 1
    if state.sCount[delimiter] < state.blkIndent or state.is_code_block(delimiter):
        return False
    src = state.src
    pos, stop = state.bMarks[delimiter] + state.tShift[delimiter], state.eMarks[delimiter]
    # The delimiter row: |, -, : and blanks only, starting with two of them (not "- ", a list).
    if stop - pos < 2 or src[pos] not in "|-:" or src[pos + 1] not in "|-: \t" or src[pos] == "-" and src[pos + 1] in " \t":
        return False
    if any(ch not in "|-: \t" for ch in src[pos + 2 : stop]):
        return False
    aligns = 0
    columns = src[pos:stop].split("|")
    for i, column in enumerate(columns):
        text = column.strip()
        if not text:
            if i == 0 or i == len(columns) - 1:
                continue  # ` |---| `, not ` ---||--- `
            return False
        if not headerLineRe.search(text):
            return False
        aligns += 1
    header = src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]].strip()
    if "|" not in header or state.is_code_block(start):
        return False
    cells = escapedSplit(header) if "\\" in header else header.split("|")  # no escape: the same cut
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    if not cells or len(cells) != aligns:
        return False
    if silent:
        return True
    parent, state.parentType = state.parentType, "table"
    ruler = state.md.block.ruler
    terminators = ruler.getRules("blockquote")  # what ends a table, as upstream
    starts = _starts([rule.name for rule in ruler.__rules__ if "blockquote" in rule.alt])
    token = state.push("table_open", "table", 1)
    token.map = lines = [start, 0]
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        first = state.bMarks[line] + state.tShift[line]
        if (starts is None or src[first : first + 1] in starts) and any(rule(state, line, end, True) for rule in terminators):
            break
        if not src[first : state.eMarks[line]].strip() or state.is_code_block(line):
            break
        line += 1
    state.push("table_close", "table", -1)
    lines[1] = line
    state.parentType = parent
    state.line = line
    return True


def _text(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``text`` rule: the run of text up to the next terminator character, found by
    one search instead of a loop per character."""
    pos = state.pos
    found = _TERMINATOR.search(state.src, pos, state.posMax)
    end = found.start() if found else state.posMax
    if end == pos:
        return False
    if not silent:
        state.pending += state.src[pos:end]
    state.pos = end
    return True


def _dispatch(names: list[str], rules: list[Any]) -> tuple[dict[str, tuple[Any, ...]], tuple[Any, ...]]:
    """The block rules worth trying at a line that is no indented code, by the line's first
    character (the rest: for any other character), each list in the ruler's order: a rule of
    _TERMINATOR_STARTS only where the character is one it starts with, ``code`` never."""
    chars = "".join(_TERMINATOR_STARTS.values())
    by_first = {
        ch: tuple(rule for name, rule in zip(names, rules) if name != "code" and ch in _TERMINATOR_STARTS.get(name, ch))
        for ch in chars
    }
    rest = tuple(rule for name, rule in zip(names, rules) if name != "code" and name not in _TERMINATOR_STARTS)
    return by_first, rest


@lru_cache(maxsize=1)
def _blocks() -> type:
    from markdown_it.parser_block import ParserBlock

    class Blocks(ParserBlock):
        """markdown-it's block parser, trying at each line only the rules that can apply there
        (see :func:`_dispatch`); every other rule would answer False."""

        def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
            # Upstream's ParserBlock.tokenize, with the rules tried chosen by _dispatch.
            rules = self.ruler.getRules("")
            if self.__dict__.get("_rules") is not rules:
                self._rules, self._by_first = rules, _dispatch(self.ruler.get_active_rules(), rules)
            by_first, rest = self._by_first
            line = startLine
            maxNesting = state.md.options.maxNesting
            hasEmptyLines = False
            while line < endLine:
                state.line = line = state.skipEmptyLines(line)
                if line >= endLine:
                    break
                if state.sCount[line] < state.blkIndent:
                    break
                if state.level >= maxNesting:
                    state.line = endLine
                    break
                if state.sCount[line] - state.blkIndent >= 4:  # indented code: every rule
                    tried = rules
                else:
                    tried = by_first.get(state.src[state.bMarks[line] + state.tShift[line]], rest)
                for rule in tried:
                    if rule(state, line, endLine, False):
                        break
                state.tight = not hasEmptyLines
                line = state.line
                if (line - 1) < endLine and state.isEmpty(line - 1):
                    hasEmptyLines = True
                if line < endLine and state.isEmpty(line):
                    hasEmptyLines = True
                    line += 1
                    state.line = line

    return Blocks


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The Markdown parser for reports (HTML blocks kept as blocks)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.inline.ruler.at("text", _text)
    md.inline.ruler.at("emphasis", _emphasis)
    md.block.ruler.at("table", _table, {"alt": ["paragraph", "reference"]})
    blocks = _blocks()()
    blocks.ruler = md.block.ruler
    md.block = blocks
    return md


def _columns(indent: str) -> int:
    """The width of an indentation of blanks and tabs, a tab to the next multiple of 4."""
    count = 0
    for ch in indent:
        count += 4 - count % 4 if ch == "\t" else 1
    return count


@lru_cache(maxsize=1)
def _line_state() -> type[StateBlock]:
    """markdown-it's block state with its line marks computed a line at a time (upstream walks
    the source a character at a time), and ``src`` a plain attribute (upstream: a property)."""
    from markdown_it.rules_block.state_block import StateBlock

    class LineState(StateBlock):
        src = ""  # not a descriptor: an instance's src is read from its __dict__

        def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
            super().__init__("", md, env, tokens)  # every other field as upstream sets it
            self.src = self._src = src
            self._srcCharCode = None
            pieces = src.split("\n")
            if not pieces[-1].strip(" \t"):
                # Upstream ends the last line at the end of the text; a last line of blanks
                # only (no newline after it), or the nothing after a final newline, is no line.
                pieces.pop()
            length = len(src)
            widths = [len(piece) for piece in pieces]
            begins = [*accumulate([width + 1 for width in widths], initial=0)]
            begins[-1] = length  # the fake line past the end
            shifts = [width - len(piece.lstrip(" \t")) for piece, width in zip(pieces, widths)]
            self.bMarks = begins
            self.eMarks = [*map(add, begins, widths), length]
            self.tShift = [*shifts, 0]
            self.sCount = [_columns(piece[:shift]) if shift and "\t" in piece[:shift] else shift for piece, shift in zip(pieces, shifts)]
            self.sCount.append(0)
            self.bsCount = [0] * len(begins)
            self.lineMax = len(pieces)

    return LineState


def _block(state: StateCore) -> None:
    """markdown-it's core ``block`` rule (never in inline mode here) with :func:`_line_state`."""
    if state.src:  # upstream's block parser makes no state for an empty text
        md = state.md
        block = _line_state()(state.src, md, state.env, state.tokens)
        md.block.tokenize(block, block.line, block.lineMax)


# The core rules of :func:`parser` in order; parse_blocks runs those before "inline".
_CORE_RULES = ("normalize", "block", "inline", "text_join")


@lru_cache(maxsize=1)
def _block_rules() -> tuple[Callable[[StateCore], None], ...]:
    ruler = parser().core.ruler
    names = tuple(ruler.get_active_rules())
    if names != _CORE_RULES:  # a rule after "inline" would read children parse_blocks does not make
        raise RuntimeError(f"unexpected markdown-it core rules: {names}")
    return tuple(_block if rule.name == "block" else rule.fn for rule in ruler.__rules__ if rule.name in ("normalize", "block"))


def parse_blocks(text: str) -> tuple[list[Token], dict[str, Any]]:
    """The tokens ``parser().parse(text)`` gives, but with inline tokens' children not parsed,
    and the environment (link references) :func:`inline_text` needs to parse them."""
    from markdown_it.rules_core.state_core import StateCore

    env: dict[str, Any] = {}
    state = StateCore(text, parser(), env)
    for rule in _block_rules():
        rule(state)
    return state.tokens, env


@lru_cache(maxsize=1)
def _markup() -> re.Pattern[str]:
    """The characters that make inline text more than plain text and line breaks to
    :func:`parser`: where one of its inline rules can apply (every terminator of the text rule
    if a rule is not one of _INLINE_STARTS)."""
    names = parser().inline.ruler.get_active_rules()
    return _MARKUP if all(name in _INLINE_STARTS for name in names) else _NOT_PLAIN


def inline_text(content: str, env: dict[str, Any]) -> str:
    """The text of an inline token's ``content`` as :func:`parser` parses it: its text, code
    spans and images' alt text, a line break as ``\\n`` (markup and entities resolved)."""
    markup = _markup()
    if markup.search(content) is None:
        # Only the text and newline rules apply: each line as written, without the blanks the
        # newline rule drops (spaces before a break, spaces and tabs after it).
        if "\n" not in content:
            return content
        first, *rest = content.split("\n")
        lines = [first, *(line.lstrip(" \t") for line in rest)]
        last = lines.pop()
        return "\n".join([*(line.rstrip(" ") for line in lines), last])
    if markup is _MARKUP:
        bold = _BOLD.fullmatch(content)
        if bold is not None:
            # Two runs of two asterisks: the only delimiters, so they pair (as strong emphasis)
            # when the first can open and the second can close, and are text otherwise.
            size = len(content)
            if _flanking(content, size, 0, True)[0] and _flanking(content, size, bold.end(1), True)[1]:
                return bold.group(1) + bold.group(2)
            return content
    md = parser()
    tokens: list[Token] = []
    md.inline.parse(content, md, env, tokens)
    parts: list[str] = []
    for child in tokens:
        kind = child.type
        if kind in ("text", "text_special", "code_inline", "image"):  # text_join makes text of text_special
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
