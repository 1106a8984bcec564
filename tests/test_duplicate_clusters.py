"""duplicate-content across many reports (issue #11 part 3): clusters, not learned boilerplate.

The reports come from bench/generate.py (deterministic, every paragraph composed independently), so
twelve independently written reports share only the format's sentences and common phrasing.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sourcefile import load

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> Any:
    return load("bench/generate.py", "gialint_bench_generate")


def _audit(folder: Path) -> list[dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    main(["audit", str(folder), "--format", "json", "--select", "duplicate-content", "--no-cache", "--jobs", "1", "--lang", "en"], out, err)
    assert "Traceback" not in err.getvalue()
    return [d for d in json.loads(out.getvalue())["diagnostics"] if d["rule"] == "duplicate-content"]


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("twelve")
    manifest = _generator().generate(folder, 12, seed=7, defect_rate=0.0, shapes=("md", "txt-tabs"))
    (folder / "manifest.json").unlink()
    return folder, manifest


def test_twelve_independent_reports_are_not_copies(twelve: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, _ = twelve
    assert _audit(folder) == []


def _rename(text: str, old: str, new: str) -> str:
    text = text.replace(old, new).replace(old.replace("人民政府", ""), new.replace("人民政府", ""))
    return text


def test_four_copies_of_one_template_are_all_reported(tmp_path: Path, twelve: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, manifest = twelve
    for entry in manifest:
        (tmp_path / entry["file"]).write_bytes((folder / entry["file"]).read_bytes())
    # Three of the twelve are replaced by the first report with only the names changed: a cluster of four.
    template = manifest[0]
    source = (folder / template["file"]).read_text(encoding="utf-8")
    copies = []
    others = [e for e in manifest if e["agency"] != template["agency"]]
    chosen = [e for i, e in enumerate(others) if e["agency"] not in {o["agency"] for o in others[:i]}][:3]
    for entry in chosen:
        copied = _rename(source, template["agency"], entry["agency"])
        assert copied != source
        target = tmp_path / entry["file"]
        target.write_text(copied, encoding="utf-8")
        copies.append(entry["file"])
    found = _audit(tmp_path)
    flagged = {Path(d["path"]).name for d in found}
    assert flagged == {template["file"], *copies}
    for d in found:
        assert "as in 3 other reports" in d["message"], d["message"]
    assert len(found) == 4, "one finding per report of the cluster"


def test_a_double_submission_is_reported(tmp_path: Path, twelve: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, manifest = twelve
    first = manifest[0]
    second = next(e for e in manifest if e["agency"] != first["agency"])
    (tmp_path / first["file"]).write_bytes((folder / first["file"]).read_bytes())
    # The same agency and year again, written differently (another generated report renamed).
    other = (folder / second["file"]).read_text(encoding="utf-8")
    other = _rename(other, second["agency"], first["agency"])
    other = re.sub(r"(?<![〔\d])" + str(second["year"]) + r"(?=年)", str(first["year"]), other)
    (tmp_path / ("again-" + first["file"])).write_text(other, encoding="utf-8")
    found = [d for d in _audit(tmp_path) if "submitted twice" in d["message"]]
    assert len(found) == 2
    assert all(first["agency"] in d["message"] for d in found)


def test_copies_name_the_other_report_as_related_in_json_and_sarif(tmp_path: Path, twelve: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, manifest = twelve
    template = manifest[0]
    other = next(e for e in manifest if e["agency"] != template["agency"])
    source = (folder / template["file"]).read_text(encoding="utf-8")
    (tmp_path / template["file"]).write_text(source, encoding="utf-8")
    (tmp_path / other["file"]).write_text(_rename(source, template["agency"], other["agency"]), encoding="utf-8")
    found = _audit(tmp_path)
    assert found and all(len(d["related"]) == 1 for d in found)
    for d in found:
        [related] = d["related"]
        assert Path(related["path"]).name != Path(d["path"]).name and related["line"] >= 1
    out = io.StringIO()
    main(["audit", str(tmp_path), "--format", "sarif", "--select", "duplicate-content", "--no-cache", "--jobs", "1"], out, io.StringIO())
    results = json.loads(out.getvalue())["runs"][0]["results"]
    assert results and all(r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
