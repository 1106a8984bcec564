"""One rule's setting in a rule set: on or off, its severity and its options, each option checked
against the rule's declared type, choices and (for regex options) compiled, with located errors."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from gialint.config.yamlio import ConfigError
from gialint.config.yamlio import pos as _pos
from gialint.model.diagnostic import SEVERITY_NAMES, Severity
from gialint.model.rule import Rule

_OFF = ("off", "false", "disable", "disabled")
_ON = ("on", "true", "enable", "enabled")


def setting(rule: Rule, value: Any, path: str, parent: Any, key: Any) -> dict[str, Any]:
    """A rule's validated setting (``off``, a severity, or ``{severity:, options:, enabled:}``)."""
    line, col = _pos(parent, key, True)
    if value is None or isinstance(value, bool):
        return {"enabled": bool(value) if value is not None else True}
    if isinstance(value, str):
        word = value.lower()
        if word in _OFF:
            return {"enabled": False}
        if word in _ON:
            return {"enabled": True}
        if word in SEVERITY_NAMES:
            return {"enabled": True, "severity": Severity.parse(word)}
        raise ConfigError(path, line, col, f"{rule.name}: {value!r} is not one of error, warning, info, off")
    if not isinstance(value, Mapping):
        raise ConfigError(path, line, col, f"{rule.name}: expected off, a severity, or a mapping with severity:/options:")
    # Only what is written is set: `{options: …}` alone keeps a base set's on/off choice.
    out: dict[str, Any] = {}
    allowed = {"severity", "options", "enabled"}
    if "kind" in value or "patterns" in value or "literals" in value:
        allowed |= {"kind", "code", "patterns", "literals", "message", "summary", "scope", "replacement", "docs"}
    for k in value:
        if k not in allowed:
            raise ConfigError(path, *_pos(value, k), f"{rule.name}: unknown key {k!r}; expected severity, options or enabled")
    if "enabled" in value:
        if not isinstance(value["enabled"], bool):
            raise ConfigError(path, *_pos(value, "enabled", True), f"{rule.name}.enabled: must be true or false")
        out["enabled"] = value["enabled"]
    if "severity" in value:
        sev = str(value["severity"]).lower()
        if sev in _OFF:
            out["enabled"] = False
        elif sev not in SEVERITY_NAMES:
            raise ConfigError(path, *_pos(value, "severity", True), f"{rule.name}.severity: {value['severity']!r} is not one of error, warning, info")
        else:
            out["severity"] = Severity.parse(sev)
            out.setdefault("enabled", True)
    if "options" in value:
        opts = value["options"] or {}
        if not isinstance(opts, Mapping):
            raise ConfigError(path, *_pos(value, "options", True), f"{rule.name}.options: must be a mapping")
        out["options"] = {str(k): _option(rule, str(k), v, path, opts) for k, v in opts.items()}
    return out

def _option(rule: Rule, name: str, value: Any, path: str, parent: Any) -> Any:
    option = next((o for o in rule.options if o.name == name), None)
    line, col = _pos(parent, name, True)
    if option is None:
        known = ", ".join(o.name for o in rule.options) or "none"
        raise ConfigError(path, *_pos(parent, name), f"{rule.name}: unknown option {name!r} (options: {known})")
    types = option.type if isinstance(option.type, tuple) else (option.type,)
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    if ok and option.item is not None and isinstance(value, list):
        ok = all(isinstance(i, option.item) and not (isinstance(i, bool) and option.item is not bool) for i in value)
    if not ok:
        raise ConfigError(path, line, col, f"{rule.name}.options.{name}: expected {option.type_name()}, got {type(value).__name__} {value!r}")
    items = value if isinstance(value, list) else [value]
    bad = [i for i in items if option.choices and i not in option.choices]
    if bad:
        raise ConfigError(path, line, col, f"{rule.name}.options.{name}: {bad[0]!r} is not one of {', '.join(map(str, option.choices))}")
    if option.regex:
        _check_regexes(rule, name, items, option.default, path, parent, value)
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Mapping):
        return MappingProxyType(dict(value))
    return value

def _check_regexes(rule: Rule, name: str, items: list[Any], defaults: Any, path: str, parent: Any, value: Any) -> None:
    """Compile a regex option's items one by one (the shipped defaults are known to be good)."""
    from gialint.model.userregex import compile_user

    shipped = set(defaults) if isinstance(defaults, (list, tuple)) else {defaults}
    for index, item in enumerate(items):
        if not isinstance(item, str) or item in shipped:
            continue
        try:
            compile_user(item)
        except ValueError as exc:
            where = _pos(value, index) if isinstance(value, list) else _pos(parent, name, True)
            raise ConfigError(path, *where, f"{rule.name}.options.{name}: invalid regular expression {item!r}: {exc}") from None
