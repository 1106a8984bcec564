"""The reader layer's contract, with a stand-in reader: extracted text + places → located findings."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import pytest

from gialint import read
from gialint.cli.program import main
from gialint.model.document import Place
from gialint.read import Extracted, ReadError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _fake_read(path: str, data: bytes, options: object) -> Extracted:
    """Reads a .txt report as if it were a Word file: each line a paragraph or a table row."""
    text = data.decode("utf-8")
    if text.startswith("UNREADABLE"):
        raise ReadError("无法读取：测试", "cannot read: test", 1, 1)
    out = Extracted("fake")
    table = 0
    rows: list[list[str]] = []
    places: list[Place] = []
    paragraph = 0
    lines = text.split("\n")
    for line in [*lines, ""]:
        if "\t" in line:
            if not rows:
                table += 1
            rows.append(line.split("\t"))
            places.append(Place(table=table, row=len(rows), page=2))
            continue
        if rows:
            out.table(rows, places)
            rows, places = [], []
        if line.strip():
            paragraph += 1
            out.paragraph(line, Place(paragraph=paragraph, page=1))
    return out


@pytest.fixture()
def fake_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("gialint_test_fake_reader")
    module.read = _fake_read  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gialint_test_fake_reader", module)
    monkeypatch.setitem(read.READERS, ".fake", "gialint_test_fake_reader")


def _json(*argv: str) -> tuple[int, dict[str, object]]:
    out = io.StringIO()
    code = main(["check", "--format", "json", "--no-cache", "--jobs", "1", *argv], out, io.StringIO())
    return code, json.loads(out.getvalue())


def test_fake_kind_gets_the_text_findings_with_places(tmp_path: Path, fake_reader: None) -> None:
    source = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "r.txt").write_text(source, encoding="utf-8")
    (tmp_path / "r.fake").write_text(source, encoding="utf-8")
    _, as_text = _json(str(tmp_path / "r.txt"))
    code, as_fake = _json(str(tmp_path / "r.fake"))
    assert code == 1
    text_rules = sorted(d["rule"] for d in as_text["diagnostics"])  # type: ignore[union-attr,index]
    fake = as_fake["diagnostics"]
    assert sorted(d["rule"] for d in fake) == text_rules  # type: ignore[union-attr,index]
    assert all(d["location"]["kind"] == "fake" for d in fake)  # type: ignore[union-attr,index]
    in_tables = [d["location"] for d in fake if "table" in d["location"]]  # type: ignore[union-attr,index]
    in_text = [d["location"] for d in fake if "paragraph" in d["location"]]  # type: ignore[union-attr,index]
    assert in_text and all(loc["page"] == 1 and loc.get("quote") for loc in in_text)
    for loc in in_tables:
        assert loc["page"] == 2 and loc["row"] >= 1


def test_locate_names_the_cell_and_its_labels(tmp_path: Path, fake_reader: None) -> None:
    source = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "r.fake").write_text(source, encoding="utf-8")
    _, as_fake = _json(str(tmp_path / "r.fake"), "--select", "empty-cell")
    found = as_fake["diagnostics"]
    assert found, "the defective example has an empty-cell finding"
    loc = found[0]["location"]  # type: ignore[index]
    assert loc["table_name"].startswith("表") and loc["column"] >= 1 and loc["row_label"]


def test_a_reader_error_is_unreadable_input_with_its_message(tmp_path: Path, fake_reader: None) -> None:
    (tmp_path / "bad.fake").write_text("UNREADABLE", encoding="utf-8")
    code, data = _json(str(tmp_path / "bad.fake"))
    assert code == 1
    [d] = data["diagnostics"]  # type: ignore[misc]
    assert d["rule"] == "unreadable-input" and "测试" in d["message"]


def test_a_missing_reader_library_says_which_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("gialint_test_missing_lib")

    def needs_library(path: str, data: bytes, options: object) -> Extracted:
        raise ModuleNotFoundError("No module named 'pdfplumber'", name="pdfplumber")

    module.read = needs_library  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gialint_test_missing_lib", module)
    monkeypatch.setitem(read.READERS, ".pdf", "gialint_test_missing_lib")
    (tmp_path / "r.pdf").write_bytes(b"%PDF-1.4\n")
    code, data = _json(str(tmp_path / "r.pdf"))
    assert code == 1
    [d] = data["diagnostics"]  # type: ignore[misc]
    assert d["rule"] == "unreadable-input" and "gialint[pdf]" in d["message"]


def test_extract_prints_the_text_findings_point_into(tmp_path: Path, fake_reader: None) -> None:
    source = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "r.fake").write_text(source, encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(tmp_path / "r.fake")], out, io.StringIO()) == 0
    extracted = out.getvalue().split("\n")
    _, data = _json(str(tmp_path / "r.fake"))
    for d in data["diagnostics"]:  # type: ignore[union-attr]
        quote = d["location"].get("quote", "").rstrip("…")  # type: ignore[index]
        if quote:
            assert quote in extracted[d["line"] - 1].replace("\t", " ") or quote in extracted[d["line"] - 1]  # type: ignore[index]
    out = io.StringIO()
    assert main(["extract", "--places", str(tmp_path / "r.fake")], out, io.StringIO()) == 0
    assert "¶1" in out.getvalue() and "T1 r1" in out.getvalue()


def test_fix_refuses_reader_kinds(tmp_path: Path, fake_reader: None) -> None:
    source = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    target = tmp_path / "r.fake"
    target.write_text(source, encoding="utf-8")
    err = io.StringIO()
    main(["check", "--fix", "--no-cache", str(target)], io.StringIO(), err)
    assert "never rewrite" in err.getvalue()
    assert target.read_text(encoding="utf-8") == source


def test_sarif_carries_the_place_as_logical_location_and_property_bag(tmp_path: Path, fake_reader: None) -> None:
    import jsonschema

    source = (EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "r.fake").write_text(source, encoding="utf-8")
    out = io.StringIO()
    main(["check", "--format", "sarif", "--no-cache", "--jobs", "1", str(tmp_path / "r.fake")], out, io.StringIO())
    log = json.loads(out.getvalue())
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        [logical] = result["locations"][0]["logicalLocations"]
        bag = result["properties"]["gialint.location"]
        assert bag["kind"] == "fake" and logical["name"]
        if "table" in bag:
            assert bag["table_name"] in logical["name"] or f"第{bag['table']}个表格" in logical["name"]


def test_a_sarif_location_name_is_the_place_alone(tmp_path: Path) -> None:
    from gialint.model.diagnostic import Location

    place = Location("docx", paragraph=12, heading=("一、总体情况", "（一）主动公开"), quote="x")
    assert place.describe("zh", full=False) == "第12段" and place.describe("en", full=False) == "paragraph 12"
    assert place.describe("zh") == "第12段 一、总体情况 › （一）主动公开 “x”"
