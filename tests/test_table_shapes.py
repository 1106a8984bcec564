"""Tables in every textual shape (issue #10 part 1): found by the format's labels, read by
whichever separator the text uses, and checked (勾稽关系) on the 2019 and the 2021 templates.

The shapes are rendered here from the constructed clean reports (examples/clean-2021.md and
tests/fixtures/reports/clean-2020.md): every Markdown pipe table is rewritten as pipes without a
separator line, a row broken over lines, one cell per line, runs of spaces or ideographic
spaces, a whole table on one line, or figures joined with no separator.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gialint.engine.selection import Selection
from gialint.formats.labels import builtin_formats
from gialint.model.diagnostic import Diagnostic
from gialint.model.document import Document
from gialint.read.parse.joined import row_splits
from gialint.testing import _environment, make_config

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021 = (ROOT / "examples" / "clean-2021.md").read_text(encoding="utf-8")
CLEAN_2020 = (ROOT / "tests" / "fixtures" / "reports" / "clean-2020.md").read_text(encoding="utf-8")
_SEPARATOR = re.compile(r"^\|[-:| ]+\|$")
_INTEGER = re.compile(r"^\d+$")

SHAPES = ("pipe-text", "pipe-broken", "cell-per-line", "spaces", "ideographic", "flattened", "joined")


def _render_row(cells: list[str], shape: str) -> list[str]:
    filled = [c for c in cells if c]
    if shape == "pipe-text":
        return [" | ".join(cells)]
    if shape == "pipe-broken":
        return [f"{c} |" for c in cells]
    if shape == "cell-per-line":
        return filled
    if shape == "spaces":
        return ["  ".join(filled)]
    if shape == "ideographic":
        return ["\u3000".join(filled)]
    if shape == "joined":
        values = filled[1:] if filled and not _INTEGER.match(filled[0]) else filled
        if values and all(_INTEGER.match(v) for v in values):
            return [(filled[0] if values is not filled else "") + "".join(values)]
        return ["".join(filled) if not values else "  ".join(filled)]
    raise ValueError(shape)


def render(markdown: str, shape: str) -> str:
    """``markdown`` with every pipe table written in ``shape``."""
    out: list[str] = []
    table: list[str] = []
    for line in markdown.split("\n"):
        if _SEPARATOR.match(line):
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if shape == "flattened":
                table.extend(c for c in cells if c)
            else:
                out.extend(_render_row(cells, shape))
            continue
        if table:
            out.append(" ".join(table))
            table = []
        out.append(line)
    return "\n".join(out)


TABLE_RULES = (
    "missing-table", "table-labels", "table-totals", "empty-cell", "unbalanced-table", "table-unchecked",
    "text-table-mismatch", "implausible-value", "format-version",
)


def check(text: str, path: str, rules: tuple[str, ...] = ()) -> tuple[list[Diagnostic], Document]:
    """Findings (of ``rules`` only, if given) and the document."""
    _, _, linter = _environment()
    result = linter.lint_text(path, text, make_config(), Selection(rules))
    assert result.document is not None
    return list(result.diagnostics), result.document


def alter_total_row(markdown: str, natural: int, business: int) -> str:
    """The （七）总计 row with other 自然人/商业企业 figures and the same row total."""
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("| （七）总计 |"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            assert int(cells[1]) + int(cells[2]) == natural + business
            cells[1], cells[2] = str(natural), str(business)
            lines[i] = "| " + " | ".join(cells) + " |"
            return "\n".join(lines)
    raise AssertionError("no （七）总计 row")


BASES = {
    "2021.md": (CLEAN_2021, "report.md"),
    "2021.txt": (CLEAN_2021, "report.txt"),
    "2019.md": (CLEAN_2020, "report.md"),
}


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_is_read_and_a_correct_table_gives_no_finding(shape: str, base: str) -> None:
    source, path = BASES[base]
    findings, doc = check(render(source, shape), path)
    # Joined figures with no arithmetic to split them (2019 表二: 6015 is 6|0|15 or 60|1|5) are
    # left unchecked, said once per table, as information.
    unchecked = [d for d in findings if d.rule == "table-unchecked" and shape == "joined" and d.severity.name == "INFO"]
    assert [f"{d.line}:{d.rule}:{d.message_zh}" for d in findings if d not in unchecked] == []
    assert doc.match is not None and doc.format is not None
    for template in doc.format.tables:
        matched = doc.match.tables.get(template.id)
        assert matched is not None, f"table {template.id} not found in shape {shape}"
        wanted = {r.key for r in template.rows if r.group != "group"}
        assert wanted <= set(matched.rows), f"{template.id}: rows {wanted - set(matched.rows)} not read"
        assert matched.header_found() or shape == "joined" or not any(c.label for c in template.columns)
    assert any(t.shape.startswith("text-") for t in doc.tables)


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_has_its_arithmetic_checked(shape: str, base: str) -> None:
    source, path = BASES[base]
    natural, business = (2, 2) if base.startswith("2021") else (0, 1)
    text = render(alter_total_row(source, natural, business), shape)
    findings, doc = check(text, path)
    findings = [d for d in findings if d.rule != "table-unchecked"]  # 2019 表二 joined: see above
    totals = [d for d in findings if d.rule == "table-totals"]
    assert totals, f"no table-totals finding in shape {shape}"
    assert all(d.rule == "table-totals" for d in findings), [d.message_zh for d in findings]
    # Each finding points at a figure of the （七）总计 row (自然人 or 商业企业), as written.
    for d in totals:
        line = doc.line(d.line)
        assert "总计" in line or shape in ("pipe-broken", "cell-per-line"), line
        assert line[d.column - 1 : d.end_column - 1] in {str(natural), str(business)}
    joined_note = "表格数字粘连，已按勾稽关系拆分"
    assert all((joined_note in d.message_zh) == (shape == "joined") for d in totals)


def test_cells_keep_their_exact_spans() -> None:
    for shape in SHAPES:
        text = render(CLEAN_2021, shape)
        _, doc = check(text, "report.txt")
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    s = cell.span
                    assert s.line == s.end_line
                    assert doc.line(s.line)[s.column - 1 : s.end_column - 1].replace("**", "") == cell.text, (shape, cell)


def test_pipe_rows_without_separator_in_markdown_are_a_table_not_a_paragraph() -> None:
    text = "## 二、主动公开政府信息情况\n\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0\n行政规范性文件 | 2 | 1 | 5\n"
    _, doc = check(text, "report.md")
    assert [t.shape for t in doc.tables] == ["text-pipe"]
    assert [r.texts for r in doc.tables[0].rows][1:] == [("规章", "0", "0", "0"), ("行政规范性文件", "2", "1", "5")]
    assert not any(b.kind == "paragraph" and "规章" in b.text for b in doc.blocks)


def test_empty_pipe_cell_is_a_blank_cell() -> None:
    text = "二、主动公开政府信息情况\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 |  | 0\n行政规范性文件 | 2 | 1 | 5\n"
    findings, doc = check(text, "report.txt", TABLE_RULES)
    assert doc.tables[0].rows[1].texts == ("规章", "0", "", "0")
    assert "empty-cell" in [d.rule for d in findings if d.line == 3]


@pytest.mark.parametrize(
    "prose",
    [
        "本年新收政府信息公开申请数量5件，上年结转政府信息公开申请数量1件。",
        "本年制发行政规范性文件2件，废止1件，现行有效5件；作出行政许可决定12件、行政处罚决定8件。",
        "全年未发生行政复议、行政诉讼，行政复议结果维持0件。",
        "其中自然人3件，商业企业1件，总计4件。",
        "规章 制度 建设 进一步 加强，行政许可 事项 12 项 全部 公开。",
    ],
)
def test_prose_that_mentions_labels_is_not_a_table(prose: str) -> None:
    text = f"一、总体情况\n{prose}\n{prose}\n"
    _, doc = check(text, "report.txt")
    assert doc.tables == ()


def test_flattened_table_inside_a_paragraph_keeps_the_prose_around_it() -> None:
    line = "如下表：规章 0 0 0 行政规范性文件 2 1 5 以上为本年数据。"
    _, doc = check(f"二、主动公开政府信息情况\n{line}\n", "report.txt")
    assert [t.shape for t in doc.tables] == ["text-flattened"]
    assert [r.texts for r in doc.tables[0].rows] == [("规章", "0", "0", "0"), ("行政规范性文件", "2", "1", "5")]
    texts = [b.text for b in doc.blocks if b.kind == "paragraph" and b.span.line == 2]
    assert texts == ["如下表：", "以上为本年数据。"]


# --------------------------------------------------------------------------- joined digits

_TABLE_3_HEAD = "三、收到和处理政府信息公开申请情况\n自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计\n"
_RESULT_ROWS = [
    "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供",
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理",
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
]


def _table_3(new: str, total: str, next_year: str = "0 0 0 0 0 0 0", disclosed: str = "") -> str:
    """A 2021 table 三 in runs of spaces; ``new``/``total`` rows as given (spaced or joined)."""
    zeros = "  ".join(["0"] * 7)
    lines = [
        "青石镇人民政府2021年政府信息公开工作年度报告",
        _TABLE_3_HEAD.rstrip("\n"),
        f"一、本年新收政府信息公开申请数量{new}",
        f"二、上年结转政府信息公开申请数量  {zeros}",
        "三、本年度办理结果",
        f"（一）予以公开  {disclosed or total.strip()}",
        f"（二）部分公开（区分处理的，只计这一情形，不计其他情形）  {zeros}",
    ]
    lines += [label if label.startswith("（") else f"{label}  {zeros}" for label in _RESULT_ROWS]
    lines += [f"（七）总计  {total.strip()}", f"四、结转下年度继续办理  {next_year}"]
    return "\n".join(lines) + "\n"


def test_joined_row_split_uniquely_by_the_row_total() -> None:
    # 12 + 3 = 15: of every cut of 123000015 into seven figures only 12|3|0|0|0|0|15 adds up
    # (1|23|0|0|0|0|15, 1|2|300|0|0|0|15 … do not).
    fits, gave_up = row_splits("123000015", ["natural", "business", "research", "welfare", "legal", "other", "total"], [])
    assert len(fits) > 1 and not gave_up  # without the arithmetic the digits say nothing
    text = _table_3("123000015", "12  3  0  0  0  0  15")
    findings, doc = check(text, "report.txt", TABLE_RULES)
    assert [d.rule for d in findings] == []
    assert doc.match is not None
    new = doc.match.tables["三"].rows["new"]
    assert [v.value for v in new.values] == [12, 3, 0, 0, 0, 0, 15]
    assert all(v.split for v in new.values)
    line = doc.line(new.line)
    assert [line[v.span.column - 1 : v.span.end_column - 1] for v in new.values] == ["12", "3", "0", "0", "0", "0", "15"]


def test_wrong_total_found_through_a_split_row_and_said_so() -> None:
    # 一 (joined) 12|3|…|15; 予以公开 and （七）总计 say 11 natural persons: 一 + 二 ≠ 三 + 四.
    text = _table_3("123000015", "11  4  0  0  0  0  15")
    findings, doc = check(text, "report.txt", TABLE_RULES)
    totals = [d for d in findings if d.rule == "table-totals"]
    assert totals and all("表格数字粘连，已按勾稽关系拆分" in d.message_zh for d in totals)
    assert all("digits of this row were joined; split by the table's arithmetic" in d.message_en for d in totals)
    new_line = next(n for n, line in enumerate(doc.lines, 1) if line.startswith("一、本年新收"))
    assert any(d.line == new_line and doc.line(d.line)[d.column - 1 : d.end_column - 1] in {"12", "3"} for d in totals)


def test_joined_row_with_two_fitting_splits_is_left_unchecked_once_per_table() -> None:
    # 1|10|…|11 and 11|0|…|11 both add up, and nothing else in the table tells them apart
    # (（七）总计 and 予以公开 are joined the same way).
    text = _table_3("110000011", "110000011", disclosed="110000011")
    text = text.replace("（七）总计  110000011", "（七）总计110000011").replace("（一）予以公开  110000011", "（一）予以公开110000011")
    findings, doc = check(text, "report.txt", TABLE_RULES)
    assert [d.rule for d in findings] == ["table-unchecked"]
    (info,) = findings
    assert info.severity.name == "INFO"
    assert "数字粘连且拆分不唯一，未核对" in info.message_zh
    assert "3 行" in info.message_zh
    assert doc.line(info.line)[info.column - 1 : info.end_column - 1] == "110000011"


def test_joined_row_narrowed_by_a_column_relation() -> None:
    # 一 joined (1|10 or 11|0); （七）总计 written with spaces says 1 natural person, 10 businesses.
    text = _table_3("110000011", "1  10  0  0  0  0  11")
    findings, doc = check(text, "report.txt", TABLE_RULES)
    assert findings == []
    assert doc.match is not None
    assert [v.value for v in doc.match.tables["三"].rows["new"].values] == [1, 10, 0, 0, 0, 0, 11]


def test_table_two_joined_without_arithmetic_is_unchecked_unless_one_digit_per_cell() -> None:
    text = "二、主动公开政府信息情况\n信息内容本年制发件数本年废止件数现行有效件数\n规章000\n行政规范性文件353535\n"
    findings, doc = check(text, "report.txt", TABLE_RULES)
    assert doc.match is not None
    assert [v.value for v in doc.match.tables["二-1"].rows["regulations"].values] == [0, 0, 0]
    unchecked = [d for d in findings if d.rule == "table-unchecked"]
    assert len(unchecked) == 1 and "353535" in unchecked[0].message_zh
    assert not [d for d in findings if d.rule in ("empty-cell", "table-totals", "text-table-mismatch")]


def test_table_four_joined_under_its_header() -> None:
    block = "结果维持  结果纠正  其他结果  尚未审结  总计"
    header = f"行政复议  行政诉讼\n未经复议直接起诉  复议后起诉\n{block}  {block}  {block}\n"
    ok = "四、政府信息公开行政复议、行政诉讼情况\n" + header + "100010000000000\n"
    findings, doc = check(ok, "report.txt", TABLE_RULES)
    assert findings == [] and doc.match is not None
    assert [v.value for v in doc.match.tables["四"].rows["cases"].values][:5] == [1, 0, 0, 0, 1]
    bad = ok.replace("100010000000000", "100020000000000")  # 总计 2 ≠ 1: no split adds up
    findings, _ = check(bad, "report.txt", TABLE_RULES)
    assert [d.rule for d in findings] == ["table-unchecked"]


# --------------------------------------------------------------------------- one finding per cause


def test_part_with_table_labels_that_cannot_be_read_gets_one_info() -> None:
    # Every row label of 表三, its figures run into words (：0、0、…件；) that no shape reads.
    fmt = next(f for f in builtin_formats() if f.id == "gov-2021")
    template = fmt.table("三")
    assert template is not None
    rows = [r.label if r.group == "group" else f"{r.label}：0、0、0、0、0、0、0件；" for r in template.rows if r.label[0] not in "一二三四"]
    part = "三、收到和处理政府信息公开申请情况\n申请人：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计。\n"
    findings, _ = check(_report_2021(part + "\n".join(rows) + "\n"), "report.txt", TABLE_RULES)
    assert [(d.rule, d.severity.name) for d in findings] == [("table-unchecked", "INFO")]
    assert "表格无法解析，未核对" in findings[0].message_zh
    assert "could not be read; not checked" in findings[0].message_en


def test_missing_table_is_one_finding_per_part() -> None:
    findings, _ = check(_report_2021("二、主动公开政府信息情况\n本年度主动公开情况见正文。\n"), "report.txt", TABLE_RULES)
    missing = [d for d in findings if d.rule == "missing-table"]
    assert len(missing) == 1
    assert "第二十条第（一）项" in missing[0].message_zh and "第二十条第（八）项" in missing[0].message_zh


def _report_2021(body: str) -> str:
    return "青石镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作总体平稳。\n" + body


@pytest.mark.parametrize("shape", ["flattened", "joined"])
def test_whole_report_on_one_line_has_its_tables_read_and_checked(shape: str) -> None:
    def one_line(markdown: str) -> str:
        return "".join(line.strip().lstrip("#").strip() for line in render(markdown, shape).split("\n") if line.strip()) + "\n"

    findings, doc = check(one_line(CLEAN_2021), "report.txt", TABLE_RULES)
    assert findings == []
    assert doc.match is not None
    assert {k: len(v.rows) for k, v in doc.match.tables.items()} == {"二-1": 2, "二-5": 1, "二-6": 2, "二-8": 1, "三": 30, "四": 1}
    findings, doc = check(one_line(alter_total_row(CLEAN_2021, 2, 2)), "report.txt", TABLE_RULES)
    assert [d.rule for d in findings] == ["table-totals", "table-totals"]
    # positions are in the file as written (one line), whatever view the rules read
    assert {d.line for d in findings} == {1}
    assert [doc.original_lines[0][d.column - 1 : d.end_column - 1] for d in findings] == ["2", "2"]


REPORTS = sorted([*(ROOT / "examples").glob("*.md"), *(ROOT / "examples").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "reports").glob("*")])


@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_reports_with_real_tables_get_no_text_tables(report: Path) -> None:
    """Precision: the prose of the example reports never becomes a table."""
    _, doc = check(report.read_text(encoding="utf-8"), report.name)
    assert [t.span.line for t in doc.tables if t.shape.startswith("text-")] == []


@pytest.mark.parametrize("shape", ["spaces", "pipe-text", "joined"])
def test_old_format_table_in_text_is_format_versions_finding_alone(shape: str) -> None:
    """2019 表二 in a 2021 report: format-version says it; no missing-table or label cascade."""
    old = CLEAN_2020[CLEAN_2020.index("## 二、") : CLEAN_2020.index("## 三、")]
    mixed = CLEAN_2021[: CLEAN_2021.index("## 二、")] + old + CLEAN_2021[CLEAN_2021.index("## 三、") :]
    findings, _ = check(render(mixed, shape), "report.txt", TABLE_RULES)
    assert [d.rule for d in findings] == ["format-version"]


def test_long_joined_run_is_bounded() -> None:
    # 40 digits for fifteen cells: too many cuts to try; the row is left unchecked, quickly.
    import time

    start = time.process_time()
    fits, gave_up = row_splits("1" * 40, [f"c{i}" for i in range(15)], [])
    assert gave_up and time.process_time() - start < 2


_PIECES = st.sampled_from(
    ["规章", "行政规范性文件", "一、本年新收政府信息公开申请数量", "（七）总计", "3.其他", "自然人", "总计", "第二十条第（一）项",
     "0", "12", "353535", " ", "  ", "\u3000", "|", "｜", "-", "无", "。", "，", "件", "\n", "\t", "(", "）", "1.", "abc"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.sampled_from(["report.txt", "report.md"]))
def test_any_text_parses_and_cells_keep_their_spans(pieces: list[str], path: str) -> None:
    text = "".join(pieces)
    from gialint.read.parse.options import ParseOptions

    if path.endswith(".md"):
        from gialint.read.parse.markdown import parse_markdown as parse
    else:
        from gialint.read.parse.plaintext import parse_plaintext as parse
    doc = parse(path, text, ParseOptions())
    for table in doc.tables:
        if not table.shape.startswith("text-"):
            continue
        for row in table.rows:
            for cell in row.cells:
                s = cell.span
                assert doc.line(s.line)[s.column - 1 : s.end_column - 1].replace("**", "") == cell.text


@pytest.mark.parametrize("shape", SHAPES)
def test_typo_in_a_row_label_is_a_label_finding_not_a_missing_row(shape: str) -> None:
    source = CLEAN_2021.replace("| 3.补正后申请内容仍不明确 |", "| 3.补证后申请内容仍不明确 |")
    findings, doc = check(render(source, shape), "report.md", TABLE_RULES)
    assert [d.rule for d in findings] == ["table-labels"]
    assert "补证" in findings[0].message_zh and "3.补正后申请内容仍不明确" in findings[0].message_zh
    assert doc.line(findings[0].line)[findings[0].column - 1 :].startswith("3.补证")


def test_contact_line_with_spaced_figures_is_not_a_table() -> None:
    line = "其他联系方式：地址 青石县人民路18号 邮编 334700 电话 0793 6718235 传真 0793 6718236"
    _, doc = check(f"一、总体情况\n{line}\n{line}\n", "report.txt")
    assert doc.tables == ()
