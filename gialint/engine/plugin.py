"""The ``hookimpl`` marker and the plugin manager.

Built-in parts (parsers, rules, rule sets) are ordinary plugins registered through the same
hooks as third-party ones. Third-party plugins come from the entry-point group ``gialint``;
each is loaded on its own, so one broken plugin is reported and skipped, never fatal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pluggy

from gialint.engine.entrypoints import DISABLE_AUTOLOAD_ENV
from gialint.model.record import Record, setfield

if TYPE_CHECKING:
    from gialint.engine.entrypoints import EntryPoint

F = TypeVar("F", bound=Callable[..., Any])
PROJECT = "gialint"
ENTRY_POINT_GROUP = "gialint"

hookimpl = cast(Callable[..., Callable[[F], F]] | Any, pluggy.HookimplMarker(PROJECT))
"""Marker for hook implementations: ``@gialint.hookimpl``."""

BUILTIN_PLUGINS: tuple[str, ...] = ("gialint.read.parse", "gialint.checks", "gialint.config.rulesets")
"""Imported and registered explicitly, so a source checkout works without being installed."""


_OWN: frozenset[str] = frozenset((*BUILTIN_PLUGINS, "gialint.hookspecs"))


class _Manager(pluggy.PluginManager):
    """pluggy's manager, but gialint's own modules are searched for hooks by name first: every
    specification and implementation there is named ``gialint_*``, and pluggy looks each of a
    module's names up with ``inspect.getattr_static`` (most of a registration's cost). Another
    plugin is searched as pluggy does, so a misnamed hook of its own is still reported."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if not name.startswith("gialint_") and _own(plugin):
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def parse_hookspec_opts(self, module_or_class: Any, name: str) -> Any:
        if not name.startswith("gialint_") and _own(module_or_class):
            return None
        return super().parse_hookspec_opts(module_or_class, name)


def _own(plugin: object) -> bool:
    return isinstance(plugin, ModuleType) and plugin.__name__ in _OWN


class PluginProblem(Record):
    """A plugin that could not be loaded: reported on stderr, never fatal."""

    __slots__ = ("name", "message")

    name: str
    message: str

    def __init__(self, name: str, message: str) -> None:
        setfield(self, "name", name)
        setfield(self, "message", message)


class Plugins:
    """The plugin manager and what went wrong loading plugins."""

    __slots__ = ("manager", "problems")

    def __init__(self, manager: pluggy.PluginManager, problems: list[PluginProblem]) -> None:
        self.manager = manager
        self.problems = problems

    def name_of(self, plugin: object) -> str:
        return self.manager.get_name(plugin) or getattr(plugin, "__name__", repr(plugin))


def _entry_points() -> list[EntryPoint]:
    from gialint.engine.entrypoints import entry_points

    return entry_points(ENTRY_POINT_GROUP)


def get_plugin_manager(load_entry_points: bool = True, extra: tuple[object, ...] = ()) -> Plugins:
    """A manager with the built-in plugins, ``extra`` ones, and (unless disabled) entry points."""
    import importlib

    import gialint.hookspecs as hookspecs

    pm = _Manager(PROJECT)
    pm.add_hookspecs(hookspecs)
    problems: list[PluginProblem] = []
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    for plugin in extra:
        pm.register(plugin)
    if load_entry_points and not os.environ.get(DISABLE_AUTOLOAD_ENV):
        for ep in _entry_points():
            if pm.has_plugin(ep.name) or ep.value in BUILTIN_PLUGINS:
                continue
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - a broken plugin (sys.exit on import included) must not stop the run
                dist = getattr(ep, "dist", None)
                version = f" {dist.version}" if dist is not None else ""
                problems.append(
                    PluginProblem(
                        ep.name,
                        f"plugin {ep.name!r}{version} ({ep.value}) could not be loaded: "
                        f"{type(exc).__name__}: {exc}; check its compatibility with this gialint",
                    )
                )
    problems.extend(_unknown_hooks(pm))
    return Plugins(pm, problems)


def _unknown_hooks(pm: pluggy.PluginManager) -> list[PluginProblem]:
    """Hook implementations whose name no hookspec declares (a misspelt ``gialint_get_rule``):
    pluggy would silently never call them (``check_pending`` finds them; we report, not raise)."""
    known = [name for name in vars(pm.hook) if not name.startswith("_") and getattr(pm.hook, name).has_spec()]
    problems = []
    for name in vars(pm.hook):
        caller = getattr(pm.hook, name)
        if name.startswith("_") or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if impl.optionalhook:
                continue
            plugin = pm.get_name(impl.plugin) or repr(impl.plugin)
            import difflib  # only for a misspelt hook: not on every run's path

            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; gialint's hooks are {', '.join(sorted(known))}"
            problems.append(PluginProblem(plugin, f"plugin {plugin!r} implements {name!r}, which is not a gialint hook, so it is never called{hint}"))
    return problems
