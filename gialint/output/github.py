"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message

``error`` / ``warning`` / ``notice`` follow the severity. As GitHub's toolkit does, the message
escapes ``%``, CR and LF, and property values also ``:`` and ``,``. ``endColumn`` is our
exclusive end column; both ends are left out when the finding has no extent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report
from gialint.output.escape import printable
from gialint.output.tally import Tally

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def line(d: Diagnostic, lang: str) -> str:
    props = [("file", printable(d.path)), ("line", str(d.line)), ("col", str(d.column))]
    if d.end_line and d.end_column and (d.end_line, d.end_column) >= (d.line, d.column):
        props += [("endLine", str(d.end_line)), ("endColumn", str(d.end_column))]
    props.append(("title", f"{d.code} {d.rule}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    message = printable(d.message(lang), keep="\t\r\n")
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(message)}"


def write(out: TextIO, report: Report) -> None:
    write_batches(out, report, ((report.diagnostics, None),))


def write_batches(out: TextIO, report: Report, batches: Iterable[tuple[Sequence[Diagnostic], object]]) -> Tally:
    """``write`` with the findings handed in a batch at a time and not kept (see
    :func:`gialint.output.text.write_batches`); a batch's second item is not used."""
    tally = Tally()
    for diagnostics, _ in batches:
        tally.add(diagnostics)
        out.writelines(line(d, report.lang) + "\n" for d in diagnostics)
    return tally
