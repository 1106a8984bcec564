"""The frozen configuration rules are handed: every rule's setting, and overrides by file."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gialint.formats.templates import Format
from gialint.model.diagnostic import Severity
from gialint.model.record import Record
from gialint.model.rule import Rule

if TYPE_CHECKING:
    from gialint.config.scoring import Scoring


class Override(Record):
    """``overrides: [{files: [globs], rules: {…}}]``: settings for the files the globs match."""

    __slots__ = ("files", "settings", "root")
    files: tuple[str, ...]
    settings: Mapping[str, Mapping[str, Any]]
    root: str
    """Folder of the config that defined it; globs are relative to it."""

    def __init__(self, files: tuple[str, ...], settings: Mapping[str, Mapping[str, Any]], root: str) -> None:
        self._init(files, settings, root)


class RuleSetting(Record):
    __slots__ = ("enabled", "severity", "options")
    enabled: bool
    severity: Severity
    options: Mapping[str, Any]

    def __init__(self, enabled: bool, severity: Severity, options: Mapping[str, Any]) -> None:
        self._init(enabled, severity, options)


class Config(Record, compare=(
    "source", "rules", "settings", "lang", "year", "agency", "fail_on", "exclude",
    "formats", "format_pin", "root", "overrides", "county", "scoring", "rule_timeout",
)):  # fmt: skip
    """The effective configuration: every known rule's setting, validated and frozen."""

    __slots__ = (
        "source", "rules", "settings", "lang", "year", "agency", "fail_on", "exclude", "files",
        "formats", "format_pin", "root", "overrides", "county", "scoring", "rule_timeout",
    )  # fmt: skip
    source: str
    """Where it came from: a file path, ``pyproject.toml``, or ``default``."""
    rules: Mapping[str, Rule]
    """All rules by name: registered ones plus ``pattern`` rules the sets define."""
    settings: Mapping[str, RuleSetting]
    lang: str | None
    year: int | None
    agency: str | None
    fail_on: Severity | None
    exclude: tuple[str, ...]
    files: tuple[str, ...]
    """Every file the configuration was read from (for cache keys; not compared)."""
    formats: tuple[Format, ...]
    """Report formats the sets define, in definition order (later ones win for their years)."""
    format_pin: str | None
    """``format: gov-2021`` pins every report to one format instead of choosing by year."""
    root: str
    """Folder of the configuration file: ``exclude:`` globs are relative to it."""
    overrides: tuple[Override, ...]
    county: str | None
    """The county (or district) the reports belong to, for audit sheets (else their folder's name)."""
    scoring: Scoring | None
    """Deduction weights per rule and severity for ``gialint audit`` (see gialint.config.scoring)."""
    rule_timeout: float | None
    """``rule-timeout:`` seconds a rule may take on one file before it is stopped (None: the default)."""

    def __init__(
        self,
        source: str,
        rules: Mapping[str, Rule],
        settings: Mapping[str, RuleSetting],
        lang: str | None = None,
        year: int | None = None,
        agency: str | None = None,
        fail_on: Severity | None = None,
        exclude: tuple[str, ...] = (),
        files: tuple[str, ...] = (),
        formats: tuple[Format, ...] = (),
        format_pin: str | None = None,
        root: str = ".",
        overrides: tuple[Override, ...] = (),
        county: str | None = None,
        scoring: Scoring | None = None,
        rule_timeout: float | None = None,
    ) -> None:
        self._init(
            source, rules, settings, lang, year, agency, fail_on, exclude, files,
            formats, format_pin, root, overrides, county, scoring, rule_timeout,
        )  # fmt: skip

    def for_file(self, path: str) -> Config:
        """This configuration with the ``overrides`` whose globs match ``path`` applied."""
        from gialint.config.globs import glob_match

        matching = [o for o in self.overrides if glob_match(path, o.files, o.root)]
        if not matching:
            return self
        settings = dict(self.settings)
        for override in matching:
            for name, own in override.settings.items():
                base = settings[name]
                options = dict(base.options)
                options.update(own.get("options", {}))
                settings[name] = RuleSetting(
                    enabled=own.get("enabled", base.enabled),
                    severity=own.get("severity", base.severity),
                    options=MappingProxyType(options),
                )
        return self.replace(settings=MappingProxyType(settings))

    def enabled_rules(self) -> list[tuple[Rule, RuleSetting]]:
        return [(self.rules[n], s) for n, s in self.settings.items() if s.enabled]
