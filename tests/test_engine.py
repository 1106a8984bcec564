"""The engine and the plugin machinery: crashing rules, parser plugins, hook names, duplicate rules."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gialint.config.loader import Loader
from gialint.config.model import Config
from gialint.engine.linter import Linter
from gialint.engine.plugin import Plugins, get_plugin_manager, hookimpl
from gialint.engine.registry import Registry
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.read.parse.options import ParseOptions

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
CLEAN = ROOT / "examples" / "clean-2021.md"


def _explode(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    raise RuntimeError("kaboom")
    yield  # pragma: no cover - makes this a generator, like real rules


def _explode_eagerly(doc: Document, opts: Options, ctx: Context) -> list[Diagnostic]:
    raise KeyError("no-such-key")


def _ok(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    yield ctx.report(Span(1, 1, 1, 2), "hello", n=len(doc.lines))


def rule(name: str, code: str, check: Any = _ok) -> Rule:
    return Rule(
        name=name,
        code=code,
        summary_zh="测试",
        summary_en="test",
        check=check,
        severity=Severity.WARNING,
        messages={"hello": Message("共{n}行", "{n} lines")},
    )


def plugin_module(name: str, *rules: Rule) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def gialint_get_rules() -> list[Rule]:
        return list(rules)

    module.gialint_get_rules = gialint_get_rules  # type: ignore[attr-defined]
    return module


def environment(*extra: object) -> tuple[Plugins, Registry, Loader, Linter]:
    plugins = get_plugin_manager(load_entry_points=False, extra=extra)
    registry = Registry(plugins)
    sets: dict[str, Any] = {}
    for result in plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    return plugins, registry, Loader(registry, sets), Linter(plugins)


def default_config(loader: Loader) -> Config:
    return loader.load_named("default")


# --------------------------------------------------------------------------- a crashing rule


def test_crashing_rule_becomes_one_rule_error() -> None:
    fake = plugin_module("fake_plugin", rule("boom-rule", "XT901", _explode), rule("fine-rule", "XT902"))
    _, registry, loader, linter = environment(fake)
    assert registry.problems == []
    assert registry.lookup("boom-rule") is not None
    assert registry.lookup("boom-rule").plugin == "fake_plugin"  # type: ignore[union-attr]
    result = linter.lint_path(str(DEFECTIVE), default_config(loader))
    errors = [d for d in result.diagnostics if d.rule == "rule-error"]
    assert len(errors) == 1
    (err,) = errors
    assert (err.code, err.severity, err.line, err.column) == ("GIA002", Severity.ERROR, 1, 1)
    assert err.path == str(DEFECTIVE)
    assert err.message_en.startswith("rule boom-rule (XT901) of plugin fake_plugin crashed (RuntimeError: kaboom)")
    assert "rule boom-rule (XT901) of plugin fake_plugin" in err.message_zh
    assert "运行出错（RuntimeError: kaboom）" in err.message_zh
    codes = {d.code for d in result.diagnostics}
    # the other rules still ran: the fake's sibling rule and the built-in ones
    assert "XT902" in codes
    assert {"GIA101", "GIA102", "GIA301", "GIA501", "GIA502"} <= codes
    assert "XT901" not in codes


def test_crashing_rule_on_a_clean_report_and_in_lint_text() -> None:
    fake = plugin_module("fake_plugin", rule("boom-rule", "XT901", _explode_eagerly))
    _, _, loader, linter = environment(fake)
    config = default_config(loader)
    result = linter.lint_path(str(CLEAN), config)
    assert [(d.code, d.rule) for d in result.diagnostics] == [("GIA002", "rule-error")]
    assert "KeyError: 'no-such-key'" in result.diagnostics[0].message_en
    result = linter.lint_text("r.txt", "一、总体情况\n", config, Selection(("boom-rule",)))
    assert [d.code for d in result.diagnostics] == ["GIA002"]


def test_each_crashing_rule_is_reported_once() -> None:
    fake = plugin_module("fake_plugin", rule("boom-one", "XT901", _explode), rule("boom-two", "XT902", _explode_eagerly))
    _, _, loader, linter = environment(fake)
    result = linter.lint_path(str(CLEAN), default_config(loader))
    messages = sorted(d.message_en.split(" crashed")[0] for d in result.diagnostics if d.code == "GIA002")
    assert messages == ["rule boom-one (XT901) of plugin fake_plugin", "rule boom-two (XT902) of plugin fake_plugin"]


def test_deselected_crashing_rule_does_not_run() -> None:
    fake = plugin_module("fake_plugin", rule("boom-rule", "XT901", _explode))
    _, _, loader, linter = environment(fake)
    result = linter.lint_path(str(CLEAN), default_config(loader), Selection((), ("XT9",)))
    assert result.diagnostics == ()


def test_rule_error_severity_from_config(tmp_path: Path) -> None:
    fake = plugin_module("fake_plugin", rule("boom-rule", "XT901", _explode))
    _, _, loader, linter = environment(fake)
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("rules:\n  rule-error: warning\n", encoding="utf-8")
    result = linter.lint_path(str(CLEAN), loader.load_file(cfg))
    assert [(d.code, d.severity) for d in result.diagnostics] == [("GIA002", Severity.WARNING)]


def test_crashing_extend_document_hook_is_reported() -> None:
    class Extender:
        __name__ = "extender_plugin"

        @hookimpl
        def gialint_extend_document(self, document: Document) -> dict[str, object]:
            raise ValueError("bad extension")

    _, _, loader, linter = environment(Extender())
    result = linter.lint_path(str(CLEAN), default_config(loader))
    (err,) = result.diagnostics
    assert err.code == "GIA002"
    assert err.message_en.startswith("plugin extender_plugin crashed (ValueError: bad extension)")


def test_extend_document_hook_feeds_rules() -> None:
    seen: list[object] = []

    def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
        seen.append(doc.extensions.get("ext.lines"))
        return iter(())

    class Extender:
        __name__ = "extender_plugin"

        @hookimpl
        def gialint_extend_document(self, document: Document) -> dict[str, object]:
            return {"ext.lines": len(document.lines)}

    _, _, loader, linter = environment(Extender(), plugin_module("reader", rule("reader-rule", "XT903", check)))
    linter.lint_text("r.txt", "a\nb\nc", default_config(loader))
    assert seen == [3]


# --------------------------------------------------------------------------- parser plugins


class RstParser:
    """Claims .rst files; declines everything else."""

    __name__ = "rst_parser"

    def __init__(self) -> None:
        self.calls: list[str] = []

    @hookimpl
    def gialint_parse_document(self, path: str, text: str, options: ParseOptions) -> Document | None:
        self.calls.append(path)
        if not path.endswith(".rst"):
            return None
        return Document(
            path=path,
            source=text,
            lines=tuple(text.split("\n")),
            syntax="text",
            blocks=(),
            tables=(),
            sections=(),
            year=options.year,
            extensions={"parser": "rst"},
        )


def test_parser_plugin_claims_its_suffix_first() -> None:
    parser = RstParser()
    _, _, loader, linter = environment(parser)
    config = default_config(loader)
    result = linter.lint_text("report.rst", "一、总体情况\n", config)
    assert result.document is not None
    assert result.document.extensions["parser"] == "rst"
    assert result.document.sections == ()  # the built-in parser would have found 一、
    assert parser.calls == ["report.rst"]


def test_parser_plugin_declining_falls_back_to_builtin() -> None:
    parser = RstParser()
    _, _, loader, linter = environment(parser)
    config = default_config(loader)
    for path, syntax in (("report.txt", "text"), ("report.md", "markdown")):
        result = linter.lint_text(path, "一、总体情况\n", config)
        assert result.document is not None
        assert result.document.syntax == syntax
        assert [s.title for s in result.document.sections] == ["总体情况"]
        assert "parser" not in result.document.extensions
    assert parser.calls == ["report.txt", "report.md"]


def test_parser_plugin_that_claims_txt_wins_over_builtin() -> None:
    class TxtParser:
        __name__ = "txt_parser"

        @hookimpl
        def gialint_parse_document(self, path: str, text: str, options: ParseOptions) -> Document | None:
            return Document(path, text, tuple(text.split("\n")), "text", (), (), (), extensions={"parser": "mine"})

    _, _, loader, linter = environment(TxtParser())
    result = linter.lint_text("report.txt", "一、总体情况\n", default_config(loader))
    assert result.document is not None
    assert result.document.extensions == {"parser": "mine"}


def test_crashing_parser_plugin_is_unreadable_input() -> None:
    class Broken:
        __name__ = "broken_parser"

        @hookimpl
        def gialint_parse_document(self, path: str, text: str, options: ParseOptions) -> Document | None:
            raise ZeroDivisionError("oops")

    _, _, loader, linter = environment(Broken())
    result = linter.lint_text("report.txt", "x\n", default_config(loader))
    (d,) = result.diagnostics
    assert (d.code, d.rule) == ("GIA001", "unreadable-input")
    assert d.message_en == "the parser failed (ZeroDivisionError: oops)"
    assert result.document is None


def test_lint_bytes_passes_encoding_and_newline_to_the_parser() -> None:
    _, _, loader, linter = environment()
    data = "青石镇人民政府2021年政府信息公开工作年度报告\r\n一、总体情况\r\n".encode("gb18030")
    result = linter.lint_bytes("report.txt", data, default_config(loader))
    assert result.document is not None
    assert (result.document.encoding, result.document.newline) == ("gb18030", "\r\n")
    assert result.document.lines[:2] == ("青石镇人民政府2021年政府信息公开工作年度报告", "一、总体情况")


def test_lint_path_on_a_directory() -> None:
    _, _, loader, linter = environment()
    result = linter.lint_path(str(ROOT / "examples"), default_config(loader))
    (d,) = result.diagnostics
    assert (d.code, d.message_en) == ("GIA001", "is a directory, not a file")


# --------------------------------------------------------------------------- hooks and registry


def test_builtin_hookimpls_match_the_specs() -> None:
    plugins = get_plugin_manager(load_entry_points=False)
    plugins.manager.check_pending()
    names = {plugins.manager.get_name(p) for p in plugins.manager.get_plugins()}
    assert {"gialint.read.parse", "gialint.checks", "gialint.config.rulesets"} <= names


def test_own_modules_searched_by_name_find_every_hook_pluggy_would() -> None:
    """gialint's manager looks only at gialint_* names of its own modules: plain pluggy finds no
    other hook there (specifications and implementations alike), and searches others fully."""
    import importlib

    import pluggy

    from gialint import hookspecs
    from gialint.engine.plugin import BUILTIN_PLUGINS, PROJECT, _Manager

    def found(manager: pluggy.PluginManager) -> set[tuple[str, str]]:
        manager.add_hookspecs(hookspecs)
        for name in BUILTIN_PLUGINS:
            manager.register(importlib.import_module(name), name=name)
        return {(name, impl.plugin_name) for name in vars(manager.hook) if not name.startswith("_") for impl in getattr(manager.hook, name).get_hookimpls()} | {
            (name, "spec") for name in vars(manager.hook) if not name.startswith("_") and getattr(manager.hook, name).has_spec()
        }

    ours = found(_Manager(PROJECT))
    assert ours == found(pluggy.PluginManager(PROJECT))
    assert len({impl for _, impl in ours}) == 1 + len(BUILTIN_PLUGINS)  # every module has hooks
    other = types.ModuleType("third_party")

    @hookimpl
    def gialnt_get_rules() -> list[Rule]:  # misnamed: still found, then reported
        return []

    other.gialnt_get_rules = gialnt_get_rules  # type: ignore[attr-defined]
    manager = _Manager(PROJECT)
    manager.register(other)
    assert [impl.plugin_name for impl in manager.hook.gialnt_get_rules.get_hookimpls()] == ["third_party"]


def test_builtin_hookimpls_match_the_specs_with_entry_points() -> None:
    plugins = get_plugin_manager()
    plugins.manager.check_pending()


def test_misspelled_hookimpl_is_caught_by_check_pending() -> None:
    module = types.ModuleType("typo_plugin")

    @hookimpl
    def gialint_get_rule() -> list[Rule]:  # missing the final s
        return []

    module.gialint_get_rule = gialint_get_rule  # type: ignore[attr-defined]
    plugins = get_plugin_manager(load_entry_points=False, extra=(module,))
    from pluggy import PluginValidationError

    with pytest.raises(PluginValidationError):
        plugins.manager.check_pending()


def test_duplicate_rule_name_from_a_second_plugin_is_skipped() -> None:
    first = plugin_module("first_plugin", rule("shared-rule", "XT101"))
    second = plugin_module("second_plugin", rule("shared-rule", "XT201"), rule("own-rule", "XT202"))
    _, registry, _, _ = environment(first, second)
    shared = registry.lookup("shared-rule")
    assert shared is not None
    assert (shared.code, shared.plugin) == ("XT101", "first_plugin")
    assert registry.lookup("XT201") is None
    assert registry.lookup("own-rule") is not None
    assert [p.name for p in registry.problems] == ["second_plugin"]
    assert registry.problems[0].message == (
        "rule shared-rule (XT201) from 'second_plugin' skipped: "
        "shared-rule (XT101) from 'first_plugin' already uses that name or code"
    )


def test_duplicate_code_and_builtin_name_are_skipped() -> None:
    first = plugin_module("first_plugin", rule("first-rule", "XT101"))
    second = plugin_module("second_plugin", rule("other-rule", "XT101"), rule("missing-section", "XT301"))
    _, registry, _, _ = environment(first, second)
    assert registry.lookup("other-rule") is None
    builtin = registry.lookup("missing-section")
    assert builtin is not None and builtin.code == "GIA101"
    messages = [p.message for p in registry.problems]
    assert len(messages) == 2
    assert "rule other-rule (XT101) from 'second_plugin' skipped" in messages[0]
    assert "missing-section (GIA101) from 'gialint.checks'" in messages[1]


def test_rule_name_must_be_kebab_case() -> None:
    bad = plugin_module("bad_plugin", rule("Bad_Name", "XT401"))
    _, registry, _, _ = environment(bad)
    assert registry.lookup("Bad_Name") is None
    assert [p.message for p in registry.problems] == ["rule 'Bad_Name' from 'bad_plugin' skipped: names must be kebab-case"]


def test_plugin_failing_to_list_rules_is_a_problem_not_fatal() -> None:
    module = types.ModuleType("failing_plugin")

    @hookimpl
    def gialint_get_rules() -> list[Rule]:
        raise ImportError("missing dependency")

    module.gialint_get_rules = gialint_get_rules  # type: ignore[attr-defined]
    _, registry, _, _ = environment(module)
    assert [p.name for p in registry.problems] == ["failing_plugin"]
    assert "ImportError: missing dependency" in registry.problems[0].message
    assert registry.lookup("missing-section") is not None


def test_registry_lists_rules_by_code() -> None:
    _, registry, _, _ = environment(plugin_module("fake_plugin", rule("aaa-rule", "GIA999"), rule("zzz-rule", "A000")))
    codes = [r.code for r in registry.rules()]
    assert codes == sorted(codes)
    assert codes[0] == "A000" and codes[-1] == "GIA999"
    assert registry.lookup("gia101") is not None  # codes are looked up case-insensitively
