"""What every command and the web page set up first: the plugins with their rule registry, and a
configuration loader that knows the rule sets plugins contribute.

Kept apart from the command line so that the run layer and ``gialint serve`` use it without
importing the CLI (no import circle: cli → run → wiring, web → wiring).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.config.loader import Loader
    from gialint.engine.registry import Registry


def registry_for(no_plugins: bool, warn: Callable[[str], None] | None = None) -> Registry:
    """The rule registry with built-in and (unless ``no_plugins``) third-party plugins."""
    from gialint.engine.plugin import get_plugin_manager
    from gialint.engine.registry import Registry

    registry = Registry(get_plugin_manager(load_entry_points=not no_plugins))
    for problem in registry.problems:
        (warn or _stderr_warn)(f"gialint: warning: {problem.message}")
    return registry


def _stderr_warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def loader_for(registry: Registry, warn: Callable[[str], None] | None = None) -> Loader:
    """A config loader knowing every named rule set the plugins contribute."""
    from gialint.config.loader import Loader

    sets: dict[str, object] = {}
    for impl in reversed(registry.plugins.manager.hook.gialint_get_rule_sets.get_hookimpls()):  # call order
        try:
            result = impl.function()
            items = dict(result or {})
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a broken plugin (sys.exit included) must not stop the run
            name = registry.plugins.name_of(impl.plugin)
            (warn or _stderr_warn)(f"gialint: warning: plugin {name!r} failed to list its rule sets: {type(exc).__name__}: {exc}")
            continue
        sets.update({name: target for name, target in items.items() if isinstance(name, str)})
    return Loader(registry, sets)  # type: ignore[arg-type]
