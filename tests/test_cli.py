"""The command line: gialint.cli.program.main(argv, out, err) -> exit code, never a traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from gialint import __version__
from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REPORTS = ROOT / "tests" / "fixtures" / "reports"

LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<rule>[a-z0-9-]+) "
    r"\[(?P<severity>错误|警告|提示|error|warning|info)\] (?P<msg>.+)$"
)
SUMMARY_ZH = re.compile(r"^共 (\d+) 个问题（错误 (\d+)，警告 (\d+)，提示 (\d+)），涉及 (\d+)/(\d+) 个文件(?:；其中 \d+ 个可用 --fix 自动修复)?$")


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def copy(src: Path, dest_dir: Path, name: str | None = None) -> Path:
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / (name or src.name)
    shutil.copyfile(src, dest)
    return dest


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A directory outside the repository (no .gialint.yaml / pyproject.toml above it)."""
    return tmp_path.resolve()


def findings(out: str) -> list[tuple[str, int, int, str, str, str]]:
    rows = []
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            rows.append((m["path"], int(m["line"]), int(m["col"]), m["code"], m["rule"], m["msg"]))
    return rows


# --------------------------------------------------------------------------- check: text output


@pytest.mark.parametrize(
    "src",
    [EXAMPLES / "clean-2021.md", REPORTS / "clean-2021.txt", REPORTS / "clean-2020.md"],
    ids=lambda p: p.name,
)
def test_check_clean_report(work: Path, src: Path) -> None:
    path = copy(src, work)
    code, out, err = run("check", path)
    assert code == 0
    assert out == "未发现问题（检查了 1 个文件）\n"
    assert err == ""


def test_check_clean_report_in_english(work: Path) -> None:
    path = copy(EXAMPLES / "clean-2021.md", work)
    code, out, _ = run("check", "--lang", "en", path)
    assert (code, out) == (0, "No problems found in 1 file.\n")


def test_check_several_clean_reports(work: Path) -> None:
    for src in (EXAMPLES / "clean-2021.md", REPORTS / "clean-2021.txt", REPORTS / "clean-2020.md"):
        copy(src, work / "reports")
    code, out, _ = run("check", work / "reports")
    assert (code, out) == (0, "未发现问题（检查了 3 个文件）\n")


def test_check_defective_report(work: Path) -> None:
    path = copy(EXAMPLES / "defective-2021.txt", work)
    code, out, err = run("check", path)
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    rows = findings(out)
    # every line but the summary is path:line:col: CODE name message
    assert len(rows) == len(lines) - 1 >= 8
    assert all(r[0] == str(path) for r in rows)
    got = {(r[1], r[2], r[3], r[4]) for r in rows}
    # defects documented in docs/examples.md
    assert {
        (13, 1, "GIA501", "conversion-artifact"),
        (9, 21, "GIA502", "placeholder-text"),
        (17, 65, "GIA503", "doubled-punctuation"),
        (11, 12, "GIA504", "unbalanced-brackets"),
        (92, 1, "GIA101", "missing-section"),
        (1, 1, "GIA102", "missing-title"),
        (7, 14, "GIA301", "stale-year"),
    } <= got
    # sorted by line, column
    assert [(r[1], r[2]) for r in rows] == sorted((r[1], r[2]) for r in rows)
    m = SUMMARY_ZH.match(lines[-1])
    assert m is not None, lines[-1]
    total, errors, warnings, infos, files_with, files = map(int, m.groups())
    assert total == len(rows) == errors + warnings + infos
    assert (files_with, files) == (1, 1)
    by_code = {r[3]: r[5] for r in rows}
    assert by_code["GIA501"] == "残留的转换标记“[bookmark: _GoBack]”：发布前应删除"


def test_check_defective_markdown_report(work: Path) -> None:
    path = copy(EXAMPLES / "defective-2020.md", work)
    code, out, _ = run("check", path)
    assert code == 1
    got = {(r[1], r[2], r[3]) for r in findings(out)}
    assert {(9, 62, "GIA502"), (108, 3, "GIA201"), (110, 4, "GIA101")} <= got


def test_lang_en_and_zh(work: Path) -> None:
    path = copy(EXAMPLES / "defective-2021.txt", work)
    _, zh, _ = run("check", "--select", "conversion-artifact", path)
    _, en, _ = run("check", "--select", "conversion-artifact", "--lang", "en", path)
    assert zh == (
        f"{path}:13:1: GIA501 conversion-artifact [警告] 残留的转换标记“[bookmark: _GoBack]”：发布前应删除\n"
        "共 1 个问题（错误 0，警告 1，提示 0），涉及 1/1 个文件；其中 1 个可用 --fix 自动修复\n"
    )
    assert en == (
        f'{path}:13:1: GIA501 conversion-artifact [warning] conversion leftover "[bookmark: _GoBack]": delete it before publishing\n'
        "Found 1 problem (0 errors, 1 warnings, 0 info) in 1 of 1 file; 1 can be fixed with --fix.\n"
    )


def test_lang_from_config(work: Path) -> None:
    path = copy(EXAMPLES / "defective-2021.txt", work)
    (work / ".gialint.yaml").write_text("lang: en\n", encoding="utf-8")
    _, out, _ = run("check", "--select", "GIA501", path)
    assert "conversion leftover" in out
    _, out, _ = run("check", "--select", "GIA501", "--lang", "zh", path)
    assert "残留的转换标记" in out


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--select", "stale-year"], {"GIA301"}),
        (["--select", "GIA301"], {"GIA301"}),
        (["--select", "GIA5"], {"GIA501", "GIA502", "GIA503", "GIA504"}),
        (["--select", "GIA5", "--ignore", "placeholder-text"], {"GIA501", "GIA503", "GIA504"}),
        (["--select", "GIA501,missing-section"], {"GIA501", "GIA101"}),
        (["--select", "GIA501", "--select", "missing-section"], {"GIA501", "GIA101"}),
        (["--select", "GIA5", "--ignore", "GIA50"], set()),
        (["--select", "GIA504", "--ignore", "GIA5"], {"GIA504"}),
    ],
)
def test_select_and_ignore(work: Path, args: list[str], codes: set[str]) -> None:
    path = copy(EXAMPLES / "defective-2021.txt", work)
    code, out, _ = run("check", *args, path)
    assert {r[3] for r in findings(out)} == codes
    assert code == (1 if codes else 0)


@pytest.mark.parametrize("item", ["stale-year", "GIA301", "gia3"])
def test_ignore_by_name_code_prefix(work: Path, item: str) -> None:
    path = copy(EXAMPLES / "defective-2021.txt", work)
    _, all_out, _ = run("check", path)
    _, out, _ = run("check", "--ignore", item, path)
    assert "GIA301" in {r[3] for r in findings(all_out)}
    assert "GIA301" not in {r[3] for r in findings(out)}
    assert len(findings(out)) == len(findings(all_out)) - 3


def test_select_unknown_item_warns(work: Path) -> None:
    path = copy(EXAMPLES / "clean-2021.md", work)
    code, _, err = run("check", "--select", "nosuch-rule", path)
    assert code == 0
    assert "no rule matches 'nosuch-rule'" in err


@pytest.mark.parametrize("item", ["placeholder-text", "GIA502"])
def test_ignore_pattern_rule_does_not_warn(work: Path, item: str) -> None:
    path = copy(EXAMPLES / "defective-2021.txt", work)
    _, out, err = run("check", "--ignore", item, path)
    assert "GIA502" not in {r[3] for r in findings(out)}
    assert "no rule matches" not in err


def _warnings_only_report(work: Path) -> Path:
    text = (EXAMPLES / "clean-2021.md").read_text(encoding="utf-8")
    text = text.replace("坚持以公开为常态、", "坚持以公开为常态、、", 1)
    path = work / "warn-2021.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_fail_on(work: Path) -> None:
    path = _warnings_only_report(work)
    code, out, _ = run("check", path)
    assert code == 1
    assert [(r[1], r[2], r[3]) for r in findings(out)] == [(13, 59, "GIA503")]
    code, out2, _ = run("check", "--fail-on", "error", path)
    assert code == 0
    assert out2 == out  # still reported, just not failing
    assert run("check", "--fail-on", "info", path)[0] == 1


def test_fail_on_from_config(work: Path) -> None:
    path = _warnings_only_report(work)
    (work / ".gialint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    assert run("check", path)[0] == 0
    assert run("check", "--fail-on", "warning", path)[0] == 1


def test_severity_from_config_changes_exit_code(work: Path) -> None:
    path = _warnings_only_report(work)
    (work / ".gialint.yaml").write_text("rules:\n  doubled-punctuation: info\n", encoding="utf-8")
    code, out, _ = run("check", path)
    assert code == 0
    assert "提示 1" in out


def test_quiet(work: Path) -> None:
    clean = copy(EXAMPLES / "clean-2021.md", work)
    assert run("check", "--quiet", clean) == (0, "", "")
    defective = copy(EXAMPLES / "defective-2021.txt", work)
    code, out, _ = run("check", "-q", defective)
    assert code == 1
    lines = out.splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    assert not any(line.startswith("共 ") for line in lines)


def test_year_override(work: Path) -> None:
    path = copy(REPORTS / "clean-2021.txt", work)
    code, out, _ = run("check", "--select", "stale-year", "--year", "2022", "--lang", "en", path)
    assert code == 1
    assert "the statistics period says 2021 but this is the 2022 report" in out


# --------------------------------------------------------------------------- JSON


def test_json_output(work: Path) -> None:
    a = copy(EXAMPLES / "defective-2021.txt", work)
    b = copy(EXAMPLES / "defective-2020.md", work)
    code, out, err = run("check", "--format", "json", "--lang", "en", a, b)
    assert code == 1
    assert err == ""
    data = json.loads(out)
    assert set(data) == {"version", "files", "diagnostics"}
    assert data["version"] == __version__
    assert data["files"] == sorted([str(a), str(b)])
    keys = ["path", "line", "column", "end_line", "end_column", "rule", "code", "severity", "message"]
    for d in data["diagnostics"]:
        assert list(d) == keys
        assert d["severity"] in ("error", "warning", "info")
        assert d["end_line"] >= d["line"]
    order = [(d["path"], d["line"], d["column"]) for d in data["diagnostics"]]
    assert order == sorted(order)
    assert order[0][0] == str(b)  # defective-2020.md sorts first although given second
    artifact = next(d for d in data["diagnostics"] if d["code"] == "GIA501")
    assert artifact == {
        "path": str(a),
        "line": 13,
        "column": 1,
        "end_line": 13,
        "end_column": 20,
        "rule": "conversion-artifact",
        "code": "GIA501",
        "severity": "warning",
        "message": 'conversion leftover "[bookmark: _GoBack]": delete it before publishing',
    }


def test_json_clean_and_zh(work: Path) -> None:
    path = copy(EXAMPLES / "clean-2021.md", work)
    code, out, _ = run("check", "--format", "json", path)
    assert code == 0
    assert json.loads(out) == {"version": __version__, "files": [str(path)], "diagnostics": []}
    defective = copy(EXAMPLES / "defective-2021.txt", work)
    data = json.loads(run("check", "--format", "json", "--select", "GIA501", defective)[1])
    assert [d["message"] for d in data["diagnostics"]] == ["残留的转换标记“[bookmark: _GoBack]”：发布前应删除"]
    assert "\\u" not in run("check", "--format", "json", "--select", "GIA501", defective)[1]


# --------------------------------------------------------------------------- unreadable input


def test_missing_path(work: Path) -> None:
    code, out, err = run("check", "--lang", "en", work / "nowhere.txt")
    assert code == 1
    assert out.splitlines()[0] == (
        f"{work / 'nowhere.txt'}:1:1: GIA001 unreadable-input [error] no such file or directory: check the path"
    )
    assert err == ""


def test_empty_file(work: Path) -> None:
    path = work / "empty.txt"
    path.write_bytes(b"")
    code, out, _ = run("check", path)
    assert code == 1
    assert out.splitlines()[0] == f"{path}:1:1: GIA001 unreadable-input [错误] 文件为空：年度报告应有标题和六个部分"


def test_whitespace_only_file(work: Path) -> None:
    path = work / "blank.md"
    path.write_bytes(b"\r\n \n\t\n")
    code, out, _ = run("check", "--format", "json", path)
    assert code == 1
    (d,) = json.loads(out)["diagnostics"]
    assert (d["code"], d["rule"], d["line"], d["column"], d["severity"]) == ("GIA001", "unreadable-input", 1, 1, "error")


def test_binary_file(work: Path) -> None:
    path = work / "report.txt"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    code, out, err = run("check", "--lang", "en", path)
    assert code == 1
    ((p, line, col, code_, rule, msg),) = findings(out)
    assert (p, line, col, code_, rule) == (str(path), 1, 1, "GIA001", "unreadable-input")
    assert msg.startswith("binary file (contains NUL bytes)")
    assert "Traceback" not in err


def test_undecodable_file_is_located(work: Path) -> None:
    path = work / "bad.txt"
    path.write_bytes("一、总体情况\n第二行中文".encode() + b"\xff\xfe\xfd\n")
    code, out, _ = run("check", "--lang", "en", path)
    assert code == 1
    ((_, line, col, code_, _, msg),) = findings(out)
    assert (line, col, code_) == (2, 6, "GIA001")
    assert "line 2, column 6" in msg


def test_directory_given_as_a_file_is_walked(work: Path) -> None:
    copy(EXAMPLES / "clean-2021.md", work / "a")
    (work / "a" / "notes.xlsx").write_bytes(b"PK\x03\x04\x00\x00")  # not a report suffix: not read
    code, out, _ = run("check", work / "a")
    assert (code, out) == (0, "未发现问题（检查了 1 个文件）\n")


def test_gb18030_file_lints_like_its_utf8_twin(work: Path) -> None:
    for src in (EXAMPLES / "defective-2021.txt", EXAMPLES / "defective-2020.md"):
        utf8 = copy(src, work / "utf8")
        gb = work / "gb" / src.name
        gb.parent.mkdir(exist_ok=True)
        gb.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
        with pytest.raises(UnicodeDecodeError):
            gb.read_bytes().decode("utf-8")
        _, out_utf8, _ = run("check", "--format", "json", utf8)
        code, out_gb, err = run("check", "--format", "json", gb)
        assert code == 1
        assert err == ""

        def strip(out: str) -> list[dict[str, object]]:
            return [{k: v for k, v in d.items() if k != "path"} for d in json.loads(out)["diagnostics"]]

        assert strip(out_gb) == strip(out_utf8)
        assert "GIA001" not in {d["code"] for d in strip(out_gb)}
        assert len(strip(out_gb)) >= 4


def test_crlf_file_lints_like_its_lf_twin(work: Path) -> None:
    src = EXAMPLES / "defective-2021.txt"
    lf = copy(src, work / "lf")
    crlf = work / "crlf" / src.name
    crlf.parent.mkdir()
    crlf.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    _, a, _ = run("check", "-q", lf)
    _, b, _ = run("check", "-q", crlf)
    assert a.replace(str(lf), "X") == b.replace(str(crlf), "X")


def test_bad_inputs_do_not_stop_the_run(work: Path) -> None:
    empty = work / "empty.txt"
    empty.write_bytes(b"")
    binary = work / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    gb = work / "gb" / "defective-2021.txt"
    gb.parent.mkdir()
    gb.write_bytes((EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8").encode("gb18030"))
    clean = copy(EXAMPLES / "clean-2021.md", work)
    missing = work / "missing.md"
    code, out, err = run("check", "--format", "json", missing, empty, binary, gb, clean)
    assert code == 1
    assert "Traceback" not in err
    data = json.loads(out)
    assert len(data["files"]) == 5
    by_path: dict[str, list[str]] = {}
    for d in data["diagnostics"]:
        by_path.setdefault(d["path"], []).append(d["code"])
    assert by_path[str(missing)] == ["GIA001"]
    assert by_path[str(empty)] == ["GIA001"]
    assert by_path[str(binary)] == ["GIA001"]
    assert str(clean) not in by_path
    assert "GIA001" not in by_path[str(gb)]
    assert {"GIA101", "GIA501", "GIA502"} <= set(by_path[str(gb)])


def test_unreadable_input_severity_from_config(work: Path) -> None:
    (work / ".gialint.yaml").write_text("rules:\n  unreadable-input: warning\n", encoding="utf-8")
    empty = work / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run("check", "--fail-on", "error", "--format", "json", empty)
    assert code == 0
    assert [d["severity"] for d in json.loads(out)["diagnostics"]] == ["warning"]


def test_too_large_file(work: Path) -> None:
    big = work / "huge.txt"
    big.write_bytes(b"a" * (20 * 1024 * 1024 + 1))
    clean = copy(EXAMPLES / "clean-2021.md", work)
    code, out, _ = run("check", "--lang", "en", big, clean)
    assert code == 1
    ((path, line, col, code_, _, msg),) = findings(out)
    assert (path, line, col, code_) == (str(big), 1, 1, "GIA001")
    assert msg.startswith("file is too large (20.0 MiB, limit 20.0 MiB)")


# --------------------------------------------------------------------------- exclude


def _tree_with_drafts(work: Path) -> None:
    copy(EXAMPLES / "clean-2021.md", work)
    copy(EXAMPLES / "defective-2020.md", work / "drafts")
    copy(EXAMPLES / "defective-2021.txt", work, "old-defective-2021.txt")


def test_exclude_file_name_glob_with_explicit_config(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree_with_drafts(work)
    (work / "cfg.yaml").write_text("exclude: ['old-*.txt', '*/drafts/*']\n", encoding="utf-8")
    monkeypatch.chdir(work)
    code, out, _ = run("check", "--config", "cfg.yaml", ".")
    assert (code, out) == (0, "未发现问题（检查了 1 个文件）\n")


def test_exclude_from_discovered_config(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree_with_drafts(work)
    (work / ".gialint.yaml").write_text("exclude: ['old-*.txt', '*/drafts/*']\n", encoding="utf-8")
    monkeypatch.chdir(work)
    code, out, _ = run("check", ".")
    assert (code, out) == (0, "未发现问题（检查了 1 个文件）\n")


def test_exclude_directory_glob_as_documented(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree_with_drafts(work)
    (work / "cfg.yaml").write_text("exclude: ['drafts/*', 'old-*.txt']\n", encoding="utf-8")
    monkeypatch.chdir(work)
    code, out, _ = run("check", "--config", "cfg.yaml", ".")
    assert (code, out) == (0, "未发现问题（检查了 1 个文件）\n")


# --------------------------------------------------------------------------- configuration errors


def test_malformed_config(work: Path) -> None:
    cfg = work / "bad.yaml"
    cfg.write_text("rules:\n  stale-year: off\n  absent-contact: {severity: info\n  missing-title: off\n", encoding="utf-8")
    report = copy(EXAMPLES / "defective-2021.txt", work)
    code, out, err = run("check", "--config", cfg, report)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{cfg}:4:16: malformed YAML")
    assert lines[-1] == "gialint: 配置有误，没有进行检查"


def test_malformed_discovered_config(work: Path) -> None:
    (work / ".gialint.yaml").write_text("rules: [\n", encoding="utf-8")
    report = copy(EXAMPLES / "clean-2021.md", work)
    code, out, err = run("check", report)
    assert code == 2
    assert out == ""
    assert re.match(rf"^{re.escape(str(work / '.gialint.yaml'))}:\d+:\d+: malformed YAML", err)


def test_unknown_rule_in_config(work: Path) -> None:
    cfg = work / "cfg.yaml"
    cfg.write_text("extends: default\nrules:\n  stale-yaer: off\n", encoding="utf-8")
    report = copy(EXAMPLES / "clean-2021.md", work)
    code, out, err = run("check", "--config", cfg, report)
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == f"{cfg}:3:3: unknown rule 'stale-yaer'; did you mean stale-year?"


def test_missing_config_file(work: Path) -> None:
    report = copy(EXAMPLES / "clean-2021.md", work)
    code, out, err = run("check", "--config", work / "nope.yaml", report)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{work / 'nope.yaml'}: config file not found")


def test_attribute_placeholder_in_config_is_a_usage_error(work: Path) -> None:
    cfg = work / "cfg.yaml"
    cfg.write_text(
        "rules:\n  my-rule:\n    kind: pattern\n    patterns: ['ok']\n    message:\n      zh: '不要{match.foo}'\n      en: 'no'\n",
        encoding="utf-8",
    )
    report = copy(EXAMPLES / "clean-2021.md", work)
    code, _, err = run("check", "--config", cfg, report)
    assert code == 2
    assert err.startswith(f"{cfg}:6:11:")


def test_config_pattern_rule_runs_from_cli(work: Path) -> None:
    cfg = work / "cfg.yaml"
    cfg.write_text(
        "rules:\n  no-bookmark:\n    kind: pattern\n    code: XB001\n    literals: ['_GoBack']\n"
        "    message: {zh: '书签{match}', en: 'bookmark {match}'}\n",
        encoding="utf-8",
    )
    report = copy(EXAMPLES / "defective-2021.txt", work)
    code, out, _ = run("check", "--config", cfg, "--select", "no-bookmark", "--lang", "en", report)
    assert code == 1
    assert findings(out) == [(str(report), 13, 12, "XB001", "no-bookmark", "bookmark _GoBack")]


# --------------------------------------------------------------------------- rules, explain, usage


def test_rules_lists_the_rules() -> None:
    code, out, _ = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert any(re.match(r"^GIA101\s+missing-section\s+error\s", line) for line in lines)
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(codes)
    assert {"GIA001", "GIA002", "GIA101", "GIA501", "GIA504"} <= set(codes)


def test_rules_json() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["missing-section"]["code"] == "GIA101"
    assert rows["missing-section"]["severity"] == "error"
    assert rows["missing-section"]["enabled"] is True


def test_rules_with_config_shows_state(work: Path) -> None:
    cfg = work / "cfg.yaml"
    cfg.write_text("rules:\n  missing-section: off\n", encoding="utf-8")
    code, out, _ = run("rules", "--config", cfg)
    assert code == 0
    assert any(re.match(r"^GIA101\s+missing-section\s+off\s", line) for line in out.splitlines())


@pytest.mark.parametrize("name", ["missing-section", "GIA101", "gia101"])
def test_explain(name: str) -> None:
    code, out, err = run("explain", name)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "GIA101 missing-section"
    assert lines[2] == "缺少统一格式规定的六个部分之一（一、总体情况 … 六、其他需要报告的事项）"
    assert "Default severity: error" in out
    assert "parts (list of str" in out


def test_explain_in_english_puts_english_first() -> None:
    _, out, _ = run("explain", "--lang", "en", "GIA101")
    assert out.splitlines()[2] == "One of the six parts the national format requires is missing"


def test_explain_pattern_rule() -> None:
    code, out, _ = run("explain", "placeholder-text")
    assert code == 0
    assert out.startswith("GIA502 placeholder-text\n")


def test_explain_unknown_rule() -> None:
    code, out, err = run("explain", "nosuchrule")
    assert code == 2
    assert out == ""
    assert err == "gialint: unknown rule 'nosuchrule'; run `gialint rules` for the list\n"


def test_explain_unknown_rule_suggests() -> None:
    code, _, err = run("explain", "missing-sectoin")
    assert code == 2
    assert "did you mean missing-section" in err


def test_no_command_is_usage() -> None:
    code, out, _ = run()
    assert code == 2
    assert "用法：gialint" in out


# --------------------------------------------------------------------------- end to end


def test_subprocess_binary_file_exit_code_and_no_traceback(work: Path) -> None:
    binary = work / "report.txt"
    binary.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + bytes(range(256)))  # an old .doc
    proc = subprocess.run(
        [sys.executable, "-m", "gialint", "check", "--lang", "en", str(binary)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=work,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[0].startswith(f"{binary}:1:1: GIA001 unreadable-input [error] binary file")
