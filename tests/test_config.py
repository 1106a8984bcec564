"""Rule-set loading (gialint.config.loader.Loader) and discovery (gialint.config.discovery.ConfigResolver)."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gialint.config.discovery import ConfigResolver
from gialint.config.loader import ConfigError, Loader
from gialint.config.model import Config
from gialint.engine.linter import Linter
from gialint.engine.plugin import get_plugin_manager, hookimpl
from gialint.engine.registry import Registry
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.rule import Context, Option, Options, Rule
from gialint.testing import lint

BUILTIN = {
    "unreadable-input": ("GIA001", Severity.ERROR),
    "rule-error": ("GIA002", Severity.ERROR),
    "missing-section": ("GIA101", Severity.ERROR),
    "missing-title": ("GIA102", Severity.ERROR),
    "unbalanced-table": ("GIA201", Severity.WARNING),
    "stale-year": ("GIA301", Severity.ERROR),
    "absent-contact": ("GIA401", Severity.WARNING),
    "conversion-artifact": ("GIA501", Severity.WARNING),
    "placeholder-text": ("GIA502", Severity.ERROR),
    "doubled-punctuation": ("GIA503", Severity.WARNING),
    "unbalanced-brackets": ("GIA504", Severity.WARNING),
}


def _loader(*extra: object) -> tuple[Registry, Loader]:
    registry = Registry(get_plugin_manager(load_entry_points=False, extra=extra))
    sets: dict[str, Any] = {}
    for result in registry.plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    return registry, Loader(registry, sets)


@pytest.fixture(scope="module")
def loader() -> Loader:
    return _loader()[1]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(loader: Loader, tmp_path: Path, text: str, name: str = "gialint.yaml") -> Config:
    return loader.load_file(write(tmp_path / name, text))


def error(loader: Loader, tmp_path: Path, text: str, name: str = "gialint.yaml") -> ConfigError:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        loader.load_file(path)
    assert info.value.path == str(path)
    return info.value


# --------------------------------------------------------------------------- the default set


def test_default_set_loads(loader: Loader) -> None:
    config = loader.load_named("default")
    assert config.source == "default"
    got = {name: (rule.code, rule.severity) for name, rule in config.rules.items()}
    assert BUILTIN.items() <= got.items()
    assert all(config.settings[n].enabled for n in BUILTIN)
    assert {n: config.settings[n].severity for n in BUILTIN} == {n: sev for n, (_, sev) in BUILTIN.items()}
    # YAML-only pattern rules are attributed to the set file that defines them
    assert config.rules["placeholder-text"].plugin == "default.yaml"
    assert config.rules["missing-section"].plugin == "gialint.checks"
    assert config.settings["stale-year"].options["check-body"] is True
    assert list(config.settings["missing-section"].options["parts"]) == ["一", "二", "三", "四", "五", "六"]
    assert (config.lang, config.year, config.agency, config.fail_on, config.exclude) == (None, None, None, None, ())
    assert config.files[0].endswith("default.yaml")  # the files themselves (cache keys digest them)


def test_settings_are_ordered_by_code(loader: Loader) -> None:
    config = loader.load_named("default")
    codes = [config.rules[n].code for n in config.settings]
    assert codes == sorted(codes)


def test_unknown_named_set(loader: Loader) -> None:
    with pytest.raises(ConfigError) as info:
        loader.load_named("defualt")
    assert "unknown rule set 'defualt'" in info.value.message
    assert "did you mean default?" in info.value.message


def test_default_list_options_are_frozen(loader: Loader) -> None:
    config = loader.load_named("default")
    assert isinstance(config.settings["missing-section"].options["parts"], tuple)
    assert isinstance(config.settings["absent-contact"].options["require"], tuple)


# --------------------------------------------------------------------------- user files


def test_extends_default_turns_off_changes_severity_sets_options(loader: Loader, tmp_path: Path) -> None:
    config = load(
        loader,
        tmp_path,
        "extends: default\n"
        "rules:\n"
        "  absent-contact: off\n"
        "  stale-year: {severity: warning}\n"
        "  unbalanced-table: info\n"
        "  missing-section:\n"
        "    options:\n"
        "      parts: [一, 二]\n"
        "  GIA504: false\n",
    )
    assert config.source == str(tmp_path / "gialint.yaml")
    assert config.settings["absent-contact"].enabled is False
    assert config.settings["stale-year"].severity is Severity.WARNING
    assert config.settings["stale-year"].enabled is True
    assert config.settings["unbalanced-table"].severity is Severity.INFO
    assert config.settings["missing-section"].options["parts"] == ("一", "二")
    assert config.settings["unbalanced-brackets"].enabled is False  # named by code: GIA504
    assert config.settings["missing-title"].enabled is True
    assert config.settings["missing-title"].severity is Severity.ERROR
    names = {r.name for r, _ in config.enabled_rules()}
    assert "absent-contact" not in names and "unbalanced-brackets" not in names
    assert "placeholder-text" in names
    assert config.files[0] == str(tmp_path / "gialint.yaml")


def test_settings_take_effect_when_linting(loader: Loader, tmp_path: Path) -> None:
    text = "如对本报告有疑问，请联系。：：\n"
    before = {d.rule for d in lint(text, config=loader.load_named("default"))}
    assert {"absent-contact", "doubled-punctuation"} <= before
    config = load(loader, tmp_path, "rules:\n  absent-contact: off\n  doubled-punctuation: {severity: error}\n")
    after = lint(text, config=config)
    assert "absent-contact" not in {d.rule for d in after}
    (doubled,) = [d for d in after if d.rule == "doubled-punctuation"]
    assert doubled.severity is Severity.ERROR
    assert (doubled.line, doubled.column) == (1, 13)  # 。：：


def test_setting_words_and_enabled_key(loader: Loader, tmp_path: Path) -> None:
    config = load(
        loader,
        tmp_path,
        "rules:\n"
        "  absent-contact: disable\n"
        "  stale-year: {enabled: false}\n"
        "  missing-title: {severity: off}\n"
        "  unbalanced-table: on\n"
        "  unbalanced-brackets:\n",
    )
    s = config.settings
    assert (s["absent-contact"].enabled, s["stale-year"].enabled, s["missing-title"].enabled) == (False, False, False)
    assert (s["unbalanced-table"].enabled, s["unbalanced-brackets"].enabled) == (True, True)


def test_pattern_rule_configured_by_code(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, "rules:\n  GIA503: off\n")
    assert config.settings["doubled-punctuation"].enabled is False


def test_implicit_extends_default(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, "rules:\n  stale-year: off\n")
    # the default set's YAML-only pattern rules are there
    assert {"conversion-artifact", "placeholder-text", "doubled-punctuation"} <= set(config.rules)
    assert config.settings["stale-year"].enabled is False
    assert config.files[0] == str(tmp_path / "gialint.yaml")
    assert config.files[1].endswith("default.yaml")


def test_empty_file_is_the_default_set(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, "# nothing yet\n")
    default = loader.load_named("default")
    assert set(config.rules) == set(default.rules) >= set(BUILTIN)
    assert config.settings == default.settings


def test_extends_nothing_drops_the_default_pattern_rules(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, "extends: []\n")
    assert "placeholder-text" not in config.rules
    assert "missing-section" in config.rules  # registered rules are always known


def test_top_level_keys(loader: Loader, tmp_path: Path) -> None:
    config = load(
        loader,
        tmp_path,
        "lang: en\nyear: 2021\nagency: ' 青石镇人民政府 '\nfail-on: error\nexclude: ['drafts/*', '*.bak.txt']\n",
    )
    assert (config.lang, config.year, config.agency, config.fail_on) == ("en", 2021, "青石镇人民政府", Severity.ERROR)
    assert config.exclude == ("drafts/*", "*.bak.txt")


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("lang: fr\n", 1, 7, "lang: 'fr' is not one of zh, en"),
        ("year: 21\n", 1, 7, "year: 21 is not a year"),
        ("year: true\n", 1, 7, "year: True is not a year"),
        ("agency: ''\n", 1, 9, "agency: must be the agency's name"),
        ("fail-on: fatal\n", 1, 10, "fail-on: 'fatal' is not one of error, warning, info"),
        ("exclude: drafts\n", 1, 10, "exclude: must be a list of glob patterns"),
        ("extends: 3\n", 1, 10, "extends: must be a set name, a path, or a list of them"),
        ("rules: [a, b]\n", 1, 8, "rules: must be a mapping"),
        ("- a\n- b\n", 1, 1, "a rule set must be a mapping"),
    ],
)
def test_bad_top_level_values(loader: Loader, tmp_path: Path, text: str, line: int, column: int, fragment: str) -> None:
    err = error(loader, tmp_path, text)
    assert fragment in err.message
    assert (err.line, err.column) == (line, column)


def test_extends_by_relative_path(loader: Loader, tmp_path: Path) -> None:
    base = write(
        tmp_path / "shared" / "base.yaml",
        "rules:\n  absent-contact: off\n  stale-year: {severity: warning}\n",
    )
    child = write(
        tmp_path / "project" / "gialint.yaml",
        "extends: ../shared/base.yaml\nrules:\n  stale-year:\n    options:\n      check-body: false\n",
    )
    config = loader.load_file(child)
    assert config.settings["absent-contact"].enabled is False
    # the child's options merge with the base's severity
    assert config.settings["stale-year"].severity is Severity.WARNING
    assert config.settings["stale-year"].options["check-body"] is False
    assert config.files[:2] == (str(child), str(tmp_path / "project" / "../shared/base.yaml"))
    assert "placeholder-text" in config.rules  # the base extends default implicitly
    assert base.is_file()


def test_extends_list_later_wins(loader: Loader, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extends: default\nrules:\n  stale-year: info\n")
    write(tmp_path / "b.yaml", "extends: default\nrules:\n  stale-year: error\n  absent-contact: off\n")
    config = load(loader, tmp_path, "extends: [default, ./a.yaml, ./b.yaml]\n")
    assert config.settings["stale-year"].severity is Severity.ERROR
    assert config.settings["absent-contact"].enabled is False


def test_extends_missing_file(loader: Loader, tmp_path: Path) -> None:
    write(tmp_path / "gialint.yaml", "extends: ./nowhere.yaml\n")
    with pytest.raises(ConfigError) as info:
        loader.load_file(tmp_path / "gialint.yaml")
    # located at the extends: item that names the missing file
    assert info.value.message.endswith("nowhere.yaml: config file not found")
    assert info.value.path.endswith("gialint.yaml") and (info.value.line, info.value.column) == (1, 10)


def test_extends_cycle(loader: Loader, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extends: ./b.yaml\n")
    write(tmp_path / "b.yaml", "extends: ./a.yaml\n")
    with pytest.raises(ConfigError) as info:
        loader.load_file(tmp_path / "a.yaml")
    message = info.value.message
    assert message.startswith("extends cycle: ")
    assert message.count("a.yaml") == 2 and message.count("b.yaml") == 1


def test_extends_itself(loader: Loader, tmp_path: Path) -> None:
    write(tmp_path / "self.yaml", "extends: ./self.yaml\n")
    with pytest.raises(ConfigError) as info:
        loader.load_file(tmp_path / "self.yaml")
    assert info.value.message.startswith("extends cycle: ")


def test_unknown_set_in_a_list_names_it(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "extends: [default, defualt]\n")
    assert "unknown rule set 'defualt'; did you mean default?" in err.message


def test_unknown_set_is_located(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "extends: defualt\n")
    assert (err.line, err.column) == (1, 10)
    err = error(loader, tmp_path, "extends: [default, defualt]\n")
    assert (err.line, err.column) == (1, 20)


def test_config_file_not_found(loader: Loader, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        loader.load_file(tmp_path / "missing.yaml")
    assert str(info.value) == f"{tmp_path / 'missing.yaml'}: config file not found"


# --------------------------------------------------------------------------- errors, located


def test_unknown_rule_suggests_close_matches(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "extends: default\nrules:\n  stale-year: off\n  misssing-section: off\n")
    assert err.message.startswith("unknown rule 'misssing-section'; did you mean missing-section")
    assert err.message.endswith("?")
    assert (err.line, err.column) == (4, 3)
    assert str(err) == f"{tmp_path / 'gialint.yaml'}:4:3: {err.message}"


def test_unknown_rule_without_close_match(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "rules:\n  zzzz: off\n")
    assert err.message == "unknown rule 'zzzz'; run `gialint rules` for the list"
    assert (err.line, err.column) == (2, 3)


def test_unknown_option(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "rules:\n  stale-year:\n    options:\n      check-bdy: true\n")
    assert err.message == "stale-year: unknown option 'check-bdy' (options: check-body, legitimate)"
    assert (err.line, err.column) == (4, 7)


def test_unknown_key_in_a_rule_setting(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "rules:\n  stale-year:\n    sevrity: info\n")
    assert "stale-year: unknown key 'sevrity'" in err.message
    assert (err.line, err.column) == (3, 5)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "rules:\n  absent-contact:\n    options:\n      require: phone\n",
            4,
            16,
            "absent-contact.options.require: expected list of str, got str 'phone'",
        ),
        (
            "rules:\n  missing-section:\n    options:\n      parts: [1, 2]\n",
            4,
            14,
            "missing-section.options.parts: expected list of str, got ",
        ),
        (
            "rules:\n  stale-year:\n    options:\n      check-body: 1\n",
            4,
            19,
            "stale-year.options.check-body: expected bool, got int 1",
        ),
        (
            "rules:\n  stale-year:\n    options:\n      check-body: 'yes'\n",
            4,
            19,
            "stale-year.options.check-body: expected bool, got str 'yes'",
        ),
        (
            "rules:\n  absent-contact:\n    options:\n      require: [phone, fax]\n",
            4,
            16,
            "absent-contact.options.require: 'fax' is not one of phone, address, online",
        ),
        (
            "rules:\n  stale-year:\n    options: [check-body]\n",
            3,
            14,
            "stale-year.options: must be a mapping",
        ),
    ],
    ids=["str-for-list", "int-items", "int-for-bool", "str-for-bool", "bad-choice", "options-not-mapping"],
)
def test_option_of_the_wrong_type(
    loader: Loader, tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    err = error(loader, tmp_path, text)
    if message.endswith(" got "):
        assert err.message.startswith(message) and err.message.endswith("[1, 2]")
    else:
        assert err.message == message
    assert (err.line, err.column) == (line, column)


def _int_option_plugin() -> types.ModuleType:
    def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())

    module = types.ModuleType("int_option_plugin")

    @hookimpl
    def gialint_get_rules() -> list[Rule]:
        return [
            Rule(
                name="max-length",
                code="XT101",
                summary_zh="长度",
                summary_en="length",
                check=check,
                options=(Option("max", int, 80, "maximum"), Option("ratio", (int, float), 0.5, "a ratio")),
            )
        ]

    module.gialint_get_rules = gialint_get_rules  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize(
    ("value", "ok"),
    [("100", True), ("true", False), ("'100'", False), ("1.5", False), ("[1]", False)],
)
def test_int_option_refuses_bool_and_others(tmp_path: Path, value: str, ok: bool) -> None:
    _, loader = _loader(_int_option_plugin())
    path = write(tmp_path / "gialint.yaml", f"rules:\n  max-length:\n    options:\n      max: {value}\n")
    if ok:
        assert loader.load_file(path).settings["max-length"].options["max"] == 100
        return
    with pytest.raises(ConfigError) as info:
        loader.load_file(path)
    assert info.value.message.startswith("max-length.options.max: expected int, got ")
    assert (info.value.line, info.value.column) == (4, 12)


def test_union_typed_option(tmp_path: Path) -> None:
    _, loader = _loader(_int_option_plugin())
    path = write(tmp_path / "gialint.yaml", "rules:\n  max-length:\n    options:\n      ratio: 2\n")
    assert loader.load_file(path).settings["max-length"].options == {"max": 80, "ratio": 2}
    path.write_text("rules:\n  max-length:\n    options:\n      ratio: false\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        loader.load_file(path)
    assert "expected int or float, got bool False" in info.value.message


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("rules:\n  stale-year:\n    severity: fatal\n", 3, 15, "stale-year.severity: 'fatal' is not one of error, warning, info"),
        ("rules:\n  stale-year: fatal\n", 2, 15, "stale-year: 'fatal' is not one of error, warning, info, off"),
        ("rules:\n  stale-year: 3\n", 2, 15, "stale-year: expected off, a severity, or a mapping with severity:/options:"),
    ],
)
def test_bad_severity(loader: Loader, tmp_path: Path, text: str, line: int, column: int, message: str) -> None:
    err = error(loader, tmp_path, text)
    assert err.message == message
    assert (err.line, err.column) == (line, column)


@pytest.mark.parametrize(
    ("text", "line", "column", "problem"),
    [
        (
            "rules:\n  stale-year: off\n  absent-contact: {severity: info\n  missing-title: off\n",
            4,
            16,
            "expected ',' or '}', but got ':'",
        ),
        ("rules:\n  stale-year: off\n\tabsent-contact: off\n", 3, 1, "found character '\\t' that cannot start any token"),
        ("rules:\n  stale-year: off\n  - x\n", 3, 3, "expected <block end>, but found '-'"),
    ],
    ids=["unclosed-flow-mapping", "tab-indent", "sequence-in-mapping"],
)
def test_malformed_yaml(loader: Loader, tmp_path: Path, text: str, line: int, column: int, problem: str) -> None:
    err = error(loader, tmp_path, text)
    assert err.message == f"malformed YAML: {problem}"
    assert (err.line, err.column) == (line, column)
    assert str(err).startswith(f"{tmp_path / 'gialint.yaml'}:{line}:{column}: malformed YAML")


def test_unknown_top_level_key(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "extends: default\nrulez:\n  stale-year: off\n")
    assert err.message == "unknown key 'rulez'; did you mean 'rules'?"
    assert (err.line, err.column) == (2, 1)


def test_unknown_top_level_key_without_close_match(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "zzz: 1\n")
    assert err.message.startswith("unknown key 'zzz'; expected one of extends, rules, lang")


# --------------------------------------------------------------------------- pattern rules written in YAML


PATTERN = (
    "extends: default\n"
    "rules:\n"
    "  no-internal-notes:\n"
    "    kind: pattern\n"
    "    code: SC001\n"
    "    severity: error\n"
    "    patterns: ['内部资料']\n"
    "    literals: ['待补充(草稿)']\n"
    "    message: {zh: '不应出现“{match}”', en: 'remove \"{match}\"'}\n"
    "    scope: everywhere\n"
)


def test_user_pattern_rule_is_defined(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, PATTERN)
    rule = config.rules["no-internal-notes"]
    assert (rule.code, rule.severity, rule.plugin) == ("SC001", Severity.ERROR, "gialint.yaml")
    assert rule.summary_zh == "不应出现“{match}”"
    setting = config.settings["no-internal-notes"]
    assert (setting.enabled, setting.severity) == (True, Severity.ERROR)


def test_user_pattern_rule_fires_via_testing_lint(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, PATTERN)
    text = "一、总体情况\n本年度公开内部资料3份，另有待补充(草稿)一份。\n"
    found = [d for d in lint(text, config=config) if d.rule == "no-internal-notes"]
    assert [(d.line, d.column, d.end_line, d.end_column, d.code) for d in found] == [
        (2, 6, 2, 10, "SC001"),
        (2, 15, 2, 22, "SC001"),
    ]
    assert found[0].message_zh == "不应出现“内部资料”"
    assert found[1].message_en == 'remove "待补充(草稿)"'
    assert found[0].severity is Severity.ERROR


def test_user_pattern_rule_fires_via_the_linter_and_selection(loader: Loader, tmp_path: Path) -> None:
    config = load(loader, tmp_path, PATTERN)
    linter = Linter(get_plugin_manager(load_entry_points=False))
    result = linter.lint_text("r.txt", "内部资料\n", config, Selection(("no-internal-notes",)))
    assert [(d.rule, d.line, d.column) for d in result.diagnostics] == [("no-internal-notes", 1, 1)]
    result = linter.lint_text("r.txt", "内部资料\n", config, Selection(("SC0",)))
    assert [d.code for d in result.diagnostics] == ["SC001"]
    result = linter.lint_text("r.txt", "内部资料\n", config, Selection((), ("no-internal-notes",)))
    assert "no-internal-notes" not in {d.rule for d in result.diagnostics}


def test_user_pattern_rule_can_be_turned_off_by_a_child(loader: Loader, tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", PATTERN)
    config = load(loader, tmp_path, "extends: ./base.yaml\nrules:\n  no-internal-notes: off\n", "child.yaml")
    assert "no-internal-notes" in config.rules
    assert config.settings["no-internal-notes"].enabled is False


def test_user_pattern_rule_scope(loader: Loader, tmp_path: Path) -> None:
    config = load(
        loader,
        tmp_path,
        "rules:\n  tbd-in-tables:\n    kind: pattern\n    literals: [TBD]\n    message: 'TBD: {match}'\n    scope: tables\n",
    )
    text = "一、总体情况\nTBD 正文\n项目\tTBD\n"
    found = [d for d in lint(text, config=config) if d.rule == "tbd-in-tables"]
    assert [(d.line, d.column, d.code, d.severity) for d in found] == [(3, 4, "tbd-in-tables", Severity.WARNING)]
    assert found[0].message_en == "TBD: TBD"


def test_invalid_regex_is_located(loader: Loader, tmp_path: Path) -> None:
    err = error(
        loader,
        tmp_path,
        "rules:\n  my-rule:\n    kind: pattern\n    patterns:\n      - 'ok'\n      - 'a(b'\n    message: {zh: x, en: y}\n",
    )
    assert err.message.startswith("my-rule.patterns: invalid regular expression 'a(b': missing )")
    assert (err.line, err.column) == (6, 9)


def test_invalid_regex_in_a_flow_list_is_located(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "rules:\n  my-rule:\n    kind: pattern\n    patterns: ['[x', 'ok']\n    message: x\n")
    assert err.message.startswith("my-rule.patterns: invalid regular expression '[x'")
    assert (err.line, err.column) == (4, 16)


def test_message_with_a_bad_placeholder(loader: Loader, tmp_path: Path) -> None:
    err = error(
        loader,
        tmp_path,
        "rules:\n  my-rule:\n    kind: pattern\n    patterns: ['ok']\n    message:\n      zh: '不要{foo}'\n      en: 'no'\n",
    )
    assert err.message == "my-rule.message.zh: only {match} and {replacement} may be used ('foo')"
    assert (err.line, err.column) == (6, 11)


@pytest.mark.parametrize("placeholder", ["{0}", "{match!z}", "{match:d}"])
def test_other_bad_placeholders(loader: Loader, tmp_path: Path, placeholder: str) -> None:
    err = error(
        loader,
        tmp_path,
        f"rules:\n  my-rule:\n    kind: pattern\n    patterns: ['ok']\n    message:\n      zh: ok\n      en: 'no {placeholder}'\n",
    )
    assert err.message.startswith("my-rule.message.en: only {match} and {replacement} may be used")
    assert (err.line, err.column) == (7, 11)


def test_attribute_placeholder_is_a_config_error(loader: Loader, tmp_path: Path) -> None:
    err = error(
        loader,
        tmp_path,
        "rules:\n  my-rule:\n    kind: pattern\n    patterns: ['ok']\n    message:\n      zh: '不要{match.foo}'\n      en: 'no'\n",
    )
    assert (err.line, err.column) == (6, 11)


@pytest.mark.parametrize(
    ("body", "line", "column", "fragment"),
    [
        ("    kind: pattern\n    message: x\n", 2, 3, "my-rule: a pattern rule needs patterns: or literals:"),
        ("    kind: pattern\n    patterns: [ok]\n", 3, 5, "my-rule.message: must give zh: and en: texts"),
        ("    kind: pattern\n    patterns: [ok]\n    message: {zh: x}\n", 5, 14, "my-rule.message: must give zh: and en: texts"),
        ("    kind: regex\n    patterns: [ok]\n    message: x\n", 3, 11, "only 'pattern' rules can be defined"),
        ("    kind: pattern\n    patterns: [ok, '']\n    message: x\n", 4, 20, "my-rule.patterns: must be a list of non-empty strings"),
        ("    kind: pattern\n    patterns: [ok]\n    message: x\n    scope: part-七\n", 6, 12, "my-rule.scope: 'part-七' is not one of"),
        ("    kind: pattern\n    patterns: [ok]\n    message: x\n    replacement: 3\n", 6, 18, "my-rule.replacement: must be a string"),
        ("    kind: pattern\n    patterns: [ok]\n    message: x\n    colour: red\n", 6, 5, "my-rule: unknown key 'colour'"),
    ],
    ids=["no-patterns", "no-message", "message-without-en", "wrong-kind", "empty-pattern", "bad-scope", "bad-replacement", "unknown-key"],
)
def test_bad_pattern_rules(loader: Loader, tmp_path: Path, body: str, line: int, column: int, fragment: str) -> None:
    err = error(loader, tmp_path, "rules:\n  my-rule:\n" + body)
    assert fragment in err.message
    assert (err.line, err.column) == (line, column)


def test_pattern_rule_cannot_reuse_a_builtin_name(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "rules:\n  stale-year:\n    kind: pattern\n    patterns: [x]\n    message: x\n")
    assert "'stale-year' is a built-in or plugin rule" in err.message
    assert (err.line, err.column) == (2, 3)


def test_pattern_rule_name_must_be_kebab_case(loader: Loader, tmp_path: Path) -> None:
    err = error(loader, tmp_path, "rules:\n  My_Rule:\n    kind: pattern\n    patterns: [x]\n    message: x\n")
    assert "must be kebab-case" in err.message
    assert (err.line, err.column) == (2, 3)


# --------------------------------------------------------------------------- discovery


@pytest.fixture
def resolver_loader() -> Loader:
    return _loader()[1]


def test_discovery_falls_back_to_default(resolver_loader: Loader, tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt", "x\n")
    config = ConfigResolver(resolver_loader).for_path(report)
    assert config.source == "default"


def test_discovery_finds_gialint_yaml_upward(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    cfg = write(root / "proj" / ".gialint.yaml", "rules:\n  absent-contact: off\n")
    report = write(root / "proj" / "a" / "b" / "r.txt", "x\n")
    resolver = ConfigResolver(resolver_loader)
    config = resolver.for_path(report)
    assert config.source == str(cfg)
    assert config.settings["absent-contact"].enabled is False
    # a file elsewhere in the tree shares the same loaded configuration
    other = write(root / "proj" / "c" / "r2.txt", "x\n")
    assert resolver.for_path(other) is config
    # a directory argument is resolved from itself
    assert resolver.for_path(root / "proj" / "a") is config


def test_discovery_finds_gialint_yml(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    cfg = write(root / ".gialint.yml", "rules:\n  stale-year: off\n")
    report = write(root / "sub" / "r.txt", "x\n")
    config = ConfigResolver(resolver_loader).for_path(report)
    assert config.source == str(cfg)
    assert config.settings["stale-year"].enabled is False


def test_discovery_prefers_yaml_over_yml_in_the_same_directory(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write(root / ".gialint.yml", "rules:\n  stale-year: off\n")
    cfg = write(root / ".gialint.yaml", "rules:\n  absent-contact: off\n")
    config = ConfigResolver(resolver_loader).for_path(write(root / "r.txt", "x\n"))
    assert config.source == str(cfg)


def test_discovery_nearest_file_wins(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write(root / ".gialint.yaml", "rules:\n  absent-contact: off\n")
    near = write(root / "sub" / ".gialint.yml", "rules:\n  stale-year: off\n")
    config = ConfigResolver(resolver_loader).for_path(write(root / "sub" / "r.txt", "x\n"))
    assert config.source == str(near)
    assert config.settings["absent-contact"].enabled is True


def test_discovery_pyproject_tool_section(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    pyproject = write(
        root / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.gialint]\nlang = "en"\n\n[tool.gialint.rules]\nabsent-contact = "off"\n',
    )
    report = write(root / "docs" / "r.txt", "x\n")
    config = ConfigResolver(resolver_loader).for_path(report)
    assert config.source == str(pyproject)
    assert config.lang == "en"
    assert config.settings["absent-contact"].enabled is False
    assert "placeholder-text" in config.rules  # implicit extends of default


def test_discovery_skips_pyproject_without_tool_section(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write(root / "pyproject.toml", '[project]\nname = "x"\n')
    config = ConfigResolver(resolver_loader).for_path(write(root / "r.txt", "x\n"))
    assert config.source == "default"


def test_discovery_gialint_yaml_beats_pyproject(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    cfg = write(root / ".gialint.yaml", "rules:\n  stale-year: off\n")
    write(root / "sub" / "pyproject.toml", '[tool.gialint]\nlang = "en"\n')
    config = ConfigResolver(resolver_loader).for_path(write(root / "sub" / "r.txt", "x\n"))
    assert config.source == str(cfg)
    assert config.lang is None


def test_discovery_bad_pyproject(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write(root / "pyproject.toml", "[tool.gialint\n")
    with pytest.raises(ConfigError) as info:
        ConfigResolver(resolver_loader).for_path(write(root / "r.txt", "x\n"))
    assert info.value.message.startswith("malformed TOML")
    assert (info.value.line, info.value.column) == (1, 14), "located, as tomllib reports it"


def test_discovery_bad_value_in_pyproject(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write(root / "pyproject.toml", '[tool.gialint.rules]\nno-such-rule = "off"\n')
    with pytest.raises(ConfigError) as info:
        ConfigResolver(resolver_loader).for_path(write(root / "r.txt", "x\n"))
    assert "unknown rule 'no-such-rule'" in info.value.message
    assert info.value.path == str(root / "pyproject.toml")


def test_explicit_config_beats_discovery(resolver_loader: Loader, tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write(root / ".gialint.yaml", "rules:\n  absent-contact: off\n")
    write(root / "pyproject.toml", "[tool.gialint]\nlang = 'en'\n")
    explicit = write(root / "ci" / "strict.yaml", "rules:\n  stale-year: off\n")
    resolver = ConfigResolver(resolver_loader, explicit)
    config = resolver.for_path(write(root / "r.txt", "x\n"))
    assert config.source == str(explicit)
    assert config.settings["stale-year"].enabled is False
    assert config.settings["absent-contact"].enabled is True
    assert config.lang is None
    assert resolver.for_path(root / "elsewhere" / "r.txt") is config


def test_explicit_config_missing(resolver_loader: Loader, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        ConfigResolver(resolver_loader, tmp_path / "nope.yaml").for_path(tmp_path / "r.txt")
    assert info.value.message == "config file not found"
