"""Build government web pages (.html) from the example reports, for the HTML reader's tests.

A page is what a county site's CMS publishes: a header with links, navigation, a breadcrumb, a
sidebar with other reports, the 信息公开 metadata table, the title in its own element, a
``字体：【大 中 小】`` bar, the article in ``#zoom > .TRS_Editor`` as Word's "save as web page"
writes it (``MsoNormal`` paragraphs, ``&nbsp;`` indents, source lines wrapped inside sentences),
table 二's four blocks in one table under caption rows, table 三 with its real merged header
and merged 三、本年度办理结果 block, table 四 with its three header rows, ``【打印本页】【关闭
窗口】`` and a footer with ICP numbers.
"""

from __future__ import annotations

import re
from html import escape

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")


def _cells(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _wrap_source(text: str) -> str:
    """Break the HTML source inside the sentence, between two Chinese characters (as CMS editors
    do); a browser shows no blank there, nor must the reader."""
    for k in range(20, len(text) - 1, 37):
        if "\u4e00" <= text[k - 1] <= "\u9fff" and "\u4e00" <= text[k] <= "\u9fff":
            return text[:k] + "\n        " + text[k:]
    return text


def _paragraph(text: str, k: int) -> str:
    indent = "&nbsp;&nbsp;&nbsp;&nbsp;" if k % 2 else "\u3000\u3000"
    body = escape(_wrap_source(text), quote=False)
    return f'<p class="MsoNormal" style="text-indent:2em">{indent}<span style="font-family:仿宋_GB2312">{body}</span></p>'


def _td(text: str, attrs: str = "") -> str:
    content = escape(text, quote=False) if text else "&nbsp;"
    return f"<td{attrs}><p align=center><span>{content}</span></p></td>"


def _flat_table(rows: list[list[str]]) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" class="MsoNormalTable">']
    for row in rows:
        out.append("<tr>" + "".join(_td(c) for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _is_table_three(rows: list[list[str]]) -> bool:
    return len(rows[0]) == 8 and "自然人" in rows[0] and any(r[0].startswith("三、本年度办理结果") for r in rows)


def _table_three(rows: list[list[str]]) -> str:
    """Table 三 as published: a three-row header (申请人情况 › 法人或其他组织 › …) and the
    三、本年度办理结果 block merged down its first column, groups (（三）不予公开) down the second."""
    header = rows[0]
    out = ['<table border="1" cellspacing="0" cellpadding="0" class="MsoNormalTable">']
    out.append(f'<tr>{_td(header[0], " colspan=3 rowspan=3")}{_td("申请人情况", " colspan=7")}</tr>')
    out.append(f'<tr>{_td(header[1], " rowspan=2")}{_td("法人或其他组织", " colspan=5")}{_td(header[7], " rowspan=2")}</tr>')
    out.append("<tr>" + "".join(_td(c) for c in header[2:7]) + "</tr>")
    body = rows[1:]
    start = next(k for k, r in enumerate(body) if r[0].startswith("三、"))
    end = next(k for k, r in enumerate(body) if r[0].startswith("四、"))
    block = body[start + 1 : end]
    groups = sum(1 for a, b in zip(block, block[1:]) if not re.match(r"\d", a[0]) and re.match(r"\d", b[0]))
    merged: set[int] = set()
    for k, row in enumerate(body):
        if k in merged:
            continue
        values = "".join(_td(v) for v in row[1:])
        if k < start or k >= end:
            out.append(f'<tr>{_td(row[0], " colspan=3")}{values}</tr>')
            continue
        if k == start:
            continue
        lead = _td(body[start][0], f" rowspan={len(block) - groups}") if k == start + 1 else ""
        if re.match(r"\d", row[0]):
            out.append(f"<tr>{lead}{_td(row[0])}{values}</tr>")
            continue
        items = 0
        for later in body[k + 1 : end]:
            if not re.match(r"\d", later[0]):
                break
            items += 1
        if items:  # a group row: its label spans its items' rows, its own empty row disappears
            first = body[k + 1]
            out.append(f'<tr>{lead}{_td(row[0], f" rowspan={items}")}{_td(first[0])}{"".join(_td(v) for v in first[1:])}</tr>')
            merged.add(k + 1)
        else:
            out.append(f'<tr>{lead}{_td(row[0], " colspan=2")}{values}</tr>')
    out.append("</table>")
    return "\n".join(out)


def _is_table_four(rows: list[list[str]]) -> bool:
    return len(rows[0]) == 15 and rows[0][0].startswith("行政复议") and rows[0][14].startswith("复议后起诉")


def _table_four(rows: list[list[str]]) -> str:
    """Table 四 as published: 行政复议 over five columns, 行政诉讼 over ten split into
    未经复议直接起诉 and 复议后起诉, the five result labels under each."""
    groups = ("行政复议", "未经复议直接起诉", "复议后起诉")
    leaves = [label.removeprefix(next(g for g in groups if label.startswith(g))) for label in rows[0]]
    out = ['<table border="1" cellspacing="0" cellpadding="0">']
    out.append(f'<tr>{_td("行政复议", " colspan=5")}{_td("行政诉讼", " colspan=10")}</tr>')
    out.append("<tr>" + "".join(_td(x, " rowspan=2") for x in leaves[:5]) + _td(groups[1], " colspan=5") + _td(groups[2], " colspan=5") + "</tr>")
    out.append("<tr>" + "".join(_td(x) for x in leaves[5:]) + "</tr>")
    out += ["<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in rows[1:]]
    out.append("</table>")
    return "\n".join(out)


def _table_two(blocks: list[tuple[str, list[list[str]]]]) -> str:
    """Table 二's four blocks as one table, each under a caption row (第二十条第（一）项) that
    spans the table; a block narrower than the table widens its last column."""
    width = max(len(r) for _, rows in blocks for r in rows)
    out = ['<table border="1" cellspacing="0" cellpadding="0">']
    for caption, rows in blocks:
        out.append(f"<tr>{_td(caption, f' colspan={width}')}</tr>")
        for row in rows:
            last = f" colspan={width - len(row) + 1}" if len(row) < width else ""
            out.append("<tr>" + "".join(_td(c) for c in row[:-1]) + _td(row[-1], last) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _table(rows: list[list[str]]) -> str:
    if _is_table_three(rows):
        return _table_three([list(r) for r in rows])
    return _table_four(rows) if _is_table_four(rows) else _flat_table(rows)


def _render(blocks: list[tuple[str, object]]) -> str:
    """HTML of the blocks; table 二's captions and tables become the one table sites publish."""
    out: list[str] = []
    k = 0
    while k < len(blocks):
        kind, value = blocks[k]
        if kind == "caption" and k + 1 < len(blocks) and blocks[k + 1][0] == "table":
            pairs = []
            while k + 1 < len(blocks) and blocks[k][0] == "caption" and blocks[k + 1][0] == "table":
                pairs.append((str(blocks[k][1]), blocks[k + 1][1]))
                k += 2
            out.append(_table_two(pairs))  # type: ignore[arg-type]
            continue
        if kind == "table":
            out.append(_table(value))  # type: ignore[arg-type]
        elif kind == "caption":
            out.append(f'<p align="center"><b>{escape(str(value), quote=False)}</b></p>')
        else:
            out.append(str(value))
        k += 1
    return "\n".join(out)


_CAPTION = re.compile(r"^\**(第二十条第（[一二三四五六七八九十]）项)\**$")


def article(source: str) -> tuple[str, str]:
    """The report's title and its body as the CMS's article HTML."""
    lines = source.split("\n")
    title = ""
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] = []
    k = 0
    for line in [*lines, ""]:
        stripped = line.strip()
        if table and not (stripped.startswith("|") or "\t" in line):
            blocks.append(("table", table))
            table = []
        if stripped.startswith("|") or "\t" in line:
            if not _PIPE_SEPARATOR.match(stripped):
                table.append(_cells(line))
            continue
        if not stripped:
            continue
        k += 1
        if not title and (stripped.startswith("# ") or k == 1):
            title = stripped.removeprefix("# ")
        elif caption := _CAPTION.match(stripped):
            blocks.append(("caption", caption.group(1)))
        elif stripped.startswith("## "):
            blocks.append(("html", f"<h3 style=\"text-indent:2em\">{escape(stripped[3:], quote=False)}</h3>"))
        elif stripped.startswith("### "):
            blocks.append(("html", f'<p class="MsoNormal"><strong><span>{escape(stripped[4:], quote=False)}</span></strong></p>'))
        elif stripped.startswith("**") and stripped.endswith("**"):
            blocks.append(("html", f'<p align="center"><b>{escape(stripped.strip("*"), quote=False)}</b></p>'))
        else:
            blocks.append(("html", _paragraph(stripped, k)))
    return title, _render(blocks)


def page(
    source: str, charset: str = "utf-8", sidebar_title: str = "白沙镇2020年政府信息公开工作年度报告", inline: bool = False
) -> str:
    """The whole page a government site serves, with the report from ``source`` (Markdown or text).

    ``inline``: the CMS puts the metadata table, the title, the 字体 bar, the print links and
    上一篇/下一篇 inside the same container as the report's paragraphs (``.xxgk_content``).
    """
    title, body = article(source)
    if inline:
        return _inline_page(title, body, charset)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{escape(title)}_青石县人民政府</title>
<style>.TRS_Editor P{{margin:0;font-size:16px}} td{{border:1px solid #000}}</style>
<script type="text/javascript">var tips = "一、总体情况 二、主动公开政府信息情况"; document.write("<p>" + tips + "</p>");</script>
</head>
<body>
<div class="top"><span>欢迎访问青石县人民政府网站</span> <a href="/big5/">繁體版</a> | <a href="/wza/">无障碍</a></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>
</ul></div>
<!-- 正文开始 一、总体情况 -->
<div class="main">
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="left sidebar"><h4>政府信息公开年报</h4><ul>
<li><a href="/1.html">{escape(sidebar_title)}</a></li>
<li><a href="/2.html">青石县2021年政府信息公开工作年度报告</a></li>
<li><a href="/3.html">一、总体情况说明</a></li>
</ul></div>
<div class="right">
<table class="xxgk_table" width="100%"><tbody>
<tr><td>索&nbsp;引&nbsp;号：</td><td>11360722MB1234567X/2022-00031</td><td>发布机构：</td><td>青石镇人民政府</td></tr>
<tr><td>名&nbsp;&nbsp;&nbsp;&nbsp;称：</td><td>{escape(title)}</td><td>发布日期：</td><td>2022-01-20</td></tr>
</tbody></table>
<div class="title"><h1>{escape(title)}</h1></div>
<div class="info">发布时间：2022-01-20 10:31 &nbsp; 来源：青石镇人民政府 &nbsp; 浏览次数：<span>128</span> &nbsp;
字体：【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div id="zoom"><div class="TRS_Editor">
{body}
</div></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
</div>
<div class="footer"><p>主办单位：青石县人民政府办公室 &nbsp; <a href="https://beian.miit.gov.cn">赣ICP备12345678号-1</a> &nbsp; 网站标识码：3607220001</p>
<p><img src="/ga.png" alt="" />赣公网安备 36072202000123号</p></div>
</body>
</html>
"""


def _inline_page(title: str, body: str, charset: str) -> str:
    return f"""<html><head><meta charset="{charset}"><title>{escape(title)}</title></head>
<body><div class="header"><a href="/">首页</a> | <a href="/big5">繁體版</a></div>
<div class="breadcrumb">您的位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk">信息公开</a></div>
<div class="xxgk_content">
<table class="meta"><tr><th>索引号</th><td>000014349/2022-00007</td><th>主题分类</th><td>综合政务</td></tr>
<tr><th>发布机构</th><td>白沙镇人民政府</td><th>成文日期</th><td>2022-01-25</td></tr></table>
<h1 class="title">{escape(title)}</h1>
<p class="info">来源：本站 发布日期：2022-01-25 浏览次数：53</p>
<p class="font">字号：<a>大</a> <a>中</a> <a>小</a> &nbsp;【<a>打印</a>】【<a>关闭</a>】</p>
{body}
<p class="print">【打印本页】 【关闭窗口】</p>
<p>上一篇：<a href="/a.html">关于做好春耕生产工作的通知</a></p>
<p>下一篇：<a href="/b.html">2021年财政决算公开</a></p>
</div>
<div class="foot">版权所有：白沙县人民政府 &nbsp; ICP备案号：赣ICP备000000号</div>
</body></html>
"""


def chrome_only_page() -> str:
    """A site's list page: the same chrome, a list of reports, no report."""
    return page("", sidebar_title="青石镇2021年政府信息公开工作年度报告").replace("<h1></h1>", "<h1>政府信息公开年报</h1>")
