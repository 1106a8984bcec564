"""Bytes to text: BOMs, UTF-8, GB18030/GBK, and clear refusals for what is not a report.

Real reports arrive as UTF-8 with or without a BOM, as GB18030/GBK (Word's "ANSI" export on a
Chinese system), and sometimes as UTF-16 ("Unicode text" export). The encoding is detected,
never asked of the user.
"""

from __future__ import annotations

import codecs

from gialint._lazy import lazy_re
from gialint.model.record import Record, setfield

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused (a report is tens of kilobytes; 20 MiB is a wrong file)."""

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = lazy_re(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINE = lazy_re(r"\r\n|\r|\n")


class DecodeError(Exception):
    """The bytes are not a readable report. ``kind`` is one of empty, binary, encoding, too-large."""

    def __init__(self, kind: str, message_zh: str, message_en: str, line: int = 1, column: int = 1):
        super().__init__(message_en)
        self.kind = kind
        self.message_zh = message_zh
        self.message_en = message_en
        self.line = line
        self.column = column


class Decoded(Record, compare=("text", "encoding", "newline"), hide=("raw",)):
    __slots__ = ("text", "encoding", "newline", "raw")

    text: str
    """The text with line endings normalised to ``\\n`` (BOM removed)."""
    encoding: str
    """Codec name that decoded it: utf-8, utf-8-sig, gb18030, utf-16, utf-32."""
    newline: str
    """The file's dominant line ending."""
    raw: str
    """The decoded text with its original line endings, so fixes change nothing but their edits."""

    def __init__(self, text: str, encoding: str, newline: str, raw: str = "") -> None:
        setfield(self, "text", text)
        setfield(self, "encoding", encoding)
        setfield(self, "newline", newline)
        setfield(self, "raw", raw)


def _newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def locate_byte(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``, decoding what precedes it."""
    head = data[:offset]
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        text = head.decode(encoding, errors="replace")
        line = text.count("\n") + 1
        return line, len(text) - (text.rfind("\n") + 1) + 1
    line = head.count(b"\n") + 1
    last = head.rfind(b"\n")
    column = len(head[last + 1 :].decode(encoding.replace("-sig", ""), errors="replace").lstrip("\ufeff")) + 1
    return line, column


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode a report's bytes, or raise :class:`DecodeError` with a located, bilingual reason."""
    if len(data) > max_bytes:
        size, limit = _size(len(data)), _size(max_bytes)
        raise DecodeError(
            "too-large",
            f"文件过大（{size}，上限 {limit}），不像是年度报告：请检查是否选错了文件",
            f"file is too large ({size}, limit {limit}) to be a report: check that the right file was given",
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise DecodeError(
            "empty",
            "文件为空：年度报告应有标题和六个部分",
            "file is empty: a report needs a title and its six parts",
        )
    encoding = None
    for bom, name in BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None and b"\x00" in data[:8192]:
        raise DecodeError(
            "binary",
            "这是二进制文件（含 NUL 字节），不是文本：请先把 Word/PDF 导出为 .txt 或 .md",
            "binary file (contains NUL bytes), not text: export the Word/PDF file to .txt or .md first",
        )
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            # utf-8-sig reports offsets after the BOM it consumed
            offset = err.start + (len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)
            line, column = locate_byte(data, offset, encoding)
            raise DecodeError(
                "encoding",
                f"文件以 {encoding} BOM 开头，但第 {line} 行第 {column} 列处的字节无法解码：请用 UTF-8 重新保存",
                f"file starts with a {encoding} BOM but the bytes at line {line}, column {column} cannot be decoded: "
                "save it again as UTF-8",
                line,
                column,
            ) from None
    else:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as utf8_err:
            try:
                text = data.decode("gb18030")
                encoding = "gb18030"
            except UnicodeDecodeError as gb_err:
                # Locate the byte in the encoding that got furthest: that is the likelier one.
                if gb_err.start > utf8_err.start:
                    line, column = locate_byte(data, gb_err.start, "gb18030")
                else:
                    line, column = locate_byte(data, utf8_err.start, "utf-8")
                raise DecodeError(
                    "encoding",
                    f"无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK，第 {line} 行第 {column} 列起出错）："
                    "请用 UTF-8 重新保存",
                    f"cannot decode the file (neither UTF-8 nor GB18030/GBK; first bad byte at "
                    f"line {line}, column {column}): save it again as UTF-8",
                    line,
                    column,
                ) from None
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 20):
        raise DecodeError(
            "binary",
            "文件中控制字符过多，不像文本：请先把 Word/PDF 导出为 .txt 或 .md",
            "file is mostly control characters, not text: export the Word/PDF file to .txt or .md first",
        )
    if not text.strip("\ufeff \t\r\n\u3000\xa0\x00"):
        raise DecodeError(
            "empty",
            "文件为空（只有空白）：年度报告应有标题和六个部分",
            "file is empty (white space only): a report needs a title and its six parts",
        )
    newline = _newline_of(text)
    raw = text
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
    if text.startswith("\ufeff"):
        text, raw = text[1:], raw[1:]
    return Decoded(text=text, encoding=encoding, newline=newline, raw=raw)
