"""Helpers shared by the built-in rules: the six parts, text normalisation, numbers."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from gialint.document import Document, Section, Span
from gialint.labels import is_value
from gialint.numbering import int_to_cn

_BLANKS = re.compile(r"\s+")
_VARIANTS = str.maketrans({"它": "他", "(": "（", ")": "）", "、": "、", "及": "和", "与": "和"})


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Text for matching labels: no blanks, 其它→其他, 及/与→和, full-width brackets, no ``**``."""
    return _BLANKS.sub("", text).replace("*", "").translate(_VARIANTS)


@dataclass(frozen=True, slots=True)
class PartSpec:
    number: int
    title: str
    """Canonical title (2021 format)."""
    english: str
    pattern: re.Pattern[str]
    """Matched against the normalised heading text (see :func:`norm`)."""

    @property
    def numeral(self) -> str:
        return int_to_cn(self.number)


PARTS: tuple[PartSpec, ...] = (
    PartSpec(1, "总体情况", "overview", re.compile(r"总体情况|工作概述|概述$")),
    PartSpec(2, "主动公开政府信息情况", "information disclosed proactively", re.compile(r"主动公开(?:政府)?(?:信息)?(?:的)?(?:工作)?情况")),
    PartSpec(
        3,
        "收到和处理政府信息公开申请情况",
        "requests received and handled",
        re.compile(r"(?:收到|受理)和?(?:处理|办理)?(?:政府)?信息公开申请|处理政府信息公开申请|依申请公开(?:政府信息)?(?:的)?情况"),
    ),
    PartSpec(
        4,
        "政府信息公开行政复议、行政诉讼情况",
        "administrative reconsideration and litigation",
        re.compile(r"行政复议[、，和]?(?:提起)?行政诉讼"),
    ),
    PartSpec(
        5,
        "存在的主要问题及改进情况",
        "main problems and improvements",
        re.compile(r"(?:存在的?)?主要问题和?(?:改进|整改)|存在(?:的)?问题和?(?:改进|整改)"),
    ),
    PartSpec(6, "其他需要报告的事项", "other matters to report", re.compile(r"其他(?:需要)?(?:报告)?(?:的)?事项")),
)


def part_spec(section_title: str) -> PartSpec | None:
    text = norm(section_title)
    for spec in PARTS:
        if spec.pattern.search(text):
            return spec
    return None


@dataclass(frozen=True, slots=True)
class FoundPart:
    spec: PartSpec
    span: Span
    section: Section | None
    """The level-1 section, or None when only an unnumbered heading line was found."""


def find_parts(doc: Document) -> dict[int, FoundPart]:
    """The required parts present as headings: numbered 一、… sections, or bare title lines.

    Several rules ask; the answer is kept with the document.
    """
    cached = doc.memo.get("parts")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found = _find_parts(doc)
    doc.memo["parts"] = found
    return found


def _find_parts(doc: Document) -> dict[int, FoundPart]:
    # The first heading of each part (numbered ones first: bare title lines only count for
    # parts that have no numbered heading, see find_all_parts).
    found: dict[int, FoundPart] = {}
    for part in find_all_parts(doc):
        found.setdefault(part.spec.number, part)
    return found


def find_all_parts(doc: Document) -> list[FoundPart]:
    """Every heading of a required part, in document order, repeats included.

    Numbered level-1 sections whose title names a part, plus bare title lines (as in
    :func:`find_parts`) for parts that have no numbered heading.
    """
    found = [
        FoundPart(spec, section.span, section)
        for section in doc.sections
        if section.level == 1 and (spec := part_spec(section.title)) is not None
    ]
    numbered = {part.spec.number for part in found}
    for block in doc.blocks:
        if block.kind not in ("heading", "paragraph") or "\n" in block.text or len(block.text) > 60:
            continue  # a part title is short: long paragraphs need no (cached) normalising
        text = norm(block.text)
        if len(text) > 24 or block.span.line <= doc.preamble_end and block.kind != "heading":
            continue
        for spec in PARTS:
            if spec.number not in numbered and text == norm(spec.title):
                found.append(FoundPart(spec, block.span, None))
    return sorted(found, key=lambda part: (part.span.line, part.span.column))


def is_number(text: str) -> bool:
    """A cell holding a figure (the table matcher's own test, shared)."""
    return is_value(text)


def part_range(doc: Document, number: int) -> tuple[Span, int] | None:
    """The heading span and last line of part ``number`` — numbered (一、…) or a bare title line."""
    section = doc.part(number)
    if section is not None:
        return section.span, section.end_line
    found = find_parts(doc)
    part = found.get(number)
    if part is None:
        return None
    later = [p.span.line for n, p in found.items() if p.span.line > part.span.line]
    end = min(later) - 1 if later else len(doc.lines)
    return part.span, end
