"""Record the regular expressions gialint compiles of its own, and compile them for this Python.

``scripts/builtin_regexes.json`` lists, one a line, the (flags, pattern) that go through
``gialint._lazy.lazy_re`` and ``compile_re`` — gialint's modules, its built-in rule sets and
formats — on representative runs of ``gialint check`` without third-party plugins: the bundled
examples and the test fixtures' reports one at a time, and 40 generated reports of every bench
shape (about half of them with planted defects) together. A user's pattern never goes there (it is compiled by ``regex``, timed). The list is data: the wheel's
build hook (``hatch_build.py``) turns it into ``gialint/_regexcode.bin`` with the standard
library only (see ``gialint/_regexcode.py``), and a test checks that it is current.

``scripts/startup_regexes.json`` lists the patterns a ``gialint check`` process compiles through
``re`` itself (markdown-it-py's and mdurl's at import, argparse's, the standard library's), recorded
from fresh processes; its first line names the Python and markdown-it-py it was recorded with. The
same table carries them, and the console puts them into ``re``'s cache at start
(``gialint._regexcode.seed_re_cache``). A stale list costs speed, never a result.

``python scripts/compile_regexes.py`` records both lists anew and writes them and the source tree's
table (git-ignored; an editable install reads it). ``--table`` only writes the table from the
committed lists; ``--check`` only compares a fresh recording with the lists (exit 1 when stale;
the start-up list only under the Python and markdown-it-py it names).
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "scripts" / "builtin_regexes.json"
STARTUP = ROOT / "scripts" / "startup_regexes.json"
TABLE = ROOT / "gialint" / "_regexcode.bin"


def regexcode() -> ModuleType:
    """``gialint/_regexcode.py`` alone (standard library only), not the package."""
    spec = importlib.util.spec_from_file_location("_gialint_regexcode", ROOT / "gialint" / "_regexcode.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_list(path: Path = LIST) -> list[tuple[str, int]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return [(row[1], row[0]) for row in rows if isinstance(row, list)]  # a start-up list's first line is a dict


def read_startup(path: Path = STARTUP) -> list[tuple[str, int]]:
    """The start-up list (empty when there is none)."""
    return read_list(path) if path.is_file() else []


def recorded_with() -> dict[str, str]:
    """What the start-up list depends on: this Python's version and markdown-it-py's."""
    from importlib.metadata import version

    return {"python": "%d.%d" % sys.version_info[:2], "markdown-it-py": version("markdown-it-py")}


def startup_header(path: Path = STARTUP) -> dict[str, str]:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0] if path.is_file() else ""
    found = json.loads(first) if first.strip() else {}
    return found if isinstance(found, dict) else {}


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


def table(entries: list[tuple[str, int]], startup: Sequence[tuple[str, int]] = ()) -> bytes:
    return regexcode().build(entries, startup)  # type: ignore[no-any-return]


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


# Run in a fresh process: note every (pattern, flags) that reaches re's compiler (not its cache).
_SPY = """
import io, json, re, sys
seen = set()
compile_ = re._compile
def spy(pattern, flags):
    value = flags.value if isinstance(flags, re.RegexFlag) else flags
    if type(pattern) is str and not value & re.DEBUG and (str, pattern, value) not in re._cache:
        seen.add((pattern, value))
    return compile_(pattern, flags)
re._compile = spy
from gialint.cli.program import main
for argv in json.loads(sys.argv[1]):
    main(argv, io.StringIO(), io.StringIO())
print(json.dumps(sorted(seen)))
"""


def recorded_startup() -> set[tuple[str, int]]:
    """What fresh ``gialint check`` processes compile through ``re`` on the bundled examples (a
    clean Markdown report alone; all of them, the result cache empty and then full), gialint's own
    list left out."""
    import subprocess

    examples = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.is_file())
    with tempfile.TemporaryDirectory(prefix="gialint-startup-") as tmp:
        cached = ["check", "--jobs", "1", "--cache-dir", tmp, *examples]
        runs = [[["check", "--no-cache", str(ROOT / "examples" / "clean-2021.md")]], [cached, cached]]
        seen: set[tuple[str, int]] = set()
        for argvs in runs:
            done = subprocess.run(
                [sys.executable, "-c", _SPY, json.dumps(argvs)], capture_output=True, text=True, check=True, cwd=tmp
            )
            seen |= {(pattern, flags) for pattern, flags in json.loads(done.stdout.splitlines()[-1])}
    return seen - set(read_list())


def startup_text(entries: set[tuple[str, int]]) -> str:
    return json.dumps(recorded_with(), sort_keys=True) + "\n" + list_text(entries)


def stale(entries: set[tuple[str, int]], path: Path = LIST) -> tuple[list[str], list[str]]:
    """(recorded but not listed, listed but no longer recorded) patterns."""
    listed = set(read_list(path)) if path.is_file() else set()
    return sorted(f"{f}:{p}" for p, f in entries - listed), sorted(f"{f}:{p}" for p, f in listed - entries)


def main() -> int:
    if "--table" in sys.argv:
        TABLE.write_bytes(table(read_list(), read_startup()))
        print(f"wrote {TABLE}")
        return 0
    entries = recorded()
    if "--check" in sys.argv:
        found = [(LIST, stale(entries))]
        if startup_header() == recorded_with():  # else recorded under another Python or markdown-it-py
            found.append((STARTUP, stale(recorded_startup(), STARTUP)))
        for path, (missing, extra) in found:
            if missing or extra:
                print(f"{path} is out of date: run python scripts/compile_regexes.py", file=sys.stderr)
                for item in missing:
                    print(f"  missing {item!r}", file=sys.stderr)
                for item in extra:
                    print(f"  no longer compiled {item!r}", file=sys.stderr)
        return 1 if any(missing or extra for _, (missing, extra) in found) else 0
    LIST.write_text(list_text(entries), encoding="utf-8")
    early = recorded_startup()
    STARTUP.write_text(startup_text(early), encoding="utf-8")
    TABLE.write_bytes(table(read_list(), read_startup()))
    print(f"wrote {LIST} ({len(entries)} patterns), {STARTUP} ({len(early)}) and {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
