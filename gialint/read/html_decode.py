"""A web page's bytes to text: BOM, then UTF-8, the page's declared charset and GB18030.

Government sites declare ``charset=gb2312`` but publish GBK-only characters (``繁體版``,
names with rare characters), which a strict GB2312 decoder rejects: every GB family label is
read as GB18030, its superset. A page that no candidate decodes is refused with the place of
the first bad byte, never read with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from gialint.read import ReadError
from gialint.read.decode import BOMS, locate_byte

SNIFF_BYTES = 4096
"""How far into the page the charset declaration is looked for (browsers look at 1024)."""

_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "ms936", "euc-cn", "euccn", "x-gbk", "gb_2312-80", "hz-gb-2312", "csgb2312", "chinese", "windows-936"}
_LATIN = {"latin_1", "iso8859-1", "cp1252", "ascii"}
"""Declared Western charsets: on a Chinese page they are a template's leftover, not the truth."""


def declared_label(data: bytes) -> str | None:
    """The charset the page declares in its first bytes (``<meta charset>``, http-equiv
    content-type, XML declaration), as written, lower case; None if it declares none."""
    head = data[:SNIFF_BYTES]
    match = _META.search(head) or _XML_DECL.search(head)
    return None if match is None else match.group(1).decode("ascii", "replace").strip().lower()


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the declared charset, GB family mapped to GB18030; None if the page
    declares none or one Python does not know."""
    label = declared_label(data)
    if label is None:
        return None
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes) -> tuple[str, str]:
    """The page as text and the codec that decoded it.

    :raises ReadError: empty, or no candidate encoding decodes the bytes (located at the first
        byte the most plausible encoding rejects).
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ReadError(
            "网页文件为空：请重新保存网页（在浏览器中“另存为…网页，全部”）后再检查",
            "the web page file is empty: save the page again (the browser's Save as… web page, complete) and check it again",
        )
    for bom, name in BOMS:
        if data.startswith(bom):
            candidates = [name]
            break
    else:
        # UTF-8 first: Chinese text in any other encoding is practically never valid UTF-8,
        # while sites that moved to UTF-8 often kept the old template's charset=gb2312.
        declared = declared_charset(data)
        candidates = ["utf-8"] + ([declared] if declared is not None and declared not in ("utf-8", *_LATIN) else [])
        candidates += [] if "gb18030" in candidates else ["gb18030"]
    errors: list[tuple[int, str]] = []
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError as err:
            errors.append((err.start, encoding))
    offset, likeliest = max(errors)  # the encoding that read furthest is the likelier one
    line, column = locate_byte(data, offset, likeliest)
    tried = "、".join(c.upper() for c in candidates)
    raise ReadError(
        f"网页的文字编码无法识别（按 {tried} 都读不通，第 {line} 行第 {column} 列起出错）："
        "请在浏览器中打开该网页，确认文字显示正常后“另存为…网页，全部”，或把正文复制到 .txt 文件再检查",
        f"cannot decode the web page (neither {', '.join(candidates)} reads it; first bad byte at line {line}, "
        f"column {column}): open the page in a browser and, if it shows correctly, save it again, or copy the "
        "report into a .txt file and check that",
        line,
        column,
    )
