"""``python -m gialint``."""

from gialint.cli.console import run

run()
