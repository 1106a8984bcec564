"""docs/rules.md is generated from the rules' metadata and must be current; rule docs follow the convention."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.output.ruledocs import builtin_reference
from gialint.testing import _environment

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rule_reference_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == builtin_reference(), "run: python scripts/gen_rule_docs.py"


RULES = sorted(_environment()[1].load_named("default").rules.values(), key=lambda r: r.code)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_metadata(rule: object) -> None:
    from gialint.model.rule import Rule

    assert isinstance(rule, Rule)
    assert rule.summary_zh and rule.summary_en
    assert "**FAIL**" in rule.docs and "**PASS**" in rule.docs
    assert rule.docs.index("**FAIL**") < rule.docs.index("**PASS**")
    for message in rule.messages.values():
        assert message.zh and message.en
