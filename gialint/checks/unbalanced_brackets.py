"""括号不配对 / Brackets, book-title marks or quotation marks that do not pair.

Checks （）() 《》 “” 【】 〔〕 [] within each paragraph (each line of a .txt export, each
table row). Full-width and half-width round brackets pair with each other, since exports mix
them; a pair of two widths (（…) ) is reported on its own and fixed by ``--fix`` (the closing
bracket is made to match the opening one).

**FAIL**::

    如对本报告有疑问，请与）康驿镇人民政府联系
    (五)) 不予处理

**PASS**::

    如对本报告有疑问，请与康驿镇人民政府联系（地址：康驿大街1号）
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.model.diagnostic import Diagnostic, Edit, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where

_OPEN = {"（": "round", "(": "round", "《": "book", "“": "quote", "【": "square", "〔": "tortoise", "[": "square"}
_CLOSE = {"）": "round", ")": "round", "》": "book", "”": "quote", "】": "square", "〕": "tortoise", "]": "square"}
_ENUMERATION = lazy_re(r"(?:^|(?<=[\s，。；：、]))[0-9０-９]{1,2}[）)]|^\s*[0-9０-９]{1,2}[）)]")
_ANY_BRACKET = lazy_re(r"[（()）《》“”【】〔〕\[\]]")
_MATCHING = {"（": "）", "(": ")", "[": "]", "【": "】"}
_PAIR = {"round": "（）", "book": "《》", "quote": "“”", "square": "【】", "tortoise": "〔〕"}


def _continuations(doc: Document) -> set[int]:
    """Lines that continue a multi-line paragraph (a bracket may open on the line before)."""
    lines: set[int] = set()
    for block in doc.blocks:
        if block.kind in ("paragraph", "list_item", "heading") and block.span.end_line > block.span.line:
            lines.update(range(block.span.line + 1, block.span.end_line + 1))
    return lines


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    continuing = _continuations(doc)
    stack: list[tuple[str, int, int, str]] = []

    def unclosed() -> Iterator[Diagnostic]:
        for kind, line, col, ch in stack:
            yield ctx.report(Span(line, col, line, col + 1), "unclosed", char=ch, pair=_PAIR[kind])
        stack.clear()

    in_code = {n for b in doc.blocks if b.kind == "code" for n in range(b.span.line, b.span.end_line + 1)}
    lines = doc.lines
    previous = 0
    # Only lines with a bracket change the stack; what is open is reported at the first line
    # since the last such line that does not continue its paragraph, i.e. before this one.
    for number in lines_where(doc, _ANY_BRACKET):
        if stack and not all(k in continuing for k in range(previous + 1, number + 1)):
            yield from unclosed()
        previous = number
        if number in in_code:
            continue
        line = lines[number - 1]
        for hit in _ANY_BRACKET.finditer(line):
            index, ch = hit.start(), hit.group(0)
            if ch in _OPEN:
                stack.append((_OPEN[ch], number, index + 1, ch))
            elif ch in _CLOSE:
                if ch in "）)" and _ENUMERATION.match(line, max(0, index - 3), index + 1) and not any(k == "round" for k, *_ in stack):
                    continue  # 1） 2） enumerations
                kind = _CLOSE[ch]
                match = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == kind), None)
                if match is None:
                    yield ctx.report(Span(number, index + 1, number, index + 2), "unopened", char=ch, pair=_PAIR[kind])
                else:
                    # Anything opened after the match and still open is unclosed.
                    for kind2, line2, col2, ch2 in stack[match + 1 :]:
                        yield ctx.report(Span(line2, col2, line2, col2 + 1), "unclosed", char=ch2, pair=_PAIR[kind2])
                    opener = stack[match][3]
                    wanted = _MATCHING.get(opener)
                    if wanted is not None and wanted != ch:
                        # （…) or (…）: a pair of two widths; the fix makes the closer match the opener.
                        span = Span(number, index + 1, number, index + 2)
                        fix = (Edit(number, index + 1, number, index + 2, wanted),)
                        yield ctx.report(span, "mixed", char=ch, opener=opener, wanted=wanted, fix=fix)
                    del stack[match:]
    yield from unclosed()


RULES = (
    Rule(
        name="unbalanced-brackets",
        code="GIA504",
        summary_zh="括号、书名号或引号不配对",
        summary_en="Brackets, book-title marks or quotation marks that do not pair",
        check=check,
        severity=Severity.WARNING,
        fixable=True,
        messages={
            "unopened": Message(
                "多余的“{char}”：前面没有与之配对的开括号，删除它或补上前半个（{pair}）",
                'stray "{char}" with no opening partner: delete it or add the opening one ({pair})',
            ),
            "mixed": Message(
                "“{opener}”与“{char}”全角、半角混用：应写成“{wanted}”与开括号一致",
                'the pair "{opener}" … "{char}" mixes full-width and half-width: write "{wanted}" to match the opening one',
            ),
            "unclosed": Message(
                "“{char}”没有闭合：补上后半个或删除它（{pair}）",
                '"{char}" is never closed: add the closing one or delete it ({pair})',
            ),
        },
        docs=__doc__ or "",
    ),
)
