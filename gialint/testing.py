"""Helpers to test gialint rules, gialint's own and plugins' alike.

* :func:`lint` lints a text with the default rule set (plus options) and returns diagnostics;
* :func:`load_cases` / :func:`run_case` run sqlfluff-style YAML case files::

    rule: missing-section            # the rule under test (name or code)
    all_parts_present:
      pass_str: |
        一、总体情况
        …
    part_three_missing:
      fail_str: |
        …
      violations:                    # optional: exact positions (line, column)
        - {line: 5, column: 1}
      fix_str: |                     # optional: the text after `--fix` (fixable rules);
        …                            # it must re-lint clean for the rule, and a second fix
                                     # must change nothing
      options: {parts: [一, 二]}      # optional: the rule's options
      config: {year: 2021}           # optional: top-level config keys
      path: report.md                # optional: file name (suffix picks the parser)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gialint.config.loader import Loader
from gialint.config.model import Config
from gialint.engine.linter import Linter
from gialint.engine.plugin import get_plugin_manager
from gialint.engine.registry import Registry
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic


@lru_cache(maxsize=1)
def _environment() -> tuple[Registry, Loader, Linter]:
    registry = Registry(get_plugin_manager())
    sets: dict[str, Any] = {}
    for result in registry.plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    return registry, Loader(registry, sets), Linter(registry.plugins)


def make_config(rule_options: Mapping[str, Mapping[str, Any]] | None = None, **top: Any) -> Config:
    """The default rule set with ``rule_options`` ({rule: {option: value}}) and top-level keys."""
    _, loader, _ = _environment()
    data: dict[str, Any] = {key.replace("_", "-"): value for key, value in top.items()}
    if rule_options:
        data["rules"] = {name: {"options": dict(opts)} for name, opts in rule_options.items()}
    return loader.load_mapping(data, "<test>", Path.cwd())


def lint(
    text: str,
    path: str = "report.txt",
    select: Sequence[str] = (),
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint ``text`` as if it were the file ``path``; only rules in ``select`` if given."""
    _, _, linter = _environment()
    result = linter.lint_text(path, text, config or make_config(), Selection(tuple(select)))
    return list(result.diagnostics)


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    text: str
    expect_pass: bool
    violations: tuple[tuple[int, int], ...] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    path: str = "report.txt"
    fix_str: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"


def load_cases(path: Path) -> list[Case]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    rule = str(data.pop("rule"))
    cases = []
    for name, spec in data.items():
        expect_pass = "pass_str" in spec
        violations = spec.get("violations")
        cases.append(
            Case(
                rule=rule,
                name=str(name),
                text=spec["pass_str"] if expect_pass else spec["fail_str"],
                expect_pass=expect_pass,
                violations=tuple((v["line"], v["column"]) for v in violations) if violations is not None else None,
                options=spec.get("options", {}),
                config=spec.get("config", {}),
                path=spec.get("path", "report.txt"),
                fix_str=spec.get("fix_str"),
            )
        )
    return cases


def run_case(case: Case) -> list[Diagnostic]:
    """Lint the case with only its rule selected and assert what the case expects."""
    registry, _, _ = _environment()
    rule = registry.lookup(case.rule)
    config = make_config({case.rule: case.options} if case.options else None, **case.config)
    name = rule.name if rule is not None else case.rule
    found = [d for d in lint(case.text, case.path, select=(name,), config=config) if d.rule == name]
    if case.expect_pass:
        assert not found, f"{case.id}: expected no {name} diagnostics, got:\n" + "\n".join(
            f"  {d.line}:{d.column} {d.message_en}" for d in found
        )
    else:
        assert found, f"{case.id}: expected {name} to fire, it did not"
        if case.violations is not None:
            got = sorted((d.line, d.column) for d in found)
            assert got == sorted(case.violations), f"{case.id}: expected positions {sorted(case.violations)}, got {got}:\n" + "\n".join(
                f"  {d.line}:{d.column} {d.message_en}" for d in found
            )
    if case.fix_str is not None:
        check_fix(case.text, case.fix_str, name, case.path, config, case.id)
    return found


def fix(text: str, rule: str, path: str = "report.txt", config: Config | None = None) -> str:
    """``text`` after ``gialint check --fix --select rule``."""
    from gialint.engine.fix import fix_text
    from gialint.read.parse.options import ParseOptions

    registry, _, linter = _environment()
    config = config or make_config()
    fixed, _, _ = fix_text(linter, path, text, config, Selection((rule,)), ParseOptions(year=config.year, agency=config.agency, formats=config.formats))
    return fixed


def check_fix(text: str, expected: str, rule: str, path: str, config: Config, label: str = "") -> None:
    """The fix gives ``expected``; the result lints clean for ``rule``; fixing again changes nothing."""
    fixed = fix(text, rule, path, config)
    assert fixed == expected, f"{label}: --fix gave\n{fixed}\nexpected\n{expected}"
    left = [d for d in lint(fixed, path, select=(rule,), config=config) if d.rule == rule]
    assert not left, f"{label}: after --fix, {rule} still reports: " + "; ".join(d.message_en for d in left)
    assert fix(fixed, rule, path, config) == fixed, f"{label}: a second --fix changed the text again"
