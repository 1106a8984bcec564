"""The result cache is untrusted input (issue #8 part 1; issue #11 part 6).

A pull request can plant ``.gialint_cache/``: its entries are read as checked JSON data, never
unpickled or executed; anything that is not an entry gialint wrote is a miss. gialint writes only
inside a cache folder it created (its CACHEDIR.TAG), never through a link, and never overwrites
a file it does not own (``--cache-dir .`` keeps the repository's ``.gitignore``). The key changes
when gialint's own source, or an editable-installed plugin's source, changes.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import sys
from array import array
from pathlib import Path
from typing import Any

import pytest

import gialint.engine.cache
from gialint.cli.program import main
from gialint.engine.cache import _tree_digest, config_fingerprint, plugin_versions
from gialint.engine.cachefile import dump, load
from gialint.engine.linter import FileResult
from gialint.engine.session import RunOptions, Session
from gialint.model.diagnostic import Diagnostic, Edit, Location, Severity

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
CLEAN = ROOT / "examples" / "clean-2021.md"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--jobs", "1", "--no-plugins", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GIALINT_CACHE_DIR", raising=False)
    shutil.copy(DEFECTIVE, tmp_path / "defective-2021.txt")
    shutil.copy(CLEAN, tmp_path / "clean-2021.md")
    return tmp_path


class Planted:
    """Unpickling this creates the marker file: the attack a planted cache entry makes."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_is_never_unpickled(work: Path, linted: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    first = cli(".", "--format", "json")
    entries = list((work / ".gialint_cache").rglob("*.json"))
    assert len(entries) == 2
    marker = tmp_path_factory.mktemp("attack") / "marker"
    payload = pickle.dumps(Planted(marker))
    for entry in entries:
        entry.write_bytes(payload)  # where gialint now looks
        entry.with_suffix(".pickle").write_bytes(payload)  # where an older gialint looked
    linted.clear()
    second = cli(".", "--format", "json")
    assert not marker.exists(), "the planted pickle ran"
    assert second == first
    assert sorted(linted) == ["./clean-2021.md", "./defective-2021.txt"], "a planted entry is a miss"


def test_entries_are_json_with_a_format_header(work: Path) -> None:
    cli(".")
    for entry in (work / ".gialint_cache").rglob("*.json"):
        data = json.loads(entry.read_bytes())
        assert (data["format"], data["version"], data["key"]) == ("gialint-cache", 2, entry.stem)
        assert isinstance(data["result"]["diagnostics"], list)


def test_a_result_comes_back_exactly_with_location_fix_and_severity() -> None:
    location = Location("docx", paragraph=12, table=2, table_name="表三", row=9, column=3, row_label="（三）不予公开",
                        column_label="自然人", page=4, heading=("三、收到和处理", "（三）"), quote="“0 0”")
    diagnostic = Diagnostic("报告\udcb9\udcab.docx", 3, 4, "GIA202", "table-labels", 3, 9, Severity.INFO, "中文", "english",
                            (Edit(3, 4, 3, 9, "一、本年新收"),), location)
    features = {"paragraphs": [(5, "二", ((123, 4), (456, 7)), array("Q", [1, 2**63]))], "x": {(1, "a"): frozenset({"b"})}}
    result = FileResult("报告\udcb9\udcab.docx", (diagnostic,), None, {"duplicate-content": features}, ("line",), "某镇", 2021,
                        ((1, 4, frozenset({"GIA202"})),))
    data = dump("k" * 64, result)
    assert data is not None
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gialint-roundtrip-{os.getpid()}.json"
    try:
        path.write_bytes(data)
        back = load(path, "k" * 64)
        assert back == result
        assert back is not None and back.diagnostics[0].location == location and back.diagnostics[0].severity is Severity.INFO
        assert back.diagnostics[0].fix == diagnostic.fix
        assert load(path, "other-key") is None
    finally:
        path.unlink()


def test_results_holding_objects_are_not_cached() -> None:
    result = FileResult("a.md", (), None, {"plugin-rule": object()})
    assert dump("k", result) is None


def _entry_of(work: Path) -> tuple[Path, dict[str, Any]]:
    (entry,) = list((work / ".gialint_cache").rglob("*.json"))
    return entry, json.loads(entry.read_bytes())


WRONG_ENTRIES = {
    "other-version": lambda e: {**e, "version": 99},
    "other-format": lambda e: {**e, "format": "pickle"},
    "other-key": lambda e: {**e, "key": "0" * 64},
    "diagnostics-not-a-list": lambda e: {**e, "result": {**e["result"], "diagnostics": "x"}},
    "impossible-severity": lambda e: {**e, "result": {**e["result"], "diagnostics": [{**e["result"]["diagnostics"][0], "severity": 7}]}},
    "line-is-text": lambda e: {**e, "result": {**e["result"], "diagnostics": [{**e["result"]["diagnostics"][0], "line": "1"}]}},
    "unknown-tag": lambda e: {**e, "result": {**e["result"], "features": {"os.system": ["id"]}}},
    "not-an-object": lambda e: [e],
}


@pytest.mark.parametrize("kind", list(WRONG_ENTRIES))
def test_an_entry_of_another_shape_is_a_miss(kind: str, work: Path, linted: list[str]) -> None:
    first = cli("defective-2021.txt", "--format", "json")
    entry, data = _entry_of(work)
    entry.write_text(json.dumps(WRONG_ENTRIES[kind](data)), encoding="utf-8")
    linted.clear()
    assert cli("defective-2021.txt", "--format", "json") == first
    assert linted == ["defective-2021.txt"]


def test_deeply_nested_json_is_a_miss(work: Path, linted: list[str]) -> None:
    first = cli("defective-2021.txt")
    entry, _ = _entry_of(work)
    entry.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    linted.clear()
    assert cli("defective-2021.txt") == first
    assert linted == ["defective-2021.txt"]


def test_cache_dir_dot_never_overwrites_the_gitignore(work: Path) -> None:
    (work / ".gitignore").write_text("secret.txt\n", encoding="utf-8")
    code, out, err = cli(".", "--cache-dir", ".")
    assert code == 1 and "GIA" in out
    assert (work / ".gitignore").read_text(encoding="utf-8") == "secret.txt\n"
    assert not (work / "CACHEDIR.TAG").exists()
    assert not [p for p in work.iterdir() if len(p.name) == 2], "no entry folders in the repository"
    assert "CACHEDIR.TAG" in err and "not a cache folder gialint created" in err
    assert cli(".", "--cache-dir", ".")[:2] == (code, out)


def test_a_cache_dir_linked_elsewhere_is_not_written(work: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / ".gitignore").write_text("keep me\n", encoding="utf-8")
    (work / ".gialint_cache").symlink_to(elsewhere, target_is_directory=True)
    code, out, err = cli(".")
    assert code == 1
    assert sorted(p.name for p in elsewhere.iterdir()) == [".gitignore"]
    assert (elsewhere / ".gitignore").read_text(encoding="utf-8") == "keep me\n"
    assert "not a cache folder gialint created" in err


def test_an_empty_folder_is_taken_and_a_foreign_one_is_not(work: Path) -> None:
    (work / "empty").mkdir()
    cli(".", "--cache-dir", "empty")
    assert (work / "empty" / "CACHEDIR.TAG").is_file() and list((work / "empty").rglob("*.json"))
    (work / "foreign").mkdir()
    (work / "foreign" / "notes.txt").write_text("mine\n", encoding="utf-8")
    cli(".", "--cache-dir", "foreign")
    assert sorted(p.name for p in (work / "foreign").iterdir()) == ["notes.txt"]


def test_links_planted_inside_the_cache_are_never_followed(
    work: Path, linted: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    first = cli(".", "--format", "json")
    outside = tmp_path_factory.mktemp("outside")
    entries = sorted((work / ".gialint_cache").rglob("*.json"))
    # An entry that is a link (to a valid copy of itself) is a miss.
    copy = outside / "copy.json"
    original = entries[0].read_bytes()
    copy.write_bytes(original)
    entries[0].unlink()
    entries[0].symlink_to(copy)
    # A shard folder that is a link: nothing is written through it.
    shard = entries[1].parent
    shutil.rmtree(shard)
    target = outside / "shard"
    target.mkdir()
    shard.symlink_to(target, target_is_directory=True)
    linted.clear()
    assert cli(".", "--format", "json") == first
    assert len(linted) == 2
    assert list(target.iterdir()) == []
    assert copy.read_bytes() == original, "the link's target was never written"
    assert not entries[0].is_symlink(), "the link was replaced by a real entry"


# --------------------------------------------------------------------------- the key and the code


def test_the_key_changes_when_gialints_code_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = Path(gialint.engine.cache.__file__).parent.parent
    copy = tmp_path / "gialint"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _tree_digest([copy])
    assert _tree_digest([copy]) == before
    rule = copy / "checks" / "stale_year.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _tree_digest([copy]) != before
    # And the digest is part of every fingerprint.
    session = Session(RunOptions(paths=(str(DEFECTIVE),), no_plugins=True))
    config = session.config_for(str(DEFECTIVE))
    one = config_fingerprint(config, session.options.selection)
    monkeypatch.setattr(gialint.engine.cache, "code_digest", lambda: "edited")
    assert config_fingerprint(config, session.options.selection) != one


def _fake_plugin(root: Path, editable: bool) -> Path:
    site = root / "site"
    source = root / "src" / "province_rules"
    source.mkdir(parents=True)
    (source / "__init__.py").write_text("RULES = ()\n", encoding="utf-8")
    meta = site / "province_rules-1.0.dist-info"
    meta.mkdir(parents=True)
    (meta / "entry_points.txt").write_text("[gialint]\nprovince = province_rules\n", encoding="utf-8")
    if editable:
        (meta / "direct_url.json").write_text(json.dumps({"url": source.parent.as_uri(), "dir_info": {"editable": True}}))
    (site / "province_rules.pth").write_text(str(source.parent) + "\n", encoding="utf-8")
    return source / "__init__.py"


@pytest.mark.parametrize("editable", [True, False])
def test_an_editable_plugins_source_is_part_of_the_key(editable: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = _fake_plugin(tmp_path, editable)
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site"), str(module.parent.parent), *sys.path])
    plugin_versions.cache_clear()
    try:
        before = plugin_versions()
        assert "province=province_rules@province_rules==1.0" in before
        module.write_text("RULES = ()  # edited\n", encoding="utf-8")
        plugin_versions.cache_clear()
        after = plugin_versions()
    finally:
        plugin_versions.cache_clear()
    assert (after != before) is editable


def test_a_refused_cache_dir_is_said_with_worker_processes_too(work: Path) -> None:
    for n in range(20):
        shutil.copy(CLEAN, work / f"copy-{n}.md")
    (work / "notes").mkdir()
    (work / "notes" / "todo.txt").write_text("mine\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--jobs", "2", "--no-plugins", "--cache-dir", "notes", "."], out=out, err=err)
    assert code == 1 and err.getvalue().count("not a cache folder gialint created") == 1
    assert sorted(p.name for p in (work / "notes").iterdir()) == ["todo.txt"]


def test_a_cached_result_keeps_every_field_of_its_findings(tmp_path: Path) -> None:
    """related places and rank survive the cache (a JSON round trip), not only the messages."""
    from gialint.engine import cachefile
    from gialint.engine.linter import FileResult
    from gialint.model.diagnostic import Diagnostic, Location, Severity

    d = Diagnostic(
        "a.txt", 3, 2, "GIA101", "missing-section", 3, 4, Severity.ERROR, "缺", "missing",
        location=Location("docx", paragraph=4, heading=("一、总体情况",), quote="x"), related=(("b.txt", 7),), rank=3,
    )  # fmt: skip
    key = "k" * 64
    entry = cachefile.dump(key, FileResult("a.txt", (d,)))
    assert entry is not None
    (tmp_path / "e.json").write_bytes(entry)
    back = cachefile.load(tmp_path / "e.json", key)
    assert back is not None
    [again] = back.diagnostics
    assert (again.related, again.rank, again.location) == (d.related, d.rank, d.location)
