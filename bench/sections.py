"""bench/run.py's measurements, one function per section. Each judged ratio is paired (see
paired.py): the two sides run back to back in every round, the order alternating, and the
median of the per-round ratios is what the target is judged on."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from paired import BUSY_SHARE, Paired, keep, pair, rounds, timed
from procs import FLOOR_ONE, ApiRun, Proc, Runner, files_of, floor, floor_no_gc, kib
from results import Report, Row, section

FLOOR_NAME = "floor: python + import markdown_it + parse the file"
CONSOLE_NAME = "gialint check FILE --no-cache (console script)"


@dataclass
class Bench:
    args: argparse.Namespace
    jobs: int
    work: Path
    runner: Runner
    report: Report
    exe: Path
    """The gialint console script."""

    def check(self, folder: Path, *flags: str) -> Proc:
        return self.runner.run([str(self.exe), "check", str(folder), *flags], True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def batch(b: Bench, label: str, paths: list[Path], key: str, limit: float, extras: bool) -> float:
    """The floor in this process against gialint's API in a fresh process (after a warm-up over
    other reports), paired per round; returns the floor's median seconds."""
    folder, add, runs = paths[0].parent, b.report.add, b.args.runs
    section(f"batch, {label}: {len(paths)} reports ({kib(paths):.0f} KiB), {runs} rounds; the floor in this process, "
            "gialint through gialint.engine.session in a fresh process after a warm-up on other reports")
    floor(paths[:20])  # markdown-it's first parse loads what it loads lazily
    api1: list[ApiRun] = []
    apin: list[ApiRun] = []
    measures = {"floor": timed(lambda: floor(paths)), "gialint": keep(api1, lambda: b.runner.api_run(folder, 1), lambda r: r.lint)}
    md = [p for p in paths if p.suffix == ".md"]
    txt = [p for p in paths if p.suffix != ".md"]
    if extras:
        measures["nogc"] = timed(lambda: floor_no_gc(paths))
        if md and txt:
            measures["md"] = timed(lambda: floor(md))
            measures["txt"] = timed(lambda: floor(txt))
        measures["jobs"] = keep(apin, lambda: b.runner.api_run(folder, b.jobs), lambda r: r.lint)
    got = rounds(measures, runs)
    floors, ones = got["floor"], got["gialint"]
    add(Row("(b) floor: markdown-it parse + token walk", median(floors), note=f"{floor(paths)} tokens"))
    ratio = pair("gialint --jobs 1", ones, "floor", floors)
    add(Row("(c) gialint check --jobs 1 (gialint.engine.session API)", median(ones), against="floor", pairs=ratio,
            target=f"<= {limit:.1f}x", ok=ratio.median <= limit, key=key, note=f"{api1[0].digest.split(':')[0]} findings"))
    add(Row("    Session() for the run (after the warm-up)", median([r.setup for r in api1])))
    if not extras:
        return median(floors)
    add(Row("    floor with the cyclic GC paused", median(got["nogc"]), against="floor",
            pairs=pair("floor, GC paused", got["nogc"], "floor", floors)))
    add(Row("    gialint against the floor with the GC paused", median(ones), against="floor, GC paused",
            pairs=pair("gialint --jobs 1", ones, "floor, GC paused", got["nogc"])))
    for part, files in (("md", md), ("txt", txt)):
        if part in got:
            add(Row(f"    floor, the {len(files)} .{part} files only", median(got[part]), against="floor",
                    pairs=pair(f"floor .{part}", got[part], "floor", floors)))
    same = all(r.digest == api1[0].digest for r in api1 + apin)
    add(Row(f"    gialint check --jobs {b.jobs} (gialint.engine.session API)", median(got["jobs"]), against="speed-up",
            pairs=pair("--jobs 1", ones, f"--jobs {b.jobs}", got["jobs"]),
            note="identical diagnostics" if same else "DIFFERENT diagnostics"))
    return median(floors)


def end_to_end(b: Bench, folder: Path, t_floor: float) -> list[Proc]:
    """`gialint check DIR --no-cache` as a subprocess, --jobs 1 and --jobs N paired; returns the
    --jobs 1 runs (their peak memory is the batch set's figure for the memory target)."""
    section(f"batch end to end: `gialint check DIR --no-cache` as a subprocess, {b.args.runs} rounds")
    b.check(folder, "--jobs", "1", "--no-cache")  # warm-up
    ones, _, speedup, same = _jobs_rounds(b, folder)
    b.report.add(Row("    gialint check --jobs 1 --no-cache", median(speedup.tops), median(speedup.tops) / t_floor,
                     "floor (median)", note=f"exit {ones[0].code}"))
    b.report.add(Row(f"    gialint check --jobs {b.jobs} --no-cache", median(speedup.bottoms), against="speed-up",
                     pairs=speedup, note="identical output" if same else "DIFFERENT output"))
    return ones


def _jobs_rounds(b: Bench, folder: Path) -> tuple[list[Proc], list[Proc], Paired, bool]:
    """`gialint check DIR --no-cache` with --jobs 1 and --jobs N, paired: the runs of each, the
    speed-up (--jobs 1 seconds over --jobs N seconds per round), and whether every output is the same."""
    ones: list[Proc] = []
    manys: list[Proc] = []
    got = rounds({"1": keep(ones, lambda: b.check(folder, "--jobs", "1", "--no-cache"), lambda p: p.seconds),
                  "N": keep(manys, lambda: b.check(folder, "--jobs", str(b.jobs), "--no-cache"), lambda p: p.seconds)},
                 b.args.runs)
    same = all(p.stdout == ones[0].stdout for p in ones + manys)
    return ones, manys, pair("--jobs 1", got["1"], f"--jobs {b.jobs}", got["N"]), same


def cold(b: Bench, one: Path) -> None:
    """Process start to exit of one file: every command once per round, each paired with the
    cold floor of its round."""
    floor_script = b.work / "floor_one.py"
    floor_script.write_text(FLOOR_ONE, encoding="utf-8")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import markdown_it"': [sys.executable, "-c", "import markdown_it"],
        FLOOR_NAME: [sys.executable, str(floor_script), str(one)],
        CONSOLE_NAME: [str(b.exe), "check", str(one), "--no-cache"],
        "python -m gialint check FILE --no-cache": [sys.executable, "-m", "gialint", "check", str(one), "--no-cache"],
    }
    runs = b.args.cold_runs
    section(f"cold one-file run, process start to exit ({one.name}, {one.stat().st_size / 1024:.1f} KiB), {runs} rounds")
    got = _cold_rounds(b, commands, b.runner.env, runs)
    base = got[FLOOR_NAME]
    for name, times in got.items():
        if name == FLOOR_NAME:
            b.report.add(Row(f"    {name}", median(times)))
        elif name == CONSOLE_NAME:
            ratio = pair(name, times, "cold floor", base)
            b.report.add(Row(f"(d) {name}", median(times), against="cold floor", pairs=ratio, target="<= 1.5x",
                             ok=ratio.median <= 1.5, key="cold"))
        else:
            b.report.add(Row(f"    {name}", median(times), against="cold floor", pairs=pair(name, times, "cold floor", base)))
    # The same in this environment as it is: PYTHONDONTWRITEBYTECODE=1 and an editable install
    # leave gialint's own modules without .pyc, so every start compiles them.
    import os

    as_is = {**os.environ, "NO_COLOR": "1"}
    if as_is.get("PYTHONDONTWRITEBYTECODE") and not b.args.quick:
        raw = _cold_rounds(b, {k: commands[k] for k in (FLOOR_NAME, CONSOLE_NAME)}, as_is, runs)
        b.report.add(Row("    same, environment as is (PYTHONDONTWRITEBYTECODE=1)", median(raw[CONSOLE_NAME]),
                         against="its cold floor", pairs=pair(CONSOLE_NAME, raw[CONSOLE_NAME], "cold floor", raw[FLOOR_NAME]),
                         note="modules that have no .pyc yet (an editable install) are compiled at every start"))
    b.report.extra["cold file"] = one.name


def _cold_rounds(b: Bench, commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[float]]:
    for cmd in commands.values():  # warm-up: page cache and the bytecode cache
        for _ in range(2):
            b.runner.run(cmd, env=env)
    return rounds({name: partial(_seconds, b.runner, cmd, env) for name, cmd in commands.items()}, runs)


def _seconds(runner: Runner, cmd: list[str], env: dict[str, str]) -> float:
    return runner.run(cmd, env=env).seconds


def cache(b: Bench, folder: Path, count: int) -> None:
    """Warm re-run (a cache filled before) against a cold run (an empty cache) and a --no-cache
    run, all at the default --jobs, one of each per round."""
    section(f"result cache: `gialint check DIR --cache-dir X` (default --jobs), {count} reports, {b.args.runs} rounds")
    empty, full = b.work / "cache-cold", b.work / "cache-warm"
    shutil.rmtree(full, ignore_errors=True)
    first = b.check(folder, "--cache-dir", str(full))  # fills the cache that every warm run reads

    def cold_run() -> Proc:
        shutil.rmtree(empty, ignore_errors=True)
        return b.check(folder, "--cache-dir", str(empty))

    outs: list[Proc] = []
    got = rounds({"cold": keep(outs, cold_run, lambda p: p.seconds),
                  "warm": keep(outs, lambda: b.check(folder, "--cache-dir", str(full)), lambda p: p.seconds),
                  "nocache": keep(outs, lambda: b.check(folder, "--no-cache"), lambda p: p.seconds)}, b.args.runs)
    same = all(p.stdout == first.stdout for p in outs)
    warm = pair("warm", got["warm"], "cold", got["cold"])
    b.report.add(Row("    cold run, empty cache", median(got["cold"]), against="--no-cache run",
                     pairs=pair("cold", got["cold"], "--no-cache", got["nocache"])))
    b.report.add(Row("(e) re-run over the unchanged corpus (warm)", median(got["warm"]), against="cold run", pairs=warm,
                     target="<= 0.10x", ok=warm.median <= 0.10 and same, key="warm",
                     note="identical output" if same else "DIFFERENT output"))
    b.report.add(Row("    warm against a --no-cache run", median(got["warm"]), against="--no-cache run",
                     pairs=pair("warm", got["warm"], "--no-cache", got["nocache"])))


def scaling(b: Bench, folder: Path, small: list[Proc]) -> None:
    """--jobs 1 against --jobs N end to end, paired; and peak memory of the --jobs 1 runs against
    the batch set's --jobs 1 runs (``small``) of the same round number."""
    paths = files_of(folder)
    section(f"--jobs scaling and memory: {len(paths)} reports ({kib(paths):.0f} KiB), {b.args.runs} rounds")
    ones, manys, speedup, identical = _jobs_rounds(b, folder)
    t1, tn = median(speedup.tops), median(speedup.bottoms)
    cpu1, cpun = median([p.cpu for p in ones]), median([p.cpu for p in manys])
    b.report.add(Row("    end to end, --jobs 1", t1, note=f"{cpu1:.1f} CPU s, {cpu1 / t1:.2f} cores busy"))
    busy = b.report.busy()
    note = ("identical output, same order" if identical else "DIFFERENT output") + \
        f"; {cpun:.1f} CPU s, {cpun / tn:.2f} cores busy" + (f"; machine too busy at the {busy[0]}" if busy else "")
    b.report.add(Row(f"(c) end to end, --jobs {b.jobs}: speed-up over --jobs 1", tn, against="--jobs 1",
                     pairs=speedup, target=f">= {BUSY_SHARE * b.jobs:.1f}x", ok=speedup.median >= BUSY_SHARE * b.jobs and identical,
                     key="jobs", note=note))
    n = min(len(small), len(ones))
    memory = pair(f"{len(paths)} files", [p.maxrss_kb for p in ones[:n]], "batch set", [p.maxrss_kb for p in small[:n]])
    b.report.add(Row(f"(f) peak memory, {len(paths)} reports against the batch set (--jobs 1)", None, against="batch set",
                     pairs=memory, target="<= 1.10x", ok=memory.median <= 1.10, key="memory",
                     note=f"{median(memory.bottoms) / 1024:.0f} -> {median(memory.tops) / 1024:.0f} MiB (medians)"))
    b.report.memory.append(("check, the batch set (--jobs 1; median)", int(median(memory.bottoms)), median([p.seconds for p in small])))
    b.report.memory.append((f"check, {len(paths)} reports (--jobs 1; median)", int(median(memory.tops)), t1))
    b.report.memory.append((f"check, {len(paths)} reports (--jobs {b.jobs}; the largest process; median)",
                            int(median([p.maxrss_kb for p in manys])), tn))
