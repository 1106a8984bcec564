"""The supervisor's score sheet (issue #11 part 2): ``gialint audit --format csv|xlsx`` read back
and checked against the JSON output; deduction scores from the configuration; ranking by score."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for county, names in (("青溪县", ["defective-2021.txt", "clean-2021.md"]), ("白石区", ["defective-2020.md"])):
        (tmp_path / "t" / county).mkdir(parents=True)
        for name in names:
            shutil.copy(EXAMPLES / name, tmp_path / "t" / county / name)
    return tmp_path / "t"


def _json_reports(*extra: str) -> dict[str, dict[str, Any]]:
    code, out, _ = cli("audit", "t", "--no-cache", "--jobs", "1", "--format", "json", *extra)
    assert code == 1
    data = json.loads(out)
    rows = {r["path"]: r for r in data["summary"]["reports"]}
    for path, row in rows.items():
        mine = [d for d in data["diagnostics"] if d["path"] == path]
        assert row["findings"] == len(mine)
        assert row["errors"] == sum(1 for d in mine if d["severity"] == "error")
    return rows


def test_csv_rows_match_the_json(tree: Path) -> None:
    expected = _json_reports()
    code, out, _ = cli("audit", "t", "--no-cache", "--jobs", "1", "--format", "csv")
    assert code == 1 and out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[:9] == ["文件", "机关", "县（区）", "年度", "扣分", "问题数", "错误", "警告", "提示"]
    assert len(body) == 3
    for row in body:
        want = expected[row[0]]
        assert row[1] == want["agency"] and row[2] == want["county"] == Path(row[0]).parent.name
        assert float(row[4]) == want["score"] and int(row[5]) == want["findings"]
        assert (int(row[6]), int(row[7]), int(row[8])) == (want["errors"], want["warnings"], want["infos"])
        per_rule = {h.split()[0]: int(v) for h, v in zip(header[9:], row[9:], strict=True) if int(v)}
        assert per_rule == want["rules"]
    scores = [float(r[4]) for r in body]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0 and scores[-1] == 0


def test_xlsx_sheets_match_the_json(tree: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    expected = _json_reports("--lang", "en")
    target = tmp_path / "audit.xlsx"
    code, _, _ = cli("audit", "t", "--no-cache", "--jobs", "1", "--format", "xlsx", "--output", str(target), "--lang", "en")
    assert code == 1
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["reports", "findings"]
    reports = list(book["reports"].iter_rows(values_only=True))
    assert reports[0][:5] == ("file", "agency", "county", "year", "score")
    for row in reports[1:]:
        want = expected[row[0]]
        assert (row[1], row[3], float(row[4]), row[5]) == (want["agency"], want["year"], want["score"], want["findings"])
    findings = list(book["findings"].iter_rows(values_only=True))
    assert len(findings) - 1 == sum(r["findings"] for r in expected.values())
    assert {f[4] for f in findings[1:]} == {code for r in expected.values() for code in r["rules"]}


def test_xlsx_needs_an_output_file(tree: Path) -> None:
    code, out, err = cli("audit", "t", "--no-cache", "--format", "xlsx")
    assert code == 2 and out == "" and "--output" in err


def test_spreadsheet_cells_never_become_formulas(tree: Path) -> None:
    hostile = tree / "青溪县" / "=cmd-2021.md"
    shutil.copy(EXAMPLES / "defective-2020.md", hostile)
    _, out, _ = cli("audit", "t", "--no-cache", "--jobs", "1", "--format", "csv")
    cells = [c for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.endswith("=cmd-2021.md") for c in cells)


def test_ten_doubled_full_stops_do_not_outrank_a_missing_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    clean = (EXAMPLES / "clean-2021.md").read_text(encoding="utf-8")
    (tmp_path / "t").mkdir()
    lines = clean.split("\n")
    body = [i for i, line in enumerate(lines) if line.endswith("。") and not line.startswith("#")][:10]
    for i in body:
        lines[i] = lines[i] + "。"
    (tmp_path / "t" / "dots.md").write_text("\n".join(lines), encoding="utf-8")
    start = next(i for i, line in enumerate(lines) if "五、存在的主要问题" in line)
    end = next(i for i, line in enumerate(lines) if "六、其他需要报告的事项" in line)
    (tmp_path / "t" / "missing.md").write_text("\n".join(clean.split("\n")[:start] + clean.split("\n")[end:]), encoding="utf-8")
    code, out, _ = cli("audit", "t", "--no-cache", "--jobs", "1", "--format", "json", "--select", "doubled-punctuation,missing-section")
    reports = json.loads(out)["summary"]["reports"]
    by_path = {Path(r["path"]).name: r for r in reports}
    assert by_path["dots.md"]["findings"] >= 10 > by_path["missing.md"]["findings"] >= 1
    assert [Path(r["path"]).name for r in reports] == ["missing.md", "dots.md"]


def test_scoring_weights_come_from_the_configuration(tree: Path) -> None:
    before = _json_reports()
    config = tree.parent / "supervisor.yaml"  # an audit uses the supervisor's config, not the tree's
    config.write_text(
        "county: 测试县\nscoring:\n  rules:\n    stale-year: 0\n    empty-cell: {points: 9, most: 9}\n", encoding="utf-8"
    )
    after = _json_reports("--config", str(config))
    assert {row["county"] for row in after.values()} == {"测试县"}
    path = next(p for p in after if p.endswith("defective-2021.txt"))
    assert after[path]["rules"]["GIA301"] == 3 and after[path]["rules"]["GIA204"] == 1
    # stale-year cost min(6, 3 × 2) by default and nothing now; empty-cell 1 by default, 9 now.
    assert after[path]["score"] == before[path]["score"] - 6 + 8


@pytest.mark.parametrize(
    ("yaml", "where"),
    [
        ("scoring:\n  rules:\n    missing-sectoin: 5\n", "3:5"),
        ("scoring:\n  rules:\n    missing-section: {points: -1}\n", "3:22"),
        ("scoring:\n  severity:\n    fatal: 3\n", "3:12"),
        ("scoring: 5\n", "1:10"),
    ],
)
def test_malformed_scoring_is_a_located_config_error(tmp_path: Path, yaml: str, where: str) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(yaml, encoding="utf-8")
    code, _, err = cli("check", "--config", str(config), str(EXAMPLES / "clean-2021.md"))
    assert code == 2 and f"{config}:{where}:" in err, err
