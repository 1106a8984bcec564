"""bench/run.py's measurements beyond issue #12's targets: linearity in a report's length
(issue #5) and `gialint audit` on a large set with copies."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from paired import pair, rounds, timed
from procs import files_of, floor, floor_no_gc, generate, kib, read_all
from results import Row, section
from sections import Bench, median


def linearity(b: Bench, normal: list[Path]) -> None:
    """ms per KiB of the floor and of gialint (API, --jobs 1) on normal, 10x and 50x long reports,
    all measured in the same rounds (``--repeat`` of them): ratios per round."""
    args = b.args
    section(f"linearity: {len(normal)} normal reports, {args.long} reports 10x long, {args.long} reports 50x long, "
            f"{args.repeat} rounds (floor in this process, gialint through its API in a fresh process)")
    sets = {"normal": normal}
    for scale in (10, 50):
        folder = b.work / f"long{scale}x-{args.long}"
        generate(folder, args.long, args.seed + 1, scale=scale)
        sets[f"{scale}x"] = files_of(folder)
    measures: dict[str, Callable[[], float]] = {}
    for label, paths in sets.items():
        read_all(paths)
        measures[f"floor {label}"] = timed(partial(floor, paths))
        measures[f"nogc {label}"] = timed(partial(floor_no_gc, paths))
        measures[f"gialint {label}"] = partial(_lint_seconds, b, paths[0].parent)
    got = rounds(measures, args.repeat)
    size = {label: kib(paths) for label, paths in sets.items()}
    per = {what: [t / size[what.split()[1]] * 1000 for t in times] for what, times in got.items()}
    print("  ms per KiB (medians):  size each   floor   floor, GC paused   gialint --jobs 1   gialint / floor")
    for label, paths in sets.items():
        print(f"  {label:<8} {size[label] / len(paths):16.0f} KiB {median(per['floor ' + label]):8.3f} "
              f"{median(per['nogc ' + label]):12.3f} {median(per['gialint ' + label]):18.3f} "
              f"{median(got['gialint ' + label]) / median(got['floor ' + label]):17.2f}x")
    b.report.extra["linearity ms/KiB"] = {label: round(median(per["gialint " + label]), 4) for label in sets}
    add = b.report.add
    for base in ("normal", "10x"):
        add(Row(f"    floor: ms/KiB, 50x against {base}", None, against=base,
                pairs=pair("floor 50x", per["floor 50x"], f"floor {base}", per[f"floor {base}"])))
    for base, key in (("normal", "linear-normal"), ("10x", "linear-10x")):
        ratio = pair("gialint 50x", per["gialint 50x"], f"gialint {base}", per[f"gialint {base}"])
        add(Row(f"(g) gialint: ms/KiB, 50x against {base}", median(got["gialint 50x"]), against=base, pairs=ratio,
                target="<= 1.25x", ok=ratio.median <= 1.25, key=key))
    add(Row("    gialint --jobs 1 on the 50x set, against its floor", median(got["gialint 50x"]), against="floor",
            pairs=pair("gialint 50x", got["gialint 50x"], "floor 50x", got["floor 50x"])))
    mem = b.check(sets["50x"][0].parent, "--jobs", "1", "--no-cache")
    b.report.memory.append((f"check, {args.long} reports 50x long (--jobs 1)", mem.maxrss_kb, mem.seconds))
    print(f"  peak memory, 50x set: {mem.maxrss_kb / 1024:.1f} MiB")


def _lint_seconds(b: Bench, folder: Path) -> float:
    return b.runner.api_run(folder, 1).lint


def audit(b: Bench, scaling_dir: Path) -> None:
    """`gialint audit` on ``--audit-count`` reports (5% copies) and on the scaling set: time,
    CPU, peak memory, and whether duplicate-content found the copies."""
    count = b.args.audit_count
    copies = max(2, count // 20)
    section(f"gialint audit: {count} reports, {copies} of them copies of another")
    audit_dir, out_json = b.work / f"audit{count}", b.work / "audit.json"
    manifest = generate(audit_dir, count - copies, b.args.seed + 2, copies=copies)
    proc = b.runner.run([str(b.exe), "audit", str(audit_dir), "--no-cache", "--format", "json", "--output", str(out_json)])
    files = files_of(audit_dir)
    b.report.add(Row(f"(h) gialint audit, {len(files)} reports ({kib(files) / 1024:.0f} MiB)", proc.seconds,
                     note=f"peak {proc.maxrss_kb / 1024:.0f} MiB, {proc.cpu:.0f} CPU s, exit {proc.code}"))
    b.report.memory.append((f"audit, {len(files)} reports (--jobs {b.jobs})", proc.maxrss_kb, proc.seconds))
    scaling = files_of(scaling_dir)
    small = b.runner.run([str(b.exe), "audit", str(scaling_dir), "--no-cache", "--format", "json", "--output",
                          str(b.work / "audit-small.json")])
    b.report.add(Row(f"    gialint audit, {len(scaling)} reports (the scaling set)", small.seconds,
                     note=f"peak {small.maxrss_kb / 1024:.0f} MiB, {small.cpu:.0f} CPU s"))
    b.report.memory.append((f"audit, {len(scaling)} reports (--jobs {b.jobs})", small.maxrss_kb, small.seconds))
    b.report.extra["audit"] = q = audit_quality(manifest, out_json)
    print(f"  duplicate-content: {q['copies_found']}/{q['copies']} copies found; "
          f"{q['false_pairs']} pair(s) of independent reports reported; carry-over findings: {q['carry_over']}")


def audit_quality(manifest: list[dict[str, object]], out_json: Path) -> dict[str, object]:
    data = json.loads(out_json.read_text(encoding="utf-8"))
    family = {str(m["file"]): str(m["copy_of"] or m["file"]) for m in manifest}
    copies = {str(m["file"]) for m in manifest if m["copy_of"]}
    found: set[str] = set()
    false_pairs: set[frozenset[str]] = set()
    name = re.compile(r"(\d{5}-[a-z]+-\d{4}\.(?:md|txt))")
    for d in data["diagnostics"]:
        if d["rule"] != "duplicate-content":
            continue
        a = Path(d["path"]).name
        m = name.search(d["message"])
        b = m.group(1) if m else ""
        if family.get(a) == family.get(b):
            found.update(x for x in (a, b) if x in copies)
        else:
            false_pairs.add(frozenset((a, b)))
    return {
        "copies": len(copies), "copies_found": len(found), "false_pairs": len(false_pairs),
        "findings": len(data["diagnostics"]),
        "duplicate_content": sum(1 for d in data["diagnostics"] if d["rule"] == "duplicate-content"),
        "carry_over": sum(1 for d in data["diagnostics"] if d["rule"] == "carry-over"),
    }
