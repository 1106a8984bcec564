"""What bench/run.py measures with: the corpora, the markdown-it floor, commands run to exit
through a small launcher (wall time, exit code, peak RSS, CPU), and gialint's API timed in a
fresh process."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Proc:
    seconds: float
    code: int
    maxrss_kb: int
    cpu: float = 0.0
    """User + system CPU seconds of the process and its reaped children (the --jobs workers)."""
    stdout: bytes = b""
    stderr: bytes = b""


@dataclass(frozen=True)
class ApiRun:
    setup: float
    lint: float
    digest: str
    """``count:sha256`` of the diagnostics, to compare runs."""


class Runner:
    """Runs commands to exit in ``cwd`` with ``env``, through the launcher written into ``work``."""

    def __init__(self, work: Path, env: dict[str, str], cwd: Path, warm: Path) -> None:
        self.env, self.cwd, self.warm = env, cwd, warm
        self.launcher = work / "launcher.py"
        self.launcher.write_text(LAUNCHER, encoding="utf-8")
        self.api = work / "api.py"
        self.api.write_text(API, encoding="utf-8")

    def run(self, cmd: Sequence[str], keep_output: bool = False, env: dict[str, str] | None = None) -> Proc:
        """Wall time, exit code, peak RSS (its own and its reaped children's, i.e. the --jobs
        workers': the largest of them) and CPU seconds of ``cmd``."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
                tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as result:
            result.close()
            subprocess.run([sys.executable, "-S", str(self.launcher), result.name, *cmd], stdout=out, stderr=err,
                           stdin=subprocess.DEVNULL, env=self.env if env is None else env, cwd=self.cwd, check=False)
            fields = Path(result.name).read_text().split()
            os.unlink(result.name)
            out.seek(0)
            err.seek(0)
            stdout = out.read() if keep_output else b""
            stderr = err.read()
        return Proc(float(fields[0]), int(fields[1]), int(fields[2]), float(fields[3]), stdout, stderr)

    def api_run(self, folder: Path, jobs: int) -> ApiRun:
        """gialint.engine.session over ``folder``, timed inside a fresh process after a warm-up over
        other reports (see API)."""
        proc = self.run([sys.executable, str(self.api), str(self.warm), str(folder), str(jobs)], True)
        if proc.code != 0:
            raise SystemExit(f"the API run failed:\n{proc.stderr.decode(errors='replace')}")
        data = json.loads(proc.stdout)
        return ApiRun(data["setup"], data["lint"], f"{data['count']}:{data['digest']}")


# --------------------------------------------------------------------------- the floor


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
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return floor(paths)
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- corpora


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


def generate(folder: Path, count: int, seed: int, copies: int = 0, scale: float = 1.0, defects: float = 0.3,
             shapes: str | None = None) -> list[dict[str, object]]:
    """bench/generate.py into ``folder`` unless it is there already (``--work`` reuses corpora)."""
    if not (folder / "manifest.json").exists():
        cmd = [sys.executable, str(HERE / "generate.py"), "--count", str(count), "--copies", str(copies), "--out", str(folder),
               "--seed", str(seed), "--scale", str(scale), "--defects", str(defects)]
        if shapes:
            cmd += ["--shapes", shapes]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
        print(f"  generated {count + copies} reports (scale {scale:g}{', ' + shapes if shapes else ''}) "
              f"in {time.perf_counter() - start:.1f} s: {folder}", flush=True)
    manifest: list[dict[str, object]] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return manifest


# --------------------------------------------------------------------------- the machine


def machine() -> dict[str, str]:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": str(os.cpu_count())}
    try:
        info["cores (affinity)"] = str(len(os.sched_getaffinity(0)))
    except AttributeError:
        pass
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        if model:
            info["cpu"] = model.group(1).strip()
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        if mem:
            info["memory"] = f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    info["load average at start"] = load_average()
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
    for dist in ("markdown-it-py", "pluggy", "ruamel.yaml"):
        try:
            info[dist] = version(dist)
        except Exception:  # noqa: BLE001
            info[dist] = "?"
    return info


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"
