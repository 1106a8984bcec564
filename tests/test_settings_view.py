"""``gialint config PATH``: the effective configuration for a report and which file set each key."""

from __future__ import annotations

import io
import json
from pathlib import Path

from gialint.cli.program import main


def _view(*argv: str) -> dict:  # type: ignore[type-arg]
    out = io.StringIO()
    assert main(["config", *argv, "--format", "json", "--no-plugins"], out, io.StringIO()) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_each_key_names_the_file_that_set_it(tmp_path: Path) -> None:
    (tmp_path / "prov").mkdir()
    (tmp_path / "office").mkdir()
    (tmp_path / "prov" / "province.yaml").write_text("rules:\n  absent-contact: info\n  stale-year: {severity: warning}\nyear: 2021\n", encoding="utf-8")
    (tmp_path / "office" / ".gialint.yaml").write_text("extends: ../prov/province.yaml\nrules:\n  stale-year: error\n", encoding="utf-8")
    report = tmp_path / "office" / "r.txt"
    report.write_text("x\n", encoding="utf-8")
    view = _view(str(report))
    office, province = str(tmp_path / "office" / ".gialint.yaml"), "province.yaml"
    assert view["rules"]["stale-year"]["severity"] == "error"
    assert view["rules"]["stale-year"]["from"] == f"{office}:3", "the office's file wins over the province's"
    assert view["rules"]["absent-contact"]["severity"] == "info"
    assert view["rules"]["absent-contact"]["from"].endswith(f"{province}:2")
    assert view["year"] == {"value": 2021, "from": view["year"]["from"]} and view["year"]["from"].endswith(f"{province}:4")
    assert view["rules"]["missing-section"]["from"] == "内置默认值"
    assert view["files"][0] == office


def test_in_a_later_extends_entry_wins(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("rules:\n  stale-year: info\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("rules:\n  stale-year: warning\n", encoding="utf-8")
    (tmp_path / ".gialint.yaml").write_text("extends: [default, a.yaml, b.yaml]\n", encoding="utf-8")
    view = _view(str(tmp_path), "--lang", "en")
    assert view["rules"]["stale-year"]["severity"] == "warning"
    assert view["rules"]["stale-year"]["from"] == f"{tmp_path / 'b.yaml'}:2"


def test_text_output_lists_every_rule() -> None:
    out = io.StringIO()
    assert main(["config", ".", "--no-plugins"], out, io.StringIO()) == 0
    text = out.getvalue()
    assert "missing-section:" in text and "GIA101" in text and "fail-on: warning" in text


def test_keys_set_in_pyproject_name_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.gialint]\nlang = "en"\n[tool.gialint.rules]\nstale-year = "off"\n', encoding="utf-8")
    view = _view(str(tmp_path))
    pyproject = str(tmp_path / "pyproject.toml")
    assert view["rules"]["stale-year"]["enabled"] is False and view["rules"]["stale-year"]["from"] == pyproject
    assert view["lang"] == {"value": "en", "from": pyproject}
    assert view["rules"]["missing-section"]["from"] == "内置默认值"
