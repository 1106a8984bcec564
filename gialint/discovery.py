"""Which configuration applies to which file, and which files a directory holds.

Order: ``--config FILE``; else ``.gialint.yaml``/``.gialint.yml`` searched upward from the
file; else ``[tool.gialint]`` in a ``pyproject.toml`` searched upward; else the built-in
``default`` set. Each configuration is loaded and validated once and shared.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from gialint.config import DEFAULT_SET, Config, ConfigError, Loader

CONFIG_NAMES = (".gialint.yaml", ".gialint.yml")
REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".docm", ".doc", ".wps", ".pdf", ".html", ".htm", ".shtml")
"""What a directory walk picks up: text reports and every kind a reader of gialint.read takes."""
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".gialint_cache", ".tox"}


class ConfigResolver:
    def __init__(self, loader: Loader, explicit: Path | None = None) -> None:
        self.loader = loader
        self.explicit = explicit
        self._by_dir: dict[Path, Config] = {}
        self._by_source: dict[str, Config] = {}

    def _load(self, key: str, make: object) -> Config:
        if key not in self._by_source:
            self._by_source[key] = make()  # type: ignore[operator]
        return self._by_source[key]

    def for_path(self, path: Path) -> Config:
        """The configuration for the report ``path``, with its per-file ``overrides`` applied."""
        if self.explicit is not None:
            explicit = self.explicit
            config = self._load(os.path.realpath(explicit), lambda: self.loader.load_file(explicit))
        else:
            directory = (path if path.is_dir() else path.parent).resolve()
            config = self._by_dir.get(directory)  # type: ignore[assignment]
            if config is None:
                config = self._by_dir[directory] = self._discover(directory)
        return config.for_file(str(path)) if config.overrides else config

    def _discover(self, directory: Path) -> Config:
        for folder in (directory, *directory.parents):
            for name in CONFIG_NAMES:
                candidate = folder / name
                if os.path.lexists(candidate):  # a FIFO, folder or dangling link there is an error, not "no config"
                    return self._load(str(candidate), lambda c=candidate: self.loader.load_file(c))
        for folder in (directory, *directory.parents):
            candidate = folder / "pyproject.toml"
            if os.path.lexists(candidate):
                found = _tool_section(candidate)
                if found is not None:
                    return self._load(str(candidate), lambda c=candidate, f=found: _load_tool_section(self.loader, c, *f))
        return self._load(DEFAULT_SET, lambda: self.loader.load_named(DEFAULT_SET))


def _tool_section(path: Path) -> tuple[dict[str, object], tuple[int, int]] | None:
    """``[tool.gialint]`` of a pyproject.toml and where it starts (None when it has none);
    errors carry line and column."""
    import re
    import tomllib

    from gialint.yamlio import read_config_text

    text = read_config_text(str(path), what="pyproject.toml")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (0, 0)
        raise ConfigError(str(path), line, column, f"malformed TOML: {message[: at.start()].strip() if at else message}") from None
    except RecursionError:
        raise ConfigError(str(path), 0, 0, "malformed TOML: nested too deeply") from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(str(path), *_toml_line(text, r"tool\s*="), "tool must be a table ([tool.gialint] …)")
    section = tool.get("gialint")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError(str(path), *_toml_line(text, r"(?:tool\.)?gialint\s*="), "[tool.gialint] must be a table")
    return section, _toml_line(text, r"(?:tool\.)?gialint\b")


def _toml_line(text: str, key: str) -> tuple[int, int]:
    """(line, column) of the first line where ``key`` (a regex) is set, or of ``[tool.gialint]``."""
    import re

    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(rf"\s*(?:{key}|\[\s*tool\s*\.\s*gialint\b)", line)
        if m:
            return number, len(line) - len(line.lstrip()) + 1
    return 0, 0


def _load_tool_section(loader: Loader, path: Path, data: dict[str, object], header: tuple[int, int]) -> Config:
    """The config of ``[tool.gialint]``; errors inside it (TOML keeps no positions) point at its header."""
    try:
        return loader.load_mapping(data, str(path), path.parent)
    except ConfigError as exc:
        if exc.line or exc.path != str(path):
            raise
        raise ConfigError(exc.path, *header, f"[tool.gialint]: {exc.message}") from None


def iter_files(paths: Sequence[str]) -> Iterator[tuple[str, bool]]:
    """``(path, named)``: files named directly (in the order given), then reports found under
    directories (sorted). Only found files are subject to a config's ``exclude:``."""
    seen: set[str] = set()

    def first_time(item: str) -> bool:
        # The same file named twice (./a.md and /abs/a.md) is linted once, under its first name.
        key = os.path.realpath(item)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                found.extend(os.path.join(root, n) for n in files if n.lower().endswith(REPORT_SUFFIXES))
            for item in sorted(found):
                if first_time(item):
                    yield item, False
        elif first_time(raw):
            yield raw, True


def glob_match(path: str, globs: Sequence[str], root: str) -> bool:
    """Whether a glob matches ``path`` relative to ``root``, as a full path, or by file name."""
    full = Path(path).resolve()
    candidates = [full.as_posix(), full.name]
    try:
        candidates.append(full.relative_to(Path(root).resolve()).as_posix())
    except ValueError:
        pass
    return any(fnmatch.fnmatch(c, g) for c in candidates for g in globs)


def excluded(path: str, config: Config) -> bool:
    """Whether ``config``'s ``exclude:`` globs match ``path`` (relative to the config's folder)."""
    return bool(config.exclude) and glob_match(path, config.exclude, config.root)
