"""``gialint audit``: ``check`` over a whole tree of reports, the corpus rules on, with progress
and a summary per agency and rule."""

from __future__ import annotations

import argparse
from typing import TextIO

from gialint.cli.options import add_run_options, add_text_options, year

HELP = "audit a whole tree of reports: corpus rules on, progress, summary per agency and rule"


def add_arguments(audit: argparse.ArgumentParser) -> None:
    audit.add_argument("paths", nargs="*", metavar="DIR", help="directories or files (default: .)")
    audit.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    audit.add_argument("--select", action="append", metavar="RULES", help="only these rules")
    audit.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    audit.add_argument("--format", default="text", metavar="FORMAT", help="text, json, html, csv or xlsx (any --format of check; xlsx needs gialint[xlsx] and --output)")
    audit.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    audit.add_argument("--lang", choices=("zh", "en"))
    audit.add_argument("--fail-on", choices=("error", "warning", "info"))
    audit.add_argument("--year", type=year, help="report year (2000–2100), overriding the detected one")
    audit.add_argument("--quiet", "-q", action="store_true", help="no closing count line")
    audit.add_argument("--no-color", action="store_true")
    audit.add_argument("--no-plugins", action="store_true")
    audit.add_argument(
        "--respect-tree-config",
        action="store_true",
        help="use the .gialint.yaml/pyproject.toml found inside the audited folders (default: ignore them; "
        "the configuration is --config or the one found from the current folder)",
    )
    add_run_options(audit)
    add_text_options(audit)
    audit.set_defaults(
        fix=False, force=False, diff=False, baseline=None, write_baseline=None, statistics=False,
        report_unused_disables=False, corpus=True, summary=True, progress=True,
    )  # fmt: skip


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.cli import check

    return check.run(args, out, err, corpus=True)
