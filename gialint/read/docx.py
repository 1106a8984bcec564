"""Word .docx (and .docm) files: paragraphs and tables straight from the document's XML.

The body is read in order (``w:body``: paragraphs, tables, content controls around them). What
a person sees is what the rules get:

- **Paragraph numbers (¶).** Paragraphs outside tables are numbered ¶1, ¶2 … counting only
  those that show something (text, or a number Word draws); empty paragraphs — the blank
  lines people type between paragraphs — are not counted, as Word's 字数统计 (word count) does
  not count them. ``gialint check --annotate`` finds paragraphs by the same numbers
  (:func:`body_items` is shared).
- **Tables** are numbered 1, 2 … in body order; rows count every ``w:tr`` (header rows too);
  merged cells are expanded onto the grid (:mod:`gialint.read.docx_tables`).
- **Word's automatic numbering** is drawn in front of the text (:mod:`gialint.read.docx_numbering`).
- **Text boxes** follow the paragraph they are anchored in, with its ¶ number.
- **Tracked changes** are read as accepted; **fields** by their result (:mod:`gialint.read.docx_text`).
- **Footnotes, endnotes, headers, footers and comments** are not part of the report's body: they
  are not checked (a footnote appended after part 六 would read as text outside any part); the
  notes of ``gialint extract`` say that they are there.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from gialint.model.document import Place
from gialint.read import Extracted, ReadError
from gialint.read.docx_ns import W
from gialint.read.docx_numbering import Numbering
from gialint.read.docx_tables import children, grid_rows
from gialint.read.docx_text import ParagraphText, TextState, join_pieces

if TYPE_CHECKING:
    from gialint.read.parse.options import ParseOptions

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BODY_WRAPPERS = frozenset((f"{W}sdt", f"{W}sdtContent", f"{W}customXml"))
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

SAVE_AS_DOCX_ZH = "请在 Word 或 WPS 中打开它，用“文件 → 另存为”保存为 .docx（Word 文档）格式后再检查"
SAVE_AS_DOCX_EN = "open it in Word or WPS and use File → Save As to save it as a .docx (Word document), then check that file"


@dataclass(slots=True)
class BodyItem:
    """One paragraph or table of the body, in order."""

    kind: Literal["paragraph", "table"]
    element: Any
    number: int | None
    """¶ number of a paragraph that shows something (None for an empty one); table number."""
    text: str = ""
    """The paragraph's text as shown, its automatic number in front."""
    boxes: list[str] = field(default_factory=list)
    """Text of the text boxes anchored in the paragraph."""
    rows: list[list[str]] = field(default_factory=list)
    owners: list[list[Any]] = field(default_factory=list)
    """Per row and grid column, the ``w:tc`` covering it (None where the row has no cell)."""


@dataclass(slots=True)
class Body:
    items: list[BodyItem]
    notes: list[str]


def _unreadable(zh: str, en: str) -> ReadError:
    return ReadError(zh, en)


def open_package(data: bytes) -> Any:
    """The python-docx document of a .docx/.docm file's bytes.

    :raises ReadError: encrypted, not a Word file, or damaged; the message says what to do.
    """
    if data.startswith(_OLE):
        raise _unreadable(
            "这个文件设置了打开密码，或其实是旧版 .doc 文件改了扩展名，无法读取：" + "请在 Word/WPS 中打开它，取消密码（文件 → 信息 → 保护文档），再另存为 .docx 后检查",
            "this file is password-protected, or is an old .doc file renamed to .docx, so it cannot be read: "
            "open it in Word/WPS, remove the password (File → Info → Protect Document), save it as .docx and check that file",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _unreadable(
            "这不是有效的 Word（.docx）文件，可能已损坏或只是改了扩展名：" + SAVE_AS_DOCX_ZH,
            "this is not a valid Word (.docx) file; it may be damaged or only renamed: " + SAVE_AS_DOCX_EN,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _damaged(exc) from None
    if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
        raise _unreadable(
            "这个压缩文件里没有 Word 正文（缺少 word/document.xml），不是 Word 文档或已损坏：" + SAVE_AS_DOCX_ZH,
            "this archive holds no Word body (word/document.xml is missing): it is not a Word document or is damaged; "
            + SAVE_AS_DOCX_EN,
        )
    from docx.package import Package  # python-docx, imported only when a Word file is read

    try:
        return Package.open(io.BytesIO(data)).main_document_part.document
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds on damaged files
        raise _damaged(exc) from None


def _damaged(exc: Exception) -> ReadError:
    return _unreadable(
        f"Word 文件已损坏，无法读取（{type(exc).__name__}）：" + SAVE_AS_DOCX_ZH,
        f"the Word file is damaged and cannot be read ({type(exc).__name__}): " + SAVE_AS_DOCX_EN,
    )


def _related(part: Any, kind: str) -> Any | None:
    """The XML of the part related to ``part`` by relationship ``kind`` (None when there is none)."""
    for rel in part.rels.values():
        if rel.reltype == _RT + kind and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            return element if element is not None else _parse(rel.target_part.blob)
    return None


def _parse(blob: bytes) -> Any | None:
    from docx.oxml.parser import parse_xml

    try:
        return parse_xml(blob)
    except Exception:  # noqa: BLE001 - a damaged side part must not stop reading the body
        return None


class _Walker:
    def __init__(self, document: Any) -> None:
        part = document.part
        self.numbering = Numbering(_related(part, "numbering"), _related(part, "styles"))
        self.state = TextState()
        self.text = ParagraphText(self.state)
        self.paragraphs = 0
        self.tables = 0

    def paragraph(self, p: Any) -> tuple[str, list[str]]:
        text, boxes = self.text.render(p)
        label = self.numbering.label(p.find(f"{W}pPr"))
        return label + text, [t for box in boxes for t in self._box(box)]

    def _box(self, box: Any) -> list[str]:
        out: list[str] = []
        for child in children(box, f"{W}p"):
            text, inner = self.paragraph(child)
            out.append(text)
            out.extend(inner)
        for tbl in children(box, f"{W}tbl"):
            rows, _ = grid_rows(tbl, self.cell)
            out.extend(" ".join(c for c in row if c) for row in rows)
        return out

    def cell(self, tc: Any) -> str:
        pieces: list[str] = []
        for child in tc:
            if child.tag in _BODY_WRAPPERS:
                pieces.append(self.cell(child))
            elif child.tag == f"{W}p":
                text, boxes = self.paragraph(child)
                pieces.extend([text, *boxes])
            elif child.tag == f"{W}tbl":  # a table inside a cell: its rows' text, in order
                rows, _ = grid_rows(child, self.cell)
                pieces.extend(" ".join(c for c in row if c) for row in rows)
        return join_pieces([p.replace("\n", " ") for p in pieces])

    def walk(self, body: Any, items: list[BodyItem]) -> None:
        for child in body:
            tag = child.tag
            if tag == f"{W}p":
                text, boxes = self.paragraph(child)
                shows = bool(text.strip() or any(b.strip() for b in boxes))
                if shows:
                    self.paragraphs += 1
                items.append(BodyItem("paragraph", child, self.paragraphs if shows else None, text, boxes))
            elif tag == f"{W}tbl":
                self.tables += 1
                rows, owners = grid_rows(child, self.cell)
                items.append(BodyItem("table", child, self.tables, rows=rows, owners=owners))
            elif tag in _BODY_WRAPPERS:
                self.walk(child, items)


def _count(root: Any | None, tag: str, skip_ids: tuple[str, ...] = ()) -> int:
    if root is None:
        return 0
    return sum(1 for el in root.iter(f"{W}{tag}") if el.get(f"{W}id") not in skip_ids and el.get(f"{W}type") is None)


def _notes(document: Any, walker: _Walker) -> list[str]:
    part = document.part
    state = walker.state
    notes: list[str] = []
    if state.inserted or state.deleted:
        notes.append(
            f"文档含修订（插入 {state.inserted} 处、删除 {state.deleted} 处）：按“接受所有修订”后的文字检查"
            f" / tracked changes ({state.inserted} insertions, {state.deleted} deletions): checked as if all were accepted"
        )
    if walker.numbering.used:
        notes.append("Word 自动编号已按编号格式写在段落前 / Word's automatic numbers are written before their paragraphs")
    if state.hidden:
        notes.append(f"隐藏文字 {state.hidden} 处：不显示也不打印，未检查 / {state.hidden} run(s) of hidden text: not shown or printed, not checked")
    if state.boxes:
        notes.append(f"文本框 {state.boxes} 个：其文字接在所在段落之后 / {state.boxes} text box(es): read after the paragraph they stand in")
    footnotes = _count(_related(part, "footnotes"), "footnote") + _count(_related(part, "endnotes"), "endnote")
    if footnotes:
        notes.append(f"脚注/尾注 {footnotes} 条：不在正文中，未检查 / {footnotes} footnote(s)/endnote(s): not part of the body, not checked")
    comments = _count(_related(part, "comments"), "comment")
    if comments:
        notes.append(f"批注 {comments} 条：未检查 / {comments} comment(s): not checked")
    kinds = {rel.reltype.rsplit("/", 1)[-1] for rel in part.rels.values()}
    if kinds & {"header", "footer"}:
        notes.append("页眉页脚不属于报告正文，未检查 / headers and footers are not part of the report's body: not checked")
    if document.element.body.find(f".//{W}altChunk") is not None:
        notes.append("文档嵌入了其他文件的内容（altChunk），这部分未读取 / content embedded from another file (altChunk) was not read")
    return notes


def body_items(document: Any) -> Body:
    """The body's paragraphs and tables in order, numbered as the reader numbers them."""
    walker = _Walker(document)
    items: list[BodyItem] = []
    walker.walk(document.element.body, items)
    return Body(items, _notes(document, walker))


def extract(body: Body, kind: str = "docx") -> Extracted:
    """The extracted text of a Word body, with the place of every line."""
    out = Extracted(kind)
    for item in body.items:
        if item.kind == "table":
            places = [Place(table=item.number, row=r) for r in range(1, len(item.rows) + 1)]
            out.table(item.rows, places)
        elif item.number is not None:
            place = Place(paragraph=item.number)
            out.paragraph(item.text, place)
            for box in item.boxes:
                out.paragraph(box, place)
    out.notes.extend(body.notes)
    return out


def read(path: str, data: bytes, options: ParseOptions) -> Extracted:
    """Read a .docx/.docm file's bytes.

    :raises ReadError: encrypted, damaged or not a Word file.
    """
    document = open_package(data)
    try:
        body = body_items(document)
    except Exception as exc:  # noqa: BLE001 - a part python-docx loaded but that makes no sense
        raise _damaged(exc) from None
    return extract(body)
