"""The normalisation pass: flattened reports, traditional characters, pinyin, page chrome.

Rules see the normalised view; every finding must point into the original text. The texts
here are built from the examples (never from the corpus).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gialint import read
from gialint.cli.program import main
from gialint.model.diagnostic import Diagnostic
from gialint.model.textview import Builder, TextView
from gialint.read.parse.normalize import normalize
from gialint.read.parse.options import ParseOptions
from gialint.read.parse.plaintext import parse_plaintext
from gialint.read.parse.structure import split_lines
from gialint.testing import fix, lint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STRUCTURE = ("missing-section", "section-order", "heading-numbering", "missing-title")


def _positions(found: list[Diagnostic]) -> list[tuple[int, int, int, int, str]]:
    return sorted((d.line, d.column, d.end_line, d.end_column, d.rule) for d in found)


def _txt_from_markdown(markdown: str) -> list[str]:
    """The Markdown example as a plain-text export: no # or **, pipe tables as tab rows."""
    out = []
    for line in markdown.splitlines():
        s = line.strip()
        if re.match(r"^\|?\s*:?-{3,}", s):
            continue
        if s.startswith("|"):
            out.append("\t".join(c.strip() for c in s.strip("|").split("|")))
            continue
        out.append(re.sub(r"^#+\s*", "", s).replace("**", ""))
    return out


def _flatten(lines: list[str]) -> str:
    """Each stretch of prose between tables on one line, as a crawl or a PDF viewer copies it."""
    out: list[str] = []
    prose: list[str] = []
    for line in lines:
        if "\t" in line:
            if prose:
                out.append("".join(prose))
                prose = []
            out.append(line)
        elif line:
            prose.append(line)
    if prose:
        out.append("".join(prose))
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def clean_lines() -> list[str]:
    return _txt_from_markdown((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------ the position map


def test_builder_maps_inserted_dropped_and_rewritten_text() -> None:
    source = "甲乙(yǐ)丙。一、总体情况丁"
    out = Builder("t", source)
    out.copy_to(2)
    out.put("", 6)  # drop (yǐ)
    out.copy_to(8)
    out.put("\n", 8)  # break before 一、
    out.copy_to(len(source))
    text, step = out.finish()
    assert text == "甲乙丙。\n一、总体情况丁"
    view = TextView.of(source, (source,), text, (step,), ("t",))
    assert view.position(1, 3) == (1, 7)  # 丙 after the dropped pinyin
    assert view.position(2, 1) == (1, 9)  # 一 on the view's second line, column 9 of the original
    assert view.span(2, 3, 2, 7) == (1, 11, 1, 15)  # 总体情况
    assert view.exact(2, 3, 2, 7) == (1, 11, 1, 15)
    assert view.exact(1, 1, 2, 2) is None  # across the inserted break: no edit there
    assert view.view_line(1, 12) == 2


def test_nothing_to_do_gives_no_view() -> None:
    text = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    assert normalize(text, split_lines(text), "text") is None


# ------------------------------------------------------------------------------------- flattened


def test_flattened_clean_report_has_no_findings(clean_lines: list[str]) -> None:
    original = "\n".join(clean_lines) + "\n"
    flat = _flatten(clean_lines)
    assert flat.count("\n") < original.count("\n") / 2
    assert lint(original) == []
    assert lint(flat) == []


def test_report_on_one_line_keeps_its_structure(clean_lines: list[str]) -> None:
    prose = [line for line in clean_lines if "\t" not in line]
    original = parse_plaintext("r.txt", "\n".join(prose) + "\n", ParseOptions())
    one_line = "".join(prose) + "\n"
    flat = parse_plaintext("r.txt", one_line, ParseOptions())
    assert flat.view is not None and len(flat.view.lines) == 1
    # the sections, and the parts' titles (a sub-heading's title runs on into its text: no line ends it)
    assert [(s.level, s.numeral) for s in flat.all_sections()] == [(s.level, s.numeral) for s in original.all_sections()]
    assert [s.title for s in flat.sections] == [s.title for s in original.sections]
    assert flat.title is not None and flat.title.text == original.title.text
    assert [d for d in lint(one_line, select=STRUCTURE)] == []


def test_flattened_finding_points_at_the_original_column() -> None:
    text = (
        "白沙镇人民政府2022年政府信息公开工作年度报告本报告由白沙镇人民政府编制。一、总体情况2022年，我镇认真落实《条例》，，全年工作平稳。"
        "二、主动公开政府信息情况本年度主动公开政府信息80条。\n"
    )
    found = [d for d in lint(text) if d.rule == "doubled-punctuation"]
    column = text.index("，，") + 1
    assert [(d.line, d.column, d.end_column) for d in found] == [(1, column, column + 2)]
    assert fix(text, "doubled-punctuation") == text.replace("，，", "，")  # the fix lands in the original


def test_run_on_heading_keeps_its_body() -> None:
    text = "一、总体情况\n本年度工作平稳。\n六、其他需要报告的事项本年度未收取信息处理费。\n"
    doc = parse_plaintext("r.txt", text, ParseOptions())
    six = doc.part(6)
    assert six is not None and six.title == "其他需要报告的事项"
    assert "本年度未收取信息处理费。" in doc.lines[six.span.line:six.end_line]
    assert doc.view is not None and doc.view.lines == tuple(text.splitlines())


def test_table_row_labels_and_lists_do_not_split() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "项目 一、本年新收政府信息公开申请数量 4 二、上年结转政府信息公开申请数量 1 三、本年度办理结果 （一）予以公开 2 四、结转下年度继续办理 0\n"
        "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。\n"
    )
    assert normalize(text, split_lines(text), "text") is None


def test_sub_headings_split_only_on_flattened_lines() -> None:
    prose = "一、总体情况\n主要做法如下。（一）加强领导。（二）完善制度。\n"
    assert normalize(prose, split_lines(prose), "text") is None
    flat = "前言。一、总体情况本年度工作平稳。（一）主动公开本年度公开信息80条。（二）依申请公开无。\n"
    view = normalize(flat, split_lines(flat), "text")
    assert view is not None
    assert view.text.splitlines() == ["前言。", "一、总体情况", "本年度工作平稳。", "（一）主动公开本年度公开信息80条。", "（二）依申请公开无。"]


def test_flattened_markdown_gets_paragraphs() -> None:
    text = "# 白沙镇人民政府2022年政府信息公开工作年度报告\n\n前言。一、总体情况本年度工作平稳。二、主动公开政府信息情况本年度公开80条。\n"
    doc = parse_plaintext("r.txt", text, ParseOptions())
    from gialint.read.parse.markdown import parse_markdown

    md = parse_markdown("r.md", text, ParseOptions())
    assert [s.title for s in md.sections] == [s.title for s in doc.sections] == ["总体情况", "主动公开政府信息情况"]
    assert md.sections[1].span.line > md.sections[0].span.line


# ------------------------------------------------------------------------------------ traditional


def _traditional(text: str, config: str) -> str:
    import opencc

    return opencc.OpenCC(config).convert(text)


@pytest.mark.parametrize("config", ["s2tw", "s2t", "s2twp"])
def test_traditional_copy_gets_the_same_findings(config: str) -> None:
    text = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    simplified = _positions(lint(text))
    converted = _traditional(text, config)
    assert len(converted) == len(text)
    assert _positions(lint(converted)) == simplified


def test_inserted_pinyin_moves_columns_in_the_original() -> None:
    text = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    target = next(n for n, line in enumerate(lines) if "：：" in line)
    word = next(m for m in re.finditer(r"[\u4e00-\u9fff]", lines[target]) if m.start() < lines[target].index("：："))
    pinyin = "(gōng)"
    lines[target] = lines[target][: word.end()] + pinyin + lines[target][word.end() :]
    lines[2] = lines[2].replace("报告", "报(bào)告", 1)
    mirrored = _traditional("\n".join(lines), "s2tw")
    before = {d.rule: d for d in lint(text) if d.rule == "doubled-punctuation"}
    after = {d.rule: d for d in lint(mirrored) if d.rule == "doubled-punctuation"}
    d0, d1 = before["doubled-punctuation"], after["doubled-punctuation"]
    assert (d1.line, d1.column) == (d0.line, d0.column + len(pinyin))
    assert mirrored.split("\n")[d1.line - 1][d1.column - 1 : d1.end_column - 1] == "：："
    assert _positions([d for d in lint(mirrored) if d.line != target + 1]) == _positions(
        [d for d in lint(text) if d.line != target + 1]
    )


def test_taiwan_words_and_fix_across_converted_text() -> None:
    text = "白沙鎮人民政府2022年政府資訊公開工作年度報告\n一、總體情況\n本年度主動公開政府資訊80條，，並在網路上發佈。\n"
    doc = parse_plaintext("r.txt", text, ParseOptions())
    assert doc.view is not None and "traditional" in doc.view.notes
    assert "政府信息公开" in doc.source and "网络" in doc.source
    assert doc.agency == "白沙镇人民政府"
    # a fix on unconverted characters (，，) is kept, in the original text
    assert fix(text, "doubled-punctuation") == text.replace("，，", "，")


def test_traditional_detection_needs_several_characters() -> None:
    text = "一、总体情况\n本年度乾隆路、於家村的信息已公开。\n"
    assert normalize(text, split_lines(text), "text") is None


# ----------------------------------------------------------------------------------------- chrome


def test_page_chrome_is_not_report_text(clean_lines: list[str]) -> None:
    chrome_top = [
        "# source: http://www.example.gov.cn/art/2022/1/20/art_1.html",
        "当前位置：首页 > 政务公开 > 政府信息公开年报",
        "发布日期：2022-01-20\t来源：党政综合办公室",
        "字体：【大 中 小】",
    ]
    chrome_bottom = ["【打印本页】【关闭窗口】", "版权所有：某县人民政府  赣ICP备12345678号"]
    text = "\n".join(chrome_top + clean_lines + chrome_bottom) + "\n"
    assert lint(text) == []
    doc = parse_plaintext("r.txt", text, ParseOptions())
    assert doc.title is not None and doc.title.span.line == len(chrome_top) + 1
    assert all(not doc.line(n) for n in range(1, len(chrome_top) + 1))


def test_chrome_inside_a_flattened_page_is_cut_out() -> None:
    body = "白沙镇人民政府2022年政府信息公开工作年度报告本报告由白沙镇人民政府编制。一、总体情况本年度工作平稳。" * 3
    text = "当前位置：首页 > 政务公开 > 年报 " + body + "【打印本页】【关闭窗口】\n"
    view = normalize(text, split_lines(text), "text")
    assert view is not None and "打印本页" not in view.text and "当前位置" not in view.text
    assert "本报告由白沙镇人民政府编制。" in view.text


# ------------------------------------------------------------------------------ title, suppression


def test_title_split_over_two_lines() -> None:
    text = "白沙镇人民政府\n2022年政府信息公开工作年度报告\n本报告由白沙镇人民政府编制。\n一、总体情况\n"
    assert [d for d in lint(text, select=("missing-title",))] == []
    doc = parse_plaintext("r.txt", text, ParseOptions())
    assert doc.agency == "白沙镇人民政府" and doc.year == 2022
    # in Markdown the two lines are one paragraph; page chrome above them is no title either
    page = "# source: http://www.example.gov.cn/a.html\n字体：【大 中 小】\n" + text
    assert [d for d in lint(page, path="r.md", select=("missing-title",))] == []


def test_suppression_comment_on_a_flattened_line() -> None:
    text = "前言。一、总体情况本年度工作平稳：：。二、主动公开政府信息情况本年度公开80条。 <!-- gialint-disable-line doubled-punctuation -->\n"
    assert [d for d in lint(text, path="r.md") if d.rule == "doubled-punctuation"] == []
    unsuppressed = text.replace(" <!-- gialint-disable-line doubled-punctuation -->", "")
    assert [d.line for d in lint(unsuppressed, path="r.md") if d.rule == "doubled-punctuation"] == [1]


def test_message_line_numbers_are_the_files() -> None:
    text = "白沙镇人民政府2022年政府信息公开工作年度报告\n前言。一、总体情况本年度工作平稳。一、总体情况重复。\n"
    found = [d for d in lint(text, select=("section-order",))]
    assert [(d.line, "line 2" in d.message_en) for d in found] == [(2, True)]


def test_markdown_run_does_not_import_opencc() -> None:
    code = (
        "import sys\nfrom gialint.cli.program import main\n"
        f"main(['check', '--no-cache', '-q', {str(EXAMPLES / 'clean-2021.md')!r}])\n"
        "assert 'opencc' not in sys.modules, 'opencc imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_fix_across_rewritten_text_is_dropped() -> None:
    from gialint.model.diagnostic import Edit
    from gialint.read.parse.mapping import to_original

    text = "一、總體情況\n本年度公開資訊80條。\n"
    doc = parse_plaintext("r.txt", text, ParseOptions())
    assert doc.view is not None and doc.lines[1] == "本年度公开信息80条。"
    over_converted = Diagnostic("r.txt", 2, 4, "GIA999", "t", 2, 8, fix=(Edit(2, 4, 2, 8, "公开的信息"),))
    over_digits = Diagnostic("r.txt", 2, 8, "GIA999", "t", 2, 10, fix=(Edit(2, 8, 2, 10, "90"),))
    assert to_original(doc.view, over_converted).fix == ()
    assert to_original(doc.view, over_digits).fix == (Edit(2, 8, 2, 10, "90"),)


_PIECES = (
    "一、总体情况", "二、主动公开政府信息情况", "三、本年度办理结果", "（一）予以公开", "（二）", "。", "，", "\n", " ",
    "報(bào)告", "資訊公開", "總體情況", "字体：【大 中 小】", "【打印本页】", "当前位置：首页 > 政务公开 > ",
    "六、其他需要报告的事项本年度未收取信息处理费。", "白沙镇2022年政府信息公开工作年度报告", "\t0\t1", "a", "网际网路",
)


def test_any_text_maps_back_inside_the_original() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=40), st.booleans())
    def check(pieces: list[str], markdown: bool) -> None:
        source = "".join(pieces)
        lines = split_lines(source)
        view = normalize(source, lines, "markdown" if markdown else "text")
        if view is None:
            return
        view_lines = split_lines(view.text) or ("",)
        last = (1, 1)
        for number, line in enumerate(view_lines, 1):
            for column in range(1, len(line) + 2):
                at = view.position(number, column)
                assert 1 <= at[0] <= max(len(lines), 1)
                assert 1 <= at[1] <= len(lines[at[0] - 1]) + 1 if lines else at == (1, 1)
                assert at >= last  # the map keeps the order of the text
                last = at
            exact = view.exact(number, 1, number, len(line) + 1)
            if exact is not None:  # text no pass rewrote is the original's
                (a, b, c, d) = exact
                assert a == c and lines[a - 1][b - 1 : d - 1] == line

    check()


# ------------------------------------------------------------------------- Word/PDF/HTML input
def test_page_in_traditional_characters_is_located_like_the_simplified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_read_infra import _fake_read  # the stand-in reader of the reader layer's tests

    module = types.ModuleType("gialint_test_page_reader")
    module.read = _fake_read  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gialint_test_page_reader", module)
    monkeypatch.setitem(read.READERS, ".page", "gialint_test_page_reader")
    text = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "a.page").write_text(text, encoding="utf-8")
    chrome = "当前位置：首页 > 政务公开\n字体：【大 中 小】\n"
    (tmp_path / "b.page").write_text(chrome + _traditional(text, "s2tw") + "【打印本页】【关闭窗口】\n", encoding="utf-8")

    def located(name: str) -> list[tuple[str, object, object, object]]:
        return [d[:4] for d in _located(name)]

    def _located(name: str) -> list[tuple[str, object, object, object, tuple[str, ...]]]:
        out = io.StringIO()
        main(["check", "--format", "json", "--no-cache", "--jobs", "1", str(tmp_path / name)], out, io.StringIO())
        found = json.loads(out.getvalue())["diagnostics"]
        return sorted(
            (d["rule"], d["location"].get("paragraph"), d["location"].get("row"), d["location"].get("column"),
             tuple(d["location"].get("heading", ())))
            for d in found
        )

    simplified, traditional = located("a.page"), located("b.page")
    # the same findings at the same cells; paragraphs shifted by the two chrome lines
    assert [(r, p + 2 if p else p, row, col) for r, p, row, col in simplified] == traditional
    # the headings are quoted as the page writes them
    headings = {h for *_, path in _located("b.page") for h in path}
    assert "三、收到和處理政府信息公開申請情況" in headings


def test_titles_listed_in_the_preamble_are_not_headings() -> None:
    text = "本报告分为一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况。\n一、总体情况\n"
    assert normalize(text, split_lines(text), "text") is None


def test_cli_fix_and_outputs_work_on_the_original_text(tmp_path: Path) -> None:
    text = "白沙鎮人民政府2022年政府資訊公開工作年度報告本報告由白沙鎮人民政府編製。一、總體情況本年度工作平穩，，全年公開資訊80條。\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    main(["check", "--format", "json", "--no-cache", "--jobs", "1", str(path)], out, io.StringIO())
    found = json.loads(out.getvalue())["diagnostics"]
    assert found and all(d["line"] == 1 and d["column"] <= len(text) for d in found)
    doubled = [d for d in found if d["rule"] == "doubled-punctuation"]
    assert [d["column"] for d in doubled] == [text.index("，，") + 1]
    html = io.StringIO()
    main(["check", "--format", "html", "--no-cache", "--jobs", "1", str(path)], html, io.StringIO())
    assert "白沙鎮人民政府" in html.getvalue()  # the page shows the file's own text
    main(["check", "--fix", "--select", "doubled-punctuation", "--no-cache", "--jobs", "1", str(path)], io.StringIO(), io.StringIO())
    assert path.read_text(encoding="utf-8") == text.replace("，，", "，")


def test_extract_view_prints_what_rules_see(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("前言。一、总体情况本年度工作平稳。二、主动公开政府信息情况本年度公开80条。\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["extract", "--view", str(path)], out, err) == 0
    assert out.getvalue().splitlines() == ["前言。", "一、总体情况", "本年度工作平稳。", "二、主动公开政府信息情况", "本年度公开80条。"]
    assert "split" in err.getvalue()
    plain = io.StringIO()
    assert main(["extract", str(path)], plain, io.StringIO()) == 0
    assert plain.getvalue() == path.read_text(encoding="utf-8")
