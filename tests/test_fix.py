"""Safe fixes (issue 4): ``gialint check --fix`` and ``--diff``.

For every fixable rule: the fixed text lints clean for the rule, fixing again changes nothing,
and nothing outside the edits changes — checked with difflib line by line (only the expected
lines differ) and character by character (those only inside the expected spans), besides
comparing with the exact expected text. Then the command line: the kangyi-2021 corpus report,
``--diff``, encodings and line endings, atomic writes, and overlapping fixes.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

from gialint.cli.program import main
from gialint.config.model import Config
from gialint.engine.fix import apply_edits, fix_text
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Edit
from gialint.read.parse.options import ParseOptions
from gialint.testing import _environment, fix, lint, make_config

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "fixtures" / "reports"
CORPUS = ROOT.parent / "shared" / "corpus"
KANGYI = CORPUS / "kangyi-2021.txt"

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@pytest.fixture(autouse=True)
def _own_working_directory(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs may write a result cache in the working directory: keep it out of the repository
    and out of the folders whose listings the tests compare."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def lines_of(text: str) -> list[str]:
    """Lines with their own endings (\\r\\n, \\r or \\n), as the fixer counts them."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class Change:
    """On ``line``, the one occurrence of ``old`` becomes ``new``."""

    line: int
    old: str
    new: str


def expected_text(before: str, changes: Sequence[Change], deleted: Sequence[int] = ()) -> str:
    lines = lines_of(before)
    out = []
    for number, line in enumerate(lines, 1):
        if number in deleted:
            continue
        for c in (c for c in changes if c.line == number):
            assert line.count(c.old) == 1, f"test data: {c.old!r} must occur once on line {number}"
            line = line.replace(c.old, c.new)
        out.append(line)
    return "".join(out)


def assert_only_changes(before: str, after: str, changes: Sequence[Change], deleted: Sequence[int] = ()) -> None:
    """``after`` differs from ``before`` only on the expected lines, and there only inside the spans."""
    a, b = lines_of(before), lines_of(after)
    changed: set[int] = set()
    pairs: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag != "insert", f"lines were inserted after line {i1}: {b[j1:j2]!r}"
        changed.update(range(i1 + 1, i2 + 1))
        kept = [n for n in range(i1 + 1, i2 + 1) if n not in deleted]
        assert len(kept) == j2 - j1, f"lines {i1 + 1}-{i2} became {b[j1:j2]!r}; expected deletions: {sorted(deleted)}"
        pairs.extend(zip(kept, b[j1:j2]))
    assert changed == {c.line for c in changes} | set(deleted), (
        f"changed lines {sorted(changed)}, expected {sorted({c.line for c in changes} | set(deleted))}"
    )
    for number, new_line in pairs:
        old_line = a[number - 1]
        spans = []
        for c in (c for c in changes if c.line == number):
            start = old_line.index(c.old)
            spans.append((start, start + len(c.old)))
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_line, new_line, autojunk=False).get_opcodes():
            if tag != "equal":
                assert any(s <= i1 and i2 <= e for s, e in spans), (
                    f"line {number}: characters {i1}-{i2} ({old_line[i1:i2]!r}) changed outside the expected spans {spans}:\n"
                    f"  before {old_line!r}\n  after  {new_line!r}"
                )
    assert after == expected_text(before, changes, deleted)


def rule_findings(text: str, rule: str, path: str, config: Config | None = None) -> list[tuple[int, int]]:
    return [(d.line, d.column) for d in lint(text, path, select=(rule,), config=config) if d.rule == rule]


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- every fixable rule

PATTERN_RULE = {
    "kind": "pattern",
    "code": "SC901",
    "severity": "warning",
    "patterns": [
        {"pattern": r"(\d+)\s+(件|条)", "replacement": r"\1\2"},
        {"pattern": r"(?P<year>\d{4})\s*年度", "replacement": r"\g<year>年"},
    ],
    "literals": ["征求意见稿"],
    "replacement": "",
    "message": {"zh": "“{match}”应改为“{replacement}”", "en": 'write "{replacement}" for "{match}"'},
}


def pattern_config() -> Config:
    return make_config(rules={"tidy-units": PATTERN_RULE})


CLEAN_2021 = (REPORTS / "clean-2021.txt").read_text(encoding="utf-8")
CLEAN_2020 = (REPORTS / "clean-2020.md").read_text(encoding="utf-8")
_LABEL_TYPO = "1.申请人无正当理由逾期不补证，行政机关不再处理其政府信息公开申请"
_LABEL_OK = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
_TXT_TABLE = CLEAN_2021.replace(_LABEL_OK, _LABEL_TYPO).replace("3.补正后申请内容仍不明确", "补正后申请内容仍不明确")
_MD_TABLE = CLEAN_2020.replace("| 3.补正后申请内容仍不明确 |", "| 3.补证后申请内容仍不明确 |")


def _line_no(text: str, needle: str) -> int:
    numbers = [n for n, line in enumerate(lines_of(text), 1) if needle in line]
    assert len(numbers) == 1, needle
    return numbers[0]


@dataclass(frozen=True)
class FixCase:
    id: str
    rule: str
    path: str
    text: str
    changes: tuple[Change, ...]
    deleted: tuple[int, ...] = ()
    config: bool = False
    """Whether the case needs the user's pattern rule."""


FIX_CASES = [
    FixCase(
        "conversion-artifact-txt",
        "conversion-artifact",
        "report.txt",
        "标题\n"
        "[bookmark: _GoBack]\n"
        "（一）主动公开情况[bookmark: _Toc12345]\n"
        "全年共公开政府信息35条[footnoteRef:1]。\n"
        "2021年，康驿镇��理顺体制。\n"
        "0\t0\t0\n"
        "---\t---\t---\n"
        "结尾。\n",
        (
            Change(3, "[bookmark: _Toc12345]", ""),
            Change(4, "[footnoteRef:1]", ""),
            Change(5, "��", ""),
        ),
        deleted=(2, 7),
    ),
    FixCase(
        "conversion-artifact-md",
        "conversion-artifact",
        "report.md",
        "# 标题\n\n## 一、总体情况 {#_Toc89542 .anchor}\n\n依托[政务公开]{.underline}专栏及时发布信息。\n\n***[image: 图片1]\n\n结尾。\n",
        (Change(3, "{#_Toc89542 .anchor}", ""), Change(5, "{.underline}", "")),
        deleted=(7,),
    ),
    FixCase(
        "doubled-punctuation",
        "doubled-punctuation",
        "report.txt",
        "标题\n"
        "2020年我镇政务信息问题：：一是主动公开不够及时。\n"
        "成立领导小组，，明确分管领导和具体经办人员。。\n"
        "全年主动公开政府信息35条，，，其中政策文件12条？？\n"
        "依申请公开0件,,行政复议0件;;行政诉讼0件。\n"
        "主要问题……二是解读形式单一——多为文字。\n",
        (
            Change(2, "：：", "："),
            Change(3, "，，", "，"),
            Change(3, "。。", "。"),
            Change(4, "，，，", "，"),
            Change(4, "？？", "？"),
            Change(5, ",,", ","),
            Change(5, ";;", ";"),
        ),
    ),
    FixCase(
        "doubled-punctuation-md",
        "doubled-punctuation",
        "report.md",
        "## 五、存在的主要问题及改进情况\n\n**主要问题**：：一是业务能力有待加强；；二是发布不够及时。\n",
        (Change(3, "：：", "："), Change(3, "；；", "；")),
    ),
    FixCase(
        "table-labels-txt",
        "table-labels",
        "report.txt",
        _TXT_TABLE,
        (
            Change(_line_no(_TXT_TABLE, "补正后申请内容仍不明确"), "补正后申请内容仍不明确", "3.补正后申请内容仍不明确"),
            Change(_line_no(_TXT_TABLE, _LABEL_TYPO), _LABEL_TYPO, _LABEL_OK),
        ),
    ),
    FixCase(
        "table-labels-md",
        "table-labels",
        "report.md",
        _MD_TABLE,
        (Change(_line_no(_MD_TABLE, "3.补证后申请内容仍不明确"), "3.补证后申请内容仍不明确", "3.补正后申请内容仍不明确"),),
    ),
    FixCase(
        "unbalanced-brackets-mixed",
        "unbalanced-brackets",
        "report.txt",
        "一、总体情况\n"
        "将政府信息分为主动公开、依申请公开、不予公开(暂不公开、不公开）三类。\n"
        "行政许可（含其他对外管理服务事项)共12件。\n"
        "详见【附件1]。\n"
        "（一）主动公开情况\n",
        (Change(2, "不公开）三类", "不公开)三类"), Change(3, "事项)共", "事项）共"), Change(4, "1]。", "1】。")),
    ),
    FixCase(
        "user-pattern-rule",
        "tidy-units",
        "report.txt",
        "标题\n征求意见稿\n2021 年度共公开信息 35 条，办理申请3 件。\n本稿为征求意见稿。\n结尾。\n",
        (
            Change(3, "2021 年度", "2021年"),
            Change(3, "35 条", "35条"),
            Change(3, "3 件", "3件"),
            Change(4, "征求意见稿", ""),
        ),
        deleted=(2,),
        config=True,
    ),
]


def test_the_cases_cover_every_fixable_rule() -> None:
    fixable = {r.name for r in make_config().rules.values() if r.fixable}
    assert fixable == {c.rule for c in FIX_CASES} - {"tidy-units"}
    assert pattern_config().rules["tidy-units"].fixable


@pytest.mark.parametrize("case", FIX_CASES, ids=lambda c: c.id)
def test_fix_changes_only_the_edits_lints_clean_and_is_stable(case: FixCase) -> None:
    config = pattern_config() if case.config else make_config()
    assert rule_findings(case.text, case.rule, case.path, config), "the case must have findings to fix"
    fixed = fix(case.text, case.rule, case.path, config)
    assert_only_changes(case.text, fixed, case.changes, case.deleted)
    assert rule_findings(fixed, case.rule, case.path, config) == []
    assert fix(fixed, case.rule, case.path, config) == fixed


def test_table_label_fixes_restore_the_clean_reports() -> None:
    assert fix(_TXT_TABLE, "table-labels") == CLEAN_2021
    assert fix(_MD_TABLE, "table-labels", "report.md") == CLEAN_2020


def test_unfixable_findings_are_left_as_they_are() -> None:
    # clashing marks (，。) and stray or unclosed brackets have no safe fix
    text = "标题\n一是加强培训，。二是完善制度\n请与）康驿镇人民政府联系\n根据《条例要求\n"
    assert rule_findings(text, "doubled-punctuation", "report.txt")
    assert len(rule_findings(text, "unbalanced-brackets", "report.txt")) == 2
    assert fix(text, "doubled-punctuation") == text
    assert fix(text, "unbalanced-brackets") == text


def test_suppressed_findings_are_not_fixed() -> None:
    text = "标题\n【gialint-disable-next-line conversion-artifact】\n[bookmark: _GoBack]\n问题：：一是\n"
    fixed = fix(text, "conversion-artifact")
    assert fixed == text
    md = "# 标题\n\n问题：：一是 <!-- gialint-disable-line doubled-punctuation -->\n\n问题：：二是\n"
    assert_only_changes(md, fix(md, "doubled-punctuation", "report.md"), [Change(5, "：：", "：")])


def test_user_pattern_rule_fix_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / ".gialint.yaml").write_text(
        "rules:\n"
        "  tidy-units:\n"
        "    kind: pattern\n"
        "    code: SC901\n"
        "    patterns:\n"
        "      - {pattern: '(\\d+)\\s+(件|条)', replacement: '\\1\\2'}\n"
        "    message: {zh: '“{match}”应改为“{replacement}”', en: 'write {replacement}'}\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.txt"
    before = "标题\n共公开信息 35 条，办理申请 3 件。\n结尾 12 号。\n"
    report.write_text(before, encoding="utf-8")
    code, _, err = run("check", "--fix", "--no-plugins", "--select", "tidy-units", report)
    assert code == 0, err
    after = report.read_text(encoding="utf-8")
    assert_only_changes(before, after, [Change(2, "35 条", "35条"), Change(2, "3 件", "3件")])
    assert "已修复 2 个问题" in err
    run("check", "--fix", "--no-plugins", "--select", "tidy-units", report)
    assert report.read_text(encoding="utf-8") == after


# --------------------------------------------------------------------------- all rules at once

MIXED = (
    "康驿镇人民政府2021年政府信息公开工作年度报告\n"
    "[bookmark: _GoBack]\n"
    "2020年我镇政务信息问题：：一是主动公开不够及时。\n"
    "将政府信息分为不予公开(暂不公开、不公开）三类。\n"
    "结尾。\n"
)
MIXED_FIXED = (
    "康驿镇人民政府2021年政府信息公开工作年度报告\n"
    "2020年我镇政务信息问题：一是主动公开不够及时。\n"
    "将政府信息分为不予公开(暂不公开、不公开)三类。\n"
    "结尾。\n"
)


def test_fix_with_every_rule_then_again_changes_nothing(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(MIXED.encode("utf-8"))
    code, _, err = run("check", "--fix", "--no-plugins", report)
    assert "已修复 3 个问题" in err
    assert report.read_bytes() == MIXED_FIXED.encode("utf-8")
    stamp = report.stat().st_mtime_ns
    code, _, err = run("check", "--fix", "--no-plugins", report)
    assert "fixed" not in err
    assert report.read_bytes() == MIXED_FIXED.encode("utf-8")
    assert report.stat().st_mtime_ns == stamp, "a second --fix with nothing to fix must not rewrite the file"


# --------------------------------------------------------------------------- the corpus


@pytest.mark.skipif(not KANGYI.is_file(), reason="../shared/corpus is not present")
def test_fix_kangyi_corpus_report_changes_exactly_the_two_defects(tmp_path: Path) -> None:
    copy = tmp_path / "kangyi-2021.txt"
    shutil.copyfile(KANGYI, copy)
    original = KANGYI.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "gialint", "check", "--fix", "--no-plugins", str(copy)],
        capture_output=True, cwd=tmp_path, timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    fixed = copy.read_bytes()
    before_lines = original.split(b"\n")
    after_lines = fixed.split(b"\n")
    bookmark = [i for i, line in enumerate(before_lines) if line == b"[bookmark: _GoBack]"]
    colons = [i for i, line in enumerate(before_lines) if "：：".encode() in line]
    assert bookmark == [6] and colons == [403]
    expected = list(before_lines)
    expected[403] = expected[403].replace("：：".encode(), "：".encode())
    del expected[6]
    assert len(after_lines) == len(before_lines) - 1
    for number, (got, want) in enumerate(zip(after_lines, expected), 1):
        assert got == want, f"line {number} (after the fix) differs"
    assert fixed == b"\n".join(expected)
    check = subprocess.run(
        [sys.executable, "-m", "gialint", "check", "--no-plugins", "--format", "json",
         "--select", "conversion-artifact,doubled-punctuation", str(copy)],
        capture_output=True, cwd=tmp_path, timeout=300,
    )
    assert check.returncode == 0, check.stdout.decode() + check.stderr.decode()
    assert json.loads(check.stdout)["diagnostics"] == []


@pytest.mark.skipif(not KANGYI.is_file(), reason="../shared/corpus is not present")
def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    copy = folder / "kangyi-2021.txt"
    shutil.copyfile(KANGYI, copy)
    before = copy.read_bytes()
    stamp = copy.stat().st_mtime_ns
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "--diff", "--no-plugins", "reports/kangyi-2021.txt")
    assert code == 1  # fixes are pending (like ruff --diff)
    assert copy.read_bytes() == before and copy.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in folder.iterdir()) == ["kangyi-2021.txt"]
    text = before.decode("utf-8")
    lines = text.splitlines(keepends=True)
    wanted = [line.replace("：：", "：") for line in lines if line != "[bookmark: _GoBack]\n"]
    expected = "".join(difflib.unified_diff(lines, wanted, "a/reports/kangyi-2021.txt", "b/reports/kangyi-2021.txt"))
    assert out == expected
    assert out.startswith("--- a/reports/kangyi-2021.txt\n+++ b/reports/kangyi-2021.txt\n@@ ")
    assert "-[bookmark: _GoBack]\n" in out
    assert "可修复 2 个问题" in err


def test_diff_together_with_fix_writes_nothing(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(MIXED.encode("utf-8"))
    code, out, _ = run("check", "--fix", "--diff", "--no-plugins", report)
    assert report.read_bytes() == MIXED.encode("utf-8")
    assert "-[bookmark: _GoBack]\n" in out and "+2020年我镇政务信息问题：一是" in out


def apply_unified_diff(original: str, diff: str) -> str:
    """Apply a unified diff (as ``patch`` would); fails on malformed hunks."""
    source = lines_of(original)
    out: list[str] = []
    position = 0
    rows = diff.split("\n")
    assert rows[0].startswith("--- ") and rows[1].startswith("+++ "), diff
    i = 2
    while i < len(rows) and rows[i]:
        header = re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", rows[i])
        assert header, f"not a hunk header: {rows[i]!r}"
        start, old_n, new_n = int(header[1]), int(header[2] or 1), int(header[4] or 1)
        out.extend(source[position : start - 1])
        position = start - 1
        i += 1
        seen_old = seen_new = 0
        last_tag = ""
        while i < len(rows) and rows[i] and not rows[i].startswith("@@"):
            tag, body = rows[i][0], rows[i][1:]
            assert tag in " -+\\", f"not a diff line: {rows[i]!r}"
            if tag == "\\":
                if last_tag in " +":  # the marker belongs to the line before it
                    out[-1] = out[-1].rstrip("\n")
                i += 1
                continue
            last_tag = tag
            ending = "\n" if i + 1 < len(rows) and not rows[i + 1].startswith("\\") else ""
            if tag in " -":
                assert source[position] == body + ending, f"context mismatch at line {position + 1}: {rows[i]!r}"
                position += 1
                seen_old += 1
            if tag in " +":
                out.append(body + ending)
                seen_new += 1
            i += 1
        assert (seen_old, seen_new) == (old_n, new_n), f"hunk counts {(old_n, new_n)} but it holds {(seen_old, seen_new)}"
    out.extend(source[position:])
    return "".join(out)


def test_diff_applies_as_a_patch(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(MIXED, encoding="utf-8")
    _, out, _ = run("check", "--diff", "--no-plugins", report)
    assert apply_unified_diff(MIXED, out) == MIXED_FIXED


def test_diff_of_a_file_with_a_form_feed_applies_as_a_patch(tmp_path: Path) -> None:
    before = "标题\n第一页\x0c第二页\n[bookmark: _GoBack]\n问题：：一是\n"
    report = tmp_path / "report.txt"
    report.write_text(before, encoding="utf-8")
    _, out, _ = run("check", "--diff", "--no-plugins", "--select", "GIA501,GIA503", report)
    assert apply_unified_diff(before, out) == "标题\n第一页\x0c第二页\n问题：一是\n"


def test_diff_of_a_file_without_final_newline_applies_as_a_patch(tmp_path: Path) -> None:
    before = "标题\n问题：：一是"
    report = tmp_path / "report.txt"
    report.write_text(before, encoding="utf-8")
    _, out, _ = run("check", "--diff", "--no-plugins", "--select", "GIA503", report)
    assert all(row[:1] in ("", " ", "-", "+", "@", "\\") for row in out.split("\n")[2:]), out
    assert apply_unified_diff(before, out) == "标题\n问题：一是"


def test_fix_of_a_file_without_final_newline_keeps_it_that_way(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes("标题\n[bookmark: _GoBack]\n问题：：一是".encode())
    run("check", "--fix", "--no-plugins", "--select", "GIA501,GIA503", report)
    assert report.read_bytes() == "标题\n问题：一是".encode()


# --------------------------------------------------------------------------- encodings and line endings

ENC_TEXT = "康驿镇人民政府2021年政府信息公开工作年度报告\n[bookmark: _GoBack]\n2020年我镇政务信息问题：：一是主动公开不够及时。\n结尾。\n"
ENC_FIXED = "康驿镇人民政府2021年政府信息公开工作年度报告\n2020年我镇政务信息问题：一是主动公开不够及时。\n结尾。\n"


def _encode(text: str, codec: str, bom: bytes, newline: str) -> bytes:
    return bom + text.replace("\n", newline).encode(codec)


ENCODINGS = [
    pytest.param("gb18030", b"", "\r\n", id="gb18030-crlf"),
    pytest.param("gb18030", b"", "\n", id="gb18030-lf"),
    pytest.param("utf-8", b"\xef\xbb\xbf", "\n", id="utf8-bom-lf"),
    pytest.param("utf-8", b"\xef\xbb\xbf", "\r\n", id="utf8-bom-crlf"),
    pytest.param("utf-8", b"", "\r\n", id="utf8-crlf"),
    pytest.param("utf-16-le", b"\xff\xfe", "\r\n", id="utf16le-bom-crlf"),
    pytest.param(
        "utf-16-be",
        b"\xfe\xff",
        "\n",
        id="utf16be-bom-lf",
    ),
]


@pytest.mark.parametrize(("codec", "bom", "newline"), ENCODINGS)
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path: Path, codec: str, bom: bytes, newline: str) -> None:
    report = tmp_path / "report.txt"
    original = _encode(ENC_TEXT, codec, bom, newline)
    report.write_bytes(original)
    code, _, err = run("check", "--fix", "--no-plugins", "--select", "conversion-artifact,doubled-punctuation", report)
    assert code == 0, err
    data = report.read_bytes()
    assert data == _encode(ENC_FIXED, codec, bom, newline)
    assert data.startswith(bom)
    body = data[len(bom) :].decode(codec)
    if codec == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # still GB18030, not converted to UTF-8
    if newline == "\r\n":
        assert body.count("\r\n") == body.count("\n") == 3
    # only the fixed bytes differ: line by line, the other lines are byte-identical
    unit = newline.encode(codec)
    old_rows = original[len(bom) :].split(unit)
    new_rows = data[len(bom) :].split(unit)
    assert new_rows == [old_rows[0], old_rows[2].replace("：：".encode(codec), "：".encode(codec)), *old_rows[3:]]


def test_fix_keeps_mixed_line_endings_line_by_line(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    original = "标题\r\n[bookmark: _GoBack]\n问题：：一是\r\n第二行\n第三行\r\n".encode()
    report.write_bytes(original)
    run("check", "--fix", "--no-plugins", "--select", "conversion-artifact,doubled-punctuation", report)
    assert report.read_bytes() == "标题\r\n问题：一是\r\n第二行\n第三行\r\n".encode()


# --------------------------------------------------------------------------- atomic writes


def test_fix_leaves_no_temporary_file_and_keeps_the_mode(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "report.txt"
    report.write_text(MIXED, encoding="utf-8")
    report.chmod(0o640)
    code, _, err = run("check", "--fix", "--no-plugins", folder)
    assert "已修复" in err
    assert sorted(p.name for p in folder.iterdir()) == ["report.txt"]
    assert report.read_text(encoding="utf-8") == MIXED_FIXED
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_failed_write_leaves_the_original_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "report.txt"
    report.write_text(MIXED, encoding="utf-8")
    real_replace = os.replace

    def failing_replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if Path(str(dst)).resolve() == report.resolve():
            raise OSError(28, "No space left on device")
        real_replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    code, out, err = run("check", "--fix", "--no-plugins", report)
    # A failed write is a finding (fix-not-written), not a crash (issue #8 part 7).
    assert code == 1 and "internal error" not in err
    assert "GIA004 fix-not-written" in out and "No space left on device" in out
    assert report.read_text(encoding="utf-8") == MIXED
    assert sorted(p.name for p in folder.iterdir()) == ["report.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    target = real / "report.txt"
    target.write_text(MIXED, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("check", "--fix", "--no-plugins", link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == MIXED_FIXED


# --------------------------------------------------------------------------- overlapping fixes


def _fix_all(text: str, config: Config, path: str = "report.txt", select: Sequence[str] = ()) -> tuple[str, int]:
    _, _, linter = _environment()
    fixed, applied, _ = fix_text(linter, path, text, config, Selection(tuple(select)), ParseOptions(year=config.year))
    return fixed, applied


def test_apply_edits_drops_an_edit_overlapping_one_already_taken() -> None:
    text = "第一行\n问题：：一是\n第三行\n"
    edits = [Edit(2, 3, 2, 5, "："), Edit(2, 4, 2, 7, "首先是"), Edit(3, 1, 3, 2, "本")]
    assert apply_edits(text, edits) == "第一行\n问题：一是\n本三行\n"
    # a whole-line deletion and an edit inside that line: one of them, and line 3 intact
    edits = [Edit(2, 1, 3, 1, ""), Edit(2, 3, 2, 5, "：")]
    assert apply_edits(text, edits) == "第一行\n第三行\n"
    # touching but not overlapping edits are both applied
    assert apply_edits("ab", [Edit(1, 1, 1, 2, "x"), Edit(1, 2, 1, 3, "y")]) == "xy"


def test_overlapping_fixes_of_two_rules_one_wins_and_a_second_run_is_stable() -> None:
    rule = {
        "kind": "pattern",
        "code": "SC902",
        "patterns": [{"pattern": "：：一是", "replacement": "：首先是"}],
        "message": {"zh": "“{match}”", "en": "{match}"},
    }
    config = make_config(rules={"first-is": rule})
    text = "标题\n其他行：：不变吗\n2020年我镇政务信息问题：：一是主动公开不够及时。\n结尾。\n"
    select = ("first-is", "doubled-punctuation")
    fixed, applied = _fix_all(text, config, select=select)
    line2 = "其他行：不变吗"
    by_punctuation = f"标题\n{line2}\n2020年我镇政务信息问题：一是主动公开不够及时。\n结尾。\n"
    by_user_rule = f"标题\n{line2}\n2020年我镇政务信息问题：首先是主动公开不够及时。\n结尾。\n"
    assert fixed in (by_punctuation, by_user_rule)
    assert applied == 2
    assert [d for d in lint(fixed, select=select, config=config)] == []
    assert _fix_all(fixed, config, select=select) == (fixed, 0)


def test_table_label_fix_and_punctuation_fix_in_the_same_cell() -> None:
    text = CLEAN_2021.replace(_LABEL_OK, _LABEL_TYPO.replace("，", "，，"))
    select = ("table-labels", "doubled-punctuation")
    config = make_config()
    assert {d.rule for d in lint(text, select=select)} == set(select)
    fixed, _ = _fix_all(text, config, select=select)
    assert fixed == CLEAN_2021
    assert _fix_all(fixed, config, select=select) == (fixed, 0)


def test_a_fix_that_would_add_a_problem_is_not_applied() -> None:
    rule = {
        "kind": "pattern",
        "code": "SC903",
        "literals": ["暂无"],
        "replacement": "XX",
        "message": {"zh": "“{match}”", "en": "{match}"},
    }
    config = make_config(rules={"bad-fix": rule})
    text = "标题\n联系电话：暂无\n"
    fixed, applied = _fix_all(text, config, select=("bad-fix", "placeholder-text"))
    assert (fixed, applied) == (text, 0)


def test_a_bad_fix_does_not_block_the_good_fixes_in_the_same_file() -> None:
    rule = {
        "kind": "pattern",
        "code": "SC903",
        "literals": ["暂无"],
        "replacement": "XX",
        "message": {"zh": "“{match}”", "en": "{match}"},
    }
    config = make_config(rules={"bad-fix": rule})
    text = "标题\n问题：：一是\n联系电话：暂无\n"
    fixed, _ = _fix_all(text, config, select=("bad-fix", "placeholder-text", "doubled-punctuation"))
    assert fixed == "标题\n问题：一是\n联系电话：暂无\n"
