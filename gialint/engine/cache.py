"""The result cache: lint results keyed by file content, effective configuration and versions.

Lives in ``.gialint_cache/`` (``--cache-dir``, ``--no-cache``). A key covers everything that can
change a result — the file's bytes, the effective configuration (every rule's setting and
options, the formats, the configuration files' contents), the selection, the versions of
gialint and of every installed plugin, and a digest of the source of gialint itself and of
plugins installed for development (editable) — so a hit is never stale.

The cache is untrusted input (a pull request can plant one): entries are plain JSON data with a
format header (:mod:`gialint.engine.cachefile`), never code, and anything else is a miss. gialint only
writes inside a folder it created (marked by its ``CACHEDIR.TAG``), never through a link.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gialint import __version__

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.engine.cachefile import ConfigEntry
    from gialint.engine.result import FileResult
    from gialint.engine.selection import Selection

DEFAULT_DIR = ".gialint_cache"
CONFIG_SUFFIX = ".conf"
"""Configuration entries (:mod:`gialint.engine.warm`) beside the results' ``.json`` entries."""
_SCHEMA = 3


@lru_cache(maxsize=1)
def plugin_versions() -> str:
    """Names and versions of the installed gialint plugins (their distributions), with a digest
    of the module files of those installed for development (editable, or without a distribution)."""
    from gialint.engine.entrypoints import entry_points

    parts = []
    for ep in entry_points("gialint"):
        dist = getattr(ep, "dist", None)
        part = f"{ep.name}={ep.value}@{dist.name if dist else '?'}=={dist.version if dist else '?'}"
        top = ep.value.split(":")[0].split(".")[0].strip()
        if top != "gialint" and (dist is None or _editable(dist)):  # gialint's own: code_digest()
            part += "#" + _module_digest(top)
        parts.append(part)
    return ";".join(sorted(parts))


def _editable(dist: Any) -> bool:
    """Whether a distribution is installed from a working tree (``pip install -e``, or an
    ``.egg-info`` of ``setup.py develop``)."""
    folder = getattr(dist, "path", "")
    if not folder:
        return True  # nothing says what it is: hash its files to be safe
    if folder.endswith(".egg-info"):
        return True
    try:
        with open(os.path.join(folder, "direct_url.json"), encoding="utf-8") as fh:
            info = json.loads(fh.read(65536))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        return True
    return bool(isinstance(info, dict) and isinstance(info.get("dir_info"), dict) and info["dir_info"].get("editable"))


_SOURCE_SUFFIXES = (".py", ".yaml", ".yml")


def _sources(root: str) -> list[str]:
    """The source files under ``root`` (a folder), sorted, links not followed."""
    out: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        out.extend(os.path.join(folder, f) for f in files if f.endswith(_SOURCE_SUFFIXES))
    return sorted(out)


def _tree_digest(roots: Sequence[Path]) -> str:
    """A digest of the source files' names, sizes and modification times under ``roots``: any
    edit, checkout or reinstall changes a file's size or time (stat only: reading and hashing
    every module cost a warm run tens of milliseconds)."""
    digest = hashlib.sha256()
    for root in roots:
        base = os.path.dirname(os.fspath(root))
        for path in [os.fspath(root)] if os.path.isfile(root) else _sources(os.fspath(root)):
            try:
                st = os.stat(path)
            except OSError:
                continue
            name = os.path.relpath(path, base).encode("utf-8", "surrogateescape")
            digest.update(b"%s\0%d\0%d\0" % (name, st.st_size, st.st_mtime_ns))
    return digest.hexdigest()[:16]


def _module_digest(module: str) -> str:
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return "?"
    if spec is None:
        return "?"
    if spec.submodule_search_locations:
        return _tree_digest([Path(p) for p in spec.submodule_search_locations])
    return _tree_digest([Path(spec.origin)]) if spec.origin and os.path.isfile(spec.origin) else "?"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of gialint's own modules and built-in rule sets (computed once per process, a few
    milliseconds): a source checkout or an editable install changes it with every edit."""
    from gialint.config.builtin import builtin_dir

    return _tree_digest([Path(__file__).resolve().parent.parent, builtin_dir()])


def file_digest(path: str) -> str:
    """The SHA-256 of the file's bytes, or ``unreadable``."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def installed() -> dict[str, Any]:
    """What every key covers of the software: the key's schema, gialint's version and code, the
    plugins installed (:func:`plugin_versions`)."""
    return {"schema": _SCHEMA, "gialint": __version__, "code": code_digest(), "plugins": plugin_versions()}


def config_fingerprint(config: Config, selection: Selection, extra: Sequence[str] = ()) -> str:
    """A digest of everything in ``config`` (and the run's options) that can change a result."""
    settings = [
        (name, s.enabled, int(s.severity), sorted((k, repr(v)) for k, v in s.options.items()))
        for name, s in sorted(config.settings.items())
    ]
    material: dict[str, Any] = {
        **installed(),
        "settings": settings,
        "rules": sorted((r.name, r.code, r.plugin) for r in config.rules.values()),
        "formats": [(f.id, f.source, f.year_from, f.year_to) for f in config.formats],
        "pin": config.format_pin,
        "year": config.year,
        "agency": config.agency,
        "files": [(f, file_digest(f)) for f in config.files],
        "select": selection.select,
        "ignore": selection.ignore,
        "extra": list(extra),
    }
    return hashlib.sha256(json.dumps(material, ensure_ascii=False, default=repr).encode()).hexdigest()


class ResultCache:
    """Entries under ``directory/<2 hex>/<key>.json``; see the module doc for what is trusted."""

    def __init__(self, directory: str | os.PathLike[str], warn: Callable[[str], None] | None = None) -> None:
        self.directory = Path(directory)
        self.hits = 0
        self.misses = 0
        self._warn = warn
        self._usable: bool | None = None
        self._readable: bool | None = None

    def key(self, data: bytes, fingerprint: str, path: str) -> str:
        """The entry for ``path`` with these bytes under this configuration (paths appear in results)."""
        return hashlib.sha256(hashlib.sha256(data).digest() + fingerprint.encode() + os.fsencode(path)).hexdigest()

    def _path(self, key: str, suffix: str = ".json") -> str:
        return os.path.join(self.directory, key[:2], key + suffix)

    def readable(self) -> bool:
        """Whether entries may be read: the folder is gialint's (checked once a run, not per
        entry: entries are opened without following links)."""
        if self._readable is None:
            self._readable = self._owned()
        return self._readable

    def get(self, key: str) -> FileResult | None:
        from gialint.engine.cachefile import load

        value = load(self._path(key), key) if self.readable() else None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def served(self, key: str, path: str, keep_sources: bool) -> FileResult | None:
        """The entry for ``path`` under ``key`` if it serves this run. An entry stored without
        the file's lines serves only runs that need none: the lines are those the reader made
        (Word/PDF/HTML: the extracted text), not the raw bytes, so a run that shows sources
        lints the file again and stores them."""
        cached = self.get(key)
        if cached is not None and cached.path == path and (cached.lines is not None or not keep_sources):
            return cached
        return None

    def put(self, key: str, value: FileResult) -> None:
        from gialint.engine.cachefile import dump

        data = dump(key, value)
        if data is not None:  # else not plain data (a plugin's own objects): not cached
            self._write(key, data)

    def get_config(self, key: str) -> ConfigEntry | None:
        """The configuration entry under ``key`` (see :mod:`gialint.engine.warm`), or None."""
        from gialint.engine.cachefile import load_config

        return load_config(self._path(key, CONFIG_SUFFIX), key) if self.readable() else None

    def put_config(self, key: str, entry: ConfigEntry) -> None:
        from gialint.engine.cachefile import dump_config

        self._write(key, dump_config(key, entry), CONFIG_SUFFIX)

    def _write(self, key: str, data: bytes, suffix: str = ".json") -> None:
        from gialint.engine.cachefile import write_new

        if not self._ready():
            return  # no folder of ours: no caching
        shard = self.directory / key[:2]
        try:
            shard.mkdir(exist_ok=True)
            if not stat.S_ISDIR(os.lstat(shard).st_mode):
                return  # a link planted in the cache: never written through
            write_new(shard, key + suffix, data)
        except OSError:
            pass  # a read-only checkout, a full disk: run without caching

    # ------------------------------------------------------------------ the folder

    def prepare(self) -> bool:
        """Make (or check) the folder now, in the main process: a refusal is said once, and
        worker processes find it ready."""
        return self._ready()

    def _owned(self) -> bool:
        """Whether the folder exists and is gialint's (a real folder with gialint's tag)."""
        try:
            if not stat.S_ISDIR(os.lstat(self.directory).st_mode):
                return False
            tag = self.directory / TAG_NAME
            if not stat.S_ISREG(os.lstat(tag).st_mode):
                return False
            with tag.open("rb") as fh:
                head = fh.read(len(TAG_TEXT) + 64)
        except OSError:
            return False
        return head.startswith(TAG_SIGNATURE) and b"gialint" in head

    def _ready(self) -> bool:
        """Whether entries may be written: the folder is gialint's, created now if missing."""
        if self._usable is None:
            self._usable = self._owned() or self._create()
            self._readable = self._readable or self._usable
        return self._usable

    def _create(self) -> bool:
        """Make the folder whole (tag and ``.gitignore`` inside) under a temporary name and
        rename it into place: another process sees either no folder or a finished one."""
        from gialint.engine.cachefile import write_new

        try:
            if os.path.lexists(self.directory):
                if not stat.S_ISDIR(os.lstat(self.directory).st_mode) or not _empty(self.directory):
                    if self._owned():
                        return True  # another gialint process made it at the same moment
                    self._refuse()
                    return False
            parent = self.directory.parent
            parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # creating the folder happens once: not on a warm run's path

            staging = Path(tempfile.mkdtemp(prefix=f".{self.directory.name}.", dir=parent))
        except OSError:
            return False  # a read-only checkout: run without caching
        try:
            write_new(staging, TAG_NAME, TAG_TEXT)
            write_new(staging, ".gitignore", b"*\n")
            os.rename(staging, self.directory)  # replaces nothing but an empty folder
        except OSError:
            import shutil

            shutil.rmtree(staging, ignore_errors=True)
            if self._owned():
                return True
            if os.path.lexists(self.directory):
                self._refuse()
            return False
        return True

    def _refuse(self) -> None:
        if self._warn is not None:
            self._warn(
                f"gialint: warning: --cache-dir {self.directory}: 这不是 gialint 创建的缓存文件夹，为免覆盖其中的文件，"
                "本次不使用缓存 / not a cache folder gialint created (no CACHEDIR.TAG of gialint); "
                "to leave its files alone, this run does not cache"
            )


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


TAG_NAME = "CACHEDIR.TAG"
TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
TAG_TEXT = TAG_SIGNATURE + b"\n# gialint result cache; safe to delete.\n"
