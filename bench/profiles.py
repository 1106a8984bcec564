"""bench/run.py --profile: where a cold one-file run and a warm cached re-run go (phases timed in a
fresh process), and cProfile of an in-process batch run, by stage and by function."""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
from pathlib import Path

from procs import Runner
from results import section

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
heavy = [m for m in ("markdown_it", "ruamel.yaml", "pluggy", "importlib.metadata", "json", "hashlib",
                     "pickle", "concurrent.futures", "multiprocessing", "inspect", "difflib", "dataclasses") if m in sys.modules]
print(f"  modules loaded: {len(sys.modules)}; of note: {', '.join(heavy)}")
"""


STAGES = {("read/parse/markdown.py", "parse_markdown"), ("read/parse/plaintext.py", "parse_plaintext"),
          ("read/parse/structure.py", "build_document"), ("engine/linter.py", "_with_format"), ("engine/linter.py", "_suppress")}
"""Functions whose cumulative time the profile reports as a stage (besides each rule's check)."""


def profile(runner: Runner, folder: Path, one: Path, work: Path) -> None:
    from gialint.engine.session import RunOptions, Session, collect, run

    phases = work / "phases.py"
    phases.write_text(PHASES, encoding="utf-8")
    section(f"where a cold one-file run goes (fresh process, bytecode cached; {one.name})")
    runner.run([sys.executable, str(phases), str(one), "-"])  # warm the bytecode cache
    print(runner.run([sys.executable, str(phases), str(one), "-"], True).stdout.decode())
    section(f"where a warm cached re-run goes (fresh process; {folder.name})")
    cache = work / "phases-cache"
    runner.run([sys.executable, str(phases), str(folder), str(cache)])  # fill the cache
    print(runner.run([sys.executable, str(phases), str(folder), str(cache)], True).stdout.decode())

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
        if func == "check" and module.startswith("checks/"):
            name = "pattern rules (rules/default.yaml)" if module == "checks/pattern.py" else "rule " + module[len("checks/"):-3]
            stages[name] = stages.get(name, 0.0) + ct
        elif (module, func) in STAGES:
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


