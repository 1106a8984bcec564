"""The command as a process (gialint.cli.console): the exit code, flushed output and ``atexit``
handlers survive the quick exit; a thread still running gets the ordinary one; and what a cold
Markdown ``check --no-cache`` process imports and creates stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, timeout=120)


def test_python_m_gialint_exits_with_the_commands_code_and_flushes_its_output(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    defective = tmp_path / "defective.md"
    defective.write_text((EXAMPLES / "defective-2020.md").read_text(encoding="utf-8"), encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "gialint", "check", str(clean), "--no-cache", "--lang", "en"],
                        capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert ok.returncode == 0 and "1 file" in ok.stdout, ok.stdout + ok.stderr
    bad = subprocess.run([sys.executable, "-m", "gialint", "check", str(defective), "--no-cache", "--format", "json"],
                         capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert bad.returncode == 1 and bad.stdout.rstrip().endswith(("]", "}")), bad.stdout[-200:] + bad.stderr
    usage = subprocess.run([sys.executable, "-m", "gialint", "check", "--no-such-option"],
                           capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr


def test_atexit_handlers_run_and_the_collector_stays_on(tmp_path: Path) -> None:
    """A plugin may register an ``atexit`` handler: it still runs, after the output."""
    report = tmp_path / "r.md"
    report.write_text((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('AT EXIT', gc.isenabled(), gc.get_threshold()[0]))\n"
        "sys.argv = ['gialint', 'check', sys.argv[1], '--no-cache', '--lang', 'en']\n"
        "from gialint.cli.console import run\n"
        "run()\n"
    )
    result = _run(code, str(report))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "AT EXIT True 200000" and "1 file" in lines[-2], result.stdout


def test_a_running_thread_gets_the_ordinary_exit() -> None:
    code = (
        "import threading, time\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    print('THREAD DONE', flush=True)\n"
        "threading.Thread(target=late).start()\n"
        "from gialint.cli.console import exit_now\n"
        "exit_now(3)\n"
    )
    result = _run(code)
    assert result.returncode == 3 and "THREAD DONE" in result.stdout, result.stdout + result.stderr


def test_a_cold_markdown_check_imports_and_creates_only_what_it_needs(tmp_path: Path) -> None:
    """A ``--no-cache`` Markdown check imports no hashlib (it starts OpenSSL), difflib, tempfile
    or shutil, and creates no dataclass of gialint's (each costs a cold start about a
    millisecond: gialint's classes are records)."""
    report = tmp_path / "r.md"
    report.write_text((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    code = (
        "import dataclasses, sys\n"
        "made = []\n"
        "real = dataclasses._process_class\n"
        "def counting(cls, *args, **kwargs):\n"
        "    made.append(cls.__module__ + '.' + cls.__qualname__)\n"
        "    return real(cls, *args, **kwargs)\n"
        "dataclasses._process_class = counting\n"
        "before = set(sys.modules)\n"
        "from gialint.cli.program import main\n"
        "status = main(['check', '--no-cache', sys.argv[1]])\n"
        "ours = sorted(m for m in made if m.startswith('gialint'))\n"
        "unwanted = sorted(m for m in set(sys.modules) - before if m in {'hashlib', '_hashlib', 'difflib', 'tempfile', 'shutil'})\n"
        "print('RESULT', status, ours, unwanted)\n"
    )
    result = _run(code, str(report))
    assert "RESULT 0 [] []" in result.stdout, result.stdout + result.stderr
