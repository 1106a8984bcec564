"""Before structure building: the text as rules should see it, with the way back to the original.

Real report text is not always clean. Pages carry their site's chrome (``字体：【大 中 小】``,
``【打印本页】``, breadcrumbs, ICP numbers) and crawlers add ``# source:`` lines; mirror sites
publish in traditional characters, some with pinyin inserted after characters (``報(bào)告``) or
Taiwan vocabulary (``資訊`` for ``信息``); crawls and PDF viewers flatten a whole report onto one
line. Four passes, each skipped after a cheap scan when it has nothing to do:

1. chrome — page chrome and metadata lines become blank (long lines lose only the chrome in them);
2. pinyin — ``(bào)`` after a Chinese character is removed;
3. traditional — converted to simplified, phrase-level (OpenCC ``t2s``; ``tw2sp`` for a text in
   Taiwan vocabulary), only when the text holds several traditional-only characters (OpenCC is
   imported only then); then Taiwan words left (``資訊``) become the mainland ones (``信息``);
4. split — a flattened line breaks again before and after its part headings
   (:mod:`gialint.read.parse.flattened`).

The result is a :class:`~gialint.model.textview.TextView` (None when nothing applied: the common case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from gialint._lazy import lazy_re
from gialint.formats.parts import numbered_row_labels, part_specs, specs_of
from gialint.model.textview import Builder, Pass, TextView
from gialint.read.parse.flattened import line_end, split

if TYPE_CHECKING:
    from gialint.formats.templates import Format

# ---------------------------------------------------------------------------------------- chrome

_CHROME_LINE = lazy_re(
    r"^[ \t\u3000]*#[ \t]*(?:source|url|link|title|date|crawled|fetched|retrieved|来源|原文|网址|链接|抓取)\s*[:：]"
    r"|^[ \t\u3000]*(?:索引号|发布机构|发文机关|发布日期|成文日期|生成日期|发布时间|主题分类|公开方式|公开范围|浏览次数|访问次数|点击数|信息来源)\s*[:：\t]"
    r"|字体\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小"
    r"|打印本页|关闭窗口|【\s*(?:打印|关闭|收藏|返回顶部)\s*】"
    r"|(?:当前位置|您现在的位置|您的位置|当前所在位置)\s*[:：]"
    r"|ICP\s*备\s*\d|公网安备|网站标识码|版权所有|技术支持\s*[:：]|主办单位\s*[:：]|承办单位\s*[:：]"
    r"|分享到\s*[:：]|扫一扫在手机",
    re.MULTILINE,
)
_CHROME_HINTS = "|".join((
    "打印", "关闭", "字体", "位置", "ICP", "公网安备", "标识码", "版权所有", "技术支持", "主办单位", "承办单位", "分享到",
    "扫一扫", "索引号", "发布机构", "发文机关", "发布日期", "发布时间", "成文日期", "生成日期", "来源", "浏览次数",
    "访问次数", "点击数", "公开方式：", "公开方式:", "公开方式\t", "公开范围", "主题分类", "source", "url", "link", "title",
    "date", "crawled", "fetched", "retrieved", "原文", "网址", "链接", "抓取",
))
_CHROME_HINT = lazy_re(_CHROME_HINTS)
"""Words without which a line holds no chrome: one quick scan before the real patterns."""
_CHROME_MAX = 160
"""A line this short that holds chrome is chrome; a longer one (a flattened page) loses only the chrome."""
@lru_cache(maxsize=1)
def _chrome_inline() -> re.Pattern[str]:
    """Chrome inside a long line (a flattened page): compiled only when a page has some."""
    return re.compile(
        r"字体\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?"
        r"|【?\s*打印本页\s*】?|【?\s*关闭窗口\s*】?|【\s*(?:打印|关闭|收藏|返回顶部)\s*】"
        r"|(?:当前位置|您现在的位置|您的位置|当前所在位置)\s*[:：]\s*(?:[^>＞»›\n]{1,16}?\s*[>＞»›]\s*)+"
        r"|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?ICP\s*备\s*\d+号?(?:-\d+)?"
        r"|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?公网安备\s*\d+号?"
    )


def _chrome_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds chrome, in order."""
    starts = {text.rfind("\n", 0, m.start()) + 1 for m in _CHROME_HINT.finditer(text)}
    found = []
    for start in sorted(starts):
        end = line_end(text, start)
        if _CHROME_LINE.search(text[start:end]):
            found.append((start, end))
    return found


def _chrome(text: str) -> tuple[str, Pass | None]:
    lines = _chrome_lines(text)
    if not lines:
        return text, None
    out = Builder("chrome", text)
    for start, end in lines:
        if end - start <= _CHROME_MAX:
            out.copy_to(start)
            out.put("", end)
            continue
        for inline in _chrome_inline().finditer(text, start, end):
            out.copy_to(inline.start())
            out.put("", inline.end())
    return out.finish()


# ---------------------------------------------------------------------------------------- pinyin

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE = lazy_re(f"[{_TONES}]")
@lru_cache(maxsize=1)
def _pinyin_after_characters() -> re.Pattern[str]:
    return re.compile(
        r"(?<=[\u4e00-\u9fff])[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]*\s*[)）]"
)


def _pinyin(text: str) -> tuple[str, Pass | None]:
    if not _TONE.search(text):
        return text, None
    out = Builder("pinyin", text)
    for m in _pinyin_after_characters().finditer(text):
        out.copy_to(m.start())
        out.put("", m.end())
    return out.finish()


# ----------------------------------------------------------------------------------- traditional

# Traditional forms that simplified text does not use, among the characters reports are written
# with (what OpenCC s2t changes in report text). A few in a text is a coincidence; more is a
# traditional-character text.
_TRADITIONAL_CHARS = (
    "並亂佈佔併來係倉個備傳價償優兌兒內兩別刪則創劃動務勝勢勵區協參員問單嚴國圍園圖團執堅報場壓壩壽夠婦學實"
    "寧審寫寬寶將專對導屍層屬崗嶺巖幫幹幾庫廢廣廳張強彙後從復徹態懇應戶掃掛採揚換揮撥擋擔據擬擴數斷時暢"
    "暫曉書會東條業極構樂樓標樣橋機橫檔檢欄權歡歷歸殘殯氣決沒況減測準溝滯滾滿濟濱灘灣災無熱營爭牽獎獨獲現"
    "環產畢異當療發盡監確碼礎種稱積穩竊節範簡簽籌籤糧糾紀約紅納級紮細終組結絕絡給統經綜維綱網緊線編緩練"
    "縣總績織繞繪繫繳繼續罰聞聯職聽脫腦臨臺與興舉舊莊華萬蓋藥處號術衛補製複覈見規視親觀訂計訓託記訟訪設"
    "許訴註評詢試話該認語說誰調談諉請論諮謀講證識議護讀變讓豐負財貧貫責費貼貿資賓質賬購蹤車軍較載輿轉辦"
    "農迴這連週進運過達違遞適遷選還邊郵鄉醫釋針銜銷鋪錄錯鎮鏈長門開間閱關陣陳陽隊階際隨險隱雖雙雜離難雲"
    "電響項順須預領頭頻題額願類顧顯風養餘饋馬駐駕驗驟體點黨齊龍"
)
_TRADITIONAL = lazy_re(f"[{_TRADITIONAL_CHARS}]")
_TRADITIONAL_MIN = 5
_RARE = lazy_re(f"[{_TONES}{_TRADITIONAL_CHARS}]")
"""A tone mark or a traditional character: a text with neither (the common case) needs neither
the pinyin nor the traditional pass, and one scan tells."""
_CHUNK = lazy_re(r"[^\s。，、；：！？,.;:!?（）()“”\"'《》【】]+")


@lru_cache(maxsize=2)
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc  # only for texts in traditional characters

    return opencc.OpenCC(config)


def _config(text: str) -> str:
    """``tw2sp`` for a text in Taiwan vocabulary (資訊 where a report says 信息: a mirror made with
    s2twp, which also swapped 项目→專案, 联系→聯絡 …), else ``t2s``: tw2sp turns words that mean
    something else on the mainland (文件 → 文档, 执行 → 运行), so a mainland text in traditional
    characters keeps its words."""
    return "tw2sp" if text.count("資訊") > text.count("信息") else "t2s"


_TAIWAN = {
    "资讯": "信息", "规范性档案": "规范性文件", "网际网路": "互联网", "网路": "网络", "软体": "软件", "视讯": "视频",
    "列印": "打印", "伺服器": "服务器",
    "行政查找事项": "行政查询事项", "任务栏入": "工作列入",  # tw2sp's slips on the format's own wording
}
"""Taiwan vocabulary that mirror sites put for the mainland word (after conversion to simplified)."""
_TAIWAN_WORDS = lazy_re("|".join(sorted(_TAIWAN, key=len, reverse=True)))


def _put_chars(out: Builder, start: int, new: str) -> None:
    """Write ``new`` over as many characters from ``start``, one run per changed character."""
    source = out.source
    for i, ch in enumerate(new):
        if ch != source[start + i]:
            out.copy_to(start + i)
            out.put(ch, start + i + 1)


def _vocabulary(text: str) -> tuple[str, Pass | None]:
    out = Builder("vocabulary", text)
    for m in _TAIWAN_WORDS.finditer(text):
        out.copy_to(m.start())
        replacement = _TAIWAN[m.group()]
        if len(replacement) == len(m.group()):
            _put_chars(out, m.start(), replacement)
        else:
            out.put(replacement, m.end())
    return out.finish()


def is_traditional(text: str) -> bool:
    found = 0
    for _ in _TRADITIONAL.finditer(text):
        found += 1
        if found >= _TRADITIONAL_MIN:
            return True
    return False


def _traditional(text: str) -> tuple[str, Pass | None]:
    if not is_traditional(text):
        return text, None
    return _to_simplified(text)


def _to_simplified(text: str) -> tuple[str, Pass | None]:
    convert = _converter(_config(text)).convert
    whole = convert(text)
    out = Builder("traditional", text)
    if len(whole) == len(text):  # the usual case: character for character
        _put_chars(out, 0, whole)
        return out.finish()
    for m in _CHUNK.finditer(text):  # a phrase changed length (網際網路 → 互联网): chunk by chunk
        chunk = m.group()
        done = convert(chunk)
        if done == chunk:
            continue
        out.copy_to(m.start())
        if len(done) == len(chunk):
            _put_chars(out, m.start(), done)
        else:
            out.put(done, m.end())
    return out.finish()


# ------------------------------------------------------------------------------------------ view


def _formats(formats: Iterable[Format]) -> tuple[Format, ...]:
    given = tuple(formats)
    if given:
        return given
    from gialint.formats.labels import builtin_formats

    return builtin_formats()


def normalize(source: str, lines: tuple[str, ...], syntax: str, formats: Iterable[Format] = ()) -> TextView | None:
    """The view of ``source`` rules should see, or None when the text needs nothing done."""
    known = _formats(formats)
    specs = specs_of(tuple(p for fmt in known for p in fmt.parts)) or part_specs(None)
    passes: list[Pass] = []
    notes: list[str] = []
    text = source
    newline = "\n\n" if syntax == "markdown" else "\n"
    plain = False
    """Neither a tone mark nor a traditional character in the text (after the chrome pass)."""
    for name, step in (
        ("chrome", _chrome),
        ("pinyin", _pinyin),
        ("traditional", _traditional),
        ("vocabulary", lambda t: _vocabulary(t) if "traditional" in notes else (t, None)),
        ("split", lambda t: split(t, specs, numbered_row_labels(known), newline)),
    ):
        if name == "pinyin":
            plain = _RARE.search(text) is None
        if plain and name in ("pinyin", "traditional"):
            continue
        text, done = step(text)
        if done is not None:
            passes.append(done)
            notes.append(name)
    if not passes:
        return None
    return TextView.of(source, lines, text, tuple(passes), tuple(notes))
