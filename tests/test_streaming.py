"""``gialint check`` writes text and github output file by file as each is linted (issue #12:
memory flat in the number of files): the bytes and the exit code are those of writing the whole
run at the end, whatever the options."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

import gialint.cli.running
from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [ROOT / "examples" / "defective-2021.txt", ROOT / "examples" / "defective-2020.md", ROOT / "examples" / "clean-2021.md"]


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stream: bool) -> tuple[int, str, str, int]:
    calls = []
    real = gialint.cli.running.streams

    def decide(*args: object) -> bool:
        calls.append(real(*args))  # type: ignore[arg-type]
        return calls[-1] and stream

    monkeypatch.setattr(gialint.cli.running, "streams", decide)
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    return code, out.getvalue(), err.getvalue(), sum(calls)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for i, report in enumerate(REPORTS * 2):
        shutil.copyfile(report, (folder / "sub" if i % 2 else folder) / f"{i:02d}-{report.name}")
    (folder / "unreadable-2021.txt").write_bytes(b"\xff\xfe\x00broken\x00" * 10)
    return folder


@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--lang", "en"),
        ("--statistics",),
        ("--quiet",),
        ("--show-source",),
        ("--output-format", "concise"),
        ("--format", "github"),
        ("--fail-on", "error", "--lang", "en"),
        ("--select", "GIA1"),
    ],
)
def test_streamed_output_is_the_output_written_at_the_end(tree: Path, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]) -> None:
    argv = ["check", "--no-cache", "--jobs", "1", *options, str(tree)]
    streamed = _run(argv, monkeypatch, stream=True)
    whole = _run(argv, monkeypatch, stream=False)
    assert streamed[3] == 1, "this run streams"
    assert streamed[:3] == whole[:3]
    assert streamed[1].count("\n") > 3


def test_files_named_out_of_order_are_not_streamed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later, earlier = str(tree / "04-defective-2020.md"), str(tree / "00-defective-2021.txt")
    _, out, _, streamed = _run(["check", "--no-cache", later, earlier], monkeypatch, stream=True)
    assert streamed == 0
    assert out.index(earlier) < out.index(later), "sorted by path, as always"


@pytest.mark.parametrize("options", [("--format", "json"), ("--corpus",), ("--diff",)])
def test_runs_that_need_every_finding_do_not_stream(tree: Path, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]) -> None:
    assert _run(["check", "--no-cache", *options, str(tree)], monkeypatch, stream=True)[3] == 0
