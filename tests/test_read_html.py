"""The HTML reader: example reports published as government web pages get the findings of the
text originals, at places a person can find on the page; pages without a report are refused."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from html_pages import chrome_only_page, page

from gialint.cli.program import main
from gialint.read import ReadError
from gialint.read.html_decode import declared_charset, decode_page

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SOURCES = ("clean-2021.md", "defective-2020.md", "defective-2021.txt")


def _check(*argv: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = main(["check", "--format", "json", "--no-cache", "--jobs", "1", *argv], out, io.StringIO())
    return code, json.loads(out.getvalue())["diagnostics"]


def _flat(text: str) -> str:
    return re.sub(r"[\s|*#]", "", text)


def _anchor(source_line: str) -> str:
    """What a finding on this line of the text original points at: a table row's label (or its
    figures when it has none), else the line without Markdown markup."""
    if "\t" in source_line or source_line.lstrip().startswith("|"):
        cells = [c.strip() for c in re.split(r"\t|\|", source_line.strip().strip("|"))]
        label = next((c for c in cells if c and not re.fullmatch(r"[\d.\-]+", c)), "")
        return _flat(label or "".join(cells))
    return _flat(source_line)


def _points_at(anchor: str, extracted_line: str) -> bool:
    """The extracted line holds the anchor, or is the first header row of the same table with
    the header's group label over the flat one (行政复议 over 行政复议结果维持)."""
    first = _flat(extracted_line.split("\t")[0])
    return anchor in _flat(extracted_line) or (len(first) >= 4 and anchor.startswith(first))


def _markdown_only(d: dict[str, object]) -> bool:
    """A Markdown heading's ``##`` depth: a web page has no such thing to check."""
    return d["rule"] == "heading-numbering" and "#" in str(d["message"])


def _write_page(tmp_path: Path, name: str, inline: bool = False) -> tuple[Path, Path]:
    source = EXAMPLES / name
    text = source.read_text(encoding="utf-8")
    original = tmp_path / name
    original.write_text(text, encoding="utf-8")
    target = tmp_path / (source.stem + ".html")
    if name.endswith(".txt"):  # declared gb2312, holding GBK-only characters (繁體版), encoded GB18030
        data = page(text, charset="gb2312", inline=inline).encode("gb18030")
        with pytest.raises(UnicodeDecodeError):
            data.decode("gb2312")
        target.write_bytes(data)
    else:
        target.write_text(page(text, inline=inline), encoding="utf-8")
    return original, target


@pytest.mark.parametrize("inline", [False, True], ids=["trs-page", "chrome-inside-container"])
@pytest.mark.parametrize("name", SOURCES)
def test_a_published_page_gets_the_findings_of_its_text_original(tmp_path: Path, name: str, inline: bool) -> None:
    original, html = _write_page(tmp_path, name, inline)
    source_lines = original.read_text(encoding="utf-8").split("\n")
    _, expected = _check(str(original))
    expected = [d for d in expected if not _markdown_only(d)]
    code, found = _check(str(html))
    extracted = io.StringIO()
    assert main(["extract", str(html)], extracted, io.StringIO()) == 0
    extracted_lines = extracted.getvalue().split("\n")
    if name.startswith("clean"):
        assert (code, found) == (0, [])
        return
    assert code == 1
    assert sorted(d["rule"] for d in found) == sorted(d["rule"] for d in expected)
    unmatched = list(found)
    for want in expected:
        anchor = _anchor(source_lines[int(want["line"]) - 1])  # type: ignore[call-overload]
        match = next(
            (
                d
                for d in unmatched
                if d["rule"] == want["rule"] and _points_at(anchor, extracted_lines[int(d["line"]) - 1])  # type: ignore[call-overload]
            ),
            None,
        )
        assert match is not None, f"no {want['rule']} finding on the page at {anchor!r}"
        unmatched.remove(match)
        location = match["location"]
        assert isinstance(location, dict) and location["kind"] == "html"
        if "\t" in extracted_lines[int(match["line"]) - 1]:  # type: ignore[call-overload]
            assert location["table"] >= 1 and location["row"] >= 1 and location["table_name"].startswith("表")
        else:
            assert location["paragraph"] >= 1
            assert location["quote"].rstrip("…") in source_lines[int(want["line"]) - 1]  # type: ignore[call-overload]


def test_the_short_row_of_merged_table_three_is_located_at_the_missing_cell(tmp_path: Path) -> None:
    _, html = _write_page(tmp_path, "defective-2021.txt")
    _, found = _check(str(html), "--select", "empty-cell,unbalanced-table")
    empty = next(d for d in found if d["rule"] == "empty-cell")
    location = empty["location"]
    assert isinstance(location, dict)
    # three label columns (三、本年度办理结果 › （一）予以公开 spans two) + seven figures: 总计 is the 10th
    assert (location["table_name"], location["column"], location["row_label"], location["column_label"]) == (
        "表三", 10, "（一）予以公开", "总计"
    )
    assert "总计" in str(empty["message"])
    assert location["quote"] == "（一）予以公开"  # the row's label to search for, not the figure “2”


def test_a_repeated_column_label_is_named_with_its_group_and_a_header_row_has_no_row_label(tmp_path: Path) -> None:
    _, html = _write_page(tmp_path, "defective-2020.md")
    _, found = _check(str(html), "--select", "empty-cell,missing-section")
    empty = next(d for d in found if d["rule"] == "empty-cell")
    assert empty["location"]["column_label"] == "复议后起诉 › 总计"  # type: ignore[index]
    _, html = _write_page(tmp_path, "defective-2021.txt")
    _, found = _check(str(html), "--select", "missing-section")
    [missing] = found
    location = missing["location"]
    assert isinstance(location, dict) and location["row"] == 1 and "row_label" not in location


def test_a_chrome_only_page_is_unreadable_input_with_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "list.html"
    target.write_text(chrome_only_page(), encoding="utf-8")
    code, found = _check(str(target))
    assert code == 1
    [d] = found
    assert d["rule"] == "unreadable-input"
    assert "这个网页里没有找到年度报告正文" in str(d["message"]) and "另存" in str(d["message"])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body><h1>404 Not Found</h1><p>nginx</p></body></html>",
        b"<<<>>><table><tr><td rowspan=abc colspan=99999>\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb",
        b"\x00\x01\x02<html>",
    ],
)
def test_pages_without_a_report_are_refused_not_crashed(tmp_path: Path, data: bytes) -> None:
    target = tmp_path / "bad.html"
    target.write_bytes(data)
    code, found = _check(str(target))
    assert code == 1
    assert [d["rule"] for d in found] == ["unreadable-input"]


def test_a_truncated_page_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    text = page((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"))
    cut = text.index("五、存在的主要问题")
    target = tmp_path / "cut.html"
    target.write_text(text[:cut], encoding="utf-8")  # unclosed <div>, <h3>, <body>, <html>
    code, found = _check(str(target))
    assert code == 1
    rules = {d["rule"] for d in found}
    assert "missing-section" in rules and not rules & {"unreadable-input", "rule-error"}


def test_a_page_laid_out_with_tables_reads_like_the_div_page(tmp_path: Path) -> None:
    text = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    divs = tmp_path / "divs.html"
    divs.write_text(page(text), encoding="utf-8")
    nested = page(text).replace('<div class="main">', '<table width="980"><tr><td class="left" width="200">', 1)
    nested = nested.replace('<div class="right">', '</td><td class="right"><table width="760"><tr><td>', 1)
    nested = nested.replace('<div class="footer">', "</td></tr></table></td></tr></table>\n<div class=\"footer\">", 1)
    tables = tmp_path / "tables.html"
    tables.write_text(nested, encoding="utf-8")
    out_divs, out_tables = io.StringIO(), io.StringIO()
    main(["extract", str(divs)], out_divs, io.StringIO())
    main(["extract", str(tables)], out_tables, io.StringIO())
    assert out_tables.getvalue() == out_divs.getvalue()


def test_extract_shows_the_report_without_the_site_around_it(tmp_path: Path) -> None:
    _, html = _write_page(tmp_path, "clean-2021.md")
    out = io.StringIO()
    assert main(["extract", "--places", str(html)], out, io.StringIO()) == 0
    text = out.getvalue()
    lines = text.split("\n")
    assert lines[:2] == ['# 正文取自 / report body from: <div class="TRS_Editor">', "# 编码 / encoding: UTF-8"]
    assert lines[2].split(None, 2)[1:] == ["¶1", "青石镇人民政府2021年政府信息公开工作年度报告"]
    for chrome in ("当前位置", "字体", "打印本页", "关闭窗口", "ICP", "网站标识码", "发布日期", "发布机构", "浏览次数", "繁體版", "首页", "document.write", "text-indent", "白沙镇2020年"):
        assert chrome in html.read_text(encoding="utf-8") and chrome not in text, chrome
    assert "T2 r6" in text and "三、本年度办理结果\t（一）予以公开\t\t1\t1\t0" in text
    # a source line break between two Chinese characters is no blank; &nbsp;/\u3000 indents are gone
    plain = io.StringIO()
    main(["extract", str(html)], plain, io.StringIO())
    paragraph = next(line for line in (EXAMPLES / "clean-2021.md").read_text(encoding="utf-8").split("\n") if "在县委" in line)
    assert paragraph not in html.read_text(encoding="utf-8") and paragraph + "\n" in plain.getvalue()
    assert not re.search(r"[\xa0\u3000]|  |^ | $", plain.getvalue(), re.MULTILINE)


def test_check_prints_places_people_find_on_the_page(tmp_path: Path) -> None:
    _, html = _write_page(tmp_path, "defective-2021.txt")
    out = io.StringIO()
    main(["check", "--no-cache", "--jobs", "1", str(html)], out, io.StringIO())
    text = out.getvalue()
    assert "位置: 第1段 “2021年政府信息公开工作年度报告”" in text
    assert "位置: 表三 第6行第10列（（一）予以公开 / 总计）" in text
    out = io.StringIO()
    main(["check", "--no-cache", "--jobs", "1", "--lang", "en", str(html)], out, io.StringIO())
    assert "paragraph 1" in out.getvalue() and "table 三, row 6, column 10" in out.getvalue()


# --------------------------------------------------------------------------- decoding


def test_gb2312_and_its_relatives_are_read_as_gb18030() -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head>'
    data = head + "<body><a>繁體版</a><p>一、总体情况</p></body></html>".encode("gb18030")
    assert declared_charset(data) == "gb18030"
    text, encoding = decode_page(data)
    assert "繁體版" in text and encoding == "gb18030"
    assert declared_charset(b'<meta charset="gbk">') == "gb18030"
    assert declared_charset(b'<?xml version="1.0" encoding="gb2312"?><html>') == "gb18030"
    assert declared_charset(b"<html><p>charset=utf-8</p>") is None


def test_without_a_declaration_utf8_then_gb18030() -> None:
    body = "<html><body><p>政府信息公开工作年度报告</p></body></html>"
    assert decode_page(body.encode("utf-8")) == (body, "utf-8")
    assert decode_page(body.encode("gb18030")) == (body, "gb18030")
    assert decode_page(b"\xef\xbb\xbf" + body.encode("utf-8"))[0].lstrip("\ufeff") == body
    assert decode_page(body.encode("utf-16"))[0] == body


def test_a_utf8_page_still_declaring_gb2312_is_read_as_utf8() -> None:
    body = '<html><head><meta charset="gb2312"></head><body><p>政府信息公开工作年度报告</p></body></html>'
    assert decode_page(body.encode("utf-8")) == (body, "utf-8")


def test_a_wrong_western_declaration_does_not_garble_chinese() -> None:
    body = '<html><head><meta charset="iso-8859-1"></head><body><p>年度报告</p></body></html>'
    assert "年度报告" in decode_page(body.encode("utf-8"))[0]


def test_undecodable_bytes_are_refused_at_their_place() -> None:
    data = b'<html>\n<meta charset="utf-8">\n<p>ok</p>\n<p>\xff\xff</p>'
    with pytest.raises(ReadError) as caught:
        decode_page(data)
    assert (caught.value.line, caught.value.column) == (4, 4)
    assert "第 4 行第 4 列" in caught.value.message_zh


def test_a_blank_file_is_refused() -> None:
    with pytest.raises(ReadError, match="empty"):
        decode_page(b"  \r\n ")


# --------------------------------------------------------------------------- finding the body


def _report_lines(name: str = "clean-2021.md") -> list[str]:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return [line.lstrip("# ").replace("**", "") for line in text.split("\n") if line.strip() and not line.startswith("|")]


def test_a_report_pasted_as_one_paragraph_is_still_found(tmp_path: Path) -> None:
    blob = "".join(_report_lines())
    target = tmp_path / "blob.html"
    target.write_text(f'<html><body><div class="nav"><a>首页</a></div><div id="zoom"><p>{blob}</p></div></body></html>', encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(target)], out, io.StringIO()) == 0
    assert out.getvalue() == blob + "\n"


def test_unnumbered_part_headings_are_report_headings(tmp_path: Path) -> None:
    body = "".join(f"<p>{re.sub(r'^[一二三四五六]、', '', line)}</p>" for line in _report_lines())
    target = tmp_path / "plain.html"
    target.write_text(f"<html><body><ul><li><a>首页</a></li></ul><div class='content'>{body}</div></body></html>", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(target)], out, io.StringIO()) == 0
    assert "\n总体情况\n" in out.getvalue()


def test_a_linked_title_above_the_body_is_kept_but_a_sidebar_link_is_not(tmp_path: Path) -> None:
    lines = _report_lines()
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    sidebar = "<ul class='list'><li><a href='/x'>红岭乡2020年政府信息公开工作年度报告</a></li></ul>"
    linked = f"<html><body>{sidebar}<h1><a href='/self'>{lines[0]}</a></h1><div id='zoom'>{body}</div></body></html>"
    plain = f"<html><body>{sidebar}<div id='zoom'>{body}</div></body></html>"
    for html, first in ((linked, lines[0]), (plain, lines[1])):
        target = tmp_path / "t.html"
        target.write_text(html, encoding="utf-8")
        out = io.StringIO()
        assert main(["extract", str(target)], out, io.StringIO()) == 0
        assert out.getvalue().split("\n")[0] == first


def test_tables_are_put_on_their_grid() -> None:
    import lxml.html

    from gialint.read.html_blocks import grid

    table = lxml.html.fragment_fromstring(
        "<table><tr><td rowspan=2 colspan=2>A</td><td colspan=2>B</td><td rowspan=0>C</td></tr>"
        "<tr><td>b1</td><td>b2</td></tr>"
        "<tr><td>x</td><td colspan='2;'>y</td><td rowspan='junk'>&nbsp;</td></tr>"
        "<tr><td>short</td></tr></table>"
    )
    assert grid(table) == [
        ["A", "", "B", "", "C"],
        ["", "", "b1", "b2", ""],
        ["x", "y", "", "", ""],  # colspan="2;" is 2; rowspan="junk" is 1; &nbsp; is blank
        ["short", "", "", "", ""],  # rowspan=0 reaches the last row
    ]


def test_hidden_copies_and_footer_lines_are_not_report_text_but_prose_mentioning_them_is(tmp_path: Path) -> None:
    lines = _report_lines()
    body = "".join(f"<p>{line}</p>" for line in lines)
    hidden = "<div style='display: none'><p>一、总体情况</p><p>隐藏的副本</p></div><p hidden>模板文字</p>"
    prose = "<p>如对本报告有疑问，请联系我们：0793-6718235。</p>"
    footer = "<p>主办单位：青石县人民政府办公室</p><p>网站标识码：3607220001</p>"
    target = tmp_path / "h.html"
    target.write_text(f"<html><body><div id='zoom'>{body}{hidden}{prose}{footer}</div></body></html>", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(target)], out, io.StringIO()) == 0
    text = out.getvalue()
    assert "隐藏的副本" not in text and "模板文字" not in text and "主办单位" not in text and "网站标识码" not in text
    assert "请联系我们：0793-6718235。" in text


def test_a_title_split_into_agency_and_report_lines_above_the_body_is_kept_whole(tmp_path: Path) -> None:
    lines = _report_lines("defective-2021.txt")
    body = "".join(f"<p>{line}</p>" for line in lines[1:] if "\t" not in line)
    title = f"<div class='title'><p>白沙镇人民政府</p><p>{lines[0]}</p></div>"
    target = tmp_path / "split.html"
    target.write_text(f"<html><body><p>欢迎访问白沙镇人民政府</p>{title}<div id='zoom'>{body}</div></body></html>", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(target)], out, io.StringIO()) == 0
    assert out.getvalue().startswith(f"白沙镇人民政府\n{lines[0]}\n本报告")
    _, found = _check(str(target), "--select", "missing-title")
    assert found == []


def test_gialints_own_results_page_is_not_taken_for_a_report(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "defective-2021.txt", tmp_path / "r.txt")
    out = io.StringIO()
    main(["audit", "--no-cache", "--format", "html", str(tmp_path / "r.txt")], out, io.StringIO())
    assert 'name="generator" content="gialint' in out.getvalue()
    (tmp_path / "audit.html").write_text(out.getvalue(), encoding="utf-8")
    code, found = _check(str(tmp_path / "audit.html"))
    assert code == 1
    [d] = found
    assert d["rule"] == "unreadable-input" and "gialint 生成的检查结果网页" in str(d["message"])


def test_a_page_in_traditional_characters_is_found_and_kept_as_written(tmp_path: Path) -> None:
    pytest.importorskip("opencc")
    headings = ["一、總體情況", "二、主動公開政府資訊情況", "三、收到和處理政府資訊公開申請情況", "六、其他需要報告的事項"]
    body = "".join(f"<p><strong>{h}</strong></p><p>本年度本機關依法辦理。</p>" for h in headings)
    title = "<h1>青石鎮人民政府2021年政府資訊公開工作年度報告</h1>"
    target = tmp_path / "big5.html"
    target.write_text(f"<html><body><div class='nav'><a>首頁</a></div>{title}<div id='zoom'>{body}</div></body></html>", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(target)], out, io.StringIO()) == 0
    assert out.getvalue().split("\n")[:2] == ["青石鎮人民政府2021年政府資訊公開工作年度報告", "一、總體情況"]


def test_a_utf32_page_with_its_bom_is_decoded() -> None:
    import codecs

    from gialint.read.html_decode import decode_page

    page_text = "<html><body><p>一、总体情况</p></body></html>"
    text, codec = decode_page(codecs.BOM_UTF32_LE + page_text.encode("utf-32-le"))
    assert codec.startswith("utf-32") and "一、总体情况" in text
