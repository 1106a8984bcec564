"""Older Word (.doc) and Kingsoft WPS (.wps) files, through LibreOffice.

When ``soffice`` (or ``libreoffice``) is on PATH, the file is converted to .docx in a temporary
folder — with a LibreOffice profile of its own there, so parallel runs do not clash, and a
timeout, since some files make LibreOffice hang (the whole process group is killed then) —
and the .docx is read by :mod:`gialint.read.docx`. Without LibreOffice the file gets one
``unreadable-input`` finding saying how to save it as .docx from Word/WPS or to install
LibreOffice.

Places: the converted document has the paragraphs and tables of the original, so ¶ numbers and
table cells are those a person sees opening the .doc/.wps in Word or WPS; the location's kind is
``doc`` or ``wps`` (the file's own kind). A ``.doc`` that is really a .docx (renamed) is read
directly, without LibreOffice.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from gialint.read import Extracted, ReadError

if TYPE_CHECKING:
    from gialint.read.parse.options import ParseOptions

TIMEOUT = float(os.environ.get("GIALINT_SOFFICE_TIMEOUT", "120"))
"""Seconds one conversion may take (``GIALINT_SOFFICE_TIMEOUT``)."""

_INSTALL_ZH = "或者安装 LibreOffice（https://www.libreoffice.org/ ；Debian/Ubuntu：apt-get install libreoffice-writer-nogui）后再检查"
_INSTALL_EN = "or install LibreOffice (https://www.libreoffice.org/; Debian/Ubuntu: apt-get install libreoffice-writer-nogui) and check again"


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _kind(path: str) -> str:
    return PurePath(path).suffix.lower().lstrip(".") or "doc"


def _save_as(kind: str) -> tuple[str, str]:
    app_zh = "WPS" if kind == "wps" else "Word 或 WPS"
    app_en = "WPS" if kind == "wps" else "Word or WPS"
    return (
        f"请在 {app_zh} 中打开它，用“文件 → 另存为”选择“Word 文档（*.docx）”保存后检查新文件，",
        f"open it in {app_en}, use File → Save As → Word Document (*.docx) and check the new file, ",
    )


_kept: dict[tuple[str, bytes], bytes] | None = None
"""While :func:`conversions_kept`: the .docx made of each original, by its kind and SHA-256."""
_keeper = 0
"""The process that keeps them (a worker forked meanwhile keeps nothing)."""


@contextmanager
def conversions_kept() -> Iterator[None]:
    """Convert each .doc/.wps once while this lasts: ``--annotate`` reads the file again after the
    lint, and gets the .docx the lint's conversion made (same bytes in, same .docx out)."""
    global _kept, _keeper
    _kept, _keeper = {}, os.getpid()
    try:
        yield
    finally:
        _kept = None


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def to_docx(path: str, data: bytes) -> bytes:
    """The .docx LibreOffice makes of a .doc/.wps file's bytes.

    :raises ReadError: no LibreOffice, the conversion failed or timed out.
    """
    if _is_docx(data):
        return data
    kept = _kept if _keeper == os.getpid() else None
    key = (_kind(path), hashlib.sha256(data).digest() if kept is not None else b"")
    if kept is not None and key in kept:
        return kept[key]
    converted = _convert(path, data)
    if kept is not None:
        kept[key] = converted
    return converted


def _convert(path: str, data: bytes) -> bytes:
    kind = _kind(path)
    save_zh, save_en = _save_as(kind)
    command = soffice()
    if command is None:
        raise ReadError(
            f"读取 .{kind} 文件需要 LibreOffice，本机没有安装：" + save_zh + _INSTALL_ZH,
            f"reading a .{kind} file needs LibreOffice, which is not installed here: " + save_en + _INSTALL_EN,
        )
    with tempfile.TemporaryDirectory(prefix="gialint-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"report.{kind}"  # a plain name: no quoting trouble with odd file names
        source.write_bytes(data)
        out = folder / "out"
        argv = [
            command,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", "docx", "--outdir", str(out), str(source),
        ]
        env = {**os.environ, "HOME": str(folder)}
        process = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
        try:
            _, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise ReadError(
                f"LibreOffice 转换此文件超过 {TIMEOUT:g} 秒仍未完成（文件可能已损坏）：" + save_zh + "或检查文件是否完好",
                f"LibreOffice did not finish converting this file within {TIMEOUT:g} seconds (it may be damaged): "
                + save_en + "or check that the file is intact",
            ) from None
        result = out / "report.docx"
        if process.returncode != 0 or not result.exists():
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {process.returncode}"]
            raise ReadError(
                f"LibreOffice 无法转换此 .{kind} 文件（{detail[0]}），可能已损坏或设置了密码：" + save_zh.rstrip("，"),
                f"LibreOffice could not convert this .{kind} file ({detail[0]}); it may be damaged or password-protected: "
                + save_en.rstrip(", "),
            )
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the conversion and everything it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def read(path: str, data: bytes, options: ParseOptions) -> Extracted:
    """Read a .doc/.wps file by converting it to .docx with LibreOffice.

    :raises ReadError: no LibreOffice, or the file cannot be converted or read.
    """
    from gialint.read.docx import body_items, extract, open_package

    converted = to_docx(path, data)
    extracted = extract(body_items(open_package(converted)), kind=_kind(path))
    if converted is not data:
        extracted.notes.insert(0, "由 LibreOffice 转换为 .docx 后读取 / read after LibreOffice converted it to .docx")
    return extracted
