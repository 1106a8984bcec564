"""gialint's modules imported from the bundle the wheel carries (gialint/_bundle.py): the same
modules, files and results as the usual import; an edited, foreign or damaged bundle or source
falls back to the usual import."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gialint import _bundle

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gialint"

# A fresh process: the bundle installed (or not), then modules imported and the command run.
_PROBE = """
import inspect, io, json, sys
sys.path.insert(0, sys.argv[1])
from gialint import _bundle
installed = _bundle.install(sys.argv[2], sys.argv[3]) if sys.argv[2] else False
import gialint.engine.session as session, gialint.checks.stale_year as stale_year, gialint.read.parse as parse
from gialint.cli.program import main
out = io.StringIO()
codes = [main(["check", "--no-cache", "--format", "json", *json.loads(sys.argv[4])], out, io.StringIO())]
loaders = {m.__name__: type(m.__spec__.loader).__name__ for m in (session, stale_year, parse)}
print(json.dumps({
    "installed": installed,
    "loaders": loaders,
    "bundled": sorted(n for n, m in sys.modules.items() if type(getattr(m, "__spec__", None) and m.__spec__.loader).__name__ == "BundleLoader"),
    "files": [session.__file__, parse.__file__, parse.__path__[0], stale_year.check.__code__.co_filename],
    "source": inspect.getsource(stale_year).count("\\n"),
    "codes": codes,
    "output": out.getvalue(),
}))
"""

REPORTS = [str(ROOT / "examples" / name) for name in ("clean-2021.md", "defective-2020.md", "defective-2021.txt")]


def _probe(site: Path, bundle: Path | None, package: Path) -> dict[str, object]:
    import json

    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(site), str(bundle or ""), str(package), json.dumps(REPORTS)],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_modules_from_the_bundle_are_the_usual_ones(tmp_path: Path) -> None:
    bundle = tmp_path / "_bundle.bin"
    bundle.write_bytes(_bundle.build(str(PACKAGE)))
    plain = _probe(ROOT, None, PACKAGE)
    got = _probe(ROOT, bundle, PACKAGE)
    assert got["installed"] is True and plain["installed"] is False
    assert set(got["loaders"].values()) == {"BundleLoader"}  # type: ignore[union-attr]
    assert len(got["bundled"]) > 60  # type: ignore[arg-type]
    assert got["files"] == plain["files"] == [
        str(PACKAGE / "engine" / "session.py"), str(PACKAGE / "read" / "parse" / "__init__.py"),
        str(PACKAGE / "read" / "parse"), str(PACKAGE / "checks" / "stale_year.py"),
    ]  # fmt: skip
    assert got["source"] == plain["source"] > 10
    assert got["codes"] == plain["codes"] and got["output"] == plain["output"] and '"code"' in str(got["output"])


def test_an_edited_source_is_imported_as_usual(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(PACKAGE, site / "gialint", ignore=shutil.ignore_patterns("__pycache__", "*.bin"))
    bundle = site / "gialint" / "_bundle.bin"
    bundle.write_bytes(_bundle.build(str(site / "gialint")))
    resized = site / "gialint" / "checks" / "stale_year.py"
    resized.write_text(resized.read_text(encoding="utf-8") + "\n# edited after the bundle was built\n", encoding="utf-8")
    later = site / "gialint" / "read" / "parse" / "__init__.py"  # same size, written later
    future = bundle.stat().st_mtime_ns + _bundle.SLACK_NS + 10**9
    os.utime(later, ns=(future, future))
    got = _probe(site, bundle, site / "gialint")
    assert got["installed"] is True
    assert got["loaders"] == {"gialint.engine.session": "BundleLoader", "gialint.checks.stale_year": "SourceFileLoader", "gialint.read.parse": "SourceFileLoader"}
    assert got["files"][0] == str(site / "gialint" / "engine" / "session.py")  # type: ignore[index]


@pytest.mark.parametrize("damage", ["missing", "empty", "truncated", "garbage", "another python", "not a bundle"])
def test_a_missing_foreign_or_damaged_bundle_installs_nothing(tmp_path: Path, damage: str) -> None:
    bundle = tmp_path / "_bundle.bin"
    data = _bundle.build(str(PACKAGE / "model"))
    if damage == "empty":
        bundle.write_bytes(b"")
    elif damage == "truncated":
        bundle.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        bundle.write_bytes(b"\x00\xff" * 100)
    elif damage == "another python":
        _, modules = marshal.loads(data)
        bundle.write_bytes(marshal.dumps(((1, "cpython-399", b"\x00\x00\r\n"), modules)))
    elif damage == "not a bundle":
        bundle.write_bytes(marshal.dumps((_bundle.key(), ["gialint.x"])))
    before = list(sys.meta_path)
    assert _bundle.install(str(bundle), str(PACKAGE)) is False
    assert sys.meta_path == before


def test_the_bundle_holds_every_module_once_and_is_not_used_under_minus_o(tmp_path: Path) -> None:
    built, modules = marshal.loads(_bundle.build(str(PACKAGE)))
    assert built == _bundle.key()
    sources = {p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert len(modules) == len(sources)
    assert modules["gialint.read.parse"][:2] == (True, "read/parse/__init__.py")
    assert modules["gialint.cli.console"][:3] == (False, "cli/console.py", (PACKAGE / "cli" / "console.py").stat().st_size)
    bundle = tmp_path / "_bundle.bin"
    bundle.write_bytes(_bundle.build(str(PACKAGE)))
    code = f"from gialint import _bundle; print(_bundle.install({str(bundle)!r}, {str(PACKAGE)!r}))"
    done = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
    assert done.stdout.strip() == "False", done.stderr
