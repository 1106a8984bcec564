"""gialint's own regular expressions compiled at build time (gialint/_regexcode.py): every entry
rebuilt from the table is the Pattern ``re.compile`` makes, the committed list is current, and any
mismatch or damage falls back to ``re.compile`` silently, for that pattern or for all."""

from __future__ import annotations

import binascii
import marshal
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sourcefile import load

from gialint import _regexcode, _retree
from gialint._lazy import compile_re, lazy_re
from gialint.checks import _prefilter

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    return load("scripts/compile_regexes.py", "compile_regexes")


ENTRIES: list[tuple[str, int]] = _script().read_list()
STARTUP: list[tuple[str, int]] = _script().read_startup()

# Text the patterns can bite on: a report's title, prose, table rows of both shapes, a date range.
SAMPLES = [
    "",
    "# 某某县人民政府2021年政府信息公开工作年度报告",
    (ROOT / "examples" / "clean-2021.md").read_text(encoding="utf-8")[:3000],
    (ROOT / "examples" / "defective-2021.txt").read_text(encoding="utf-8")[:3000],
    "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。联系电话：0000-12345678，网址：具体网址",
    "一、总体情况\n（一）主动公开\n1. 本年新收政府信息公开申请 12 件，XX条\t3\t0\n| 总计 | 12 | 0 |",
]


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A table built from the committed list, in place of the package's own (which a source
    checkout may lack); the module's loaded table is reset before and after."""
    path = tmp_path / "_regexcode.bin"
    path.write_bytes(_regexcode.build(ENTRIES, STARTUP))
    monkeypatch.setattr(_regexcode, "TABLE", str(path))
    monkeypatch.setattr(_regexcode, "_table", None)
    monkeypatch.setattr(_regexcode, "_startup", {})
    yield path
    monkeypatch.setattr(_regexcode, "_table", None)


def _same(built: re.Pattern[str], pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert built == expected, pattern
    assert (built.pattern, built.flags, built.groups, dict(built.groupindex)) == (
        expected.pattern, expected.flags, expected.groups, dict(expected.groupindex)
    ), pattern
    for text in SAMPLES:
        got = [(m.span(), m.groups()) for m in built.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in expected.finditer(text)], pattern


def test_the_list_is_not_empty_and_holds_the_hot_patterns() -> None:
    assert len(ENTRIES) > 100
    assert (r"[\u4e00-\u9fff]", 0) in ENTRIES  # read/parse/texttokens: the widest class of a clean run
    assert len(set(ENTRIES)) == len(ENTRIES)


def test_every_entry_rebuilt_from_the_table_equals_re_compile(table: Path) -> None:
    for pattern, flags in ENTRIES:
        built = _regexcode._from_table(pattern, flags)
        assert built is not None, f"not taken from the table: {pattern!r}"
        _same(built, pattern, flags)


def test_compile_re_and_lazy_re_use_the_table(table: Path) -> None:
    pattern, flags = next((p, f) for p, f in ENTRIES if "(?P<" in p)
    seen = _regexcode.record()
    try:
        assert compile_re(pattern, flags) == re.compile(pattern, flags)
        lazy = lazy_re(r"[\u4e00-\u9fff]")
        assert lazy.search("ab中") is not None
    finally:
        _regexcode._recording = None
    assert {(pattern, flags), (r"[\u4e00-\u9fff]", 0)} <= seen
    assert _regexcode._table  # loaded, with the entries


def test_the_stored_prefilter_facts_are_the_computed_ones(table: Path) -> None:
    """Each entry carries what gialint._retree.facts reads from its parse tree, found under the
    flags a compiled Pattern reports too (re.UNICODE added); _prefilter answers alike either way."""
    told = 0
    for pattern, flags in ENTRIES:
        stored = _regexcode.facts(pattern, flags)
        assert stored is not None and stored == _retree.of(pattern, flags), pattern
        compiled = re.compile(pattern, flags)
        assert _regexcode.facts(pattern, compiled.flags) == stored, pattern
        assert _prefilter._facts(compiled) == stored, pattern
        told += stored[0] is not None
    assert told > len(ENTRIES) // 2  # most patterns need some character: the facts are not all empty
    assert _regexcode.facts("(?P<y>\\d{4})年", re.MULTILINE) is None  # not in the table


def test_prefilter_facts_without_a_table_are_computed(table: Path) -> None:
    table.unlink()
    pattern = next(p for p, f in ENTRIES if f == 0 and _retree.of(p, 0)[0])
    assert _regexcode.facts(pattern, 0) is None
    _prefilter._facts_of.cache_clear()
    try:
        assert _prefilter.needed(re.compile(pattern)) == _retree.of(pattern, 0)[0]
    finally:
        _prefilter._facts_of.cache_clear()


def test_the_committed_list_is_current() -> None:
    """A fresh recording over the representative runs finds no pattern missing from the list."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compile_regexes.py"), "--check"], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr + "\nrun: python scripts/compile_regexes.py"


# --------------------------------------------------------------------------- start-up patterns


def test_the_startup_list_holds_markdown_its_patterns_and_none_of_gialints() -> None:
    assert len(STARTUP) > 40 and len(set(STARTUP)) == len(STARTUP)
    assert not set(STARTUP) & set(ENTRIES)
    header = _script().startup_header()
    assert set(header) == {"python", "markdown-it-py"}
    from markdown_it.common import html_re

    assert (html_re.HTML_TAG_RE.pattern, 0) in STARTUP  # compiled at markdown-it-py's import


@pytest.fixture
def re_cache(monkeypatch: pytest.MonkeyPatch) -> dict[object, object]:
    """``re``'s cache, empty, for this test only."""
    cache: dict[object, object] = {}
    monkeypatch.setattr(re, "_cache", cache)
    if hasattr(re, "_cache2"):  # 3.12+: a second, first-in-first-out cache looked at first
        monkeypatch.setattr(re, "_cache2", {})
    return cache


def test_seeded_patterns_are_what_re_compile_makes(table: Path, re_cache: dict[object, object]) -> None:
    """Every start-up entry this Python can compile goes into re's cache under re's own key, and
    re.compile then returns it: equal to what re compiles itself, matching alike."""
    assert _regexcode.seed_re_cache() == len(re_cache) > 40
    for pattern, flags in STARTUP:
        seeded = re_cache.get((str, pattern, flags))
        if seeded is None:
            continue  # e.g. invalid for this Python's re: left to re
        assert re.compile(pattern, flags) is seeded
        assert re.compile(pattern, re.RegexFlag(flags)) is seeded if flags else True
        re_cache.clear()
        if hasattr(re, "_cache2"):
            re._cache2.clear()
        _same(seeded, pattern, flags)  # type: ignore[arg-type]
        re_cache[str, pattern, flags] = seeded


def test_seeding_keeps_what_re_has_and_stops_without_room(table: Path, re_cache: dict[object, object], monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, flags = STARTUP[0]
    mine = re.compile("x")
    re_cache.clear()
    re_cache[str, pattern, flags] = mine
    assert _regexcode.seed_re_cache() == len(re_cache) - 1
    assert re_cache[str, pattern, flags] is mine
    re_cache.clear()
    monkeypatch.setattr(re, "_MAXCACHE", len(_regexcode._startup) - 1)
    assert _regexcode.seed_re_cache() == 0 and not re_cache
    monkeypatch.delattr(re, "_cache")
    assert _regexcode.seed_re_cache() == 0


def test_a_table_without_startup_patterns_seeds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, re_cache: dict[object, object]) -> None:
    path = tmp_path / "t.bin"
    path.write_bytes(_regexcode.build(ENTRIES[:3]))
    monkeypatch.setattr(_regexcode, "TABLE", str(path))
    monkeypatch.setattr(_regexcode, "_table", None)
    monkeypatch.setattr(_regexcode, "_startup", {})
    assert _regexcode.seed_re_cache() == 0 and not re_cache
    monkeypatch.setattr(_regexcode, "_table", None)


def test_a_console_run_compiles_none_of_the_startup_patterns(table: Path) -> None:
    """A fresh process that seeds as the console does, then checks a clean report: no pattern of
    markdown-it-py, mdurl or argparse reaches re's compiler (the list is current for this Python
    and markdown-it-py)."""
    if _script().startup_header() != _script().recorded_with():
        pytest.skip("the start-up list was recorded with another Python or markdown-it-py")
    code = f"""
import io, re, sys
from gialint import _regexcode
_regexcode.TABLE = {str(table)!r}
print(_regexcode.seed_re_cache() > 0)
compile_ = re._compile
seen = []
def spy(pattern, flags):
    value = flags.value if isinstance(flags, re.RegexFlag) else flags
    if (type(pattern), pattern, value) not in re._cache:
        caller = sys._getframe(1)
        while caller.f_code.co_filename.endswith(("re/__init__.py", "functools.py")):
            caller = caller.f_back
        if any(name in caller.f_code.co_filename for name in ("markdown_it", "mdurl", "argparse")):
            seen.append(pattern)
    return compile_(pattern, flags)
re._compile = spy
from gialint.cli.program import main
main(["check", "--no-cache", {str(ROOT / "examples" / "clean-2021.md")!r}], io.StringIO(), io.StringIO())
print(seen)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.split("\n")[:2] == ["True", "[]"], done.stdout + done.stderr


# --------------------------------------------------------------------------- falling back


def _all_fall_back() -> None:
    for pattern, flags in ENTRIES[:20] + [("(?P<a>x)y", 0)]:
        assert _regexcode._from_table(pattern, flags) is None
        assert _regexcode.compile(pattern, flags) == re.compile(pattern, flags)
    assert _regexcode._table == {}


def _rewrite(path: Path, key: object = None, payload: bytes | None = None) -> None:
    """The table file with another key or payload (and that payload's CRC)."""
    built, _, old_payload = marshal.loads(path.read_bytes())
    payload = old_payload if payload is None else payload
    path.write_bytes(marshal.dumps((built if key is None else key, binascii.crc32(payload), payload)))


def test_a_table_of_another_python_is_not_used(table: Path) -> None:
    _rewrite(table, key=(1, "cpython", (3, 99), 0, 4, sys.maxunicode))
    _all_fall_back()


@pytest.mark.parametrize("damage", ["missing", "empty", "truncated", "garbage", "flipped byte", "not a table"])
def test_a_missing_or_damaged_file_falls_back(table: Path, damage: str) -> None:
    data = table.read_bytes()
    if damage == "missing":
        table.unlink()
    elif damage == "empty":
        table.write_bytes(b"")
    elif damage == "truncated":
        table.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        table.write_bytes(b"\x00\xff" * 100)
    elif damage == "flipped byte":  # the CRC no longer matches
        at = len(data) // 2
        table.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :])
    else:
        table.write_bytes(marshal.dumps((_regexcode.key(), binascii.crc32(b"x"), b"x")))
    _all_fall_back()


def test_a_damaged_entry_falls_back_for_that_pattern_only(table: Path) -> None:
    _, _, payload = marshal.loads(table.read_bytes())
    entries, early = marshal.loads(payload)
    (bad, bad_flags), (good, good_flags) = ENTRIES[0], ENTRIES[1]
    final, code, groups, groupindex, indexgroup, found = entries[bad, bad_flags]
    entries[bad, bad_flags] = (final, b"\xff\xff\xff\x7f" * (len(code) // 4), groups, groupindex, indexgroup, found)
    _rewrite(table, payload=marshal.dumps((entries, early)))
    assert _regexcode._from_table(bad, bad_flags) is None  # _sre.compile refused the code
    assert _regexcode.compile(bad, bad_flags) == re.compile(bad, bad_flags)
    assert _regexcode._from_table(good, good_flags) is not None


def test_patterns_not_in_the_table_compile_as_re_does(table: Path) -> None:
    assert _regexcode.compile("(?P<y>\\d{4})年", re.MULTILINE) == re.compile("(?P<y>\\d{4})年", re.MULTILINE)
    assert _regexcode.compile(rb"\d+") == re.compile(rb"\d+")  # type: ignore[arg-type]
    with pytest.raises(re.error):
        _regexcode.compile("(unbalanced")
    pattern, flags = ENTRIES[0]
    assert _regexcode.compile(pattern, flags | re.IGNORECASE) == re.compile(pattern, flags | re.IGNORECASE)


def test_the_build_leaves_out_what_this_python_cannot_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.bin"
    path.write_bytes(_regexcode.build([("(unbalanced", 0), ("a+b", 0)]))
    monkeypatch.setattr(_regexcode, "TABLE", str(path))
    monkeypatch.setattr(_regexcode, "_table", None)
    assert _regexcode._from_table("a+b", 0) is not None
    assert _regexcode._from_table("(unbalanced", 0) is None
    monkeypatch.setattr(_regexcode, "_table", None)
