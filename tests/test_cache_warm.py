"""A warm run served whole from the cache from raw inputs (issue #12, part 3).

A ``check`` whose every file has a configuration entry (keyed by the raw inputs: the options,
the configuration files' bytes, gialint's code and the plugins) and a result is printed without
loading plugins, rules or the configuration. Each input that can change a result must make it a
miss — a config byte, a file it ``extends``, a ``pyproject.toml`` section, a plugin's version,
gialint's code, the options — and every served output must equal a run without the cache.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gialint.engine.cache
import gialint.engine.warm
from gialint.cli.program import main
from gialint.engine.cache import plugin_versions

ROOT = Path(__file__).resolve().parent.parent
CLEAN_MD = ROOT / "examples" / "clean-2021.md"
DEFECTIVE_TXT = ROOT / "examples" / "defective-2021.txt"
DEFECTIVE_MD = ROOT / "examples" / "defective-2020.md"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run was served whole from the cache (True) or went the normal way (False)."""
    calls: list[bool] = []
    original = gialint.engine.warm.serve

    def spy(options: Any) -> Any:
        result = original(options)
        if options.cache_dir:  # not the runs with --no-cache that the tests compare with
            calls.append(result is not None)
        return result

    monkeypatch.setattr(gialint.engine.warm, "serve", spy)
    return calls


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with three reports under ``reports/`` (the cache in .gialint_cache)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GIALINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("GIALINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    reports = tmp_path / "reports"
    reports.mkdir()
    for source in (CLEAN_MD, DEFECTIVE_TXT, DEFECTIVE_MD):
        shutil.copy(source, reports / source.name)
    return tmp_path


CHECK = ("check", "reports", "--no-plugins", "--jobs", "1", "--no-color")


def fresh(*extra: str) -> tuple[int, str, str]:
    """The same run without the cache: what every served run must print."""
    return cli(*CHECK, "--no-cache", *extra)


def warm_twice(served: list[bool], *extra: str) -> tuple[int, str, str]:
    """Run twice with the cache; the second must be served and print what a fresh run prints."""
    first = cli(*CHECK, *extra)
    second = cli(*CHECK, *extra)
    assert second == first == fresh(*extra)
    assert served[-1] is True, "the second run is served from the cache"
    return second


def test_a_warm_run_is_served_with_identical_output(work: Path, served: list[bool]) -> None:
    warm_twice(served)
    assert served == [False, True]
    for extra in (("--format", "json"), ("--statistics",), ("--quiet",), ("--output-format", "concise")):
        warm_twice(served, *extra)


def test_the_cache_entries_of_both_ways_are_the_same(work: Path, served: list[bool]) -> None:
    """The normal way writes the configuration entry once; a served run rewrites nothing."""
    cli(*CHECK)
    cache = work / ".gialint_cache"
    stored = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len([p for p in stored if p.suffix == ".conf"]) == 1
    assert len([p for p in stored if p.suffix == ".json"]) == 3
    cli(*CHECK)
    assert served == [False, True]
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == stored


def test_options_that_change_results_are_keyed(work: Path, served: list[bool]) -> None:
    base = warm_twice(served)
    for extra in (
        ("--select", "GIA5"),
        ("--ignore", "missing-section"),
        ("--year", "2019"),
        ("--report-unused-disables",),
    ):
        before = len(served)
        out = cli(*CHECK, *extra)
        assert served[before] is False, f"{extra}: a new key, not the plain run's entry"
        assert out == fresh(*extra)
        assert out != base or extra == ("--report-unused-disables",)
        assert cli(*CHECK, *extra) == out and served[-1] is True


def test_output_options_are_applied_to_a_served_run(work: Path, served: list[bool]) -> None:
    warm_twice(served)
    for extra in (("--lang", "en"), ("--fail-on", "error"), ("--fail-on", "info"), ("--format", "json", "--lang", "en")):
        before = len(served)
        assert cli(*CHECK, *extra) == fresh(*extra)
        assert served[before] is True, f"{extra} does not change results: served"


def test_an_unknown_selection_is_warned_of_when_served(work: Path, served: list[bool]) -> None:
    first = cli(*CHECK, "--select", "no-such-rule,GIA5")
    assert "no rule matches 'no-such-rule'" in first[2]
    assert cli(*CHECK, "--select", "no-such-rule,GIA5") == first and served[-1] is True


def test_a_config_byte_changed_is_a_miss(work: Path, served: list[bool]) -> None:
    config = work / ".gialint.yaml"
    config.write_text("rules:\n  missing-section: off\n", encoding="utf-8")
    warm_twice(served)
    config.write_text("rules:\n  missing-section: on\n", encoding="utf-8")
    out = cli(*CHECK)
    assert served[-1] is False and out == fresh() and "missing-section" in out[1]
    config.write_text("rules:\n  missing-section: on \n", encoding="utf-8")  # one byte: a miss, same result
    assert cli(*CHECK) == out and served[-1] is False
    assert cli(*CHECK) == out and served[-1] is True


def test_a_config_file_appearing_is_a_miss(work: Path, served: list[bool]) -> None:
    warm_twice(served)
    (work / "reports" / ".gialint.yml").write_text("rules:\n  missing-section: off\n", encoding="utf-8")
    out = cli(*CHECK)
    assert served[-1] is False and out == fresh() and "missing-section" not in out[1]


def test_a_file_the_config_extends_changed_is_a_miss(work: Path, served: list[bool]) -> None:
    shared = work / "shared"
    shared.mkdir()
    base = shared / "base.yaml"
    base.write_text("rules:\n  missing-section: off\n", encoding="utf-8")
    (work / ".gialint.yaml").write_text("extends: [default, shared/base.yaml]\n", encoding="utf-8")
    out = warm_twice(served)
    assert "missing-section" not in out[1]
    base.write_text("rules:\n  missing-section: error\n", encoding="utf-8")
    changed = cli(*CHECK)
    assert served[-1] is False and changed == fresh() and "missing-section" in changed[1]
    base.unlink()
    gone = cli(*CHECK)
    assert served[-1] is False and gone[0] == 2 and gone == fresh()


def test_a_pyproject_section_changed_is_a_miss(work: Path, served: list[bool]) -> None:
    pyproject = work / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n', encoding="utf-8")
    out = warm_twice(served)
    assert "missing-section" in out[1]
    pyproject.write_text('[project]\nname = "x"\n\n[tool.gialint.rules]\nmissing-section = "off"\n', encoding="utf-8")
    changed = cli(*CHECK)
    assert served[-1] is False and changed == fresh() and "missing-section" not in changed[1]
    assert cli(*CHECK) == changed and served[-1] is True
    pyproject.write_text('[project]\nname = "x"\n\n[tool.gialint.rules]\nmissing-section = "on"\n', encoding="utf-8")
    assert cli(*CHECK) == out and served[-1] is False


def test_an_explicit_config_changed_is_a_miss(work: Path, served: list[bool]) -> None:
    config = work / "strict.yaml"
    config.write_text("rules:\n  missing-section: off\n", encoding="utf-8")
    out = warm_twice(served, "--config", "strict.yaml")
    config.write_text("rules:\n  missing-section: error\n", encoding="utf-8")
    changed = cli(*CHECK, "--config", "strict.yaml")
    assert served[-1] is False and changed != out and changed == fresh("--config", "strict.yaml")


def test_gialint_changed_is_a_miss(work: Path, served: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    warm_twice(served)
    monkeypatch.setattr(gialint.engine.cache, "code_digest", lambda: "edited")
    cli(*CHECK)
    assert served[-1] is False


def _plugin(site: Path, version: str) -> None:
    for old in site.glob("*.dist-info"):
        shutil.rmtree(old)
    meta = site / f"province_rules-{version}.dist-info"
    meta.mkdir(parents=True)
    (meta / "entry_points.txt").write_text("[gialint]\nprovince = province_rules\n", encoding="utf-8")


def test_a_plugin_version_changed_is_a_miss(work: Path, served: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    site = work / "site"
    _plugin(site, "1.0")
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    plugin_versions.cache_clear()  # a process lists them once: each run here is a new process
    try:
        first = cli(*CHECK)
        plugin_versions.cache_clear()
        assert cli(*CHECK) == first and served[-1] is True
        _plugin(site, "1.1")
        plugin_versions.cache_clear()
        assert cli(*CHECK) == first and served[-1] is False
        plugin_versions.cache_clear()
        assert cli(*CHECK) == first and served[-1] is True
    finally:
        plugin_versions.cache_clear()


def test_plugins_switched_off_are_keyed(work: Path, served: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ("check", "reports", "--jobs", "1", "--no-color")
    cli(*argv)
    assert cli(*argv)[0] == 1 and served[-1] is True
    monkeypatch.setenv("GIALINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    cli(*argv)
    assert served[-1] is False
    cli(*argv, "--no-plugins")
    assert served[-1] is True, "plugins switched off either way: the same configuration"
    monkeypatch.delenv("GIALINT_DISABLE_PLUGIN_AUTOLOAD")
    cli(*argv)
    assert served[-1] is True
    cli(*argv, "--no-plugins")
    assert served[-1] is True
    cli(*argv, "--no-plugins", "--no-cache")
    assert served[-1] is True, "not counted: no cache"


def test_a_report_changed_added_or_removed(work: Path, served: list[bool]) -> None:
    warm_twice(served)
    clean = work / "reports" / CLEAN_MD.name
    clean.write_text(clean.read_text(encoding="utf-8").replace("2021", "2022", 1), encoding="utf-8")
    assert cli(*CHECK) == fresh() and served[-1] is False
    shutil.copy(DEFECTIVE_MD, work / "reports" / "another.md")
    assert cli(*CHECK) == fresh() and served[-1] is False
    (work / "reports" / "another.md").unlink()
    assert cli(*CHECK) == fresh() and served[-1] is True


def test_exclude_is_applied_to_a_served_run(work: Path, served: list[bool]) -> None:
    (work / ".gialint.yaml").write_text('exclude: ["reports/*.txt"]\nlang: en\nfail-on: error\n', encoding="utf-8")
    out = warm_twice(served)
    assert DEFECTIVE_TXT.name not in out[1]
    named = ("check", f"reports/{DEFECTIVE_TXT.name}", "--no-plugins", "--jobs", "1")
    first = cli(*named)
    assert DEFECTIVE_TXT.name in first[1], "a file named is never excluded"
    assert cli(*named) == first == cli(*named, "--no-cache") and served[-1] is True


def test_overrides_are_never_served_but_stay_right(work: Path, served: list[bool]) -> None:
    (work / ".gialint.yaml").write_text(
        'overrides:\n  - files: ["reports/*.txt"]\n    rules:\n      missing-section: off\n', encoding="utf-8"
    )
    first = cli(*CHECK)
    assert cli(*CHECK) == first == fresh() and served == [False, False]
    assert not list((work / ".gialint_cache").rglob("*.conf"))


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not json", b"[]", b'{"format": "gialint-cache-config", "version": 1, "key": "x", "result": {}}', b"\x80\x04K."],
)
def test_a_bad_configuration_entry_is_a_miss(work: Path, served: list[bool], garbage: bytes) -> None:
    first = cli(*CHECK)
    (entry,) = (work / ".gialint_cache").rglob("*.conf")
    entry.write_bytes(garbage)
    assert cli(*CHECK) == first and served[-1] is False
    assert cli(*CHECK) == first and served[-1] is True, "the normal way wrote it again"


def test_a_forged_fingerprint_serves_nothing_wrong(work: Path, served: list[bool]) -> None:
    """An entry pointing at another configuration's results finds no results under it."""
    first = cli(*CHECK)
    (entry,) = (work / ".gialint_cache").rglob("*.conf")
    data = json.loads(entry.read_bytes())
    data["result"]["fingerprint"] = "0" * 64
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cli(*CHECK) == first and served[-1] is False


def test_commands_that_need_more_go_the_normal_way(work: Path, served: list[bool]) -> None:
    cli(*CHECK)
    for extra in (("--format", "sarif"), ("--show-source",), ("--diff",), ("--write-baseline", "b.json")):
        before = len(served)
        cli(*CHECK, *extra)
        assert served[before:] in ([], [False]), extra


def test_a_served_run_imports_no_rule_plugin_or_config_loader(work: Path) -> None:
    probe = (
        "import sys\n"
        "from gialint.cli.program import main\n"
        "code = main(['check', 'reports', '--no-plugins', '--jobs', '1'])\n"
        "loaded = sorted(m for m in ('pluggy', 'gialint.checks', 'gialint.config.loader', 'markdown_it', 'gialint.engine.linter') if m in sys.modules)\n"
        "print('LOADED', loaded, code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=work, check=False) for _ in range(2)]
    assert runs[0].stdout.split("LOADED")[0] == runs[1].stdout.split("LOADED")[0]
    assert "LOADED [] 1" in runs[1].stdout, runs[1].stdout[-500:]
    assert "'pluggy'" in runs[0].stdout, "the first run (empty cache) loads everything"
