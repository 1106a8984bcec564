"""Web pages (.html/.htm/.shtml): the report published on a government site, read with lxml.

The page is decoded first (:mod:`gialint.read.html_decode`: a ``gb2312`` page is read as
GB18030), parsed by lxml's forgiving HTML parser (malformed markup is repaired, never fatal),
flattened into blocks and tables (:mod:`gialint.read.html_blocks`), and the report is found
among the site's chrome (:mod:`gialint.read.html_body`). Places: ¶ counts the report body's
blocks from its title on; tables are numbered within the body, rows on the table's grid.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gialint.model.document import Place
from gialint.read import Extracted, ReadError
from gialint.read.html_decode import declared_label, decode_page

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

    from gialint.read.parse.options import ParseOptions

NO_BODY_ZH = (
    "这个网页里没有找到年度报告正文（没有“一、总体情况”“二、主动公开政府信息情况”这样的部分标题）："
    "它可能是栏目列表页、错误页或报告附件的下载页。请打开报告正文所在的网页另存后再检查；"
    "报告是 PDF 或 Word 附件的，请下载附件检查"
)
NO_BODY_EN = (
    "no annual report found on this web page (no part headings such as 一、总体情况 or 二、主动公开政府信息情况): "
    "it may be a list page, an error page or the download page of an attachment. Save the page that shows the "
    "report itself and check that; when the report is a PDF or Word attachment, download and check the attachment"
)

OWN_OUTPUT_ZH = (
    "这是 gialint 生成的检查结果网页（--format html），不是年度报告：请把检查结果保存到报告文件夹以外，"
    "或在 .gialint.yaml 的 exclude: 里排除它"
)
OWN_OUTPUT_EN = (
    "this is a results page gialint wrote (--format html), not a report: save results outside the reports "
    "folder, or list it under exclude: in .gialint.yaml"
)
_OWN_OUTPUT = re.compile(rb"""<meta\s+name=["']generator["']\s+content=["']gialint\b""", re.IGNORECASE)


def read(path: str, data: bytes, options: ParseOptions) -> Extracted:
    """The report on the page as extracted text with the place of every line.

    :raises ReadError: the page cannot be decoded, or holds no report body.
    """
    import lxml.etree
    import lxml.html

    from gialint.read.html_blocks import flatten
    from gialint.read.html_body import find_body
    from gialint.read.report_markers import markers

    if _OWN_OUTPUT.search(data[:4096]):
        raise ReadError(OWN_OUTPUT_ZH, OWN_OUTPUT_EN)
    text, encoding = decode_page(data)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        raise ReadError(NO_BODY_ZH, NO_BODY_EN) from None
    items = flatten(root)
    body = find_body(items, markers())
    simplify = _simplifier() if body is None else None
    if simplify is not None:  # a page in traditional characters (a mirror site, a 繁體版 page)
        body = find_body(items, markers(), simplify)
    if body is None:
        raise ReadError(NO_BODY_ZH, NO_BODY_EN)
    out = Extracted("html")
    out.notes.append(f"正文取自 / report body from: {_describe(body.container)}")
    declared = declared_label(data)
    said = f"（网页声明 / declared: {declared}）" if declared and declared.replace("-", "") != encoding.replace("-", "") else ""
    out.notes.append(f"编码 / encoding: {encoding.upper()}{said}")
    paragraphs = tables = 0
    for item in body.items:
        if item.kind == "table":
            tables += 1
            out.table(item.rows, [Place(table=tables, row=r) for r in range(1, len(item.rows) + 1)])
        else:
            paragraphs += 1
            out.paragraph(item.text, Place(paragraph=paragraphs))
    return out


def _describe(element: HtmlElement) -> str:
    """``<div id="zoom" class="TRS_Editor">``: the container as the page's source shows it."""
    attrs = "".join(f' {name}="{element.get(name)}"' for name in ("id", "class") if element.get(name))
    return f"<{element.tag}{attrs}>"


def _simplifier() -> Callable[[str], str] | None:
    """Traditional → simplified Chinese, phrase by phrase (資訊 → 信息), with OpenCC when it is
    installed; None without it."""
    try:
        import opencc
    except ImportError:
        return None
    converter = opencc.OpenCC("tw2sp")
    return lambda text: str(converter.convert(text))
