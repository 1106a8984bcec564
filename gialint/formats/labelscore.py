"""How well a row label written in a report fits each row of a format: the fuzzy scores the table
matcher (:mod:`gialint.formats.tablematch`) ranks, memoised per format, because every report
of a run repeats the same labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from gialint.formats.labels import core
from gialint.formats.normalise import norm_label
from gialint.formats.templates import Format, Label, TableTemplate
from gialint.model.record import Record


class Candidate(Record):
    """A template row, with its label as :func:`norm_label` and :func:`core` see it."""

    __slots__ = ("table", "row", "norm", "core", "variants")
    table: TableTemplate
    row: Label
    norm: str
    core: str
    variants: tuple[str, ...]

    def __init__(self, table: TableTemplate, row: Label, norm: str, core: str, variants: tuple[str, ...]) -> None:
        self._init(table, row, norm, core, variants)


def candidates(fmt: Format) -> list[Candidate]:
    out = []
    for table in fmt.tables:
        for row in table.rows:
            if not row.label:
                continue
            variants = tuple(core(v) for v in row.variants)
            out.append(Candidate(table, row, norm_label(row.label), core(row.label), variants))
    return out


def _shared_ratio(a: str, b: str) -> float:
    """An upper bound of difflib's ``ratio()``: the characters the two strings share, counted
    with repetition, whatever their order (difflib's ``quick_ratio``, without building a matcher).
    Where it is below the threshold the ratio is too, so most pairs never reach difflib."""
    left: dict[str, int] = {}
    for ch in b:
        left[ch] = left.get(ch, 0) + 1
    shared = 0
    for ch in a:
        n = left.get(ch, 0)
        if n:
            left[ch] = n - 1
            shared += 1
    return 2.0 * shared / (len(a) + len(b))


def _share_bound(a: str, b: str) -> float:
    """An upper bound of :func:`_shared_ratio`, counted at C speed: the characters of ``a`` that
    occur in ``b`` at all, each time they occur in ``a``. The first report of a run scores every
    label against every row of the format (about 700 pairs reach this test); on a clean report
    the bound rules out all of them before a character is counted in Python."""
    return 2.0 * sum(map(set(b).__contains__, a)) / (len(a) + len(b))


def score(cand: Candidate, label_norm: str, label_core: str, last_core: str) -> float:
    """How well a row label (all its label cells, and its last cell alone) fits a template row."""
    if label_norm.endswith(cand.norm):
        return 3.0 + len(cand.core) / 100
    if cand.core and cand.core == last_core:
        return 2.6  # the same words, other numbering (上年结转… without 二、)
    if any(v and (v == last_core or v == label_core) for v in cand.variants):
        return 2.55
    score = 0.0
    if len(cand.core) == len(last_core) >= 3 and sum(a != b for a, b in zip(cand.core, last_core)) == 1:
        return 2.4  # one character wrong in a short label (重复申报 for 重复申请)
    if (
        cand.core
        and last_core
        and abs(len(last_core) - len(cand.core)) <= max(4, len(cand.core) // 2)
        and _share_bound(cand.core, last_core) >= 0.8
        and _shared_ratio(cand.core, last_core) >= 0.8
    ):
        import difflib  # only for labels no exact test placed: not at start-up

        ratio = difflib.SequenceMatcher(None, cand.core, last_core, autojunk=False).ratio()
        if ratio >= 0.8:
            score = 1.6 + ratio  # a typo (补证 for 补正)
    if not score and len(last_core) >= 6 and cand.core.startswith(last_core):
        score = 2.0  # cut off at a page break
    if not score and len(last_core) >= 6 and cand.core.endswith(last_core):
        score = 1.9
    if not score and cand.core and cand.core in label_core:
        score = 1.0 + len(cand.core) / 100
    return score


_MATCHERS: dict[int, tuple[Format, list[Candidate], dict[tuple[str, str, str], list[tuple[float, Candidate]]]]] = {}


def matcher(fmt: Format) -> tuple[list[Candidate], dict[tuple[str, str, str], list[tuple[float, Candidate]]]]:
    """The format's candidate rows and a memo of label scores, shared by every report of a run.

    Reports repeat the same labels, so after the first few each label is a dictionary lookup
    instead of a fuzzy comparison against every row of the format.
    """
    entry = _MATCHERS.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        entry = _MATCHERS[id(fmt)] = (fmt, candidates(fmt), {})
    return entry[1], entry[2]


def scored(
    memo: dict[tuple[str, str, str], list[tuple[float, Candidate]]],
    candidates: Sequence[Candidate],
    label_norm: str,
    label_core: str,
    last_core: str,
) -> list[tuple[float, Candidate]]:
    key = (label_norm, label_core, last_core)
    found = memo.get(key)
    if found is None:
        found = [(sc, cand) for cand in candidates if (sc := score(cand, label_norm, label_core, last_core)) > 0]
        if len(memo) < 20_000:  # row labels recur; odd ones would only grow the memo
            memo[key] = found
    return found
