"""The PDF reader's geometry: spacing, page furniture, paragraphs from wrapped lines, table grids
and their stitching over page breaks (no PDF library needed except where a PDF is built)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from gialint.read.pdf_tables import Grid, build_grid, continues, stitch
from gialint.read.pdf_text import (
    PAGE_NUMBER,
    Line,
    drop_furniture,
    join_cell_lines,
    measure,
    paragraphs,
    tidy,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("号 ， 邮 编 ： 558300", "号，邮编：558300"),
        ("本 报 告 所 列 数 据", "本报告所列数据"),
        ("2021 年 1 月 1 日", "2021年1月1日"),
        ("电子邮箱：abc@x.gov.cn ， 联系电话", "电子邮箱：abc@x.gov.cn，联系电话"),
        ("Microsoft Word 原件", "Microsoft Word原件"),
        ("1 0 0 2", "1 0 0 2"),
        ("in Latin text spaces stay", "in Latin text spaces stay"),
    ],
)
def test_tidy_removes_only_the_spacing_a_pdf_adds(raw: str, clean: str) -> None:
    if raw.startswith("Microsoft"):
        assert tidy(raw) == raw, "a space between a Latin word and a CJK character stays"
        return
    assert tidy(raw) == clean


@pytest.mark.parametrize("text", ["- 3 -", "— 12 —", "第 3 页", "第3页 共10页", "3/10", "7", "Page 2 of 9"])
def test_page_numbers(text: str) -> None:
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["一、总体情况", "2021年", "第二十条第（一）项", "3.8万元"])
def test_not_page_numbers(text: str) -> None:
    assert not PAGE_NUMBER.match(text)


def test_cell_lines_join() -> None:
    assert join_cell_lines("三\n、\n本\n年\n度\n办\n理\n结\n果") == "三、本年度办理结果"
    assert join_cell_lines("结果\n维持") == "结果维持"
    assert join_cell_lines("（二）部分公开（区分处理的，只\n计这一情形）") == "（二）部分公开（区分处理的，只计这一情形）"
    assert join_cell_lines("Total\nvalue") == "Total value"


def _line(text: str, x0: float, x1: float, top: float, page: int = 1, size: float = 10.5) -> Line:
    return Line(text, x0, x1, top, top + size, size, page)


def test_paragraphs_from_wrapped_lines() -> None:
    lines = [
        _line("一、总体情况", 57, 120, 100),
        _line("2021年，我镇认真贯彻落实《条例》，围绕群众关注的工作推进政府", 78, 538, 118),
        _line("信息公开，全年政府信息公开工作总体平稳有序。", 57, 300, 136),
        _line("（一）主动公开", 57, 130, 154),
        _line("全年主动公开政府信息132条，其中机构职能信息6条，工作动态58条，", 78, 538, 172),
        _line("财政预决算信息4条。", 57, 160, 190, page=1),
        _line("如对本报告有疑问，请与党政办公室联系，地址：某县某镇某路18", 78, 538, 700, page=1),
        _line("号，邮编：334700。", 57, 150, 60, page=2),
    ]
    texts = [(p.text, p.page) for p in paragraphs(lines, measure(lines))]
    assert texts == [
        ("一、总体情况", 1),
        ("2021年，我镇认真贯彻落实《条例》，围绕群众关注的工作推进政府信息公开，全年政府信息公开工作总体平稳有序。", 1),
        ("（一）主动公开", 1),
        ("全年主动公开政府信息132条，其中机构职能信息6条，工作动态58条，财政预决算信息4条。", 1),
        ("如对本报告有疑问，请与党政办公室联系，地址：某县某镇某路18号，邮编：334700。", 1),
    ]


def test_page_furniture_dropped() -> None:
    heights = {1: 842.0, 2: 842.0, 3: 842.0}
    lines = []
    for page in heights:
        lines += [
            _line("某镇人民政府 2021年报告", 300, 538, 30, page),
            _line("正文内容。", 57, 200, 400, page),
            _line(f"- {page} -", 280, 300, 800, page),
        ]
    lines.append(_line("3", 290, 296, 400, 2))  # a figure in the body is not a page number
    kept = drop_furniture(lines, heights)
    assert [ln.text for ln in kept] == ["正文内容。", "正文内容。", "正文内容。", "3"]


def _grid(rows: list[list[str]], xs: list[float], page: int, spans: dict[tuple[int, int], int] | None = None) -> Grid:
    """A grid as build_grid makes it from boxes (a box per cell; ``spans``: merged columns)."""
    spans = spans or {}
    boxes = []
    texts = {}
    for r, row in enumerate(rows):
        c = 0
        for text in row:
            width = spans.get((r, c), 1)
            box = (xs[c], 100.0 + 20 * r, xs[c + width], 120.0 + 20 * r)
            boxes.append(box)
            texts[box] = text
            c += width
    return build_grid(boxes, lambda b: (texts[b], b[0] + 2 if texts[b] else None), page)


def test_stitch_drops_the_repeated_header_and_maps_columns_by_x() -> None:
    xs = [50.0, 250.0, 320.0, 390.0]
    prev = _grid([["项目", "自然人", "总计"], ["一、本年新收", "3", "3"]], xs, 3)
    cont = _grid([["项目", "自然人", "总计"], ["二、上年结转", "1", "1"]], xs, 4)
    assert continues(prev, cont, 842.0)
    joined = stitch(prev, cont)
    assert joined.texts() == [["项目", "自然人", "总计"], ["一、本年新收", "3", "3"], ["二、上年结转", "1", "1"]]
    assert joined.pages == [3, 3, 4]


def test_stitch_reconciles_a_missing_border() -> None:
    prev = _grid([["项目", "自然人", "其他", "总计"], ["（一）予以公开", "1", "0", "1"]], [50.0, 250.0, 320.0, 390.0, 460.0], 3)
    # on the next page the border between 自然人 and 其他 is missing: three columns drawn
    cont = _grid([["（二）部分公开", "0", "0"]], [50.0, 250.0, 390.0, 460.0], 4)
    assert continues(prev, cont, 842.0)
    assert stitch(prev, cont).texts()[-1] == ["（二）部分公开", "0", "", "0"]


def test_a_different_table_on_the_next_page_is_not_stitched() -> None:
    prev = _grid([["项目", "总计"], ["一、本年新收", "3"]], [50.0, 400.0, 540.0], 3)
    other = _grid([["维持", "纠正", "其他", "尚未审结", "总计"], ["0", "0", "0", "0", "0"]], [50.0, 148.0, 246.0, 344.0, 442.0, 540.0], 4)
    assert not continues(prev, other, 842.0)


def test_a_row_with_fewer_cells_stays_shorter() -> None:
    xs = [50.0, 250.0, 320.0, 390.0]
    boxes = [(xs[c], 100.0, xs[c + 1], 120.0) for c in range(3)] + [(xs[c], 120.0, xs[c + 1], 140.0) for c in range(2)]
    grid = build_grid(boxes, lambda b: ("x", b[0]), 1)
    assert grid.texts() == [["x", "x", "x"], ["x", "x"]]


def test_a_merged_cell_keeps_its_text_in_the_first_position() -> None:
    grid = _grid([["三、本年度办理结果", ""], ["（一）予以公开", "1", "1"]], [50.0, 250.0, 320.0, 390.0], 1, spans={(0, 1): 2})
    assert grid.texts() == [["三、本年度办理结果", "", ""], ["（一）予以公开", "1", "1"]]


def test_group_label_lost_at_the_page_break_is_carried_over(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    pdfmaker = pytest.importorskip("pdfmaker")
    from gialint.cli.program import main

    pdf = pdfmaker.build_split_group_table(tmp_path / "split.pdf")
    out = io.StringIO()
    assert main(["extract", "--places", str(pdf)], out, io.StringIO()) == 0
    found = (re.match(r"^ *\d+ +(p\d+) T1 r\d+ +(.*)$", line) for line in out.getvalue().split("\n"))
    assert [m.groups() for m in found if m] == [
        ("p1", "项目\t\t总计"),
        ("p1", "（四）无法提供\t1.本机关不掌握相关政府信息\t1"),
        ("p1", "\t2.没有现成信息需要另行制作\t0"),
        ("p2", "（四）无法提供\t3.补正后申请内容仍不明确\t0"),
        ("p2", "（五）不予处理\t1.信访举报投诉类申请\t0"),
    ]


def test_a_row_broken_over_the_page_break_is_joined_again() -> None:
    xs = [50.0, 250.0, 320.0, 390.0]
    prev = _grid([["项目", "自然人", "总计"], ["（二）部分公开（区分处理的，只计这一", "0", "0"]], xs, 2)
    cont = _grid([["情形，不计其他情形）", "", ""], ["（三）不予公开", "", ""]], xs, 3)
    joined = stitch(prev, cont)
    assert joined.texts()[1:] == [["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0", "0"], ["（三）不予公开", "", ""]]
    assert joined.pages == [2, 2, 3]


def test_rows_that_only_follow_each_other_are_not_joined() -> None:
    xs = [50.0, 250.0, 320.0]
    prev = _grid([["信息内容", "本年处理决定数量"], ["行政处罚", "3"]], xs, 2)
    for rows in ([["行政强制", "0"]], [["（四）无法提供", ""]]):
        assert stitch(prev, _grid(rows, xs, 3)).texts()[-2:] == [["行政处罚", "3"], rows[0]]
