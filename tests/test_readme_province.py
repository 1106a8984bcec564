"""The README's provincial format, used verbatim: its extra row, relation and required content
are enforced (issue #11 part 6: the example shows required-content too)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_provincial_format_is_enforced(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(format:\n  id: sichuan-2021\n.*?)```", readme, flags=re.S)
    assert block, "README has the provincial format example"
    (tmp_path / ".gialint.yaml").write_text(block.group(1), encoding="utf-8")
    report = tmp_path / "clean-2021.md"
    report.write_text((ROOT / "examples" / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    main(["check", str(report), "--format", "json", "--no-cache", "--no-plugins"], out, io.StringIO())
    found = json.loads(out.getvalue())["diagnostics"]
    messages = " ".join(d["message"] for d in found if d["rule"] == "required-content")
    assert "12345政务服务便民热线的办理情况" in messages
    assert any(d["rule"] in ("missing-table", "table-labels") and "本年度办结数量" in d["message"] for d in found), found
    report.write_text(report.read_text(encoding="utf-8").replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n\n本年度12345热线转办件均已按时办结。\n"), encoding="utf-8")
    out = io.StringIO()
    main(["check", str(report), "--format", "json", "--no-cache", "--no-plugins"], out, io.StringIO())
    assert "12345政务服务便民热线" not in out.getvalue()
