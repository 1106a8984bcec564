"""Word .docx input: the example reports as Word files get the findings of their text originals,
at the same places expressed in Word terms; Word's own shapes (automatic numbering, merged
cells, tracked changes, fields, text boxes …) read as a person sees them."""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st
from report_docx import report_docx, write_report_docx

from gialint.cli.program import main
from gialint.read import ReadError
from gialint.read.docx import read

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASES = {
    "clean-2021.md": {},
    "defective-2020.md": {},
    "defective-2021.txt": {},
}
WORD_SHAPES = ({}, {"auto_numbering": True, "merged_table3": True})


def _check(*argv: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = main(["check", "--format", "json", "--no-cache", "--jobs", "1", *argv], out, io.StringIO())
    return code, json.loads(out.getvalue())["diagnostics"]


def _markdown_depth(d: dict[str, object], source: list[str]) -> bool:
    """heading-numbering's Markdown heading-depth finding (``##`` where ``###`` belongs): Word
    files carry no Markdown depth into the text model, so this one has no Word counterpart."""
    return d["rule"] == "heading-numbering" and source[int(d["line"]) - 1].lstrip().startswith("#")  # type: ignore[arg-type]


def _pointed(d: dict[str, object], source: list[str]) -> str:
    """The text a finding in the original points at (its own span, else its line)."""
    line = source[int(d["line"]) - 1]  # type: ignore[arg-type]
    column, end = int(d["column"]), int(d.get("end_column") or 0)  # type: ignore[arg-type]
    same_line = d.get("end_line") in (None, 0, d["line"])
    piece = line[column - 1 : end - 1] if same_line and end > column else ""
    piece = piece.replace("**", "").strip(" |\t#")
    if "|" in piece or "\t" in piece or not piece:
        return ""  # a whole row: checked by the row test below
    return piece


def _word_text(data: bytes, location: dict[str, object]) -> str:
    """The text at a location, read back with python-docx (an oracle independent of the reader)."""
    document = docx.Document(io.BytesIO(data))
    if "table" in location:
        table = document.tables[int(location["table"]) - 1]  # type: ignore[arg-type]
        row = table.rows[int(location["row"]) - 1]  # type: ignore[arg-type]
        if "column" in location and int(location["column"]) <= len(row.cells):  # type: ignore[arg-type]
            return row.cells[int(location["column"]) - 1].text  # type: ignore[arg-type]
        # (a column past the row's last cell names the cell the row is missing: the row is the place)
        return "\t".join(c.text for c in row.cells)
    shown = [p.text for p in document.paragraphs if p.text.strip()]
    return shown[int(location["paragraph"]) - 1]  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", WORD_SHAPES, ids=["plain", "numbered-merged"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_word_version_gets_the_same_findings_at_the_same_places(name: str, shape: dict[str, bool], tmp_path: Path) -> None:
    original = EXAMPLES / name
    target = write_report_docx(original, tmp_path / (original.stem + ".docx"), **shape)
    source = original.read_text(encoding="utf-8").split("\n")
    _, expected = _check(str(original))
    expected = [d for d in expected if not _markdown_depth(d, source)]
    code, found = _check(str(target))
    assert sorted(d["rule"] for d in found) == sorted(d["rule"] for d in expected)  # type: ignore[type-var]
    assert code == (1 if expected else 0)
    if not expected:
        return
    data = target.read_bytes()
    by_rule: dict[str, list[dict[str, object]]] = defaultdict(list)
    for d in found:
        by_rule[str(d["rule"])].append(d)
    for d in expected:
        word = by_rule[str(d["rule"])].pop(0)
        location = word["location"]
        assert isinstance(location, dict) and location["kind"] == "docx"
        assert "paragraph" in location or "table" in location, word
        text = _word_text(data, location)
        piece = _pointed(d, source)
        if shape.get("auto_numbering"):  # Word draws the heading's number; it is not in the text
            piece = piece.lstrip("一二三四五六七八九十、（）")
        assert piece in text, (d, word, text)


def test_auto_numbered_parts_are_found(tmp_path: Path) -> None:
    target = write_report_docx(EXAMPLES / "clean-2021.md", tmp_path / "r.docx", auto_numbering=True)
    assert not any(t.startswith(("一、", "（一）")) for t in _paragraphs(target.read_bytes()))  # really Word's numbers
    out = io.StringIO()
    assert main(["extract", str(target)], out, io.StringIO()) == 0
    lines = out.getvalue().split("\n")
    for heading in ("一、总体情况", "（五）监督保障", "六、其他需要报告的事项", "（四）政务公开工作创新情况"):
        assert heading in lines


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def test_a_skipped_part_keeps_its_number_through_start_override(tmp_path: Path) -> None:
    text = "# 某镇2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 二、主动公开\n\n## 四、行政复议\n\n## 五、问题\n"
    data = report_docx(text, markdown=True, auto_numbering=True)
    assert b"startOverride" in zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml")
    lines = read("r.docx", data, None).lines  # type: ignore[arg-type]
    assert [x for x in lines if x.endswith(("情况", "公开", "复议", "问题"))] == ["一、总体情况", "二、主动公开", "四、行政复议", "五、问题"]


def test_merged_header_cells_read_as_word_exports_them(tmp_path: Path) -> None:
    target = write_report_docx(EXAMPLES / "clean-2021.md", tmp_path / "r.docx", merged_table3=True)
    extracted = read(str(target), target.read_bytes(), None)  # type: ignore[arg-type]
    header = ("申请人情况", "法人或其他组织", "商业企业")
    rows = [line.split("\t") for line in extracted.lines if "\t" in line and any(h in line for h in header)]
    width = 8
    assert rows[0] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", *[""] * (width - 2)]
    assert rows[1] == ["", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert rows[2] == ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]


# --- Word's own shapes, from hand-written body XML -------------------------------------------------


_NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _docx(body_xml: str, extra_parts: dict[str, bytes] | None = None) -> bytes:
    document = docx.Document()
    body = document.element.body
    section = body[-1]
    for element in parse_xml(f"<w:body {nsdecls('w')} {_NS}>{body_xml}</w:body>"):
        section.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    if not extra_parts:
        return out.getvalue()
    return _with_parts(out.getvalue(), extra_parts)


def _with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rX{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{name.split("/")[-1].split(".")[0].rstrip("1")}" Target="{name.split("/")[-1]}"/>'
                    for k, name in enumerate(parts)
                )
                blob = blob.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            if item.filename == "[Content_Types].xml":
                kinds = {"footnotes": "footnotes", "comments": "comments", "header1": "header"}
                overrides = "".join(
                    f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kinds[name.split("/")[-1][:-4]]}+xml"/>'
                    for name in parts
                )
                blob = blob.replace(b"</Types>", overrides.encode() + b"</Types>")
            target.writestr(item, blob)
        for name, blob in parts.items():
            target.writestr(name, blob)
    return out.getvalue()


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_tracked_changes_read_as_accepted() -> None:
    xml = _p(_r("共收到申请") + f'<w:ins w:id="1" w:author="a">{_r("3")}</w:ins>'
             + '<w:del w:id="2" w:author="a"><w:r><w:delText>5</w:delText></w:r></w:del>' + _r("件。"))
    extracted = read("r.docx", _docx(xml), None)  # type: ignore[arg-type]
    assert extracted.lines == ["共收到申请3件。"]
    assert any("修订" in n and "accepted" in n for n in extracted.notes)


def test_extract_says_what_the_reader_noticed(tmp_path: Path) -> None:
    xml = _p(_r("共收到申请") + f'<w:ins w:id="1" w:author="a">{_r("3")}</w:ins>' + _r("件。"))
    (tmp_path / "r.docx").write_bytes(_docx(xml))
    out, err = io.StringIO(), io.StringIO()
    assert main(["extract", "--places", str(tmp_path / "r.docx")], out, err) == 0
    assert "¶1" in out.getvalue() and "共收到申请3件。" in out.getvalue()
    assert "tracked changes" in err.getvalue()


def test_fields_read_by_their_result_and_literal_codes_stay() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("7") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    xml = _p(_r("第") + field + _r("页")) + _p(_r("[bookmark: _GoBack]")) + _p(_r("{ HYPERLINK \"x\" }"))
    assert read("r.docx", _docx(xml), None).lines == ["第7页", "[bookmark: _GoBack]", '{ HYPERLINK "x" }']  # type: ignore[arg-type]


def test_hidden_text_is_not_read() -> None:
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部备注：数字待核实）</w:t></w:r>'
    extracted = read("r.docx", _docx(_p(_r("本年度收到申请3件。") + hidden)), None)  # type: ignore[arg-type]
    assert extracted.lines == ["本年度收到申请3件。"]
    assert any("hidden text" in n for n in extracted.notes)


def test_line_breaks_tabs_and_empty_paragraphs() -> None:
    xml = _p(_r("地址：某路1号") + "<w:r><w:br/></w:r>" + _r("邮编：100000")) + _p("") + _p(_r("甲") + "<w:r><w:tab/></w:r>" + _r("乙"))
    extracted = read("r.docx", _docx(xml), None)  # type: ignore[arg-type]
    assert extracted.lines == ["地址：某路1号", "邮编：100000", "甲 乙"]
    assert [p.paragraph for p in extracted.places] == [1, 1, 2]  # the empty paragraph is not counted


def test_a_text_box_is_read_once_after_its_paragraph() -> None:
    box = f"<w:txbxContent>{_p(_r('框内文字'))}</w:txbxContent>"
    xml = _p(
        _r("正文")
        + "<w:r><mc:AlternateContent>"
        + f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        + f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        + "</mc:AlternateContent></w:r>"
    )
    extracted = read("r.docx", _docx(xml), None)  # type: ignore[arg-type]
    assert extracted.lines == ["正文", "框内文字"]
    assert extracted.places[0] == extracted.places[1]


def test_grid_before_and_vertical_merge_keep_cells_under_their_columns() -> None:
    def tc(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(_r(text) if text else '')}</w:tc>"

    restart, span, below = '<w:vMerge w:val="restart"/>', '<w:gridSpan w:val="2"/>', "<w:vMerge/>"
    xml = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('项目', restart)}{tc('数量', span)}</w:tr>"
        f"<w:tr>{tc('', below)}{tc('甲')}{tc('乙')}</w:tr>"
        f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{tc("1")}{tc("2")}</w:tr>'
        "</w:tbl>"
    )
    extracted = read("r.docx", _docx(xml), None)  # type: ignore[arg-type]
    rows = [(line.split("\t"), place.row) for line, place in zip(extracted.lines, extracted.places) if place]
    assert rows == [(["项目", "数量", ""], 1), (["", "甲", "乙"], 2), (["", "1", "2"], 3)]


def test_a_label_wrapped_into_two_paragraphs_of_a_cell_reads_as_one() -> None:
    xml = f"<w:tbl><w:tr><w:tc>{_p(_r('二、上年结转政府'))}{_p(_r('信息公开申请数量'))}</w:tc><w:tc>{_p(_r('0'))}</w:tc></w:tr></w:tbl>"
    assert read("r.docx", _docx(xml), None).lines[-2:] == ["二、上年结转政府信息公开申请数量\t0", ""]  # type: ignore[arg-type]


def test_footnotes_comments_and_headers_are_noted_not_checked() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts = {
        "word/footnotes.xml": f'<w:footnotes {w}><w:footnote w:id="1"><w:p><w:r><w:t>脚注文字</w:t></w:r></w:p></w:footnote></w:footnotes>'.encode(),
        "word/comments.xml": f'<w:comments {w}><w:comment w:id="0" w:author="a"><w:p><w:r><w:t>批注文字</w:t></w:r></w:p></w:comment></w:comments>'.encode(),
        "word/header1.xml": f'<w:hdr {w}><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>'.encode(),
    }
    extracted = read("r.docx", _docx(_p(_r("正文")), parts), None)  # type: ignore[arg-type]
    assert extracted.lines == ["正文"]
    notes = " ".join(extracted.notes)
    assert "脚注" in notes and "批注" in notes and "页眉" in notes


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"just some text, not a zip", "另存为"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码"),
        (b"PK\x05\x06" + b"\0" * 18, "另存为"),  # an empty zip: no word/document.xml
    ],
    ids=["not-a-zip", "encrypted", "no-document-xml"],
)
def test_unreadable_word_files_say_what_to_do(data: bytes, says: str, tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read("r.docx", data, None)  # type: ignore[arg-type]
    assert says in caught.value.message_zh and ".docx" in caught.value.message_en
    (tmp_path / "bad.docx").write_bytes(data)
    (tmp_path / "good.docx").write_bytes(report_docx((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), markdown=True))
    code, found = _check(str(tmp_path))
    assert code == 1  # never a silent pass; and the other file is still checked
    assert [(Path(str(d["path"])).name, d["rule"]) for d in found] == [("bad.docx", "unreadable-input")]


def test_a_damaged_docx_is_unreadable_input() -> None:
    good = report_docx("# 某镇2021年政府信息公开工作年度报告\n", markdown=True)
    damaged = _with_replaced(good, "word/document.xml", b"<w:document><unclosed>")
    with pytest.raises(ReadError) as caught:
        read("r.docx", damaged, None)  # type: ignore[arg-type]
    assert "损坏" in caught.value.message_zh


def _with_replaced(data: bytes, name: str, blob: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, blob if item.filename == name else source.read(item.filename))
    return out.getvalue()


def test_markdown_only_run_does_not_import_python_docx(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom gialint.cli.program import main\n"
        f"main(['check', '--no-cache', '--jobs', '1', {str(EXAMPLES / 'clean-2021.md')!r}])\n"
        "print('docx' in sys.modules, 'lxml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False False")


# --- numbering.xml, level by level -------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _numbering(levels: str, nums: str) -> object:
    return parse_xml(f'<w:numbering {_W}><w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>{nums}</w:numbering>')


def _ppr(num_id: str | None = None, ilvl: int | None = None, style: str | None = None) -> object:
    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        inner += f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>'
    return parse_xml(f"<w:pPr {_W}>{inner}</w:pPr>")


def test_numbering_formats_levels_and_restarts() -> None:
    from gialint.read.docx_numbering import Numbering

    levels = (
        _lvl(0, "chineseCounting", "%1、")
        + _lvl(1, "chineseCountingThousand", "（%2）")
        + _lvl(2, "decimal", "%3.")
        + _lvl(3, "decimal", "%1.%2.%3.%4", extra="<w:isLgl/>")
        + _lvl(4, "ideographTraditional", "%5、")
        + _lvl(5, "bullet", "\uf0b7")
    )
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>' + (
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride></w:num>'
    )
    numbering = Numbering(_numbering(levels, nums), None)
    got = [numbering.label(_ppr("1", k)) for k in (0, 1, 1, 2, 2, 3, 0, 1, 4, 4, 5)]
    # a number ending in a digit is followed by a space (Word: a tab), one in punctuation by the text
    assert got == ["一、", "（一）", "（二）", "1.", "2.", "1.2.2.1 ", "二、", "（一）", "甲、", "乙、", ""]
    assert numbering.label(_ppr("2", 0)) == "十一、"  # its own list, restarted at 11
    assert numbering.label(_ppr("1", 0)) == "三、"  # the first list goes on
    assert numbering.label(_ppr("0", 0)) == "" and numbering.label(_ppr(None)) == ""


def test_numbering_that_a_heading_style_carries() -> None:
    from gialint.read.docx_numbering import Numbering

    levels = _lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>') + _lvl(
        1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'
    )
    nums = '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
    styles = parse_xml(
        f'<w:styles {_W}>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MyPart"><w:basedOn w:val="Heading1"/></w:style>'
        "</w:styles>"
    )
    numbering = Numbering(_numbering(levels, nums), styles)
    got = [numbering.label(_ppr(style=s)) for s in ("Heading1", "Heading2", "Heading2", "MyPart", "Heading2")]
    assert got == ["一、", "（一）", "（二）", "二、", "（一）"]
    assert numbering.label(_ppr("0", style="Heading1")) == ""  # numbering switched off on the paragraph


def test_word_2010_custom_number_formats() -> None:
    from gialint.read.docx_numbering import Numbering

    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    custom = (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent {mc}><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="一, 二, 三, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/>'
        '<w:lvlText w:val="%2."/></w:lvl>'
    )
    numbering = Numbering(_numbering(custom, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'), None)
    assert [numbering.label(_ppr("1", k)) for k in (0, 1, 0)] == ["一、", "01.", "二、"]


_VALID = report_docx("# 某镇2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n", markdown=True)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_damaged_bytes_never_crash_the_reader(data: st.DataObject) -> None:
    """Any damage to a Word file's bytes: the text is read, or a ReadError says what to do."""
    raw = bytearray(_VALID)
    how = data.draw(st.sampled_from(["truncate", "flip", "zero-run"]))
    at = data.draw(st.integers(0, len(raw) - 1))
    if how == "truncate":
        raw = raw[:at]
    elif how == "flip":
        raw[at] ^= data.draw(st.integers(1, 255))
    else:
        raw[at : at + 64] = bytes(len(raw[at : at + 64]))
    try:
        read("r.docx", bytes(raw), None)  # type: ignore[arg-type]
    except ReadError as err:
        assert ".docx" in err.message_en
