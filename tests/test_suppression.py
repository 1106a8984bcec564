"""Inline suppression (``gialint-disable`` comments), ``--report-unused-disables`` and per-file
``overrides:`` (issue 4).

Every test first shows the finding fires without the directive (so a directive that silently
suppresses everything, or nothing, fails), then that the directive removes exactly what it names.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from gialint.cli.program import main
from gialint.engine.linter import Linter
from gialint.engine.selection import Selection
from gialint.testing import _environment, lint, make_config

ROOT = Path(__file__).resolve().parent.parent
CLEAN_TXT = ROOT / "tests" / "fixtures" / "reports" / "clean-2021.txt"
CLEAN_MD = ROOT / "tests" / "fixtures" / "reports" / "clean-2020.md"

# Three line-local rules, each easy to trigger on one line.
SEL = ("placeholder-text", "doubled-punctuation", "conversion-artifact")
PH, DP, CA = "placeholder-text", "doubled-punctuation", "conversion-artifact"


@pytest.fixture(autouse=True)
def _own_working_directory(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs may write a result cache in the working directory: keep it out of the repository."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def found(text: str, path: str = "report.md", select: tuple[str, ...] = SEL) -> set[tuple[int, str]]:
    return {(d.line, d.rule) for d in lint(text, path, select=select)}


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_json(*argv: str | Path) -> tuple[int, list[dict[str, object]], str]:
    code, out, err = run("check", "--format", "json", "--no-plugins", *argv)
    assert code in (0, 1), err
    return code, json.loads(out)["diagnostics"], err


def unused_linter() -> Linter:
    registry, _, _ = _environment()
    return Linter(registry.plugins, report_unused_disables=True)


def lint_unused(text: str, path: str, select: tuple[str, ...] = SEL) -> list[tuple[int, int, int, int, str, str]]:
    result = unused_linter().lint_text(path, text, make_config(), Selection(select))
    return [(d.line, d.column, d.end_line, d.end_column, d.code, d.rule) for d in result.diagnostics]


# A Markdown body with one defect per line for each of the three rules.
MD_DEFECTS = """# 康驿镇人民政府2021年政府信息公开工作年度报告

联系电话：XX

问题：：一是

[bookmark: _GoBack]
"""
# line 3: placeholder-text, line 5: doubled-punctuation, line 7: conversion-artifact


def test_markdown_defects_fire_without_directives() -> None:
    assert found(MD_DEFECTS) == {(3, PH), (5, DP), (7, CA)}


# --------------------------------------------------------------------------- Markdown


def test_markdown_disable_enable_block_by_name() -> None:
    text = """# 标题

联系电话：XX
<!-- gialint-disable placeholder-text -->
联系电话：XX
另一处：待填写
<!-- gialint-enable -->
联系电话：XX
"""
    assert found(text) == {(3, PH), (8, PH)}


def test_markdown_disable_block_by_code_runs_to_end_of_file_without_enable() -> None:
    text = """# 标题

联系电话：XX

<!-- gialint-disable GIA502 -->

联系电话：XX

问题：：一是

末尾：待填写
"""
    # placeholder-text is off from line 5 to the end; doubled-punctuation still fires
    assert found(text) == {(3, PH), (9, DP)}


def test_markdown_enable_one_rule_closes_only_that_rule() -> None:
    text = """# 标题

<!-- gialint-disable placeholder-text -->
<!-- gialint-disable doubled-punctuation -->
联系电话：XX，，一是
<!-- gialint-enable doubled-punctuation -->
联系电话：XX，，一是
<!-- gialint-enable -->
联系电话：XX，，一是
"""
    assert found(text) == {(7, DP), (9, PH), (9, DP)}


def test_markdown_disable_next_line_skips_blank_lines_and_covers_only_one_line() -> None:
    text = """# 标题

<!-- gialint-disable-next-line placeholder-text -->

联系电话：XX

联系电话：XX
"""
    assert found(text) == {(7, PH)}


def test_markdown_disable_line_at_end_of_line() -> None:
    text = """# 标题

联系电话：XX <!-- gialint-disable-line placeholder-text -->
联系电话：XX
问题：：一是<!--gialint-disable-line GIA503-->
"""
    assert found(text) == {(4, PH)}


def test_markdown_disable_line_for_one_rule_leaves_the_other_rules_on_that_line() -> None:
    text = """# 标题

联系电话：XX，，[bookmark: _GoBack] <!-- gialint-disable-line placeholder-text -->
"""
    assert found(text) == {(3, DP), (3, CA)}


def test_markdown_disable_file_without_rules_suppresses_every_rule() -> None:
    text = MD_DEFECTS + "\n<!-- gialint-disable-file -->\n"
    # every rule, not only the three selected: the whole default set finds nothing
    assert found(text, select=()) == set()
    assert found(MD_DEFECTS, select=()) != set()


def test_markdown_disable_file_with_one_rule_anywhere_in_the_file() -> None:
    # the directive stands after the defects and still covers the whole file
    text = MD_DEFECTS + "\n<!-- gialint-disable-file conversion-artifact -->\n"
    assert found(text) == {(3, PH), (5, DP)}


@pytest.mark.parametrize(
    "rules",
    [
        "placeholder-text doubled-punctuation",
        "placeholder-text, doubled-punctuation",
        "placeholder-text,doubled-punctuation",
        "GIA502 GIA503",
        "gia502、gia503",
        "GIA502，doubled-punctuation",
    ],
)
def test_markdown_several_rules_at_once(rules: str) -> None:
    text = f"""# 标题

<!-- gialint-disable {rules} -->
联系电话：XX，，[bookmark: _GoBack]
<!-- gialint-enable -->
联系电话：XX，，
"""
    assert found(text) == {(4, CA), (6, PH), (6, DP)}


def test_markdown_suppressed_line_still_gets_other_rules_findings() -> None:
    # absent-contact also reports the placeholder phone number; only placeholder-text is silenced
    text = """# 标题

<!-- gialint-disable-next-line placeholder-text -->
联系电话：XX
"""
    rules = {d.rule for d in lint(text, "report.md", select=(PH, "absent-contact")) if d.line == 4}
    assert rules == {"absent-contact"}
    unsuppressed = text.replace("<!-- gialint-disable-next-line placeholder-text -->", "")
    rules = {d.rule for d in lint(unsuppressed, "report.md", select=(PH, "absent-contact")) if d.line == 4}
    assert rules == {PH}  # one finding per cause: absent-contact yields to placeholder-text (issue #10)


def test_markdown_text_mentioning_the_word_without_a_comment_is_not_a_directive() -> None:
    text = """# 标题

本段提到 gialint-disable-file 但这不是注释。

联系电话：XX
"""
    assert found(text) == {(5, PH)}


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    "directive",
    [
        "【gialint-disable-next-line placeholder-text】",
        "[gialint-disable-next-line placeholder-text]",
        "<!-- gialint-disable-next-line placeholder-text -->",
        "# gialint-disable-next-line placeholder-text",
        "// gialint-disable-next-line placeholder-text",
        "gialint-disable-next-line placeholder-text",
        "【gialint-disable-next-line GIA502】",
        "  【 gialint-disable-next-line GIA502 】  ",
    ],
)
def test_txt_disable_next_line_in_every_wrapping(directive: str) -> None:
    text = f"""标题
{directive}
联系电话：XX
联系电话：XX
"""
    assert found(text, "report.txt") == {(4, PH)}


def test_txt_disable_next_line_skips_blank_lines() -> None:
    text = """标题
【gialint-disable-next-line placeholder-text】

联系电话：XX
联系电话：XX
"""
    assert found(text, "report.txt") == {(5, PH)}


def test_txt_disable_enable_block() -> None:
    text = """标题
联系电话：XX
# gialint-disable placeholder-text GIA503
联系电话：XX，，
[bookmark: _GoBack]
# gialint-enable
联系电话：XX，，
"""
    assert found(text, "report.txt") == {(2, PH), (5, CA), (7, PH), (7, DP)}


def test_txt_disable_file_without_rules() -> None:
    text = "<!-- gialint-disable-file -->\n" + MD_DEFECTS.replace("# ", "")
    assert found(text, "report.txt", select=()) == set()
    assert found(MD_DEFECTS.replace("# ", ""), "report.txt", select=()) != set()


@pytest.mark.parametrize(
    "directive",
    ["<!-- gialint-disable-file doubled-punctuation -->", "【gialint-disable-file GIA503】", "// gialint-disable-file doubled-punctuation"],
)
def test_txt_disable_file_with_a_rule(directive: str) -> None:
    text = f"""标题
问题：：一是
联系电话：XX
{directive}
问题：：二是
"""
    assert found(text, "report.txt") == {(3, PH)}


def test_txt_several_rules_at_once() -> None:
    text = """标题
【gialint-disable-next-line placeholder-text, GIA503 conversion-artifact】
联系电话：XX，，[bookmark: _GoBack]
联系电话：XX，，[bookmark: _GoBack]
"""
    assert found(text, "report.txt") == {(4, PH), (4, DP), (4, CA)}


def test_txt_directive_words_inside_a_sentence_are_not_a_directive() -> None:
    text = """标题
本报告未使用 gialint-disable-file 标记。
联系电话：XX
"""
    assert found(text, "report.txt") == {(3, PH)}


def test_txt_suppressed_line_still_gets_other_rules_findings() -> None:
    text = """标题
【gialint-disable-next-line placeholder-text】
联系电话：XX，，
"""
    assert found(text, "report.txt") == {(3, DP)}


# --------------------------------------------------------------------------- whole reports


def test_directives_in_a_clean_txt_report_add_no_findings_and_suppress_inserted_defects() -> None:
    """All rules on: a clean report with defects and directives inserted is still clean."""
    lines = CLEAN_TXT.read_text(encoding="utf-8").split("\n")
    assert lint("\n".join(lines), "report.txt") == []
    anchor = lines.index("一、总体情况")
    inserted = [
        "【gialint-disable-next-line placeholder-text GIA503】",
        "全年办理事项XX件，，均按时办结。",
        "# gialint-disable conversion-artifact",
        "[bookmark: _GoBack]",
        "# gialint-enable",
    ]
    defective = lines[: anchor + 1] + inserted[1:2] + inserted[3:4] + lines[anchor + 1 :]
    assert {d.rule for d in lint("\n".join(defective), "report.txt")} == {PH, DP, CA}
    suppressed = lines[: anchor + 1] + inserted + lines[anchor + 1 :]
    assert lint("\n".join(suppressed), "report.txt") == []


def test_directives_in_a_clean_markdown_report_add_no_findings() -> None:
    text = CLEAN_MD.read_text(encoding="utf-8")
    assert lint(text, "report.md") == []
    heading = "## 一、总体情况\n"
    assert heading in text
    defect = "全年办理事项XX件，，均按时办结。[bookmark: _GoBack]"
    with_defect = text.replace(heading, heading + "\n" + defect + "\n")
    assert {d.rule for d in lint(with_defect, "report.md")} == {PH, DP, CA}
    suppressed = text.replace(
        heading,
        heading + "\n" + defect + " <!-- gialint-disable-line placeholder-text doubled-punctuation GIA501 -->\n",
    )
    assert lint(suppressed, "report.md") == []


# --------------------------------------------------------------------------- --report-unused-disables

UNUSED_MD = """# 标题

联系电话：XX <!-- gialint-disable-line placeholder-text -->

正文一句。 <!-- gialint-disable-line placeholder-text -->

<!-- gialint-disable-next-line GIA503 -->
正文。
<!-- gialint-disable-next-line GIA503 -->
问题：：一是
<!-- gialint-disable conversion-artifact -->
<!-- gialint-enable -->
"""


def test_unused_disables_are_reported_at_their_exact_position_and_used_ones_are_not() -> None:
    got = lint_unused(UNUSED_MD, "report.md")
    directive = "<!-- gialint-disable-line placeholder-text -->"
    assert got == [
        # line 5: after 正文一句。 and a space (6 characters)
        (5, 7, 5, 7 + len(directive), "GIA003", "unused-disable"),
        (7, 1, 7, 1 + len("<!-- gialint-disable-next-line GIA503 -->"), "GIA003", "unused-disable"),
        (11, 1, 11, 1 + len("<!-- gialint-disable conversion-artifact -->"), "GIA003", "unused-disable"),
    ]


def test_unused_disable_file_is_reported_and_used_one_is_not() -> None:
    unused = "# 标题\n\n正文。\n\n<!-- gialint-disable-file -->\n"
    assert lint_unused(unused, "report.md") == [(5, 1, 5, 30, "GIA003", "unused-disable")]
    used = "# 标题\n\n联系电话：XX\n\n<!-- gialint-disable-file -->\n"
    assert lint_unused(used, "report.md") == []


def test_unused_disables_in_txt() -> None:
    text = """标题
【gialint-disable-next-line placeholder-text】
联系电话：XX
【gialint-disable-next-line placeholder-text】
正文。
"""
    assert lint_unused(text, "report.txt") == [(4, 1, 4, 1 + len("【gialint-disable-next-line placeholder-text】"), "GIA003", "unused-disable")]


def test_unused_indented_txt_directive_is_reported_at_the_directive_column() -> None:
    text = "标题\n  【gialint-disable-next-line placeholder-text】\n正文。\n"
    got = lint_unused(text, "report.txt")
    assert [(line, col) for line, col, *_ in got] == [(2, 3)]


def test_unused_disables_are_not_reported_without_the_flag() -> None:
    assert [d for d in lint(UNUSED_MD, "report.md", select=SEL) if d.rule == "unused-disable"] == []


def test_cli_report_unused_disables(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(UNUSED_MD, encoding="utf-8")
    code, diags, _ = run_json(report, "--select", ",".join(SEL), "--report-unused-disables")
    got = [(d["line"], d["column"], d["code"], d["rule"], d["severity"]) for d in diags]
    assert got == [
        (5, 7, "GIA003", "unused-disable", "warning"),
        (7, 1, "GIA003", "unused-disable", "warning"),
        (11, 1, "GIA003", "unused-disable", "warning"),
    ]
    assert code == 1
    code, diags, _ = run_json(report, "--select", ",".join(SEL))
    assert diags == [] and code == 0


def test_cli_unused_disable_severity_from_config(tmp_path: Path) -> None:
    (tmp_path / ".gialint.yaml").write_text("rules:\n  unused-disable: error\n", encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text(UNUSED_MD, encoding="utf-8")
    _, diags, _ = run_json(report, "--select", ",".join(SEL), "--report-unused-disables")
    assert {d["severity"] for d in diags} == {"error"} and len(diags) == 3


def test_cli_ignore_unused_disable(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(UNUSED_MD, encoding="utf-8")
    _, diags, _ = run_json(report, "--select", ",".join(SEL), "--report-unused-disables", "--ignore", "GIA003")
    assert diags == []


def test_cli_unused_disable_off_in_config(tmp_path: Path) -> None:
    (tmp_path / ".gialint.yaml").write_text("rules:\n  unused-disable: off\n", encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text(UNUSED_MD, encoding="utf-8")
    _, diags, _ = run_json(report, "--select", ",".join(SEL), "--report-unused-disables")
    assert diags == []


# --------------------------------------------------------------------------- per-file overrides

DEFECTS_TXT = "标题\n联系电话：XX\n问题：：一是\n"


def _tree(root: Path, config: str, files: list[str]) -> None:
    (root / ".gialint.yaml").write_text(config, encoding="utf-8")
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DEFECTS_TXT, encoding="utf-8")


def _by_file(diags: list[dict[str, object]], root: Path) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    for d in diags:
        rel = Path(str(d["path"])).resolve().relative_to(root.resolve()).as_posix()
        out.setdefault(rel, set()).add((str(d["rule"]), str(d["severity"])))
    return out


OVERRIDES = """\
overrides:
  - files: ['drafts/*.txt']
    rules:
      placeholder-text: off
      doubled-punctuation: error
"""


def test_override_turns_a_rule_off_and_changes_a_severity_for_matching_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()
    _tree(project, OVERRIDES, ["drafts/a.txt", "final/a.txt", "final/drafts/a.txt", "a.txt"])
    # run from elsewhere: the glob is relative to the config's folder, not to the working directory
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, diags, _ = run_json(project, "--select", f"{PH},{DP}")
    default = {(PH, "error"), (DP, "warning")}
    assert _by_file(diags, project) == {
        "drafts/a.txt": {(DP, "error")},
        "final/a.txt": default,
        "final/drafts/a.txt": default,
        "a.txt": default,
    }


def test_override_applies_when_the_file_is_named_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, OVERRIDES, ["drafts/a.txt", "final/a.txt"])
    monkeypatch.chdir(tmp_path / "drafts")
    _, diags, _ = run_json("a.txt", tmp_path / "final" / "a.txt", "--select", f"{PH},{DP}")
    got = {(Path(str(d["path"])).resolve().parent.name, d["rule"], d["severity"]) for d in diags}
    assert got == {("drafts", DP, "error"), ("final", PH, "error"), ("final", DP, "warning")}


def test_override_by_code_and_turning_a_rule_on_for_some_files(tmp_path: Path) -> None:
    config = """\
rules:
  doubled-punctuation: off
overrides:
  - files: ['drafts/*']
    rules:
      GIA503: info
      GIA502: off
"""
    _tree(tmp_path, config, ["drafts/a.txt", "final/a.txt"])
    code, diags, _ = run_json(tmp_path / "drafts", "--select", f"{PH},{DP}")
    assert _by_file(diags, tmp_path) == {"drafts/a.txt": {(DP, "info")}}
    assert code == 0  # info is below the default --fail-on warning
    code, diags, _ = run_json(tmp_path / "final", "--select", f"{PH},{DP}")
    assert _by_file(diags, tmp_path) == {"final/a.txt": {(PH, "error")}}
    assert code == 1


def test_later_override_wins_and_non_matching_override_changes_nothing(tmp_path: Path) -> None:
    config = """\
overrides:
  - files: ['*.txt']
    rules:
      placeholder-text: warning
  - files: ['special.txt']
    rules:
      placeholder-text: info
  - files: ['*.md']
    rules:
      doubled-punctuation: off
"""
    _tree(tmp_path, config, ["special.txt", "other.txt"])
    _, diags, _ = run_json(tmp_path, "--select", f"{PH},{DP}")
    assert _by_file(diags, tmp_path) == {
        "special.txt": {(PH, "info"), (DP, "warning")},
        "other.txt": {(PH, "warning"), (DP, "warning")},
    }


def test_override_unknown_rule_is_a_config_error(tmp_path: Path) -> None:
    config = "overrides:\n  - files: ['*.txt']\n    rules:\n      no-such-rule: off\n"
    _tree(tmp_path, config, ["a.txt"])
    code, out, err = run("check", "--no-plugins", tmp_path)
    assert code == 2
    assert "no-such-rule" in err and ".gialint.yaml" in err
