"""Record the regular expressions gialint compiles of its own, and compile them for this Python.

``scripts/builtin_regexes.json`` lists, one a line, the (flags, pattern) that go through
``gialint._lazy.lazy_re`` and ``compile_re`` — gialint's modules, its built-in rule sets and
formats — on representative runs of ``gialint check`` without third-party plugins: the bundled
examples and the test fixtures' reports one at a time, and 40 generated reports of every bench
shape (about half of them with planted defects) together. A user's pattern never goes there (it is compiled by ``regex``, timed). The list is data: the wheel's
build hook (``hatch_build.py``) turns it into ``gialint/_regexcode.bin`` with the standard
library only (see ``gialint/_regexcode.py``), and a test checks that it is current.

``python scripts/compile_regexes.py`` records the list anew and writes it and the source tree's
table (git-ignored; an editable install reads it). ``--table`` only writes the table from the
committed list; ``--check`` only compares a fresh recording with the list (exit 1 when stale).
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "scripts" / "builtin_regexes.json"
TABLE = ROOT / "gialint" / "_regexcode.bin"


def regexcode() -> ModuleType:
    """``gialint/_regexcode.py`` alone (standard library only), not the package."""
    spec = importlib.util.spec_from_file_location("_gialint_regexcode", ROOT / "gialint" / "_regexcode.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_list(path: Path = LIST) -> list[tuple[str, int]]:
    return [(pattern, flags) for flags, pattern in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())]


def _line(pattern: str, flags: int) -> str:
    """Readable: characters as written, but for those UTF-8 cannot carry (lone surrogates)."""
    readable = json.dumps([flags, pattern], ensure_ascii=False)
    try:
        readable.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps([flags, pattern])
    return readable


def list_text(entries: set[tuple[str, int]] | list[tuple[str, int]]) -> str:
    return "".join(_line(pattern, flags) + "\n" for pattern, flags in sorted(set(entries)))


def table(entries: list[tuple[str, int]]) -> bytes:
    return regexcode().build(entries)  # type: ignore[no-any-return]


def _reports(work: Path) -> tuple[list[Path], list[list[Path]]]:
    """The runs to record: files checked one at a time, and batches checked together."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    alone = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())
    alone += sorted((ROOT / "tests" / "fixtures" / "reports").iterdir())
    batches = []
    for shape in generate.SHAPES:
        out = work / shape
        generate.generate(out, count=40, seed=1, defect_rate=0.5, shapes=(shape,))
        batches.append(sorted(p for p in out.iterdir() if p.name != "manifest.json"))
    return alone, batches


def recorded() -> set[tuple[str, int]]:
    """What gialint compiles through its table on the representative runs (needs gialint)."""
    import contextlib
    import io

    from gialint import _regexcode
    from gialint.cli.program import main
    from gialint.engine.entrypoints import entry_points
    from gialint.engine.plugin import ENTRY_POINT_GROUP

    seen = _regexcode.record()
    entry_points(ENTRY_POINT_GROUP)  # the plugins' discovery, whose loading the runs leave out
    with tempfile.TemporaryDirectory(prefix="gialint-regexes-") as tmp:
        alone, batches = _reports(Path(tmp))
        runs = [[str(file)] for file in alone] + [["--format", "json", *map(str, files)] for files in batches]
        for args in runs:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
                main(["check", "--no-cache", "--no-plugins", "--jobs", "1", *args])
    return seen


def stale(entries: set[tuple[str, int]], path: Path = LIST) -> tuple[list[str], list[str]]:
    """(recorded but not listed, listed but no longer recorded) patterns."""
    listed = set(read_list(path)) if path.is_file() else set()
    return sorted(f"{f}:{p}" for p, f in entries - listed), sorted(f"{f}:{p}" for p, f in listed - entries)


def main() -> int:
    if "--table" in sys.argv:
        TABLE.write_bytes(table(read_list()))
        print(f"wrote {TABLE}")
        return 0
    entries = recorded()
    if "--check" in sys.argv:
        missing, extra = stale(entries)
        if missing or extra:
            print(f"{LIST} is out of date: run python scripts/compile_regexes.py", file=sys.stderr)
            for item in missing:
                print(f"  missing {item!r}", file=sys.stderr)
            for item in extra:
                print(f"  no longer compiled {item!r}", file=sys.stderr)
            return 1
        return 0
    LIST.write_text(list_text(entries), encoding="utf-8")
    TABLE.write_bytes(table(read_list()))
    print(f"wrote {LIST} ({len(entries)} patterns) and {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
