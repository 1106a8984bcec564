"""``gialint config [PATH]``: the configuration that applies to a report, and which file set each key."""

from __future__ import annotations

import argparse
from typing import TextIO

from gialint.cli.common import ExitCode, config_for_path

HELP = "show the configuration that applies to a report, and which file set each key"


def add_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("path", nargs="?", default=".", metavar="PATH", help="a report (or a folder) to show the configuration of (default: .)")
    show.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--lang", choices=("zh", "en"), default="zh")
    show.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.config.settings_view import effective, render_text

    _, config = config_for_path(args, args.path, err)
    view = effective(config, args.lang)
    if args.format == "json":
        import json

        json.dump(view, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(render_text(view, args.path, args.lang))
    return ExitCode.OK
