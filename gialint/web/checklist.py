"""One report's findings as the office worker's checklist: grouped by part, each with where it is,
the quoted text, and what is wrong and what would be right. Plain data (JSON for the page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gialint.model.numbering import int_to_cn
from gialint.output.text import SEVERITY_WORDS

if TYPE_CHECKING:
    from gialint.engine.linter import FileResult
    from gialint.model.diagnostic import Diagnostic
    from gialint.model.document import Document

_PREAMBLE = {"zh": "标题和开头", "en": "Title and opening"}
_WHOLE = {"zh": "整份报告", "en": "The whole report"}


def _part_of(document: Document | None, line: int) -> int:
    """The part (1–6 …) holding ``line``; 0 for the title and opening."""
    if document is None:
        return -1
    for section in document.sections:
        if section.level == 1 and section.span.line <= line <= section.end_line:
            return section.number
    return 0


def _group_title(document: Document | None, part: int, lang: str) -> str:
    if part < 0:
        return _WHOLE[lang]
    if part == 0:
        return _PREAMBLE[lang]
    section = document.part(part) if document is not None else None
    if section is not None:
        return f"{section.numeral}{section.title}".strip()
    return f"第{int_to_cn(part)}部分" if lang == "zh" else f"Part {int_to_cn(part)}"


_ADVICE = {"zh": ("：应", "：请", "：可", "，应"), "en": (": ",)}


def _split_advice(message: str, lang: str) -> tuple[str, str]:
    """``problem：应…`` → (problem, advice); the advice is empty when the message has none.
    The last marker counts (a quote earlier in the message may hold a colon)."""
    at = max((message.rfind(marker) for marker in _ADVICE[lang]), default=-1)
    if at > 0:
        return message[:at], message[at + 1 :].strip()
    return message, ""


def _item(d: Diagnostic, document: Document | None, lang: str) -> dict[str, Any]:
    from gialint.read.locate import heading_path, quote_of

    message = d.message(lang)
    wrong, right = _split_advice(message, lang)
    if d.location is not None:
        where, quote = d.location.describe(lang), d.location.quote
        where = where.replace(f"“{quote}”", "").replace(f'"{quote}"', "").strip() if quote else where
    else:
        text = document.line(d.line) if document is not None else ""
        quote = quote_of(text, d.column, d.end_column if d.end_line in (0, d.line) else len(text) + 1) if text else ""
        path = " › ".join(heading_path(document, d.line)) if document is not None else ""
        where = (f"第 {d.line} 行第 {d.column} 列" if lang == "zh" else f"line {d.line}, column {d.column}") + (f" · {path}" if path else "")
    return {
        "severity": str(d.severity),
        "severity_word": SEVERITY_WORDS[lang][d.severity],
        "rule": d.rule,
        "code": d.code,
        "message": message,
        "wrong": wrong,
        "right": right,
        "where": where,
        "quote": quote,
        "line": d.line,
        "column": d.column,
    }


def checklist(result: FileResult, name: str, lang: str = "zh") -> dict[str, Any]:
    """``{"file", "counts": {error, warning, info}, "groups": [{"title", "items": [...]}]}``."""
    lang = "en" if lang == "en" else "zh"
    document = result.document
    groups: dict[int, list[dict[str, Any]]] = {}
    for d in result.diagnostics:
        groups.setdefault(_part_of(document, d.line), []).append(_item(d, document, lang))
    counts = {s: sum(1 for d in result.diagnostics if str(d.severity) == s) for s in ("error", "warning", "info")}
    return {
        "file": name,
        "counts": counts,
        "total": len(result.diagnostics),
        "groups": [{"title": _group_title(document, part, lang), "items": items} for part, items in sorted(groups.items())],
    }
