"""All rules that plugins register, by name and by code; duplicates are refused with a reason."""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.engine.plugin import PluginProblem, Plugins
from gialint.model.record import replace
from gialint.model.rule import Rule

_NAME = lazy_re(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _not_a_rule(rule: object) -> str:
    """Why ``rule`` cannot be registered, or "" when it can."""
    if not isinstance(rule, Rule):
        return f"it is a {type(rule).__name__}, not a gialint.model.rule.Rule"
    if not isinstance(rule.name, str) or not isinstance(rule.code, str) or not rule.code.strip():
        return "its name and code must be strings"
    if not callable(rule.check):
        return f"rule {rule.name!r} has no check function"
    if rule.corpus is not None and not (callable(getattr(rule.corpus, "collect", None)) and callable(getattr(rule.corpus, "finish", None))):
        return f"rule {rule.name!r}: corpus= must be a CorpusCheck(collect, finish)"
    return ""


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
                rules = list(impl.function() or ())
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - one broken plugin (sys.exit included) must not stop the others
                self.problems.append(PluginProblem(plugin_name, f"plugin {plugin_name!r} failed to list its rules: {type(exc).__name__}: {exc}"))
                continue
            for index, rule in enumerate(rules):
                problem = _not_a_rule(rule)
                if problem:
                    self.problems.append(
                        PluginProblem(plugin_name, f"item {index + 1} that plugin {plugin_name!r} lists as a rule was skipped: {problem}")
                    )
                    continue
                self._add(replace(rule, plugin=rule.plugin if isinstance(rule.plugin, str) and rule.plugin else plugin_name), plugin_name)

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
