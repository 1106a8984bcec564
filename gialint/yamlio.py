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
