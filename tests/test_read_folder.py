"""A folder of the files an office holds (issue #9 acceptance): .docx, .doc, .wps, .pdf and .html
side by side. Each is linted, or gets one ``unreadable-input`` saying what to do; the exit status
is never 0 while a report could not be read."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from html_pages import page
from pdfmaker import build_pdf
from report_docx import write_report_docx

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "examples" / "clean-2021.md"
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"


def _check(folder: Path) -> tuple[int, dict[str, list[dict[str, object]]], list[str]]:
    out = io.StringIO()
    code = main(["check", str(folder), "--format", "json", "--no-cache", "--jobs", "1", "--no-plugins"], out, io.StringIO())
    data = json.loads(out.getvalue())
    by_file: dict[str, list[dict[str, object]]] = {}
    for d in data["diagnostics"]:
        by_file.setdefault(Path(str(d["path"])).name, []).append(d)
    return code, by_file, [Path(f).name for f in data["files"]]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytest.importorskip("pdfplumber")
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report_docx(CLEAN, folder / "clean.docx", auto_numbering=True, merged_table3=True)
    write_report_docx(DEFECTIVE, folder / "defective.docx")
    shutil.copy(folder / "defective.docx", folder / "renamed.wps")  # WPS saves .docx under .wps too
    (folder / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))  # an OLE .doc
    build_pdf(DEFECTIVE, folder / "defective.pdf")
    (folder / "defective.html").write_text(page(DEFECTIVE.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "no-soffice"))  # no LibreOffice: the .doc cannot be converted
    return folder


def test_every_kind_in_one_folder_is_linted_or_reported(office: Path) -> None:
    code, by_file, files = _check(office)
    assert sorted(files) == sorted(p.name for p in office.iterdir())
    assert code == 1
    assert "clean.docx" not in by_file, by_file.get("clean.docx")
    [legacy] = by_file["legacy.doc"]
    assert legacy["rule"] == "unreadable-input"
    assert "LibreOffice" in str(legacy["message"]) and ".docx" in str(legacy["message"])
    for name, kind in (("defective.docx", "docx"), ("renamed.wps", None), ("defective.pdf", "pdf"), ("defective.html", "html")):
        found = by_file[name]
        rules = {d["rule"] for d in found}
        assert {"stale-year", "placeholder-text", "conversion-artifact"} <= rules, (name, rules)
        assert "unreadable-input" not in rules
        assert all("location" in d for d in found)
        if kind is not None:
            assert {d["location"]["kind"] for d in found} == {kind}  # type: ignore[index]


def test_a_folder_with_only_an_unreadable_report_never_exits_0(office: Path, tmp_path: Path) -> None:
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(office / "legacy.doc", only / "legacy.doc")
    code, by_file, _ = _check(only)
    assert code == 1 and [d["rule"] for d in by_file["legacy.doc"]] == ["unreadable-input"]
    out = io.StringIO()
    code = main(["check", str(only), "--no-cache", "--fail-on", "error"], out, io.StringIO())
    assert code == 1 and "无法读取" in out.getvalue()
