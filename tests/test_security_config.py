"""Configurations and user regexes are data, bounded (issue #8 parts 4 and 5).

Every hostile or broken configuration here is a located error (exit 2) within a second, and
no user pattern can hang a run: a pattern that backtracks for ever becomes a finding.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from gialint.cli.program import main

SECRET = "root:$6$Zq8sEcReT4x9$Hb2pQ:19000:0:99999:7:::"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Import gialint's rules once, so that the time bounds below measure the configuration."""
    run("rules")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.md").write_text("# 2021年度政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n", encoding="utf-8")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


class Bound:
    """Asserts a block took less than ``cpu`` seconds of processor time and ``wall`` seconds in all.

    The processor time is the real bound (this machine may be shared: a loaded CI runner
    stretches wall time); the wall bound catches blocking, e.g. on a FIFO.
    """

    def __init__(self, cpu: float, wall: float = 20.0) -> None:
        self.cpu, self.wall = cpu, wall

    def __enter__(self) -> Bound:
        self.started, self.cpu_started = time.monotonic(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        cpu, wall = time.process_time() - self.cpu_started, time.monotonic() - self.started
        assert cpu < self.cpu, f"took {cpu:.2f} s of processor time"
        assert wall < self.wall, f"took {wall:.2f} s"


def config_error(*argv: str | Path, within: float = 1.0) -> str:
    """Run ``gialint check``; assert it is a configuration error (exit 2) that came quickly."""
    with Bound(within):
        code, out, err = run("check", "--no-cache", "--jobs", "1", *argv)
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "internal error" not in err
    return err


# ---- bounded YAML


def test_billion_laughs_exits_2_in_under_a_second(work: Path) -> None:
    lines = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    write(work / "bomb.yaml", "rules:\n  absent-contact:\n    options:\n      require: *l9\n" + "\n".join(f"# {line}" for line in lines) + "\n")
    write(work / "bomb.yaml", "\n".join(lines) + "\nrules: {}\n")
    err = config_error("--config", "bomb.yaml", "r.md")
    assert "bomb.yaml:" in err and "aliases" in err and "expand to more than" in err


def test_aliases_in_moderation_still_work(work: Path) -> None:
    write(work / "ok.yaml", "rules:\n  absent-contact: &off 'off'\n  stale-year: *off\n")
    code, _, err = run("check", "--no-cache", "--config", "ok.yaml", "r.md")
    assert code in (0, 1), err


def test_500_levels_of_nesting_exit_2(work: Path) -> None:
    write(work / "deep.yaml", "rules: " + "[" * 500 + "]" * 500 + "\n")
    err = config_error("--config", "deep.yaml", "r.md")
    assert "deep.yaml:1:" in err and "nested more than" in err
    write(work / "deep2.yaml", "rules:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 500)))
    config_error("--config", "deep2.yaml", "r.md")


def test_a_10_mb_config_is_refused_without_reading_it(work: Path) -> None:
    with open(work / "huge.yaml", "wb") as fh:
        fh.truncate(10 * 1024 * 1024)  # sparse: only stat could tell it is big without reading
    err = config_error("--config", "huge.yaml", "r.md")
    assert "huge.yaml" in err and "at most" in err


# ---- files that are not files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_extends_a_fifo_exits_2_without_blocking(work: Path) -> None:
    os.mkfifo(work / "pipe.yaml")
    write(work / ".gialint.yaml", "extends: ./pipe.yaml\n")
    err = config_error("r.md")
    assert ".gialint.yaml:1:10" in err and "pipe.yaml" in err and "not a regular file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_config_option_or_discovered_config_that_is_a_fifo(work: Path) -> None:
    os.mkfifo(work / "pipe.yaml")
    config_error("--config", "pipe.yaml", "r.md")
    os.mkfifo(work / ".gialint.yaml")
    err = config_error("r.md")
    assert ".gialint.yaml" in err and "not a regular file" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_extends_dev_zero(work: Path) -> None:
    write(work / ".gialint.yaml", "rules: {}\nextends: [default, /dev/zero]\n")
    err = config_error("r.md")
    assert ".gialint.yaml:2:20" in err and "/dev/zero" in err


def test_extends_a_symlink_loop(work: Path) -> None:
    os.symlink("loop-b.yaml", work / "loop-a.yaml")
    os.symlink("loop-a.yaml", work / "loop-b.yaml")
    write(work / ".gialint.yaml", "extends: ./loop-a.yaml\n")
    assert "loop-a.yaml" in config_error("r.md")
    config_error("--config", "loop-a.yaml", "r.md")


def test_extends_a_directory(work: Path) -> None:
    (work / "sets.yaml").mkdir()
    write(work / ".gialint.yaml", "extends: ./sets.yaml\n")
    assert "is a directory" in config_error("r.md")


def test_extends_never_echoes_what_it_read(work: Path) -> None:
    write(work / "shadow", SECRET + "\ndaemon:*:19000:0:99999:7:::\n")
    write(work / "keys.yaml", "hunter2-password: 1\n")
    write(work / "broken.yaml", f"a: [{SECRET}\n")
    write(work / "latin1.yaml", "")
    (work / "latin1.yaml").write_bytes(b"x: \xff" + SECRET.encode())
    for target in ("shadow", "keys.yaml", "broken.yaml", "latin1.yaml"):
        write(work / ".gialint.yaml", f"extends: ./{target}\n")
        err = config_error("r.md")
        assert ".gialint.yaml:1:10" in err or f"{target}:" in err, err
        for secret in ("Zq8sEcReT4x9", "hunter2", "daemon", "\\xff"):
            assert secret not in err, (target, err)


# ---- pyproject.toml


def test_pyproject_syntax_error_has_line_and_column(work: Path) -> None:
    write(work / "pyproject.toml", "[project]\nname = 'x'\n[tool.gialint\nyear = 2021\n")
    err = config_error("r.md")
    assert err.startswith(f"{work / 'pyproject.toml'}:3:14: malformed TOML")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("tool = 5\n", ":1:1:"),
        ("[project]\nname = 'x'\n\n[tool]\ngialint = 5\n", ":5:1:"),
        ("[project]\nname = 'x'\n[tool.gialint]\nyear = 'x'\n", ":3:1:"),
        ("[tool.gialint]\nrules = {nope = 'off'}\n", ":1:1:"),
    ],
)
def test_pyproject_shapes_are_located_errors(work: Path, text: str, where: str) -> None:
    write(work / "pyproject.toml", text)
    err = config_error("r.md")
    assert f"pyproject.toml{where}" in err, err


# ---- formats


@pytest.mark.parametrize(
    ("snippet", "where", "words"),
    [
        ("  years: {from: abc}\n", ":4:17", "not a year"),
        ("  add-rows: {三: 5}\n", ":4:17", "must be a list"),
        ("  required-content: {三: [5]}\n", ":2:3", "wrong shape"),
    ],
)
def test_format_shapes_are_located_errors(work: Path, snippet: str, where: str, words: str) -> None:
    write(work / "fmt.yaml", "format:\n  id: mine\n  base: gov-2021\n" + snippet)
    err = config_error("--config", "fmt.yaml", "r.md")
    assert f"fmt.yaml{where}" in err and words in err, err


# ---- rule-timeout


@pytest.mark.parametrize("value", ["abc", "0", "-1", "true", "99999"])
def test_rule_timeout_must_be_seconds(work: Path, value: str) -> None:
    write(work / "t.yaml", f"rule-timeout: {value}\n")
    assert "t.yaml:1:15: rule-timeout" in config_error("--config", "t.yaml", "r.md")


def test_rule_timeout_flag_is_validated(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("check", "--rule-timeout", "0", "r.md")
    assert code == 2 and "--rule-timeout" in capsys.readouterr().err


# ---- user regexes


def pattern_config(work: Path, body: str) -> Path:
    # A generous rule-timeout: the pattern's own budget (processor time) must be what stops it.
    head = "rule-timeout: 120\nrules:\n  mine:\n    kind: pattern\n    message: {zh: '不要“{match}”', en: 'no {match}'}\n"
    return write(work / "p.yaml", head + body)


def findings(*argv: str | Path) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = run("check", "--format", "json", "--no-cache", "--jobs", "1", "--lang", "en", *argv)
    assert code in (0, 1), err
    return code, json.loads(out)["diagnostics"]


def timed_patterns(work: Path, report: str, patterns: str, bound: float) -> tuple[int, list[dict[str, Any]]]:
    """Lint ``report`` with a pattern rule of ``patterns``; assert it took less than ``bound`` seconds."""
    write(work / "r.md", report)
    pattern_config(work, f"    patterns: {patterns}\n")
    with Bound(bound, wall=100):
        return findings("--config", "p.yaml", "r.md")


def test_nested_quantifier_against_a_long_line_finishes(work: Path) -> None:
    _, found = timed_patterns(work, "# 报告\n\n" + "a" * 5000 + "b\n", "['(a+)+$']", 5)
    assert not [d for d in found if d["code"] == "mine"], "it does not match, and it did not hang"


def test_catastrophic_pattern_is_stopped_with_a_finding(work: Path) -> None:
    code, found = timed_patterns(work, "# 报告\n\n" + "a" * 40 + "!\n\nXYZ 在这里\n", "['(a|aa)+$', 'XYZ']", 6)
    assert code == 1
    assert [d["line"] for d in found if d["code"] == "mine"] == [5], "the rule's other pattern still matched"
    (error,) = [d for d in found if d["code"] == "GIA002"]
    assert "rule mine" in error["message"] and "'(a|aa)+$'" in error["message"] and "took more than" in error["message"]


def test_inline_flags_work_in_any_pattern(work: Path) -> None:
    write(work / "r.md", "# 报告\n\nabc 与 ABC\n\nfoo\n")
    pattern_config(work, "    patterns: ['foo', '(?i)abc', '\\p{Han}{2}(?=\\n)']\n")
    _, found = findings("--config", "p.yaml", "r.md")
    hits = sorted((d["line"], d["column"]) for d in found if d["code"] == "mine")
    assert hits == [(3, 1), (3, 7), (5, 1)], hits


@pytest.mark.parametrize(
    ("patterns", "where"),
    [("['ok', '(unclosed']", ":6:22"), ("['(?<=a+', 'b']", ":6:16"), ("['x{99999999999}']", ":6:16")],
)
def test_bad_patterns_are_located_config_errors(work: Path, patterns: str, where: str) -> None:
    pattern_config(work, f"    patterns: {patterns}\n")
    err = config_error("--config", "p.yaml", "r.md")
    assert f"p.yaml{where}: mine.patterns: invalid regular expression" in err, err


@pytest.mark.parametrize("template", ["\\g<-1>", "\\q", "x\\", "\\0", "\\2", "\\g<nope>"])
def test_bad_replacement_templates_are_config_errors(work: Path, template: str) -> None:
    quoted = template.replace("'", "''")
    pattern_config(work, f"    patterns: [{{pattern: '(a)', replacement: '{quoted}'}}]\n")
    err = config_error("--config", "p.yaml", "r.md")
    assert "p.yaml:6:" in err and "invalid replacement" in err, err
    pattern_config(work, f"    patterns: ['(a)']\n    replacement: '{quoted}'\n")
    err = config_error("--config", "p.yaml", "r.md")
    assert "p.yaml:7:18" in err and "invalid replacement" in err, err


def test_good_replacement_templates_are_accepted(work: Path) -> None:
    write(work / "r.md", "# 报告\n\n甲甲乙\n")
    pattern_config(work, "    patterns: [{pattern: '(?P<w>甲)\\1', replacement: '\\g<w>'}]\n")
    code, _, err = run("check", "--fix", "--no-cache", "--config", "p.yaml", "r.md")
    assert code in (0, 1), err
    assert (work / "r.md").read_text(encoding="utf-8") == "# 报告\n\n甲乙\n"


@pytest.mark.parametrize(
    ("code", "words"),
    [("GIA101", "built-in or plugin rule"), ("gia002", "built-in or plugin rule"), ("GIA501", "already the code of the rule conversion-artifact"), ("a b", "not a rule code"), ("5", None)],
)
def test_yaml_rule_codes_are_validated(work: Path, code: str, words: str | None) -> None:
    pattern_config(work, f"    code: '{code}'\n    patterns: ['x']\n")
    if words is None:
        run_code, _, err = run("check", "--no-cache", "--config", "p.yaml", "r.md")
        assert run_code in (0, 1), err
        return
    err = config_error("--config", "p.yaml", "r.md")
    assert "p.yaml:6:11" in err and words in err, err


def test_two_yaml_rules_cannot_share_a_code(work: Path) -> None:
    write(work / "base.yaml", "rules:\n  first:\n    code: SC001\n    patterns: ['x']\n    message: 'x'\n")
    write(work / "p.yaml", "extends: [default, ./base.yaml]\nrules:\n  second:\n    code: sc001\n    patterns: ['y']\n    message: 'y'\n")
    err = config_error("--config", "p.yaml", "r.md")
    assert "p.yaml:4:11" in err and "already the code of the rule first" in err


def test_option_regexes_are_compiled_one_by_one(work: Path) -> None:
    write(work / "o.yaml", "rules:\n  stale-year:\n    options:\n      legitimate: ['上年', '(bad']\n")
    err = config_error("--config", "o.yaml", "r.md")
    assert "o.yaml:4:26: stale-year.options.legitimate: invalid regular expression '(bad'" in err, err
    write(work / "o.yaml", "rules:\n  duplicate-content:\n    options:\n      boilerplate: ['[']\n")
    assert "o.yaml:4:21" in config_error("--config", "o.yaml", "r.md")


def test_option_regex_with_inline_flag_and_catastrophic_option(work: Path) -> None:
    body = "# 2021年度政府信息公开工作年度报告\n\n一、总体情况\n\n2019年BUDGET工作" + "a" * 40 + "!\n"
    write(work / "r.md", body)
    write(work / "o.yaml", "rules:\n  stale-year:\n    options:\n      legitimate: ['(?i)budget']\n")
    _, found = findings("--config", "o.yaml", "r.md")
    assert not [d for d in found if d["rule"] in ("stale-year", "rule-error")], found
    write(work / "o.yaml", "rule-timeout: 120\nrules:\n  stale-year:\n    options:\n      legitimate: ['(a|aa)+$']\n")
    with Bound(6, wall=100):
        _, found = findings("--config", "o.yaml", "r.md")
    errors = [d for d in found if d["rule"] == "rule-error"]
    assert len(errors) == 1 and "rule stale-year" in errors[0]["message"] and "(a|aa)+$" in errors[0]["message"]
    assert [d["line"] for d in found if d["rule"] == "stale-year"] == [5], "the year was still checked"


def test_a_markdown_run_without_user_patterns_does_not_import_regex(work: Path) -> None:
    code = (
        "import sys\nfrom gialint.cli.program import main\n"
        "main(['check', '--no-cache', '--jobs', '1', 'r.md'])\n"
        "print('regex' in sys.modules)\n"
    )
    env = {**os.environ, "GIALINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=work, env=env)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr
