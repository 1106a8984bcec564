"""Tests of the 岚江省 plugin with the fixtures of gialint's pytest plugin.

gialint ships a pytest plugin (loaded automatically once gialint is installed) with two
fixtures, used here:

* ``gialint_lint(text, path="report.txt", select=(), config=None, *, options=None)`` lints a
  text with the ``default`` rule set and every installed plugin (so this one must be
  installed: ``pip install -e '.[test]'``) and returns the diagnostics; ``config`` is written
  like a ``.gialint.yaml`` (``{"extends": "lanjiang"}``), ``options`` is ``{rule: {option: value}}``;
* ``gialint_fix(text, rule, …)`` returns the text after ``gialint check --fix --select rule``.

The cases in ``*.gialint-cases.yml`` beside this file are collected by the same plugin.
"""

from __future__ import annotations

from collections.abc import Callable

from gialint.diagnostic import Diagnostic, Severity

from gialint_lanjiang.work_priorities import RULE

Lint = Callable[..., list[Diagnostic]]

REPORT = """\
青石镇人民政府2021年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》（国务院令第492号）要求编制。
一、总体情况
2021年，青石镇全年主动公开政府信息35条。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_work_priorities_fires_at_part_six_in_both_languages(gialint_lint: Lint) -> None:
    (d,) = gialint_lint(REPORT, select=["lj-work-priorities"])
    assert (d.line, d.column, d.code, d.severity) == (5, 1, "LJ101", Severity.WARNING)
    assert d.message_zh.startswith("第六部分“其他需要报告的事项”没有报告落实上级年度政务公开工作要点的情况")
    assert "from the 2021 reports on" in d.message_en


def test_work_priorities_runs_without_any_configuration(gialint_lint: Lint) -> None:
    """A Python rule from an installed plugin is on in every configuration, `default` included."""
    assert "lj-work-priorities" in {d.rule for d in gialint_lint(REPORT)}


def test_work_priorities_options(gialint_lint: Lint) -> None:
    assert not gialint_lint(REPORT, select=["LJ101"], options={"lj-work-priorities": {"since-year": 2022}})
    assert not gialint_lint(REPORT, select=["LJ101"], options={"lj-work-priorities": {"phrases": ["信息处理费"]}})


def test_work_priorities_can_be_turned_off(gialint_lint: Lint) -> None:
    assert not gialint_lint(REPORT, select=["LJ101"], config={"rules": {"lj-work-priorities": "off"}})


def test_lanjiang_set_makes_absent_contact_an_error(gialint_lint: Lint) -> None:
    (national,) = gialint_lint(REPORT, select=["absent-contact"])
    (province,) = gialint_lint(REPORT, select=["absent-contact"], config={"extends": "lanjiang"})
    assert (national.severity, province.severity) == (Severity.WARNING, Severity.ERROR)


def test_superseded_regulation_exists_only_in_the_lanjiang_set(gialint_lint: Lint) -> None:
    assert not [d for d in gialint_lint(REPORT) if d.code == "LJ201"]
    (d,) = gialint_lint(REPORT, select=["LJ201"], config={"extends": "lanjiang", "year": 2021})
    assert (d.line, d.column, d.end_column) == (2, 24, 33)
    assert d.message_en.startswith('"国务院令第492号" is the 2007 version')


def test_superseded_regulation_offers_no_fix(gialint_fix: Callable[..., str]) -> None:
    """Which decree a sentence should cite is for a person to check: --fix leaves it alone."""
    assert gialint_fix(REPORT, "lj-superseded-regulation", config={"extends": "lanjiang"}) == REPORT


def test_rule_docs_follow_gialints_convention() -> None:
    """`gialint explain` shows the docs: a failing example, then a passing one."""
    assert RULE.docs.index("**FAIL**") < RULE.docs.index("**PASS**")
    assert all(m.zh and m.en for m in RULE.messages.values())
