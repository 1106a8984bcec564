"""bench/run.py's method, not its speed: nothing here asserts a timing.

Every judged ratio is a median of ratios taken per pair of back-to-back runs (the order
alternating), the summary names every target of issue #12 with PASS or FAIL, says when the
machine was too busy for the parallel figures, and shows the memory and --jobs rows; bench/readers.py
forwards --runs to each reader's script.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))  # bench/run.py's modules import each other as a script's siblings

import paired  # noqa: E402 (bench/ goes on the path first)
import results  # noqa: E402
from sourcefile import load  # noqa: E402


def test_rounds_alternate_the_order_and_keep_each_round_together() -> None:
    calls: list[str] = []

    def measure(name: str) -> float:
        calls.append(name)
        return float(len(calls))

    got = paired.rounds({"a": lambda: measure("a"), "b": lambda: measure("b")}, 4)
    assert calls == ["a", "b", "b", "a", "a", "b", "b", "a"]
    # round i's values sit at index i on both sides
    assert got == {"a": [1.0, 4.0, 5.0, 8.0], "b": [2.0, 3.0, 6.0, 7.0]}


def test_keep_stores_what_a_measure_returns_and_gives_its_value() -> None:
    store: list[tuple[float, str]] = []
    got = paired.rounds({"x": paired.keep(store, lambda: (0.5, "out"), lambda r: r[0])}, 3)
    assert got == {"x": [0.5, 0.5, 0.5]} and store == [(0.5, "out")] * 3


def test_ratio_is_taken_per_pair_then_the_median() -> None:
    # The medians taken apart would give 4 / 4 = 1.0; the pairs' ratios are 2, 3 and 1.
    p = paired.pair("gialint", [2.0, 30.0, 4.0], "floor", [1.0, 10.0, 4.0])
    assert p.ratios == (2.0, 3.0, 1.0)
    assert (p.median, p.low, p.high, p.count) == (2.0, 1.0, 3.0, 3)
    assert p.spread() == "2.00x (1.00-3.00, 3 pairs)"
    record = p.as_dict()
    assert record["ratios"] == [2.0, 3.0, 1.0] and record["median"] == 2.0
    with pytest.raises(ValueError):
        paired.pair("a", [1.0, 2.0], "b", [1.0])


def test_machine_check_is_paired_rounds() -> None:
    check = paired.machine_check(2, 2, n=20_000)
    assert check.count == 2 and all(r > 0 for r in check.ratios)
    assert paired.too_busy(paired.pair("serial", [1.0], "parallel", [1.0]), 2)
    assert not paired.too_busy(paired.pair("serial", [1.9], "parallel", [1.0]), 2)
    assert not paired.too_busy(paired.pair("serial", [1.0], "parallel", [1.0]), 1)


def _report(check: float, pairs: int) -> results.Report:
    report = results.Report({"load average at start": "0.1", "load average at end": "0.2"}, jobs=2)
    for i, key in enumerate(results.TARGETS):
        p = paired.pair("top", [1.0 + i] * pairs, "bottom", [1.0] * pairs)
        report.rows.append(results.Row(f"row {key}", 1.0, pairs=p, target="<= 1.5x", ok=i % 2 == 0, key=key))
    report.rows.append(results.Row("not judged", 2.0))
    report.memory.append(("check, 2000 reports (--jobs 1; median)", 40 * 1024, 3.0))
    report.checks["start"] = paired.pair("serial", [check] * pairs, "parallel", [1.0] * pairs)
    report.checks["end"] = paired.pair("serial", [1.95] * pairs, "parallel", [1.0] * pairs)
    return report


def test_summary_names_every_target_with_its_verdict() -> None:
    report = _report(check=1.97, pairs=7)
    lines = results.summary(report)
    text = "\n".join(lines)
    for key, target in results.TARGETS.items():
        [line] = [line for line in lines if line.startswith(f"| {target} |")]
        assert f"row {key}" in line and line.endswith(("| PASS |", "| FAIL |"))
    assert "not judged" not in text
    assert "check, 2000 reports (--jobs 1; median) | 40 |" in text
    assert "7 pairs" in text and "TOO BUSY" not in text and "smoke run" not in text
    assert not report.passed()
    targets = report.as_dict({})["targets"]
    assert isinstance(targets, dict) and set(targets) == set(results.TARGETS)


def test_summary_says_when_the_machine_was_too_busy_or_the_run_too_short() -> None:
    text = "\n".join(results.summary(_report(check=1.2, pairs=3)))
    assert "MACHINE TOO BUSY at the start" in text and "mean nothing" in text
    assert "fewer than 7 pairs" in text
    empty = "\n".join(results.summary(results.Report({}, jobs=2)))
    assert all(f"| {target} | not measured in this run |" in empty for target in results.TARGETS.values())


def test_smallest_run_prints_every_target_paired(tmp_path: Path) -> None:
    """The script end to end on 3 and 6 reports, 2 rounds (about 45 processes: 10-15 s on 2
    quiet cores), so that a change to gialint's API or CLI that breaks the benchmark fails here."""
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--count", "3", "--scaling-count", "6", "--long", "1",
         "--audit-count", "0", "--runs", "2", "--cold-runs", "1", "--warmup", "2", "--work", str(tmp_path / "work"),
         "--json", str(out)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr
    summary = done.stdout[done.stdout.index("== summary"):]
    for target in results.TARGETS.values():
        assert f"| {target} |" in summary
    assert "machine check at the start" in summary and "machine check at the end" in summary
    assert "| check, 6 reports (--jobs 1; median) |" in summary  # the memory rows
    assert "(c) end to end, --jobs " in summary  # the jobs row
    record = json.loads(out.read_text(encoding="utf-8"))
    for key, row in record["targets"].items():
        pairs = row["pairs"]
        assert pairs["pairs"] == (1 if key.startswith("linear") or key == "cold" else 2), key  # --repeat, --cold-runs
        ratios = [t / b for t, b in zip(pairs["tops"], pairs["bottoms"], strict=True)]
        assert pairs["ratios"] == pytest.approx(ratios, rel=1e-3), key
        assert row["ratio"] == pytest.approx(statistics.median(ratios), rel=1e-3), key
    assert set(record["machine_check"]) == {"start", "end"}


def _load(name: str) -> ModuleType:
    return load(f"bench/{name}.py", f"gialint_bench_{name}")


def test_readers_forward_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    readers = _load("readers")
    seen: list[list[str]] = []

    def fake_run(argv: list[str], check: bool) -> subprocess.CompletedProcess[bytes]:
        seen.append(argv)
        return subprocess.CompletedProcess(argv, 0)

    monkeypatch.setattr(readers.subprocess, "run", fake_run)
    assert readers.main(["--runs", "9"]) == 0
    assert [argv[1:] for argv in seen] == [[str(BENCH / "read_docx.py"), "--runs", "9"], [str(BENCH / "read_pdf.py"), "--runs", "9"]]
    seen.clear()
    assert readers.main(["--only", "pdf"]) == 0
    assert [argv[1:] for argv in seen] == [[str(BENCH / "read_pdf.py")]]
