"""The README's plugin example, used verbatim, still works (issue #12: the package was regrouped by
layer; the paths a plugin imports did not move).

The block is installed the way pip leaves a package (a ``.dist-info`` with the entry point beside
the module on the path) and gialint is run as a separate process, as a user would run it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# sha256 of the block as published in 0.1.0: the example must not need editing for a new layout.
PUBLISHED = "e10b53718e17d032a1ff3551cc1156ae73616e8e12123817ccc1e1a5abe82ee2"


def _example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(# my_province_rules/__init__.py\n.*?)```", readme, flags=re.S)
    assert block, "README has the plugin example"
    return block.group(1)


def test_the_readme_plugin_example_is_unchanged() -> None:
    assert hashlib.sha256(_example().encode("utf-8")).hexdigest() == PUBLISHED


def test_the_readme_plugin_example_runs_as_an_installed_plugin(tmp_path: Path) -> None:
    site = tmp_path / "site"
    package = site / "my_province_rules"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(_example(), encoding="utf-8")
    meta = site / "my_province_rules-1.0.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: my-province-rules\nVersion: 1.0\n", encoding="utf-8")
    (meta / "entry_points.txt").write_text("[gialint]\nmy_province = my_province_rules\n", encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text((ROOT / "examples" / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}

    def run() -> list[dict[str, object]]:
        done = subprocess.run(
            [sys.executable, "-m", "gialint", "check", str(report), "--format", "json", "--no-cache"],
            capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, done.stderr
        return [d for d in json.loads(done.stdout)["diagnostics"] if d["code"] == "SC101"]

    assert "12345" not in report.read_text(encoding="utf-8")
    found = run()
    assert [(d["rule"], d["severity"]) for d in found] == [("province-hotline", "warning")]
    assert "12345" in str(found[0]["message"])
    report.write_text(report.read_text(encoding="utf-8") + "\n如有疑问可拨打12345政务服务便民热线。\n", encoding="utf-8")
    assert run() == []
