"""Acceptance over the real published reports in ../shared/corpus (skipped only when absent).

Pins the defects issue #2 names, at their lines, and that no part or contact is reported
missing where it is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.cli import main

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict[str, object]]]:
    import io
    import json

    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(CORPUS), "--format", "json", "--no-plugins"], out=out, err=err)
    assert code == 1, err.getvalue()
    assert "Traceback" not in err.getvalue()
    data = json.loads(out.getvalue())
    by_file: dict[str, list[dict[str, object]]] = {}
    for d in data["diagnostics"]:
        by_file.setdefault(Path(str(d["path"])).name, []).append(d)
    assert len(data["files"]) == len(list(CORPUS.iterdir()))
    return by_file


def _at(findings: dict[str, list[dict[str, object]]], name: str, rule: str) -> list[int]:
    return sorted(int(d["line"]) for d in findings.get(name, []) if d["rule"] == rule)  # type: ignore[call-overload]


def test_no_rule_crashed(findings: dict[str, list[dict[str, object]]]) -> None:
    crashes = [d for ds in findings.values() for d in ds if d["rule"] in ("rule-error", "unreadable-input")]
    assert not crashes


def test_xinglong_missing_title(findings: dict[str, list[dict[str, object]]]) -> None:
    assert _at(findings, "xinglong-2021.txt", "missing-title") == [3]


def test_missing_parts_three_and_four(findings: dict[str, list[dict[str, object]]]) -> None:
    xinglong = [d for d in findings["xinglong-2021.txt"] if d["rule"] == "missing-section"]
    assert [(d["line"], "三" in str(d["message"])) for d in xinglong] == [(60, True), (98, False)]
    assert "四" in str(xinglong[1]["message"])
    caoba = [d for d in findings["caoba-2021.txt"] if d["rule"] == "missing-section"]
    assert [d["line"] for d in caoba] == [50]
    assert "四" in str(caoba[0]["message"])


def test_caoba_has_no_contact(findings: dict[str, list[dict[str, object]]]) -> None:
    assert _at(findings, "caoba-2021.txt", "absent-contact") == [3]


def test_kangyi_placeholder_bracket_and_artifact(findings: dict[str, list[dict[str, object]]]) -> None:
    kangyi = findings["kangyi-2021.txt"]
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "placeholder-text"} == {(4, 60)}
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "unbalanced-brackets"} == {(4, 82)}
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "conversion-artifact"} == {(7, 1)}
    assert {(d["line"], d["column"]) for d in kangyi if d["rule"] == "doubled-punctuation"} == {(404, 14)}


def test_ragged_tables(findings: dict[str, list[dict[str, object]]]) -> None:
    assert 45 in _at(findings, "caoba-2021.txt", "unbalanced-table")
    assert 50 in _at(findings, "caoba-2021.txt", "unbalanced-table")
    assert _at(findings, "duizhen-2020.md", "unbalanced-table") == [79, 80]


def test_no_false_missing_section_or_contact(findings: dict[str, list[dict[str, object]]]) -> None:
    for name in ("duizhen-2020.md", "kangyi-2021.txt", "weidian-2021.txt"):
        assert _at(findings, name, "missing-section") == [], name
    for name in ("duizhen-2020.md", "weidian-2021.txt", "xinglong-2021.txt"):
        assert _at(findings, name, "absent-contact") == [], name
    kangyi_contact = [d for d in findings["kangyi-2021.txt"] if d["rule"] == "absent-contact"]
    assert all("具体网址" in str(d["message"]) for d in kangyi_contact)  # the placeholder, not "missing"
