"""Keeps the benchmark's corpus generator honest (bench/generate.py). Nothing here is timed.

The same seed gives the same bytes; the generated clean reports lint clean; each planted defect
is found, and nothing else; a copied report is found by duplicate-content and nothing else is.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "bench" / "generate.py"
# Seed 111 gives, in 5 reports and 1 copy: both formats, all three shapes, clean and defective
# reports, five kinds of defect, and a copy of the same agency's report for the next year.
ARGS = ["--count", "5", "--copies", "1", "--seed", "111", "--defects", "0.5"]


def _generate(out: Path) -> list[dict[str, object]]:
    subprocess.run([sys.executable, str(GENERATE), *ARGS, "--out", str(out)], check=True, capture_output=True)
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    out = tmp_path_factory.mktemp("bench") / "a"
    return out, _generate(out)


def test_same_seed_same_bytes(corpus: tuple[Path, list[dict[str, object]]], tmp_path: Path) -> None:
    first, _ = corpus
    second = tmp_path / "b"
    _generate(second)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_corpus_covers_formats_shapes_and_defects(corpus: tuple[Path, list[dict[str, object]]]) -> None:
    _, manifest = corpus
    originals = [m for m in manifest if not m["copy_of"]]
    assert len(originals) == 5 and len(manifest) == 6
    assert {m["format"] for m in originals} == {"gov-2019", "gov-2021"}
    assert {m["shape"] for m in originals} == {"md", "txt-tabs", "txt-cells"}
    assert any(not m["defects"] for m in originals) and any(m["defects"] for m in originals)
    assert len({d for m in originals for d in m["defects"]}) >= 5  # type: ignore[attr-defined]


def test_clean_reports_lint_clean_and_defects_are_found(corpus: tuple[Path, list[dict[str, object]]]) -> None:
    folder, manifest = corpus
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(folder), "--corpus", "--format", "json", "--no-cache", "--no-plugins", "--jobs", "1"],
                out=out, err=err)
    assert code == 1, err.getvalue()
    found: dict[str, set[str]] = {str(m["file"]): set() for m in manifest}
    duplicates: set[str] = set()
    for d in json.loads(out.getvalue())["diagnostics"]:
        name = Path(d["path"]).name
        if d["rule"] == "duplicate-content":
            duplicates.add(name)
        else:
            found[name].add(d["code"])
    for m in manifest:
        assert sorted(found[str(m["file"])]) == m["expected"], (m["file"], m["defects"])
    copy = next(m for m in manifest if m["copy_of"])
    assert duplicates and duplicates <= {copy["file"], copy["copy_of"]}
