"""A run served whole from the result cache, decided from the raw inputs before anything is loaded.

A result's key (:mod:`gialint.engine.cache`) covers the validated configuration, which costs the
plugins, the rule modules and the configuration's loading to compute. A warm run need not pay
that: each configuration also leaves a *configuration entry*, keyed by the raw inputs that decide
it —

* the run's options that can change a result or the output's choice of files (paths given,
  ``--config``, ``--select``/``--ignore``, ``--year``, ``--rule-timeout``, ``--no-plugins``,
  corpus and unused-disable reporting), the current folder (relative paths, the ``default`` set's
  root) and whether plugin autoloading is switched off in the environment;
* gialint's version and code digest, the installed plugins' entry points, distributions and
  versions (and the digest of those installed for development);
* the bytes of the configuration files that decide which configuration applies (the
  ``.gialint.yaml`` found upward, else every ``pyproject.toml`` upward; ``--config``'s file) —

and holding the validated configuration's result key, the files it was read from (what it
``extends`` included) with their digests then, and the little the command line takes from it.
A run whose every file finds its configuration entry (with every file it was read from
unchanged) and its result is printed from them; on any miss it goes the normal way, which
writes the same entries. Entries are untrusted data checked field by field
(:mod:`gialint.engine.cachefile`), like results.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.engine.cache import ResultCache
    from gialint.engine.cachefile import ConfigEntry
    from gialint.engine.options import RunOptions
    from gialint.engine.result import FileResult

_SCHEMA = 1
_LARGEST = 256 * 1024 * 1024
"""No report is read beyond this size (the readers' limits are lower): such a file is a miss."""


def servable(options: RunOptions) -> bool:
    """Whether runs with these options keep configuration entries: a cached ``check`` of files
    (an audit's corpus rules and distrusted tree go the normal way)."""
    return bool(options.cache_dir) and not options.corpus and not options.untrusted and not options.confine


def plugins_loaded(options: RunOptions) -> str:
    """Whether third-party plugins are loaded (``--no-plugins``, or switched off in the
    environment), for the keys: the installed ones are listed either way."""
    from gialint.engine.entrypoints import DISABLE_AUTOLOAD_ENV

    return f"plugins={not options.no_plugins and not os.environ.get(DISABLE_AUTOLOAD_ENV)}"


class Keys:
    """The configuration entries' keys of one run's files (each folder's worked out once)."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._base: str | None = None
        self._by_dir: dict[str, str] = {}

    def _run_material(self) -> str:
        from gialint.engine.cache import installed

        o = self.options
        material = {
            **installed(),
            "entries": _SCHEMA,
            "loaded": plugins_loaded(o),
            "cwd": os.getcwd(),
            "config": o.config,
            "select": o.select,
            "ignore": o.ignore,
            "year": o.year,
            "rule_timeout": o.rule_timeout,
            "corpus": o.corpus,
            "unused": o.report_unused_disables,
        }
        import json  # here: a --no-cache check imports this module, and needs no json

        return json.dumps(material, ensure_ascii=False, sort_keys=True, default=repr)

    def for_file(self, path: str) -> str:
        """The key of the configuration entry for the report ``path``."""
        explicit = self.options.config
        folder = "" if explicit is not None else path if os.path.isdir(path) else os.path.dirname(path)
        key = self._by_dir.get(folder)
        if key is None:
            from gialint.config.discovery import config_dir, deciding_files

            untrusted = self.options.untrusted
            deciding = (explicit,) if explicit is not None else deciding_files(config_dir(Path(path), untrusted), untrusted)
            key = self._by_dir[folder] = self._key(deciding)
        return key

    def _key(self, deciding: tuple[str, ...]) -> str:
        import hashlib  # only with a cache: a --no-cache check does not start OpenSSL

        from gialint.engine.cache import file_digest

        if self._base is None:
            self._base = self._run_material()
        digest = hashlib.sha256(self._base.encode("utf-8", "surrogateescape"))
        for path in deciding:
            digest.update(b"\0%s\0%s" % (os.fsencode(path), file_digest(path).encode()))
        return digest.hexdigest()


def _unchanged(entry: ConfigEntry) -> bool:
    """Whether every file the configuration was read from still has the bytes it had."""
    from gialint.engine.cache import file_digest

    return all(file_digest(path) == digest for path, digest in entry.files)


class Recorder:
    """The normal path's side: leaves a configuration entry for each configuration it keyed."""

    def __init__(self, options: RunOptions, cache: ResultCache) -> None:
        self.keys = Keys(options)
        self.cache = cache
        self._written: set[str] = set()

    def remember(self, path: str, config: Config, fingerprint: str) -> None:
        """Record that ``config`` (whose results are keyed by ``fingerprint``) applies to ``path``."""
        from gialint.engine.cache import file_digest
        from gialint.engine.cachefile import ConfigEntry

        if config.overrides:
            return  # the configuration depends on the file's name: not served from raw inputs
        key = self.keys.for_file(path)
        if key in self._written:
            return
        self._written.add(key)
        entry = ConfigEntry(
            fingerprint,
            tuple((f, file_digest(f)) for f in config.files),
            tuple(config.exclude),
            config.root,
            config.lang,
            None if config.fail_on is None else int(config.fail_on),
            tuple(sorted((r.name, r.code) for r in config.rules.values())),
        )
        self.cache.put_config(key, entry)


class Served:
    """A run's files and results, all from the cache, and what the output takes from the
    configuration (of the first file, as the normal path does)."""

    __slots__ = ("fail_on", "files", "known_rules", "lang", "results")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.results: list[FileResult] = []
        self.lang: str | None = None
        self.fail_on: int | None = None
        self.known_rules: set[tuple[str, str]] = set()


def _report_bytes(path: str) -> bytes | None:
    """The bytes of the regular file at ``path``, or None. Not the reader's checks
    (:func:`gialint.read.inputs.read_report`): a result is found under these bytes only if the
    normal way read the same bytes with the same code and stored what it found, and it stores
    nothing for a file it refuses."""
    from gialint.engine.cachefile import read_regular

    return read_regular(path, _LARGEST, follow_links=True)


def serve(options: RunOptions) -> Served | None:
    """Every file's result from the cache with nothing loaded, or None (any miss, or a run that
    is not served so): the caller then runs the normal way."""
    if not servable(options) or options.keep_sources:
        return None  # before any import: a --no-cache check loads no cache code (nor OpenSSL)
    from gialint.config.discovery import excluded, iter_files
    from gialint.engine.cache import ResultCache

    cache = ResultCache(options.cache_dir)  # type: ignore[arg-type]
    if not cache.readable():
        return None
    keys = Keys(options)
    entries: dict[str, ConfigEntry | None] = {}
    served = Served()
    for file, named in iter_files(options.paths or (".",)):
        key = keys.for_file(file)
        if key not in entries:
            entry = cache.get_config(key)
            entries[key] = entry if entry is not None and _unchanged(entry) else None
        entry = entries[key]
        if entry is None:
            return None
        if not named and excluded(file, entry):
            continue
        data = _report_bytes(file)
        if data is None:
            return None  # the normal way says why (an unreadable file is never cached)
        result = cache.served(cache.key(data, entry.fingerprint, file), file, False)
        if result is None:
            return None
        if not served.files:
            served.lang, served.fail_on = entry.lang, entry.fail_on
        served.known_rules.update(entry.rules)
        served.files.append(file)
        served.results.append(result.slim())
    return served if served.files else None
