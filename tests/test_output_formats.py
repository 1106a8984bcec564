"""The output formats of issue 4: sarif, github, junit, html; --statistics; plugin formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from browser import headless

from gialint.cli.program import main
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import FORMATS, Report, formatter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
DEFECTIVE = ("defective-2020.md", "defective-2021.txt")


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The working directory holds a clean report, two defective ones and an empty file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    shutil.copyfile(EXAMPLES / "clean-2021.md", tmp_path / "reports" / "clean-2021.md")
    for name in DEFECTIVE:
        shutil.copyfile(EXAMPLES / name, tmp_path / "reports" / name)
    (tmp_path / "reports" / "空 文件.txt").write_bytes(b"")
    return ["reports/clean-2021.md", *(f"reports/{n}" for n in DEFECTIVE), "reports/空 文件.txt"]


def json_diagnostics(*argv: str, lang: str = "zh") -> list[dict[str, object]]:
    code, out, err = run("check", "--format", "json", "--lang", lang, *argv)
    assert code in (0, 1), err
    return json.loads(out)["diagnostics"]  # type: ignore[no-any-return]


def test_formats_are_registered() -> None:
    assert {"text", "json", "sarif", "github", "junit", "html"} <= set(FORMATS)
    for name in FORMATS:
        assert callable(formatter(name).write)


# --------------------------------------------------------------------------- SARIF


def _validate_sarif(log: object) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_and_carries_rules_and_positions(reports: list[str]) -> None:
    code, out, err = run("check", "--format", "sarif", "--lang", "en", *reports)
    assert code == 1, err
    log = json.loads(out)
    _validate_sarif(log)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "gialint" and driver["version"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    by_id = {r["id"]: r for r in rules}
    title = by_id["GIA102"]
    assert title["name"] == "missing-title"
    assert title["shortDescription"]["text"].startswith("The report")
    assert title["defaultConfiguration"]["level"] == "error"
    assert title["help"]["markdown"] and title["fullDescription"]["text"]
    assert by_id["GIA001"]["name"] == "unreadable-input"

    expected = json_diagnostics(*reports, lang="en")
    results = run_["results"]
    assert len(results) == len(expected)
    artifacts = [a["location"]["uri"] for a in run_["artifacts"]]
    assert artifacts == [
        "reports/clean-2021.md",
        "reports/defective-2020.md",
        "reports/defective-2021.txt",
        "reports/%E7%A9%BA%20%E6%96%87%E4%BB%B6.txt",
    ]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, d in zip(results, expected, strict=True):
        assert result["ruleId"] == d["code"]
        assert rules[result["ruleIndex"]]["id"] == d["code"]
        assert rules[result["ruleIndex"]]["name"] == d["rule"]
        assert result["level"] == levels[str(d["severity"])]
        assert result["message"]["text"] == d["message"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        artifact = physical["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert artifact["uri"] == artifacts[artifact["index"]]
        assert reports[artifact["index"]] == d["path"]
        region = physical["region"]
        assert (region["startLine"], region["startColumn"]) == (d["line"], d["column"])
        # SARIF's endColumn is exclusive like ours, so the numbers are the same.
        assert (region.get("endLine", d["line"]), region.get("endColumn", d["column"])) == (d["end_line"], d["end_column"])
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"


def test_sarif_message_language_and_levels() -> None:
    diagnostics = [
        Diagnostic("a.md", 3, 2, "GIA301", "stale-year", 3, 6, Severity.INFO, "年份不对", "wrong year"),
        Diagnostic("a.md", 5, 1, "GIA999", "plugin-rule", 0, 0, Severity.WARNING, "插件", "plugin"),
    ]
    log = json.loads(_render("sarif", Report(diagnostics, ["a.md"], lang="zh")))
    _validate_sarif(log)
    (run_,) = log["runs"]
    first, second = run_["results"]
    assert first["level"] == "note" and first["message"]["text"] == "年份不对"
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 2, "endLine": 3, "endColumn": 6}
    # no extent known: only the start
    assert second["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 1}
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["GIA301", "GIA999"]
    assert run_["language"] == "zh-CN"


# --------------------------------------------------------------------------- GitHub annotations


def _render(name: str, report: Report) -> str:
    out = StringIO()
    formatter(name).write(out, report)
    return out.getvalue()


def test_github_lines_are_exact_and_escaped() -> None:
    diagnostics = [
        Diagnostic("docs/a,b:c.md", 2, 3, "GIA101", "missing-section", 2, 9, Severity.ERROR, "缺少 100% 的\r\n内容", "missing"),
        Diagnostic("docs/b.txt", 7, 1, "GIA503", "doubled-punctuation", 7, 3, Severity.WARNING, "标点“：：”重复", "doubled"),
        Diagnostic("docs/b.txt", 9, 4, "GIA301", "stale-year", 0, 0, Severity.INFO, "提示: 年份, 见上", "note"),
    ]
    out = _render("github", Report(diagnostics, ["docs/a,b:c.md", "docs/b.txt"]))
    assert out.splitlines() == [
        "::error file=docs/a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=9,title=GIA101 missing-section::缺少 100%25 的%0D%0A内容",
        "::warning file=docs/b.txt,line=7,col=1,endLine=7,endColumn=3,title=GIA503 doubled-punctuation::标点“：：”重复",
        "::notice file=docs/b.txt,line=9,col=4,title=GIA301 stale-year::提示: 年份, 见上",
    ]
    assert _render("github", Report(diagnostics[:1], ["x"], lang="en")).endswith("::missing\n")


def test_github_from_the_command_line(reports: list[str]) -> None:
    code, out, _ = run("check", "--format", "github", *reports)
    expected = json_diagnostics(*reports)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(expected)
    commands = {"error": "::error ", "warning": "::warning ", "info": "::notice "}
    for line, d in zip(lines, expected, strict=True):
        assert line.startswith(commands[str(d["severity"])] + f"file={d['path']},line={d['line']},col={d['column']},")
        assert f",title={d['code']} {d['rule']}::" in line


# --------------------------------------------------------------------------- JUnit


def test_junit_counts_and_cases(reports: list[str]) -> None:
    code, out, _ = run("check", "--format", "junit", *reports)
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == reports
    assert {c.get("classname") for c in cases} == {"gialint"}
    clean, defective_2020, defective_2021, empty = cases
    assert list(clean) == []
    text = run("check", "--format", "text", "--quiet", *reports)[1].splitlines()
    for case in (defective_2020, defective_2021):
        (failure,) = case
        assert failure.tag == "failure"
        lines = (failure.text or "").strip().splitlines()
        assert lines == [t for t in text if t.startswith(case.get("name", "") + ":")]
        assert (failure.get("message") or "").startswith(f"{len(lines)} 个问题")
    (error,) = empty
    assert error.tag == "error" and "GIA001 unreadable-input" in (error.text or "")


def test_junit_survives_characters_xml_cannot_carry() -> None:
    d = Diagnostic("a.md", 1, 1, "GIA501", "conversion-artifact", 1, 2, Severity.WARNING, "残留\x0b\x00标记 <&>", "x")
    root = ET.fromstring(_render("junit", Report([d], ["a.md"])))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "<&>" in (failure.text or "")


# --------------------------------------------------------------------------- HTML


class _Page(HTMLParser):
    """Collects what the tests look at: count cells, elements with external URLs, the lang."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[tuple[str, str], int] = {}
        self.cell_text: dict[tuple[str, str], str] = {}
        self.tags: Counter[str] = Counter()
        self.lang = ""
        self.charset = ""
        self.external: list[str] = []
        self.scripts_with_src: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.cell_href: dict[tuple[str, str], str] = {}
        self.hit_rows: set[str] = set()
        self._cell: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "meta" and "charset" in a:
            self.charset = a["charset"].lower()
        if tag == "script" and "src" in a:
            self.scripts_with_src.append(a["src"])
        if tag == "link":
            self.external.append(a.get("href", ""))
        for key in ("src", "href", "action", "data", "poster", "srcset"):
            value = a.get(key, "")
            if value and not value.startswith("#"):
                self.external.append(value)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            if self._cell is not None:
                self.cell_href[self._cell] = a["href"]
        if tag == "tr" and "hit" in a.get("class", "").split():
            self.hit_rows.add(a.get("id", ""))
        if tag == "td" and "data-rule" in a:
            self._cell = (a["data-file"], a["data-rule"])
            self.counts[self._cell] = int(a["data-count"])
            self.cell_text[self._cell] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self.cell_text[self._cell] += data


def _expected_counts(diagnostics: list[dict[str, object]], files: list[str]) -> dict[tuple[str, str], int]:
    codes = sorted({str(d["code"]) for d in diagnostics})
    counts = {(f, c): 0 for f in files for c in codes}
    for d in diagnostics:
        counts[(str(d["path"]), str(d["code"]))] += 1
    for f in files:
        counts[(f, "total")] = sum(1 for d in diagnostics if d["path"] == f)
    for c in codes:
        counts[("", c)] = sum(1 for d in diagnostics if d["code"] == c)
    counts[("", "total")] = len(diagnostics)
    return counts


def test_html_counts_table_and_no_external_assets(reports: list[str]) -> None:
    code, out, _ = run("check", "--format", "html", *reports)
    assert code == 1
    page = _Page()
    page.feed(out)
    page.close()
    assert page.lang == "zh" and page.charset == "utf-8"
    assert out.startswith("<!DOCTYPE html>")
    expected = _expected_counts(json_diagnostics(*reports), reports)
    assert page.counts == expected
    for (path, rule), n in page.counts.items():
        shown = page.cell_text[(path, rule)].strip()
        assert shown == (str(n) if n or rule == "total" else "")
    # self-contained: no script src, no stylesheet link, no URL but in-page anchors
    assert page.scripts_with_src == [] and page.tags["link"] == 0
    assert page.external == []
    assert page.tags["script"] == 1 and page.tags["style"] == 1
    # every in-page link lands somewhere
    assert all(h[1:] in page.ids for h in page.hrefs)
    # each non-zero count links to its file's section ...
    sections = {path: f"#f{i}" for i, path in enumerate(reports, 1)}
    for (path, rule), n in page.counts.items():
        if path and n:
            assert page.cell_href[(path, rule)] == sections[path]
    # ... and in each section whose source could be read, the lines with findings (only those)
    # are highlighted
    hits = {f"{sections[str(d['path'])][1:]}-L{d['line']}" for d in json_diagnostics(*reports) if d["code"] != "GIA001"}
    assert page.hit_rows == hits


def test_html_escapes_everything() -> None:
    evil = '<script>alert("x")</script>'
    d = Diagnostic(f"a{evil}.md", 1, 1, "GIA501", "conversion-artifact", 1, 4, Severity.WARNING, f"残留{evil}", "x")
    report = Report([d], [f"a{evil}.md"], sources={f"a{evil}.md": (f"标题{evil}", "<b>&amp;</b>")})
    out = _render("html", report)
    page = _Page()
    page.feed(out)
    assert page.tags["script"] == 1 and page.tags["b"] == 1  # ours, and the rule legend's <b>
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in out
    assert page.counts[(f"a{evil}.md", "GIA501")] == 1


def test_html_renders_in_a_headless_browser(reports: list[str], tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    code, _, err = run("check", "--format", "html", "--output", page_file, *reports)
    assert code == 1, err
    url = page_file.as_uri()

    shot = tmp_path / "shot.png"
    result = headless(tmp_path, f"--screenshot={shot}", "--window-size=1280,900", url)
    assert shot.is_file(), result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    result = headless(tmp_path, "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    rendered = _Page()
    rendered.feed(result.stdout)
    assert rendered.counts == _expected_counts(json_diagnostics(*reports), reports)

    # Clicking the total column's header sorts the rows by it, most findings first.
    clicking = tmp_path / "click.html"
    clicking.write_text(
        page_file.read_text(encoding="utf-8").replace(
            "</body>",
            '<script>document.querySelector(\'#summary thead th[data-rule="total"] button\').click();</script></body>',
        ),
        encoding="utf-8",
    )
    result = headless(tmp_path, "--dump-dom", clicking.as_uri())
    sorted_page = _Page()
    sorted_page.feed(result.stdout)
    rows = [f for (f, rule) in sorted_page.counts if rule == "total" and f]
    totals = [sorted_page.counts[(f, "total")] for f in rows]
    assert sorted(rows) == sorted(reports) and rows != reports
    assert totals == sorted(totals, reverse=True) and totals[0] > 0
    assert 'aria-sort="descending"' in result.stdout


# --------------------------------------------------------------------------- --statistics


def test_statistics_after_the_text_output(reports: list[str]) -> None:
    code, out, _ = run("check", "--statistics", "--no-color", *reports)
    plain = run("check", "--no-color", *reports)[1]
    assert code == 1 and out.startswith(plain)
    stats = out[len(plain) :].splitlines()
    counts = Counter((str(d["code"]), str(d["rule"])) for d in json_diagnostics(*reports))
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = len(str(expected[0][1]))
    assert stats == [f"  {n:>{width}}  {code_} {rule}" for (code_, rule), n in expected]


def test_statistics_in_json_and_ignored_elsewhere(reports: list[str]) -> None:
    data = json.loads(run("check", "--format", "json", "--statistics", *reports)[1])
    assert sum(s["count"] for s in data["statistics"]) == len(data["diagnostics"])
    assert "statistics" not in json.loads(run("check", "--format", "json", *reports)[1])
    assert run("check", "--format", "github", "--statistics", *reports)[1] == run("check", "--format", "github", *reports)[1]


# --------------------------------------------------------------------------- plugin formats


def test_unknown_format_is_a_usage_error(reports: list[str], tmp_path: Path) -> None:
    code, out, err = run("check", "--format", "yaml", "--output", tmp_path / "x.out", reports[0])
    assert code == 2 and out == ""
    assert "unknown --format 'yaml'" in err and "sarif" in err and "html" in err
    assert not (tmp_path / "x.out").exists()


def test_a_plugin_adds_a_format(tmp_path: Path) -> None:
    dist = tmp_path / "tsv_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tsv-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[gialint]\ntsv = tsv_plugin\n", encoding="utf-8")
    (tmp_path / "tsv_plugin.py").write_text(
        "import gialint\n\n"
        "@gialint.hookimpl\n"
        "def gialint_get_formatters():\n"
        "    return {'tsv': 'tsv_plugin_output', 'json': 'not.used'}\n",
        encoding="utf-8",
    )
    (tmp_path / "tsv_plugin_output.py").write_text(
        "def write(out, report):\n"
        "    for d in report.diagnostics:\n"
        "        out.write(f'{d.path}\\t{d.line}\\t{d.code}\\n')\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    env.pop("GIALINT_DISABLE_PLUGIN_AUTOLOAD", None)
    target = EXAMPLES / "defective-2021.txt"

    def gialint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "gialint", *args], check=False, capture_output=True, text=True, env=env, cwd=tmp_path)

    result = gialint("check", "--format", "tsv", str(target))
    assert result.returncode == 1, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(r[0] == str(target) and r[2].startswith("GIA") for r in rows)
    # a plugin cannot replace a built-in format
    assert json.loads(gialint("check", "--format", "json", str(target)).stdout)["diagnostics"]
    result = gialint("check", "--no-plugins", "--format", "tsv", str(target))
    assert result.returncode == 2 and "unknown --format 'tsv'" in result.stderr
