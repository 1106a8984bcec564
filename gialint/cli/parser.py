"""The command line's parser, built for the command being run.

``gialint check FILE`` builds the main parser and ``check``'s own; every other command's parser
(and its module) is left alone. argparse hands everything after the command's name to that
command's parser, so its flags, help and error messages are those of the full parser. A command
line that does not start with a command's name (``gialint --help``, a typo) gets the full parser.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from gialint import __version__

COMMANDS = ("check", "audit", "rules", "serve", "config", "extract", "explain")
"""Each command's module in :mod:`gialint.cli` (same name), in the order ``--help`` lists them.
A command module has ``HELP``, ``add_arguments(parser)`` and ``run(args, out, err) -> int``."""

DESCRIPTION = "Lint 政府信息公开工作年度报告 (government information-disclosure annual reports)."


def command(name: str) -> ModuleType:
    """The module of command ``name``."""
    return importlib.import_module(f"gialint.cli.{name}")


def columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it ($COLUMNS, else standard
    output's terminal, else 80), without importing shutil (and with it bz2, lzma and fnmatch)."""
    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
    return width or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, at the width argparse would choose (argparse makes one for every
    ``add_argument`` to check the metavar, and its own way imports shutil)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, columns() - 2 if width is None else width)


def build(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for ``argv``: all commands, or only the one ``argv`` starts with."""
    parser = argparse.ArgumentParser(prog="gialint", description=DESCRIPTION, formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"gialint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in argv[:1] if argv and argv[0] in COMMANDS else COMMANDS:
        module = command(name)
        module.add_arguments(sub.add_parser(name, help=module.HELP, formatter_class=HelpFormatter))
    return parser
