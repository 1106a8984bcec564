"""Deduction scores (扣分) for the supervisor's audit: how much each finding costs a report.

A raw count ranks ten doubled full stops above a missing part; supervisors deduct points per kind
of defect, with a ceiling per kind (鲤城区 考评标准: 未按照要素撰写 扣5分, 雷同 扣5分 …). The
weights are configuration data (``scoring:`` in a rule set; the built-in ones are in
rules/default.yaml)::

    scoring:
      severity:                         # for rules the table below does not name
        error: {points: 2, most: 6}     # 2 points a finding, at most 6 for one rule in one report
        warning: {points: 1, most: 3}
        info: {points: 0, most: 0}
      rules:
        missing-section: {points: 5, most: 30}
        duplicate-content: 5            # a number alone: points per finding, most = points

A report's score is the sum over rules of ``min(most, points × findings)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gialint.model.record import Record

if TYPE_CHECKING:
    from gialint.model.diagnostic import Diagnostic

SEVERITY_KEYS = ("error", "warning", "info")


class ScoringError(ValueError):
    """A malformed ``scoring:`` entry; ``key`` is the path inside it (for a located error)."""

    def __init__(self, message: str, keys: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.keys = keys


class Weight(Record):
    __slots__ = ("points", "most")
    points: float
    """Points deducted per finding."""
    most: float
    """The most one rule can deduct from one report."""

    def __init__(self, points: float, most: float) -> None:
        self._init(points, most)


class Scoring(Record):
    __slots__ = ("severities", "rules")
    severities: Mapping[str, Weight]
    rules: Mapping[str, Weight]

    def __init__(self, severities: Mapping[str, Weight] | None = None, rules: Mapping[str, Weight] | None = None) -> None:
        empty: Mapping[str, Weight] = MappingProxyType({})
        self._init(empty if severities is None else severities, empty if rules is None else rules)

    def weight(self, rule: str, severity: str) -> Weight:
        return self.rules.get(rule) or self.severities.get(severity) or Weight(0, 0)

    def score(self, diagnostics: Iterable[Diagnostic]) -> float:
        """The deduction for one report's findings."""
        counts: Counter[tuple[str, str]] = Counter()
        for d in diagnostics:
            counts[(d.rule, str(d.severity))] += 1
        total = 0.0
        for (rule, severity), n in counts.items():
            w = self.weight(rule, severity)
            total += min(w.most, w.points * n)
        return round(total, 2)

    def merged(self, other: Scoring) -> Scoring:
        """``other`` (a later set) over this one, key by key."""
        return Scoring(
            MappingProxyType({**self.severities, **other.severities}),
            MappingProxyType({**self.rules, **other.rules}),
        )


def _weight(value: Any, keys: tuple[str, ...]) -> Weight:
    def number(v: Any, what: str) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise ScoringError(f"scoring: {'.'.join(keys)}{what} must be a number of points (0 or more), not {v!r}", keys)
        return float(v)

    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in ("points", "most")]
        if unknown or "points" not in value:
            raise ScoringError(f"scoring: {'.'.join(keys)} takes points: and most:, e.g. {{points: 5, most: 10}}", keys)
        points = number(value["points"], ".points")
        return Weight(points, number(value.get("most", points), ".most"))
    points = number(value, "")
    return Weight(points, points)


def parse(data: Any, known_rules: Iterable[str] | None = None) -> Scoring:
    """A ``scoring:`` mapping, validated (:class:`ScoringError` names the offending key)."""
    if not isinstance(data, Mapping):
        raise ScoringError("scoring: must be a mapping with severity: and/or rules:")
    for key in data:
        if key not in ("severity", "rules"):
            raise ScoringError(f"scoring: unknown key {key!r}; expected severity or rules", (str(key),))
    severities: dict[str, Weight] = {}
    for name, value in (data.get("severity") or {}).items():
        if name not in SEVERITY_KEYS:
            raise ScoringError(f"scoring: severity {name!r} is not one of error, warning, info", ("severity", str(name)))
        severities[name] = _weight(value, ("severity", str(name)))
    rules: dict[str, Weight] = {}
    names = set(known_rules) if known_rules is not None else None
    rule_table = data.get("rules") or {}
    if not isinstance(rule_table, Mapping):
        raise ScoringError("scoring: rules: must map rule names to points", ("rules",))
    for name, value in rule_table.items():
        if names is not None and str(name) not in names:
            raise ScoringError(f"scoring: unknown rule {name!r}", ("rules", str(name)))
        rules[str(name)] = _weight(value, ("rules", str(name)))
    return Scoring(MappingProxyType(severities), MappingProxyType(rules))
