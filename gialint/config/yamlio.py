"""Reading YAML with positions (ruamel.yaml round-trip) and the located :class:`ConfigError`.

This module imports nothing of gialint: the wheel's build hook (``hatch_build.py``) loads it
alone to compile the built-in rule sets, with only ruamel.yaml installed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

__all__ = ["ConfigError", "close_matches", "pos", "read_config_text", "read_yaml"]

MAX_CONFIG_BYTES = 1024 * 1024
"""A configuration file larger than this is refused before it is read (the national formats are ~20 KB)."""
MAX_DEPTH = 40
"""Nesting deeper than this is refused while the YAML is composed (the formats nest about 8 deep)."""
MAX_NODES = 200_000
"""Values a configuration may stand for once its aliases (``*name``) are expanded: a few aliases
that refer to each other otherwise stand for billions of values (the "billion laughs")."""


class ConfigError(Exception):
    """A configuration problem at ``path:line:column`` (1-based; 0 when the place is unknown)."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.column, self.message = path, line, column, message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.message}"


def read_config_text(path: str, where: tuple[str, int, int] | None = None, what: str = "config file") -> str:
    """The text of a configuration file, read only if it is a regular file of sane size.

    FIFOs, devices (``/dev/zero``), directories, symlink loops and files over
    :data:`MAX_CONFIG_BYTES` are refused without reading them: the file is opened without
    blocking and checked with ``fstat`` before a byte is read. Errors are located at ``where``
    (the file, line and column that named ``path``, e.g. an ``extends:`` item) when given, else
    at ``path``; they never quote the file's content.
    """
    import stat

    def fail(reason: str) -> ConfigError:
        if where is None:
            return ConfigError(path, 0, 0, reason)
        return ConfigError(where[0], where[1], where[2], f"{path}: {reason}")

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return _raise(fail(f"{what} not found"))
    except IsADirectoryError:
        return _raise(fail("is a directory, not a file"))
    except OSError as exc:
        return _raise(fail(f"cannot open it ({exc.strerror or type(exc).__name__})"))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise fail("is not a regular file (a pipe, socket or device); refusing to read it")
        if info.st_size > MAX_CONFIG_BYTES:
            raise fail(f"is {info.st_size} bytes; a configuration may have at most {MAX_CONFIG_BYTES} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_CONFIG_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_CONFIG_BYTES:
            raise fail(f"grew past {MAX_CONFIG_BYTES} bytes while being read; refusing it")
    except OSError as exc:
        raise fail(f"cannot read it ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        if where is None:
            raise ConfigError(path, line, column, f"{what} is not UTF-8 text; save it as UTF-8") from None
        raise fail(f"not UTF-8 text (line {line}, column {column}); save it as UTF-8") from None


def close_matches(word: str, choices: Any, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The ``choices`` closest to a misspelt ``word``, for an error's "did you mean" (difflib is
    imported only when there is an error to explain)."""
    import difflib

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)


def _raise(error: ConfigError) -> str:
    raise error


def _limit(error: Exception) -> Exception:
    error.gialint_limit = True  # type: ignore[attr-defined]
    return error


def _bounded_composer() -> type:
    """A ruamel.yaml composer that refuses deep nesting and alias bombs before objects are built."""
    from ruamel.yaml.composer import Composer, ComposerError
    from ruamel.yaml.events import AliasEvent

    class BoundedComposer(Composer):  # type: ignore[misc]
        def __init__(self, loader: Any = None) -> None:
            super().__init__(loader)
            self.warn_double_anchors = False  # legal YAML: the later anchor wins, no warning on stderr
            self._level = 0
            self._weight: dict[int, int] = {}
            self._total = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            self._level += 1
            if self._level > MAX_DEPTH:
                raise _limit(ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark))
            try:
                node = super().compose_node(parent, index)
            finally:
                self._level -= 1
            weight = self._weigh(node)
            if isinstance(event, AliasEvent):
                self._total += weight
                if self._total > MAX_NODES:
                    raise _limit(
                        ComposerError(None, None, f"its aliases (*name) expand to more than {MAX_NODES} values", event.start_mark)
                    )
            return node

        def _weigh(self, node: Any) -> int:
            known = self._weight.get(id(node))
            if known is not None:
                return known
            value = node.value
            weight = 1
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, tuple):
                        weight += sum(self._weight.get(id(n), 1) for n in item)
                    else:
                        weight += self._weight.get(id(item), 1)
            self._weight[id(node)] = weight
            return weight

    return BoundedComposer


def read_yaml(text: str, path: str, quote: bool = True) -> Any:
    """Parse YAML keeping line/column information; malformed YAML becomes a located ConfigError.

    Nesting and alias expansion are bounded (:data:`MAX_DEPTH`, :data:`MAX_NODES`) while the
    YAML is composed, before any object is built. With ``quote=False`` the error says only where
    the YAML is malformed, never what it found there (for files a config ``extends``).
    """
    from ruamel.yaml import YAML, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _bounded_composer()
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if getattr(exc, "gialint_limit", False):
            message = f"refused: {problem}"
        else:
            message = f"malformed YAML: {problem}" if quote else "malformed YAML (its content is not shown)"
        if mark is not None:
            raise ConfigError(path, mark.line + 1, mark.column + 1, message) from None
        raise ConfigError(path, 0, 0, message) from None
    except RecursionError:
        raise ConfigError(path, 0, 0, "the YAML is nested too deeply") from None
    return {} if data is None else data


def pos(node: Any, key: Any = None, value: bool = False) -> tuple[int, int]:
    """1-based (line, column) of ``node``, of its ``key``, or of the value at ``key``; (0, 0) if unknown."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 0, 0
    try:
        if key is None:
            return lc.line + 1, lc.col + 1
        if isinstance(key, int) and not isinstance(node, Mapping):
            line, col = lc.item(key)
        else:
            line, col = lc.value(key) if value else lc.key(key)
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    try:
        return lc.line + 1, lc.col + 1
    except TypeError:  # e.g. a tagged scalar (!!str) that ruamel.yaml keeps without a position
        return 0, 0


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def cache_dir() -> str | None:
    """Where parsed rule sets are kept: $GIALINT_CACHE_DIR, else the user's cache folder."""
    if os.environ.get("GIALINT_NO_CACHE"):
        return None
    base = os.environ.get("GIALINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "gialint"
    )
    return base


COMPILED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compiled")
"""The built-in rule sets compiled to JSON at build time (``<name>.json`` for ``rules/<name>.yaml``):
the wheel's build hook writes them, and a copy is committed for source checkouts."""


def _sha256(text: str) -> str:
    """SHA-256 of ``text``, hex. Every run checks the built-in sets against their compiled copies
    with it: through CPython's own SHA-256 module where there is one, since ``import hashlib``
    starts OpenSSL (about a tenth of a cold one-file check, which needs no other hash)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # CPython 3.12+
        except ImportError:
            from hashlib import sha256
    return sha256(text.encode("utf-8")).hexdigest()  # type: ignore[no-any-return,unused-ignore]


def compiled_json(text: str, path: str) -> str:
    """What a built-in set ``text`` compiles to: its data, as :func:`read_yaml` reads it, and the
    hash of the text it was read from (``scripts/compile_rules.py`` and the wheel's build hook)."""
    import json

    entry = {"sha256": _sha256(text), "data": _plain(read_yaml(text, path))}
    return json.dumps(entry, ensure_ascii=False, indent=1) + "\n"


BUILT_SETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtin_sets.bin")
"""In a wheel only (the build hook writes it; git-ignored): the sets it compiled, marshalled."""

SHIPPED_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "_rules")
"""Where a wheel ships ``rules/``, resolved as :func:`gialint.config.builtin.builtin_dir` resolves
it (a symlinked ``lib64`` …); absent in a source tree."""

_built: dict[str, Any] | None = None


def built_sets(sets: dict[str, tuple[int, Any]]) -> bytes:
    """The wheel's :data:`BUILT_SETS`: ``<name>.yaml`` → (its size in bytes, its data as
    :func:`compiled_json` holds it), for the ``rules/`` the wheel ships (``scripts/compile_rules.py``)."""
    import binascii
    import marshal

    payload = marshal.dumps(dict(sets), 4)
    return marshal.dumps((1, binascii.crc32(payload), payload), 4)


def read_built(path: str) -> Any | None:
    """The data of the built-in set at ``path`` when it is the file an installed wheel ships
    (``gialint/_rules/<name>.yaml``) and the wheel's build compiled it (:data:`BUILT_SETS`):
    neither the YAML is read nor its hash taken, nor ``json`` imported. The build made both from
    the same file; a changed size (an edit in site-packages) falls back to :func:`read_compiled`.
    Else None: a source checkout, a plugin's set, a missing or damaged table."""
    global _built
    folder, name = os.path.split(path)
    if folder != SHIPPED_DIR:
        return None
    if _built is None:
        _built = {}
        try:
            import binascii
            import marshal

            with open(BUILT_SETS, "rb") as fh:
                version, crc, payload = marshal.loads(fh.read())
            if version == 1 and binascii.crc32(payload) == crc:
                _built = marshal.loads(payload)
        except Exception:  # noqa: BLE001 - missing (a source tree), unreadable, damaged: hash the YAML as before
            _built = {}
    entry = _built.get(name)
    try:
        if entry is None or os.stat(path).st_size != entry[0]:
            return None
    except (OSError, TypeError, IndexError):
        return None
    return entry[1]


def read_compiled(text: str, path: str) -> Any | None:
    """The data the set at ``path`` was compiled to, if it was compiled from exactly ``text``
    (else None: a plugin's set, or a source checkout whose rules/ changed since)."""
    import json

    name = os.path.splitext(os.path.basename(path))[0] + ".json"
    try:
        with open(os.path.join(COMPILED_DIR, name), encoding="utf-8") as fh:
            entry = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("sha256") != _sha256(text):
        return None
    return entry.get("data")


def read_yaml_cached(text: str, path: str) -> Any:
    """Like :func:`read_yaml` for a shipped rule set, without parsing YAML on every run.

    Built-in and plugin sets are read on every run; parsing their YAML (and importing ruamel.yaml)
    costs more than linting a report, while JSON loads in well under a millisecond. The built-in
    sets come compiled at build time (:func:`read_compiled`), so a first run, a CI container or a
    read-only home never parse them; other sets are kept as JSON in the user's cache after their
    first parse. Both are keyed by the text's hash, so an edited set is parsed again. Positions are
    not kept: shipped sets are validated by tests, and a set that fails validation is re-read
    with positions by the caller.
    """
    compiled = read_compiled(text, path)
    if compiled is not None:
        return compiled
    import hashlib
    import json

    folder = cache_dir()
    if folder is None:
        return read_yaml(text, path)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    target = os.path.join(folder, "rulesets", f"{digest}.json")
    try:
        with open(target, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        pass
    data = read_yaml(text, path)
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(_plain(data), fh, ensure_ascii=False)
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only home: just parse every time
    return data
