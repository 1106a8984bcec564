"""JUnit XML for CI test-report views: one test case per checked file.

A file with findings gets one ``<failure>`` whose ``message`` counts them and whose text lists
them as ``path:line:col: CODE name message`` lines. A file that could not be read
(``GIA001 unreadable-input``) gets an ``<error>`` instead and counts among the suite's errors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from gialint.model.diagnostic import Diagnostic
from gialint.output import Report
from gialint.output.escape import unsurrogate
from gialint.output.text import SEVERITY_WORDS, UNREADABLE_CODE, counts

# Characters XML 1.0 cannot carry even escaped; a report's quoted text may contain them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", unsurrogate(text))


def build(report: Report) -> ET.Element:
    by_file: dict[str, list[Diagnostic]] = {p: [] for p in report.files}
    for d in report.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    suite = ET.Element("testsuite", name="gialint")
    failures = errors = 0
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="gialint", name=_clean(path), file=_clean(path))
        if not found:
            continue
        kind = "error" if any(d.code == UNREADABLE_CODE for d in found) else "failure"
        if kind == "error":
            errors += 1
        else:
            failures += 1
        kind_type = "unreadable-input" if kind == "error" else "gialint"
        element = ET.SubElement(case, kind, message=counts(found, report.lang), type=kind_type)
        words = SEVERITY_WORDS["en" if report.lang == "en" else "zh"]
        lines = (f"{d.path}:{d.line}:{d.column}: {d.code} {d.rule} [{words[d.severity]}] {d.message(report.lang)}\n" for d in found)
        element.text = _clean("".join(lines))
    totals = {"tests": str(len(by_file)), "failures": str(failures), "errors": str(errors)}
    suite.attrib.update(totals, skipped="0")
    root = ET.Element("testsuites", {"name": "gialint", **totals})
    root.append(suite)
    ET.indent(root)
    return root


def write(out: TextIO, report: Report) -> None:
    xml = ET.tostring(build(report), encoding="unicode")
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n')
