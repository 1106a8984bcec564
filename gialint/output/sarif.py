"""SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), e.g. for GitHub code scanning.

One run: ``tool.driver`` describes gialint and every known rule (``id`` = code, ``name`` = rule
name, descriptions and help from the rule's summary and docs, ``defaultConfiguration.level``);
each finding is a result with ``ruleId``/``ruleIndex``, the configured ``level`` and the message
in the chosen language. Positions are the diagnostic's own: SARIF columns are 1-based and
``endColumn`` is exclusive, as ours are. Artifact URIs are relative to the working directory
(``uriBaseId`` ``%SRCROOT%``) unless the file lies outside it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, TextIO

from gialint import __version__
from gialint.model.diagnostic import Diagnostic, Location, Severity
from gialint.output import Report
from gialint.output.escape import json_text, uri_path

if TYPE_CHECKING:
    from gialint.model.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_MIME = {".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain"}


def _information_uri() -> str | None:
    """The project's home page from the installed metadata, when it declares one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("gialint")
    except PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or ():
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "source", "repository"):
            return url.strip()
    home = next(iter(meta.get_all("Home-page") or ()), "").strip()
    return home if home and home.lower() != "unknown" else None


def _location(path: str, cwd: Path) -> dict[str, str]:
    """``artifactLocation`` for ``path``: a relative URI under %SRCROOT%, else an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = PurePath(os.path.relpath(absolute, cwd))
    except ValueError:  # another drive on Windows
        relative = PurePath("..")
    if relative.parts and relative.parts[0] == "..":
        return {"uri": "file://" + uri_path(absolute.as_posix())}
    return {"uri": uri_path(relative.as_posix()), "uriBaseId": SRCROOT}


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].strip()


def _descriptor(code: str, name: str, rule: Rule | None, lang: str) -> dict[str, object]:
    if rule is None:  # a finding from a rule the report has no metadata for
        return {"id": code, "name": name}
    summary = rule.summary_en if lang == "en" else rule.summary_zh
    docs = rule.docs.strip()
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary or name},
        "fullDescription": {"text": _first_paragraph(docs) or summary or name},
        "help": {"text": docs or summary or name, "markdown": docs or summary or name},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"summary_zh": rule.summary_zh, "summary_en": rule.summary_en, "plugin": rule.plugin},
    }


def _region(d: Diagnostic) -> dict[str, int]:
    region = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}
    if d.end_line and d.end_column and (d.end_line, d.end_column) >= (region["startLine"], region["startColumn"]):
        region["endLine"] = d.end_line
        region["endColumn"] = d.end_column
    return region


def as_dict(report: Report) -> dict[str, object]:
    """The SARIF log as plain data."""
    lang = report.lang
    cwd = Path.cwd()
    by_code = {r.code: r for r in sorted(report.rules.values(), key=lambda r: (r.code, r.name))}
    names = {code: r.name for code, r in by_code.items()}
    for d in report.diagnostics:
        names.setdefault(d.code, d.rule)
    codes = sorted(names)
    rule_index = {code: i for i, code in enumerate(codes)}

    paths = list(dict.fromkeys([*report.files, *(d.path for d in report.diagnostics)]))
    artifact_index = {p: i for i, p in enumerate(paths)}
    artifacts = []
    for p in paths:
        artifact: dict[str, object] = {"location": _location(p, cwd)}
        mime = _MIME.get(PurePath(p).suffix.lower())
        if mime:
            artifact["mimeType"] = mime
        artifacts.append(artifact)

    results = []
    for d in report.diagnostics:
        location = {**_location(d.path, cwd), "index": artifact_index[d.path]}
        place: dict[str, object] = {"physicalLocation": {"artifactLocation": location, "region": _region(d)}}
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": rule_index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": d.message(lang)},
            "locations": [place],
        }
        if d.location is not None:
            # Word/PDF/HTML input: the region is in the extracted text (gialint extract); the place
            # in the file itself is a logical location, and every field is in the property bag.
            place["logicalLocations"] = [_logical(d.location, lang)]
            result["properties"] = {"gialint.location": d.location.as_dict()}
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": {**_location(path, cwd), **({"index": artifact_index[path]} if path in artifact_index else {})},
                        "region": {"startLine": max(line, 1)},
                    },
                }
                for i, (path, line) in enumerate(d.related, 1)
            ]
        results.append(result)

    driver: dict[str, object] = {"name": "gialint", "version": __version__, "semanticVersion": __version__}
    info = _information_uri()
    if info:
        driver["informationUri"] = info
    driver["rules"] = [_descriptor(code, names[code], by_code.get(code), lang) for code in codes]
    run: dict[str, object] = {
        "tool": {"driver": driver},
        "language": "en-US" if lang == "en" else "zh-CN",
        "originalUriBaseIds": {SRCROOT: {"uri": "file://" + uri_path(cwd.as_posix()).rstrip("/") + "/"}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _logical(location: Location, lang: str) -> dict[str, object]:
    """A SARIF logicalLocation for a place in a Word/PDF/HTML file."""
    name = location.describe(lang, full=False) or location.kind
    out: dict[str, object] = {"name": name, "kind": "element"}
    if location.heading:
        out["fullyQualifiedName"] = " › ".join((*location.heading, name))
    return out


def write(out: TextIO, report: Report) -> None:
    out.write(json_text(json.dumps(as_dict(report), ensure_ascii=False, indent=2)) + "\n")
