"""Acceptance for issue #3, "The national formats as data".

* one altered cell of a clean 2021 report → exactly one ``table-totals`` naming row, column and
  numbers (zh and en); restoring the cell clears it;
* a 2021 report with the 2019 tables → ``format-version``; the 2020 report with them → none;
* ``gialint explain table-totals`` lists the relations of the active format(s);
* a provincial format is a YAML file only (extra row + relation), and its errors are located;
* the default set picks gov-2019 for 2019/2020 and gov-2021 from 2021; ``format:`` pins one.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from gialint.cli.program import main
from gialint.config.loader import Loader
from gialint.config.model import Config
from gialint.engine.linter import FileResult, Linter
from gialint.engine.plugin import get_plugin_manager
from gialint.engine.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021_MD = ROOT / "examples" / "clean-2021.md"
CLEAN_2021_TXT = ROOT / "tests" / "fixtures" / "reports" / "clean-2021.txt"
CLEAN_2020_MD = ROOT / "tests" / "fixtures" / "reports" / "clean-2020.md"


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Run:
    code: int
    diagnostics: list[dict[str, object]]
    err: str

    def rule(self, name: str) -> list[dict[str, object]]:
        return [d for d in self.diagnostics if d["rule"] == name]


def check(*paths: Path, lang: str = "zh", extra: tuple[str, ...] = ()) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", *map(str, paths), "--format", "json", "--no-plugins", "--lang", lang, *extra], out=out, err=err)
    assert "Traceback" not in err.getvalue()
    diagnostics = json.loads(out.getvalue())["diagnostics"] if out.getvalue() else []
    return Run(code, diagnostics, err.getvalue())


def explain(*extra: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main(["explain", "table-totals", "--no-plugins", *extra], out=out, err=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


def _environment() -> tuple[Linter, Loader]:
    registry = Registry(get_plugin_manager(load_entry_points=False))
    sets: dict[str, object] = {}
    for result in registry.plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    return Linter(registry.plugins), Loader(registry, sets)  # type: ignore[arg-type]


def lint_with(text: str, path: str, **top: object) -> FileResult:
    """Lint with the default set plus top-level config keys (``year``, ``format`` …)."""
    linter, loader = _environment()
    config: Config = loader.load_mapping({k.replace("_", "-"): v for k, v in top.items()}, "<test>", Path.cwd())
    return linter.lint_text(path, text, config)


def set_cell(line: str, index: int, value: str) -> tuple[str, int]:
    """Replace the ``index``-th cell (0-based, label cell included) of a Markdown or tab row.

    Returns the new line and the 1-based column where the new value starts.
    """
    if line.startswith("|"):
        cells = line.split("|")[1:-1]
        cells[index] = f" {value} "
        new = "|" + "|".join(cells) + "|"
        column = len("|" + "|".join(cells[:index]) + "|") + 2
    else:
        cells = line.split("\t")
        cells[index] = value
        new = "\t".join(cells)
        column = len("\t".join(cells[:index])) + (2 if index else 1)
    return new, column


def cell_of(line: str, index: int) -> str:
    cells = line.split("|")[1:-1] if line.startswith("|") else line.split("\t")
    return cells[index].strip()


# --------------------------------------------------------------------------- 2: one altered cell


@dataclass(frozen=True)
class Cell:
    id: str
    md_line: int
    txt_line: int
    index: int
    """0-based cell index in the row (table 三: 0 is the label; table 四: no label cell)."""
    old: str
    new: str
    row: str
    columns: tuple[str, ...]
    """Every label that names the column (table 四: the header group and the column)."""
    numbers: tuple[str, ...]
    broken: int
    """How many relations the altered cell breaks."""
    at_cell: bool = True
    """Whether the diagnostic sits at the altered cell (one broken relation: at its first term)."""


CELLS = (
    Cell(
        "三-disclosed-natural", 74, 62, 1, "1", "2", "（一）予以公开", ("自然人",),
        ("2 = 2 ≠ 2 + 1 + 0 + 0 + 0 + 0 = 3", "3 = 3 ≠ 2 + 1 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 1 +", "= 4"), 2,
    ),
    Cell(
        "三-disclosed-total", 74, 62, 7, "2", "3", "（一）予以公开", ("总计",),
        ("3 = 3 ≠ 1 + 1 + 0 + 0 + 0 + 0 = 2", "4 = 4 ≠ 3 + 1 + 0 + 0", "= 5"), 2,
    ),
    Cell(
        "三-total-row-natural", 99, 87, 1, "3", "4", "（七）总计", ("自然人",),
        ("3 + 1 = 4 ≠ 4 + 1 = 5", "4 = 4 ≠ 1 + 1 + 0", "4 = 4 ≠ 4 + 1 + 0 + 0 + 0 + 0 = 5"), 3,
    ),
    Cell(
        "三-new-natural", 71, 59, 1, "3", "5", "一、本年新收政府信息公开申请数量", ("自然人",),
        ("5 + 1 = 6 ≠ 3 + 1 = 4", "4 = 4 ≠ 5 + 1 + 0 + 0 + 0 + 0 = 6"), 2,
    ),
    Cell(
        "四-review-upheld", 106, 93, 0, "1", "2", "", ("行政复议", "结果维持"),
        ("1 = 1 ≠ 2 + 0 + 0 + 0 = 2",), 1, at_cell=False,
    ),
)

SOURCES = {"md": (CLEAN_2021_MD, "md_line"), "txt": (CLEAN_2021_TXT, "txt_line")}


def _altered(tmp_path: Path, source: str, cell: Cell) -> tuple[Path, str, int, int]:
    """Write the report with ``cell`` altered; return (path, original text, line, column)."""
    src, attr = SOURCES[source]
    text = src.read_text(encoding="utf-8")
    lines = text.split("\n")
    line_no: int = getattr(cell, attr)
    assert cell_of(lines[line_no - 1], cell.index) == cell.old, "fixture changed: wrong cell"
    lines[line_no - 1], column = set_cell(lines[line_no - 1], cell.index, cell.new)
    report = tmp_path / f"report.{source}"
    report.write_text("\n".join(lines), encoding="utf-8")
    return report, text, line_no, column


@pytest.mark.parametrize("source", ["md", "txt"])
def test_clean_2021_reports_are_clean(source: str) -> None:
    run = check(SOURCES[source][0])
    assert run.code == 0
    assert run.diagnostics == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("source", ["md", "txt"])
@pytest.mark.parametrize("cell", CELLS, ids=lambda c: c.id)
def test_one_altered_cell_one_table_totals(tmp_path: Path, cell: Cell, source: str, lang: str) -> None:
    report, original, line_no, column = _altered(tmp_path, source, cell)
    run = check(report, lang=lang)
    assert run.code == 1
    # exactly one diagnostic in all, and it is table-totals
    assert [(d["rule"], d["code"], d["line"]) for d in run.diagnostics] == [("table-totals", "GIA203", line_no)], run.diagnostics
    found = run.diagnostics[0]
    if cell.at_cell:
        assert found["column"] == column
    message = str(found["message"])
    for numbers in cell.numbers:
        assert numbers in message, message
    if cell.broken > 1:
        assert (f"{cell.broken} 处勾稽关系不成立" if lang == "zh" else f"breaks {cell.broken} relations") in message
        assert (f"的数值 {cell.new} " if lang == "zh" else f"= {cell.new} breaks") in message
    # restoring the cell clears it
    report.write_text(original, encoding="utf-8")
    restored = check(report, lang=lang)
    assert restored.code == 0
    assert restored.diagnostics == []


def _names_params() -> list[object]:
    params: list[object] = []
    for cell in CELLS:
        for lang in ("zh", "en"):
            params.append(pytest.param(cell, lang, id=f"{cell.id}-{lang}"))
    return params


@pytest.mark.parametrize(("cell", "lang"), _names_params())
def test_altered_cell_message_names_row_and_column(tmp_path: Path, cell: Cell, lang: str) -> None:
    report, _, _, _ = _altered(tmp_path, "md", cell)
    [found] = check(report, lang=lang).rule("table-totals")
    message = str(found["message"])
    assert cell.row in message  # table 四's one row of figures has no label: it is named by its columns
    assert "数据行" not in message and "“”" not in message and '""' not in message
    for label in cell.columns:
        assert label in message, message
    if cell.broken > 1:
        # the cell itself is named: row and column together
        row_zh, row_en = (f"“{cell.row}”行", f'row "{cell.row}", ') if cell.row else ("", "")
        expected = f"{row_zh}“{cell.columns[-1]}”列" if lang == "zh" else f'{row_en}column "{cell.columns[-1]}"'
        assert expected in message
    assert ("表" if lang == "zh" else "table ") + ("三" if cell.id.startswith("三") else "四") in message


# --------------------------------------------------------------------------- 3: format-version


def _spliced_2021_with_2019_tables() -> str:
    """clean-2021.md with its part 二 tables replaced by clean-2020.md's (2019 format)."""
    new = CLEAN_2021_MD.read_text(encoding="utf-8").split("\n")
    old = CLEAN_2020_MD.read_text(encoding="utf-8").split("\n")
    # part 二 tables: from **第二十条第（一）项** to the line before the part 三 heading
    start_new, end_new = new.index("**第二十条第（一）项**"), new.index("## 三、收到和处理政府信息公开申请情况")
    start_old, end_old = old.index("**第二十条第（一）项**"), old.index("## 三、收到和处理政府信息公开申请情况")
    assert (start_new, end_new, start_old, end_old) == (36, 62, 36, 69)
    spliced = new[:start_new] + old[start_old:end_old] + new[end_new:]
    assert "本年新制作数量" in old[start_old + 2] and "| 政府集中采购 | 2 | 12.6万元 |" in spliced
    return "\n".join(spliced)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_2021_report_with_2019_tables_gets_format_version(tmp_path: Path, lang: str) -> None:
    report = tmp_path / "report.md"
    report.write_text(_spliced_2021_with_2019_tables(), encoding="utf-8")
    run = check(report, lang=lang)
    assert run.code == 1
    assert [(d["rule"], d["code"], d["line"], d["column"]) for d in run.diagnostics] == [("format-version", "GIA104", 39, 10)]
    message = str(run.diagnostics[0]["message"])
    for label in ("本年新制作数量", "上一年项目数量", "政府集中采购", "国办公开办函〔2021〕30号", "2021"):
        assert label in message, message
    assert ("第二部分" if lang == "zh" else "part 二") in message


def test_2020_report_with_2019_tables_has_no_format_version() -> None:
    run = check(CLEAN_2020_MD)
    assert run.rule("format-version") == []
    assert run.code == 0 and run.diagnostics == []


def test_2020_report_pinned_to_2021_gets_format_version(tmp_path: Path) -> None:
    """The check is about the format, not the year: pin gov-2021 and the 2019 tables are foreign."""
    (tmp_path / ".gialint.yaml").write_text("format: gov-2021\n", encoding="utf-8")
    report = tmp_path / "clean-2020.md"
    report.write_text(CLEAN_2020_MD.read_text(encoding="utf-8"), encoding="utf-8")
    found = check(report, lang="en").rule("format-version")
    assert [(d["line"], d["column"]) for d in found] == [(3, 76), (39, 10)]
    assert "国办公开办函〔2019〕60号" in str(found[0]["message"])
    assert "本年新制作数量" in str(found[1]["message"]) and "a 2020 report must use" in str(found[1]["message"])


# --------------------------------------------------------------------------- 4: explain


RELATION_IDS = ("三-balance", "三-total", "三-applicants", "四-review", "四-direct", "四-after")


def _section(text: str, fmt_id: str) -> str:
    """The block of ``explain`` output for one format (from its header to the next blank line)."""
    match = re.search(rf"^{re.escape(fmt_id)} — .*?(?=\n\n|\Z)", text, re.M | re.S)
    assert match is not None, f"no section for {fmt_id}:\n{text}"
    return match.group(0)


def _relation_line(section: str, rel_id: str) -> str:
    match = re.search(rf"^  {re.escape(rel_id)} \[.*$", section, re.M)
    assert match is not None, f"no line for {rel_id}:\n{section}"
    return match.group(0)


def test_explain_lists_both_national_formats_by_default() -> None:
    text = explain()
    assert "Relations of the active format(s) / 当前格式的勾稽关系:" in text
    for fmt_id, name, document, years in (
        ("gov-2019", "中华人民共和国政府信息公开工作年度报告格式（试行）", "国办公开办函〔2019〕60号", "2019–2020"),
        ("gov-2021", "中华人民共和国政府信息公开工作年度报告格式（2021年修订）", "国办公开办函〔2021〕30号", "2021–"),
    ):
        section = _section(text, fmt_id)
        assert section.splitlines()[0] == f"{fmt_id} — {name} ({document}; reports {years}):"
        for rel_id in RELATION_IDS:
            _relation_line(section, rel_id)
        # keys are shown as their readable labels, never as keys
        balance = _relation_line(section, "三-balance")
        assert balance.startswith("  三-balance [表三，每一列]: 一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = ")
        assert balance.endswith(" + 四、结转下年度继续办理")
        applicants = _relation_line(section, "三-applicants")
        assert applicants == "  三-applicants [表三，每一行]: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他"
        assert _relation_line(section, "四-review").startswith("  四-review [表四，每一行]: ")
        assert "第一项加第二项之和，等于第三项加第四项之和" in section
        assert "new + carried over = handled in total + carried to next year" in section
        assert "next-year" not in section and "withheld-secret" not in section
    # the two formats differ in （六）其他处理: one value row (2019), three sub-rows (2021)
    total_2019 = _relation_line(_section(text, "gov-2019"), "三-total")
    total_2021 = _relation_line(_section(text, "gov-2021"), "三-total")
    assert total_2019.endswith(" + （六）其他处理")
    assert total_2021.endswith(
        " + 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        " + 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 + 3.其他"
    )
    assert "（一）予以公开 + （二）部分公开（区分处理的，只计这一情形，不计其他情形） + 1.属于国家秘密" in total_2021


def test_explain_with_pinned_format_lists_only_it(tmp_path: Path) -> None:
    config = tmp_path / "pinned.yaml"
    config.write_text("format: gov-2021\n", encoding="utf-8")
    text = explain("--config", str(config))
    section = _section(text, "gov-2021")
    for rel_id in RELATION_IDS:
        _relation_line(section, rel_id)
    assert "gov-2019" not in text
    assert "国办公开办函〔2019〕60号" not in text
    assert "（六）其他处理\n" not in text  # the 2019-only (六) value row


def test_explain_labels_follow_the_relation_scope() -> None:
    section = _section(explain(), "gov-2021")
    assert _relation_line(section, "三-balance").endswith(" = （七）总计 + 四、结转下年度继续办理")
    assert ": （七）总计 = （一）予以公开 + " in _relation_line(section, "三-total")
    assert _relation_line(section, "四-review").endswith(": 行政复议总计 = 行政复议结果维持 + 行政复议结果纠正 + 行政复议其他结果 + 行政复议尚未审结")
    assert "复议后起诉总计 = 复议后起诉结果维持" in _relation_line(section, "四-after")


# --------------------------------------------------------------------------- 5: a provincial format in YAML

PROVINCE = """\
# A made-up provincial format: the national 2021 one plus a row in table 三 and a relation over it.
format:
  id: testprov-2021
  name: {zh: 测试省政府信息公开工作年度报告格式, en: Test province format}
  base: gov-2021
  years: {from: 2021}
  add-rows:
    三: [{key: completed, label: 五、本年办结政府信息公开申请数量, after: next-year}]
  relations:
    - id: prov-completed
      table: 三
      for: each-column
      expr: 'completed = new + carried - next-year'
      doc: {zh: 本年办结数等于本年新收加上年结转减结转下年度, en: completed = new + carried over - carried to next year}
"""
PROVINCE_ROW = "五、本年办结政府信息公开申请数量"
NEXT_YEAR_LINE = 100  # "| 四、结转下年度继续办理 | 1 | 0 | … | 1 |" in examples/clean-2021.md


def _province(tmp_path: Path, config: str = PROVINCE, row: str | None = None) -> Path:
    (tmp_path / ".gialint.yaml").write_text(config, encoding="utf-8")
    lines = CLEAN_2021_MD.read_text(encoding="utf-8").split("\n")
    assert lines[NEXT_YEAR_LINE - 1].startswith("| 四、结转下年度继续办理 |")
    if row is not None:
        lines.insert(NEXT_YEAR_LINE, row)
    report = tmp_path / "report.md"
    report.write_text("\n".join(lines), encoding="utf-8")
    return report


def test_province_format_is_chosen_for_2021(tmp_path: Path) -> None:
    _province(tmp_path)
    linter, loader = _environment()
    config = loader.load_file(tmp_path / ".gialint.yaml")
    assert [f.id for f in config.formats] == ["gov-2019", "gov-2021", "testprov-2021"]
    result = linter.lint_text("report.md", CLEAN_2021_MD.read_text(encoding="utf-8"), config)
    assert result.document is not None and result.document.format is not None
    fmt = result.document.format
    assert fmt.id == "testprov-2021"
    keys = [r.key for r in fmt.table("三").rows]  # type: ignore[union-attr]
    assert keys[-2:] == ["next-year", "completed"]
    assert [r.id for r in fmt.relations][-1] == "prov-completed"
    # the 2020 report still follows gov-2019
    old = linter.lint_text("clean-2020.md", CLEAN_2020_MD.read_text(encoding="utf-8"), config)
    assert old.document is not None and old.document.format is not None and old.document.format.id == "gov-2019"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_province_report_without_the_row_gets_missing_table(tmp_path: Path, lang: str) -> None:
    run = check(_province(tmp_path), lang=lang)
    assert run.code == 1
    assert [(d["rule"], d["code"], d["line"]) for d in run.diagnostics] == [("missing-table", "GIA103", NEXT_YEAR_LINE)]
    message = str(run.diagnostics[0]["message"])
    assert PROVINCE_ROW in message and "四、结转下年度继续办理" in message


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_province_report_breaking_the_new_relation_gets_table_totals(tmp_path: Path, lang: str) -> None:
    # 自然人: 2 ≠ 3 + 1 - 1; 总计: 3 ≠ 4 + 1 - 1. The row's own sum holds (2 + 1 = 3): only the new relation fails.
    report = _province(tmp_path, row=f"| {PROVINCE_ROW} | 2 | 1 | 0 | 0 | 0 | 0 | 3 |")
    run = check(report, lang=lang)
    assert run.code == 1
    line = NEXT_YEAR_LINE + 1
    assert [(d["rule"], d["line"], d["column"]) for d in run.diagnostics] == [("table-totals", line, 22), ("table-totals", line, 46)]
    natural, total = (str(d["message"]) for d in run.diagnostics)
    doc = "本年办结数等于本年新收加上年结转减结转下年度" if lang == "zh" else "completed = new + carried over - carried to next year"
    assert doc in natural and doc in total
    assert "自然人" in natural and "2 = 2 ≠ 3 + 1 - 1 = 3" in natural
    assert "总计" in total and "3 = 3 ≠ 4 + 1 - 1 = 4" in total


def test_province_report_breaking_a_cell_of_the_new_row_names_it(tmp_path: Path) -> None:
    # 总计 5: breaks the new relation (5 ≠ 4) and the national row sum (5 ≠ 3 + 1) at one cell.
    report = _province(tmp_path, row=f"| {PROVINCE_ROW} | 3 | 1 | 0 | 0 | 0 | 0 | 5 |")
    [found] = check(report, lang="en").diagnostics
    assert (found["rule"], found["line"], found["column"]) == ("table-totals", NEXT_YEAR_LINE + 1, 46)
    message = str(found["message"])
    assert f'row "{PROVINCE_ROW}", column "总计" = 5 breaks 2 relations' in message
    assert "5 = 5 ≠ 4 + 1 - 1 = 4" in message and "5 = 5 ≠ 3 + 1 + 0 + 0 + 0 + 0 = 4" in message


@pytest.mark.parametrize("source", ["md", "txt"])
def test_province_report_satisfying_it_is_clean(tmp_path: Path, source: str) -> None:
    if source == "md":
        report = _province(tmp_path, row=f"| {PROVINCE_ROW} | 3 | 1 | 0 | 0 | 0 | 0 | 4 |")
    else:
        (tmp_path / ".gialint.yaml").write_text(PROVINCE, encoding="utf-8")
        lines = CLEAN_2021_TXT.read_text(encoding="utf-8").split("\n")
        assert lines[87].startswith("四、结转下年度继续办理\t")
        lines.insert(88, "\t".join([PROVINCE_ROW, "3", "1", "0", "0", "0", "0", "4"]))
        report = tmp_path / "report.txt"
        report.write_text("\n".join(lines), encoding="utf-8")
    run = check(report)
    assert run.code == 0
    assert run.diagnostics == []


def test_explain_lists_the_province_relation(tmp_path: Path) -> None:
    _province(tmp_path)
    text = explain("--config", str(tmp_path / ".gialint.yaml"))
    section = _section(text, "testprov-2021")
    assert section.splitlines()[0].startswith("testprov-2021 — 测试省政府信息公开工作年度报告格式 (")
    line = _relation_line(section, "prov-completed")
    assert line.startswith(f"  prov-completed [表三，每一列]: {PROVINCE_ROW} = 一、本年新收政府信息公开申请数量 + ")
    assert line.endswith(" - 四、结转下年度继续办理")
    assert "本年办结数等于本年新收加上年结转减结转下年度 / completed = new + carried over - carried to next year" in section
    for rel_id in RELATION_IDS:  # inherited from gov-2021
        _relation_line(section, rel_id)


def _config_error(tmp_path: Path, config: str) -> str:
    report = _province(tmp_path, config=config)
    run = check(report)
    assert run.code == 2, run
    assert run.diagnostics == []
    assert run.err.endswith("gialint: 配置有误，没有进行检查\n")
    return run.err.splitlines()[0]


def test_province_relation_with_unknown_key_is_a_located_config_error(tmp_path: Path) -> None:
    bad = PROVINCE.replace("'completed = new + carried - next-year'", "'completed = new + carried - next-yr'")
    assert bad != PROVINCE
    first = _config_error(tmp_path, bad)
    path = str(tmp_path / ".gialint.yaml")
    assert first == f"{path}:13:13: format[testprov-2021].relations[prov-completed].expr: 'next-yr' is not a value row key of table 三"


def test_province_relation_over_a_group_row_is_a_located_config_error(tmp_path: Path) -> None:
    bad = PROVINCE.replace("'completed = new + carried - next-year'", "'completed = results'")
    first = _config_error(tmp_path, bad)
    assert first.startswith(f"{tmp_path / '.gialint.yaml'}:13:13: ")
    assert "'results' is not a value row key of table 三" in first


def test_province_relation_with_unknown_table_is_a_located_config_error(tmp_path: Path) -> None:
    bad = PROVINCE.replace("      table: 三\n", "      table: 五\n")
    first = _config_error(tmp_path, bad)
    assert first == f"{tmp_path / '.gialint.yaml'}:11:14: format[testprov-2021].relations[prov-completed].table: no table '五' in this format"


def test_province_unknown_base_is_a_located_config_error(tmp_path: Path) -> None:
    first = _config_error(tmp_path, PROVINCE.replace("base: gov-2021", "base: gov-2022"))
    assert first.startswith(f"{tmp_path / '.gialint.yaml'}:5:9: format[testprov-2021].base: unknown format 'gov-2022'")


def test_province_add_rows_after_unknown_key_is_a_config_error(tmp_path: Path) -> None:
    first = _config_error(tmp_path, PROVINCE.replace("after: next-year", "after: new-year"))
    assert first.startswith(f"{tmp_path / '.gialint.yaml'}:8:")
    assert "new-year" in first


def test_province_add_rows_duplicate_key_is_a_config_error(tmp_path: Path) -> None:
    first = _config_error(tmp_path, PROVINCE.replace("key: completed", "key: new").replace("completed = new + carried - next-year", "new = new"))
    assert first.startswith(f"{tmp_path / '.gialint.yaml'}:8:")
    assert "'new'" in first


# --------------------------------------------------------------------------- 6: which format applies


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2019, "gov-2019"), (2020, "gov-2019"), (2021, "gov-2021"), (2022, "gov-2021"), (2030, "gov-2021"), (2018, None)],
)
def test_default_set_chooses_format_by_year(year: int, expected: str | None) -> None:
    result = lint_with(CLEAN_2021_MD.read_text(encoding="utf-8"), "report.md", year=year)
    assert result.document is not None
    assert result.document.year == year
    assert (result.document.format.id if result.document.format else None) == expected


@pytest.mark.parametrize(
    ("source", "year", "expected"),
    [(CLEAN_2020_MD, 2020, "gov-2019"), (CLEAN_2021_MD, 2021, "gov-2021"), (CLEAN_2021_TXT, 2021, "gov-2021")],
    ids=["clean-2020.md", "clean-2021.md", "clean-2021.txt"],
)
def test_year_from_the_report_chooses_format(source: Path, year: int, expected: str) -> None:
    result = lint_with(source.read_text(encoding="utf-8"), source.name)
    assert result.document is not None and result.document.format is not None
    assert (result.document.year, result.document.format.id) == (year, expected)
    assert [f.id for f in result.document.other_formats] == [{"gov-2019": "gov-2021", "gov-2021": "gov-2019"}[expected]]


@pytest.mark.parametrize("year", [2019, 2021, 2023])
def test_format_gov_2019_pins_it(year: int) -> None:
    result = lint_with(CLEAN_2021_MD.read_text(encoding="utf-8"), "report.md", year=year, format="gov-2019")
    assert result.document is not None and result.document.format is not None
    assert result.document.format.id == "gov-2019"


def test_pinned_gov_2019_reports_the_2021_tables(tmp_path: Path) -> None:
    (tmp_path / ".gialint.yaml").write_text("format: gov-2019\n", encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text(CLEAN_2021_MD.read_text(encoding="utf-8"), encoding="utf-8")
    found = check(report, lang="en").rule("format-version")
    assert [(d["line"], d["column"]) for d in found] == [(3, 62), (39, 10), (96, 3)]
    assert "国办公开办函〔2021〕30号" in str(found[0]["message"]) and "国办公开办函〔2019〕60号" in str(found[0]["message"])
    assert "本年制发件数" in str(found[1]["message"])
    assert "1.申请人无正当理由逾期不补正" in str(found[2]["message"])


def test_unknown_pinned_format_is_a_located_config_error(tmp_path: Path) -> None:
    (tmp_path / ".gialint.yaml").write_text("lang: en\nformat: gov-2020\n", encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text(CLEAN_2021_MD.read_text(encoding="utf-8"), encoding="utf-8")
    run = check(report)
    assert run.code == 2
    assert run.err.splitlines()[0] == f"{tmp_path / '.gialint.yaml'}:2:9: format: unknown format 'gov-2020'; known formats: gov-2019, gov-2021"



def test_province_statement_summing_cells_of_two_tables_is_a_config_error(tmp_path: Path) -> None:
    bad = PROVINCE + "  statements:\n    - pattern: '诉讼(?P<n>\\d+)件'\n      cell: 四.cases.direct-total + 三.new.total\n"
    first = _config_error(tmp_path, bad)
    assert first.startswith(f"{tmp_path / '.gialint.yaml'}:")
    assert "a sum of cells of one table" in first
