"""``gialint audit DIR`` (issue #5, part 5): a whole tree, corpus rules on, a summary per agency
and per rule in text, json and html, the exit codes of ``check``, and a progress bar only on a
terminal.

The tree used here is a small county: 青石镇's 2020 and 2021 reports, 柳林镇's 2022 report copied
from 青石镇's 2021 one (names, years and figures changed), 白沙镇's defective 2021 report and an
empty file.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021 = ROOT / "examples" / "clean-2021.md"
CLEAN_2020 = ROOT / "tests" / "fixtures" / "reports" / "clean-2020.md"
DEFECTIVE_2021 = ROOT / "examples" / "defective-2021.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    return code, out.getvalue(), err.getvalue()


def copied_report() -> str:
    text = CLEAN_2021.read_text(encoding="utf-8").replace("青石镇", "柳林镇").replace("青石县", "柳林县").replace("qingshi", "liulin")
    text = re.sub(r"(?<![〔\d])(20\d\d)(?=年)", lambda m: str(int(m.group(1)) + 1), text)
    for old, new in (("132条", "141条"), ("58条", "67条"), ("96条", "88条")):
        text = text.replace(old, new)
    return text


@pytest.fixture
def county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GIALINT_RESULT_CACHE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    root = tmp_path / "c"
    for folder in ("qingshi", "liulin", "baisha", "misc"):
        (root / folder).mkdir(parents=True)
    shutil.copy(CLEAN_2020, root / "qingshi" / "qingshi-2020.md")
    shutil.copy(CLEAN_2021, root / "qingshi" / "qingshi-2021.md")
    (root / "liulin" / "liulin-2022.md").write_text(copied_report(), encoding="utf-8")
    shutil.copy(DEFECTIVE_2021, root / "baisha" / "defective-2021.txt")
    (root / "misc" / "empty.md").write_bytes(b"")
    return root


EXPECTED_AGENCIES_ZH = [  # ranked by deduction score (rules/default.yaml scoring:), not by count
    "  白沙镇人民政府（2021）：1 个文件，12 个问题，扣 19.5 分；GIA301×3，GIA102×1，GIA502×1，GIA504×1，GIA401×1",
    "  （未识别机关）（?）：1 个文件，1 个问题，扣 10 分；GIA001×1",
    "  柳林镇人民政府（2022）：1 个文件，3 个问题，扣 5 分；GIA601×3",
    "  青石镇人民政府（2020,2021）：2 个文件，3 个问题，扣 5 分；GIA601×3",
]
EXPECTED_RULES = [
    (6, "GIA601", "duplicate-content"),
    (3, "GIA301", "stale-year"),
    (1, "GIA001", "unreadable-input"),
    (1, "GIA101", "missing-section"),
    (1, "GIA102", "missing-title"),
    (1, "GIA201", "unbalanced-table"),
    (1, "GIA204", "empty-cell"),
    (1, "GIA401", "absent-contact"),  # its placeholder finding yields to placeholder-text (one per cause)
    (1, "GIA501", "conversion-artifact"),
    (1, "GIA502", "placeholder-text"),
    (1, "GIA503", "doubled-punctuation"),
    (1, "GIA504", "unbalanced-brackets"),
]


def test_text_output_ends_with_the_summary_per_agency_and_per_rule(county: Path) -> None:
    code, out, err = cli("audit", "c", "--no-cache", "--jobs", "1")
    assert code == 1 and err == ""
    lines = out.rstrip("\n").split("\n")
    diagnostics = [line for line in lines if re.match(r"c/\S+:\d+:\d+: GIA\d{3} ", line)]
    assert len(diagnostics) == 19
    assert lines[: len(diagnostics)] == diagnostics, "the findings come first"
    assert lines[19] == "共 19 个问题（错误 7，警告 12，提示 0），涉及 4/5 个文件；检查了 5 个文件，其中 1 个无法读取；其中 2 个可用 --fix 自动修复"
    tail = lines[20:]
    assert tail[0] == "" and tail[1] == "按机关汇总（按扣分排序）："
    assert tail[2:6] == EXPECTED_AGENCIES_ZH
    assert tail[6] == "按规则汇总："
    assert tail[7:] == [f"  {n:>6}  {code:<8} {rule}" for n, code, rule in EXPECTED_RULES]
    # The summary agrees with the findings printed above it.
    assert Counter(line.split()[1] for line in diagnostics) == Counter({code: n for n, code, _ in EXPECTED_RULES})
    assert sum(1 for line in diagnostics if line.startswith("c/qingshi/")) == 3
    assert sum(1 for line in diagnostics if line.startswith("c/baisha/")) == 12


def test_text_summary_in_english(county: Path) -> None:
    code, out, _ = cli("audit", "c", "--no-cache", "--lang", "en")
    assert code == 1
    tail = out.rstrip("\n").split("\n")[-18:]
    assert [line.split(";")[0] for line in tail[:6]] == [
        "Per agency (by deduction score):",
        "  白沙镇人民政府 (2021): 1 file(s), 12 finding(s), 19.5 point(s)",
        "  (agency not recognised) (?): 1 file(s), 1 finding(s), 10 point(s)",
        "  柳林镇人民政府 (2022): 1 file(s), 3 finding(s), 5 point(s)",
        "  青石镇人民政府 (2020,2021): 2 file(s), 3 finding(s), 5 point(s)",
        "Per rule:",
    ]
    assert tail[6:] == [f"  {n:>6}  {code:<8} {rule}" for n, code, rule in EXPECTED_RULES]


def test_text_summary_in_english_uses_english_punctuation(county: Path) -> None:
    code, out, _ = cli("audit", "c", "--no-cache", "--lang", "en")
    tail = out.rstrip("\n").split("\n")[-18:]
    assert tail[:6] == [
        "Per agency (by deduction score):",
        "  白沙镇人民政府 (2021): 1 file(s), 12 finding(s), 19.5 point(s); GIA301×3, GIA102×1, GIA502×1, GIA504×1, GIA401×1",
        "  (agency not recognised) (?): 1 file(s), 1 finding(s), 10 point(s); GIA001×1",
        "  柳林镇人民政府 (2022): 1 file(s), 3 finding(s), 5 point(s); GIA601×3",
        "  青石镇人民政府 (2020,2021): 2 file(s), 3 finding(s), 5 point(s); GIA601×3",
        "Per rule:",
    ]


def test_quiet_keeps_the_summary_but_not_the_count_line(county: Path) -> None:
    _, out, _ = cli("audit", "c", "--no-cache", "--quiet")
    assert "共 19 个问题" not in out
    assert out.rstrip("\n").split("\n")[-17:-13] == EXPECTED_AGENCIES_ZH


def test_json_has_a_summary_object(county: Path) -> None:
    code, out, _ = cli("audit", "c", "--no-cache", "--format", "json")
    assert code == 1
    data = json.loads(out)
    summary = data["summary"]
    assert set(summary) >= {"agencies", "rules"}
    assert summary["files"] == 5 and summary["findings"] == 19 == len(data["diagnostics"])
    agencies = [(a["agency"], a["files"], a["years"], a["findings"]) for a in summary["agencies"]]
    assert agencies == [
        ("白沙镇人民政府", 1, [2021], 12),
        ("（未识别机关）", 1, [], 1),
        ("柳林镇人民政府", 1, [2022], 3),
        ("青石镇人民政府", 2, [2020, 2021], 3),
    ]
    assert [a["score"] for a in summary["agencies"]] == [19.5, 10, 5, 5]
    baisha = summary["agencies"][0]["rules"]
    assert baisha == dict(Counter(d["code"] for d in data["diagnostics"] if d["path"].startswith("c/baisha/")))
    assert summary["agencies"][2]["rules"] == {"GIA601": 3}
    assert [(r["count"], r["code"], r["rule"]) for r in summary["rules"]] == EXPECTED_RULES


def test_json_summary_names_agencies_in_english_when_asked(county: Path) -> None:
    _, out, _ = cli("audit", "c", "--no-cache", "--format", "json", "--lang", "en")
    assert json.loads(out)["summary"]["agencies"][1]["agency"] == "(agency not recognised)"


def _outside_file_sections(page: str) -> str:
    """The page without the per-file sections (sources and their findings) and without tags."""
    rest = re.sub(r'<section class="file".*?</section>', "", page, flags=re.S)
    rest = re.sub(r"<script>.*?</script>|<style>.*?</style>", "", rest, flags=re.S)
    return re.sub(r"<[^>]+>", " ", rest)


def test_html_is_self_contained_and_holds_every_finding(county: Path) -> None:
    code, page, err = cli("audit", "c", "--no-cache", "--format", "html")
    assert code == 1 and err == ""
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "default-src 'none'" in page
    assert not re.search(r"<(?:script|img|iframe|link)[^>]*\b(?:src|href)\s*=", page), "no external script, style or image"
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page
    findings = re.findall(r'<li id="f\d+-d\d+" class="sev-\w+" data-rule="(GIA\d{3})"', page)
    assert Counter(findings) == Counter({code: n for n, code, _ in EXPECTED_RULES})
    for path in ("c/qingshi/qingshi-2020.md", "c/qingshi/qingshi-2021.md", "c/liulin/liulin-2022.md", "c/baisha/defective-2021.txt", "c/misc/empty.md"):
        assert f'data-file="{path}"' in page


def test_html_output_file(county: Path) -> None:
    code, out, _ = cli("audit", "c", "--no-cache", "--format", "html", "--output", "report.html")
    assert code == 1 and out == ""
    page = (county.parent / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "GIA601" in page


def test_html_has_the_summary_per_agency(county: Path) -> None:
    _, page, _ = cli("audit", "c", "--no-cache", "--format", "html")
    outside = _outside_file_sections(page)
    for agency in ("白沙镇人民政府", "柳林镇人民政府", "青石镇人民政府"):
        assert agency in outside, agency


# --------------------------------------------------------------------------- exit codes


def test_exit_codes_are_those_of_check(county: Path, tmp_path: Path) -> None:
    assert cli("audit", "c", "--no-cache")[0] == 1
    assert cli("audit", "c", "--no-cache", "--fail-on", "error")[0] == 1
    # Only warnings (duplicate-content): 1 by default, 0 with --fail-on error.
    only = tmp_path / "only-warnings"
    only.mkdir()
    shutil.copy(county / "qingshi" / "qingshi-2021.md", only)
    shutil.copy(county / "liulin" / "liulin-2022.md", only)
    code, out, _ = cli("audit", "only-warnings", "--no-cache", "--format", "json")
    assert code == 1 and {d["severity"] for d in json.loads(out)["diagnostics"]} == {"warning"}
    assert cli("audit", "only-warnings", "--no-cache", "--fail-on", "error")[0] == 0
    (only / ".gialint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    # The audited tree's own configuration is used only when asked for (issue #8 part 6).
    assert cli("audit", "only-warnings", "--no-cache")[0] == 1
    assert cli("audit", "only-warnings", "--no-cache", "--respect-tree-config")[0] == 0
    # A clean tree.
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(CLEAN_2021, clean)
    code, out, _ = cli("audit", "clean", "--no-cache")
    assert code == 0
    assert out.startswith("未发现问题（检查了 1 个文件）\n")
    assert "青石镇人民政府（2021）：1 个文件，0 个问题" in out
    # Usage errors.
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".gialint.yaml").write_text("rules:\n  no-such-rule: error\n", encoding="utf-8")
    shutil.copy(CLEAN_2021, bad)
    code, out, err = cli("audit", "bad", "--no-cache", "--respect-tree-config")
    assert code == 2 and "no-such-rule" in err
    assert cli("audit", "c", "--no-cache", "--format", "nope")[0] == 2
    assert cli("audit", "c", "--no-cache", "--no-such-flag")[0] == 2


def test_audit_matches_check_corpus(county: Path) -> None:
    """audit is check --corpus plus the summary."""
    _, audit_out, _ = cli("audit", "c", "--no-cache", "--format", "json")
    code, check_out, _ = cli("check", "c", "--corpus", "--no-cache", "--format", "json")
    audit, check = json.loads(audit_out), json.loads(check_out)
    assert code == 1
    assert audit["diagnostics"] == check["diagnostics"] and audit["files"] == check["files"]
    assert "summary" not in check


def test_a_second_audit_from_the_cache_is_identical(county: Path) -> None:
    first = cli("audit", "c", "--jobs", "1")
    assert (county.parent / ".gialint_cache").is_dir()
    assert cli("audit", "c", "--jobs", "1") == first
    assert cli("audit", "c", "--no-cache") == first


# --------------------------------------------------------------------------- progress


def gialint_process(cwd: Path, *argv: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GIALINT_RESULT_CACHE")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen([sys.executable, "-m", "gialint", *argv], cwd=cwd, env=env, **kwargs)


def test_no_progress_bar_without_a_terminal(county: Path) -> None:
    code, out, err = cli("audit", "c", "--no-cache")
    assert err == ""
    proc = gialint_process(county.parent, "audit", "c", "--no-cache", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert stderr == b""
    assert stdout.decode("utf-8") == out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pseudo-terminal")
def test_a_progress_bar_on_a_terminal(county: Path) -> None:
    import pty

    master, slave = pty.openpty()
    proc = gialint_process(county.parent, "audit", "c", "--no-cache", "--jobs", "1", stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    stdout, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "\r[" in shown and "] 5/5 " in shown and "] 1/5 " in shown
    assert "\x1b[" not in stdout.decode("utf-8"), "stdout is a pipe: no colour"
    assert "按机关汇总" in stdout.decode("utf-8") and "\r[" not in stdout.decode("utf-8")


# --------------------------------------------------------------------------- the real reports


@needs_corpus
def test_audit_of_the_real_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CORPUS, tmp_path / "corpus")
    code, out, _ = cli("audit", "corpus", "--no-cache", "--format", "json")
    assert code == 1
    data = json.loads(out)
    agencies = {a["agency"]: (a["files"], a["years"]) for a in data["summary"]["agencies"]}
    assert agencies == {
        "兑镇镇人民政府": (1, [2020]),
        "兴隆镇人民政府": (1, [2021]),
        "康驿镇人民政府": (1, [2021]),
        "草坝镇": (1, [2021]),
        "魏店镇": (1, [2021]),
    }
    file_of = {"兑镇镇人民政府": "duizhen", "兴隆镇人民政府": "xinglong", "康驿镇人民政府": "kangyi", "草坝镇": "caoba", "魏店镇": "weidian"}
    for a in data["summary"]["agencies"]:
        mine = [d for d in data["diagnostics"] if file_of[a["agency"]] in d["path"]]
        assert a["findings"] == len(mine) > 0
        assert a["rules"] == dict(Counter(d["code"] for d in mine))
    scores = [a["score"] for a in data["summary"]["agencies"]]
    assert scores == sorted(scores, reverse=True), "highest deduction score first"
    assert not any(d["rule"] in ("duplicate-content", "carry-over", "rule-error") for d in data["diagnostics"])
    code, text, _ = cli("audit", "corpus", "--no-cache")
    for a in data["summary"]["agencies"]:
        years = ",".join(str(y) for y in a["years"])
        assert f"  {a['agency']}（{years}）：1 个文件，{a['findings']} 个问题，扣 {a['score']:g} 分；" in text
