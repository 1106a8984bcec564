"""Every rule's YAML case file (tests/rule_cases/<rule>.yml) runs here, one test per case."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.testing import Case, _environment, load_cases, run_case

CASE_DIR = Path(__file__).parent / "rule_cases"
CASES: list[Case] = [case for path in sorted(CASE_DIR.glob("*.yml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    run_case(case)


def test_every_rule_has_pass_and_fail_cases() -> None:
    registry, loader, _ = _environment()
    rules = loader.load_named("default").rules
    have = {}
    for case in CASES:
        rule = rules.get(case.rule) or registry.lookup(case.rule)
        assert rule is not None, f"case file names unknown rule {case.rule}"
        have.setdefault(rule.name, set()).add(case.expect_pass)
    engine_reported = {"unreadable-input", "rule-error", "unused-disable", "fix-not-written"}  # tested in test_engine.py / test_cli.py
    for name, rule in rules.items():
        if name in engine_reported or rule.corpus is not None:  # corpus rules: tests/test_corpus_rules.py
            continue
        assert have.get(name) == {True, False}, f"rule {name} needs at least one pass and one fail case"
