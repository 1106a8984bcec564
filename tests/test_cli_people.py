"""CLI details people rely on (issue #11 part 5): --diff's exit code, standard input,
``rules --lang``, the fix hook in the pre-commit manifest."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
CLEAN = ROOT / "examples" / "clean-2021.md"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_diff_exits_1_when_fixes_are_pending_and_0_when_not(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    shutil.copy(DEFECTIVE, target)
    before = target.read_bytes()
    code, out, _ = cli("check", "--diff", "--no-cache", str(target))
    assert code == 1 and out.startswith("--- a/") and target.read_bytes() == before
    assert cli("check", "--fix", "--no-cache", str(target))[0] == 1  # fixed what it could; findings remain
    code, out, _ = cli("check", "--diff", "--no-cache", str(target))
    assert (code, out) == (0, "")


def _stdin(text: str, *argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gialint", "check", *argv], input=text, capture_output=True, text=True, cwd=cwd, timeout=60)


def test_standard_input_is_linted_like_the_file(tmp_path: Path) -> None:
    text = DEFECTIVE.read_text(encoding="utf-8")
    from_file = _stdin("", "--format", "json", "--no-cache", str(DEFECTIVE))
    from_stdin = _stdin(text, "-", "--format", "json", "--no-cache")
    assert from_stdin.returncode == 1
    a = [(d["line"], d["column"], d["rule"]) for d in json.loads(from_file.stdout)["diagnostics"]]
    b = json.loads(from_stdin.stdout)
    assert [(d["line"], d["column"], d["rule"]) for d in b["diagnostics"]] == a
    assert {d["path"] for d in b["diagnostics"]} == {"-"}


def test_stdin_filename_names_the_input_and_picks_its_config(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gialint.yaml").write_text("rules:\n  stale-year: off\n", encoding="utf-8")
    text = DEFECTIVE.read_text(encoding="utf-8")
    result = _stdin(text, "-", "--stdin-filename", "sub/report.txt", "--format", "json", "--no-cache", cwd=tmp_path)
    found = json.loads(result.stdout)["diagnostics"]
    assert found and {d["path"] for d in found} == {"sub/report.txt"}
    assert not any(d["rule"] == "stale-year" for d in found), "the config beside the named file applies"
    clean = _stdin(CLEAN.read_text(encoding="utf-8"), "-", "--stdin-filename", "clean.md", "--no-cache", cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_stdin_refuses_fix_and_mixing_with_files() -> None:
    assert cli("check", "-", "--fix")[0] == 2
    assert cli("check", "-", str(CLEAN))[0] == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rules_in_one_language_with_a_fixable_column(lang: str) -> None:
    _, listing, _ = cli("rules", "--format", "json")
    rules = {r["name"]: r for r in json.loads(listing)}
    assert rules["doubled-punctuation"]["fixable"] is True and rules["missing-section"]["fixable"] is False
    code, out, _ = cli("rules", "--lang", lang)
    assert code == 0
    lines = out.strip().split("\n")
    assert len(lines) == len(rules)
    fixable_word = {"en": "fixable", "zh": "可修复"}[lang]
    for line in lines:
        name = line.split()[1]
        own, other = (rules[name]["summary_en"], rules[name]["summary_zh"]) if lang == "en" else (rules[name]["summary_zh"], rules[name]["summary_en"])
        assert line.endswith(own) and other not in line, line
        assert (f" {fixable_word} " in line) == rules[name]["fixable"], line


def test_the_manifest_offers_a_fix_hook() -> None:
    from ruamel.yaml import YAML

    hooks = {h["id"]: h for h in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["gialint-fix"]["entry"] == "gialint check --fix"
    files = re.compile(hooks["gialint"]["files"])
    for name in ("a.md", "b.TXT", "c.docx", "d.pdf", "e.html", "f.wps", "g.doc"):
        assert files.search(name), name
    assert not files.search("notes.xlsx")
