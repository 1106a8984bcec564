"""Writing a fixed report back without losing anything (``gialint check --fix``).

The new bytes go to a temporary file beside the report, are flushed to disk (``fsync``), get the
report's mode and owner, and replace it by an atomic rename — and only if the report is still
exactly what was read (size, modification time, inode and content), is writable (or ``--force``),
and, for a link, its target lies inside the checked tree. Otherwise nothing is written and the
reason becomes a ``fix-not-written`` finding; the other files are fixed and linted as usual.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gialint.read.inputs import InputError, Snapshot, inside, read_report

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.model.diagnostic import Diagnostic

NOT_WRITTEN = ("fix-not-written", "GIA004")


class NotWritten(Exception):
    """The fixes were not written: ``message_zh`` / ``message_en`` say why and what to do."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def not_written(config: Config, path: str, why: NotWritten) -> Diagnostic:
    from gialint.engine.result import pseudo as _pseudo
    from gialint.model.document import Span

    return _pseudo(config, NOT_WRITTEN, path, Span(1, 1, 1, 1), why.message_zh, why.message_en)


def _changed() -> NotWritten:
    return NotWritten(
        "--fix 没有改写此文件：检查期间文件被改动过（可能正在 Word/WPS 中编辑）。请保存、关闭后重新运行",
        "--fix left this file alone: it changed while being checked (open in an editor?); save it and run again",
    )


def _unchanged(path: str, data: bytes, snapshot: Snapshot) -> os.stat_result:
    """The report's stat now, if it is still what was read (else :class:`NotWritten`)."""
    try:
        now, now_snapshot = read_report(path)
    except InputError:
        raise _changed() from None
    if now_snapshot != snapshot or now != data:
        raise _changed()
    return os.stat(path)


def replace_checked(path: str, data: bytes, snapshot: Snapshot, new: bytes, force: bool, roots: Sequence[str]) -> None:
    """Replace the report at ``path`` (read as ``data`` with ``snapshot``) by ``new``."""
    if os.path.islink(path) and roots and not inside(path, roots):
        raise NotWritten(
            "--fix 没有改写此文件：它是指向被检查文件夹之外的链接，为安全起见不写入链接目标",
            "--fix left this file alone: it is a link to a file outside the checked folders, which is never written",
        )
    target = Path(os.path.realpath(path))
    st = _unchanged(path, data, snapshot)
    if not force and (not os.access(target, os.W_OK) or not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)):
        raise NotWritten(
            "--fix 没有改写此文件：文件是只读的。如确要修改，请加 --force，或先取消只读属性",
            "--fix left this file alone: it is read-only; add --force to fix it anyway, or make it writable",
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gialint-tmp", dir=target.parent)
    except OSError as exc:
        raise _failed(exc) from None
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(new)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            tmp_st = os.stat(tmp)
            if (tmp_st.st_uid, tmp_st.st_gid) != (st.st_uid, st.st_gid):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    raise NotWritten(
                        "--fix 没有改写此文件：它属于其他用户，改写后将无法保留原所有者。请由文件所有者运行",
                        "--fix left this file alone: it belongs to another user, whose ownership a rewrite would lose; "
                        "run it as the file's owner",
                    ) from None
            _unchanged(path, data, snapshot)  # once more, just before the swap
            os.replace(tmp, target)
        except OSError as exc:
            raise _failed(exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _failed(exc: OSError) -> NotWritten:
    reason = exc.strerror or type(exc).__name__
    return NotWritten(
        f"--fix 没有改写此文件：写入失败（{reason}），原文件未受影响。请检查磁盘空间和权限",
        f"--fix left this file alone: writing failed ({reason}); the original is untouched. Check disk space and permissions",
    )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
