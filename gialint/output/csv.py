"""``--format csv``: the score sheet as CSV — one row per report (``gialint audit``: agency, county,
year, deduction score, counts by severity and per rule). UTF-8 with a BOM, so that Excel and WPS
open the Chinese text correctly. Every finding is in the json and xlsx formats."""

from __future__ import annotations

import csv
from typing import TextIO

from gialint.output import Report
from gialint.output.sheet import report_rows, safe_cell


def write(out: TextIO, report: Report) -> None:
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in report_rows(report):
        writer.writerow([safe_cell(v) for v in row])
