"""Helpers shared by the built-in rules: the six parts (as the format's YAML names them), numbers."""

from __future__ import annotations

from gialint.formats.labels import is_value
from gialint.formats.normalise import norm_label, norm_label_once
from gialint.formats.parts import (
    PartSpec,
    near_miss,
    numbered_row_labels,
    part_specs,
    spec_for,
    starts_row_label,
)
from gialint.model.document import Document, Section, Span
from gialint.model.record import Record

__all__ = ["FoundPart", "PartSpec", "find_all_parts", "find_parts", "is_number", "part_range", "part_spec", "part_specs_of"]


def part_specs_of(doc: Document) -> tuple[PartSpec, ...]:
    """The parts of the document's format (``parts:`` in its YAML); of the newest national format
    when no format applies. Every rule asks this, so rules cannot disagree on what a part is."""
    return part_specs(doc.format)


def part_spec(section_title: str, specs: tuple[PartSpec, ...]) -> PartSpec | None:
    return spec_for(section_title, specs)


class FoundPart(Record):
    __slots__ = ("spec", "span", "section", "near")

    spec: PartSpec
    span: Span
    section: Section | None
    """The level-1 section, or None when only an unnumbered heading line was found."""
    near: bool
    """The heading's title names no part, but is so close to this part's title (a typo, a wrong
    word) that it is taken for it (``section-order`` reports the wording)."""

    def __init__(self, spec: PartSpec, span: Span, section: Section | None, near: bool = False) -> None:
        self._init(spec, span, section, near)


def find_parts(doc: Document) -> dict[int, FoundPart]:
    """The required parts present as headings: numbered 一、… sections, or bare title lines.

    Several rules ask; the answer is kept with the document.
    """
    cached = doc.memo.get("parts")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: dict[int, FoundPart] = {}
    for part in find_all_parts(doc):
        found.setdefault(part.spec.number, part)
    doc.memo["parts"] = found
    return found


def find_all_parts(doc: Document) -> list[FoundPart]:
    """Every heading of a required part, in document order, repeats included.

    Numbered level-1 sections whose title names a part (or nearly: see :func:`gialint.formats.parts.near_miss`),
    plus bare title lines for parts that have no numbered heading.
    """
    cached = doc.memo.get("all-parts")
    if cached is not None:
        return cached  # type: ignore[return-value]
    specs = part_specs_of(doc)
    found: list[FoundPart] = []
    unnamed: list[Section] = []
    for section in doc.sections:
        if section.level != 1:
            continue
        spec = part_spec(section.title, specs)
        if spec is not None:
            found.append(FoundPart(spec, section.span, section))
        else:
            unnamed.append(section)
    numbered = {part.spec.number for part in found}
    labels = numbered_row_labels(tuple(f for f in (doc.format, *doc.other_formats) if f is not None)) if unnamed else ()
    for section in unnamed:
        if starts_row_label(f"{section.numeral}{section.title}", 0, labels):
            continue  # 二、上年结转政府信息公开申请数量: a table row read as text, not a part
        spec = near_miss(section.title, section.number, tuple(s for s in specs if s.number not in numbered))
        if spec is not None:
            found.append(FoundPart(spec, section.span, section, near=True))
            numbered.add(spec.number)
    for block in doc.blocks:
        if block.kind not in ("heading", "paragraph") or "\n" in block.text or len(block.text) > 60:
            continue  # a part title is short: long paragraphs need no normalising
        text = norm_label_once(block.text)  # a report's own lines would only fill the memo
        if len(text) > 24 or block.span.line <= doc.preamble_end and block.kind != "heading":
            continue
        for spec in specs:
            if spec.number not in numbered and text == norm_label(spec.title):
                found.append(FoundPart(spec, block.span, None))
    result = sorted(found, key=lambda part: (part.span.line, part.span.column))
    doc.memo["all-parts"] = result
    return result


is_number = is_value
"""Whether a cell holds a figure: the table matcher's own test (the same memoised function; the
rules call it for every cell of every table)."""


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
