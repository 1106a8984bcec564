"""Option groups and value types that several commands share (check and audit)."""

from __future__ import annotations

import argparse

CACHE_DIR = ".gialint_cache"

YEARS = (2000, 2100)
"""The report years ``--year`` accepts."""


def year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not YEARS[0] <= value <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"{value} is outside {YEARS[0]}–{YEARS[1]} (年份应在 {YEARS[0]}–{YEARS[1]} 之间)")
    return value


def seconds(text: str) -> float:
    from gialint.config.loader import MAX_RULE_TIMEOUT

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= MAX_RULE_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and {MAX_RULE_TIMEOUT}")
    return value


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; 1 = in-process)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    parser.add_argument("--cache-dir", metavar="DIR", help=f"where the result cache lives (default: {CACHE_DIR}; also GIALINT_CACHE_DIR)")
    parser.add_argument(
        "--rule-timeout", type=seconds, metavar="SECONDS",
        help="stop a rule that runs longer than this on one file and report it (default: 5; also rule-timeout: in the config)",
    )  # fmt: skip


def add_text_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-format", choices=("full", "concise"), default="full",
        help="text output: full (each finding with its line and a caret under the place, on a terminal) or concise (one line each)",
    )  # fmt: skip
    show = parser.add_mutually_exclusive_group()
    show.add_argument("--show-source", dest="show_source", action="store_true", default=None, help="show each finding's line with a caret (text output; default on a terminal)")
    show.add_argument("--no-show-source", dest="show_source", action="store_false", help="do not show the lines of findings")
