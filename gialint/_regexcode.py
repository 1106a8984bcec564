"""gialint's own regular expressions, compiled when the wheel was built: :func:`compile` is
``re.compile`` without the parse and the code generation (on a clean report, ~160 compiles and
a third of a cold run's instructions before).

``scripts/builtin_regexes.json`` lists the (pattern, flags) gialint's modules and its built-in
rule sets and formats compile on representative runs (``scripts/compile_regexes.py`` records
it). The wheel's build hook (``hatch_build.py``), and the script for a source checkout, turn the
list into ``_regexcode.bin`` next to this module with :func:`build`: for each pattern what
``re._compiler.compile`` hands to ``_sre.compile`` — the final flags, the sre code, the group
count and names — and what the parse tree tells a prefilter (:func:`gialint._retree.facts`, read
by :func:`facts`). :func:`compile` looks a pattern up there (the table is read once, on first
use) and builds the Pattern with ``_sre.compile``.

Why this is safe:

* The file is part of the installed package, written by the build from the package's own list,
  and trusted like the package's code; it is never read from, or written to, a user cache.
* It is only used by the Python it was built for: its key names the implementation, the
  ``sys.version_info[:2]``, the sre engine's ``MAGIC`` and ``CODESIZE`` and ``sys.maxunicode``.
  A CRC of the table guards against a damaged file.
* ``_sre.compile`` validates the code it is given (it raises on code the engine could not run).
* Two Patterns compare equal only with equal pattern, flags and code; the tests check that
  every entry rebuilt here equals ``re.compile``'s.

When it falls back to ``re.compile`` (silently, for that pattern or for all): a missing,
unreadable, truncated or damaged file, a key of another Python, a pattern or flags not in the
table, a bytes pattern, or any exception while building the Pattern.

The same file carries a second, smaller table: the patterns the command's process compiles at
start-up through ``re`` itself — markdown-it-py's and mdurl's at import, argparse's, a few of the
standard library's (``scripts/startup_regexes.json``, recorded from fresh ``gialint check``
processes). A console run puts them into ``re``'s own cache before importing anything
(:func:`seed_re_cache`), so ``re.compile`` finds them there instead of parsing and compiling them
(about 60 M instructions, an eighth of a one-file check). Each goes in under the key ``re`` itself
would use, as the Pattern ``re.compile`` would have made; one ``re`` no longer has, or a
pattern a library no longer compiles, costs a lookup and nothing else.

This module needs the standard library only: the build hook loads it alone.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_regexcode.bin")
"""The compiled table: git-ignored in a source checkout, made by the build hook in a wheel."""

_FORMAT = 3

_UNICODE = 32
"""``re.UNICODE``, without importing ``re``."""
_DEBUG = 128
"""``re.DEBUG``: such a compile prints the parse and is never cached."""

_table: dict[tuple[str, int], Any] | None = None
_startup: dict[tuple[str, int], Any] = {}
"""The start-up table: (pattern, flags) -> the first five fields of an entry (no facts)."""
_typecode_loaded = "I"
_recording: set[tuple[str, int]] | None = None


def key() -> tuple[Any, ...]:
    """What a table must have been built by: this Python's regular-expression engine."""
    import _sre

    return (_FORMAT, sys.implementation.name, tuple(sys.version_info[:2]), _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)


def _entry(pattern: str, flags: int, analyse: Any) -> tuple[int, bytes, int, dict[str, int], tuple[str | None, ...], Any]:
    """What ``re._compiler.compile`` passes to ``_sre.compile``, the code as bytes, and
    ``analyse(tree)`` (the prefilter's facts) of the same parse."""
    import array
    import re._compiler as compiler  # type: ignore[import-not-found]
    import re._parser as parser  # type: ignore[import-not-found]

    tree = parser.parse(pattern, flags)
    found = analyse(tree)
    code = compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | tree.state.flags, array.array(_typecode(), code).tobytes(), tree.state.groups - 1, groupindex, tuple(indexgroup), found)


def _typecode() -> str:
    import _sre
    import array

    for code in "IL":
        if array.array(code).itemsize == _sre.CODESIZE:
            return code
    raise ValueError(f"no array type of {_sre.CODESIZE} bytes")


def _retree() -> Any:
    """``_retree.py`` beside this file, alone (the build hook has no ``gialint`` package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_gialint_retree", os.path.join(os.path.dirname(os.path.abspath(__file__)), "_retree.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(entries: list[tuple[str, int]], startup: Iterable[tuple[str, int]] = ()) -> bytes:
    """The table file for ``entries`` (pattern, flags) and the start-up patterns ``startup``, for
    the Python that runs this."""
    import binascii
    import marshal

    analyse = _retree().facts
    table = {}
    for pattern, flags in entries:
        try:
            table[pattern, int(flags)] = _entry(pattern, int(flags), analyse)
        except Exception:  # noqa: BLE001, S112 - e.g. invalid for this Python's re: compiled at run time, as before
            continue
    early = {}
    for pattern, flags in startup:
        if int(flags) & _DEBUG:
            continue  # re caches no pattern compiled with re.DEBUG
        try:
            early[pattern, int(flags)] = _entry(pattern, int(flags), _no_facts)[:5]
        except Exception:  # noqa: BLE001, S112 - invalid for this Python's re: left to re, as before
            continue
    payload = marshal.dumps((table, early))
    return marshal.dumps((key(), binascii.crc32(payload), payload))


def _no_facts(tree: Any) -> None:
    return None


def _load() -> dict[tuple[str, int], Any]:
    """gialint's own table; the start-up table goes to ``_startup``."""
    global _typecode_loaded, _startup
    try:
        import binascii
        import marshal

        with open(TABLE, "rb") as file:
            built, crc, payload = marshal.loads(file.read())
        if built != key() or binascii.crc32(payload) != crc:
            return {}
        table, early = marshal.loads(payload)
        _typecode_loaded = _typecode()
        _startup = early if isinstance(early, dict) else {}
        return table if isinstance(table, dict) else {}
    except Exception:  # noqa: BLE001 - missing, unreadable, truncated: compile as re does
        return {}


def _built(pattern: str, entry: Any) -> re.Pattern[str] | None:
    """The Pattern of a table entry, or None when the entry is damaged."""
    try:
        import _sre
        import array

        final, code, groups, groupindex, indexgroup = entry[:5]
        return _sre.compile(pattern, final, array.array(_typecode_loaded, code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - a damaged entry (the CRC matched): compile as re does
        return None


def _from_table(pattern: str, flags: int) -> re.Pattern[str] | None:
    global _table
    if _table is None:
        _table = _load()
    entry = _table.get((pattern, flags)) if type(pattern) is str else None
    return None if entry is None else _built(pattern, entry)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the table when it holds the pattern."""
    if _recording is not None:
        _recording.add((pattern, int(flags)))
    found = _from_table(pattern, flags)
    if found is not None:
        return found
    import re

    return re.compile(pattern, flags)


def facts(pattern: str, flags: int) -> Any:
    """The prefilter's facts stored for ``pattern`` (see :func:`gialint._retree.facts`), or None
    when the table lacks it. ``flags`` may be a compiled Pattern's: its implied ``re.UNICODE``
    changes no parse of a str pattern."""
    global _table
    if _table is None:
        _table = _load()
    entry = _table.get((pattern, flags))
    if entry is None and flags & _UNICODE:
        entry = _table.get((pattern, flags & ~_UNICODE))
    try:
        return entry[5] if entry is not None and type(pattern) is str else None
    except Exception:  # noqa: BLE001 - a damaged entry: compute the facts as without a table
        return None


def record() -> set[tuple[str, int]]:
    """Start noting every (pattern, flags) :func:`compile` is asked for (scripts/compile_regexes.py)."""
    global _recording
    _recording = set()
    return _recording


def seed_re_cache() -> int:
    """Put the start-up table's Patterns into ``re``'s cache where ``re.compile`` looks first
    (the key ``re._compile`` uses: type, pattern, int flags): the console's process does it before
    importing the libraries that compile them. Entries ``re`` holds already stay; nothing is done
    when ``re`` keeps no such dict or it has no room. The number of Patterns put in."""
    global _table
    import re

    cache = getattr(re, "_cache", None)
    room = getattr(re, "_MAXCACHE", 0) - (len(cache) if type(cache) is dict else 0)
    if type(cache) is not dict or type(room) is not int:
        return 0
    if _table is None:
        _table = _load()
    if len(_startup) > room:
        return 0  # re would drop its oldest entries to make room: leave it to re
    put = 0
    for (pattern, flags), entry in _startup.items():
        cache_key = (str, pattern, flags)
        if cache_key not in cache:
            built = _built(pattern, entry)
            if built is not None:
                cache[cache_key] = built
                put += 1
    return put
