"""``--write-baseline FILE`` records the current findings; ``--baseline FILE`` hides them."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gialint.cli.common import ExitCode

if TYPE_CHECKING:
    from gialint.model.diagnostic import Diagnostic


def apply_baseline(
    args: argparse.Namespace, diagnostics: list[Diagnostic], sources: Mapping[str, Sequence[str]], err: TextIO
) -> list[Diagnostic] | int:
    """The findings the baseline does not know, or the exit code when the run ends here (the
    baseline was written, or it cannot be read or written)."""
    from gialint.engine import baseline

    try:
        if args.write_baseline:
            count = baseline.write(Path(args.write_baseline), diagnostics, sources)
            if args.lang == "en":
                err.write(f"gialint: wrote {count} finding(s) to the baseline {args.write_baseline}\n")
            else:
                err.write(f"gialint: 已把 {count} 个问题记入基线文件 {args.write_baseline}\n")
            return ExitCode.OK
        known = baseline.load(Path(args.baseline))
    except (baseline.BaselineError, OSError) as exc:
        err.write(f"gialint: {exc}\n")
        return ExitCode.USAGE
    return baseline.filter_new(diagnostics, sources, Path(args.baseline), known)
