"""A plugin cannot end, hang or corrupt a run (issue #8 part 3).

Each test installs a misbehaving plugin as an entry point and runs ``gialint.cli.program.main``: the
misbehaviour becomes a ``rule-error`` (GIA002) finding that names the rule and its plugin, the
other rules and files are still linted, and the exit status comes from the findings.
"""

from __future__ import annotations

import json
import shutil
import signal
import sys
import threading
import time
import types
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

import gialint
import gialint.engine.plugin
import gialint.engine.session
from gialint.cli.program import main
from gialint.engine.guard import Overtime, time_limit, vet
from gialint.model.diagnostic import Diagnostic, Edit, Severity
from gialint.model.rule import CorpusCheck, Rule

CLEAN = Path(__file__).resolve().parent.parent / "examples" / "clean-2021.md"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _list(data: Any) -> list[dict[str, Any]]:
    return data["diagnostics"] if isinstance(data, dict) else data


@pytest.fixture
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two clean reports in a fresh folder (the working directory, so no config is found above)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GIALINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    folder = tmp_path / "r"
    folder.mkdir()
    shutil.copyfile(CLEAN, folder / "a-2021.md")
    shutil.copyfile(CLEAN, folder / "b-2021.md")
    return folder


def install(monkeypatch: pytest.MonkeyPatch, plugin: object, name: str = "evil") -> None:
    def load() -> object:
        if callable(plugin) and not hasattr(plugin, "gialint_get_rules"):
            return plugin()  # a loader that misbehaves on import
        return plugin

    entry = types.SimpleNamespace(name=name, value=f"{name}_plugin:plugin", dist=None, load=load)
    monkeypatch.setattr(gialint.engine.plugin, "_entry_points", lambda: [entry])


def rules_plugin(*rules: object) -> object:
    class Plugin:
        @gialint.hookimpl
        def gialint_get_rules(self) -> list[object]:
            return list(rules)

    return Plugin()


def lint(*argv: str | Path) -> tuple[int, list[dict[str, Any]], str]:
    code, out, err = run("check", "--format", "json", "--no-cache", "--jobs", "1", *argv)
    assert out, err
    return code, _list(json.loads(out)), err


def rule_errors(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in found if d["code"] == "GIA002"]


def test_clean_reports_pass_without_the_plugin(clean: Path) -> None:
    code, found, _ = lint(clean)
    assert code == 0 and found == []


# ---- sys.exit and friends


def test_sys_exit_0_in_a_rule_gives_exit_1_with_findings(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        sys.exit(0)

    install(monkeypatch, rules_plugin(Rule("quitter", "EV001", "z", "e", check)))
    code, found, _ = lint(clean)
    assert code == 1, "the exit status reflects the findings, not the plugin's sys.exit(0)"
    errors = rule_errors(found)
    assert len(errors) == 2, "both files were linted"
    assert "rule quitter (EV001) of plugin evil" in errors[0]["message"]
    assert "sys.exit(0)" in errors[0]["message"]


def test_sys_exit_in_the_middle_of_a_generator_keeps_what_came_before(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gialint.model.document import Span

    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        yield ctx.diagnostic(Span(2, 1, 2, 2), "第一条", "first")
        sys.exit(3)

    install(monkeypatch, rules_plugin(Rule("half", "EV002", "z", "e", check)))
    code, found, _ = lint("--lang", "en", clean / "a-2021.md")
    assert code == 1
    assert [d["message"] for d in found if d["code"] == "EV002"] == ["first"]
    assert "sys.exit(3)" in rule_errors(found)[0]["message"]


def test_generator_exit_raised_by_a_rule_is_a_rule_error(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        raise GeneratorExit("misused")

    install(monkeypatch, rules_plugin(Rule("closer", "EV003", "z", "e", check)))
    code, found, _ = lint(clean / "a-2021.md")
    assert code == 1
    assert "GeneratorExit" in rule_errors(found)[0]["message"]


def test_sys_exit_when_the_plugin_is_imported(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def load() -> object:
        sys.exit(0)

    install(monkeypatch, load)
    code, found, err = lint(clean)
    assert code == 0 and found == [], "the run went on without the plugin"
    assert "evil" in err and "could not be loaded" in err and "SystemExit" in err


def test_sys_exit_when_listing_rules(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Plugin:
        @gialint.hookimpl
        def gialint_get_rules(self) -> list[Rule]:
            sys.exit(1)

        @gialint.hookimpl
        def gialint_get_rule_sets(self) -> dict[str, Path]:
            sys.exit(1)

    install(monkeypatch, Plugin())
    code, found, err = lint(clean)
    assert code == 0 and found == []
    assert "failed to list its rules" in err and "failed to list its rule sets" in err


def test_keyboard_interrupt_is_not_swallowed(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        raise KeyboardInterrupt

    install(monkeypatch, rules_plugin(Rule("ctrl-c", "EV004", "z", "e", check)))
    code, _, err = run("check", "--no-cache", "--jobs", "1", clean)
    assert code == 130 and "interrupted" in err


# ---- what a rule yields


def test_things_that_are_not_findings_are_dropped_and_reported(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        yield "a string"
        yield None
        yield Diagnostic(ctx.path, 2, 1, "EV005", "junk", message_zh=None, message_en=None)  # type: ignore[arg-type]

    install(monkeypatch, rules_plugin(Rule("junk", "EV005", "z", "e", check)))
    code, found, _ = lint("--lang", "en", clean / "a-2021.md")
    assert code == 1
    assert not any(d["code"] == "EV005" for d in found)
    (error,) = rule_errors(found)
    assert "rule junk (EV005) of plugin evil" in error["message"]
    assert "yielded a str, not a finding" in error["message"]
    assert "without a message" in error["message"]
    assert "3 problems in all" in error["message"]


def test_bad_severity_and_impossible_position_are_fixed_and_flagged(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = CLEAN.read_text(encoding="utf-8").splitlines()

    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        yield Diagnostic(ctx.path, 99999, -4, "EV006", "wild", 0, 0, 42, "超出", "out of range")  # type: ignore[arg-type]
        yield Diagnostic(ctx.path, 0, 0, "EV006", "wild", message_zh="零", message_en="zero", fix=(Edit(1, 1, 99999, 1, "x"),))

    install(monkeypatch, rules_plugin(Rule("wild", "EV006", "z", "e", check, fixable=True)))
    code, found, _ = lint("--lang", "en", clean / "a-2021.md")
    assert code == 1
    ours = sorted((d["line"], d["column"], d["severity"], d["message"]) for d in found if d["code"] == "EV006")
    assert ours[0][:2] == (1, 1)
    assert ours[1][:2] == (len(lines), 1), "clamped to the last line"
    assert ours[1][2] == "warning", "the configured severity replaced 42"
    (error,) = rule_errors(found)
    assert "outside the file" in error["message"] and "severity 42" in error["message"]
    assert "4 problems in all" in error["message"], "two positions, the severity and the fix"


def test_fix_with_edits_outside_the_file_is_never_applied(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        yield Diagnostic(ctx.path, 1, 1, "EV007", "bad-fix", message_zh="z", message_en="e", fix=(Edit(5000, 1, 5001, 1, "x"),))

    install(monkeypatch, rules_plugin(Rule("bad-fix", "EV007", "z", "e", check, fixable=True)))
    report = clean / "a-2021.md"
    before = report.read_bytes()
    code, _, err = run("check", "--fix", "--no-cache", "--jobs", "1", report)
    assert code == 1, err
    assert report.read_bytes() == before


def test_non_rule_objects_are_skipped_with_a_warning(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gialint.model.document import Span

    def check(doc: Any, opts: Any, ctx: Any) -> Any:
        yield ctx.diagnostic(Span(1, 1, 1, 2), "好规则", "good rule")

    good = Rule("good", "EV008", "z", "e", check)
    install(monkeypatch, rules_plugin(42, "rule", None, Rule(7, "EV009", "z", "e", check), good))  # type: ignore[arg-type]
    code, found, err = lint(clean / "a-2021.md")
    assert code == 1
    assert [d["code"] for d in found] == ["EV008"], "the valid rule still ran"
    assert "it is a int, not a gialint.model.rule.Rule" in err
    assert "its name and code must be strings" in err
    assert err.count("evil") >= 4


# ---- time limits


def _spin(doc: Any, opts: Any, ctx: Any) -> Any:
    while True:  # swallows what it can: the limit still stops it
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001
            pass
    yield


def test_a_rule_that_never_ends_is_stopped_and_the_run_goes_on(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, rules_plugin(Rule("forever", "EV010", "z", "e", _spin)))
    started = time.monotonic()
    code, found, _ = lint("--lang", "en", "--rule-timeout", "0.3", clean)
    assert time.monotonic() - started < 10
    assert code == 1
    errors = rule_errors(found)
    assert sorted(Path(d["path"]).name for d in errors) == ["a-2021.md", "b-2021.md"], "both files were linted"
    assert "rule forever (EV010) of plugin evil ran longer than 0.3 s" in errors[0]["message"]


def test_rule_timeout_from_the_config(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, rules_plugin(Rule("forever", "EV010", "z", "e", _spin)))
    (clean / ".gialint.yaml").write_text("rule-timeout: 0.2\n", encoding="utf-8")
    started = time.monotonic()
    code, found, _ = lint("--lang", "en", clean / "a-2021.md")
    assert time.monotonic() - started < 10
    assert code == 1 and "ran longer than 0.2 s" in rule_errors(found)[0]["message"]


def test_a_rule_that_swallows_base_exceptions_is_stopped_all_the_same(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def stubborn(doc: Any, opts: Any, ctx: Any) -> Any:
        swallowed = 0
        while swallowed < 3:
            try:
                while True:
                    pass
            except BaseException:  # noqa: BLE001
                swallowed += 1
        while True:
            pass
        yield

    install(monkeypatch, rules_plugin(Rule("stubborn", "EV011", "z", "e", stubborn)))
    started = time.monotonic()
    code, found, _ = lint("--rule-timeout", "0.2", clean / "a-2021.md")
    assert time.monotonic() - started < 10
    assert code == 1 and rule_errors(found)


def test_rule_timeout_in_worker_processes(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gialint.engine.session, "PARALLEL_THRESHOLD", 2)
    install(monkeypatch, rules_plugin(Rule("forever", "EV010", "z", "e", _spin)))
    for n in range(2):
        shutil.copyfile(CLEAN, clean / f"c{n}-2021.md")
    started = time.monotonic()
    code, out, err = run("check", "--format", "json", "--no-cache", "--jobs", "2", "--rule-timeout", "0.3", clean)
    assert time.monotonic() - started < 20
    assert code == 1, err
    assert len(rule_errors(_list(json.loads(out)))) == 4


def test_corpus_rules_are_time_limited_too(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def collect(doc: Any, opts: Any) -> Any:
        return len(doc.lines)

    def finish(items: Any, opts: Any, ctx: Any) -> Any:
        while True:
            pass
        yield

    def collect_forever(doc: Any, opts: Any) -> Any:
        while True:
            pass

    from gialint.model.rule import no_document_check

    install(
        monkeypatch,
        rules_plugin(
            Rule("slow-finish", "EV012", "z", "e", no_document_check, corpus=CorpusCheck(collect, finish)),
            Rule("slow-collect", "EV013", "z", "e", no_document_check, corpus=CorpusCheck(collect_forever, finish)),
        ),
    )
    started = time.monotonic()
    code, out, err = run("check", "--corpus", "--format", "json", "--no-cache", "--jobs", "1", "--rule-timeout", "0.2", "--lang", "en", clean)
    assert time.monotonic() - started < 15
    errors = rule_errors(_list(json.loads(out)))
    assert code == 1, err
    assert any("corpus rule slow-finish (EV012)" in d["message"] for d in errors)
    assert sum(d["message"].startswith("rule slow-collect (EV013)") for d in errors) == 2


# ---- the guard on its own


def test_time_limit_restores_the_callers_alarm() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        with pytest.raises(Overtime):
            with time_limit(0.05):
                while True:
                    pass
        assert signal.getsignal(signal.SIGALRM) is not None and not fired
        time.sleep(0.8)
        assert fired == [1], "the caller's own timer still fired"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_time_limit_outside_the_main_thread_runs_unlimited() -> None:
    result: list[str] = []

    def body() -> None:
        with time_limit(0.01):
            time.sleep(0.05)
        result.append("finished")

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert result == ["finished"]


def test_vet_keeps_good_findings_untouched() -> None:
    good = Diagnostic("r.md", 1, 2, "GIA101", "x", 1, 3, Severity.ERROR, "中", "en")
    vetted = vet([good], "r.md", ["abc"], Severity.WARNING)
    assert vetted.diagnostics == [good] and vetted.diagnostics[0] is good and vetted.problems == []
