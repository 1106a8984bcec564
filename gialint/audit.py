"""``gialint audit DIR``: the supervisor's run over a whole county's or province's reports.

Lints the tree with the corpus rules on (duplicate-content, carry-over), shows progress on a
terminal, and adds a summary per agency and per rule to the text, json and html reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gialint.run import RunResult


def summarize(result: RunResult, lang: str) -> dict[str, Any]:
    """Counts per agency (with its files and years) and per rule, most findings first."""
    diagnostics = result.diagnostics
    by_file = Counter(d.path for d in diagnostics)
    agencies: dict[str, dict[str, Any]] = defaultdict(lambda: {"files": 0, "findings": 0, "years": set(), "rules": Counter()})
    agency_of: dict[str, str] = {}
    for r in result.results:
        name = r.agency or ("（未识别机关）" if lang == "zh" else "(agency not recognised)")
        agency_of[r.path] = name
        entry = agencies[name]
        entry["files"] += 1
        entry["findings"] += by_file.get(r.path, 0)
        if r.year:
            entry["years"].add(r.year)
    for d in diagnostics:
        agencies[agency_of.get(d.path, "?")]["rules"][d.code] += 1
    by_rule = Counter((d.code, d.rule) for d in diagnostics)
    return {
        "files": len(result.files),
        "findings": len(diagnostics),
        "agencies": [
            {
                "agency": name,
                "files": e["files"],
                "years": sorted(e["years"]),
                "findings": e["findings"],
                "rules": dict(e["rules"].most_common()),
            }
            for name, e in sorted(agencies.items(), key=lambda kv: (-kv[1]["findings"], kv[0]))
        ],
        "rules": [{"code": code, "rule": rule, "count": n} for (code, rule), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def render_text(summary: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    lines = ["", "按机关汇总：" if zh else "Per agency:"]
    for a in summary["agencies"]:
        years = ",".join(str(y) for y in a["years"]) or "?"
        top = ("，" if zh else ", ").join(f"{code}×{n}" for code, n in list(a["rules"].items())[:5])
        files = f"{a['files']} 个文件" if zh else f"{a['files']} file(s)"
        found = f"{a['findings']} 个问题" if zh else f"{a['findings']} finding(s)"
        lines.append(f"  {a['agency']}（{years}）：{files}，{found}{'；' + top if top else ''}" if zh else f"  {a['agency']} ({years}): {files}, {found}{'; ' + top if top else ''}")
    lines.append("按规则汇总：" if zh else "Per rule:")
    for r in summary["rules"]:
        lines.append(f"  {r['count']:>6}  {r['code']:<8} {r['rule']}")
    return "\n".join(lines) + "\n"
