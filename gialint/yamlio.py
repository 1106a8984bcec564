"""Reading YAML with positions (ruamel.yaml round-trip) and the located :class:`ConfigError`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["ConfigError", "pos", "read_yaml"]


class ConfigError(Exception):
    """A configuration problem at ``path:line:column`` (1-based; 0 when the place is unknown)."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.column, self.message = path, line, column, message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.message}"


def read_yaml(text: str, path: str) -> Any:
    """Parse YAML keeping line/column information; malformed YAML becomes a located ConfigError."""
    from ruamel.yaml import YAML, YAMLError

    try:
        data = YAML(typ="rt", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None:
            raise ConfigError(path, mark.line + 1, mark.column + 1, f"malformed YAML: {problem}") from None
        raise ConfigError(path, 0, 0, f"malformed YAML: {problem}") from None
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
        return lc.line + 1, lc.col + 1


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def cache_dir() -> str | None:
    """Where compiled rule sets are kept: $GIALINT_CACHE_DIR, else the user's cache folder."""
    import os

    if os.environ.get("GIALINT_NO_CACHE"):
        return None
    base = os.environ.get("GIALINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "gialint"
    )
    return base


def read_yaml_cached(text: str, path: str) -> Any:
    """Like :func:`read_yaml` for a shipped rule set, but kept as JSON after the first parse.

    Built-in and plugin sets are read on every run; parsing their YAML costs more than linting a
    report, while JSON loads in well under a millisecond. The cache is keyed by the text's hash,
    so an edited set is parsed again. Positions are not kept: shipped sets are validated by tests,
    and a set that fails validation is re-read with positions by the caller.
    """
    import hashlib
    import json
    import os

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
