"""``gialint check --annotate``: findings as Word comments in a copy; the original untouched."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import docx
from lxml import etree
from report_docx import report_docx, write_report_docx

from gialint.cli.program import main
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output.annotate import annotate, target_for

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--no-cache", "--jobs", "1", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def _comments(path: Path) -> list[tuple[str, str]]:
    """(comment text, text of the paragraph or cell its range starts in), read from the XML."""
    document = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in document.comments}
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for start in body.iter(f"{W}commentRangeStart"):
        p = start.getparent()
        anchor = "".join(t.text or "" for t in p.iter(f"{W}t"))
        out.append((texts[int(start.get(f"{W}id"))], anchor))
    return out


def test_one_comment_per_finding_at_its_place_and_the_original_is_unchanged(tmp_path: Path) -> None:
    source = write_report_docx(EXAMPLES / "defective-2021.txt", tmp_path / "报告.docx", auto_numbering=True, merged_table3=True)
    before = _sha(source)
    code, out, err = _run("--format", "json", "--annotate", str(source))
    assert code == 1
    findings = json.loads(out)["diagnostics"]
    assert _sha(source) == before
    target = tmp_path / "报告.gialint.docx"
    assert target.exists() and str(target) in err
    comments = _comments(target)
    assert len(comments) == len(findings) > 5
    for (text, anchor), d in zip(comments, findings, strict=True):  # both in document order
        assert d["message"] in text and d["code"] in text
        assert text.startswith(("【错误】", "【警告】", "【提示】"))
        quote = d["location"].get("quote", "").rstrip("…")
        assert quote.lstrip("一二三四五六、（）") in anchor, (d, anchor)


def _marked(path: Path) -> list[str]:
    """The text each comment marks: between its commentRangeStart and commentRangeEnd."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for start in body.iter(f"{W}commentRangeStart"):
        inside, text = False, []
        for el in body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
            if el.tag == f"{W}commentRangeStart" and el.get(f"{W}id") == start.get(f"{W}id"):
                inside = True
            elif el.tag == f"{W}commentRangeEnd" and el.get(f"{W}id") == start.get(f"{W}id"):
                break
            elif inside and el.tag == f"{W}t":
                text.append(el.text or "")
        out.append("".join(text))
    return out


def test_a_comment_marks_just_the_words_when_it_can(tmp_path: Path) -> None:
    source = write_report_docx(EXAMPLES / "defective-2021.txt", tmp_path / "r.docx")
    _, out, _ = _run("--format", "json", "--annotate", str(source))
    findings = json.loads(out)["diagnostics"]
    marked = _marked(tmp_path / "r.gialint.docx")
    by_rule = {d["rule"]: m for d, m in zip(findings, marked, strict=True)}
    assert by_rule["placeholder-text"] == "具体网址"
    assert by_rule["doubled-punctuation"] == "：："
    assert by_rule["missing-title"] == "2021年政府信息公开工作年度报告"  # the quote is the whole paragraph
    text = docx.Document(str(tmp_path / "r.gialint.docx")).paragraphs
    original = docx.Document(str(source)).paragraphs
    assert [p.text for p in text] == [p.text for p in original]  # splitting runs changed no text


def test_english_comments_and_a_folder_of_their_own(tmp_path: Path) -> None:
    source = write_report_docx(EXAMPLES / "defective-2020.md", tmp_path / "r.docx")
    folder = tmp_path / "annotated"
    code, _, err = _run("--annotate", "--annotate-dir", str(folder), "--lang", "en", str(source))
    assert code == 1
    target = folder / "r.gialint.docx"
    assert "wrote" in err and target.exists() and not (tmp_path / "r.gialint.docx").exists()
    texts = [t for t, _ in _comments(target)]
    assert texts and all(t.startswith(("[Error]", "[Warning]", "[Note]")) for t in texts)
    assert any("missing-section" in t for t in texts)


def test_a_clean_report_gets_a_copy_without_comments_and_other_files_are_skipped(tmp_path: Path) -> None:
    write_report_docx(EXAMPLES / "clean-2021.md", tmp_path / "clean.docx", auto_numbering=True)
    (tmp_path / "notes.md").write_text((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = _run("--annotate", str(tmp_path))
    assert code == 0
    assert _comments(tmp_path / "clean.gialint.docx") == []
    assert "1 other file(s) skipped" in err
    # the copy (and Word's ~$ owner file) are not reports of their own on the next walk
    (tmp_path / "~$clean.docx").write_bytes(b"\0" * 162)
    code, out, _ = _run("--format", "json", str(tmp_path))
    assert code == 0 and [Path(f).name for f in json.loads(out)["files"]] == ["clean.docx", "notes.md"]


def test_a_finding_without_a_place_goes_on_the_nearest_paragraph_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "r.docx"
    source.write_bytes(report_docx("# 某镇2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本年度工作平稳。\n", markdown=True))
    lost = Diagnostic(str(source), 99, 1, "GIA101", "missing-section", 99, 1, Severity.ERROR, "缺少第六部分", "part 六 is missing")
    assert annotate(str(source), [lost], "zh", target_for(str(source))) == 1
    [(text, anchor)] = _comments(tmp_path / "r.gialint.docx")
    assert text.startswith("此问题在文中没有确切位置") and "缺少第六部分" in text
    assert anchor == "本年度工作平稳。"  # the last paragraph: the nearest to a line past the end


def test_an_unreadable_word_file_gets_no_copy(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a word file")
    code, _, err = _run("--annotate", str(bad))
    assert code == 1 and "no annotated copy" in err
    assert not (tmp_path / "bad.gialint.docx").exists()
