"""``--output FILE``: the report is written whole or not at all.

The text goes to a temporary file beside FILE, is flushed to disk and renamed over FILE, so a
failure (a full disk, a crash) never leaves half a report or destroys the previous one. A FILE
that is not a regular file (``/dev/stdout``, a pipe, a device) is written directly. A full disk
is reported in plain words.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from gialint.output.escape import printable


class OutputError(Exception):
    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def _error(path: str, exc: OSError) -> OutputError:
    name = printable(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(
            f"无法写入 --output {name}：磁盘已满（或超出配额），报告没有写出。请腾出空间后重新运行",
            f"cannot write --output {name}: the disk is full (or over quota); no report was written. Free some space and run again",
        )
    reason = exc.strerror or type(exc).__name__
    return OutputError(
        f"无法写入 --output {name}（{reason}）：报告没有写出，请检查路径和权限",
        f"cannot write --output {name} ({reason}); no report was written: check the path and permissions",
    )


def write_output(path: str, write: Callable[[TextIO], None]) -> None:
    """Call ``write`` with a text stream whose content replaces ``path`` once it is all written.

    :raises OutputError: the file could not be written (the old one, if any, is untouched).
    """
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(path, exc) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_direct(path, write)
        return
    target = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gialint-tmp", dir=target.parent)
    except OSError as exc:
        raise _error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n", write_through=False)
            write(text)
            text.flush()
            raw.flush()
            os.fsync(raw.fileno())
            text.detach()
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _error(path, exc) from None
    except BaseException:
        _remove(tmp)
        raise


def _write_direct(path: str, write: Callable[[TextIO], None]) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:  # noqa: PTH123
            write(fh)
    except OSError as exc:
        raise _error(path, exc) from None


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
