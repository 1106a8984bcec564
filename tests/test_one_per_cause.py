"""One finding per cause (issue #10 part 7): rules that yield to a better one, and the order of
findings at one place."""

from __future__ import annotations

from gialint.testing import lint

PLACEHOLDER_PHONE = """青山乡人民政府2022年政府信息公开工作年度报告
本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。
如对本报告有疑问，请与青山乡党政办公室联系（地址：青山乡人民路1号，联系电话：XXXXXXX，电子邮箱：qsx@163.com）。
一、总体情况
2022年，青山乡扎实推进政务公开工作。
"""


def test_placeholder_phone_is_one_finding() -> None:
    found = [(d.rule, d.line, d.column) for d in lint(PLACEHOLDER_PHONE, select=["absent-contact", "placeholder-text"])]
    assert found == [("placeholder-text", 3, 40)]


def test_absent_contact_still_reports_the_placeholder_alone() -> None:
    found = [(d.rule, d.line, d.column) for d in lint(PLACEHOLDER_PHONE, select=["absent-contact"])]
    assert found == [("absent-contact", 3, 40)]


def test_suppressed_placeholder_text_leaves_absent_contact() -> None:
    text = PLACEHOLDER_PHONE.replace("如对本报告", "【gialint-disable-next-line placeholder-text】\n如对本报告")
    found = [(d.rule, d.line) for d in lint(text, select=["absent-contact", "placeholder-text"])]
    assert found == [("absent-contact", 4)]


MISSING_TWO_AND_THREE = """青山乡人民政府2022年政府信息公开工作年度报告
本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。
一、总体情况
2022年，青山乡扎实推进政务公开工作。
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
问题是公开不够及时，下一步将加强审核。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_missing_parts_at_one_place_in_part_order() -> None:
    found = lint(MISSING_TWO_AND_THREE, select=["missing-section"])
    assert [(d.line, d.message_en.split('"')[1][:2]) for d in found] == [(5, "二、"), (5, "三、")]


# --------------------------------------------------------------------------- issue #10 part 6: no false alarms

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEW_RULES = (
    "non-numeric-cell", "extra-section", "enumeration-order", "doubled-word", "plan-year", "prose-sum",
    "wrong-agency", "required-content", "text-table-mismatch",
)
CLEAN = [ROOT / "examples" / "clean-2021.md", *sorted((ROOT / "tests" / "fixtures" / "reports").iterdir())]


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_new_checks_are_silent_on_the_clean_reports(path: Path) -> None:
    found = lint(path.read_text(encoding="utf-8"), path.name, select=NEW_RULES)
    assert [(d.rule, d.line, d.column) for d in found] == []


def test_missing_overview_topics_in_the_formats_order() -> None:
    text = """青山乡人民政府2022年政府信息公开工作年度报告
一、总体情况
2022年，我乡扎实推进政务公开工作。
"""
    found = [d for d in lint(text, select=["required-content"]) if d.line == 2]
    assert [d.message_en.split(" does not state ")[1].split(",")[0] for d in found] == [
        "proactive disclosure", "disclosure on request", "information management", "disclosure platforms", "oversight and safeguards (appraisal",
    ]


def test_dash_in_a_cell_is_empty_cells_finding_and_a_unit_is_non_numeric_cells() -> None:
    text = (ROOT / "examples" / "clean-2021.md").read_text(encoding="utf-8")
    text = text.replace("| 行政规范性文件 | 2 | 1 | 5 |", "| 行政规范性文件 | - | 1 | 5 |").replace("| 行政事业性收费 | 1.35 |", "| 行政事业性收费 | 1.35万元 |")
    found = [(d.rule, d.line) for d in lint(text, "report.md", select=["empty-cell", "non-numeric-cell"])]
    assert found == [("empty-cell", 42), ("non-numeric-cell", 61)]
    alone = [(d.rule, d.line) for d in lint(text, "report.md", select=["non-numeric-cell"])]
    assert alone == [("non-numeric-cell", 42), ("non-numeric-cell", 61)]
