"""The plugin author's kit: gialint's pytest plugin and examples/gialint-plugin-example/.

The fast tests run pytest in a subprocess on a throw-away project, with the pytest plugin that
this checkout's installation registers (entry point ``pytest11``). The slow test does what a
plugin author does: a fresh virtualenv, ``pip install`` gialint and the example plugin, then
the plugin's rule in ``gialint rules``, its rule set in ``extends:``, and its own tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "gialint-plugin-example"


def _env() -> dict[str, str]:
    """The environment without anything that would point a subprocess at another setup."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "GIALINT_DISABLE_PLUGIN_AUTOLOAD")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(args: list[str | Path], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)


def _pytest(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=project)


# --------------------------------------------------------------------------- the pytest plugin


def test_pytest_plugin_is_registered() -> None:
    from importlib.metadata import entry_points

    found = [ep.value for ep in entry_points(group="pytest11") if ep.name == "gialint"]
    assert found == ["gialint.pytest_plugin"], "re-install gialint (pip install -e '.[test]') to register its pytest plugin"


def test_pytest_plugin_module_is_light() -> None:
    """pytest imports it in every session of every project with gialint installed."""
    code = "import sys, gialint.pytest_plugin; print(' '.join(sorted(m for m in sys.modules if m.startswith('gialint'))))"
    result = _run([sys.executable, "-c", code], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    # gialint.model.record (the base of the model's immutable records, used by the plugin
    # manager's PluginProblem) imports nothing beyond operator and typing.
    allowed = {"gialint", "gialint._lazy", "gialint.engine", "gialint.engine.plugin", "gialint.model", "gialint.model.record", "gialint.pytest_plugin"}
    assert set(result.stdout.split()) <= allowed, result.stdout


def test_own_rule_cases_are_not_collected_twice() -> None:
    """tests/rule_cases/<rule>.yml run in test_rule_cases.py; the plugin only takes *.gialint-cases.yml."""
    result = _pytest(ROOT, "--collect-only", "-q", "tests/rule_cases")
    assert result.returncode == 5, result.stdout + result.stderr  # 5: no tests collected


CASES = """\
rule: placeholder-text

no_placeholder:
  pass_str: |
    本报告电子版可在政府门户网站（http://www.example.gov.cn）查阅。

placeholder:
  fail_str: |
    青石镇人民政府2021年政府信息公开工作年度报告
    本报告电子版可在政府门户网站（具体网址）查阅。
  violations:
    - {line: 2, column: 16}

'wrong on purpose':
  pass_str: |
    联系电话：XX
"""

TESTS = """\
def test_lint(gialint_lint):
    (d,) = gialint_lint("联系电话：XX", select=["placeholder-text"])
    assert (d.code, d.column, str(d.severity)) == ("GIA502", 6, "error")
    (d,) = gialint_lint("联系电话：XX", select=["GIA502"], config={"rules": {"placeholder-text": "info"}})
    assert str(d.severity) == "info"
    phone = "如对本报告有疑问，请致电咨询（联系电话：0537-7134101）。"
    assert gialint_lint(phone, select=["absent-contact"])
    assert not gialint_lint(phone, select=["absent-contact"], options={"absent-contact": {"require": ["phone"]}})


def test_fix(gialint_fix):
    assert gialint_fix("一是，，二是\\n", "doubled-punctuation") == "一是，二是\\n"
"""


def test_fixtures_and_case_files(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "placeholders.gialint-cases.yml").write_text(CASES, encoding="utf-8")
    (tmp_path / "tests" / "test_it.py").write_text(TESTS, encoding="utf-8")
    (tmp_path / "tests" / "not-cases.yml").write_text("rule: placeholder-text\n", encoding="utf-8")
    result = _pytest(tmp_path, "-v", "tests")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "tests/placeholders.gialint-cases.yml::no_placeholder PASSED" in out
    assert "tests/placeholders.gialint-cases.yml::placeholder PASSED" in out
    assert "tests/placeholders.gialint-cases.yml::wrong on purpose FAILED" in out
    assert "test_it.py::test_lint PASSED" in out and "test_it.py::test_fix PASSED" in out
    assert "not-cases" not in out
    # the failure: the finding, where the case is, the numbered text; no traceback
    assert "placeholder-text/wrong on purpose: expected no placeholder-text diagnostics, got:" in out
    assert '1:6 placeholder "XX" was never replaced with the real text' in out
    assert "case 'wrong on purpose' at placeholders.gialint-cases.yml:14 (rule placeholder-text, pass_str)" in out
    assert "   1 | 联系电话：XX" in out
    assert "Traceback" not in out and "def runtest" not in out
    assert "1 failed, 4 passed" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rule: missing-title\nc:\n  pass_str: x\n  violation: []\n", "case 'c': unknown key 'violation'"),
        ("rule: missing-title\nc:\n  pass_str: x\n  fail_str: y\n", "case 'c' needs exactly one of pass_str: and fail_str:"),
        ("c:\n  pass_str: x\n", "a case file is a mapping with `rule:`"),
        ("rule: [\n", "cannot read this gialint case file"),
    ],
)
def test_broken_case_file_is_a_readable_collection_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.gialint-cases.yaml").write_text(text, encoding="utf-8")
    result = _pytest(tmp_path, "-q")
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stdout
    assert "Traceback" not in result.stdout


def test_case_for_an_unknown_rule_fails(tmp_path: Path) -> None:
    """A case naming a rule that is not installed must not pass vacuously."""
    (tmp_path / "x.gialint-cases.yml").write_text("rule: no-such-rule\nc:\n  pass_str: x\n", encoding="utf-8")
    (tmp_path / "y.gialint-cases.yml").write_text(
        "rule: lj-superseded-regulation\nc:\n  pass_str: x\n  config: {extends: no-such-set}\n", encoding="utf-8"
    )
    result = _pytest(tmp_path, "-q")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "unknown rule 'no-such-rule'" in result.stdout
    assert "invalid configuration in the case: <test>: unknown rule set 'no-such-set'" in result.stdout
    assert "2 failed" in result.stdout


# --------------------------------------------------------------------------- the example plugin, end to end

REPORT = """\
青石镇人民政府2021年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》（国务院令第492号）要求编制。
一、总体情况
2021年，青石镇全年主动公开政府信息35条。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_example_requires_this_gialint() -> None:
    """Installing the example next to this checkout must not make pip look for another gialint."""
    from packaging.requirements import Requirement

    from gialint import __version__

    data = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    (req,) = [Requirement(r) for r in data["project"]["dependencies"] if Requirement(r).name == "gialint"]
    assert req.specifier.contains(__version__), f"update the example's requirement {req} for gialint {__version__}"
    assert data["project"]["entry-points"]["gialint"] == {"lanjiang": "gialint_lanjiang"}


@pytest.mark.slow
def test_example_plugin_end_to_end(tmp_path: Path) -> None:
    from gialint.testing import load_cases

    # A copy: setuptools writes build/ and *.egg-info/ into the folder it builds from.
    plugin = tmp_path / "gialint-plugin-example"
    shutil.copytree(EXAMPLE, plugin, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".pytest_cache"))
    venv = tmp_path / "venv"
    created = _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"

    def pip(*args: str | Path) -> None:
        result = _run([python, "-m", "pip", "install", "--quiet", *args], cwd=tmp_path, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr

    pip(ROOT, "pytest")
    pip(plugin)
    checked = _run([python, "-m", "pip", "check"], cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # its rule is listed, from its plugin
    rules = _run([bin_dir / "gialint", "rules"], cwd=tmp_path)
    assert rules.returncode == 0, rules.stderr
    assert re.search(r"^LJ101 +lj-work-priorities +warning ", rules.stdout, re.MULTILINE), rules.stdout
    assert rules.stderr == ""
    listed = json.loads(_run([bin_dir / "gialint", "rules", "--format", "json"], cwd=tmp_path).stdout)
    assert {"name": "lj-work-priorities", "plugin": "lanjiang"}.items() <= next(r for r in listed if r["code"] == "LJ101").items()

    # its rule set can be named in extends:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.txt").write_text(REPORT, encoding="utf-8")
    (reports / ".gialint.yaml").write_text("extends: lanjiang\n", encoding="utf-8")

    def check() -> dict[str, str]:
        result = _run([bin_dir / "gialint", "check", "--format", "json", "report.txt"], cwd=reports)
        assert result.returncode == 1, result.stdout + result.stderr
        return {d["code"]: d["severity"] for d in json.loads(result.stdout)["diagnostics"]}

    province = check()
    assert (province.get("LJ101"), province.get("LJ201"), province.get("GIA401")) == ("warning", "warning", "error"), province
    (reports / ".gialint.yaml").unlink()
    national = check()
    assert (national.get("LJ101"), national.get("LJ201"), national.get("GIA401")) == ("warning", None, "warning"), national

    # its own tests, with gialint's pytest plugin: the YAML cases are collected and pass
    cases = sum(len(load_cases(p)) for p in (plugin / "tests").glob("*.gialint-cases.y*ml"))
    assert cases >= 4
    result = _run([python, "-m", "pytest", "-v", "-p", "no:cacheprovider", plugin / "tests"], cwd=plugin, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    collected = re.findall(r"\.gialint-cases\.yml::\S+ PASSED", result.stdout)
    functions = re.findall(r"test_rules\.py::\w+ PASSED", result.stdout)
    assert len(collected) == cases, result.stdout
    assert functions, result.stdout
    assert re.search(rf"\b{cases + len(functions)} passed\b", result.stdout), result.stdout
