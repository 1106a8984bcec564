"""The audit's HTML page in a real headless browser (issue #11 part 2): the matrix fits 1400 px
with every rule of the default set, sorting and filters change the rows, the print stylesheet puts
the matrix on one A4 landscape page; table findings are drawn on the table's grid; copies side by side."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from browser import chromium, headless

from gialint.cli.program import loader_for, main, registry_for
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report
from gialint.output import html as html_output

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _audit_page(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for county, names in (("青溪县", ["defective-2021.txt", "clean-2021.md"]), ("白石区", ["defective-2020.md"])):
        (tree / county).mkdir(parents=True)
        for name in names:
            shutil.copy(EXAMPLES / name, tree / county / name)
    copy = (EXAMPLES / "clean-2021.md").read_text(encoding="utf-8").replace("青石镇", "柳林镇")
    (tree / "白石区" / "liulin-2021.md").write_text(copy, encoding="utf-8")
    page = tmp_path / "audit.html"
    code = main(["audit", str(tree), "--no-cache", "--jobs", "1", "--format", "html", "--output", str(page)], io.StringIO(), io.StringIO())
    assert code == 1 and page.is_file()
    return page


def _every_rule_page(tmp_path: Path, files: int = 30) -> Path:
    """A page whose matrix has a column for every rule of the default set (the widest it gets)."""
    config = loader_for(registry_for(True)).load_named("default")
    rules = sorted(config.rules.values(), key=lambda r: r.code)
    names = [f"县{i % 3}/某某镇人民政府-2022年报告-{i:03d}.docx" for i in range(files)]
    diagnostics = [
        Diagnostic(name, 1 + k, 1, rule.code, rule.name, 1 + k, 2, Severity.WARNING, f"问题 {rule.name}", rule.name)
        for i, name in enumerate(names) for k, rule in enumerate(rules) if (i + k) % 3 == 0
    ]
    out = io.StringIO()
    html_output.write(out, Report(diagnostics, names, rules={r.name: r for r in rules}))
    page = tmp_path / "wide.html"
    page.write_text(out.getvalue(), encoding="utf-8")
    return page


def test_every_rule_column_fits_1400_pixels(tmp_path: Path) -> None:
    page = _every_rule_page(tmp_path)
    with chromium(tmp_path, 1400, 900) as driver:
        driver.get(page.as_uri())
        columns = driver.execute_script("return document.querySelectorAll('#summary thead th.code').length")
        config = loader_for(registry_for(True)).load_named("default")
        assert columns == len(config.rules)
        widths = driver.execute_script(
            "var w = document.querySelector('#overview .table-wrap');"
            "return [w.scrollWidth, w.clientWidth, document.documentElement.scrollWidth, window.innerWidth];"
        )
        assert widths[0] <= widths[1], f"the matrix scrolls sideways: {widths}"
        assert widths[2] <= widths[3], f"the page scrolls sideways: {widths}"


def _rows(driver: object) -> list[str]:
    return driver.execute_script(  # type: ignore[attr-defined,no-any-return]
        "return Array.prototype.filter.call(document.querySelectorAll('#summary tbody tr'), function (r) { return !r.hidden; })"
        ".map(function (r) { return r.getAttribute('data-file'); });"
    )


def test_sorting_and_filters_change_the_rows(tmp_path: Path) -> None:
    page = _audit_page(tmp_path)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with chromium(tmp_path, 1400, 900) as driver:
        driver.get(page.as_uri())
        initial = _rows(driver)
        assert len(initial) == 4
        scores = [float(x) for x in driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#summary tbody tr td[data-score]'), function (c) { return c.getAttribute('data-score'); });"
        )]  # fmt: skip
        assert scores == sorted(scores, reverse=True), "an audit lists the highest deduction first"
        driver.find_element(By.CSS_SELECTOR, "#summary thead th:first-child button").click()
        assert _rows(driver) == sorted(initial, key=lambda p: p)  # by file name
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=county]")).select_by_value("青溪县")
        assert {Path(p).parent.name for p in _rows(driver)} == {"青溪县"} and len(_rows(driver)) == 2
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=county]")).select_by_value("")
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=rule]")).select_by_value("GIA106")
        shown = _rows(driver)
        assert shown and all(p.endswith("defective-2020.md") for p in shown)
        hidden_sections = driver.execute_script("return document.querySelectorAll('section.file[hidden]').length")
        assert hidden_sections == 3
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=rule]")).select_by_value("")
        Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter=severity]")).select_by_value("error")
        assert len(_rows(driver)) == 2  # the two defective examples have errors; the clean ones none


def _pdf_pages(pdf: Path) -> list[tuple[float, float, str]]:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage().get_text_range()
        pages.append((width, height, text))
    return pages


def test_the_print_stylesheet_puts_the_matrix_on_one_landscape_page(tmp_path: Path) -> None:
    page = _every_rule_page(tmp_path, files=25)
    pdf = tmp_path / "print.pdf"
    headless(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = _pdf_pages(pdf)
    width, height, first = pages[0]
    first = re.sub(r"\s+", "", first)
    assert width > height, "A4 landscape"
    assert "合计" in first and "GIA602" in first, "the totals row and the last rule column are on the first page"
    last_file = "某某镇人民政府-2022年报告-024.docx"
    assert last_file in first, "every file's row is on the first page"
    assert all(last_file not in re.sub(r"\s+", "", text) or "问题" in text for _, _, text in pages[1:])
    assert len(pages) >= 1 + 25, "each report's findings start a page of their own"


def test_a_table_finding_is_drawn_on_the_grid_and_a_copy_beside_its_source(tmp_path: Path) -> None:
    page = _audit_page(tmp_path).read_text(encoding="utf-8")
    grids = re.findall(r'<div class="evidence".*?</div></div>', page, flags=re.S)
    assert grids, "table findings come with the table's grid"
    assert any('class="bad"' in g and "empty-cell" not in g for g in grids)
    pairs = re.findall(r'<div class="pair" data-related="([^"]+)">', page)
    assert pairs and all(p.endswith((".md", ".txt")) for p in pairs)
