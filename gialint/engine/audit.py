"""``gialint audit DIR``: the supervisor's run over a whole county's or province's reports.

Lints the tree with the corpus rules on (duplicate-content, carry-over), shows progress on a
terminal, and adds a summary to the text, json, csv, xlsx and html reports: one row per report
(agency, county, year, counts by severity and by rule, and the deduction score of
gialint.config.scoring), and per agency and per rule. Agencies and reports are ranked by score, not by
the raw number of findings, so ten doubled full stops never outrank a missing part.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.engine.session import RunResult
    from gialint.model.diagnostic import Diagnostic


def county_of(path: str, config: Config | None, roots: tuple[str, ...] = ()) -> str:
    """The county a report belongs to: ``county:`` in its configuration, else the name of the
    folder holding it (unless that is the audited folder itself)."""
    if config is not None and config.county:
        return config.county
    parent = Path(path).parent
    if any(parent.resolve() == Path(root).resolve() for root in roots if Path(root).is_dir()):
        return ""
    return parent.name if parent.name not in ("", ".") else ""


def _report_rows(result: RunResult, by_file: dict[str, list[Diagnostic]], unknown: str, roots: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    for r in result.results:
        found = by_file.get(r.path, [])
        config = result.configs.get(r.path)
        scoring = config.scoring if config is not None else None
        severities = Counter(str(d.severity) for d in found)
        rows.append(
            {
                "path": r.path,
                "agency": r.agency or unknown,
                "county": county_of(r.path, config, roots),
                "year": r.year,
                "findings": len(found),
                "errors": severities.get("error", 0),
                "warnings": severities.get("warning", 0),
                "infos": severities.get("info", 0),
                "score": scoring.score(found) if scoring is not None else 0.0,
                "rules": dict(Counter(d.code for d in found).most_common()),
            }
        )
    rows.sort(key=lambda row: (-row["score"], -row["findings"], row["path"]))
    return rows


def summarize(result: RunResult, lang: str, roots: tuple[str, ...] = ()) -> dict[str, Any]:
    """Rows per report, and totals per agency (with its files and years) and per rule; highest
    deduction score first."""
    diagnostics = result.diagnostics
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.path].append(d)
    unknown = "（未识别机关）" if lang == "zh" else "(agency not recognised)"
    reports = _report_rows(result, by_file, unknown, roots)
    agencies: dict[str, dict[str, Any]] = defaultdict(lambda: {"files": 0, "findings": 0, "score": 0.0, "years": set(), "rules": Counter()})
    for row in reports:
        entry = agencies[row["agency"]]
        entry["files"] += 1
        entry["findings"] += row["findings"]
        entry["score"] += row["score"]
        entry["rules"].update(row["rules"])
        if row["year"]:
            entry["years"].add(row["year"])
    by_rule = Counter((d.code, d.rule) for d in diagnostics)
    return {
        "files": len(result.files),
        "findings": len(diagnostics),
        "reports": reports,
        "agencies": [
            {
                "agency": name,
                "files": e["files"],
                "years": sorted(e["years"]),
                "findings": e["findings"],
                "score": round(e["score"], 2),
                "rules": dict(e["rules"].most_common()),
            }
            for name, e in sorted(agencies.items(), key=lambda kv: (-kv[1]["score"], -kv[1]["findings"], kv[0]))
        ],
        "rules": [{"code": code, "rule": rule, "count": n} for (code, rule), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def _points(score: float) -> str:
    return f"{score:g}"


def render_text(summary: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    lines = ["", "按机关汇总（按扣分排序）：" if zh else "Per agency (by deduction score):"]
    for a in summary["agencies"]:
        years = ",".join(str(y) for y in a["years"]) or "?"
        top = ("，" if zh else ", ").join(f"{code}×{n}" for code, n in list(a["rules"].items())[:5])
        score = _points(a.get("score", 0))
        if zh:
            lines.append(f"  {a['agency']}（{years}）：{a['files']} 个文件，{a['findings']} 个问题，扣 {score} 分{'；' + top if top else ''}")
        else:
            lines.append(f"  {a['agency']} ({years}): {a['files']} file(s), {a['findings']} finding(s), {score} point(s){'; ' + top if top else ''}")
    lines.append("按规则汇总：" if zh else "Per rule:")
    for r in summary["rules"]:
        lines.append(f"  {r['count']:>6}  {r['code']:<8} {r['rule']}")
    return "\n".join(lines) + "\n"
