"""``gialint explain RULE``: a rule's documentation and options."""

from __future__ import annotations

import argparse
from typing import TextIO

from gialint.cli.common import ExitCode, config_for_listing

HELP = "show a rule's documentation and options"


def add_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule", metavar="RULE", help="rule name or code")
    explain.add_argument("--lang", choices=("zh", "en"))
    explain.add_argument("--config", metavar="FILE")
    explain.add_argument("--no-plugins", action="store_true")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.output.explain import explain

    config = config_for_listing(args, err)
    rule = config.rules.get(args.rule) or next((r for r in config.rules.values() if r.code.upper() == args.rule.upper()), None)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.rule, list(config.rules), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run `gialint rules` for the list"
        err.write(f"gialint: unknown rule {args.rule!r}{hint}\n")
        return ExitCode.USAGE
    out.write(explain(rule, config.settings[rule.name], args.lang or config.lang or "zh", config))
    return ExitCode.OK
