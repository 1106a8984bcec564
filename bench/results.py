"""bench/run.py's rows, its summary table of the targets (PASS/FAIL) and its JSON record."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from paired import BUSY_SHARE, MIN_PAIRS, Paired, too_busy

ACCEPTANCE: dict[str, str] = {
    "cold": "cold one-file run <= 1.5x the cold floor (python + import markdown_it + parse of the file)",
    "batch-md": "batch (API, one process) <= 2.0x the markdown-it floor, Markdown set",
    "batch-mixed": "batch (API, one process) <= 2.2x the markdown-it floor, mixed set",
    "jobs": "--jobs 2 >= 1.8x --jobs 1 (--jobs N: 0.9N), end to end, identical output",
    "warm": "warm re-run with the cache <= 0.10x the cold run",
    "memory": "peak memory (ru_maxrss, --jobs 1) for the scaling set <= 1.10x that for the batch set",
}
"""Issue #12's acceptance, by key: each must be a paired median of at least MIN_PAIRS rounds."""

TARGETS: dict[str, str] = {
    **ACCEPTANCE,
    "linear-normal": "linearity: gialint ms/KiB, 50x-long reports <= 1.25x normal ones",
    "linear-10x": "linearity: gialint ms/KiB, 50x-long reports <= 1.25x 10x-long ones",
}
"""Every target the summary judges, by key (issue #12's acceptance, and issue #5's linearity)."""


@dataclass
class Row:
    what: str
    seconds: float | None = None
    ratio_: float | None = None
    against: str = ""
    target: str = ""
    ok: bool | None = None
    note: str = ""
    pairs: Paired | None = None
    key: str = ""
    """The target this row judges (a key of TARGETS), or empty."""

    @property
    def ratio(self) -> float | None:
        return self.pairs.median if self.pairs is not None else self.ratio_

    def ratio_text(self) -> str:
        if self.pairs is not None:
            return f"{self.pairs.spread()} {self.against}".strip()
        return f"{self.ratio_:.2f}x {self.against}".strip() if self.ratio_ is not None else ""

    def as_dict(self) -> dict[str, object]:
        return {"what": self.what.strip(), "key": self.key, "seconds": self.seconds, "ratio": self.ratio,
                "against": self.against, "target": self.target, "ok": self.ok, "note": self.note,
                "pairs": self.pairs.as_dict() if self.pairs is not None else None}


@dataclass
class Report:
    info: dict[str, str]
    jobs: int = 1
    rows: list[Row] = field(default_factory=list)
    memory: list[tuple[str, int, float]] = field(default_factory=list)
    checks: dict[str, Paired] = field(default_factory=dict)
    """The machine check by moment ("start", "end")."""
    extra: dict[str, object] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        status = "" if row.ok is None else ("PASS" if row.ok else "FAIL")
        secs = f"{row.seconds:.3f} s" if row.seconds is not None else ""
        note = f"  ({row.note})" if row.note else ""
        print(f"  {row.what:<58} {secs:>11}  {row.ratio_text():<44} {row.target:<10} {status}{note}", flush=True)
        return row

    def judged(self) -> dict[str, Row]:
        return {row.key: row for row in self.rows if row.key}

    def busy(self) -> list[str]:
        """The moments at which the machine check said parallel figures mean nothing."""
        return [moment for moment, check in self.checks.items() if too_busy(check, self.jobs)]

    def passed(self) -> bool:
        return all(row.ok is not False for row in self.rows)

    def as_dict(self, args: dict[str, object]) -> dict[str, object]:
        return {
            "machine": self.info, "args": args, "jobs": self.jobs,
            "machine_check": {moment: check.as_dict() for moment, check in self.checks.items()},
            "too_busy_for_parallel_figures": self.busy(),
            "targets": {key: (self.judged()[key].as_dict() if key in self.judged() else None) for key in TARGETS},
            "rows": [row.as_dict() for row in self.rows],
            "memory": self.memory, "extra": self.extra,
        }

    def write_json(self, path: Path, args: dict[str, object]) -> None:
        path.write_text(json.dumps(self.as_dict(args), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


_START = time.perf_counter()


def section(title: str) -> None:
    """A section's header, with the minutes since the benchmark started (where the run's time goes)."""
    print(f"\n== {title}  [{(time.perf_counter() - _START) / 60:.1f} min]", flush=True)


def summary(report: Report) -> list[str]:
    """The summary's lines: every target with its paired median (min-max, pairs) and PASS/FAIL,
    peak memory, the machine check and whether the parallel figures mean anything."""
    lines = ["| target | measured | median ratio per pair (min-max, pairs) | target | result |", "|---|---|---|---|---|"]
    judged = report.judged()
    short: list[str] = []
    for key, text in TARGETS.items():
        row = judged.get(key)
        if row is None:
            lines.append(f"| {text} | not measured in this run | | | - |")
            continue
        if key in ACCEPTANCE and row.pairs is not None and row.pairs.count < MIN_PAIRS:
            short.append(key)
        secs = f"{row.seconds:.3f} s" if row.seconds is not None else ""
        note = f"; {row.note}" if row.note else ""
        lines.append(f"| {text} | {row.what.strip()}{', ' + secs if secs else ''}{note} | {row.ratio_text()} | {row.target} "
                     f"| {'PASS' if row.ok else 'FAIL'} |")
    if report.memory:
        lines += ["", "| peak memory | MiB | seconds |", "|---|---:|---:|"]
        lines += [f"| {label} | {kb / 1024:.0f} | {seconds:.2f} |" for label, kb, seconds in report.memory]
    lines.append("")
    for moment, check in report.checks.items():
        lines.append(f"machine check at the {moment}: {report.jobs} CPU-burning processes ran {check.spread()} "
                     f"the speed of one (idle: about {report.jobs}x)")
    busy = report.busy()
    if busy:
        lines.append(f"MACHINE TOO BUSY at the {' and the '.join(busy)} (machine check below {BUSY_SHARE * report.jobs:.1f}x): "
                     "the parallel figures (--jobs speed-up) of this run mean nothing; run again on a quieter machine.")
    elif report.checks:
        lines.append("machine quiet enough at the start and the end: the parallel figures stand.")
    if short:
        lines.append(f"fewer than {MIN_PAIRS} pairs for {', '.join(short)}: a smoke run, not a record of the targets.")
    lines.append(f"load average: {report.info.get('load average at start', '?')} at the start, "
                 f"{report.info.get('load average at end', '?')} at the end")
    return lines


def print_summary(report: Report) -> None:
    section("summary (targets of issue #12: each ratio is the median of ratios taken per pair of back-to-back runs)")
    for line in summary(report):
        print(line)
