#!/usr/bin/env python3
"""gialint's benchmark: one run that prints every target of issue #12 with PASS or FAIL.

On a generated corpus (bench/generate.py), side by side:

(a) reading the files;
(b) the floor: markdown-it-py parse of every file and a walk of every token, in this process;
(c) ``gialint check`` through gialint.engine.session's API (timed inside a fresh process, after a
    warm-up over other reports) on a Markdown set and on a mixed set (every shape), and as a
    ``gialint check`` subprocess with --jobs 1 and --jobs N (end to end);
(d) a cold one-file run (process start to exit) against a fresh ``python`` that imports
    markdown_it and parses the same file;
(e) a warm re-run with the result cache against the cold run;
(f) peak memory of ``gialint check --jobs 1`` on the scaling set against the batch set;
(g) linearity: time per KiB on normal, 10x and 50x long reports;
(h) ``gialint audit`` on a large generated set (with copied reports): time, peak memory, and
    whether duplicate-content found the copies;

and a machine check at the start and the end. Every judged ratio is paired (paired.py): in each
of ``--runs`` rounds both sides run back to back, the order alternating; the ratio is taken per
round and the median of the ratios is judged (min-max shown). The summary table at the end names
every target, PASS or FAIL, and says when the machine was too busy for the parallel figures to
mean anything. Exit status 1 if any target fails.

Run it with the virtualenv's python, from the repository::

    python bench/run.py                 # the full run (18 minutes on 2 shared cores, corpora reused)
    python bench/run.py --quick         # a smoke run (under a minute)
    python bench/run.py --profile       # also print cProfile's top functions for a batch run

See docs/performance.md for the recorded results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from paired import MIN_PAIRS, machine_check
from procs import Runner, files_of, generate, kib, link_subset, load_average, machine, read_all
from results import Report, Row, print_summary, section
from sections import Bench, batch, cache, cold, end_to_end, scaling

HERE = Path(__file__).resolve().parent


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="gialint benchmark (issue #12): paired ratios and PASS/FAIL per target.")
    parser.add_argument("--count", type=int, default=200, help="reports in each batch set, Markdown and mixed (default 200)")
    parser.add_argument("--scaling-count", type=int, default=2000,
                        help="reports for the --jobs speed-up and the memory target (default 2000)")
    parser.add_argument("--long", type=int, default=20, help="reports in each of the 10x and 50x long sets (default 20; 0 skips)")
    parser.add_argument("--audit-count", type=int, default=10000,
                        help="reports for `gialint audit`, 5%% of them copies (default 10000; 0 skips)")
    parser.add_argument("--jobs", type=int, default=0, help="N for --jobs N (default: all cores)")
    parser.add_argument("--runs", type=int, default=MIN_PAIRS,
                        help=f"paired rounds for every judged ratio and the machine check (default {MIN_PAIRS}; "
                             f"fewer than {MIN_PAIRS} is a smoke run)")
    parser.add_argument("--cold-runs", type=int, default=15, help="paired rounds of the cold one-file run (default 15)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the linearity measurement (default 5)")
    parser.add_argument("--warmup", type=int, default=20, help="reports of the API's warm-up run before each timed run (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="folder for the generated corpora, reused by the next run (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sets, 3 rounds (under a minute)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top functions for an in-process batch run")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement as JSON (each pair's values included)")
    args = parser.parse_args(argv)
    if args.quick:
        args.count, args.scaling_count, args.warmup = min(args.count, 30), min(args.scaling_count, 60), min(args.warmup, 6)
        args.long, args.audit_count = min(args.long, 2), min(args.audit_count, 100)
        args.runs, args.cold_runs, args.repeat = min(args.runs, 3), min(args.cold_runs, 3), 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = args.jobs or cores
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="gialint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report = Report(machine(), jobs)
        section("machine")
        for key, value in report.info.items():
            print(f"  {key}: {value}")
        run_all(args, jobs, work, report)
        report.info["load average at end"] = load_average()
        print_summary(report)
        if args.json:
            report.write_json(Path(args.json), vars(args))
        return 0 if report.passed() else 1
    finally:
        if not args.work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"\n(kept {work})")


def _check_machine(report: Report, jobs: int, runs: int, moment: str) -> None:
    check = report.checks[moment] = machine_check(jobs, runs)
    print(f"  machine check at the {moment}: {jobs} processes burning CPU in pure Python ran {check.spread()} the speed "
          f"of one (about {jobs}x on an idle machine; lower means other work shares the cores)", flush=True)


def run_all(args: argparse.Namespace, jobs: int, work: Path, report: Report) -> None:
    exe = Path(sys.executable).parent / "gialint"
    if not exe.exists():
        exe = Path(shutil.which("gialint") or "gialint")
    # Subprocesses find compiled bytecode as an installed gialint would (pip writes .pyc at install):
    # a private pycache (PYTHONPYCACHEPREFIX) that the warm-up runs fill, nothing written into the checkout.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_COLOR="1", PYTHONPYCACHEPREFIX=str(work / "pycache"))
    run_dir = work / "cwd"
    run_dir.mkdir(exist_ok=True)
    warmup = work / f"warmup{args.warmup}"
    b = Bench(args, jobs, work, Runner(work, env, run_dir, warmup), report, exe)

    section("machine check")
    _check_machine(report, jobs, args.runs, "start")

    section("corpora")
    size = max(args.count, args.scaling_count)
    corpus, markdown_dir = work / f"corpus{size}", work / f"markdown{args.count}"  # --work reuses them by size
    manifest = generate(corpus, size, args.seed)
    md_manifest = generate(markdown_dir, args.count, args.seed + 4, shapes="md")
    generate(warmup, args.warmup, args.seed + 3)
    everything = files_of(corpus)
    mixed = files_of(link_subset(everything[: args.count], work / "sets" / f"{size}-n{args.count}"))
    markdown = files_of(markdown_dir)
    scaling_dir = link_subset(everything[: args.scaling_count], work / "sets" / f"{size}-n{args.scaling_count}")
    print(f"  mixed set: {len(mixed)} reports, {kib(mixed):.0f} KiB ({sum(p.suffix == '.md' for p in mixed)} .md); "
          f"Markdown set: {len(markdown)} reports, {kib(markdown):.0f} KiB; scaling set: {len(files_of(scaling_dir))}")
    report.extra["batch"] = {"mixed": {"files": len(mixed), "kib": round(kib(mixed), 1)},
                             "markdown": {"files": len(markdown), "kib": round(kib(markdown), 1)}}
    read_all(everything)  # warm the page cache
    read_all(markdown)
    report.add(Row("(a) read every file of the mixed set", _read_seconds(mixed)))

    batch(b, "Markdown set", markdown, "batch-md", 2.0, extras=False)
    t_floor = batch(b, "mixed set", mixed, "batch-mixed", 2.2, extras=True)
    small = end_to_end(b, mixed[0].parent, t_floor)
    one = next(folder / str(m["file"]) for folder, m in [*((corpus, m) for m in manifest), *((markdown_dir, m) for m in md_manifest)]
               if not m["defects"] and m["shape"] == "md")  # the first clean Markdown report
    cold(b, one)
    cache(b, mixed[0].parent, len(mixed))
    if args.long:
        from extended import linearity

        linearity(b, mixed)
    scaling(b, scaling_dir, small)
    if args.audit_count:
        from extended import audit

        audit(b, scaling_dir)
    section("machine check again")
    _check_machine(report, jobs, args.runs, "end")
    if args.profile:
        from profiles import profile

        profile(b.runner, mixed[0].parent, one, work)


def _read_seconds(paths: list[Path]) -> float:
    from paired import timed

    return sorted(timed(lambda: read_all(paths))() for _ in range(5))[2]


if __name__ == "__main__":
    sys.exit(main())
