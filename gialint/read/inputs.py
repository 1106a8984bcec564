"""Reading a report file without trusting it: stat first, refuse what is not a plain file.

Every path gialint reads a report from comes here (the lint run, the cache, ``--fix``,
``gialint extract``). A pipe, socket or device (``/dev/zero`` included) is never opened; a
file's size is checked from ``stat`` before any byte is read; a folder that cannot be listed,
a dangling link, or (in an audit) a link that leaves the audited tree is refused with a
bilingual reason the engine reports as ``unreadable-input``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from gialint.model.record import Record, setfield
from gialint.read import ReadError
from gialint.read.decode import DEFAULT_MAX_BYTES

MAX_READER_BYTES = 200 * 1024 * 1024
"""Word/PDF/HTML files larger than this are refused (a scanned PDF report can be large)."""

_SPECIAL = (
    (stat.S_ISFIFO, "管道（FIFO）", "a pipe (FIFO)"),
    (stat.S_ISSOCK, "套接字", "a socket"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
)


class InputError(ReadError):
    """The path cannot be read as a report (reported at 1:1); the messages say why and what to do."""


class Snapshot(Record):
    """What a file was when it was read: compared again before ``--fix`` replaces it."""

    __slots__ = ("size", "mtime_ns", "inode", "device")

    size: int
    mtime_ns: int
    inode: int
    device: int

    def __init__(self, size: int, mtime_ns: int, inode: int, device: int) -> None:
        setfield(self, "size", size)
        setfield(self, "mtime_ns", mtime_ns)
        setfield(self, "inode", inode)
        setfield(self, "device", device)

    @classmethod
    def of(cls, st: os.stat_result) -> Snapshot:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


def limit_for(path: str) -> int:
    from gialint.read import reader_for

    return MAX_READER_BYTES if reader_for(path) is not None else DEFAULT_MAX_BYTES


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def inside(path: str, roots: Sequence[str]) -> bool:
    """Whether ``path`` (resolved through every link) lies in one of the resolved ``roots``."""
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _refuse_folder(path: str) -> InputError:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return InputError(
            f"无法列出此文件夹中的文件（{reason}），其中的报告都没有检查：请检查文件夹的权限",
            f"cannot list this folder ({reason}), so none of its reports were checked: check the folder's permissions",
        )
    return InputError("这是目录，不是文件", "is a directory, not a file")


def check_path(path: str, roots: Sequence[str] = ()) -> os.stat_result:
    """The ``stat`` of a regular file that may be read, or :class:`InputError` saying why not.

    ``roots`` (resolved folders) confine the run: a path whose real location is outside all of
    them (a link out of an audited tree) is refused without being opened.
    """
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        raise InputError("文件或目录不存在：请检查路径", "no such file or directory: check the path") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"无法访问此路径（{reason}）：请检查权限", f"cannot access this path ({reason}): check its permissions") from None
    if roots and not inside(path, roots):
        raise InputError(
            "这是指向被检查文件夹之外的链接，出于安全考虑没有读取它：请把报告本身复制到文件夹中",
            "this link points outside the checked folder, so it was not read (for safety): copy the report itself into the folder",
        )
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if stat.S_ISLNK(lst.st_mode):
            raise InputError(
                "这是一个链接，但它指向的文件不存在：请修复或删除这个链接",
                "this is a link to a file that does not exist: repair or remove the link",
            ) from None
        raise InputError("文件或目录不存在：请检查路径", "no such file or directory: check the path") from None
    except OSError as exc:  # a link loop (ELOOP), a path component without permission …
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"无法访问此路径（{reason}）：请检查路径和权限", f"cannot access this path ({reason}): check the path and permissions") from None
    if stat.S_ISDIR(st.st_mode):
        raise _refuse_folder(path)
    for test, zh, en in _SPECIAL:
        if test(st.st_mode):
            raise InputError(
                f"这是{zh}，不是普通文件，没有读取：请给出报告文件本身",
                f"this is {en}, not a regular file, so it was not read: name the report file itself",
            )
    if not stat.S_ISREG(st.st_mode):
        raise InputError("这不是普通文件，没有读取", "this is not a regular file, so it was not read")
    limit = limit_for(path)
    if st.st_size > limit:
        size, cap = _size(st.st_size), _size(limit)
        raise InputError(
            f"文件过大（{size}，上限 {cap}），不像是年度报告，没有读取：请检查是否选错了文件",
            f"file is too large ({size}, limit {cap}) to be a report, so it was not read: check that the right file was given",
        )
    return st


def read_report(path: str, roots: Sequence[str] = ()) -> tuple[bytes, Snapshot]:
    """The bytes of the report at ``path`` and what the file was when read.

    Checked by :func:`check_path` first; opened non-blocking (a pipe put in its place after the
    check cannot hang the run) and checked again on the open descriptor; never more than the
    size limit is read.
    """
    before = check_path(path, roots)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"无法打开文件（{reason}）：请检查权限", f"cannot open the file ({reason}): check its permissions") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (st.st_ino, st.st_dev) != (before.st_ino, before.st_dev):
            raise InputError("文件在读取时被替换了，没有读取：请重新运行", "the file was replaced while being read; run again")
        limit = limit_for(path)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise InputError(
                f"文件过大（超过 {_size(limit)}），不像是年度报告：请检查是否选错了文件",
                f"file is too large (over {_size(limit)}) to be a report: check that the right file was given",
            )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"无法读取文件（{reason}）：请检查文件和权限", f"cannot read the file ({reason}): check the file and its permissions") from None
    finally:
        os.close(fd)
    return b"".join(chunks), Snapshot.of(st)
