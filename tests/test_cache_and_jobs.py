"""The result cache and ``--jobs`` (issue #5, part 2).

Cache: a re-run over unchanged files is served from ``.gialint_cache/`` with identical output;
every part of the key — the file's bytes, the effective configuration (including files it
``extends:``), gialint's and the plugins' versions, ``--select``/``--ignore`` — causes a re-lint
when it changes; ``--no-cache`` writes nothing; ``--cache-dir`` moves it; a corrupt entry is
re-linted, never a crash; a result is never stale.

Re-lints are counted by spying on ``Linter.lint_bytes`` (the one call that parses and checks
a file's bytes) in an in-process ``--jobs 1`` run, and cross-checked with ``RunResult.cache_hits``
and the entries in the cache directory. Wall time is never asserted.

``--jobs``: on a generated set of 48 reports (both shapes, many agencies, some defective) the
output of ``--jobs 2`` is byte-identical to ``--jobs 1``, in the same order, for text and json,
with and without ``--corpus``, and with unreadable inputs (binary, empty, missing) mixed in.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gialint
import gialint.engine.cache
import gialint.engine.session
from gialint.cli.program import main
from gialint.engine.session import RunOptions, Session, collect, run

ROOT = Path(__file__).resolve().parent.parent
CLEAN_MD = ROOT / "examples" / "clean-2021.md"
DEFECTIVE_TXT = ROOT / "examples" / "defective-2021.txt"
DEFECTIVE_MD = ROOT / "examples" / "defective-2020.md"
CLEAN_TXT = ROOT / "tests" / "fixtures" / "reports" / "clean-2021.txt"
CLEAN_2020 = ROOT / "tests" / "fixtures" / "reports" / "clean-2020.md"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def check_json(*argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = cli("check", "--jobs", "1", "--no-plugins", "--format", "json", *argv)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, json.loads(out)


def found(data: dict[str, Any], rule: str | None = None) -> list[tuple[str, int, int, str]]:
    return [
        (d["path"], d["line"], d["column"], d["rule"])
        for d in data["diagnostics"]
        if rule is None or d["rule"] == rule
    ]


def entries(directory: Path) -> dict[str, int]:
    """The cache's entries and their modification times."""
    return {str(p.relative_to(directory)): p.stat().st_mtime_ns for p in directory.rglob("*.json")}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory (the cache goes to its .gialint_cache) with three reports."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GIALINT_RESULT_CACHE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    shutil.copy(CLEAN_MD, tmp_path / "clean-2021.md")
    shutil.copy(DEFECTIVE_TXT, tmp_path / "defective-2021.txt")
    shutil.copy(DEFECTIVE_MD, tmp_path / "defective-2020.md")
    return tmp_path


ALL3 = ["./clean-2021.md", "./defective-2020.md", "./defective-2021.txt"]


# --------------------------------------------------------------------------- hits


def test_second_run_is_identical_and_served_from_the_cache(work: Path, linted: list[str]) -> None:
    first = cli("check", ".", "--jobs", "1", "--no-plugins", "--no-color")
    assert first[0] == 1 and "GIA501" in first[1]
    assert sorted(linted) == ALL3
    cache = work / ".gialint_cache"
    stored = entries(cache)
    assert len(stored) == 3
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    linted.clear()
    second = cli("check", ".", "--jobs", "1", "--no-plugins", "--no-color")
    assert second == first
    assert linted == [], "nothing is re-linted when nothing changed"
    assert entries(cache) == stored, "a hit rewrites nothing"
    json_first = check_json(".")
    json_second = check_json(".")
    assert json_first == json_second


def test_run_result_counts_the_hits(work: Path, linted: list[str]) -> None:
    def once() -> tuple[int, list[Any]]:
        session = Session(RunOptions(paths=(".",), no_plugins=True, cache_dir=".gialint_cache"))
        files, configs = collect(session)
        result = run(session, files, configs)
        return result.cache_hits, result.diagnostics

    hits, cold = once()
    assert hits == 0 and len(linted) == 3
    linted.clear()
    hits, warm = once()
    assert hits == 3 and linted == []
    assert warm == cold
    session = Session(RunOptions(paths=(".",), no_plugins=True, cache_dir=None))
    files, configs = collect(session)
    assert run(session, files, configs).diagnostics == cold, "the cached results equal an uncached run"


def test_jobs_2_with_cache_is_served_from_the_cache_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "reports"
    generate(target, 20)
    monkeypatch.chdir(tmp_path)
    cold = cli("check", "reports", "--jobs", "2", "--no-plugins", "--format", "json")
    stored = entries(tmp_path / ".gialint_cache")
    assert len(stored) == 20
    warm = cli("check", "reports", "--jobs", "2", "--no-plugins", "--format", "json")
    assert warm == cold
    assert entries(tmp_path / ".gialint_cache") == stored, "workers read the cache and rewrite nothing"
    assert cli("check", "reports", "--jobs", "1", "--no-plugins", "--format", "json", "--no-cache") == cold


def test_a_warm_run_with_jobs_starts_no_worker_and_counts_every_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hits are served by the parent before any worker starts; workers get only the misses."""
    target = tmp_path / "reports"
    made = generate(target, 40)
    monkeypatch.chdir(tmp_path)
    options = RunOptions(paths=("reports",), no_plugins=True, jobs=2, cache_dir=".gialint_cache")
    calls: list[int] = []
    original = gialint.engine.session._parallel

    def spy(session: Session, files: Any, configs: Any, jobs: int) -> Iterator[Any]:
        calls.append(len(files))
        return original(session, files, configs, jobs)

    monkeypatch.setattr(gialint.engine.session, "_parallel", spy)
    session = Session(options)
    cold = run(session, *collect(session))
    assert calls == [40] and cold.cache_hits == 0
    for path in made[:20]:  # 20 misses: enough for workers, the other 20 are hits
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    session = Session(options)
    half = run(session, *collect(session))
    assert calls == [40, 20] and half.cache_hits == 20
    session = Session(options)
    warm = run(session, *collect(session))
    assert calls == [40, 20] and warm.cache_hits == 40
    assert [r.path for r in warm.results] == [r.path for r in cold.results]
    assert warm.diagnostics == half.diagnostics


def test_forked_workers_reuse_the_parents_session(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With fork, workers inherit the plugins, rules and configurations the parent resolved."""
    if not sys.platform.startswith("linux"):
        pytest.skip("fork is the start method on Linux only")
    log = tmp_path / "sessions.log"  # a file: a forked worker's lists are its own copies
    original = Session.__init__

    def spy(self: Session, *args: Any, **kwargs: Any) -> None:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        original(self, *args, **kwargs)

    monkeypatch.setattr(Session, "__init__", spy)
    monkeypatch.chdir(generated)
    session = Session(RunOptions(paths=("reports",), no_plugins=True, jobs=2))
    result = run(session, *collect(session))
    assert log.read_text(encoding="utf-8").split() == [str(os.getpid())], "no worker made a session of its own"
    assert len(result.results) == 48 and all(r.document is None for r in result.results)


def test_an_unreadable_file_is_read_once(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gialint.read.inputs

    (work / "binary.md").write_bytes(b"\x00\x01\x02PK\x03\x04\x00\xff\xfe\x00" * 20)
    os.symlink("nowhere.md", work / "dangling.md")
    reads: list[str] = []
    original = gialint.read.inputs.read_report

    def spy(path: str, *args: Any) -> Any:
        reads.append(os.path.basename(path))
        return original(path, *args)

    monkeypatch.setattr(gialint.read.inputs, "read_report", spy)
    for extra in ((), ("--no-cache",)):
        reads.clear()
        _, data = check_json(*extra)
        assert {os.path.basename(d["path"]) for d in data["diagnostics"] if d["rule"] == "unreadable-input"} == {"binary.md", "dangling.md"}
        assert sorted(reads) == sorted(set(reads)), reads


# --------------------------------------------------------------------------- content


def test_editing_a_file_relints_that_file_only_and_never_returns_a_stale_result(work: Path, linted: list[str]) -> None:
    _, before = check_json(".")
    assert ("./defective-2021.txt", 7, 14, "stale-year") in found(before)
    assert ("./defective-2021.txt", 13, 1, "conversion-artifact") in found(before)
    target = work / "defective-2021.txt"
    original = target.read_bytes()
    stat = target.stat()
    # Same length, same modification time: only the content tells the change.
    lines = original.decode("utf-8").split("\n")
    lines[6] = lines[6].replace("2020", "2021")
    edited = "\n".join(lines).encode("utf-8")
    assert len(edited) == len(original) and edited != original
    target.write_bytes(edited)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    linted.clear()
    _, after = check_json(".")
    assert linted == ["./defective-2021.txt"]
    assert [f for f in found(after, "stale-year") if f[1] == 7] == [], "the fixed finding is gone"
    assert ("./defective-2021.txt", 13, 1, "conversion-artifact") in found(after)
    assert [f for f in found(after) if f[0] != "./defective-2021.txt"] == [
        f for f in found(before) if f[0] != "./defective-2021.txt"
    ]
    # Delete the bookmark line: its finding must disappear too.
    target.write_text(target.read_text(encoding="utf-8").replace("[bookmark: _GoBack]\n", ""), encoding="utf-8")
    linted.clear()
    _, deleted = check_json(".")
    assert linted == ["./defective-2021.txt"]
    assert found(deleted, "conversion-artifact") == []
    # Back to the original bytes: the first run's entry answers, with the first run's findings.
    target.write_bytes(original)
    linted.clear()
    _, restored = check_json(".")
    assert linted == []
    assert restored == before


def test_a_finding_that_appears_is_reported(work: Path, linted: list[str]) -> None:
    _, before = check_json("clean-2021.md")
    assert before["diagnostics"] == []
    target = work / "clean-2021.md"
    target.write_text(target.read_text(encoding="utf-8").replace("联系电话：0793-6718235", "联系电话：XXXXXXX"), encoding="utf-8")
    linted.clear()
    code, after = check_json("clean-2021.md")
    assert linted == ["clean-2021.md"]
    assert code == 1
    assert ("clean-2021.md", 9, 60, "placeholder-text") in found(after)


# --------------------------------------------------------------------------- configuration


CONFIG_CHANGES = {
    "severity": (
        {".gialint.yaml": "rules:\n  placeholder-text: error\n"},
        {".gialint.yaml": "rules:\n  placeholder-text: info\n"},
    ),
    "option": (
        {".gialint.yaml": "rules:\n  stale-year: error\n"},
        {".gialint.yaml": "rules:\n  stale-year: error\n  missing-section:\n    options: {parts: [一, 二, 三]}\n"},
    ),
    "rule-off": (
        {".gialint.yaml": "rules:\n  absent-contact: warning\n"},
        {".gialint.yaml": "rules:\n  absent-contact: off\n"},
    ),
    "extended-file-changes": (
        {
            ".gialint.yaml": "extends: base.yaml\n",
            "base.yaml": "extends: [default, base2.yaml]\n",
            "base2.yaml": "rules:\n  stale-year: warning\n",
        },
        {"base2.yaml": "rules:\n  stale-year: off\n"},
    ),
    "pattern-rule-literal": (
        {".gialint.yaml": "rules:\n  town-name:\n    kind: pattern\n    code: XP001\n    literals: [白沙镇]\n    message: {zh: '“{match}”', en: '\"{match}\"'}\n"},
        {".gialint.yaml": "rules:\n  town-name:\n    kind: pattern\n    code: XP001\n    literals: [青石镇]\n    message: {zh: '“{match}”', en: '\"{match}\"'}\n"},
    ),
}


def _effect(name: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    path = "defective-2021.txt"
    if name == "severity":
        assert {d["severity"] for d in before["diagnostics"] if d["rule"] == "placeholder-text"} == {"error"}
        assert {d["severity"] for d in after["diagnostics"] if d["rule"] == "placeholder-text"} == {"info"}
    elif name == "option":
        assert (path, 92, 1, "missing-section") in found(before)
        assert found(after, "missing-section") == []
    elif name == "rule-off":
        # (9, 21), the 具体网址 placeholder, is placeholder-text's finding alone (one finding per cause)
        assert {(f[1], f[2]) for f in found(before, "absent-contact")} == {(11, 28)}
        assert found(after, "absent-contact") == []
    elif name == "extended-file-changes":
        assert {(f[1], f[2]) for f in found(before, "stale-year")} == {(7, 14), (7, 25), (21, 1)}
        assert found(after, "stale-year") == []
    elif name == "pattern-rule-literal":
        assert {(f[1], f[2]) for f in found(before, "town-name")} == {(3, 79), (11, 13), (11, 34), (17, 7), (33, 10)}
        assert found(after, "town-name") == []
    # Everything else is unchanged.
    keep = {"severity": "placeholder-text", "option": "missing-section", "rule-off": "absent-contact",
            "extended-file-changes": "stale-year", "pattern-rule-literal": "town-name"}[name]
    assert [f for f in found(before) if f[3] != keep] == [f for f in found(after) if f[3] != keep]


@pytest.mark.parametrize("name", list(CONFIG_CHANGES))
def test_a_changed_configuration_relints(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linted: list[str]) -> None:
    first, change = CONFIG_CHANGES[name]
    folder = tmp_path
    monkeypatch.chdir(folder)
    shutil.copy(DEFECTIVE_TXT, folder / "defective-2021.txt")
    for file, text in first.items():
        (folder / file).write_text(text, encoding="utf-8")
    _, before = check_json("defective-2021.txt")
    assert linted == ["defective-2021.txt"]
    linted.clear()
    _, again = check_json("defective-2021.txt")
    assert linted == [] and again == before, "an unchanged configuration is served from the cache"
    for file, text in change.items():
        (folder / file).write_text(text, encoding="utf-8")
    _, after = check_json("defective-2021.txt")
    assert linted == ["defective-2021.txt"], f"changing the configuration ({name}) must re-lint"
    _effect(name, before, after)
    _, uncached = check_json("defective-2021.txt", "--no-cache")
    assert after == uncached


def test_a_changed_pattern_rule_relints_in_a_folder_with_parentheses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, change = CONFIG_CHANGES["pattern-rule-literal"]
    folder = tmp_path / "reports (2021)"
    folder.mkdir()
    monkeypatch.chdir(folder)
    shutil.copy(DEFECTIVE_TXT, folder / "defective-2021.txt")
    (folder / ".gialint.yaml").write_text(first[".gialint.yaml"], encoding="utf-8")
    _, before = check_json("defective-2021.txt")
    assert {(f[1], f[2]) for f in found(before, "town-name")} == {(3, 79), (11, 13), (11, 34), (17, 7), (33, 10)}
    (folder / ".gialint.yaml").write_text(change[".gialint.yaml"], encoding="utf-8")
    _, after = check_json("defective-2021.txt")
    assert found(after, "town-name") == []


def test_overrides_for_one_file_relint_that_file(work: Path, linted: list[str]) -> None:
    _, before = check_json(".")
    (work / ".gialint.yaml").write_text(
        'overrides:\n  - files: ["defective-2021.txt"]\n    rules:\n      stale-year: off\n', encoding="utf-8"
    )
    linted.clear()
    _, after = check_json(".")
    # The configuration file changed, so everything under it is re-linted; the effect is per file.
    assert sorted(linted) == ALL3
    assert [f for f in found(after, "stale-year") if f[0] == "./defective-2021.txt"] == []
    assert [f for f in found(before) if f[0] != "./defective-2021.txt"] == [f for f in found(after) if f[0] != "./defective-2021.txt"]


# --------------------------------------------------------------------------- versions


def test_a_new_gialint_version_relints(work: Path, linted: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, before = check_json(".")
    linted.clear()
    monkeypatch.setattr(gialint, "__version__", "99.0.0")
    monkeypatch.setattr(gialint.engine.cache, "__version__", "99.0.0")
    _, after = check_json(".")
    assert sorted(linted) == ALL3
    assert found(after) == found(before)
    linted.clear()
    check_json(".")
    assert linted == [], "the new version's entries are used on the next run"
    monkeypatch.setattr(gialint, "__version__", "0.0.1")
    monkeypatch.setattr(gialint.engine.cache, "__version__", "0.0.1")
    check_json(".")
    assert sorted(linted) == ALL3


def test_a_new_plugin_version_relints(work: Path, linted: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gialint.engine.cache, "plugin_versions", lambda: "gialint_province=gialint_province@gialint-province==1.0")
    check_json(".")
    linted.clear()
    check_json(".")
    assert linted == []
    monkeypatch.setattr(gialint.engine.cache, "plugin_versions", lambda: "gialint_province=gialint_province@gialint-province==1.1")
    check_json(".")
    assert sorted(linted) == ALL3
    linted.clear()
    monkeypatch.setattr(gialint.engine.cache, "plugin_versions", lambda: "")
    check_json(".")
    assert sorted(linted) == ALL3, "a plugin uninstalled is a change too"


# --------------------------------------------------------------------------- selection and other options


def test_select_and_ignore_are_part_of_the_key(work: Path, linted: list[str]) -> None:
    _, full = check_json(".")
    assert {d["rule"] for d in full["diagnostics"]} >= {"placeholder-text", "stale-year", "missing-section"}
    linted.clear()
    _, selected = check_json(".", "--select", "placeholder-text")
    assert sorted(linted) == ALL3
    assert {d["rule"] for d in selected["diagnostics"]} == {"placeholder-text"}
    assert found(selected) == found(full, "placeholder-text")
    linted.clear()
    _, ignored = check_json(".", "--ignore", "placeholder-text")
    assert sorted(linted) == ALL3
    # Without placeholder-text, absent-contact reports the placeholders it yielded to (one finding per cause).
    others = ("placeholder-text", "absent-contact")
    assert [f for f in found(ignored) if f[3] not in others] == [f for f in found(full) if f[3] not in others]
    assert set(found(full, "absent-contact")) <= set(found(ignored, "absent-contact"))
    linted.clear()
    _, selected_code = check_json(".", "--select", "GIA3")
    assert sorted(linted) == ALL3
    assert {d["rule"] for d in selected_code["diagnostics"]} == {"stale-year"}
    linted.clear()
    assert check_json(".") == (1, full)
    assert check_json(".", "--select", "placeholder-text") == (1, selected)
    assert linted == [], "each selection has its own entries"


def test_corpus_and_year_are_part_of_the_key(work: Path, linted: list[str]) -> None:
    copy = (work / "clean-2021.md").read_text(encoding="utf-8").replace("青石镇", "白沙镇")
    (work / "copy-2021.md").write_text(copy, encoding="utf-8")
    _, plain = check_json("clean-2021.md", "copy-2021.md")
    assert found(plain) == []
    linted.clear()
    _, corpus = check_json("clean-2021.md", "copy-2021.md", "--corpus")
    assert linted == ["clean-2021.md", "copy-2021.md"], "results cached without the corpus features are not reused"
    assert {f[0] for f in found(corpus, "duplicate-content")} == {"clean-2021.md", "copy-2021.md"}
    linted.clear()
    assert check_json("clean-2021.md", "copy-2021.md", "--corpus") == (1, corpus)
    assert linted == [], "the corpus features come from the cache"
    _, forced = check_json("clean-2021.md", "--year", "2022")
    assert linted == ["clean-2021.md"]
    assert any(d["rule"] == "stale-year" for d in forced["diagnostics"])


def test_no_cache_writes_and_reads_nothing(work: Path, linted: list[str]) -> None:
    code, out, err = cli("check", ".", "--jobs", "1", "--no-plugins", "--no-cache")
    assert code == 1 and not err
    assert not (work / ".gialint_cache").exists()
    assert list(work.rglob("*.json")) == []
    check_json(".")
    stored = entries(work / ".gialint_cache")
    linted.clear()
    again = cli("check", ".", "--jobs", "1", "--no-plugins", "--no-cache")
    assert again == (code, out, err)
    assert sorted(linted) == ALL3, "--no-cache re-lints even with a warm cache"
    assert entries(work / ".gialint_cache") == stored


def test_cache_dir_elsewhere(work: Path, linted: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "cache"
    _, first = check_json(".", "--cache-dir", str(elsewhere))
    assert not (work / ".gialint_cache").exists()
    assert len(entries(elsewhere)) == 3
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    linted.clear()
    assert check_json(".", "--cache-dir", str(elsewhere)) == (1, first)
    assert linted == []
    check_json(".")
    assert sorted(linted) == ALL3, "the default directory is a different cache"


def test_cache_dir_relative_is_relative_to_the_working_directory(work: Path) -> None:
    check_json(".", "--cache-dir", "build/lint-cache")
    assert len(entries(work / "build" / "lint-cache")) == 3
    assert not (work / ".gialint_cache").exists()


def test_the_environment_variable_named_in_the_help_sets_the_cache_dir(
    work: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import contextlib

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        main(["check", "--help", "--lang", "en"], out=io.StringIO(), err=io.StringIO())
    named = re.search(r"also\s+(GIALINT_[A-Z_]+)", buffer.getvalue())
    assert named, buffer.getvalue()
    elsewhere = tmp_path_factory.mktemp("env") / "cache"
    monkeypatch.setenv(named.group(1), str(elsewhere))
    check_json(".")
    assert len(entries(elsewhere)) == 3
    assert not (work / ".gialint_cache").exists()


def test_unwritable_cache_dir_still_lints(work: Path) -> None:
    (work / "not-a-dir").write_text("a file where the cache should be\n")
    code, data = check_json(".", "--cache-dir", "not-a-dir")
    assert code == 1
    assert data == check_json(".", "--no-cache")[1]


# --------------------------------------------------------------------------- corrupt entries


def _truncated(entry: bytes) -> bytes:
    return entry[: len(entry) // 2]


GOOD_CORRUPTIONS = {
    "empty": lambda entry: b"",
    "garbage": lambda entry: b"this is not a pickle",
    "truncated": _truncated,
    "other-object": lambda entry: pickle.dumps({"path": "./clean-2021.md", "diagnostics": []}),
    "bad-unicode": lambda entry: b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00\x8c\x02\xff\xfe\x94.",
}
BAD_CORRUPTIONS = {
    # REDUCE on an int: pickle.load raises TypeError, which ResultCache.get does not catch.
    "type-error": lambda entry: b"\x80\x04K\x01)R.",
    # BINUNICODE8 with a length past the address space: OverflowError, not caught either.
    "huge-length": lambda entry: b"\x80\x05\x8d" + (2**64 - 1).to_bytes(8, "little") + b".",
}


def _corrupt_all_and_rerun(work: Path, linted: list[str], corrupt: Any) -> None:
    first = cli("check", ".", "--jobs", "1", "--no-plugins", "--format", "json")
    cache = work / ".gialint_cache"
    stored = list(cache.rglob("*.json"))
    assert len(stored) == 3
    for entry in stored:
        entry.write_bytes(corrupt(entry.read_bytes()))
    linted.clear()
    second = cli("check", ".", "--jobs", "1", "--no-plugins", "--format", "json")
    assert "Traceback" not in second[2] and "internal error" not in second[2], second[2]
    assert second == first
    assert sorted(linted) == ALL3, "a corrupt entry is re-linted"
    linted.clear()
    assert cli("check", ".", "--jobs", "1", "--no-plugins", "--format", "json") == first
    assert linted == [], "the re-lint repaired the entries"


@pytest.mark.parametrize("kind", list(GOOD_CORRUPTIONS))
def test_a_corrupt_entry_is_re_linted(kind: str, work: Path, linted: list[str]) -> None:
    _corrupt_all_and_rerun(work, linted, GOOD_CORRUPTIONS[kind])


@pytest.mark.parametrize("kind", list(BAD_CORRUPTIONS))
def test_a_corrupt_entry_that_raises_other_errors_is_re_linted(kind: str, work: Path, linted: list[str]) -> None:
    _corrupt_all_and_rerun(work, linted, BAD_CORRUPTIONS[kind])


def test_an_entry_that_is_a_directory_is_re_linted(work: Path, linted: list[str]) -> None:
    first = cli("check", ".", "--jobs", "1", "--no-plugins")
    for entry in list((work / ".gialint_cache").rglob("*.json")):
        entry.unlink()
        entry.mkdir()
    linted.clear()
    second = cli("check", ".", "--jobs", "1", "--no-plugins")
    assert second == first
    assert sorted(linted) == ALL3


def test_an_entry_for_another_path_is_not_used(work: Path, linted: list[str]) -> None:
    """The key is the content: a renamed file's entry must not leak the old path into the output."""
    check_json("clean-2021.md")
    (work / "clean-2021.md").rename(work / "renamed.md")
    (work / "renamed.md").write_text(
        (work / "renamed.md").read_text(encoding="utf-8").replace("联系电话：0793-6718235", "联系电话：XXXXXXX"),
        encoding="utf-8",
    )
    shutil.copy(work / "renamed.md", work / "other.md")
    _, data = check_json("renamed.md", "other.md")
    assert {d["path"] for d in data["diagnostics"]} == {"renamed.md", "other.md"}


def test_identical_files_are_both_served_from_the_cache(work: Path, linted: list[str]) -> None:
    shutil.copy(work / "clean-2021.md", work / "copy-of-clean.md")
    check_json("clean-2021.md", "copy-of-clean.md")
    linted.clear()
    session = Session(RunOptions(paths=("clean-2021.md", "copy-of-clean.md"), no_plugins=True, cache_dir=".gialint_cache"))
    files, configs = collect(session)
    result = run(session, files, configs)
    assert linted == []
    assert result.cache_hits == 2


# --------------------------------------------------------------------------- --jobs

AGENCIES = ["白沙镇", "青山乡", "石门镇", "柳林乡", "龙潭镇", "桃源乡", "清河镇", "红星乡", "新华镇", "东湖乡", "南岭镇", "西山乡"]
SOURCES = [CLEAN_MD, CLEAN_TXT, CLEAN_2020, DEFECTIVE_TXT, DEFECTIVE_MD]


def generate(target: Path, count: int) -> list[Path]:
    """``count`` reports: the examples under other agencies' names, some with changed figures."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        source = SOURCES[i % len(SOURCES)]
        text = source.read_text(encoding="utf-8")
        name = AGENCIES[i % len(AGENCIES)]
        for old in ("青石镇", "白沙镇", "红岭乡"):
            text = text.replace(old, name)
        text = text.replace("青石县", name[:2] + "县")
        if i % 4 == 1:
            text = text.replace("132条", f"{100 + i}条").replace("118条", f"{90 + i}条")
        if i % 6 == 2:  # a defect: the table's total no longer adds up
            text = text.replace("| 一、本年新收政府信息公开申请数量 | 3 |", "| 一、本年新收政府信息公开申请数量 | 5 |")
            text = text.replace("| 一、本年新收政府信息公开申请数量 | 2 |", "| 一、本年新收政府信息公开申请数量 | 7 |")
        if i % 9 == 4:  # a defect: a placeholder
            text = text.replace("联系电话：0793-6718235", "联系电话：XXXXXXXX")
        path = target / f"{name}-{i:02d}{source.suffix}"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("jobs")
    generate(root / "reports", 48)
    mixed = root / "mixed"
    generate(mixed, 24)
    (mixed / "binary.md").write_bytes(b"\x00\x01\x02PK\x03\x04\x00\xff\xfe\x00" * 20)
    (mixed / "empty.txt").write_bytes(b"")
    (mixed / "blank.md").write_bytes(b"\n\n  \n")
    (mixed / "gbk-2021.txt").write_bytes(CLEAN_TXT.read_text(encoding="utf-8").replace("青石镇", "柏树镇").encode("gb18030"))
    (mixed / "utf16-2021.md").write_bytes(CLEAN_MD.read_text(encoding="utf-8").replace("青石镇", "杨柳镇").encode("utf-16"))
    (mixed / "broken-utf8.md").write_bytes(CLEAN_MD.read_bytes()[:200] + b"\xff\xfe\xfa" + CLEAN_MD.read_bytes()[200:])
    return root


def gialint_process(cwd: Path, *argv: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GIALINT_RESULT_CACHE", "GIALINT_DEBUG")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "gialint", *argv], cwd=cwd, capture_output=True, env=env, timeout=300, check=False
    )


def test_jobs_2_really_uses_worker_processes(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Otherwise the comparisons below would compare the in-process path with itself."""
    calls: list[tuple[int, int]] = []
    original = gialint.engine.session._parallel

    def spy(session: Session, files: Any, configs: Any, jobs: int) -> Iterator[Any]:
        calls.append((len(files), jobs))
        return original(session, files, configs, jobs)

    monkeypatch.setattr(gialint.engine.session, "_parallel", spy)
    monkeypatch.chdir(generated)
    code, out, err = cli("check", "reports", "--jobs", "2", "--no-cache", "--no-plugins", "--format", "json")
    assert calls == [(48, 2)]
    assert len(json.loads(out)["files"]) == 48
    calls.clear()
    cli("check", "reports", "--jobs", "1", "--no-cache", "--no-plugins")
    assert calls == []


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("corpus", [False, True], ids=["plain", "corpus"])
def test_jobs_output_is_byte_identical(generated: Path, fmt: str, corpus: bool) -> None:
    extra = ["--corpus"] if corpus else []
    one = gialint_process(generated, "check", "reports", "--jobs", "1", "--no-cache", "--no-color", "--format", fmt, *extra)
    two = gialint_process(generated, "check", "reports", "--jobs", "2", "--no-cache", "--no-color", "--format", fmt, *extra)
    assert one.returncode == 1, one.stderr.decode()
    assert b"Traceback" not in two.stderr
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert two.returncode == one.returncode
    assert not (generated / ".gialint_cache").exists()
    text = one.stdout.decode("utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["files"] == sorted(data["files"]) and len(data["files"]) == 48
        rules = {d["rule"] for d in data["diagnostics"]}
        assert {"table-totals", "placeholder-text", "stale-year"} <= rules
        assert ("duplicate-content" in rules) == corpus
        keys = [(d["path"], d["line"], d["column"], d["rule"]) for d in data["diagnostics"]]
        assert len(keys) > 100
    else:
        assert text.count("\n") > 100
        assert ("GIA601" in text) == corpus


def test_jobs_keep_the_order_of_named_files(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = sorted(p.name for p in (generated / "reports").iterdir())
    order = names[1::2][::-1] + names[0::2]
    args = [f"reports/{n}" for n in order]
    one = gialint_process(generated, "check", *args, "--jobs", "1", "--no-cache", "--no-color")
    two = gialint_process(generated, "check", *args, "--jobs", "2", "--no-cache", "--no-color")
    assert two.stdout == one.stdout and one.stdout
    monkeypatch.chdir(generated)
    by_jobs = {}
    for jobs in (1, 2):
        session = Session(RunOptions(paths=tuple(args), no_plugins=True, jobs=jobs))
        files, configs = collect(session)
        assert files == args
        result = run(session, files, configs)
        assert [r.path for r in result.results] == args, "results come back in file order"
        by_jobs[jobs] = result
    assert by_jobs[2].diagnostics == by_jobs[1].diagnostics
    assert [r.diagnostics for r in by_jobs[2].results] == [r.diagnostics for r in by_jobs[1].results]


@pytest.mark.parametrize("corpus", [False, True], ids=["plain", "corpus"])
def test_jobs_handle_unreadable_inputs_the_same(generated: Path, corpus: bool) -> None:
    extra = ["--corpus"] if corpus else []
    inputs = ["mixed", "missing-2021.md", "mixed/also-missing.txt"]
    args = [*inputs, "--no-cache", "--format", "json", *extra]
    one = gialint_process(generated, "check", *args, "--jobs", "1")
    two = gialint_process(generated, "check", *args, "--jobs", "2")
    assert b"Traceback" not in one.stderr + two.stderr
    assert two.stdout == one.stdout and two.returncode == one.returncode == 1
    data = json.loads(one.stdout)
    assert len(data["files"]) == 32
    unreadable = {Path(d["path"]).name for d in data["diagnostics"] if d["rule"] == "unreadable-input"}
    assert {"binary.md", "empty.txt", "missing-2021.md", "also-missing.txt"} <= unreadable
    assert "gbk-2021.txt" not in unreadable and "utf16-2021.md" not in unreadable
    assert not any(d["rule"] == "rule-error" for d in data["diagnostics"])
    text_one = gialint_process(generated, "check", *inputs, "--no-cache", "--no-color", *extra, "--jobs", "1")
    text_two = gialint_process(generated, "check", *inputs, "--no-cache", "--no-color", *extra, "--jobs", "2")
    assert text_two.stdout == text_one.stdout and text_two.stderr == text_one.stderr
