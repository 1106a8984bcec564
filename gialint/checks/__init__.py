"""The built-in rules: an ordinary gialint plugin (entry point ``gialint_core``).

Rule modules are imported only when the rules are asked for, keeping start-up light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from gialint.engine.plugin import hookimpl

if TYPE_CHECKING:
    from gialint.model.rule import Rule

RULE_MODULES = (
    "input_problems",
    "missing_section",
    "missing_title",
    "unbalanced_table",
    "stale_year",
    "absent_contact",
    "unbalanced_brackets",
    "heading_numbering",
    "section_order",
    "statistics_period",
    "missing_table",
    "format_version",
    "required_content",
    "table_labels",
    "table_totals",
    "empty_cell",
    "table_unchecked",
    "text_table_mismatch",
    "implausible_value",
    "duplicate_content",
    "carry_over",
    "non_numeric_cell",
    "extra_section",
    "enumeration_order",
    "doubled_word",
    "plan_year",
    "prose_sum",
    "wrong_agency",
)


@hookimpl
def gialint_get_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"gialint.checks.{name}")
        rules.extend(module.RULES)
    return rules
