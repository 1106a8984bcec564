"""gialint's pytest plugin: fixtures and YAML case files for testing rules (plugins' and gialint's).

pytest loads it in every session of a project where gialint is installed (entry point
``pytest11``, name ``gialint``; ``pytest -p no:gialint`` turns it off). It gives:

* the fixture ``gialint_lint``: ``gialint_lint(text, path="report.txt", select=(), config=None,
  *, options=None)`` lints ``text`` as the file ``path`` with the ``default`` rule set and every
  installed plugin, and returns the diagnostics (like :func:`gialint.testing.lint`).
  ``config`` is a :class:`gialint.config.model.Config` or a mapping written like a ``.gialint.yaml``
  (``{"extends": "my-province", "year": 2021, "rules": {"absent-contact": "error"}}``);
  ``options`` is ``{rule: {option: value}}``, merged into it;
* the fixture ``gialint_fix``: ``gialint_fix(text, rule, path="report.txt", config=None, *,
  options=None)`` returns ``text`` after ``gialint check --fix --select rule``;
* collection of YAML case files named ``*.gialint-cases.yml`` (or ``.yaml``) anywhere under the
  test paths, one test item per case (``<file>::<case>``), run by
  :func:`gialint.testing.run_case` (see that module for the format). gialint's own case files
  are named ``<rule>.yml`` and are run by its own tests, not collected here.

This module is imported by every pytest session with gialint installed, so it imports nothing
from gialint at module level: :mod:`gialint.testing` (which loads every plugin) is imported
only when a fixture is used or a case file is collected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from gialint.config.model import Config
    from gialint.model.diagnostic import Diagnostic
    from gialint.testing import Case

CASE_SUFFIXES = (".gialint-cases.yml", ".gialint-cases.yaml")

_RUN_BY_RUN_CASE = ("rule", "name", "text", "expect_pass")
"""Fields of gialint.testing.Case that are not keys of a case (the other fields are)."""


def _config(config: Config | Mapping[str, Any] | None, options: Mapping[str, Mapping[str, Any]] | None) -> Config:
    """A Config from a Config, or from a mapping written like a ``.gialint.yaml`` plus options."""
    from gialint import testing
    from gialint.config.model import Config

    if isinstance(config, Config):
        if options:
            raise TypeError("options= cannot be combined with a Config object; pass the config as a mapping")
        return config
    data = dict(config or {})
    if options:
        rules = dict(data.get("rules") or {})
        for name, opts in options.items():
            current = rules.get(name)
            if isinstance(current, Mapping):
                rules[name] = {**current, "options": {**(current.get("options") or {}), **opts}}
            elif isinstance(current, str):  # a severity, or off
                rules[name] = {"severity": current, "options": dict(opts)}
            else:
                rules[name] = {"options": dict(opts)}
        data["rules"] = rules
    # Keys go through as written (``fail-on``); relative ``extends:`` paths are relative to the cwd.
    return testing.make_config(None, **data)


@pytest.fixture
def gialint_lint() -> Callable[..., list[Diagnostic]]:
    """Lint a text with the default rule set and the installed plugins; returns the diagnostics."""

    def lint(
        text: str,
        path: str = "report.txt",
        select: Sequence[str] = (),
        config: Config | Mapping[str, Any] | None = None,
        *,
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> list[Diagnostic]:
        from gialint import testing

        if isinstance(select, str):
            select = (select,)
        return testing.lint(text, path, select=tuple(select), config=_config(config, options))

    return lint


@pytest.fixture
def gialint_fix() -> Callable[..., str]:
    """The text after ``gialint check --fix --select RULE`` (default rule set + installed plugins)."""

    def fix(
        text: str,
        rule: str,
        path: str = "report.txt",
        config: Config | Mapping[str, Any] | None = None,
        *,
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> str:
        from gialint import testing

        return testing.fix(text, rule, path, config=_config(config, options))

    return fix


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(CASE_SUFFIXES):
        return GialintCaseFile.from_parent(parent, path=file_path)
    return None


class CaseFileError(Exception):
    """A case file or case that cannot be run as written (reported without a traceback)."""


class GialintCaseFile(pytest.File):
    """A ``*.gialint-cases.yml`` file: one :class:`GialintCase` item per case."""

    def collect(self) -> Iterator[GialintCase]:
        from dataclasses import fields

        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        from gialint.testing import Case, load_cases

        try:
            data = YAML(typ="safe", pure=True).load(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError) as exc:
            raise self.CollectError(f"{self.path}: cannot read this gialint case file: {exc}") from None
        problem = _check_layout(data, {f.name for f in fields(Case)} - set(_RUN_BY_RUN_CASE))
        if problem:
            raise self.CollectError(f"{self.path}: {problem} (the format is described in the docstring of gialint.testing)")
        try:
            cases = load_cases(self.path)
        except Exception as exc:  # noqa: BLE001 - any loading problem is the file's, shown without a traceback
            raise self.CollectError(f"{self.path}: cannot load the cases: {type(exc).__name__}: {exc}") from None
        text = self.path.read_text(encoding="utf-8")
        for case in cases:
            yield GialintCase.from_parent(self, name=case.name, case=case, line=_line_of(text, case.name))


def _check_layout(data: Any, optional_keys: set[str]) -> str:
    """What is wrong with a case file's top-level layout, or ''."""
    if not isinstance(data, Mapping) or "rule" not in data:
        return "a case file is a mapping with `rule:` (the rule under test) and one mapping per case"
    if not isinstance(data["rule"], str) or not data["rule"]:
        return "`rule:` must name the rule under test (name or code)"
    cases = {k: v for k, v in data.items() if k != "rule"}
    if not cases:
        return "the file has no cases"
    for name, spec in cases.items():
        if not isinstance(spec, Mapping):
            return f"case {name!r} must be a mapping with pass_str: or fail_str:"
        kinds = [k for k in ("pass_str", "fail_str") if k in spec]
        if len(kinds) != 1:
            return f"case {name!r} needs exactly one of pass_str: and fail_str:"
        unknown = sorted(set(spec) - optional_keys - {"pass_str", "fail_str"})
        if unknown:
            return f"case {name!r}: unknown key {unknown[0]!r}; known keys: pass_str, fail_str, {', '.join(sorted(optional_keys))}"
        if "violations" in spec and "pass_str" in spec:
            return f"case {name!r}: violations: only go with fail_str:"
    return ""


def _line_of(text: str, name: str) -> int:
    """0-based line of the case's key in the file (0 if not found)."""
    import re

    key = re.compile(r"""^(?:{0}|'{0}'|"{0}")\s*:""".format(re.escape(name)))
    for number, line in enumerate(text.splitlines()):
        if key.match(line):
            return number
    return 0


class GialintCase(pytest.Item):
    """One case of a case file, run with :func:`gialint.testing.run_case`."""

    def __init__(self, *, case: Case, line: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.line = line

    def runtest(self) -> None:
        from gialint import testing

        case = self.case
        config = testing.make_config(None, **case.config)
        wanted = case.rule.upper()
        if not any(r.name == case.rule or r.code.upper() == wanted for r in config.rules.values()):
            raise CaseFileError(
                f"unknown rule {case.rule!r}: it is neither registered by an installed plugin nor defined "
                f"by the case's config (run `gialint rules`; is the plugin installed?)"
            )
        testing.run_case(case)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        from gialint.config.yamlio import ConfigError

        if not isinstance(excinfo.value, (AssertionError, CaseFileError, ConfigError)):
            return super().repr_failure(excinfo, style=style)
        case = self.case
        message = str(excinfo.value).strip()
        if isinstance(excinfo.value, AssertionError):
            # gialint.testing's messages say it all; drop pytest's assertion-rewriting explanation.
            cut = message.find("\nassert ")
            message = message[:cut] if cut > 0 else message
        elif isinstance(excinfo.value, ConfigError):
            message = f"invalid configuration in the case: {message}"
        kind = "pass_str" if case.expect_pass else "fail_str"
        out = [message, "", f"case {case.name!r} at {self.path.name}:{self.line + 1} (rule {case.rule}, {kind})"]
        if case.options:
            out.append(f"options: {dict(case.options)}")
        if case.config:
            out.append(f"config: {dict(case.config)}")
        out.append(f"{case.path}:")
        out += [f"{number:>4} | {line}" for number, line in enumerate(case.text.splitlines(), 1)]
        return "\n".join(out)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line, f"gialint case {self.case.rule}/{self.case.name}"
