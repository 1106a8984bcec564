"""Corpus rules (issue #5, parts 3 and 4): the plugin hook, ``duplicate-content`` and ``carry-over``.

A corpus rule is a :class:`gialint.model.rule.Rule` with ``corpus=CorpusCheck(collect, finish)``:
``collect`` runs per document, ``finish`` once over every document's features. They run with
``gialint check --corpus`` and in ``gialint audit``, never in a plain ``check``; one that
raises becomes a ``rule-error`` diagnostic.

``duplicate-content`` must find a report copied from another agency's (or from the same
agency's previous year) with names, years and numbers changed, at the first copied paragraph of
each part, naming both places and the similarity — and must stay silent between independently
written reports that share only the format's boilerplate (the real reports in ../shared/corpus).

``carry-over``: the 2021 report's 二、上年结转 equals the 2020 report's 四、结转下年度继续办理
(tests/fixtures/reports/clean-2020.md and examples/clean-2021.md are 青石镇's two years).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import gialint.engine.plugin
from gialint.cli.program import loader_for, main
from gialint.engine.linter import Linter
from gialint.engine.plugin import get_plugin_manager, hookimpl
from gialint.engine.registry import Registry
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import (
    CorpusCheck,
    CorpusContext,
    CorpusItem,
    Message,
    Option,
    Options,
    Rule,
)

ROOT = Path(__file__).resolve().parent.parent
CLEAN_2021 = ROOT / "examples" / "clean-2021.md"
CLEAN_2021_TXT = ROOT / "tests" / "fixtures" / "reports" / "clean-2021.txt"
CLEAN_2020 = ROOT / "tests" / "fixtures" / "reports" / "clean-2020.md"
DEFECTIVE_2021 = ROOT / "examples" / "defective-2021.txt"
DEFECTIVE_2020 = ROOT / "examples" / "defective-2020.md"
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")

NEXT_YEAR_ROW = "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
CARRIED_ROW = "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    return code, out.getvalue(), err.getvalue()


def diagnostics(*argv: str) -> list[dict[str, Any]]:
    code, out, _ = cli(*argv, "--format", "json", "--no-cache", "--jobs", "1")
    data = json.loads(out)
    assert code == (1 if any(d["severity"] in ("error", "warning") for d in data["diagnostics"]) else 0)
    return list(data["diagnostics"])


def of(found: list[dict[str, Any]], rule: str) -> list[dict[str, Any]]:
    return [d for d in found if d["rule"] == rule]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GIALINT_RESULT_CACHE", raising=False)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# =========================================================================== the corpus hook


class Probe:
    """A third-party plugin with one corpus rule that records what it is given."""

    def __init__(self, fail_in: str | None = None) -> None:
        self.fail_in = fail_in
        self.collected: list[str] = []
        self.finished: list[list[tuple[str, Any]]] = []
        self.options: list[dict[str, Any]] = []

    @hookimpl
    def gialint_get_rules(self) -> list[Rule]:
        return [
            Rule(
                name="corpus-probe",
                code="XC001",
                summary_zh="测试用语料规则",
                summary_en="test corpus rule",
                check=_never,
                severity=Severity.WARNING,
                options=(Option("label", str, "probe", "A label put into the messages."),),
                messages={
                    "count": Message("{label}：共 {n} 份报告", "{label}: {n} reports"),
                    "longest": Message("{label}：最长的报告（{lines} 行），其后是 {other}", "{label}: the longest report ({lines} lines), then {other}"),
                },
                corpus=CorpusCheck(self.collect, self.finish),
            )
        ]

    def collect(self, doc: Document, opts: Options) -> dict[str, Any]:
        self.collected.append(doc.path)
        if self.fail_in == "collect" and "defective" in doc.path:
            raise RuntimeError("collect kaboom")
        return {"agency": doc.agency, "year": doc.year, "lines": len(doc.lines)}

    def finish(self, items: Sequence[CorpusItem], opts: Options, ctx: CorpusContext) -> Iterator[Diagnostic]:
        self.finished.append([(item.path, item.features) for item in items])
        self.options.append(dict(opts))
        if self.fail_in == "finish":
            raise RuntimeError("corpus kaboom")
        if not items:
            return
        yield ctx.report(items[0].path, Span(1, 1, 1, 2), "count", label=opts["label"], n=len(items))
        ranked = sorted(items, key=lambda item: (-item.features["lines"], item.path))
        if len(ranked) > 1:
            yield ctx.report(ranked[0].path, Span(2, 1, 2, 2), "longest", label=opts["label"], lines=ranked[0].features["lines"], other=ranked[1].path)


def _never(doc: Document, opts: Options, ctx: object) -> Iterator[Diagnostic]:
    return iter(())


def environment(probe: Probe, corpus: bool = True) -> tuple[Linter, Any]:
    plugins = get_plugin_manager(load_entry_points=False, extra=(probe,))
    registry = Registry(plugins)
    assert registry.problems == []
    rule = registry.lookup("XC001")
    assert rule is not None and rule.corpus is not None
    return Linter(plugins, corpus=corpus), loader_for(registry).load_named("default")


def reports(folder: Path) -> list[str]:
    """Four reports of three agencies (two defective), of different lengths."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CLEAN_2020, folder / "a-qingshi-2020.md")
    shutil.copy(CLEAN_2021, folder / "b-qingshi-2021.md")
    shutil.copy(DEFECTIVE_2020, folder / "c-hongling-2020.md")
    shutil.copy(DEFECTIVE_2021, folder / "d-defective-2021.txt")
    return sorted(str(p) for p in folder.iterdir())


def test_a_corpus_rule_sees_every_document_and_reports_on_any(tmp_path: Path) -> None:
    probe = Probe()
    linter, config = environment(probe)
    paths = reports(tmp_path)
    results = [linter.lint_path(path, config) for path in paths]
    assert probe.collected == paths, "collect runs once per document"
    assert [r.features["corpus-probe"]["lines"] for r in results] == [len(Path(p).read_text(encoding="utf-8").splitlines()) for p in paths]
    # Corpus rules report nothing per file.
    assert all(d.code != "XC001" for r in results for d in r.diagnostics)
    found = linter.finish_corpus(results, config)
    assert len(probe.finished) == 1, "finish runs once"
    (items,) = probe.finished
    assert [path for path, _ in items] == paths
    assert [features["agency"] for _, features in items] == ["青石镇人民政府", "青石镇人民政府", "红岭乡人民政府", "白沙镇人民政府"]
    assert [features["year"] for _, features in items] == [2020, 2021, 2020, 2021]
    ours = [(d.path, d.line, d.code, d.severity, d.message_en) for d in found if d.code == "XC001"]
    lengths = {p: len(Path(p).read_text(encoding="utf-8").splitlines()) for p in paths}
    ranked = sorted(paths, key=lambda p: (-lengths[p], p))
    assert ranked[0] == paths[1], "b-qingshi-2021.md is the longest: the rule reports on a document other than the first"
    assert ours == [
        (paths[0], 1, "XC001", Severity.WARNING, "probe: 4 reports"),
        (paths[1], 2, "XC001", Severity.WARNING, f"probe: the longest report ({lengths[paths[1]]} lines), then {ranked[1]}"),
    ]
    assert probe.options == [{"label": "probe"}]


def test_the_options_and_severity_of_a_corpus_rule_come_from_the_configuration(tmp_path: Path) -> None:
    probe = Probe()
    linter, _ = environment(probe)
    plugins = get_plugin_manager(load_entry_points=False, extra=(probe,))
    cfg = write(tmp_path / "cfg.yaml", "rules:\n  corpus-probe:\n    severity: error\n    options: {label: 审计}\n")
    config = loader_for(Registry(plugins)).load_file(cfg)
    paths = reports(tmp_path / "r")
    found = linter.finish_corpus([linter.lint_path(p, config) for p in paths], config)
    ours = [d for d in found if d.code == "XC001"]
    assert ours and {d.severity for d in ours} == {Severity.ERROR}
    assert ours[0].message_zh == "审计：共 4 份报告"


def test_without_corpus_mode_nothing_is_collected(tmp_path: Path) -> None:
    probe = Probe()
    linter, config = environment(probe, corpus=False)
    results = [linter.lint_path(p, config) for p in reports(tmp_path)]
    assert probe.collected == []
    assert all(r.features == {} for r in results)


def test_a_deselected_corpus_rule_does_not_run(tmp_path: Path) -> None:
    probe = Probe()
    linter, config = environment(probe)
    selection = Selection((), ("XC001",))
    results = [linter.lint_path(p, config, selection) for p in reports(tmp_path)]
    assert probe.collected == []
    assert all(d.code != "XC001" for d in linter.finish_corpus(results, config, selection))
    assert probe.finished == []


def test_a_finish_that_raises_becomes_a_rule_error(tmp_path: Path) -> None:
    probe = Probe(fail_in="finish")
    linter, config = environment(probe)
    paths = reports(tmp_path)
    results = [linter.lint_path(p, config) for p in paths]
    found = linter.finish_corpus(results, config)
    errors = [d for d in found if d.rule == "rule-error"]
    assert len(errors) == 1
    (error,) = errors
    assert (error.code, error.severity, error.line, error.column) == ("GIA002", Severity.ERROR, 1, 1)
    assert error.path == paths[0]
    assert "corpus rule corpus-probe (XC001)" in error.message_en
    assert "RuntimeError: corpus kaboom" in error.message_en
    assert not any(d.code == "XC001" for d in found)


def test_a_collect_that_raises_becomes_a_rule_error_for_that_file(tmp_path: Path) -> None:
    probe = Probe(fail_in="collect")
    linter, config = environment(probe)
    paths = reports(tmp_path)
    results = [linter.lint_path(p, config) for p in paths]
    by_path = {r.path: r for r in results}
    broken = next(p for p in paths if "defective" in p)
    errors = [d for d in by_path[broken].diagnostics if d.rule == "rule-error"]
    assert len(errors) == 1 and "RuntimeError: collect kaboom" in errors[0].message_en
    assert {"GIA101", "GIA301", "GIA502"} <= {d.code for d in by_path[broken].diagnostics}, "the file's other rules ran"
    assert all(d.rule != "rule-error" for p, r in by_path.items() if p != broken for d in r.diagnostics)
    linter.finish_corpus(results, config)
    assert [path for path, _ in probe.finished[0]] == [p for p in paths if p != broken]


# ---- the same through the command line, with the probe installed as an entry-point plugin


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Any:
    def install(probe: Probe) -> Probe:
        entry_point = types.SimpleNamespace(name="corpus_probe", value="corpus_probe_plugin:plugin", dist=None, load=lambda: probe)
        monkeypatch.setattr(gialint.engine.plugin, "_entry_points", lambda: [entry_point])
        return probe

    return install


def test_corpus_rules_do_not_run_in_a_plain_check(work: Path, installed: Any) -> None:
    probe = installed(Probe())
    reports(work / "r")
    write(work / "r" / "e-copy-2021.md", CLEAN_2021.read_text(encoding="utf-8").replace("青石镇", "柳林镇"))
    found = diagnostics("check", "r")
    assert not any(d["code"] in ("XC001", "GIA601", "GIA602") for d in found)
    assert probe.collected == [] and probe.finished == []


@pytest.mark.parametrize("command", [("check", "--corpus"), ("audit",)])
def test_corpus_rules_run_with_corpus_and_in_audit(work: Path, installed: Any, command: tuple[str, ...]) -> None:
    probe = installed(Probe())
    reports(work / "r")
    write(work / "r" / "e-copy-2021.md", CLEAN_2021.read_text(encoding="utf-8").replace("青石镇", "柳林镇"))
    found = diagnostics(*command, "r")
    ours = [(d["path"], d["line"]) for d in found if d["code"] == "XC001"]
    assert ("r/a-qingshi-2020.md", 1) in ours
    assert len(probe.collected) == 5 and len(probe.finished) == 1
    assert {d["path"] for d in of(found, "duplicate-content")} == {"r/b-qingshi-2021.md", "r/e-copy-2021.md"}
    assert [d["message"] for d in found if d["code"] == "XC001" and d["line"] == 1] == ["probe：共 5 份报告"]


def test_a_crashing_corpus_rule_in_audit_is_a_rule_error_not_a_crash(work: Path, installed: Any) -> None:
    installed(Probe(fail_in="finish"))
    reports(work / "r")
    write(work / "r" / "e-copy-2021.md", CLEAN_2021.read_text(encoding="utf-8").replace("青石镇", "柳林镇"))
    code, out, err = cli("audit", "r", "--no-cache", "--jobs", "1", "--format", "json", "--lang", "en")
    assert code == 1
    data = json.loads(out)
    errors = of(data["diagnostics"], "rule-error")
    assert len(errors) == 1
    assert errors[0]["path"] == "r/a-qingshi-2020.md"
    assert "corpus rule corpus-probe (XC001) of plugin corpus_probe crashed (RuntimeError: corpus kaboom)" in errors[0]["message"]
    assert of(data["diagnostics"], "duplicate-content"), "the other corpus rules still ran"
    assert {"GIA101", "GIA502"} <= {d["code"] for d in data["diagnostics"]}
    assert {r["code"]: r["count"] for r in data["summary"]["rules"]}["GIA002"] == 1


@pytest.mark.parametrize("how", ["config-off", "ignore"])
def test_a_silenced_rule_error_also_silences_corpus_crashes(work: Path, installed: Any, how: str) -> None:
    installed(Probe(fail_in="finish"))
    reports(work / "r")
    args = ["audit", "r"]
    if how == "config-off":
        write(work / ".gialint.yaml", "rules:\n  rule-error: off\n")
    else:
        args += ["--ignore", "rule-error"]
    assert of(diagnostics(*args), "rule-error") == []


def test_corpus_features_cross_worker_processes(work: Path, installed: Any) -> None:
    installed(Probe())
    towns = ["白沙镇", "青山乡", "石门镇", "柳林乡", "龙潭镇"]
    for i in range(20):
        source = (CLEAN_2021, CLEAN_2021_TXT, CLEAN_2020, DEFECTIVE_2021)[i % 4]
        text = source.read_text(encoding="utf-8").replace("青石镇", towns[i % 5]).replace("132条", f"{100 + i}条")
        write(work / "many" / f"r{i:02d}{source.suffix}", text)
    one = cli("check", "many", "--corpus", "--no-cache", "--jobs", "1", "--format", "json")
    two = cli("check", "many", "--corpus", "--no-cache", "--jobs", "2", "--format", "json")
    assert two == one
    messages = [d["message"] for d in json.loads(one[1])["diagnostics"] if d["code"] == "XC001"]
    assert "probe：共 20 份报告" in messages


# =========================================================================== duplicate-content


def copy_of(source: Path, town: str, county: str, year_shift: int = 1) -> str:
    """``source`` as another agency's (or another year's) report: names, years and figures changed."""
    text = source.read_text(encoding="utf-8")
    text = text.replace("青石镇", town).replace("青石县", county).replace("qingshi", "other")
    if year_shift:
        text = re.sub(r"(?<![〔\d])(20\d\d)(?=年)", lambda m: str(int(m.group(1)) + year_shift), text)
    for old, new in (("132条", "141条"), ("58条", "61条"), ("96条", "88条"), ("300余人次", "280余人次"), ("60人次", "75人次"), ("14个村", "11个村")):
        text = text.replace(old, new)
    return text


def parts_reported(found: list[dict[str, Any]], path: str) -> dict[str, tuple[int, str]]:
    """For each part of ``path`` reported as copied: (line, message)."""
    out = {}
    for d in of(found, "duplicate-content"):
        if d["path"] == path:
            m = re.search(r"of (part (\S+)|the preamble) are", d["message"]) or re.search(r"^(第(.)部分|引言)有", d["message"])
            assert m, d["message"]
            out[m.group(2) or "preamble"] = (d["line"], d["message"])
    return out


def test_a_report_copied_from_another_township_is_found(work: Path) -> None:
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    copied = write(work / "baisha-2022.md", copy_of(CLEAN_2021, "白沙镇", "白沙县"))
    assert "青石" not in copied.read_text(encoding="utf-8") and "2022年" in copied.read_text(encoding="utf-8")
    found = diagnostics("audit", ".", "--lang", "en")
    for path, other in (("./baisha-2022.md", "./qingshi-2021.md"), ("./qingshi-2021.md", "./baisha-2022.md")):
        parts = parts_reported(found, path)
        # The first copied paragraph of each part: 一 at line 13, 五 at 112, 六 at 130 (line 126 is too short).
        assert {k: v[0] for k, v in parts.items() if k in ("一", "五", "六")} == {"一": 13, "五": 112, "六": 130}
        assert set(parts) <= {"一", "三", "五", "六"}, "the preamble (the format's own sentences) is not counted"
        line, message = parts["一"]
        assert f"near-identical to {other} (from line 13; 100% similar" in message
        assert message.startswith("6 passage(s) of part 一")
        assert f"near-identical to {other} (from line 112; 100% similar" in parts["五"][1]
        assert f"near-identical to {other} (from line 130; 100% similar" in parts["六"][1]
    assert {d["severity"] for d in of(found, "duplicate-content")} == {"warning"}


def test_the_copy_is_found_across_shapes_and_with_check_corpus(work: Path) -> None:
    """A .txt copy of an .md report: both places named, each at its own lines."""
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    write(work / "longtan-2022.txt", copy_of(CLEAN_2021_TXT, "龙潭乡", "龙潭县"))
    found = diagnostics("check", "--corpus", "qingshi-2021.md", "longtan-2022.txt")
    txt = parts_reported(found, "longtan-2022.txt")
    md = parts_reported(found, "qingshi-2021.md")
    assert {k: v[0] for k, v in txt.items() if k in ("一", "五", "六")} == {"一": 13, "五": 99, "六": 117}
    assert {k: v[0] for k, v in md.items() if k in ("一", "五", "六")} == {"一": 13, "五": 112, "六": 130}
    assert "与 qingshi-2021.md（第 112 行起）几乎相同（相似度 100%" in txt["五"][1]
    assert "与 longtan-2022.txt（第 99 行起）几乎相同（相似度 100%" in md["五"][1]


def test_the_same_agencys_previous_year_copied_is_found(work: Path) -> None:
    shutil.copy(CLEAN_2020, work / "qingshi-2020.md")
    write(work / "qingshi-2021.md", copy_of(CLEAN_2020, "青石镇", "青石县"))
    found = diagnostics("audit", ".")
    for path, other in (("./qingshi-2021.md", "./qingshi-2020.md"), ("./qingshi-2020.md", "./qingshi-2021.md")):
        parts = parts_reported(found, path)
        assert {k: v[0] for k, v in parts.items() if k in ("一", "五")} == {"一": 13, "五": 116}
        assert f"与 {other}（第 13 行起）几乎相同（相似度 100%" in parts["一"][1]
        assert parts["一"][1].startswith("第一部分有 6 段")


def test_a_partly_rewritten_copy_is_found_with_its_similarity(work: Path) -> None:
    """Only part 五 copied (with its year changed); the rest rewritten: only part 五 is reported."""
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    own = (CORPUS / "weidian-2021.txt") if CORPUS.is_dir() else None
    if own is None:
        pytest.skip("../shared/corpus is not beside this checkout")
    source = CLEAN_2021.read_text(encoding="utf-8").split("\n")
    part_five = "\n".join(source[111:112]).replace("2020", "2021").replace("我镇", "我乡")
    text = own.read_text(encoding="utf-8") + "\n" + part_five + "\n"
    write(work / "weidian-2021.txt", text)
    found = diagnostics("audit", ".", "--select", "duplicate-content")
    lines = len(own.read_text(encoding="utf-8").split("\n"))
    reported = [(d["path"], d["line"]) for d in found]
    assert ("./weidian-2021.txt", lines + 1) in reported
    assert ("./qingshi-2021.md", 112) in reported
    assert len(reported) == 2
    assert all("相似度 100%" in d["message"] for d in found)


@needs_corpus
def test_independent_real_reports_share_only_boilerplate(work: Path) -> None:
    for path in CORPUS.iterdir():
        shutil.copy(path, work / path.name)
    assert of(diagnostics("audit", ".", "--select", "duplicate-content"), "duplicate-content") == []
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    assert of(diagnostics("audit", ".", "--select", "duplicate-content"), "duplicate-content") == []
    for path in sorted(CORPUS.iterdir()):
        pair = ["check", "--corpus", "qingshi-2021.md", path.name, "--select", "duplicate-content"]
        assert diagnostics(*pair) == [], path.name


@needs_corpus
@pytest.mark.parametrize("pair", [("caoba-2021.txt", "kangyi-2021.txt"), ("weidian-2021.txt", "xinglong-2021.txt"), ("duizhen-2020.md", "weidian-2021.txt")])
def test_two_independent_real_reports_alone(work: Path, pair: tuple[str, str]) -> None:
    """Two reports: nothing is learned from the corpus, only the format's boilerplate list holds."""
    for name in pair:
        shutil.copy(CORPUS / name, work / name)
    assert diagnostics("check", "--corpus", *pair, "--select", "duplicate-content") == []


SHARED = "我镇坚持把政务公开作为转变政府职能、建设服务型政府的重要抓手，定期召开专题会议研究部署，及时解决工作中遇到的困难和问题，推动政务公开工作制度化、规范化、常态化。"


@needs_corpus
def test_text_all_reports_share_is_a_cluster_not_boilerplate(work: Path) -> None:
    """Issue #11: a passage every report of the run shares is not learned as boilerplate; it is a
    cluster, reported once per report with the cluster's size. Shared by two only: a pair."""
    names = sorted(p.name for p in CORPUS.iterdir())
    for name in names:
        write(work / name, (CORPUS / name).read_text(encoding="utf-8") + "\n" + SHARED + "\n")
    found = of(diagnostics("audit", ".", "--select", "duplicate-content", "--lang", "en"), "duplicate-content")
    assert sorted(d["path"] for d in found) == [f"./{n}" for n in names]
    assert all(f"as in {len(names) - 1} other reports" in d["message"] for d in found)
    for name in names[2:]:
        shutil.copy(CORPUS / name, work / name)
    found = diagnostics("audit", ".", "--select", "duplicate-content")
    assert sorted(d["path"] for d in found) == [f"./{names[0]}", f"./{names[1]}"]
    assert all(d["line"] == len((CORPUS / d["path"][2:]).read_text(encoding="utf-8").split("\n")) + 1 for d in found)
    assert all("另外" not in d["message"] for d in found), "two reports are a pair, not a cluster"


def test_two_years_of_one_agency_sharing_only_table_labels_are_not_copies(work: Path) -> None:
    shutil.copy(CLEAN_2020, work / "qingshi-2020.md")
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    assert of(diagnostics("audit", "."), "duplicate-content") == []


def test_a_disable_comment_suppresses_duplicate_content(work: Path) -> None:
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    write(work / "baisha-2022.md", "<!-- gialint-disable-file duplicate-content -->\n" + copy_of(CLEAN_2021, "白沙镇", "白沙县"))
    found = of(diagnostics("audit", "."), "duplicate-content")
    assert found and all(d["path"] == "./qingshi-2021.md" for d in found)


def test_a_report_is_not_compared_with_itself(work: Path) -> None:
    shutil.copy(CLEAN_2021, work / "qingshi-2021.md")
    shutil.copy(CLEAN_2020, work / "qingshi-2020.md")
    shutil.copy(CORPUS / "xinglong-2021.txt" if CORPUS.is_dir() else DEFECTIVE_2021, work / "other-2021.txt")
    found = diagnostics("audit", ".", str(work / "qingshi-2021.md"), "--select", "duplicate-content")
    assert [d for d in found if Path(d["path"]).name == "qingshi-2021.md" and "qingshi-2021.md" in d["message"]] == []


# =========================================================================== carry-over


def two_years(work: Path, *, next_year: str = NEXT_YEAR_ROW, carried: str = CARRIED_ROW, suffix: str = ".md") -> None:
    text_2020 = CLEAN_2020.read_text(encoding="utf-8")
    assert NEXT_YEAR_ROW in text_2020
    write(work / "qingshi-2020.md", text_2020.replace(NEXT_YEAR_ROW, next_year))
    text_2021 = CLEAN_2021.read_text(encoding="utf-8")
    assert CARRIED_ROW in text_2021
    write(work / f"qingshi-2021{suffix}", text_2021.replace(CARRIED_ROW, carried))


def test_consecutive_years_that_agree_pass(work: Path) -> None:
    two_years(work)
    assert of(diagnostics("audit", "."), "carry-over") == []
    assert of(diagnostics("check", "--corpus", "."), "carry-over") == []


@pytest.mark.parametrize("command", [("audit",), ("check", "--corpus")])
def test_last_years_carried_forward_differs(work: Path, command: tuple[str, ...]) -> None:
    two_years(work, next_year="| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    found = of(diagnostics(*command, ".", "--lang", "en"), "carry-over")
    assert [(d["path"], d["line"], d["column"], d["end_column"], d["severity"]) for d in found] == [
        ("./qingshi-2021.md", 72, 22, 23, "error"),
        ("./qingshi-2021.md", 72, 46, 47, "error"),
    ]
    assert found[0]["message"] == (
        'table 三, "二、上年结转…", column "自然人" is 1, but the 2020 report (./qingshi-2020.md, line 104) '
        'carried 2 into 2021 ("四、结转下年度继续办理"): they must be equal'
    )
    assert 'column "总计" is 1' in found[1]["message"] and "carried 2 into 2021" in found[1]["message"]


def test_this_years_carried_over_differs(work: Path) -> None:
    two_years(work, carried="| 二、上年结转政府信息公开申请数量 | 1 | 2 | 0 | 0 | 0 | 0 | 3 |")
    found = of(diagnostics("audit", "."), "carry-over")
    assert [(d["line"], d["column"]) for d in found] == [(72, 26), (72, 46)]
    assert found[0]["message"] == (
        "表三“二、上年结转政府信息公开申请数量”“商业企业”列为 2，而2020年报告（./qingshi-2020.md 第 104 行）"
        "“四、结转下年度继续办理”为 0：两者应相等"
    )
    assert "“总计”列为 3" in found[1]["message"] and "为 1：两者应相等" in found[1]["message"]


def test_carry_over_across_shapes_and_in_any_order(work: Path) -> None:
    text_2020 = CLEAN_2020.read_text(encoding="utf-8").replace(NEXT_YEAR_ROW, "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    write(work / "b-2020.md", text_2020)
    shutil.copy(CLEAN_2021_TXT, work / "a-2021.txt")
    found = of(diagnostics("check", "--corpus", "a-2021.txt", "b-2020.md"), "carry-over")
    assert [(d["path"], d["line"], d["column"]) for d in found] == [("a-2021.txt", 60, 18), ("a-2021.txt", 60, 30)]
    assert "b-2020.md 第 104 行" in found[0]["message"]


def test_the_agency_is_matched_without_its_suffix(work: Path) -> None:
    two_years(work, next_year="| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    p = work / "qingshi-2020.md"
    p.write_text(p.read_text(encoding="utf-8").replace("# 青石镇人民政府2020年", "# 青石镇2020年", 1), encoding="utf-8")
    assert len(of(diagnostics("audit", "."), "carry-over")) == 2


def test_different_agencies_are_not_compared(work: Path) -> None:
    two_years(work, next_year="| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    p = work / "qingshi-2020.md"
    p.write_text(p.read_text(encoding="utf-8").replace("青石镇", "白沙镇"), encoding="utf-8")
    found = diagnostics("audit", ".")
    assert of(found, "carry-over") == []


def test_non_consecutive_years_are_not_compared(work: Path) -> None:
    two_years(work, next_year="| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    p = work / "qingshi-2020.md"
    p.write_text(p.read_text(encoding="utf-8").replace("2020", "2019"), encoding="utf-8")
    p.rename(work / "qingshi-2019.md")
    assert of(diagnostics("audit", "."), "carry-over") == []
    # With the missing year back in between, each report is compared with its neighbour only:
    # 2019 carried 2 forward, 2020 says 0 were carried over; 2020→2021 agree.
    write(work / "qingshi-2020.md", CLEAN_2020.read_text(encoding="utf-8"))
    found = of(diagnostics("audit", "."), "carry-over")
    assert [(d["path"], d["line"], d["column"]) for d in found] == [("./qingshi-2020.md", 79, 22), ("./qingshi-2020.md", 79, 46)]
    assert all("2019年报告（./qingshi-2019.md 第 104 行）" in d["message"] for d in found)


def test_carry_over_is_not_run_in_a_plain_check(work: Path) -> None:
    two_years(work, next_year="| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    assert of(diagnostics("check", "."), "carry-over") == []


def test_a_disable_comment_suppresses_carry_over(work: Path) -> None:
    two_years(work, next_year="| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    assert len(of(diagnostics("audit", "."), "carry-over")) == 2
    p = work / "qingshi-2021.md"
    p.write_text("<!-- gialint-disable-file carry-over -->\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
    assert of(diagnostics("audit", "."), "carry-over") == []
