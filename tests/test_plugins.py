"""Third-party plugins: a real package installed with pip, found through its entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = Path(__file__).parent / "fixtures" / "plugin_pkg"
CLEAN = ROOT / "examples" / "clean-2021.md"


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the fixture plugin with pip into its own directory (gialint itself is already installed)."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(PLUGIN)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return target


def _gialint(site: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("GIALINT_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run([sys.executable, "-m", "gialint", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_plugin_rule_is_listed(plugin_site: Path) -> None:
    result = _gialint(plugin_site, "rules")
    assert result.returncode == 0, result.stderr
    line = next(row for row in result.stdout.splitlines() if "province-hotline" in row)
    assert line.startswith("FX001")
    assert "fixture_province" not in result.stderr


def test_plugin_rule_fires_and_can_be_configured(plugin_site: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = _gialint(plugin_site, "check", "--no-color", "--lang", "en", str(report))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FX001 province-hotline [warning] the hotline 12345 is not mentioned" in result.stdout
    (tmp_path / ".gialint.yaml").write_text("rules:\n  province-hotline:\n    options: {hotline: '青石镇'}\n", encoding="utf-8")
    result = _gialint(plugin_site, "check", "--no-color", str(report))
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_plugins_flag_and_env_skip_entry_points(plugin_site: Path) -> None:
    assert "province-hotline" not in _gialint(plugin_site, "rules", "--no-plugins").stdout
    env_result = subprocess.run(
        [sys.executable, "-m", "gialint", "rules"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(plugin_site), "GIALINT_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert "province-hotline" not in env_result.stdout


def test_broken_plugin_is_reported_not_fatal(tmp_path: Path) -> None:
    """An entry point whose import fails: a warning naming it, and the built-in rules still run."""
    dist = tmp_path / "broken_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[gialint]\nbroken = broken_plugin_module\n", encoding="utf-8")
    (tmp_path / "broken_plugin_module.py").write_text("raise RuntimeError('boom at import')\n", encoding="utf-8")
    result = _gialint(tmp_path, "check", "--no-color", str(CLEAN))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "plugin 'broken' 1.0" in result.stderr and "boom at import" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_misspelt_hook_name_is_reported(tmp_path: Path) -> None:
    """pluggy never calls an implementation of a hook nobody declared; gialint says so."""
    dist = tmp_path / "typo_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: typo-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[gialint]\ntypo = typo_plugin_module\n", encoding="utf-8")
    (tmp_path / "typo_plugin_module.py").write_text(
        "import gialint\n\n@gialint.hookimpl\ndef gialint_get_rule():\n    return []\n", encoding="utf-8"
    )
    result = _gialint(tmp_path, "check", "--no-color", str(CLEAN))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'gialint_get_rule', which is not a gialint hook" in result.stderr
    assert "did you mean 'gialint_get_rules'?" in result.stderr
