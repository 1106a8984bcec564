"""YAML rule sets: load, follow ``extends``, validate against the registered rules, freeze.

Validation happens once, before any report is read, and every error carries the config
file's line and column (ruamel.yaml keeps them). Rules only ever see their frozen options.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gialint.config.model import Config, Override, RuleSetting
from gialint.config.pattern_config import pattern_rule_from_yaml
from gialint.config.rulesetting import setting as rule_setting
from gialint.config.toplevel import LANGS, MAX_RULE_TIMEOUT, top_level
from gialint.config.yamlio import (
    ConfigError,
    close_matches,
    read_built,
    read_compiled,
    read_config_text,
    read_yaml,
    read_yaml_cached,
)
from gialint.config.yamlio import pos as _pos
from gialint.formats.load import load_format
from gialint.formats.templates import Format
from gialint.model.rule import Rule

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from gialint.engine.registry import Registry

TOP_LEVEL_KEYS = ("extends", "rules", "lang", "year", "agency", "county", "fail-on", "exclude", "format", "overrides", "scoring", "rule-timeout")
DEFAULT_SET = "default"

__all__ = ["DEFAULT_SET", "LANGS", "MAX_RULE_TIMEOUT", "TOP_LEVEL_KEYS", "ConfigError", "Loader"]


# --------------------------------------------------------------------------- merging


class _Layer:
    """One config file's contribution, already validated."""

    __slots__ = ("settings", "rules", "top", "files", "formats", "overrides")

    def __init__(self) -> None:
        self.settings: dict[str, dict[str, Any]] = {}
        self.rules: dict[str, Rule] = {}
        self.top: dict[str, Any] = {}
        self.files: list[str] = []
        self.formats: dict[str, Format] = {}
        self.overrides: list[Override] = []


class Loader:
    """Loads a config file (or a named set) with everything it extends, against a registry."""

    def __init__(self, registry: Registry, named_sets: Mapping[str, Path | Traversable]) -> None:
        self.registry = registry
        self.named_sets = named_sets

    # -- entry points

    def load_named(self, name: str) -> Config:
        layer = self._load_named(name, "<command line>", 0, 0, ())
        return self._freeze(layer, name, Path.cwd())

    def load_file(self, path: Path) -> Config:
        layer = self._load_path(path, ())
        return self._freeze(layer, str(path), path.parent)

    def load_mapping(self, data: Mapping[str, Any], source: str, base_dir: Path) -> Config:
        """A config given as data (``[tool.gialint]`` in pyproject.toml)."""
        layer = self._layer_from(data, source, base_dir, (source,))
        return self._freeze(layer, source, base_dir)

    # -- internals

    def _load_named(self, name: str, where: str, line: int, col: int, chain: tuple[str, ...]) -> _Layer:
        target = self.named_sets.get(name)
        if target is None:
            close = close_matches(name, list(self.named_sets), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; known sets: {', '.join(sorted(self.named_sets))}"
            raise ConfigError(where, line, col, f"unknown rule set {name!r}{hint}")
        key = f"set:{name}"
        if key in chain:
            raise ConfigError(where, line, col, f"extends cycle: {' -> '.join((*chain, key))}")
        base = target.parent if isinstance(target, Path) else Path.cwd()
        text: str | None = None
        try:
            # gialint's own set, compiled at build time, validated by its tests: in a wheel taken
            # as its build made it, in a source tree checked against the YAML's hash.
            data = read_built(str(target)) if isinstance(target, Path) else None
            if data is None:
                text = target.read_text(encoding="utf-8")
                data = read_compiled(text, str(target))
            trusted = data is not None
            if data is None:
                data = read_yaml_cached(text, str(target))  # type: ignore[arg-type]
            layer = self._layer_from(data, str(target), base, (*chain, key), implicit=False, trusted=trusted)
        except ConfigError as exc:
            if exc.line:
                raise
            # The cached copy has no positions: read the YAML again to locate the error.
            text = target.read_text(encoding="utf-8") if text is None else text
            layer = self._layer_from(read_yaml(text, str(target)), str(target), base, (*chain, key), implicit=False)
        layer.files.insert(0, str(target))
        return layer

    def _load_path(self, path: Path, chain: tuple[str, ...], where: tuple[str, int, int] | None = None) -> _Layer:
        """One config file and what it extends. ``where`` is the ``extends:`` item that named it:
        such a file may be anything (``/etc/shadow``), so errors about it never quote its content."""
        resolved = os.path.realpath(path)
        if resolved in chain:
            at = where or (str(path), 0, 0)
            raise ConfigError(*at, f"extends cycle: {' -> '.join((*chain, resolved))}")
        text = read_config_text(str(path), where)
        data = read_yaml(text, str(path), quote=where is None)
        if where is not None and (not isinstance(data, Mapping) or any(k not in TOP_LEVEL_KEYS for k in data)):
            raise ConfigError(
                *where, f"{path}: is not a gialint rule set (a mapping of extends:, rules: …); its content is not shown"
            )
        layer = self._layer_from(data, str(path), path.parent, (*chain, resolved))
        layer.files.insert(0, str(path))
        return layer

    def _layer_from(
        self, data: Any, path: str, base_dir: Path, chain: tuple[str, ...], implicit: bool = True, trusted: bool = False
    ) -> _Layer:
        """One file's layer. A user file without ``extends:`` extends ``default`` (``implicit``);
        a ``trusted`` one's format compiles its patterns on first use."""
        if not isinstance(data, Mapping):
            raise ConfigError(path, *_pos(data), "a rule set must be a mapping (extends:, rules:, …)")
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                close = close_matches(str(key), TOP_LEVEL_KEYS, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(TOP_LEVEL_KEYS)}"
                raise ConfigError(path, *_pos(data, key), f"unknown key {key!r}{hint}")
        merged = _Layer()
        extends = data.get("extends", DEFAULT_SET if implicit else None)
        if extends is not None:
            items = [extends] if isinstance(extends, str) else extends
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ConfigError(path, *_pos(data, "extends", True), "extends: must be a set name, a path, or a list of them")
            for index, item in enumerate(items):
                line, col = _pos(data, "extends", True) if isinstance(extends, str) else _pos(extends, index)
                if "/" in item or "\\" in item or item.endswith((".yaml", ".yml")):
                    base = self._load_path((base_dir / item), chain, (path, line, col))
                else:
                    base = self._load_named(item, path, line, col, chain)
                _merge(merged, base)
        own = _Layer()
        own.top = top_level(data, path)
        fmt_node = data.get("format")
        if isinstance(fmt_node, Mapping):
            try:
                fmt = load_format(fmt_node, path, merged.formats, trusted)
            except (AttributeError, TypeError, ValueError, KeyError) as exc:
                # A shape the format reader does not check item by item: still the user's config.
                raise ConfigError(
                    path, *_pos(data, "format", True),
                    f"format: an item has the wrong shape ({type(exc).__name__}: {exc}); see rules/gov-2021.yaml for the layout",
                ) from None
            own.formats[fmt.id] = fmt
        elif fmt_node is not None:
            if not isinstance(fmt_node, str):
                raise ConfigError(path, *_pos(data, "format", True), "format: must be a format id (e.g. gov-2021) or a format definition")
            own.top["format_pin"] = (fmt_node, path, *_pos(data, "format", True))
        rules = data.get("rules", {}) or {}
        if not isinstance(rules, Mapping):
            raise ConfigError(path, *_pos(data, "rules", True), "rules: must be a mapping of rule name to setting")
        known = dict(merged.rules)
        for name, value in rules.items():
            if isinstance(value, Mapping) and ("kind" in value or "patterns" in value or "literals" in value):
                rule = self._pattern_rule(str(name), value, path, rules, known)
                own.rules[rule.name] = rule
                known[rule.name] = rule
        own.settings = self._settings(rules, path, known)
        for index, node in enumerate(self._list(data, "overrides", path)):
            where = _pos(data["overrides"], index)
            if not isinstance(node, Mapping) or set(node) - {"files", "rules"} or "files" not in node:
                raise ConfigError(path, *where, "overrides: each item needs files: [globs] and rules: {…}")
            globs = node["files"]
            if isinstance(globs, str):
                globs = [globs]
            if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
                raise ConfigError(path, *_pos(node, "files", True), "overrides.files: must be a list of glob patterns")
            node_rules = node.get("rules", {}) or {}
            if not isinstance(node_rules, Mapping):
                raise ConfigError(path, *_pos(node, "rules", True), "overrides.rules: must be a mapping")
            own.overrides.append(Override(tuple(globs), self._settings(node_rules, path, known), str(base_dir)))
        _merge(merged, own)
        return merged

    def _list(self, data: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = data.get(key, []) or []
        if not isinstance(value, list):
            raise ConfigError(path, *_pos(data, key, True), f"{key}: must be a list")
        return value

    def _settings(self, rules: Mapping[str, Any], path: str, known: Mapping[str, Rule]) -> dict[str, dict[str, Any]]:
        """Validated settings for every rule a ``rules:`` mapping names."""
        by_code = {r.code.upper(): r for r in known.values()}
        out: dict[str, dict[str, Any]] = {}
        for name, value in rules.items():
            rule = known.get(str(name)) or by_code.get(str(name).upper()) or self.registry.lookup(str(name))
            if rule is None:
                candidates = [*self.registry.names(), *known]
                close = close_matches(str(name), candidates, n=3, cutoff=0.75)
                hint = f"; did you mean {', '.join(close)}?" if close else "; run `gialint rules` for the list"
                raise ConfigError(path, *_pos(rules, name), f"unknown rule {name!r}{hint}")
            out[rule.name] = rule_setting(rule, value, path, rules, name)
        return out

    def _pattern_rule(self, name: str, value: Mapping[str, Any], path: str, parent: Any, known: Mapping[str, Rule]) -> Rule:
        line, col = _pos(parent, name)
        if self.registry.lookup(name) is not None:
            raise ConfigError(path, line, col, f"{name!r} is a built-in or plugin rule; give your pattern rule another name")
        trusted = path in {str(target) for target in self.named_sets.values()}  # shipped with gialint or a plugin
        rule = pattern_rule_from_yaml(name, value, path, (line, col), trusted)
        where = _pos(value, "code", True) if "code" in value else (line, col)
        taken = self.registry.lookup(rule.code)
        if taken is not None:
            raise ConfigError(path, *where, f"{name}.code: {rule.code!r} is the code of the built-in or plugin rule {taken.name}; choose another code")
        clash = next((r for r in known.values() if r.name != name and r.code.upper() == rule.code.upper()), None)
        if clash is not None:
            raise ConfigError(path, *where, f"{name}.code: {rule.code!r} is already the code of the rule {clash.name}; codes must be unique")
        return rule

    def _freeze(self, layer: _Layer, source: str, root: Path) -> Config:
        rules: dict[str, Rule] = {r.name: r for r in self.registry.rules()}
        rules.update(layer.rules)
        settings: dict[str, RuleSetting] = {}
        for name, rule in sorted(rules.items(), key=lambda kv: (kv[1].code, kv[0])):
            own = layer.settings.get(name, {})
            options = {k: tuple(v) if isinstance(v, list) else v for k, v in rule.defaults().items()}
            options.update(own.get("options", {}))
            settings[name] = RuleSetting(
                enabled=own.get("enabled", True),
                severity=own.get("severity", rule.severity),
                options=MappingProxyType(options),
            )
        top = layer.top
        for name, where in top.get("scoring_at", {}).items():
            if name not in rules:
                close = close_matches(name, list(rules), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ConfigError(*where, f"scoring: unknown rule {name!r}{hint}")
        pin = top.get("format_pin")
        if pin is not None and pin[0] not in layer.formats:
            known = ", ".join(layer.formats) or "none"
            raise ConfigError(pin[1], pin[2], pin[3], f"format: unknown format {pin[0]!r}; known formats: {known}")
        return Config(
            source=source,
            rules=MappingProxyType(rules),
            settings=MappingProxyType(settings),
            lang=top.get("lang"),
            year=top.get("year"),
            agency=top.get("agency"),
            fail_on=top.get("fail_on"),
            exclude=top.get("exclude", ()),
            files=tuple(layer.files),
            formats=tuple(layer.formats.values()),
            format_pin=pin[0] if pin else None,
            root=str(root),
            overrides=tuple(layer.overrides),
            county=top.get("county"),
            scoring=top.get("scoring"),
            rule_timeout=top.get("rule_timeout"),
        )


def _merge(into: _Layer, other: _Layer) -> None:
    into.rules.update(other.rules)
    for name, setting in other.settings.items():
        current = into.settings.setdefault(name, {})
        options = {**current.get("options", {}), **setting.get("options", {})}
        current.update(setting)
        if options:
            current["options"] = options
    base_scoring, scoring = into.top.get("scoring"), other.top.get("scoring")
    scoring_at = {**into.top.get("scoring_at", {}), **other.top.get("scoring_at", {})}
    into.top.update(other.top)
    if scoring_at:
        into.top["scoring_at"] = scoring_at
    if base_scoring is not None and scoring is not None:
        into.top["scoring"] = base_scoring.merged(scoring)  # key by key: a set changes what it names
    into.overrides.extend(other.overrides)
    for fmt_id, fmt in other.formats.items():
        into.formats.pop(fmt_id, None)
        into.formats[fmt_id] = fmt
    into.files.extend(f for f in other.files if f not in into.files)
