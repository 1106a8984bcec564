#!/usr/bin/env python3
"""gialint's benchmark: one run that times, side by side, on a generated corpus,

(a) reading the files;
(b) the floor: markdown-it-py parse of every file and a walk of every token, in this process;
(c) ``gialint check`` on the same files, single-process and with ``--jobs N``, through
    gialint.engine.session's API (timed inside a fresh process, after a warm-up over other reports) and as
    a ``gialint check`` subprocess (end to end);
(d) a cold one-file run (process start to exit) against a fresh ``python`` that imports
    markdown_it and parses the same file;
(e) a warm re-run with the result cache against the cold run;
(f) peak memory of ``gialint check`` on N and 2N files;
(g) linearity: time per KB on normal and 50x long reports;
(h) ``gialint audit`` on a large generated set (with copied reports): time, peak memory, and
    whether duplicate-content found the copies;

and prints seconds and the ratios against each target of issue #5, PASS or FAIL.

Run it with the virtualenv's python, from the repository::

    python bench/run.py                 # the full run (about 10 minutes on 2 cores)
    python bench/run.py --quick         # a smoke run (well under a minute)
    python bench/run.py --profile       # also print cProfile's top functions for a batch run

See docs/performance.md for the recorded results.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

FLOOR_ONE = """\
import sys
from markdown_it import MarkdownIt

md = MarkdownIt("commonmark").enable("table")
tokens = md.parse(open(sys.argv[1], encoding="utf-8").read())
n = 0
for token in tokens:
    n += 1
    for child in token.children or ():
        n += 1
"""

# Runs a command and writes its wall time, exit code, peak RSS and CPU time to a file. Peak RSS
# is measured through this small launcher (python -S) because Linux carries a process's
# high-water mark across fork and exec: a command spawned straight from the benchmark process
# would report at least the benchmark's own RSS.
LAUNCHER = """\
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(out, "w") as fh:
    fh.write(f"{seconds!r} {os.waitstatus_to_exitcode(status)} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime!r}\\n")
"""

# gialint.engine.session's API in a fresh process: a warm-up run over other reports (imports, compiled
# regular expressions, format templates), then the timed run. A fresh process per measurement
# keeps gialint's memo caches (lru_cache on label texts) from carrying over from an earlier run
# over the same files, which would flatter repeated runs.
API = """\
import hashlib, json, sys, time
from gialint.engine.session import RunOptions, Session, collect, run
warm, target, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
session = Session(RunOptions(paths=(warm,), jobs=1, cache_dir=None), warn=lambda m: None)
files, configs = collect(session)
run(session, files, configs)
start = time.perf_counter()
session = Session(RunOptions(paths=(target,), jobs=jobs, cache_dir=None), warn=lambda m: None)
setup = time.perf_counter() - start
start = time.perf_counter()
files, configs = collect(session)
result = run(session, files, configs)
lint = time.perf_counter() - start
found = [(d.path, d.line, d.column, d.code, d.message_en) for d in result.diagnostics]
print(json.dumps({"setup": setup, "lint": lint, "count": len(found),
                  "digest": hashlib.sha256(repr(found).encode()).hexdigest()}))
"""

# Times the phases of one `gialint check` in a fresh process (the --profile section).
PHASES = """\
import io, re, sys, time
t0 = time.perf_counter()
compiled = []
import re._compiler as _rc
_orig = _rc.compile
def _compile(p, flags=0):
    f = sys._getframe(1)
    while f is not None and f.f_code.co_filename.endswith(("re/__init__.py", "re/_compiler.py")):
        f = f.f_back
    start = time.perf_counter()
    try:
        return _orig(p, flags)
    finally:
        compiled.append(((f.f_globals.get("__name__", "?") if f else "?"), time.perf_counter() - start))
_rc.compile = _compile
from gialint.cli.program import main
from gialint.engine.session import RunOptions, Session, collect, run
t1 = time.perf_counter()
paths, cache = sys.argv[1:-1], sys.argv[-1]
session = Session(RunOptions(paths=tuple(paths), jobs=1, cache_dir=cache if cache != "-" else None), warn=lambda m: None)
t2 = time.perf_counter()
files, configs = collect(session)
t3 = time.perf_counter()
result = run(session, files, configs)
t4 = time.perf_counter()
from gialint.output import Report, formatter
formatter("text").write(io.StringIO(), Report(result.diagnostics, files, "zh", False, False, {}, {}))
t5 = time.perf_counter()
own = sum(t for m, t in compiled if m.startswith("gialint"))
print(f"  import gialint.cli.program and gialint.engine.session   {(t1 - t0) * 1000:7.1f} ms")
print(f"  Session (plugins, rules registered)   {(t2 - t1) * 1000:7.1f} ms")
print(f"  collect (find files, load configs)    {(t3 - t2) * 1000:7.1f} ms")
print(f"  run (read, parse, rules{', cache' if cache != '-' else ''})          {(t4 - t3) * 1000:7.1f} ms   ({len(files)} file(s))")
print(f"  text output                           {(t5 - t4) * 1000:7.1f} ms")
print(f"  total in-process                      {(t5 - t0) * 1000:7.1f} ms")
print(f"  regular expressions compiled: {len(compiled)} ({sum(t for _, t in compiled) * 1000:.1f} ms), "
      f"{sum(1 for m, _ in compiled if m.startswith('gialint'))} by gialint ({own * 1000:.1f} ms)")
heavy = [m for m in ("markdown_it", "mdit_py_cjk_friendly", "ruamel.yaml", "pluggy", "importlib.metadata", "json", "hashlib",
                     "pickle", "concurrent.futures", "multiprocessing", "inspect", "difflib", "dataclasses") if m in sys.modules]
print(f"  modules loaded: {len(sys.modules)}; of note: {', '.join(heavy)}")
"""


# --------------------------------------------------------------------------- helpers


@dataclass
class Proc:
    seconds: float
    code: int
    maxrss_kb: int
    cpu: float = 0.0
    """User + system CPU seconds of the process and its reaped children (the --jobs workers)."""
    stdout: bytes = b""
    stderr: bytes = b""


_LAUNCHER: list[Path] = []


def run_proc(cmd: Sequence[str], env: dict[str, str], cwd: Path, keep_output: bool = False) -> Proc:
    """Run ``cmd`` to exit through the launcher: wall time, exit code, peak RSS (its own and its
    reaped children's, i.e. the --jobs workers': the largest of them) and CPU seconds."""
    launcher = _LAUNCHER[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as result:
        result.close()
        subprocess.run([sys.executable, "-S", str(launcher), result.name, *cmd], stdout=out, stderr=err,
                       stdin=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
        fields = Path(result.name).read_text().split()
        os.unlink(result.name)
        out.seek(0)
        err.seek(0)
        stdout = out.read() if keep_output else b""
        stderr = err.read()
    return Proc(float(fields[0]), int(fields[1]), int(fields[2]), float(fields[3]), stdout, stderr)


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def interleaved(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds of each function, run round-robin so that a slow or fast moment of the
    machine (other work, frequency changes) falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))


def kib(paths: Sequence[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1024


def link_subset(source: Sequence[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in source:
        target = folder / path.name
        if not target.exists():
            os.link(path, target)
    return folder


def machine() -> dict[str, str]:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": str(os.cpu_count())}
    try:
        info["cores (affinity)"] = str(len(os.sched_getaffinity(0)))
    except AttributeError:
        pass
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        if model:
            info["cpu"] = model.group(1).strip()
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        if mem:
            info["memory"] = f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        info["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        pass
    from importlib.metadata import version

    import gialint

    info["gialint"] = f"{gialint.__version__} from {Path(gialint.__file__).parent}"
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "gialint", "rules", "pyproject.toml"],
                               capture_output=True, text=True, check=True).stdout.strip()
        info["commit"] = head.stdout.strip() + (" (gialint/ or rules/ modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        info["commit"] = "? (not a git checkout)"
    for dist in ("markdown-it-py", "mdit-py-cjk-friendly", "pluggy", "ruamel.yaml"):
        try:
            info[dist] = version(dist)
        except Exception:  # noqa: BLE001
            info[dist] = "?"
    return info


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def calibrate(jobs: int, n: int = 4_000_000) -> float:
    """Speed-up of ``jobs`` processes burning CPU in pure Python over one doing the same work:
    about ``jobs`` on an idle machine, less when other work shares the cores."""
    import multiprocessing

    start = time.perf_counter()
    for _ in range(jobs):
        _burn(n)
    serial = time.perf_counter() - start
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(jobs) as pool:
        pool.map(_burn, [1000] * jobs)  # start the workers before timing
        start = time.perf_counter()
        pool.map(_burn, [n] * jobs)
        parallel = time.perf_counter() - start
    return serial / parallel


# --------------------------------------------------------------------------- measurements


def read_all(paths: Sequence[Path]) -> int:
    return sum(len(p.read_bytes()) for p in paths)


def floor(paths: Sequence[Path]) -> int:
    """markdown-it-py parse of every file and a walk of every token (the files read and decoded too)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    n = 0
    for path in paths:
        for token in md.parse(path.read_bytes().decode("utf-8")):
            n += 1
            for _child in token.children or ():
                n += 1
    return n


def floor_no_gc(paths: Sequence[Path]) -> int:
    enabled = gc.isenabled()
    gc.disable()
    try:
        return floor(paths)
    finally:
        if enabled:
            gc.enable()


_API: list[Path] = []


def check_in_process(folder: Path, jobs: int, env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(setup seconds, lint seconds, digest of the diagnostics) of gialint.engine.session over ``folder``,
    timed inside a fresh process after a warm-up over other reports (see API)."""
    api, warm = _API
    proc = run_proc([sys.executable, str(api), str(warm), str(folder), str(jobs)], env, cwd, True)
    if proc.code != 0:
        raise SystemExit(f"the API run failed:\n{proc.stderr.decode(errors='replace')}")
    data = json.loads(proc.stdout)
    return data["setup"], data["lint"], f"{data['count']}:{data['digest']}"


@dataclass
class Row:
    what: str
    seconds: float | None
    ratio: float | None = None
    against: str = ""
    target: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class Report:
    info: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    memory: list[tuple[str, int, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        status = "" if row.ok is None else ("PASS" if row.ok else "FAIL")
        ratio = f"{row.ratio:.2f}x {row.against}" if row.ratio is not None else ""
        secs = f"{row.seconds:.3f} s" if row.seconds is not None else ""
        note = f"  ({row.note})" if row.note else ""
        print(f"  {row.what:<58} {secs:>11}  {ratio:<28} {row.target:<10} {status}{note}", flush=True)
        return row


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def generate(folder: Path, count: int, seed: int, copies: int = 0, scale: float = 1.0, defects: float = 0.3) -> list[dict[str, object]]:
    if not (folder / "manifest.json").exists():
        cmd = [sys.executable, str(HERE / "generate.py"), "--count", str(count), "--copies", str(copies), "--out", str(folder),
               "--seed", str(seed), "--scale", str(scale), "--defects", str(defects)]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
        print(f"  generated {count + copies} reports (scale {scale:g}) in {time.perf_counter() - start:.1f} s: {folder}", flush=True)
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gialint benchmark (issue #5): seconds, ratios and PASS/FAIL per target.")
    parser.add_argument("--count", type=int, default=200, help="normal reports in the batch set (default 200)")
    parser.add_argument("--long", type=int, default=20, help="50x long reports for the linearity measurement (default 20; 0 skips)")
    parser.add_argument("--scaling-count", type=int, default=2000, help="reports for the --jobs speed-up (default 2000)")
    parser.add_argument("--audit-count", type=int, default=10000, help="reports for `gialint audit`, 5%% of them copies (default 10000; 0 skips)")
    parser.add_argument("--jobs", type=int, default=0, help="N for --jobs N (default: all cores)")
    parser.add_argument("--runs", type=int, default=15, help="cold one-file runs per command; the median counts (default 10)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of each batch timing; the median counts (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="folder for the generated corpora (default: a temporary one, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: small sets, few repetitions")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top functions for an in-process batch run")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.count, args.long, args.scaling_count, args.audit_count = min(args.count, 40), min(args.long, 2), 200, min(args.audit_count, 300)
        args.runs, args.repeat = min(args.runs, 3), 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = args.jobs or cores

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="gialint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report = Report(machine())
        section("machine")
        for key, value in report.info.items():
            print(f"  {key}: {value}")
        _bench(args, jobs, work, report)
        report.info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        _summary(report)
        if args.json:
            Path(args.json).write_text(json.dumps({
                "machine": report.info, "args": vars(args), "jobs": jobs,
                "rows": [row.__dict__ for row in report.rows],
                "memory": report.memory, "extra": report.extra,
            }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return 0 if all(row.ok is not False for row in report.rows) else 1
    finally:
        if not args.work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"\n(kept {work})")


def _bench(args: argparse.Namespace, jobs: int, work: Path, report: Report) -> None:
    gialint_exe = Path(sys.executable).parent / "gialint"
    if not gialint_exe.exists():
        gialint_exe = Path(shutil.which("gialint") or "gialint")
    # Subprocesses find compiled bytecode as an installed gialint would (pip writes .pyc at install):
    # a private pycache (PYTHONPYCACHEPREFIX) that the warm-up runs fill, nothing written into the checkout.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_COLOR="1", PYTHONPYCACHEPREFIX=str(work / "pycache"))
    run_dir = work / "cwd"
    run_dir.mkdir(exist_ok=True)
    launcher = work / "launcher.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    _LAUNCHER[:] = [launcher]

    section("machine check")
    cal = calibrate(jobs)
    report.extra["calibration at start"] = round(cal, 2)
    print(f"  {jobs} processes burning CPU in pure Python: {cal:.2f}x the speed of one "
          f"(about {jobs} on an idle machine; lower means other work shares the cores and parallel timings are not reliable)")

    section("corpora")
    size = max(2 * args.count, args.scaling_count)
    manifest = generate(work / "corpus", size, args.seed)
    generate(work / "warmup", 20, args.seed + 3)
    api = work / "api.py"
    api.write_text(API, encoding="utf-8")
    _API[:] = [api, work / "warmup"]
    everything = files_of(work / "corpus")
    normal = files_of(link_subset(everything[: args.count], work / "sets" / f"n{args.count}"))
    double = files_of(link_subset(everything[: 2 * args.count], work / "sets" / f"n{2 * args.count}"))
    scaling = files_of(link_subset(everything[: args.scaling_count], work / "sets" / f"n{args.scaling_count}"))
    normal_dir, double_dir, scaling_dir = normal[0].parent, double[0].parent, scaling[0].parent
    print(f"  batch set: {len(normal)} reports, {kib(normal):.0f} KiB ({kib(normal) / len(normal):.1f} KiB each); "
          f"2N set: {len(double)}; scaling set: {len(scaling)} ({kib(scaling):.0f} KiB)")
    report.extra["batch"] = {"files": len(normal), "kib": round(kib(normal), 1)}

    # ---- (a) (b) (c) batch, in process
    section(f"batch: {len(normal)} reports ({kib(normal):.0f} KiB), median of {args.repeat}; the floor in this process, "
            "gialint through gialint.engine.session in a fresh process after a warm-up on other reports")
    read_all(everything)  # warm the page cache
    floor(normal[:20])  # and markdown-it (its first parse loads what it loads lazily)
    md_files = [p for p in normal if p.suffix == ".md"]
    txt_files = [p for p in normal if p.suffix != ".md"]
    t = interleaved({
        "read": lambda: read_all(normal), "floor": lambda: floor(normal), "nogc": lambda: floor_no_gc(normal),
        "md": lambda: floor(md_files), "txt": lambda: floor(txt_files),
    }, args.repeat)
    t_read, t_floor, t_floor_nogc = t["read"], t["floor"], t["nogc"]
    report.add(Row("(a) read every file", t_read))
    report.add(Row("(b) floor: markdown-it parse + token walk", t_floor, note=f"{floor(normal)} tokens"))
    report.add(Row("    floor with the cyclic GC paused", t_floor_nogc, t_floor_nogc / t_floor, "floor"))
    report.add(Row(f"    floor, the {len(md_files)} .md files only", t["md"], t["md"] / t_floor, "floor"))
    report.add(Row(f"    floor, the {len(txt_files)} .txt files only", t["txt"], t["txt"] / t_floor, "floor"))
    runs1, runsn = [], []
    for _ in range(args.repeat):  # interleaved too
        runs1.append(check_in_process(normal_dir, 1, env, run_dir))
        runsn.append(check_in_process(normal_dir, jobs, env, run_dir))
    t_check1 = statistics.median(r[1] for r in runs1)
    setup = statistics.median(r[0] for r in runs1)
    report.add(Row("(c) gialint check --jobs 1 (gialint.engine.session API)", t_check1, t_check1 / t_floor, "floor", "<= 2.0x",
                   t_check1 / t_floor <= 2.0))
    report.add(Row("    same, against the floor with the GC paused", t_check1, t_check1 / t_floor_nogc, "floor, GC paused"))
    report.add(Row("    Session() for the run (after the warm-up)", setup))
    t_checkn = statistics.median(r[1] for r in runsn)
    same = all(r[2] == runs1[0][2] for r in runsn)
    report.add(Row(f"    gialint check --jobs {jobs} (gialint.engine.session API)", t_checkn, t_check1 / t_checkn, "speed-up",
                   note="identical diagnostics" if same else "DIFFERENT diagnostics"))
    report.extra["batch findings"] = runs1[0][2].split(":")[0]

    # ---- (c) end to end
    section(f"batch end to end: `gialint check DIR --no-cache` as a subprocess, median of {args.repeat}")
    run_proc([str(gialint_exe), "check", str(normal_dir), "--jobs", "1", "--no-cache"], env, run_dir)  # warm-up
    sub1, subn = [], []
    for _ in range(args.repeat):  # interleaved
        sub1.append(run_proc([str(gialint_exe), "check", str(normal_dir), "--jobs", "1", "--no-cache"], env, run_dir, True))
        subn.append(run_proc([str(gialint_exe), "check", str(normal_dir), "--jobs", str(jobs), "--no-cache"], env, run_dir, True))
    t_sub1 = statistics.median(p.seconds for p in sub1)
    t_subn = statistics.median(p.seconds for p in subn)
    same_out = all(p.stdout == sub1[0].stdout for p in sub1 + subn)
    report.add(Row("    gialint check --jobs 1 --no-cache", t_sub1, t_sub1 / t_floor, "floor", note=f"exit {sub1[0].code}"))
    report.add(Row(f"    gialint check --jobs {jobs} --no-cache", t_subn, t_sub1 / t_subn, "speed-up",
                   note="identical output" if same_out else "DIFFERENT output"))

    # ---- (d) cold one-file
    one = next(Path(str(m["file"])) for m in manifest if not m["defects"] and m["shape"] == "md")
    one = work / "corpus" / one
    floor_script = work / "floor_one.py"
    floor_script.write_text(FLOOR_ONE, encoding="utf-8")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import markdown_it"': [sys.executable, "-c", "import markdown_it"],
        "floor: python + import markdown_it + parse the file": [sys.executable, str(floor_script), str(one)],
        "gialint check FILE --no-cache (console script)": [str(gialint_exe), "check", str(one), "--no-cache"],
        "python -m gialint check FILE --no-cache": [sys.executable, "-m", "gialint", "check", str(one), "--no-cache"],
    }
    section(f"cold one-file run, process start to exit ({one.name}, {one.stat().st_size / 1024:.1f} KiB), median of {args.runs}")
    cold = _cold(commands, env, run_dir, args.runs)
    base = cold["floor: python + import markdown_it + parse the file"]
    for name, seconds in cold.items():
        if name.startswith("gialint") or name.startswith("python -m gialint"):
            report.add(Row(f"(d) {name}", seconds, seconds / base, "cold floor", "<= 1.5x", seconds / base <= 1.5))
        else:
            report.add(Row(f"    {name}", seconds, seconds / base, "cold floor"))
    # The same in this environment as it is: PYTHONDONTWRITEBYTECODE=1 and an editable install
    # leave gialint's own modules without .pyc, so every start compiles them.
    as_is = {k: v for k, v in os.environ.items()}
    as_is["NO_COLOR"] = "1"
    if as_is.get("PYTHONDONTWRITEBYTECODE"):
        raw = _cold({k: commands[k] for k in ("floor: python + import markdown_it + parse the file",
                                              "gialint check FILE --no-cache (console script)")}, as_is, run_dir, args.runs)
        r_floor, r_check = raw.values()
        report.add(Row("    same, environment as is (PYTHONDONTWRITEBYTECODE=1)", r_check, r_check / r_floor, "its cold floor",
                       note="modules that have no .pyc yet (an editable install) are compiled at every start"))
    report.extra["cold file"] = one.name

    # ---- (e) warm re-run with the cache
    section(f"result cache: `gialint check DIR` (default --jobs) cold then warm, {len(normal)} reports")
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cmd = [str(gialint_exe), "check", str(normal_dir), "--cache-dir", str(cache)]
    first = run_proc(cmd, env, run_dir, True)
    warm = [run_proc(cmd, env, run_dir, True) for _ in range(max(3, args.repeat))]
    t_warm = statistics.median(p.seconds for p in warm)
    nocache = statistics.median(run_proc([*cmd[:3], "--no-cache"], env, run_dir).seconds for _ in range(args.repeat))
    same_warm = all(p.stdout == first.stdout for p in warm)
    report.add(Row("    first run, empty cache (cold)", first.seconds, first.seconds / nocache, "--no-cache run"))
    report.add(Row("(e) re-run over the unchanged corpus (warm)", t_warm, t_warm / first.seconds, "cold run", "<= 0.10x",
                   t_warm / first.seconds <= 0.10, "identical output" if same_warm else "DIFFERENT output"))
    report.add(Row("    warm against a --no-cache run", t_warm, t_warm / nocache, "--no-cache run"))

    # ---- (f) memory
    section("peak memory (ru_maxrss of the gialint process), `gialint check --jobs 1 --no-cache`")
    mem_n = run_proc([str(gialint_exe), "check", str(normal_dir), "--jobs", "1", "--no-cache"], env, run_dir)
    mem_2n = run_proc([str(gialint_exe), "check", str(double_dir), "--jobs", "1", "--no-cache"], env, run_dir)
    for label, proc, paths in ((f"check, N = {len(normal)} reports (--jobs 1)", mem_n, normal),
                               (f"check, 2N = {len(double)} reports (--jobs 1)", mem_2n, double)):
        report.memory.append((label, proc.maxrss_kb, proc.seconds))
        print(f"  {label:<40} {proc.maxrss_kb / 1024:8.1f} MiB   {proc.seconds:.2f} s   ({kib(paths):.0f} KiB)")
    base = run_proc([sys.executable, "-c", "pass"], env, run_dir)
    report.memory.append(("python -c pass (for scale)", base.maxrss_kb, base.seconds))
    growth = mem_2n.maxrss_kb / mem_n.maxrss_kb
    report.add(Row("(f) peak memory 2N / N", None, growth, "N files", "<= 1.10x", growth <= 1.10,
                   f"{mem_n.maxrss_kb / 1024:.0f} -> {mem_2n.maxrss_kb / 1024:.0f} MiB"))

    # ---- (g) linearity
    if args.long:
        section(f"linearity: {len(normal)} normal reports, {args.long} reports 10x long, {args.long} reports 50x long (floor in "
                "this process, gialint through its API in a fresh process)")
        generate(work / "long10", args.long, args.seed + 1, scale=10)
        generate(work / "long50", args.long, args.seed + 1, scale=50)
        points = {"normal": (normal, t_floor, t_floor_nogc, t_check1)}
        for label, folder in (("10x", work / "long10"), ("50x", work / "long50")):
            paths = files_of(folder)
            read_all(paths)
            t_f, _ = median_time(lambda paths=paths: floor(paths), args.repeat)
            t_fn, _ = median_time(lambda paths=paths: floor_no_gc(paths), args.repeat)
            t_c = statistics.median(check_in_process(folder, 1, env, run_dir)[1] for _ in range(args.repeat))
            points[label] = (paths, t_f, t_fn, t_c)
        print("  ms per KiB:        size each   floor   floor, GC paused   gialint --jobs 1   gialint / floor")
        for label, (paths, t_f, t_fn, t_c) in points.items():
            k = kib(paths)
            print(f"  {label:<8} {k / len(paths):10.0f} KiB {t_f / k * 1000:8.3f} {t_fn / k * 1000:12.3f} {t_c / k * 1000:18.3f}"
                  f" {t_c / t_f:17.2f}x")
        per = {label: (p[3] / kib(p[0])) for label, p in points.items()}
        floor_per = {label: (p[1] / kib(p[0])) for label, p in points.items()}
        report.extra["linearity ms/KiB"] = {label: round(v * 1000, 4) for label, v in per.items()}
        report.add(Row("    floor: ms/KiB, 50x against normal", None, floor_per["50x"] / floor_per["normal"], "normal"))
        report.add(Row("    floor: ms/KiB, 50x against 10x", None, floor_per["50x"] / floor_per["10x"], "10x"))
        ratio_normal = per["50x"] / per["normal"]
        ratio_10 = per["50x"] / per["10x"]
        report.add(Row("(g) gialint: ms/KiB, 50x against normal", points["50x"][3], ratio_normal, "normal", "<= 1.25x",
                       ratio_normal <= 1.25))
        report.add(Row("(g) gialint: ms/KiB, 50x against 10x", points["50x"][3], ratio_10, "10x", "<= 1.25x", ratio_10 <= 1.25))
        report.add(Row("    gialint --jobs 1 on the 50x set, against its floor", points["50x"][3],
                       points["50x"][3] / points["50x"][1], "floor"))
        long_dir = work / "long50"
        mem_l = run_proc([str(gialint_exe), "check", str(long_dir), "--jobs", "1", "--no-cache"], env, run_dir)
        report.memory.append((f"check, {args.long} reports 50x long (--jobs 1)", mem_l.maxrss_kb, mem_l.seconds))
        print(f"  peak memory, 50x set: {mem_l.maxrss_kb / 1024:.1f} MiB")

    # ---- (c) scaling with --jobs
    section(f"--jobs scaling: {len(scaling)} reports ({kib(scaling):.0f} KiB)")
    _, t_s1, d1 = check_in_process(scaling_dir, 1, env, run_dir)
    _, t_sn, dn = check_in_process(scaling_dir, jobs, env, run_dir)
    report.add(Row("    gialint.engine.session API, --jobs 1", t_s1, t_s1 / (t_floor * len(scaling) / len(normal)), "floor (scaled)"))
    report.add(Row(f"    gialint.engine.session API, --jobs {jobs}", t_sn, t_s1 / t_sn, "speed-up",
                   note="identical diagnostics" if d1 == dn else "DIFFERENT diagnostics"))
    ones, manys = [], []
    for _ in range(args.repeat):  # interleaved, so a busy moment of the machine hits both alike
        ones.append(run_proc([str(gialint_exe), "check", str(scaling_dir), "--jobs", "1", "--no-cache"], env, run_dir, True))
        manys.append(run_proc([str(gialint_exe), "check", str(scaling_dir), "--jobs", str(jobs), "--no-cache"], env, run_dir, True))
    s1 = sorted(ones, key=lambda p: p.seconds)[len(ones) // 2]
    sn = sorted(manys, key=lambda p: p.seconds)[len(manys) // 2]
    speedup = s1.seconds / sn.seconds
    identical = all(p.stdout == ones[0].stdout for p in ones + manys)
    report.add(Row(f"    end to end, --jobs 1 (median of {args.repeat})", s1.seconds,
                   note=f"{s1.cpu:.1f} CPU s, {s1.cpu / s1.seconds:.2f} cores busy"))
    report.add(Row(f"(c) end to end, --jobs {jobs}: speed-up over --jobs 1", sn.seconds, speedup, "--jobs 1", ">= 1.8x",
                   speedup >= 1.8 and identical,
                   ("identical output, same order" if identical else "DIFFERENT output")
                   + f"; {sn.cpu:.1f} CPU s, {sn.cpu / sn.seconds:.2f} cores busy"))
    report.memory.append((f"check, {len(scaling)} reports (--jobs 1)", s1.maxrss_kb, s1.seconds))
    report.memory.append((f"check, {len(scaling)} reports (--jobs {jobs}; the largest process)", sn.maxrss_kb, sn.seconds))

    # ---- (h) audit
    if args.audit_count:
        copies = max(2, args.audit_count // 20)
        section(f"gialint audit: {args.audit_count} reports, {copies} of them copies of another")
        audit_manifest = generate(work / "audit", args.audit_count - copies, args.seed + 2, copies=copies)
        audit_dir = work / "audit"
        out_json = work / "audit.json"
        proc = run_proc([str(gialint_exe), "audit", str(audit_dir), "--no-cache", "--format", "json", "--output", str(out_json)],
                        env, run_dir)
        files = files_of(audit_dir)
        report.add(Row(f"(h) gialint audit, {len(files)} reports ({kib(files) / 1024:.0f} MiB)", proc.seconds,
                       note=f"peak {proc.maxrss_kb / 1024:.0f} MiB, {proc.cpu:.0f} CPU s, exit {proc.code}"))
        report.memory.append((f"audit, {len(files)} reports (--jobs {jobs})", proc.maxrss_kb, proc.seconds))
        small = run_proc([str(gialint_exe), "audit", str(scaling_dir), "--no-cache", "--format", "json", "--output",
                          str(work / "audit-small.json")], env, run_dir)
        report.add(Row(f"    gialint audit, {len(scaling)} reports (the scaling set)", small.seconds,
                       note=f"peak {small.maxrss_kb / 1024:.0f} MiB, {small.cpu:.0f} CPU s"))
        report.memory.append((f"audit, {len(scaling)} reports (--jobs {jobs})", small.maxrss_kb, small.seconds))
        report.extra["audit"] = _audit_quality(audit_manifest, out_json)
        q = report.extra["audit"]
        print(f"  duplicate-content: {q['copies_found']}/{q['copies']} copies found; "
              f"{q['false_pairs']} pair(s) of independent reports reported; carry-over findings: {q['carry_over']}")

    cal = calibrate(jobs)
    report.extra["calibration at end"] = round(cal, 2)
    print(f"\n  machine check again: {jobs} CPU-burning processes ran {cal:.2f}x the speed of one")

    if args.profile:
        _profile(normal_dir, args, env, run_dir, one, work)


def _cold(commands: dict[str, list[str]], env: dict[str, str], cwd: Path, runs: int) -> dict[str, float]:
    for cmd in commands.values():  # warm-up: page cache and the bytecode cache
        for _ in range(2):
            run_proc(cmd, env, cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so a slow moment of the machine hits every command alike
        for name, cmd in commands.items():
            times[name].append(run_proc(cmd, env, cwd).seconds)
    return {name: statistics.median(t) for name, t in times.items()}


def _audit_quality(manifest: list[dict[str, object]], out_json: Path) -> dict[str, object]:
    data = json.loads(out_json.read_text(encoding="utf-8"))
    family = {str(m["file"]): str(m["copy_of"] or m["file"]) for m in manifest}
    copies = {str(m["file"]) for m in manifest if m["copy_of"]}
    found: set[str] = set()
    false_pairs: set[frozenset[str]] = set()
    name = re.compile(r"(\d{5}-[a-z]+-\d{4}\.(?:md|txt))")
    for d in data["diagnostics"]:
        if d["rule"] != "duplicate-content":
            continue
        a = Path(d["path"]).name
        m = name.search(d["message"])
        b = m.group(1) if m else ""
        if family.get(a) == family.get(b):
            found.update(x for x in (a, b) if x in copies)
        else:
            false_pairs.add(frozenset((a, b)))
    return {
        "copies": len(copies), "copies_found": len(found), "false_pairs": len(false_pairs),
        "findings": len(data["diagnostics"]),
        "duplicate_content": sum(1 for d in data["diagnostics"] if d["rule"] == "duplicate-content"),
        "carry_over": sum(1 for d in data["diagnostics"] if d["rule"] == "carry-over"),
    }


def _profile(folder: Path, args: argparse.Namespace, env: dict[str, str], run_dir: Path, one: Path, work: Path) -> None:
    import cProfile
    import io
    import pstats

    from gialint.engine.session import RunOptions, Session, collect, run

    phases = work / "phases.py"
    phases.write_text(PHASES, encoding="utf-8")
    section(f"where a cold one-file run goes (fresh process, bytecode cached; {one.name})")
    run_proc([sys.executable, str(phases), str(one), "-"], env, run_dir)  # warm the bytecode cache
    print(run_proc([sys.executable, str(phases), str(one), "-"], env, run_dir, True).stdout.decode())
    section(f"where a warm cached re-run goes (fresh process; {folder.name})")
    cache = work / "phases-cache"
    run_proc([sys.executable, str(phases), str(folder), str(cache)], env, run_dir)  # fill the cache
    print(run_proc([sys.executable, str(phases), str(folder), str(cache)], env, run_dir, True).stdout.decode())

    section(f"cProfile: gialint check --jobs 1 over {folder.name}, in process")
    session = Session(RunOptions(paths=(str(folder),), jobs=1, cache_dir=None), warn=lambda m: None)
    files, configs = collect(session)
    run(session, files, configs)  # warm-up
    profiler = cProfile.Profile()
    profiler.enable()
    files, configs = collect(session)
    run(session, files, configs)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    # Cost per stage: the parsers, the format matching, each rule's check.
    stages: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        path = filename.replace("\\", "/")
        if "/gialint/" not in path:
            continue
        module = path.split("/gialint/", 1)[1]
        if func == "check" and (module.startswith("checks/") or module == "pattern.py"):
            name = "pattern rules (rules/default.yaml)" if module == "pattern.py" else "rule " + module[len("checks/"):-3]
            stages[name] = stages.get(name, 0.0) + ct
        elif (module, func) in {("parse/markdown.py", "parse_markdown"), ("parse/plaintext.py", "parse_plaintext"),
                                ("engine.py", "_with_format"), ("engine.py", "_suppress"), ("parse/structure.py", "build_document")}:
            stages[f"{module}:{func}"] = ct
    print(f"\n-- cost by stage (cumulative seconds under the profiler; total {total:.2f} s)")
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:7.3f} s  {seconds / total * 100:5.1f}%  {name}")
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats(key).print_stats(30)
        text = buf.getvalue()
        print(f"\n-- top 30 by {key}")
        print(text[text.index("   ncalls"):] if "   ncalls" in text else text)


def _summary(report: Report) -> None:
    section("summary (targets of issue #5)")
    print("| measurement | seconds | ratio | target | result |")
    print("|---|---:|---|---|---|")
    for row in report.rows:
        if row.ok is None:
            continue
        secs = f"{row.seconds:.3f}" if row.seconds is not None else ""
        ratio = f"{row.ratio:.2f}x {row.against}" if row.ratio is not None else ""
        note = f" ({row.note})" if row.note else ""
        print(f"| {row.what.strip()} | {secs} | {ratio}{note} | {row.target} | {'PASS' if row.ok else 'FAIL'} |")
    if report.memory:
        print("\n| peak memory | MiB | seconds |")
        print("|---|---:|---:|")
        for label, kb, seconds in report.memory:
            print(f"| {label} | {kb / 1024:.0f} | {seconds:.2f} |")
    print(f"\nload average at end: {report.info.get('load average at end', '?')}")


if __name__ == "__main__":
    sys.exit(main())
