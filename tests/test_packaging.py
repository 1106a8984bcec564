"""The wheel ships the YAML rule sets, so a non-editable install finds them."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _editable() -> bool:
    dist = metadata.distribution("gialint")
    direct = dist.read_text("direct_url.json")
    return bool(direct and json.loads(direct).get("dir_info", {}).get("editable"))


@pytest.mark.skipif(_editable(), reason="an editable install reads rules/ from the source tree")
def test_installed_package_has_rule_sets(tmp_path: Path) -> None:
    files = [str(f) for f in metadata.files("gialint") or []]
    assert any(f.replace("\\", "/").endswith("gialint/_rules/default.yaml") for f in files), files
    # -I: isolated mode, so the source checkout is not on sys.path; run outside it.
    code = "import gialint.config.rulesets as r; d = r.builtin_dir(); print(d); assert (d / 'default.yaml').is_file()"
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout and result.stdout.strip().endswith("_rules")


def test_source_tree_has_rule_sets() -> None:
    from gialint.config.rulesets import gialint_get_rule_sets

    sets = gialint_get_rule_sets()
    assert "default" in sets and sets["default"].is_file()


def test_console_script_and_module_agree() -> None:
    from gialint import __version__

    result = subprocess.run([sys.executable, "-m", "gialint", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"gialint {__version__}"
