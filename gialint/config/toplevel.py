"""The top-level settings of a rule set other than ``extends:``, ``rules:``, ``format:`` and
``overrides:`` (``lang:``, ``year:``, ``agency:``, ``county:``, ``scoring:``, ``fail-on:``,
``exclude:``, ``rule-timeout:``), validated with located errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gialint.config.yamlio import ConfigError
from gialint.config.yamlio import pos as _pos
from gialint.model.diagnostic import SEVERITY_NAMES, Severity

MAX_RULE_TIMEOUT = 3600
LANGS = ("zh", "en")


def top_level(data: Mapping[str, Any], path: str) -> dict[str, Any]:
    """The validated top-level settings of one file (``lang:``, ``year:`` … ``rule-timeout:``)."""
    top: dict[str, Any] = {}
    if "lang" in data:
        if data["lang"] not in LANGS:
            raise ConfigError(path, *_pos(data, "lang", True), f"lang: {data['lang']!r} is not one of zh, en")
        top["lang"] = data["lang"]
    if "year" in data:
        year = data["year"]
        if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
            raise ConfigError(path, *_pos(data, "year", True), f"year: {year!r} is not a year such as 2021")
        top["year"] = year
    if "agency" in data:
        if not isinstance(data["agency"], str) or not data["agency"].strip():
            raise ConfigError(path, *_pos(data, "agency", True), "agency: must be the agency's name")
        top["agency"] = data["agency"].strip()
    if "county" in data:
        if not isinstance(data["county"], str) or not data["county"].strip():
            raise ConfigError(path, *_pos(data, "county", True), "county: must be the county's (or district's) name")
        top["county"] = data["county"].strip()
    if "scoring" in data:
        from gialint.config.scoring import ScoringError, parse

        try:
            top["scoring"] = parse(data["scoring"])
            table = data["scoring"].get("rules") or {}
            top["scoring_at"] = {str(name): (path, *_pos(table, name)) for name in table}
        except ScoringError as exc:
            node: Any = data
            for key in ("scoring", *exc.keys[:-1]):
                node = node[key] if isinstance(node, Mapping) and key in node else node
            where = _pos(node, exc.keys[-1], True) if exc.keys and isinstance(node, Mapping) else _pos(data, "scoring", True)
            raise ConfigError(path, *where, str(exc)) from None
    if "fail-on" in data:
        if str(data["fail-on"]) not in SEVERITY_NAMES:
            raise ConfigError(path, *_pos(data, "fail-on", True), f"fail-on: {data['fail-on']!r} is not one of error, warning, info")
        top["fail_on"] = Severity.parse(str(data["fail-on"]))
    if "exclude" in data:
        exclude = data["exclude"]
        if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
            raise ConfigError(path, *_pos(data, "exclude", True), "exclude: must be a list of glob patterns")
        top["exclude"] = tuple(exclude)
    if "rule-timeout" in data:
        limit = data["rule-timeout"]
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 < limit <= MAX_RULE_TIMEOUT:
            raise ConfigError(
                path, *_pos(data, "rule-timeout", True),
                f"rule-timeout: {limit!r} is not a number of seconds between 0 and {MAX_RULE_TIMEOUT} (e.g. 5)",
            )
        top["rule_timeout"] = float(limit)
    return top
