"""Flattened reports: where the lines of a report that lost them break again.

A crawl or a PDF viewer may put a whole report on one line, or a few long ones
(``…@126.com。一、总体情况2022年，我镇…（一）主动公开情况…二、主动公开政府信息情况…``). The split
pass of :mod:`gialint.read.parse.normalize` breaks a line before each part heading it holds mid-line (the
numeral and a part title or known variant from the format's ``parts:``, or a title with a typo
after a sentence end), after a part title that runs straight into its body, after a report title
that runs into the first sentence, and — on lines so split — before ``（一）``/``（1）``
sub-headings after a sentence end. Table rows that reuse the numerals (``三、本年度办理结果``) and
part titles listed in the preamble never break a line.
"""

from __future__ import annotations

from gialint._lazy import lazy_re
from gialint.formats.parts import PartSpec, heading_at, near_heading_at, starts_row_label
from gialint.model.numbering import cn_to_int
from gialint.model.textview import Builder, Pass

_PART_NUMERAL = lazy_re(r"([一二三四五六七八九十][一二三四五六七八九十]?)[ \u3000\xa0]*[、．.][ \u3000\xa0]*")
"""A numeral and its mark (``{1,2}`` written out: a pattern that starts with a character set lets
re skip the characters outside it, three times faster over a whole report)."""
_SUB_NUMERAL = lazy_re(r"(?<=[。！？；;!?：:])[ \u3000\xa0]*([（(](?:[一二三四五六七八九十]{1,2}|\d{1,2})[）)])")
_LINE_START = lazy_re(r"[ \u3000\xa0\t#>*\-+]*")
_TITLE_END_OK = frozenset("。，、；：:;,.！？!? \u3000\xa0\t*")
"""After a part title these mean a run-in heading the structure pass reads (一、总体情况。…)."""
_BLANKS = frozenset(" \u3000\xa0\t")
_TITLE_RUN_ON = lazy_re(
    r"[ \t\u3000#*]*[^\n。，；：:;,]{0,40}?(?:19|20)\d{2}[ \u3000]*年度?[^\n。，；：:;,]{0,12}?"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:的)?(?:年度)?(?:工作)?报告(?=[^\n。，；：:;,（()）”\s*])"
)
"""A title that runs straight into the report's first sentence (a flattened report)."""
_SENTENCE_END = frozenset("。！？；!?;")
_LIST_AFTER = frozenset("、，；,;")
_LIST_GAP = " \u3000\xa0\t、，；,;"
"""A part title followed by these is an item of a list (本报告包括一、总体情况；二、…), not a heading."""


def line_end(text: str, at: int) -> int:
    """The offset of the end of the line that holds ``at``."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _heading_cuts(text: str, specs: tuple[PartSpec, ...], labels: tuple[str, ...]) -> list[int]:
    """Offsets where a line break goes: before mid-line part headings, after run-on part titles,
    and before sub-headings after a sentence end on the lines so split."""
    cuts: list[int] = []
    flattened: set[int] = set()
    first = len(text) - len(text.lstrip())
    first = text.rfind("\n", 0, first) + 1
    title = _TITLE_RUN_ON.match(text, first)
    if title is not None:
        cuts.append(title.end())
        flattened.add(first)
    previous: tuple[int, int, list[int]] | None = None
    """The last part heading seen: its start, the end of its title, and the cuts it made."""
    for m in _PART_NUMERAL.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        lead = _LINE_START.match(text, line_start)
        at_line_start = lead is not None and lead.end() == m.start()
        if at_line_start and "。" not in text[m.end() : line_end(text, m.end())]:
            continue  # a heading line, or a table row: nothing to split
        found = heading_at(text, m.end(), specs)
        if found is None and not at_line_start and text[m.start() - 1 : m.start()] in _SENTENCE_END:
            found = near_heading_at(text, m.end(), cn_to_int(m.group(1)) or 0, specs)  # a typo in the title
        if found is None or starts_row_label(text, m.start(), labels):
            continue
        after = text[found[1] : found[1] + 1]
        if after in _LIST_AFTER:
            continue
        gap = text[previous[1] : m.start()] if previous is not None else "\n"
        if previous is not None and gap and not gap.strip(_LIST_GAP):
            # 本报告分为一、总体情况 二、主动公开政府信息情况 …: titles listed, no heading
            for cut in previous[2]:
                cuts.remove(cut)
            previous = (m.start(), found[1], [])
            continue
        previous = (m.start(), found[1], [])
        if not at_line_start:
            before = text[line_start : m.start()].rstrip(" \u3000\xa0\t")
            if not before or before[-1] in _LIST_AFTER:
                continue
            cuts.append(m.start())
            previous[2].append(m.start())
            flattened.add(line_start)
        if after and after != "\n" and after not in _TITLE_END_OK:
            cuts.append(found[1])  # 六、其他需要报告的事项本年度未收取…: the title, then its body
            previous[2].append(found[1])
    for line_start in flattened:
        for m in _SUB_NUMERAL.finditer(text, line_start, line_end(text, line_start)):
            if not starts_row_label(text, m.start(1), labels):
                cuts.append(m.start(1))
    return sorted(set(cuts))


def split(text: str, specs: tuple[PartSpec, ...], labels: tuple[str, ...], newline: str) -> tuple[str, Pass | None]:
    """``text`` with a line break (``newline``) at each place a flattened line should break."""
    if "、" not in text and "．" not in text and "." not in text:
        return text, None
    cuts = _heading_cuts(text, specs, labels)
    if not cuts:
        return text, None
    out = Builder("split", text)
    for cut in cuts:
        if cut < out.read:
            continue
        back = cut  # the break takes the place of the blanks around it
        while back > out.read and text[back - 1] in _BLANKS:
            back -= 1
        stop = cut
        while stop < len(text) and text[stop] in _BLANKS:
            stop += 1
        out.copy_to(back)
        out.put(newline, stop)
    return out.finish()
