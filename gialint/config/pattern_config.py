"""``kind: pattern`` rules defined in YAML rule sets: validation with located errors.

The rule itself (matching and fixing) is :mod:`gialint.checks.pattern`; this module turns a YAML
definition into one, checking every regex, replacement and message as it goes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gialint._lazy import compile_re, lazy_re
from gialint.checks.pattern import SCOPES, PatternSpec, make_pattern_rule
from gialint.config.yamlio import ConfigError
from gialint.config.yamlio import pos as _pos
from gialint.model.diagnostic import SEVERITY_NAMES, Severity
from gialint.model.rule import Message, Rule
from gialint.model.userregex import check_template, compile_user

_RULE_NAME = lazy_re(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RULE_CODE = lazy_re(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")


def pattern_rule_from_yaml(name: str, value: Mapping[str, Any], path: str, at: tuple[int, int], trusted: bool = False) -> Rule:
    """A ``kind: pattern`` rule from its YAML definition; every error is located in ``path``.

    ``at`` is the (line, column) of the rule's name, for errors about the rule as a whole.
    ``trusted``: the set ships with gialint or a plugin, so its patterns may use ``re`` (faster
    to start); a user's patterns are compiled with ``regex`` and matched with a time limit.
    """
    line, col = at
    if not _RULE_NAME.fullmatch(name):
        raise ConfigError(path, line, col, f"rule name {name!r} must be kebab-case (lowercase words joined by -)")
    kind = value.get("kind", "pattern")
    if kind != "pattern":
        raise ConfigError(path, *_pos(value, "kind", True), f"{name}.kind: only 'pattern' rules can be defined in YAML")
    default_replacement = value.get("replacement")
    if default_replacement is not None and not isinstance(default_replacement, str):
        raise ConfigError(path, *_pos(value, "replacement", True), f"{name}.replacement: must be a string")
    items: list[tuple[Any, str | None]] = []
    for key in ("patterns", "literals"):
        entries = value.get(key, [])
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list):
            raise ConfigError(path, *_pos(value, key, True), f"{name}.{key}: must be a list")
        for index, entry in enumerate(entries):
            where = _pos(entries, index) if hasattr(entries, "lc") else _pos(value, key, True)
            replacement = default_replacement
            rwhere = _pos(value, "replacement", True)
            if key == "patterns" and isinstance(entry, Mapping):
                rwhere = _pos(entry, "replacement", True) if "replacement" in entry else rwhere
                replacement = entry.get("replacement", default_replacement)
                entry = entry.get("pattern")
                if replacement is not None and not isinstance(replacement, str):
                    raise ConfigError(path, *where, f"{name}.patterns: replacement must be a string")
            if not isinstance(entry, str) or not entry:
                raise ConfigError(path, *where, f"{name}.{key}: must be a list of non-empty strings (or {{pattern:, replacement:}} mappings)")
            if key == "literals":
                literal = (compile_re if trusted else re.compile)(re.escape(entry))
                if replacement is not None:
                    _check_replacement(literal, replacement, f"{name}.literals", path, rwhere)
                items.append((literal, replacement))
                continue
            try:
                regex = compile_re(entry) if trusted else compile_user(entry)
            except (re.error, ValueError) as exc:
                raise ConfigError(path, *where, f"{name}.patterns: invalid regular expression {entry!r}: {exc}") from None
            if replacement is not None:
                _check_replacement(regex, replacement, f"{name}.patterns", path, rwhere)
            items.append((regex, replacement))
    if not items:
        raise ConfigError(path, line, col, f"{name}: a pattern rule needs patterns: or literals:")
    message = _message(value.get("message"), name, path, value, "message")
    summary = _message(value.get("summary", value.get("message")), name, path, value, "summary")
    scope = value.get("scope", "everywhere")
    if scope not in SCOPES:
        raise ConfigError(path, *_pos(value, "scope", True), f"{name}.scope: {scope!r} is not one of {', '.join(SCOPES)}")
    severity = Severity.WARNING
    if "severity" in value and str(value["severity"]).lower() in SEVERITY_NAMES:
        severity = Severity.parse(str(value["severity"]))
    code = value.get("code", name)
    if not isinstance(code, str) or not _RULE_CODE.fullmatch(code):
        raise ConfigError(
            path, *_pos(value, "code", True),
            f"{name}.code: {code!r} is not a rule code (letters, digits, '-', '_' or '.', e.g. SC001)",
        )
    spec = PatternSpec(tuple(items), scope, message)
    return make_pattern_rule(name, code, spec, severity, summary, str(value.get("docs", "")), Path(path).name)

def _message(value: Any, name: str, path: str, parent: Any, key: str) -> Message:
    if isinstance(value, str):
        value = {"zh": value, "en": value}
    if not isinstance(value, Mapping) or not isinstance(value.get("zh"), str) or not isinstance(value.get("en"), str):
        where = _pos(parent, key, True) if key in parent else _pos(parent)
        raise ConfigError(path, *where, f"{name}.{key}: must give zh: and en: texts")
    for lang in ("zh", "en"):
        try:
            value[lang].format(match="x", replacement="y")
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            raise ConfigError(path, *_pos(value, lang, True), f"{name}.{key}.{lang}: only {{match}} and {{replacement}} may be used ({exc})") from None
    return Message(value["zh"], value["en"])


def _check_replacement(regex: Any, replacement: str, what: str, path: str, where: tuple[int, int]) -> None:
    try:
        check_template(regex, replacement)
    except ValueError as exc:
        raise ConfigError(path, *where, f"{what}: invalid replacement {replacement!r}: {exc}") from None
