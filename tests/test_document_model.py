"""The document model built by the plain-text and Markdown parsers, on small hand-written inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.model.document import Document, Section, Span, Table
from gialint.read.parse.markdown import parse_markdown
from gialint.read.parse.options import ParseOptions
from gialint.read.parse.plaintext import parse_plaintext

ROOT = Path(__file__).resolve().parent.parent


def txt(text: str, path: str = "report.txt", **options: object) -> Document:
    return parse_plaintext(path, text, ParseOptions(**options))  # type: ignore[arg-type]


def md(text: str, path: str = "report.md", **options: object) -> Document:
    return parse_markdown(path, text, ParseOptions(**options))  # type: ignore[arg-type]


def flat(doc: Document) -> list[tuple[int, int, str, str, str]]:
    """(level, number, numeral, style, title) of every section, in document order."""
    return [(s.level, s.number, s.numeral, s.style, s.title) for s in doc.all_sections()]


def cells(table: Table) -> list[list[tuple[str, int, int, int, int]]]:
    return [[(c.text, c.span.line, c.span.column, c.span.end_line, c.span.end_column) for c in r.cells] for r in table.rows]


# --------------------------------------------------------------------------- sections: levels


NUMBERED = (
    "一、总体情况\n"  # 1
    "（一）主动公开\n"  # 2
    "1.制发规章情况\n"  # 3
    "2、规范性文件\n"  # 4
    "（1）规章\n"  # 5
    "(二)依申请公开\n"  # 6
    "二、主动公开政府信息情况\n"  # 7
)


def test_all_numbering_levels_plain_text() -> None:
    doc = txt(NUMBERED)
    assert flat(doc) == [
        (1, 1, "一、", "cn", "总体情况"),
        (2, 1, "（一）", "paren-cn", "主动公开"),
        (3, 1, "1.", "arabic", "制发规章情况"),
        (3, 2, "2、", "arabic", "规范性文件"),
        (3, 1, "（1）", "paren-arabic", "规章"),
        (2, 2, "(二)", "paren-cn", "依申请公开"),
        (1, 2, "二、", "cn", "主动公开政府信息情况"),
    ]


def test_section_tree_and_end_lines() -> None:
    doc = txt(NUMBERED.rstrip("\n"))
    assert len(doc.lines) == 7
    assert [(s.numeral, s.end_line) for s in doc.sections] == [("一、", 6), ("二、", 7)]
    one = doc.sections[0]
    assert [(c.numeral, c.end_line) for c in one.children] == [("（一）", 5), ("(二)", 6)]
    assert [(c.numeral, c.end_line) for c in one.children[0].children] == [("1.", 3), ("2、", 4), ("（1）", 5)]
    assert doc.part(2) is doc.sections[1]
    assert doc.part(3) is None
    assert doc.preamble_end == 0


def test_section_spans_plain_text() -> None:
    doc = txt(NUMBERED)
    spans = [s.span for s in doc.all_sections()]
    assert spans == [
        Span(1, 1, 1, 7),
        Span(2, 1, 2, 8),
        Span(3, 1, 3, 9),
        Span(4, 1, 4, 8),
        Span(5, 1, 5, 6),
        Span(6, 1, 6, 9),
        Span(7, 1, 7, 13),
    ]


def test_run_in_heading() -> None:
    doc = txt("（一）主动公开。本年度主动公开政府信息100条。\n")
    (section,) = doc.sections
    assert (section.level, section.number, section.numeral, section.title) == (2, 1, "（一）", "主动公开")
    assert section.run_in is True
    # the span covers the numbering and the run-in title only: （一）主动公开
    assert section.span == Span(1, 1, 1, 8)


def test_run_in_heading_after_indentation() -> None:
    doc = txt("\u3000\u3000（二）依申请公开。本年度收到申请3件，均已办结。\n")
    (section,) = doc.sections
    assert section.title == "依申请公开"
    assert section.run_in is True
    assert section.span == Span(1, 3, 1, 11)


def test_run_in_heading_with_colon() -> None:
    doc = txt("（一）主动公开：本年度公开信息10条。\n")
    (section,) = doc.sections
    assert section.title == "主动公开"
    assert section.run_in is True


def test_heading_with_trailing_punctuation_is_not_run_in() -> None:
    doc = txt("（一）主动公开情况。\n")
    (section,) = doc.sections
    assert section.title == "主动公开情况"
    assert section.run_in is False
    assert section.span == Span(1, 1, 1, 11)


def test_long_level_one_sentence_is_not_a_section() -> None:
    doc = txt("一、本年度我镇认真贯彻落实条例，主动公开政府信息。依申请公开工作稳步推进。\n")
    assert doc.sections == ()


def test_doubled_ten_is_no_numbering() -> None:
    """十十、 is no Chinese numeral: a paragraph, not a reader crash (KeyError: '十')."""
    for parse in (txt, md):
        doc = parse("十十、总体情况\n二十十、公开\n\n十一、其他\n")
        assert flat(doc) == [(1, 11, "十一、", "cn", "其他")]


@pytest.mark.parametrize(
    ("line", "column", "end_column"),
    [
        ("一、总体情况", 1, 7),
        ("  一、总体情况", 3, 9),
        ("\xa0一、总体情况", 2, 8),
        ("\u3000\u3000一、总体情况", 3, 9),
        ("一、 总体情况", 1, 8),
        ("一、总体情况   ", 1, 7),
        ("\u3000一、\u3000总体情况\u3000", 2, 9),
    ],
    ids=["plain", "spaces", "nbsp", "fullwidth", "space-after-numeral", "trailing-spaces", "fullwidth-everywhere"],
)
def test_section_columns_after_leading_white_space(line: str, column: int, end_column: int) -> None:
    doc = txt("标题行\n" + line + "\n正文。\n")
    (section,) = doc.sections
    assert section.title == "总体情况"
    assert section.span == Span(2, column, 2, end_column)
    assert doc.preamble_end == 1


def test_part_headings_with_space_after_numeral() -> None:
    doc = txt("  二、 主动公开政府信息情况\n")
    (section,) = doc.sections
    assert section.title == "主动公开政府信息情况"
    assert section.numeral.startswith("二、")
    assert section.span == Span(1, 3, 1, 16)


# --------------------------------------------------------------------------- Markdown sections


MD_SECTIONS = (
    "# 某某县人民政府\n"  # 1
    "\n"
    "# 2021年政府信息公开工作年度报告\n"  # 3
    "\n"
    "## 一、总体情况\n"  # 5
    "\n"
    "## **（二）依申请公开情况**\n"  # 7
    "\n"
    "#### 四、 政府信息公开行政复议、行政诉讼情况\n"  # 9
    "\n"
    "正文。\n"  # 11
)


def test_markdown_sections() -> None:
    doc = md(MD_SECTIONS)
    assert flat(doc) == [
        (1, 1, "一、", "cn", "总体情况"),
        (2, 2, "（二）", "paren-cn", "依申请公开情况"),
        (1, 4, "四、", "cn", "政府信息公开行政复议、行政诉讼情况"),
    ]


def test_markdown_section_spans_and_depths() -> None:
    doc = md(MD_SECTIONS)
    one, four = doc.sections
    two = one.children[0]
    assert (one.span, one.md_level, one.end_line) == (Span(5, 4, 5, 10), 2, 8)
    # the span starts at （二） (inside the **) and stops before the closing **
    assert (two.span, two.md_level) == (Span(7, 6, 7, 16), 2)
    # "#### 四、 政府…": after the #### and one space
    assert (four.span, four.md_level, four.end_line) == (Span(9, 6, 9, 26), 4, len(doc.lines))


def test_markdown_heading_after_leading_white_space() -> None:
    doc = md("  ## 一、总体情况\n\n\u3000\u3000（一）主动公开。本年度主动公开政府信息。\n\n\xa0二、主动公开政府信息情况\n")
    assert [(s.numeral, s.span) for s in doc.all_sections()] == [
        ("一、", Span(1, 6, 1, 12)),
        ("（一）", Span(3, 3, 3, 10)),
        ("二、", Span(5, 2, 5, 14)),
    ]
    assert doc.sections[0].children[0].run_in is True


def test_markdown_bold_paragraph_and_list_item_headings() -> None:
    doc = md("**三、收到和处理政府信息公开申请情况**\n\n- 四、政府信息公开行政复议、行政诉讼情况\n")
    assert [(s.number, s.title, s.span, s.md_level) for s in doc.sections] == [
        (3, "收到和处理政府信息公开申请情况", Span(1, 3, 1, 20), 0),
        (4, "政府信息公开行政复议、行政诉讼情况", Span(3, 3, 3, 22), 0),
    ]


def test_markdown_arabic_items_are_sections() -> None:
    text = "二、主动公开政府信息情况\n\n1. 制发规章情况\n2. 规范性文件\n"
    assert flat(txt(text)) == flat(md(text))
    assert [(s.level, s.number, s.title) for s in md(text).all_sections()] == [
        (1, 2, "主动公开政府信息情况"),
        (3, 1, "制发规章情况"),
        (3, 2, "规范性文件"),
    ]


def test_markdown_arabic_items_without_list_syntax() -> None:
    doc = md("二、主动公开政府信息情况\n\n3、第三项\n\n（1）小项\n")
    assert [(s.level, s.number, s.style, s.title) for s in doc.all_sections()] == [
        (1, 2, "cn", "主动公开政府信息情况"),
        (3, 3, "arabic", "第三项"),
        (3, 1, "paren-arabic", "小项"),
    ]


def test_same_text_same_sections_in_both_parsers() -> None:
    text = "一、总体情况\n\n（一）主动公开\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n"
    a, b = txt(text), md(text)
    assert flat(a) == flat(b)
    assert [s.span for s in a.all_sections()] == [s.span for s in b.all_sections()]


# --------------------------------------------------------------------------- title, year, agency


def test_one_line_title() -> None:
    doc = txt("某某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n")
    assert doc.title is not None
    assert doc.title.text == "某某县人民政府2021年政府信息公开工作年度报告"
    assert doc.title.span == Span(1, 1, 1, 25)
    assert (doc.year, doc.year_source) == (2021, "title")
    assert doc.agency == "某某县人民政府"
    assert doc.preamble_end == 2


def test_title_as_two_markdown_headings() -> None:
    doc = md(MD_SECTIONS)
    assert doc.title is not None
    assert doc.title.text == "某某县人民政府 2021年政府信息公开工作年度报告"
    assert doc.title.span == Span(1, 1, 3, 20)
    assert (doc.year, doc.year_source) == (2021, "title")
    assert doc.agency == "某某县人民政府"
    assert doc.preamble_end == 4


def test_title_over_two_plain_lines() -> None:
    doc = txt("某某县人民政府\n2021年政府信息公开工作年度报告\n\n一、总体情况\n")
    assert doc.title is not None
    assert doc.title.text == "某某县人民政府 2021年政府信息公开工作年度报告"
    assert doc.title.span == Span(1, 1, 2, 18)


def test_bare_year_line_is_no_title() -> None:
    doc = txt("2021\n\n本报告由某某镇人民政府编制。\n\n一、总体情况\n")
    assert doc.title is None
    assert doc.agency == "某某镇人民政府"


def test_bare_year_line_is_not_joined_to_the_title() -> None:
    doc = txt("2021\n某某县人民政府政府信息公开工作年度报告\n\n一、总体情况\n")
    assert doc.title is not None
    assert doc.title.text == "某某县人民政府政府信息公开工作年度报告"
    assert doc.title.span == Span(2, 1, 2, 20)


def test_defective_example_with_a_bare_year_first_line_has_no_title() -> None:
    path = ROOT / "examples" / "defective-2021.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    doc = txt("\n".join(["2021", *lines[1:]]), str(path))
    assert doc.lines[0] == "2021"
    assert doc.title is None
    assert doc.agency == "白沙镇人民政府"
    assert [s.number for s in doc.sections] == [1, 2, 3, 5, 6]


def test_sentence_mentioning_the_report_is_not_a_title() -> None:
    doc = txt("本报告根据政府信息公开工作年度报告格式编制。\n\n一、总体情况\n")
    assert doc.title is None


def test_year_from_statistics_period() -> None:
    doc = txt("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n\n一、总体情况\n", "r-2019.txt")
    assert (doc.year, doc.year_source) == (2020, "statistics-period")


def test_year_from_file_name() -> None:
    doc = txt("一、总体情况\n", "reports/baisha-2019.txt")
    assert (doc.year, doc.year_source) == (2019, "filename")


def test_no_year_anywhere() -> None:
    doc = txt("一、总体情况\n", "report.txt")
    assert (doc.year, doc.year_source) == (None, "")


def test_title_year_beats_period_and_file_name() -> None:
    doc = txt(
        "某县2021年政府信息公开工作年度报告\n本报告统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n",
        "r-2019.txt",
    )
    assert (doc.year, doc.year_source) == (2021, "title")


def test_parse_options_override_year_and_agency() -> None:
    doc = txt("某县2021年政府信息公开工作年度报告\n\n一、总体情况\n", "r-2019.txt", year=2030, agency="某某局")
    assert (doc.year, doc.year_source) == (2030, "config")
    assert doc.agency == "某某局"


def test_parse_options_encoding_and_newline_are_recorded() -> None:
    doc = txt("一、总体情况\n", encoding="gb18030", newline="\r\n")
    assert (doc.encoding, doc.newline) == ("gb18030", "\r\n")


def test_agency_from_contact_sentence() -> None:
    doc = txt("2021\n\n如对本报告有疑问，请与青石镇人民政府党政综合办公室联系。\n\n一、总体情况\n")
    assert doc.agency == "青石镇人民政府"


def test_agency_from_compiled_by_sentence() -> None:
    doc = txt("2021\n\n本报告由青石县统计局编制。\n\n一、总体情况\n")
    assert doc.agency == "青石县统计局"


def test_agency_from_compiled_by_sentence_keeps_only_the_government() -> None:
    doc = txt("2021\n\n本报告由青石镇人民政府党政综合办公室按照条例编制。\n\n一、总体情况\n")
    assert doc.agency == "青石镇人民政府"


def test_agency_from_title_with_year_first() -> None:
    doc = txt("2021年某某县人民政府政府信息公开工作年度报告\n\n一、总体情况\n")
    assert doc.agency == "某某县人民政府"
    assert doc.year == 2021


def test_agency_from_title_with_guanyu() -> None:
    doc = txt("某某县人民政府关于2021年政府信息公开工作的年度报告\n\n一、总体情况\n")
    assert doc.year == 2021
    assert doc.agency == "某某县人民政府"


def test_agency_of_the_example_reports() -> None:
    for rel, agency in [
        ("examples/clean-2021.md", "青石镇人民政府"),
        ("examples/defective-2020.md", "红岭乡人民政府"),
        ("tests/fixtures/reports/clean-2021.txt", "青石镇人民政府"),
    ]:
        path = ROOT / rel
        parse = parse_markdown if path.suffix == ".md" else parse_plaintext
        doc = parse(str(path), path.read_text(encoding="utf-8"), ParseOptions())
        assert doc.agency == agency, rel


# --------------------------------------------------------------------------- tables: tab-separated


def test_tab_separated_table_cells_and_columns() -> None:
    doc = txt("三、收到和处理政府信息公开申请情况\n\n项目\t自然人\t法人\n本年新收\t1\t2\n中文\t\t3\n")
    (table,) = doc.tables
    assert table.shape == "tabs"
    assert [r.texts for r in table.rows] == [("项目", "自然人", "法人"), ("本年新收", "1", "2"), ("中文", "", "3")]
    # columns count characters, not bytes; an empty cell is an empty span just past its tab
    assert cells(table) == [
        [("项目", 3, 1, 3, 3), ("自然人", 3, 4, 3, 7), ("法人", 3, 8, 3, 10)],
        [("本年新收", 4, 1, 4, 5), ("1", 4, 6, 4, 7), ("2", 4, 8, 4, 9)],
        [("中文", 5, 1, 5, 3), ("", 5, 4, 5, 4), ("3", 5, 5, 5, 6)],
    ]
    assert [r.line for r in table.rows] == [3, 4, 5]
    assert table.span == Span(3, 1, 5, 6)
    assert table.section == ("三",)


def test_tab_separated_cells_are_stripped_with_exact_columns() -> None:
    doc = txt("（一）予以公开 \t 2\t\u30000\t0\n")
    (table,) = doc.tables
    assert cells(table) == [[("（一）予以公开", 1, 1, 1, 8), ("2", 1, 11, 1, 12), ("0", 1, 14, 1, 15), ("0", 1, 16, 1, 17)]]


def test_table_row_with_leading_tab_keeps_an_empty_first_cell() -> None:
    doc = txt("\t自然人\t商业企业\n本年新收\t1\t0\n")
    (table,) = doc.tables
    assert [r.texts for r in table.rows] == [("", "自然人", "商业企业"), ("本年新收", "1", "0")]
    assert table.rows[0].cells[1].span == Span(1, 2, 1, 5)


def test_table_broken_by_blank_lines_gives_fragments() -> None:
    doc = txt("三、收到和处理政府信息公开申请情况\n\n项目\t自然人\n本年新收\t1\n\n\n上年结转\t0\n总计\t1\n")
    first, second = doc.tables
    assert [r.texts for r in first.rows] == [("项目", "自然人"), ("本年新收", "1")]
    assert [r.texts for r in second.rows] == [("上年结转", "0"), ("总计", "1")]
    assert (first.span.line, first.span.end_line) == (3, 4)
    assert (second.span.line, second.span.end_line) == (7, 8)
    assert first.section == second.section == ("三",)


# --------------------------------------------------------------------------- tables: one cell per line


def test_one_cell_per_line_table() -> None:
    text = (
        "一、总体情况\n"  # 1
        "\n"
        "\t项目\n"  # 3
        "\t自然人\n"  # 4
        "\n"
        "\t本年新收\n"  # 6
        "\t1\n"  # 7
        "\n"
        "\t这是一个很长\n"  # 9
        "的续行\n"  # 10
        "\t2\n"  # 11
    )
    doc = txt(text)
    (table,) = doc.tables
    assert table.shape == "cell-per-line"
    assert [r.texts for r in table.rows] == [("项目", "自然人"), ("本年新收", "1"), ("这是一个很长的续行", "2")]
    assert [r.line for r in table.rows] == [3, 6, 9]
    assert cells(table) == [
        [("项目", 3, 2, 3, 4), ("自然人", 4, 2, 4, 5)],
        [("本年新收", 6, 2, 6, 6), ("1", 7, 2, 7, 3)],
        # the joined cell spans from its first line to the end of the untabbed continuation line
        [("这是一个很长的续行", 9, 2, 10, 4), ("2", 11, 2, 11, 3)],
    ]
    assert table.span == Span(3, 1, 11, 3)
    assert table.section == ("一",)


def test_one_cell_per_line_empty_cell() -> None:
    doc = txt("\t项目\n\t\n\t合计\n")
    (table,) = doc.tables
    assert cells(table) == [[("项目", 1, 2, 1, 4), ("", 2, 2, 2, 2), ("合计", 3, 2, 3, 4)]]


def test_continuation_does_not_swallow_a_part_heading() -> None:
    doc = txt("\t项目\n\t自然人\n二、主动公开政府信息情况\n")
    assert [r.texts for r in doc.tables[0].rows] == [("项目", "自然人")]
    assert [s.title for s in doc.sections] == ["主动公开政府信息情况"]


def test_long_tab_indented_sentence_is_a_paragraph() -> None:
    sentence = "本年度我镇认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进政务公开工作。"
    doc = txt("\t" + sentence + "\n")
    assert doc.tables == ()
    (block,) = doc.blocks
    assert (block.kind, block.text, block.span) == ("paragraph", sentence, Span(1, 2, 1, 2 + len(sentence)))


def test_tab_indented_part_heading_is_a_section() -> None:
    doc = txt("\t一、总体情况\n\n本年度主动公开政府信息。\n\n\t二、主动公开政府信息情况\n")
    assert [(s.number, s.title, s.span) for s in doc.sections] == [
        (1, "总体情况", Span(1, 2, 1, 8)),
        (2, "主动公开政府信息情况", Span(5, 2, 5, 14)),
    ]
    assert doc.tables == ()


# --------------------------------------------------------------------------- tables: Markdown


PIPE = (
    "## 四、政府信息公开行政复议、行政诉讼情况\n"  # 1
    "\n"
    "| 维持 | 纠正 | 总计 |\n"  # 3
    "|---|---|---|\n"  # 4
    "| 1 | 2 |\n"  # 5
    "| 中文 | **3** | 4 |\n"  # 6
)


def test_pipe_table_keeps_a_short_row_raw_cell_count() -> None:
    doc = md(PIPE)
    (table,) = doc.tables
    assert table.shape == "pipe"
    assert [len(r.cells) for r in table.rows] == [3, 2, 3]
    assert [r.texts for r in table.rows] == [("维持", "纠正", "总计"), ("1", "2"), ("中文", "3", "4")]
    assert [r.line for r in table.rows] == [3, 5, 6]
    assert table.section == ("四",)


def test_pipe_table_cell_columns_count_characters() -> None:
    doc = md(PIPE)
    (table,) = doc.tables
    assert cells(table)[0] == [("维持", 3, 3, 3, 5), ("纠正", 3, 8, 3, 10), ("总计", 3, 13, 3, 15)]
    assert cells(table)[1] == [("1", 5, 3, 5, 4), ("2", 5, 7, 5, 8)]
    # the bold markers are removed from the text; the span covers the source characters
    assert cells(table)[2] == [("中文", 6, 3, 6, 5), ("3", 6, 8, 6, 13), ("4", 6, 16, 6, 17)]
    assert table.span == Span(3, 1, 6, 19)


def test_pipe_table_without_outer_pipes() -> None:
    doc = md("项目 | 数量\n--|--\n规章 | 0\n")
    (table,) = doc.tables
    assert [r.texts for r in table.rows] == [("项目", "数量"), ("规章", "0")]
    assert table.rows[1].cells[1].span == Span(3, 6, 3, 7)


def test_defective_2020_short_row_has_14_cells() -> None:
    path = ROOT / "examples" / "defective-2020.md"
    doc = md(path.read_text(encoding="utf-8"), str(path))
    table = next(t for t in doc.tables if t.span.line == 106)
    assert [len(r.cells) for r in table.rows] == [15, 14]
    assert table.section == ("四",)


def test_tab_separated_table_inside_markdown() -> None:
    text = (
        "# 某县2021年政府信息公开工作年度报告\n"  # 1
        "\n"
        "## 三、收到和处理政府信息公开申请情况\n"  # 3
        "\n"
        "项目\t自然人\n"  # 5
        "本年新收\t1\n"  # 6
        "\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n"  # 8
        "\n"
        "\t维持\t纠正\n"  # 10
    )
    doc = md(text)
    first, second = doc.tables
    assert first.shape == second.shape == "tabs"
    assert cells(first) == [
        [("项目", 5, 1, 5, 3), ("自然人", 5, 4, 5, 7)],
        [("本年新收", 6, 1, 6, 5), ("1", 6, 6, 6, 7)],
    ]
    assert first.section == ("三",)
    assert cells(second) == [[("", 10, 1, 10, 1), ("维持", 10, 2, 10, 4), ("纠正", 10, 5, 10, 7)]]
    assert second.section == ("四",)


def test_tab_table_after_a_paragraph_line_in_markdown() -> None:
    doc = md("说明如下：\n项目\t数量\n规章\t0\n")
    (table,) = doc.tables
    assert [r.texts for r in table.rows] == [("项目", "数量"), ("规章", "0")]
    para = next(b for b in doc.blocks if b.kind == "paragraph")
    assert (para.text, para.span) == ("说明如下：", Span(1, 1, 1, 6))


def test_table_section_names_nested_parts() -> None:
    text = "二、主动公开政府信息情况\n（一）规章\n项目\t数量\n规章\t0\n三、收到和处理政府信息公开申请情况\n项目\t数量\n"
    doc = txt(text)
    assert [t.section for t in doc.tables] == [("二", "（一）"), ("三",)]


def test_table_before_any_part_has_no_section() -> None:
    doc = txt("项目\t数量\n规章\t0\n\n一、总体情况\n")
    assert doc.tables[0].section == ()


def test_example_reports_tables_sit_in_their_parts() -> None:
    for rel in ("examples/clean-2021.md", "tests/fixtures/reports/clean-2021.txt"):
        path = ROOT / rel
        parse = parse_markdown if path.suffix == ".md" else parse_plaintext
        doc = parse(str(path), path.read_text(encoding="utf-8"), ParseOptions())
        assert [t.section for t in doc.tables] == [("二",)] * 4 + [("三",), ("四",)], rel
        assert [len(t.rows) for t in doc.tables][-2:] == [31, 2], rel


# --------------------------------------------------------------------------- Document helpers


CJK = "一、总体情况\n\u3000\u3000本年度主动公开政府信息100条。  \n\n项目\t自然人\n"


def test_locate_counts_characters() -> None:
    doc = txt(CJK)
    assert doc.locate("主动公开") == Span(2, 6, 2, 10)
    assert doc.locate("100条") == Span(2, 14, 2, 18)
    assert doc.locate("自然人") == Span(4, 4, 4, 7)
    assert doc.locate("不存在") is None


def test_locate_within_a_line_range() -> None:
    doc = txt("公开\n公开\n公开\n")
    assert doc.locate("公开", start_line=2) == Span(2, 1, 2, 3)
    assert doc.locate("公开", start_line=2, end_line=1) is None
    assert doc.locate("公开", start_line=3, end_line=99) == Span(3, 1, 3, 3)
    assert doc.locate("公开", start_line=0) == Span(1, 1, 1, 3)


def test_line_span_strips_white_space() -> None:
    doc = txt(CJK)
    assert doc.line_span(1) == Span(1, 1, 1, 7)
    # two full-width spaces in front, two ASCII spaces behind
    assert doc.line_span(2) == Span(2, 3, 2, 19)
    assert doc.line_span(3) == Span(3, 1, 3, 1)
    assert doc.line_span(99) == Span(99, 1, 99, 1)


def test_line_accessor() -> None:
    doc = txt(CJK)
    assert doc.line(1) == "一、总体情况"
    assert doc.line(0) == ""
    assert doc.line(6) == ""
    assert len(doc.lines) == 4  # a final newline does not start a fifth line
    assert doc.syntax == "text"
    assert md("x\n").syntax == "markdown"


def test_blocks_between() -> None:
    doc = txt(CJK)
    kinds = [(b.kind, b.span.line) for b in doc.blocks_between(2, 4)]
    assert kinds == [("paragraph", 2), ("table", 4)]


def test_document_is_frozen() -> None:
    doc = txt(CJK)
    with pytest.raises(AttributeError):
        doc.year = 2000  # type: ignore[misc]
    assert isinstance(doc.sections[0], Section)
