"""One cache entry as plain JSON data: written by gialint, read back as untrusted input.

An entry is ``{"format": "gialint-cache", "version": N, "key": KEY, "result": {...}}`` holding
the fields of a :class:`~gialint.engine.result.FileResult` and its diagnostics (with their fixes and
``location``). Reading checks every field's type; any other file — a pickle, garbage, another
version, another key, a wrong shape, a link — is a miss, and nothing in it is ever executed.

Corpus rules' features may be any plain data (None, bool, int, float, str, list, and tuples,
dicts with any plain keys, sets, frozensets, arrays of numbers — tagged so they come back as they were); a result
holding anything else (a plugin's own objects) is simply not cached.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from array import array
from pathlib import Path
from typing import Any

from gialint.engine.result import FileResult
from gialint.model.diagnostic import Diagnostic, Edit, Location, Severity
from gialint.model.record import Record

FORMAT = "gialint-cache"
VERSION = 2
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""An entry larger than this is not read (a report's result is kilobytes)."""


_ARRAY_CODES = frozenset("bBhHiIlLqQfd")


class Unsupported(Exception):
    """A value that is not plain data."""


class BadEntry(Exception):
    """An entry whose shape is not one gialint writes."""


# --------------------------------------------------------------------------- plain data


def _encode(value: Any) -> Any:
    """JSON for plain data; lists stay lists, everything else that is not JSON is tagged."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, frozenset):
        return {"f": [_encode(v) for v in value]}
    if isinstance(value, set):
        return {"s": [_encode(v) for v in value]}
    if isinstance(value, array):
        return {"a": [value.typecode, value.tolist()]}
    raise Unsupported(type(value).__name__)


def _decode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        (tag, items), = value.items()
        if isinstance(items, list):
            if tag == "t":
                return tuple(_decode(v) for v in items)
            if tag == "d" and all(isinstance(kv, list) and len(kv) == 2 for kv in items):
                return {_decode(k): _decode(v) for k, v in items}
            if tag == "f":
                return frozenset(_decode(v) for v in items)
            if tag == "s":
                return {_decode(v) for v in items}
            if tag == "a" and len(items) == 2 and items[0] in _ARRAY_CODES and isinstance(items[1], list):
                return array(items[0], items[1])
    raise BadEntry("not a value gialint writes")


# --------------------------------------------------------------------------- typed fields


def _want(value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise BadEntry(f"expected {kind}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadEntry("expected a number")
    return value


def _location(data: Any) -> Location:
    _want(data, dict)
    fields: dict[str, Any] = {"kind": _want(data.get("kind"), str)}
    for name in ("paragraph", "table", "row", "column", "page"):
        if name in data:
            fields[name] = _int(data[name])
    for name in ("table_name", "row_label", "column_label", "quote"):
        if name in data:
            fields[name] = _want(data[name], str)
    if "heading" in data:
        fields["heading"] = tuple(_want(h, str) for h in _want(data["heading"], list))
    if set(data) - set(fields):
        raise BadEntry("unknown location field")
    return Location(**fields)


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "rule": d.rule,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "severity": int(d.severity),
        "message_zh": d.message_zh,
        "message_en": d.message_en,
        "fix": [[e.line, e.column, e.end_line, e.end_column, e.text] for e in d.fix],
        "location": d.location.as_dict() if d.location is not None else None,
        "related": [[path, line] for path, line in d.related],
        "rank": d.rank,
    }


def _undiagnostic(data: Any) -> Diagnostic:
    _want(data, dict)
    fixes = []
    for edit in _want(data["fix"], list):
        line, column, end_line, end_column, text = _want(edit, list)
        fixes.append(Edit(_int(line), _int(column), _int(end_line), _int(end_column), _want(text, str)))
    location = data["location"]
    return Diagnostic(
        _want(data["path"], str),
        _int(data["line"]),
        _int(data["column"]),
        _want(data["code"], str),
        _want(data["rule"], str),
        _int(data["end_line"]),
        _int(data["end_column"]),
        Severity(_int(data["severity"])),
        _want(data["message_zh"], str),
        _want(data["message_en"], str),
        tuple(fixes),
        None if location is None else _location(location),
        tuple((_want(path, str), _int(line)) for path, line in (_want(pair, list) for pair in _want(data["related"], list))),
        _int(data["rank"]),
    )


def dump(key: str, result: FileResult) -> bytes | None:
    """The entry for ``result`` (a portable result, without its document); None if not plain data."""
    try:
        body = {
            "path": result.path,
            "diagnostics": [_diagnostic(d) for d in result.diagnostics],
            "features": _encode(dict(result.features)),
            "lines": list(result.lines) if result.lines is not None else None,
            "agency": result.agency,
            "year": result.year,
            "suppressed": [[a, b, sorted(rules)] for a, b, rules in result.suppressed],
        }
    except Unsupported:
        return None
    entry = {"format": FORMAT, "version": VERSION, "key": key, "result": body}
    # ASCII escapes keep file names that are not valid UTF-8 (surrogate escapes) exactly.
    return json.dumps(entry, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _result(body: Any) -> FileResult:
    _want(body, dict)
    lines = body["lines"]
    features = _decode(body["features"])
    suppressed = []
    for item in _want(body["suppressed"], list):
        a, b, rules = _want(item, list)
        suppressed.append((_int(a), _int(b), frozenset(_want(r, str) for r in _want(rules, list))))
    year = body["year"]
    return FileResult(
        _want(body["path"], str),
        tuple(_undiagnostic(d) for d in _want(body["diagnostics"], list)),
        None,
        _want(features, dict),
        None if lines is None else tuple(_want(line, str) for line in _want(lines, list)),
        None if body["agency"] is None else _want(body["agency"], str),
        None if year is None else _int(year),
        tuple(suppressed),
    )


def _read_all(fd: int, size: int, limit: int) -> bytes:
    """The descriptor's bytes to its end (``size`` as ``fstat`` said; past ``limit`` the rest is
    not read, and what is returned is longer than ``limit``: never a prefix taken for the file)."""
    chunks = [os.read(fd, size + 1)]  # one call for a file as large as it said it was
    total = len(chunks[0])
    if total <= size:
        return chunks[0]  # a short read of a regular file is its end
    while chunks[-1] and total <= limit:
        chunks.append(os.read(fd, min(limit + 1 - total, 1 << 20)))
        total += len(chunks[-1])
    return b"".join(chunks)


def read_regular(path: str | os.PathLike[str], limit: int = MAX_ENTRY_BYTES, follow_links: bool = False) -> bytes | None:
    """The bytes of the regular file at ``path``, or None: none there, not a regular file (a FIFO
    or a device is never waited on), larger than ``limit``, unreadable, or a link unless
    ``follow_links``. A cache entry is never read through a link; a report may be one."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        return _read_all(fd, st.st_size, limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _body(path: str | os.PathLike[str], key: str, form: str, version: int) -> Any:
    """The body of the entry of format ``form`` stored at ``path`` for ``key`` (unchecked), or None."""
    raw = read_regular(path)
    if raw is None:
        return None
    entry = json.loads(raw)
    if not isinstance(entry, dict) or entry.get("format") != form or entry.get("version") != version:
        return None
    if entry.get("key") != key:
        return None
    return entry["result"]


_BAD = (ValueError, TypeError, KeyError, OverflowError, RecursionError, BadEntry)
"""What reading an entry of the wrong shape raises: garbage, a pickle, a hand-made entry."""


def load(path: str | os.PathLike[str], key: str) -> FileResult | None:
    """The result stored at ``path`` for ``key``, or None for anything that is not such an entry."""
    try:
        body = _body(path, key, FORMAT, VERSION)
        return None if body is None else _result(body)
    except _BAD:
        return None  # a miss


# --------------------------------------------------------------------------- configuration entries

CONFIG_FORMAT = "gialint-cache-config"
CONFIG_VERSION = 1


class ConfigEntry(Record):
    """What a run served from the cache needs of a configuration it does not load: the key of its
    results (:func:`gialint.engine.cache.config_fingerprint`), the files it was read from with
    their digests then, and what the command line takes from it (``exclude:``, ``lang:``,
    ``fail-on:``, the rules' names and codes for ``--select``/``--ignore`` warnings)."""

    __slots__ = ("exclude", "fail_on", "files", "fingerprint", "lang", "root", "rules")
    fingerprint: str
    files: tuple[tuple[str, str], ...]
    """(path, digest) of every file the configuration was read from (what it extends included)."""
    exclude: tuple[str, ...]
    root: str
    lang: str | None
    fail_on: int | None
    rules: tuple[tuple[str, str], ...]
    """(name, code) of every rule the configuration knows."""

    def __init__(
        self, fingerprint: str, files: tuple[tuple[str, str], ...], exclude: tuple[str, ...], root: str,
        lang: str | None, fail_on: int | None, rules: tuple[tuple[str, str], ...],
    ) -> None:  # fmt: skip
        self._init(exclude, fail_on, files, fingerprint, lang, root, rules)


def dump_config(key: str, entry: ConfigEntry) -> bytes:
    body = {
        "fingerprint": entry.fingerprint,
        "files": [list(pair) for pair in entry.files],
        "exclude": list(entry.exclude),
        "root": entry.root,
        "lang": entry.lang,
        "fail_on": entry.fail_on,
        "rules": [list(pair) for pair in entry.rules],
    }
    data = {"format": CONFIG_FORMAT, "version": CONFIG_VERSION, "key": key, "result": body}
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for pair in _want(value, list):
        a, b = _want(pair, list)
        out.append((_want(a, str), _want(b, str)))
    return tuple(out)


def load_config(path: str | os.PathLike[str], key: str) -> ConfigEntry | None:
    """The configuration entry stored at ``path`` for ``key``; None for anything else."""
    try:
        body = _body(path, key, CONFIG_FORMAT, CONFIG_VERSION)
        if body is None:
            return None
        _want(body, dict)
        lang, fail_on = body["lang"], body["fail_on"]
        return ConfigEntry(
            _want(body["fingerprint"], str),
            _pairs(body["files"]),
            tuple(_want(g, str) for g in _want(body["exclude"], list)),
            _want(body["root"], str),
            None if lang is None else _want(lang, str),
            None if fail_on is None else _int(fail_on),
            _pairs(body["rules"]),
        )
    except _BAD:
        return None


def write_new(folder: Path, name: str, data: bytes) -> None:
    """Write ``folder/name``: an entry (``.json``, ``.conf``) replaces the old one atomically (a
    link in its place is replaced, never followed); the tag and ``.gitignore`` are only ever
    created, never overwritten."""
    if not name.endswith((".json", ".conf")):
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return
    import tempfile  # only on a miss: a warm run writes nothing

    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
