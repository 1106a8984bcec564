"""Command line: ``gialint check``, ``audit``, ``rules``, ``explain``, ``extract``, ``config``, ``serve``.

``main(argv) -> int`` returns the exit code and never lets a traceback reach the user. Only the
invoked command's parser and module are built and imported (:mod:`gialint.cli.parser`), and the
commands import what they need inside, so ``gialint --version`` and a one-file pre-commit run
start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from gialint.cli.common import ExitCode
from gialint.engine.wiring import loader_for, registry_for

__all__ = ["ExitCode", "loader_for", "main", "registry_for"]  # loader_for, registry_for: kept for their users


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from gialint.cli.parser import build, command
    from gialint.cli.text import language, localized

    words = list(sys.argv[1:] if argv is None else argv)
    with localized(None, language(words)):
        parser = build(words)
        try:
            with localized(parser, language(words)):
                args = parser.parse_args(words)
        except SystemExit as exc:
            return int(exc.code or 0) if exc.code in (0, None) else ExitCode.USAGE
        if args.command is None:
            parser.print_help(out)
            return ExitCode.USAGE
    # ConfigError from yamlio, not the loader: a run served from the cache loads no configuration
    from gialint.config.yamlio import ConfigError

    try:
        return command(args.command).run(args, out, err)  # type: ignore[no-any-return]
    except ConfigError as exc:
        err.write(f"{exc}\n")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        err.write("gialint: interrupted\n")
        return 130
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - the user gets a message, not a traceback
        import traceback

        err.write(f"gialint: internal error: {type(exc).__name__}: {exc}\n")
        if os.environ.get("GIALINT_DEBUG"):
            traceback.print_exc(file=err)
        else:
            err.write("Run again with GIALINT_DEBUG=1 for details and please report it.\n")
        return ExitCode.INTERNAL
