"""The result cache: lint results keyed by file content, effective configuration and versions.

Lives in ``.gialint_cache/`` (``--cache-dir``, ``--no-cache``). A key covers everything that can
change a result — the file's bytes, the effective configuration (every rule's setting and
options, the formats, the configuration files' contents), the selection, and the versions of
gialint and of every installed plugin — so a hit is never stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from gialint import __version__
from gialint.config import Config
from gialint.selection import Selection

DEFAULT_DIR = ".gialint_cache"
_SCHEMA = 2


@lru_cache(maxsize=1)
def plugin_versions() -> str:
    """Names and versions of the installed gialint plugins (their distributions)."""
    from gialint.entrypoints import entry_points

    parts = []
    for ep in entry_points("gialint"):
        dist = getattr(ep, "dist", None)
        parts.append(f"{ep.name}={ep.value}@{dist.name if dist else '?'}=={dist.version if dist else '?'}")
    return ";".join(sorted(parts))


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def config_fingerprint(config: Config, selection: Selection, extra: Sequence[str] = ()) -> str:
    """A digest of everything in ``config`` (and the run's options) that can change a result."""
    settings = [
        (name, s.enabled, int(s.severity), sorted((k, repr(v)) for k, v in s.options.items()))
        for name, s in sorted(config.settings.items())
    ]
    material: dict[str, Any] = {
        "schema": _SCHEMA,
        "gialint": __version__,
        "plugins": plugin_versions(),
        "settings": settings,
        "rules": sorted((r.name, r.code, r.plugin) for r in config.rules.values()),
        "formats": [(f.id, f.source, f.year_from, f.year_to) for f in config.formats],
        "pin": config.format_pin,
        "year": config.year,
        "agency": config.agency,
        "files": [(f, _file_digest(f)) for f in config.files],
        "select": selection.select,
        "ignore": selection.ignore,
        "extra": list(extra),
    }
    return hashlib.sha256(json.dumps(material, ensure_ascii=False, default=repr).encode()).hexdigest()


class ResultCache:
    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes, fingerprint: str, path: str) -> str:
        """The entry for ``path`` with these bytes under this configuration (paths appear in results)."""
        return hashlib.sha256(hashlib.sha256(data).digest() + fingerprint.encode() + path.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        try:
            with self._path(key).open("rb") as fh:
                value = pickle.load(fh)
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss, never a crash
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (self.directory / "CACHEDIR.TAG").exists():
                (self.directory / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# gialint result cache; safe to delete.\n"
                )
                (self.directory / ".gitignore").write_text("*\n")
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only checkout: run without caching
