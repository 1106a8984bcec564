"""Acceptance over the real published reports in ../shared/corpus (skipped only when absent).

Pins the defects issue #2 names, at their lines, and that no part or contact is reported
missing where it is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.cli.program import main

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict[str, object]]]:
    import io
    import json

    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(CORPUS), "--format", "json", "--no-plugins"], out=out, err=err)
    assert code == 1, err.getvalue()
    assert "Traceback" not in err.getvalue()
    data = json.loads(out.getvalue())
    by_file: dict[str, list[dict[str, object]]] = {}
    for d in data["diagnostics"]:
        by_file.setdefault(Path(str(d["path"])).name, []).append(d)
    assert len(data["files"]) == len(list(CORPUS.iterdir()))
    return by_file


def _at(findings: dict[str, list[dict[str, object]]], name: str, rule: str) -> list[int]:
    return sorted(int(d["line"]) for d in findings.get(name, []) if d["rule"] == rule)  # type: ignore[call-overload]


def test_no_rule_crashed(findings: dict[str, list[dict[str, object]]]) -> None:
    crashes = [d for ds in findings.values() for d in ds if d["rule"] in ("rule-error", "unreadable-input")]
    assert not crashes


def test_xinglong_missing_title(findings: dict[str, list[dict[str, object]]]) -> None:
    assert _at(findings, "xinglong-2021.txt", "missing-title") == [3]


def test_missing_parts_three_and_four(findings: dict[str, list[dict[str, object]]]) -> None:
    xinglong = [d for d in findings["xinglong-2021.txt"] if d["rule"] == "missing-section"]
    assert [(d["line"], "三" in str(d["message"])) for d in xinglong] == [(60, True), (98, False)]
    assert "四" in str(xinglong[1]["message"])
    caoba = [d for d in findings["caoba-2021.txt"] if d["rule"] == "missing-section"]
    assert [d["line"] for d in caoba] == [50]
    assert "四" in str(caoba[0]["message"])


def test_caoba_has_no_contact(findings: dict[str, list[dict[str, object]]]) -> None:
    assert _at(findings, "caoba-2021.txt", "absent-contact") == [3]


def test_kangyi_placeholder_bracket_and_artifact(findings: dict[str, list[dict[str, object]]]) -> None:
    kangyi = findings["kangyi-2021.txt"]
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "placeholder-text"} == {(4, 60)}
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "unbalanced-brackets"} == {(4, 82)}
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "conversion-artifact"} == {(7, 1)}
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "doubled-punctuation"} == {(404, 14)}


def test_ragged_tables(findings: dict[str, list[dict[str, object]]]) -> None:
    assert 45 in _at(findings, "caoba-2021.txt", "unbalanced-table")
    assert 50 in _at(findings, "caoba-2021.txt", "unbalanced-table")
    assert _at(findings, "duizhen-2020.md", "unbalanced-table") == [79, 80]


def test_no_false_missing_section_or_contact(findings: dict[str, list[dict[str, object]]]) -> None:
    for name in ("duizhen-2020.md", "kangyi-2021.txt", "weidian-2021.txt"):
        assert _at(findings, name, "missing-section") == [], name
    for name in ("duizhen-2020.md", "weidian-2021.txt", "xinglong-2021.txt"):
        assert _at(findings, name, "absent-contact") == [], name
    kangyi_contact = [d for d in findings["kangyi-2021.txt"] if d["rule"] == "absent-contact"]
    assert all("具体网址" in str(d["message"]) for d in kangyi_contact)  # the placeholder, not "missing"


# --------------------------------------------------------------------------- issue #3: the formats as data


def _found(findings: dict[str, list[dict[str, object]]], name: str, rule: str) -> list[tuple[int, int, str, str]]:
    return sorted(
        (int(d["line"]), int(d["column"]), str(d["code"]), str(d["message"]))  # type: ignore[call-overload]
        for d in findings.get(name, [])
        if d["rule"] == rule
    )


def test_no_table_totals_on_any_report(findings: dict[str, list[dict[str, object]]]) -> None:
    assert set(findings) == {p.name for p in CORPUS.iterdir()}
    for name in findings:
        assert _found(findings, name, "table-totals") == [], name


def test_kangyi_uses_the_2019_tables(findings: dict[str, list[dict[str, object]]]) -> None:
    [(line, column, code, message)] = _found(findings, "kangyi-2021.txt", "format-version")
    assert (line, column, code) == (22, 2, "GIA104")
    assert "第二部分" in message and "本年新制作数量" in message and "国办公开办函〔2021〕30号" in message
    for name in ("caoba-2021.txt", "duizhen-2020.md", "weidian-2021.txt", "xinglong-2021.txt"):
        assert _found(findings, name, "format-version") == [], name


def test_weidian_blank_cells(findings: dict[str, list[dict[str, object]]]) -> None:
    blank = _found(findings, "weidian-2021.txt", "empty-cell")
    assert [(line, column, code) for line, column, code, _ in blank] == [
        (39, 2, "GIA204"),  # 表二（第二十条第（一）项）: nothing filled in
        (65, 12, "GIA204"),  # 表二（第二十条第（六）项）行政处罚
        (82, 2, "GIA204"),  # 表三: nothing filled in
        (366, 2, "GIA204"),  # 表四: the data row
    ]
    assert "第二十条第（一）项" in blank[0][3]
    assert "行政处罚" in blank[1][3]
    assert "表三" in blank[2][3] and "168" in blank[2][3]
    assert "表四" in blank[3][3] and "15" in blank[3][3]


def test_weidian_labels(findings: dict[str, list[dict[str, object]]]) -> None:
    labels = {(line, column): message for line, column, code, message in _found(findings, "weidian-2021.txt", "table-labels")}
    assert all(code == "GIA202" for _, _, code, _ in _found(findings, "weidian-2021.txt", "table-labels"))
    # 补证 for 补正 in the first sub-row of （六）其他处理
    assert "补证" in labels[(298, 2)] and "证→正" in labels[(298, 2)]
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels[(298, 2)]
    # the 自然人 column is missing from table 三's header
    assert "表三" in labels[(68, 2)] and "自然人" in labels[(68, 2)]
    assert sorted(labels) == [(45, 1), (68, 2), (91, 2), (298, 2), (309, 2)]


def test_weidian_part_six_lacks_the_fee_statement(findings: dict[str, list[dict[str, object]]]) -> None:
    content = _found(findings, "weidian-2021.txt", "required-content")
    six = [(line, column, code, message) for line, column, code, message in content if "第六部分" in message]
    assert [(line, column, code) for line, column, code, _ in six] == [(411, 1, "GIA105")]
    assert "信息处理费" in six[0][3]
    severity = {int(d["line"]): d["severity"] for d in findings["weidian-2021.txt"] if d["rule"] == "required-content"}  # type: ignore[call-overload]
    assert severity[411] == "warning"
    # the other reports state it (or are not 2021+ reports with a part 六 to check)
    for name in ("caoba-2021.txt", "kangyi-2021.txt", "xinglong-2021.txt", "duizhen-2020.md"):
        assert not [m for _, _, _, m in _found(findings, name, "required-content") if "信息处理费" in m], name


def test_caoba_truncated_and_headless_tables(findings: dict[str, list[dict[str, object]]]) -> None:
    missing = _found(findings, "caoba-2021.txt", "missing-table")
    assert [(line, column, code) for line, column, code, _ in missing] == [(48, 3, "GIA103"), (50, 1, "GIA103")]
    three, four = missing[0][3], missing[1][3]
    assert "表三" in three and "2.其他法律行政法规禁止公开" in three and "19 行" in three
    assert "表四" in four and "表头" in four


def test_kangyi_and_weidian_missing_rows(findings: dict[str, list[dict[str, object]]]) -> None:
    kangyi = _found(findings, "kangyi-2021.txt", "missing-table")
    assert [(line, column) for line, column, _, _ in kangyi] == [(109, 2)]
    assert "3 行" in kangyi[0][3] and "3.其他" in kangyi[0][3]
    weidian = _found(findings, "weidian-2021.txt", "missing-table")
    assert [(line, column) for line, column, _, _ in weidian] == [(64, 2), (64, 2), (82, 2)]


def test_duizhen_shifted_rows_and_heading_levels(findings: dict[str, list[dict[str, object]]]) -> None:
    shifted = _found(findings, "duizhen-2020.md", "unbalanced-table")
    assert [(line, column, code) for line, column, code, _ in shifted] == [(79, 1, "GIA201"), (80, 1, "GIA201")]
    assert "7.属于行政执法案卷" in shifted[0][3] and "1 格" in shifted[0][3]
    assert "8.属于行政查询事项" in shifted[1][3] and "2 格" in shifted[1][3]
    headings = _found(findings, "duizhen-2020.md", "heading-numbering")
    assert [(line, column, code) for line, column, code, _ in headings] == [(25, 6, "GIA106"), (29, 6, "GIA106"), (33, 6, "GIA106"), (37, 6, "GIA106")]
    assert all("##" in m and "一、总体情况" in m for _, _, _, m in headings)
    assert "（二）依申请公开情况" in headings[0][3]


def test_duizhen_is_checked_against_the_2019_format() -> None:
    from gialint.config.loader import Loader
    from gialint.engine.linter import Linter
    from gialint.engine.plugin import get_plugin_manager
    from gialint.engine.registry import Registry

    registry = Registry(get_plugin_manager(load_entry_points=False))
    sets: dict[str, object] = {}
    for result in registry.plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    config = Loader(registry, sets).load_named("default")  # type: ignore[arg-type]
    linter = Linter(registry.plugins)
    chosen = {}
    for path in sorted(CORPUS.iterdir()):
        result = linter.lint_path(str(path), config)
        assert result.document is not None and result.document.format is not None
        chosen[path.name] = (result.document.year, result.document.format.id)
    assert chosen == {
        "caoba-2021.txt": (2021, "gov-2021"),
        "duizhen-2020.md": (2020, "gov-2019"),
        "kangyi-2021.txt": (2021, "gov-2021"),
        "weidian-2021.txt": (2021, "gov-2021"),
        "xinglong-2021.txt": (2021, "gov-2021"),
    }


def test_doubled_word_in_weidian(findings: dict[str, list[dict[str, object]]]) -> None:
    # 镇属单位单位负责人: the one doubled word in the corpus (issue #10 part 6); nothing else fires
    assert [(d["line"], d["column"]) for d in findings["weidian-2021.txt"] if d["rule"] == "doubled-word"] == [(22, 10)]
    new_rules = ("non-numeric-cell", "extra-section", "enumeration-order", "doubled-word", "plan-year", "prose-sum", "wrong-agency")
    assert [d["rule"] for ds in findings.values() for d in ds if d["rule"] in new_rules] == ["doubled-word"]
