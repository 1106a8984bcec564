"""All rules that plugins register, by name and by code; duplicates are refused with a reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from gialint.plugin import PluginProblem, Plugins
from gialint.rule import Rule

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Registry:
    def __init__(self, plugins: Plugins) -> None:
        self.plugins = plugins
        self._by_name: dict[str, Rule] = {}
        self._by_code: dict[str, Rule] = {}
        self.problems: list[PluginProblem] = list(plugins.problems)
        hook = plugins.manager.hook.gialint_get_rules
        for impl in hook.get_hookimpls():
            plugin_name = plugins.name_of(impl.plugin)
            try:
                rules = list(impl.function())
            except Exception as exc:  # noqa: BLE001 - one broken plugin must not stop the others
                self.problems.append(PluginProblem(plugin_name, f"plugin {plugin_name!r} failed to list its rules: {type(exc).__name__}: {exc}"))
                continue
            for rule in rules:
                self._add(replace(rule, plugin=rule.plugin or plugin_name), plugin_name)

    def _add(self, rule: Rule, plugin_name: str) -> None:
        if not _NAME.fullmatch(rule.name):
            self.problems.append(PluginProblem(plugin_name, f"rule {rule.name!r} from {plugin_name!r} skipped: names must be kebab-case"))
            return
        clash = self._by_name.get(rule.name) or self._by_code.get(rule.code)
        if clash is not None:
            self.problems.append(
                PluginProblem(
                    plugin_name,
                    f"rule {rule.name} ({rule.code}) from {plugin_name!r} skipped: "
                    f"{clash.name} ({clash.code}) from {clash.plugin!r} already uses that name or code",
                )
            )
            return
        self._by_name[rule.name] = rule
        self._by_code[rule.code] = rule

    def rules(self) -> Iterator[Rule]:
        return iter(sorted(self._by_name.values(), key=lambda r: r.code))

    def names(self) -> list[str]:
        return list(self._by_name)

    def lookup(self, name_or_code: str) -> Rule | None:
        return self._by_name.get(name_or_code) or self._by_code.get(name_or_code.upper())
