"""Baselines (issue 4): ``--write-baseline`` records today's findings, ``--baseline`` reports only new ones.

The acceptance scenario runs on a copy of the real corpus (../shared/corpus; skipped when absent);
the rest runs on small reports written here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


@pytest.fixture(autouse=True)
def _own_working_directory(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs may write a result cache in the working directory: keep it out of the repository."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def findings(*argv: str | Path) -> tuple[int, list[tuple[str, int, int, str]]]:
    """Exit code and (file name, line, column, rule) of ``gialint check --format json``."""
    code, out, err = run("check", "--format", "json", "--no-plugins", *argv)
    assert code in (0, 1), f"exit {code}: {err}"
    diags = json.loads(out)["diagnostics"]
    return code, [(Path(d["path"]).name, d["line"], d["column"], d["rule"]) for d in diags]


def copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "repo" / "corpus"
    shutil.copytree(CORPUS, target)
    for path in target.iterdir():
        path.chmod(0o644)  # the shared corpus is read-only
    return target


def insert_line(path: Path, after_prefix: str, new: str) -> int:
    """Insert ``new`` after the one line starting with ``after_prefix``; returns its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith(after_prefix)]
    assert len(at) == 1, after_prefix
    lines.insert(at[0] + 1, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at[0] + 2


# --------------------------------------------------------------------------- the acceptance scenario


@needs_corpus
def test_acceptance_only_the_new_defect_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path)
    repo = corpus.parent
    monkeypatch.chdir(repo)
    code, before = findings("corpus")
    assert code == 1 and before, "the corpus has findings to record"

    code, out, err = run("check", "--no-plugins", "corpus", "--write-baseline", ".gialint-baseline.json")
    assert code == 0, err
    assert f"已把 {len(before)} 个问题记入基线文件" in err
    data = json.loads((repo / ".gialint-baseline.json").read_text(encoding="utf-8"))
    assert sum(e["count"] for e in data["entries"]) == len(before)
    assert {e["path"] for e in data["entries"]} <= {f"corpus/{p.name}" for p in corpus.iterdir()}

    assert findings("corpus", "--baseline", ".gialint-baseline.json") == (0, [])

    # one new defect in xinglong-2021 …
    xinglong = corpus / "xinglong-2021.txt"
    new_line = insert_line(xinglong, "本报告所列数据的统计期限", "联系电话：XX")
    # … and, in duizhen-2020, an unrelated sentence edited and a blank line at the top (every line shifts)
    duizhen = corpus / "duizhen-2020.md"
    text = duizhen.read_text(encoding="utf-8")
    assert text.count("认真贯彻落实《政府信息公开条例》") == 1
    duizhen.write_text("\n" + text.replace("认真贯彻落实《政府信息公开条例》", "切实贯彻落实《政府信息公开条例》"), encoding="utf-8")
    # the edit did shift duizhen's findings: without the baseline they are at other lines now
    _, shifted = findings("corpus")
    old_duizhen = {(line, rule) for name, line, _, rule in before if name == "duizhen-2020.md"}
    new_duizhen = {(line, rule) for name, line, _, rule in shifted if name == "duizhen-2020.md"}
    assert old_duizhen and new_duizhen == {(line + 1, rule) for line, rule in old_duizhen}

    code, new = findings("corpus", "--baseline", ".gialint-baseline.json")
    assert code == 1
    assert new, "the new defect must be reported"
    assert {(name, line) for name, line, _, _ in new} == {("xinglong-2021.txt", new_line)}, new
    assert ("xinglong-2021.txt", new_line, 6, "placeholder-text") in new

    # the same answer with a warm cache, and from another directory with absolute paths
    assert findings("corpus", "--baseline", ".gialint-baseline.json") == (code, new)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert findings(corpus, "--baseline", repo / ".gialint-baseline.json") == (code, new)


@needs_corpus
def test_acceptance_with_the_command_line_in_a_subprocess(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    repo = corpus.parent

    def gialint(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gialint", "check", "--no-plugins", *argv],
            capture_output=True, text=True, cwd=repo, timeout=300, encoding="utf-8",
        )

    assert gialint("corpus", "--write-baseline", "baseline.json").returncode == 0
    clean = gialint("corpus", "--baseline", "baseline.json", "--format", "json")
    assert clean.returncode == 0 and json.loads(clean.stdout)["diagnostics"] == []
    caoba = corpus / "caoba-2021.txt"
    new_line = insert_line(caoba, "（二）办理依申请公开", "[bookmark: _GoBack]")
    result = gialint("corpus", "--baseline", "baseline.json", "--format", "json")
    assert result.returncode == 1
    got = [(Path(d["path"]).name, d["line"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert got == [("caoba-2021.txt", new_line, "conversion-artifact")]


@needs_corpus
def test_identical_repeated_findings_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path)
    monkeypatch.chdir(corpus.parent)
    kangyi = corpus / "kangyi-2021.txt"
    assert kangyi.read_text(encoding="utf-8").split("\n").count("[bookmark: _GoBack]") == 1
    assert run("check", "--no-plugins", "corpus", "--write-baseline", "b.json")[0] == 0
    # a second, identical [bookmark: _GoBack] line in the same file: one new finding, not zero
    insert_line(kangyi, "2021年，康驿镇理顺体制", "[bookmark: _GoBack]")
    code, new = findings("corpus", "--baseline", "b.json")
    assert code == 1
    assert [(name, rule) for name, _, _, rule in new] == [("kangyi-2021.txt", "conversion-artifact")]
    # a third: two new
    insert_line(kangyi, "2021年，康驿镇理顺体制", "[bookmark: _GoBack]")
    _, new = findings("corpus", "--baseline", "b.json")
    assert [(name, rule) for name, _, _, rule in new] == [("kangyi-2021.txt", "conversion-artifact")] * 2


# --------------------------------------------------------------------------- small reports

REPORT_A = "标题\n联系电话：XX\n正文第一句。\n问题：：一是\n正文第二句。\n"
REPORT_B = "标题\n[bookmark: _GoBack]\n正文。\n"
SELECT = ("--select", "placeholder-text,doubled-punctuation,conversion-artifact")


def _tree(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (reports / "sub" / "b.txt").write_text(REPORT_B, encoding="utf-8")
    return reports


def test_baseline_hides_recorded_findings_through_edits_elsewhere(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    baseline = tmp_path / "baseline.json"
    assert findings(reports, *SELECT) == (
        1,
        [("a.txt", 2, 6, "placeholder-text"), ("a.txt", 4, 3, "doubled-punctuation"), ("b.txt", 2, 1, "conversion-artifact")],
    )
    code, out, err = run("check", "--no-plugins", reports, *SELECT, "--write-baseline", baseline)
    assert code == 0 and out == ""
    assert findings(reports, *SELECT, "--baseline", baseline) == (0, [])
    # shift every line, edit other sentences, change only white space on a finding's line
    a = reports / "a.txt"
    a.write_text("\n\n" + REPORT_A.replace("第一句", "第1句").replace("问题：：一是", "问题：：一是 \t "), encoding="utf-8")
    assert findings(reports, *SELECT, "--baseline", baseline) == (0, [])
    # a defect in another file is new even though the same finding is recorded for a.txt
    (reports / "sub" / "b.txt").write_text(REPORT_B + "联系电话：XX\n", encoding="utf-8")
    assert findings(reports, *SELECT, "--baseline", baseline) == (1, [("b.txt", 4, 6, "placeholder-text")])


def test_changing_the_line_of_a_recorded_finding_reports_it_again(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    baseline = tmp_path / "baseline.json"
    run("check", "--no-plugins", reports, *SELECT, "--write-baseline", baseline)
    a = reports / "a.txt"
    a.write_text(REPORT_A.replace("问题：：一是", "主要问题：：一是"), encoding="utf-8")
    assert findings(reports, *SELECT, "--baseline", baseline) == (1, [("a.txt", 4, 5, "doubled-punctuation")])


def test_fixed_findings_are_simply_gone(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    baseline = tmp_path / "baseline.json"
    run("check", "--no-plugins", reports, *SELECT, "--write-baseline", baseline)
    (reports / "a.txt").write_text("标题\n正文。\n", encoding="utf-8")
    (reports / "sub" / "b.txt").unlink()
    assert findings(reports, *SELECT, "--baseline", baseline) == (0, [])


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("check", "--no-plugins", "reports", *SELECT, "--write-baseline", "baseline.json")[0] == 0
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert sorted({e["path"] for e in entries}) == ["reports/a.txt", "reports/sub/b.txt"]
    # run from inside the folder with relative paths, and from elsewhere with absolute ones
    monkeypatch.chdir(reports / "sub")
    assert findings("..", *SELECT, "--baseline", "../../baseline.json") == (0, [])
    monkeypatch.chdir(tmp_path.parent)
    assert findings(reports, *SELECT, "--baseline", tmp_path / "baseline.json") == (0, [])
    # the whole tree moved together with its baseline still matches
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    shutil.copytree(tmp_path, moved, ignore=shutil.ignore_patterns(".gialint_cache"))
    assert findings(moved / "reports", *SELECT, "--baseline", moved / "baseline.json") == (0, [])


def test_identical_repeated_findings_in_one_file_are_counted(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    baseline = tmp_path / "baseline.json"
    run("check", "--no-plugins", reports, *SELECT, "--write-baseline", baseline)
    b = reports / "sub" / "b.txt"
    b.write_text(REPORT_B + "[bookmark: _GoBack]\n", encoding="utf-8")
    code, new = findings(reports, *SELECT, "--baseline", baseline)
    assert code == 1 and [(n, r) for n, _, _, r in new] == [("b.txt", "conversion-artifact")]


# --------------------------------------------------------------------------- errors


def test_missing_baseline_is_a_usage_error(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    missing = tmp_path / "nope.json"
    code, out, err = run("check", "--no-plugins", reports, "--baseline", missing)
    assert code == 2
    assert out == ""
    assert str(missing) in err and "not found" in err and "--write-baseline" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param("{not json", "not a gialint baseline", id="not-json"),
        pytest.param("", "not a gialint baseline", id="empty"),
        pytest.param("[1, 2]", "not a gialint baseline", id="a-list"),
        pytest.param('{"version": 1, "entries": 5}', "not a gialint baseline", id="entries-not-a-list"),
        pytest.param('{"version": 1, "entries": [{"path": "a.txt"}]}', "not a gialint baseline", id="entry-without-keys"),
        pytest.param('{"version": 1, "entries": [{"path": "a.txt", "rule": "x", "fingerprint": "y", "count": "many"}]}', "not a gialint baseline", id="bad-count"),
        pytest.param('{"version": 99, "entries": []}', "version", id="other-version"),
        pytest.param('{"entries": []}', "version", id="no-version"),
    ],
)
def test_corrupt_baseline_is_a_usage_error(tmp_path: Path, content: str, words: str) -> None:
    reports = _tree(tmp_path)
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run("check", "--no-plugins", reports, "--baseline", bad)
    assert code == 2, err
    assert out == ""
    assert str(bad) in err and words in err
    assert "internal error" not in err and "Traceback" not in err


def test_baseline_that_is_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    code, out, err = run("check", "--no-plugins", reports, "--baseline", tmp_path)
    assert code == 2 and out == "" and "internal error" not in err


def test_write_baseline_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    target = tmp_path / "no" / "such" / "baseline.json"
    code, _, err = run("check", "--no-plugins", reports, "--write-baseline", target)
    assert code == 2
    assert "baseline.json" in err and "internal error" not in err
    assert not target.exists()


def test_write_baseline_exits_0_with_findings_and_rewrites_the_file(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json", encoding="utf-8")
    code, _, err = run("check", "--no-plugins", reports, *SELECT, "--write-baseline", baseline)
    assert code == 0, err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert sorted((e["path"], e["rule"], e["count"]) for e in data["entries"]) == [
        ("reports/a.txt", "doubled-punctuation", 1),
        ("reports/a.txt", "placeholder-text", 1),
        ("reports/sub/b.txt", "conversion-artifact", 1),
    ]
    assert "已把 3 个问题记入基线文件" in err
    assert not os.path.exists(str(baseline) + ".tmp")
