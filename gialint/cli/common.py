"""What every command shares: the exit codes, and the plugins and rule sets set up with their
warnings sent to the command's error stream."""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import argparse

    from gialint.config.loader import Loader
    from gialint.config.model import Config
    from gialint.engine.registry import Registry


class ExitCode(enum.IntEnum):
    OK = 0
    """No findings at or above the ``--fail-on`` severity."""
    FINDINGS = 1
    """At least one finding at or above the ``--fail-on`` severity."""
    USAGE = 2
    """Bad command line or configuration (malformed YAML, unknown rule, bad option)."""
    INTERNAL = 3
    """gialint itself failed; please report it."""


def warner(err: TextIO) -> Callable[[str], None]:
    """Write one warning line to ``err``."""

    def warn(message: str) -> None:
        err.write(message + "\n")

    return warn


def registry(no_plugins: bool, err: TextIO) -> Registry:
    """The rule registry, plugin problems reported on ``err``."""
    from gialint.engine.wiring import registry_for

    return registry_for(no_plugins, warner(err))


def loader(registry: Registry, err: TextIO) -> Loader:
    """The configuration loader, a plugin that fails to list its rule sets reported on ``err``."""
    from gialint.engine.wiring import loader_for

    return loader_for(registry, warner(err))


def config_for_path(args: argparse.Namespace, path: str, err: TextIO) -> tuple[Registry, Config]:
    """The registry and the configuration that applies to ``path`` (``--config``, else discovered)."""
    from gialint.config.discovery import ConfigResolver

    found = registry(args.no_plugins, err)
    resolver = ConfigResolver(loader(found, err), Path(args.config) if args.config else None)
    return found, resolver.for_path(Path(path))


def config_for_listing(args: argparse.Namespace, err: TextIO) -> Config:
    """``gialint rules``/``explain``: ``--config``, else the built-in default set."""
    load = loader(registry(args.no_plugins, err), err)
    return load.load_file(Path(args.config)) if args.config else load.load_named("default")
