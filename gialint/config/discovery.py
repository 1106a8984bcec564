"""Which configuration applies to which file, and which files a directory holds.

Order: ``--config FILE``; else ``.gialint.yaml``/``.gialint.yml`` searched upward from the
file; else ``[tool.gialint]`` in a ``pyproject.toml`` searched upward; else the built-in
``default`` set. Each configuration is loaded and validated once and shared.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gialint.config.globs import (
    glob_match,  # re-exported: the name other modules and plugins import
)
from gialint.config.yamlio import ConfigError

if TYPE_CHECKING:
    from gialint.config.loader import Loader
    from gialint.config.model import Config

CONFIG_NAMES = (".gialint.yaml", ".gialint.yml")
REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".docm", ".doc", ".wps", ".pdf", ".html", ".htm", ".shtml")
"""What a directory walk picks up: text reports and every kind a reader of gialint.read takes."""
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".gialint_cache", ".tox"}


class ConfigResolver:
    def __init__(self, loader: Loader, explicit: Path | None = None, untrusted: Sequence[str] = ()) -> None:
        self.loader = loader
        self.explicit = explicit
        self.untrusted = tuple(untrusted)
        """Resolved folders whose own configuration files are not used (an audited tree): the
        configuration is then looked for from the current folder upward, outside them."""
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
            directory = config_dir(path, self.untrusted)
            config = self._by_dir.get(directory)  # type: ignore[assignment]
            if config is None:
                config = self._by_dir[directory] = self._discover(directory)
        return config.for_file(str(path)) if config.overrides else config

    def _discover(self, directory: Path) -> Config:
        from gialint.config.loader import DEFAULT_SET

        yaml, pyprojects = _candidates(directory, self.untrusted)
        if yaml is not None:  # a FIFO, folder or dangling link there is an error, not "no config"
            return self._load(str(yaml), lambda: self.loader.load_file(yaml))
        for candidate in pyprojects:
            found = _tool_section(candidate)
            if found is not None:
                return self._load(str(candidate), lambda c=candidate, f=found: _load_tool_section(self.loader, c, *f))
        return self._load(DEFAULT_SET, lambda: self.loader.load_named(DEFAULT_SET))


def config_dir(path: Path, untrusted: Sequence[str] = ()) -> Path:
    """The folder from which the configuration of the report ``path`` is looked for (upward):
    its own folder (a folder's, itself); in an audit that distrusts the tree, the current one."""
    if untrusted:
        return Path.cwd().resolve()
    return (path if _is(path, Path.is_dir) else path.parent).resolve()


def _candidates(directory: Path, untrusted: Sequence[str] = ()) -> tuple[Path | None, list[Path]]:
    """The first ``.gialint.yaml``/``.yml`` from ``directory`` upward (None if there is none) and,
    when there is none, every ``pyproject.toml`` upward (the first with ``[tool.gialint]`` applies).
    Only names are looked at, nothing is read: the one place that says which files can apply."""

    def usable(candidate: Path) -> bool:
        if untrusted and _inside(str(candidate), untrusted):
            return False  # an audit does not take configuration from the tree it audits
        return os.path.lexists(candidate)

    folders = (directory, *directory.parents)
    for folder in folders:
        for name in CONFIG_NAMES:
            if usable(candidate := folder / name):
                return candidate, []
    return None, [candidate for folder in folders if usable(candidate := folder / "pyproject.toml")]


def deciding_files(directory: Path, untrusted: Sequence[str] = ()) -> tuple[str, ...]:
    """The files whose bytes decide the configuration discovered from ``directory``: its
    ``.gialint.yaml``, else every ``pyproject.toml`` upward (one of them may gain or lose a
    ``[tool.gialint]`` section). What they extend is not listed: that needs them parsed."""
    yaml, pyprojects = _candidates(directory, untrusted)
    return (str(yaml),) if yaml is not None else tuple(map(str, pyprojects))


def _inside(path: str, roots: Sequence[str]) -> bool:
    """:func:`gialint.read.inputs.inside`, imported when an audit asks (not on a check's path)."""
    from gialint.read.inputs import inside

    return inside(path, roots)


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """``path.is_file()`` / ``is_dir()``, False where the path cannot even be looked at."""
    try:
        return test(path)
    except OSError:
        return False


def _tool_section(path: Path) -> tuple[dict[str, object], tuple[int, int]] | None:
    """``[tool.gialint]`` of a pyproject.toml and where it starts (None when it has none);
    errors carry line and column."""
    import re
    import tomllib

    from gialint.config.yamlio import read_config_text

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


def _not_a_report(name: str) -> bool:
    """Word's owner file of an open document (``~$report.docx``), or a copy ``--annotate`` wrote."""
    from gialint.output.annotate import is_annotated_copy

    return name.startswith("~$") or is_annotated_copy(name)


def iter_files(paths: Sequence[str], roots: Sequence[str] = ()) -> Iterator[tuple[str, bool]]:
    """``(path, named)``: files named directly (in the order given), then reports found under
    directories (sorted). Only found files are subject to a config's ``exclude:``.

    Nothing is skipped silently: a folder that cannot be listed, a dangling link, a pipe named
    like a report, and (with ``roots``, an audit) a link leaving the tree are yielded too, so the
    engine reports each as ``unreadable-input``. Linked folders are followed once each.
    """
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
            _walk(raw, roots, found, {os.path.realpath(raw)})
            for item in sorted(found):
                if first_time(item):
                    yield item, False
        elif first_time(raw):
            yield raw, True


def _walk(folder: str, roots: Sequence[str], found: list[str], visited: set[str]) -> None:
    """Collect the reports under ``folder``; the folder itself when it cannot be listed."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        found.append(folder)  # the engine says why it cannot be listed
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            if entry.name.lower().endswith(REPORT_SUFFIXES) and not _not_a_report(entry.name):
                found.append(entry.path)  # special files and dangling links too: reported, not read
            continue
        if entry.name in _SKIP_DIRS or entry.name.startswith("."):
            continue
        real = os.path.realpath(entry.path)
        if roots and not _inside(real, roots):
            found.append(entry.path)  # a link out of the audited tree: reported, not followed
            continue
        if real in visited:
            continue  # a link back to a folder already walked (or a loop)
        visited.add(real)
        _walk(entry.path, roots, found, visited)


class _Excluding(Protocol):
    exclude: tuple[str, ...]
    root: str


def excluded(path: str, config: Config | _Excluding) -> bool:
    """Whether ``config``'s ``exclude:`` globs match ``path`` (relative to the config's folder)."""
    return bool(config.exclude) and glob_match(path, config.exclude, config.root)
