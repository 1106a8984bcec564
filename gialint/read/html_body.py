"""Where the report is on a government web page, and what around it is the site's chrome.

Every element is a candidate container. Each is scored by the report headings it holds (the
six parts' numbered titles, from the formats' YAML), the table labels in its tables and the
intro's fixed sentences; the best score wins, the smallest such element on a tie (the one with
the least chrome). Known CMS containers (``#zoom``, ``.TRS_Editor`` …) win a tie against other
elements of the same size. Inside the container, the lines that are chrome — breadcrumbs, the
metadata table (索引号 / 发布机构 / 发布日期), ``字体：【大 中 小】``, ``【打印本页】【关闭
窗口】``, ICP footers, link lists — are dropped; the report's title, often in its own element
above the container, is taken back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gialint.read.report_markers import Markers, is_report_title

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

    from gialint.read.html_blocks import Item

KNOWN_CONTAINERS = frozenset(
    "zoom ivs_content trs_editor custom_unionstyle xxgk_content article content article-content "
    "art_con artcontent con_text contenttext main-content news_content detail_content bt_content "
    "pages_content view tyxl_content".split()
)
"""ids and classes (lower case) that government CMSs (TRS, 开普云, 大汉 …) put the article in."""
TITLE_LOOKBACK = 40
"""How many blocks above the body the report's title may stand (site header, metadata between)."""
MIN_PARTS = 2
"""A page showing fewer numbered part headings than this holds no report body."""

_PREAMBLE = re.compile(r"本报告|统计(?:期限|时限|时间)|如对本报告|政府信息公开条例")
_META_KEYS = (
    "索引号", "发布机构", "发布日期", "发布时间", "成文日期", "生成日期", "主题分类", "组配分类", "体裁分类",
    "公开方式", "公开时限", "公开范围", "发文字号", "文号", "主题词", "有效性", "信息来源", "信息名称", "名称",
)  # fmt: skip
_META_LINE = re.compile(
    r"^(?:来源|信息来源|文章来源|发布时间|发布日期|更新时间|发布机构|索引号|作者|责任编辑|编辑|点击数|点击量|浏览次数|"
    r"浏览量|阅读次数|访问次数|生成日期|成文日期|主题分类|公开方式|文号|字号|时间|日期)\s*[:：]"
)
_CHROME_LINE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|您当前的位置|您当前所在位置|所在位置|位置)\s*[:：]|"
    r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关附件)\s*[:：]?|"
    r"^(?:主办单位|承办单位|主办|承办|技术支持|网站地图|联系我们|关于我们)\s*[:：|]|ICP[备証证]|网站标识码|公网安备|版权所有"
)
_CHROME_TOKENS = re.compile(
    r"字体|字号|[【\[(（]\s*[大中小]\s*[】\])）]|(?<![^\s【\[:：])[大中小](?![^\s】\]])|打印本页|打印此页|打印正文|打印|"
    r"关闭窗口|关闭本页|关闭|收藏本页|收藏|返回顶部|返回|分享到|分享|扫一扫在手机(?:上)?打开当前页|扫一扫|"
    r"(?:浏览|阅读|访问)次数\s*[:：]?\s*\d*|默认|视力保护色|繁體版|简体版|无障碍"
)
_AGENCY_LINE = re.compile(
    r"^[^\s。，：:；;！？\d]{2,36}(?:政府|办公室|办公厅|委员会|管委会|局|厅|署|院|中心|镇|乡|街道|办事处)$"
)
"""The first line of a title split in two: the agency's name alone."""
_LEFTOVER = re.compile(r"[\s【】\[\]（）()|｜:：/·•>＞、,，.。-]+")


@dataclass(frozen=True, slots=True)
class Body:
    items: list[Item]
    """The report's blocks, in order: its title first when it stood outside the container."""
    container: HtmlElement


def is_chrome_line(text: str) -> bool:
    """A line the site prints around every article, never report text."""
    flat = text.strip()
    if len(flat) <= 200 and (_CHROME_LINE.search(flat) or _META_LINE.match(flat)):
        return True
    return len(flat) <= 80 and not _LEFTOVER.sub("", _CHROME_TOKENS.sub("", flat))


def is_metadata_table(rows: list[list[str]]) -> bool:
    """The 信息公开 metadata table (索引号 / 发布机构 / 发布日期 …) printed above the article."""
    cells = {re.sub(r"[\s:：]", "", c) for row in rows for c in row}
    keys = sum(1 for key in _META_KEYS if any(c.startswith(key) for c in cells))
    return keys >= 2


def _known(element: HtmlElement) -> bool:
    names = (element.get("class") or "").lower().split() + [(element.get("id") or "").lower()]
    return element.tag == "article" or any(n in KNOWN_CONTAINERS for n in names)


@dataclass(slots=True)
class _Score:
    parts: set[str]
    labels: int = 0
    preamble: int = 0
    chars: int = 0

    def value(self) -> float:
        return 10 * len(self.parts) + min(self.labels, 40) / 4 + min(self.preamble, 6)


def _same(text: str) -> str:
    return text


def _features(item: Item, markers: Markers, simplify: Callable[[str], str]) -> tuple[set[str], int, int, int]:
    if item.kind == "table":
        labels = sum(1 for row in item.rows for cell in row if cell and markers.is_label(simplify(cell)))
        return set(), labels, 0, sum(len(c) for row in item.rows for c in row)
    text = simplify(item.text)
    return markers.part_headings(text), 0, len(_PREAMBLE.findall(text)), len(text)


def find_body(items: list[Item], markers: Markers, simplify: Callable[[str], str] = _same) -> Body | None:
    """The report's blocks on the page, or None when the page holds no report.

    ``simplify`` turns the page's text into what the markers are written in (traditional
    characters into simplified) for finding the report only; the blocks keep their text."""
    scores: dict[HtmlElement, _Score] = defaultdict(lambda: _Score(set()))
    for item in items:
        if item.links_only:
            continue
        parts, labels, preamble, chars = _features(item, markers, simplify)
        for element in (item.element, *item.element.iterancestors()):
            score = scores[element]
            score.parts |= parts
            score.labels += labels
            score.preamble += preamble
            score.chars += chars
    if not scores:
        return None
    best = max(scores, key=lambda e: (scores[e].value(), -scores[e].chars, _known(e)))
    if len(scores[best].parts) < MIN_PARTS:
        return None
    inside = {best, *best.iterdescendants()}
    body = [kept for i in items if i.element in inside and (kept := _kept(i)) is not None]
    first = next((k for k, i in enumerate(items) if i.element in inside), 0)
    if not any(i.kind == "text" and is_report_title(simplify(i.text)) for i in body[:5]):
        body[:0] = _title_above(items, first, simplify)
    return Body(body, best)


def _kept(item: Item) -> Item | None:
    """The item without its chrome lines; None when nothing of it is report text."""
    if item.kind == "table":
        return None if item.links_only or is_metadata_table(item.rows) else item
    if item.links_only and not is_report_title(item.text):  # (a linked title kept by _title_above)
        return None
    lines = [line for line in item.text.split("\n") if not is_chrome_line(line)]
    return replace(item, text="\n".join(lines)) if lines else None


def _title_above(items: list[Item], first: int, simplify: Callable[[str], str]) -> list[Item]:
    """The report's title above the container, with the agency line above it when the title
    is split in two (``白沙镇人民政府`` / ``2021年政府信息公开工作年度报告``)."""
    for k in range(first - 1, max(first - TITLE_LOOKBACK, 0) - 1, -1):
        item = items[k]
        if item.kind != "text" or not is_report_title(simplify(item.text)) or is_chrome_line(item.text):
            continue
        if item.links_only and not _is_title_element(item.element):  # a link to another report
            continue
        above = items[k - 1] if k > 0 else None
        if (
            above is not None
            and above.kind == "text"
            and not above.links_only
            and above.element.getparent() is item.element.getparent()
            and _AGENCY_LINE.match(above.text)
        ):
            return [above, item]
        return [item]
    return []


def _is_title_element(element: HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return element.tag in ("h1", "h2", "h3") or "title" in names or "bt" in names.split()
