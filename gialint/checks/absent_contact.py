"""缺少联系方式 / No way to reach the agency, or a placeholder where it should be.

A report tells readers how to reach the agency that wrote it, normally at the end of the
preamble: 如对本报告有疑问，请与…联系（地址：…，联系电话：…，电子邮箱：…）. The rule looks for
a phone number, an address (or the office to contact), and an e-mail address or website, and
reports which are missing; a placeholder left where a URL or number should be (具体网址,
电话：XX) is reported as such.

A phone number counts without the word 电话 when it is written as one (area code or mobile)
in a sentence about contacting the agency (``请与镇党政办公室（0731-1234567）联系``), and in
full-width digits too.

**FAIL**: a report with no 电话, 地址 or 网址 anywhere; or ``政府门户网站（具体网址）``.

**PASS**::

    如对本报告有疑问，请与兴隆镇人民政府联系（地址：兴隆镇人民政府驻地，联系电话：0537-8081001）。
    本报告电子版可在政府门户网站（http://www.jinxiang.gov.cn）查阅。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Option, Options, Rule
from gialint.model.scan import lines_in, scan

_PLACEHOLDER = r"(?:具体(?:网址|地址|号码|电话|邮箱)|(?<![A-Za-z])[XxＸ]{2,}(?![A-Za-z@.])|[×*＊]{2,}|待(?:填写|补充|定)|某某)"
_PHONE = lazy_re(r"(?<![\d-])(?:0\d{2,3}[-－—–\s]?)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
_PHONE_LABEL = lazy_re(r"(?:联系|咨询|办公|监督)?电\s*话|Tel|TEL|热线")
# Without the word 电话, a number written as a phone number (area code, or a mobile) in a
# sentence about contacting the agency: 请与镇党政办公室（0731-1234567）联系.
_PHONE_SHAPE = lazy_re(r"(?<![\d-])0\d{2,3}[-－—–]\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
_CONTACT_WORDS = lazy_re(r"联系|咨询|致电|垂询|办公室|党政办")
# Full-width digits and dashes count like ASCII ones (one character for one: columns stay right).
_WIDE = str.maketrans("０１２３４５６７８９－＠．", "0123456789-@.")
_HAS_WIDE = lazy_re("[０-９－＠．]")
_ADDRESS = lazy_re(r"地\s*址\s*[：:]|邮\s*编\s*[：:]?\s*\d{6}|通讯地址|办公地点")
_OFFICE = lazy_re(r"请(?:与|联系)[）)]?[^。；]{2,40}?(?:办公室|党政办|党政综合办|办事处|服务中心|政务公开[^。；]{0,6})")
_EMAIL = lazy_re(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = lazy_re(r"https?://[^\s（）()，。、]+|www\.[\w.-]+|[\w-]+\.gov\.cn")
_PLACEHOLDER_AFTER = lazy_re(
    r"(?P<label>(?:联系|咨询)?电话|网址|网站|邮箱|电子邮箱|地址)[）)]?\s*[：:（(]?\s*[\d\-－—]*(?P<ph>" + _PLACEHOLDER + ")"
)
_PORTAL_PLACEHOLDER = lazy_re(r"(?:网站|门户)[^（(。]{0,4}[（(]\s*(?P<ph>" + _PLACEHOLDER + r")\s*[）)]")

_WORTH_A_LOOK = lazy_re(r"电\s*话|Tel|TEL|热线|地\s*址|邮\s*编|办公地点|请(?:与|联系)|@|https?:|www\.|\.gov|网站|网址|门户|邮箱")
# The lines that may be worth a look, found by scans of the whole text: the words (blanks not
# reaching across a line break), and phone-shaped figures without the lookarounds that would
# keep the scan from skipping to a 0 or a 1.
_LOOK_SCAN = lazy_re(_WORTH_A_LOOK.pattern.replace(r"\s", r"[^\S\n]"))
_PHONE_SCAN = lazy_re(r"0\d{2,3}[-－—–]\d{7,8}|1[3-9]\d{9}")
ELEMENTS = ("phone", "address", "online")


def _kind(label: str) -> tuple[str, str]:
    """The contact element a placeholder stands for, and its English name."""
    if "电话" in label:
        return "phone", "phone number"
    if "地址" in label and "网" not in label:
        return "address", "address"
    if "邮箱" in label:
        return "online", "e-mail address"
    return "online", "website address"
_NAMES = {
    "phone": ("联系电话", "phone number"),
    "address": ("地址（或联系的办公室）", "address (or the office to contact)"),
    "online": ("电子邮箱或网站", "e-mail or website"),
}


def _find(doc: Document) -> tuple[dict[str, Span], list[tuple[Span, str, str]]]:
    found: dict[str, Span] = {}
    placeholders: list[tuple[Span, str, str]] = []
    wide = doc.source.translate(_WIDE) if _HAS_WIDE.search(doc.source) else doc.source
    starts, count = scan(doc).starts, len(doc.lines)
    candidates = sorted({*lines_in(wide, starts, count, _LOOK_SCAN), *lines_in(wide, starts, count, _PHONE_SCAN)})
    for number in candidates:
        line = doc.lines[number - 1]
        line = line.translate(_WIDE) if wide is not doc.source else line
        if not _WORTH_A_LOOK.search(line) and not _PHONE_SHAPE.search(line):
            continue  # no contact word, address or link: most lines of a report
        for pattern in (_PLACEHOLDER_AFTER, _PORTAL_PLACEHOLDER):
            for m in pattern.finditer(line):
                label = m.groupdict().get("label") or "网址"
                span = Span(number, m.start("ph") + 1, number, m.end("ph") + 1)
                placeholders.append((span, label, m.group("ph")))
        phone = _PHONE if _PHONE_LABEL.search(line) else _PHONE_SHAPE if _CONTACT_WORDS.search(line) else None
        checks = (
            ("phone", phone),
            ("address", _ADDRESS),
            ("address", _OFFICE),
            ("online", _EMAIL),
            ("online", _URL),
        )
        for element, pattern in checks:
            if pattern is None or element in found:
                continue
            m = pattern.search(line)
            if m:
                found[element] = Span(number, m.start() + 1, number, m.end() + 1)
    return found, placeholders


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    found, placeholders = _find(doc)
    seen: set[tuple[int, int]] = set()
    for span, label, text in placeholders:
        if (span.line, span.column) in seen:
            continue
        seen.add((span.line, span.column))
        yield ctx.report(span, "placeholder", label=label, label_en=_kind(label)[1], text=text)
    covered = {_kind(label)[0] for _, label, _ in placeholders}
    missing = [e for e in opts["require"] if e not in found and e not in covered]
    if not missing:
        return
    names_zh = "、".join(_NAMES[e][0] for e in missing)
    names_en = ", ".join(_NAMES[e][1] for e in missing)
    if len(missing) == len(opts["require"]) and not placeholders:
        anchor = doc.line_span(doc.preamble_end) if 0 < doc.preamble_end else doc.line_span(1)
        if not doc.line(anchor.line).strip():
            last = next((n for n in range(anchor.line, 0, -1) if doc.line(n).strip()), 1)
            anchor = doc.line_span(last)
        yield ctx.report(anchor, "none", missing_zh=names_zh, missing_en=names_en)
        return
    anchor = min(found.values()) if found else placeholders[0][0]
    yield ctx.report(anchor, "some", missing_zh=names_zh, missing_en=names_en)


RULES = (
    Rule(
        name="absent-contact",
        code="GIA401",
        summary_zh="缺少联系方式（电话、地址、电子邮箱或网站），或联系方式处留有占位符",
        summary_en="Contact details (phone, address, e-mail or website) are missing or left as placeholders",
        check=check,
        severity=Severity.WARNING,
        options=(
            Option(
                "require",
                list,
                list(ELEMENTS),
                "Contact elements that must be present: phone, address (a postal address, postcode or the office "
                "to contact), online (an e-mail address or a website).",
                item=str,
                choices=ELEMENTS,
            ),
        ),
        messages={
            "none": Message(
                "报告没有联系方式：应在引言中写明{missing_zh}，如“如对本报告有疑问，请与…联系（地址：…，联系电话：…，电子邮箱：…）”",
                "the report gives no way to reach the agency: add its {missing_en} to the preamble, e.g. "
                "如对本报告有疑问，请与…联系（地址：…，联系电话：…，电子邮箱：…）",
            ),
            "some": Message("联系方式不全：缺少{missing_zh}", "contact details are incomplete: no {missing_en}"),
            "placeholder": Message(
                "{label}处是占位符“{text}”，没有填写实际内容：应填写真实的{label}",
                '"{text}" is a placeholder where the {label_en} should be: write the real one',
            ),
        },
        docs=__doc__ or "",
        # A placeholder phone or URL is one finding: placeholder-text's (an error), not also ours.
        yields_to=("placeholder-text",),
    ),
)
