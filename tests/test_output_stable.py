"""Speed work must not change what gialint finds (issue #12).

The JSON of `check` and `audit` over the benchmark's generated corpus (200 reports and 10 copies,
seed 1) and over ../shared/corpus is compared with an expectation stored before the work began,
in tests/data/expected/. Paths are written relative to the folder checked.

To record a new expectation after a deliberate change of findings, run
`GIALINT_RECORD_EXPECTED=1 python -m pytest tests/test_output_stable.py` and explain the change
in the commit message.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "expected"
CORPUS = ROOT.parent / "shared" / "corpus"
BENCH_ARGS = ["--count", "200", "--copies", "10", "--seed", "1"]
RECORD = os.environ.get("GIALINT_RECORD_EXPECTED") == "1"


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stable") / "bench"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), *BENCH_ARGS, "--out", str(out)],
        check=True,
        capture_output=True,
    )
    (out / "manifest.json").unlink()
    return out


def _run(command: str, folder: Path, *extra: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main([command, str(folder), "--format", "json", "--no-cache", "--no-plugins", *extra], out=out, err=err)
    assert code == 1, err.getvalue()
    assert "Traceback" not in err.getvalue()
    text = out.getvalue().replace(json.dumps(str(folder))[1:-1] + "/", "<dir>/")
    data = json.loads(text)
    data.pop("version", None)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _compare(name: str, actual: str) -> None:
    path = EXPECTED / name
    if RECORD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        import difflib

        diff = "".join(
            list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), name, "now"))[:80]
        )
        pytest.fail(f"output of {name} changed:\n{diff}")


@pytest.mark.parametrize("command", ["check", "audit"])
def test_bench_corpus_output_unchanged(bench_corpus: Path, command: str) -> None:
    _compare(f"bench-{command}.json", _run(command, bench_corpus))


def test_bench_corpus_output_unchanged_with_jobs(bench_corpus: Path) -> None:
    _compare("bench-check.json", _run("check", bench_corpus, "--jobs", "2"))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("command", ["check", "audit"])
def test_shared_corpus_output_unchanged(command: str) -> None:
    _compare(f"corpus-{command}.json", _run(command, CORPUS))
