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
            config = self._load(str(explicit.resolve()), lambda: self.loader.load_file(explicit))
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
                if candidate.is_file():
                    return self._load(str(candidate), lambda c=candidate: self.loader.load_file(c))
        for folder in (directory, *directory.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                data = _tool_section(candidate)
                if data is not None:
                    return self._load(str(candidate), lambda c=candidate, d=data: self.loader.load_mapping(d, str(c), c.parent))
        return self._load(DEFAULT_SET, lambda: self.loader.load_named(DEFAULT_SET))


def _tool_section(path: Path) -> dict[str, object] | None:
    import tomllib

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(path), 0, 0, f"cannot read pyproject.toml: {exc}") from None
    section = data.get("tool", {}).get("gialint")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError(str(path), 0, 0, "[tool.gialint] must be a table")
    return section


def _not_a_report(name: str) -> bool:
    """Word's owner file of an open document (``~$report.docx``), or a copy ``--annotate`` wrote."""
    from gialint.annotate import is_annotated_copy

    return name.startswith("~$") or is_annotated_copy(name)


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
                found.extend(os.path.join(root, n) for n in files if n.lower().endswith(REPORT_SUFFIXES) and not _not_a_report(n))
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
