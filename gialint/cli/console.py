"""The ``gialint`` command as a process (the console script and ``python -m gialint``).

:func:`gialint.cli.program.main` is the command as a function: tests and other programs call it
and go on. A process that only runs the command can skip two costs that have nothing to do with
linting, as mypy's command does:

* The cyclic garbage collector runs every 700 new container objects. Start-up creates some
  hundred thousand (modules, classes, the configuration, the rules) and frees almost none, so
  each collection walks a growing heap for nothing: about 3% of a one-file check. The collector
  stays on, with a first threshold of 200,000 (mypy's) instead of 700. ``Session.run`` turns it
  off while linting in any case (documents hold no reference cycles).
* Tearing the interpreter down at exit (every module's namespace cleared, a last collection)
  costs a one-file check about 6% of its time and does nothing for it: the output is written and
  flushed, and output files are closed where they are written. The process ends with
  ``os._exit`` after the ``atexit`` handlers have run and standard output and error are flushed.
  It exits the ordinary way whenever that could matter: a thread other than the main one still
  runs, or flushing fails (a closed pipe: Python then reports it as it always does).
* markdown-it-py, mdurl and argparse compile some seventy regular expressions at import and
  start-up: about an eighth of a one-file check. The wheel carries them compiled for the Python
  that built it, and they go into ``re``'s cache before anything is imported
  (:func:`gialint._regexcode.seed_re_cache`): ``re.compile`` then finds each where it would have
  put it itself.
* A check imports some 120 of gialint's modules; an installed wheel carries their code in one
  file, and the console imports them from it (:mod:`gialint._bundle`) instead of looking each up
  on disk.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

GC_THRESHOLD = (200_000, 30, 30)
"""The collector's thresholds for the command's process (see the module's docstring)."""


def run() -> NoReturn:
    """Run the command line in ``sys.argv`` and end the process with its exit code."""
    gc.set_threshold(*GC_THRESHOLD)
    from gialint._bundle import install

    install()
    from gialint._regexcode import seed_re_cache

    seed_re_cache()
    from gialint.cli.program import main

    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End the process with ``code``: ``atexit`` handlers run and the standard streams are
    flushed, but the interpreter is not torn down (see the module's docstring)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)  # let them finish, as Python does at exit
    import atexit

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # noqa: BLE001 - a closed pipe: the ordinary exit reports it
        sys.exit(code)
    os._exit(code)
