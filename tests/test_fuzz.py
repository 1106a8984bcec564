"""Generated configurations and reports never make gialint fail itself (issue #8).

Hypothesis writes YAML configs (as text, and as structured data), pyproject.toml sections and
report texts, and runs ``gialint.cli.program.main`` on them: the exit status is 0, 1 or 2, never 3
(internal error), and no traceback reaches the user. Examples are bounded so that the whole
file runs in well under half a minute.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gialint.cli.program import main
from gialint.config.loader import TOP_LEVEL_KEYS

EXAMPLES = int(os.environ.get("GIALINT_FUZZ_EXAMPLES", "50"))
"""Examples per test; raise it for a longer hunt (``GIALINT_FUZZ_EXAMPLES=2000``)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))

RULE_NAMES = ("missing-section", "stale-year", "absent-contact", "table-totals", "duplicate-content", "GIA101", "nope")
SETTING_KEYS = ("severity", "options", "enabled", "kind", "code", "patterns", "literals", "message", "replacement", "scope")
OPTION_NAMES = ("require", "legitimate", "boilerplate", "check-body", "min-length", "nope")
FORMAT_KEYS = ("id", "base", "years", "parts", "tables", "add-rows", "relations", "statements", "required-content", "name")

YAML_TOKENS = (
    "extends", "rules", "format", "overrides", "year", "lang", "fail-on", "exclude", "rule-timeout", "agency",
    ":", ": ", "- ", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b", "<<: ", "!!str ",
    "!!python/object:os.system ", "!!binary ", "%YAML 1.2\n", "---\n", "...\n", "'", '"', "|\n  ", ">", "#",
    "\t", "\x00", "\x1b[31m", "\u3000", "default", "gov-2021", "./x.yaml", "/dev/zero", "off", "error",
    "2021", "-1", "1e309", ".nan", "null", "~", "true", "stale-year", "kind: pattern", "patterns: ['(a|aa)+$']",
    "code: GIA101", "replacement: '\\\\q'", "年", "三", "一、", "\\", "?", "@", "`",
)

REPORT_TOKENS = (
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、", "五、", "六、其他需要报告的事项",
    "（一）", "（二）", "1.", "# ", "## ", "| ", " | ", "|---|---|", "\t", "\n", "\n\n", "0", "1", "12", "-3", "1,234",
    "3.5", "２０２１", "2021年", "2019年度", "（", "）", "【", "】", "《", "》", "“", "”", "(", ")", "[", "]",
    "本年新收政府信息公开申请数量", "总计", "合计", "自然人", "\x00", "\x07", "\x1b[2J", "\r", "\u200b", "\ufeff",
    "\ud7ff", "<!-- gialint-disable -->", "<!-- gialint-disable-next-line stale-year -->", "XX", "××", "：：",
    "电话：12345", "http://www.example.gov.cn", "a" * 50, "人民政府", "政府信息公开工作年度报告",
)


@contextmanager
def workdir() -> Iterator[Path]:
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


def check(*argv: str) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    code = main(["check", "--no-cache", "--jobs", "1", *argv], out=out, err=err)
    text = err.getvalue()
    assert code in (0, 1, 2), (code, text)
    assert "Traceback" not in text and "internal error" not in text, text
    return code, text


SAMPLE_REPORT = "# 青石镇人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作正常。\n"

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(("off", "error", "warning", "info", "default", "gov-2021", "(a|aa)+$", "(?i)x", "[", "\\g<-1>", "三", "")),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(OPTION_NAMES + SETTING_KEYS + FORMAT_KEYS), st.text(max_size=6)), inner, max_size=4)),
    max_leaves=12,
)
settings_values = st.one_of(
    scalars,
    st.dictionaries(st.sampled_from(SETTING_KEYS), st.one_of(values, st.dictionaries(st.sampled_from(OPTION_NAMES), values, max_size=3)), max_size=4),
)
structured = st.dictionaries(
    st.sampled_from(TOP_LEVEL_KEYS + ("nope",)),
    st.one_of(
        values,
        st.dictionaries(st.sampled_from(RULE_NAMES), settings_values, max_size=3),
        st.dictionaries(st.sampled_from(FORMAT_KEYS), values, max_size=5),
    ),
    max_size=5,
)


@FUZZ
@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=25).map("".join))
def test_yaml_text_configs_never_crash(text: str) -> None:
    with workdir() as work:
        (work / "r.md").write_text(SAMPLE_REPORT, encoding="utf-8")
        (work / ".gialint.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        check("r.md")


@FUZZ
@given(structured)
def test_structured_configs_never_crash(data: dict[str, Any]) -> None:
    with workdir() as work:
        (work / "r.md").write_text(SAMPLE_REPORT, encoding="utf-8")
        # JSON is YAML: every generated structure is a well-formed config file to validate.
        (work / "c.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        check("--config", "c.yaml", "r.md")


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if value is None or isinstance(value, float) and value != value:
        return '"null"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)


@FUZZ
@given(structured, st.sampled_from(("[tool.gialint]\n", "[tool]\ngialint = ", "tool = ", "[tool.gialint\n")))
def test_pyproject_sections_never_crash(data: dict[str, Any], header: str) -> None:
    with workdir() as work:
        (work / "r.md").write_text(SAMPLE_REPORT, encoding="utf-8")
        if header.endswith("= "):
            body = header + _toml_value(data) + "\n"
        else:
            body = header + "".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in data.items())
        (work / "pyproject.toml").write_text(body, encoding="utf-8")
        check("r.md")


@FUZZ
@given(
    st.lists(st.one_of(st.sampled_from(REPORT_TOKENS), st.text(max_size=4)), max_size=60).map("".join),
    st.sampled_from(("r.md", "r.txt")),
)
def test_reports_never_crash(text: str, name: str) -> None:
    with workdir() as work:
        (work / name).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        code, _ = check("--format", "json", name)
        assert code in (0, 1)


labels = st.fixed_dictionaries(
    {"key": st.one_of(st.sampled_from(("total", "next-year", "new")), values), "label": values},
    optional={"after": values, "values": values, "variants": values, "group": values},
)
formats = st.fixed_dictionaries(
    {"id": st.one_of(st.just("mine"), values)},
    optional={
        "base": st.sampled_from(("gov-2021", "gov-2019", "nope", 5)),
        "years": st.one_of(values, st.dictionaries(st.sampled_from(("from", "to")), values, max_size=2)),
        "add-rows": st.one_of(values, st.dictionaries(st.sampled_from(("三", "四", "二-1", "x")), st.one_of(values, st.lists(labels, max_size=2)), max_size=2)),
        "relations": st.one_of(values, st.lists(st.dictionaries(st.sampled_from(("id", "table", "for", "expr")), st.one_of(values, st.sampled_from(("三", "each-column", "total = new + carried", "a ="))), max_size=4), max_size=2)),
        "statements": st.one_of(values, st.lists(st.dictionaries(st.sampled_from(("cell", "pattern")), st.one_of(values, st.sampled_from(("三.total.total", "(?P<n>\\d+)", "("))), max_size=2), max_size=2)),
        "required-content": st.one_of(values, st.dictionaries(st.sampled_from(("五", "六")), st.one_of(values, st.lists(st.dictionaries(st.sampled_from(("id", "any", "zh", "severity")), values, max_size=4), max_size=2)), max_size=2)),
        "parts": st.one_of(values, st.lists(st.dictionaries(st.sampled_from(("number", "title", "variants")), values, max_size=3), max_size=2)),
        "tables": st.one_of(values, st.lists(st.dictionaries(st.sampled_from(("id", "part", "columns", "rows", "values")), st.one_of(values, st.lists(labels, max_size=2)), max_size=5), max_size=2)),
    },
)


@FUZZ
@given(formats)
def test_format_definitions_never_crash(fmt: dict[str, Any]) -> None:
    with workdir() as work:
        (work / "r.md").write_text(SAMPLE_REPORT, encoding="utf-8")
        (work / "c.yaml").write_text(json.dumps({"format": fmt}, ensure_ascii=False), encoding="utf-8")
        check("--config", "c.yaml", "r.md")
