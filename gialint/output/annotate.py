"""``gialint check --annotate``: the findings written back into a copy of the Word file as comments.

For ``report.docx`` the copy is ``report.gialint.docx`` beside it (or in ``--annotate-dir``),
with one Word comment (批注, author ``gialint``) per finding, anchored at the paragraph or table
cell the finding's location names — found by the same ¶ and table numbering the reader uses
(:func:`gialint.read.docx.body_items`). The comment says how serious the finding is, what is
wrong and what would be right. A finding with no place of its own (a missing part, say) is
anchored at the nearest paragraph, and its comment says so. The original file is only read.
A .doc/.wps file is annotated in the .docx LibreOffice converts it to.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TextIO

from gialint.model.diagnostic import Diagnostic, Severity

if TYPE_CHECKING:
    from gialint.read.docx import Body

WORD_SUFFIXES = frozenset((".docx", ".docm", ".doc", ".wps"))
ANNOTATED = ".gialint"
"""Inserted before the suffix of an annotated copy (``report.gialint.docx``)."""
AUTHOR, INITIALS = "gialint", "GL"

_SEVERITY = {
    Severity.ERROR: ("错误", "Error"),
    Severity.WARNING: ("警告", "Warning"),
    Severity.INFO: ("提示", "Note"),
}


def target_for(path: str, folder: Path | None = None) -> Path:
    """``report.docx`` → ``report.gialint.docx`` beside it or in ``folder`` (.docm keeps .docm,
    as Word opens a macro-enabled file only under that name; .doc/.wps become .docx)."""
    source = Path(path)
    suffix = ".docm" if source.suffix.lower() == ".docm" else ".docx"
    return (folder or source.parent) / f"{source.stem}{ANNOTATED}{suffix}"


def is_annotated_copy(name: str) -> bool:
    """A file ``--annotate`` wrote (not a report of its own: directory walks leave it out)."""
    stem = PurePath(name).stem
    return PurePath(name).suffix.lower() in (".docx", ".docm") and stem.endswith(ANNOTATED)


def comment_text(d: Diagnostic, lang: str, exact: bool) -> str:
    """The comment's words: severity, what is wrong and what would be right, which rule."""
    zh_word, en_word = _SEVERITY.get(d.severity, ("提示", "Note"))
    if lang == "en":
        text = f"[{en_word}] {d.message_en} ({d.code} {d.rule})"
        if not exact:
            text = "This finding has no exact place in the text; the comment is on the nearest paragraph. " + text
        return text
    text = f"【{zh_word}】{d.message_zh}（{d.code} {d.rule}）"
    if not exact:
        text = "此问题在文中没有确切位置，批注放在最近的段落。" + text
    return text


class _Anchors:
    """Paragraphs and cells of one document by the reader's numbering."""

    def __init__(self, body: Body) -> None:
        from gialint.read.docx import extract

        self.paragraphs = {i.number: i.element for i in body.items if i.kind == "paragraph" and i.number is not None}
        self.tables = {i.number: i for i in body.items if i.kind == "table"}
        self.places = extract(body).places
        self.first = next((i.element for i in body.items if i.kind == "paragraph"), None)

    def _cell_paragraph(self, table: int | None, row: int | None, column: int | None) -> Any | None:
        from gialint.read.docx_ns import W
        from gialint.read.docx_tables import children

        item = self.tables.get(table)
        if item is None or row is None or not 1 <= row <= len(item.owners):
            return None
        owners = item.owners[row - 1]
        tc = owners[column - 1] if column is not None and 1 <= column <= len(owners) else None
        tc = tc if tc is not None else next((o for o in owners if o is not None), None)
        if tc is None:
            return None
        return next(iter(children(tc, f"{W}p")), None)

    def find(self, d: Diagnostic) -> tuple[Any | None, bool]:
        """The ``w:p`` to anchor ``d`` at, and whether it is the finding's own place."""
        loc = d.location
        if loc is not None and loc.paragraph is not None and loc.paragraph in self.paragraphs:
            return self.paragraphs[loc.paragraph], True
        if loc is not None and loc.table is not None:
            found = self._cell_paragraph(loc.table, loc.row, loc.column)
            if found is not None:
                return found, True
        return self._nearest(d.line), False

    def _nearest(self, line: int) -> Any | None:
        """The paragraph (or cell) of the nearest extracted line at or before ``line``, else after."""
        places = self.places
        candidates = [*range(min(line, len(places)) - 1, -1, -1), *range(line, len(places))]
        for index in candidates:
            place = places[index]
            if place is None:
                continue
            if place.paragraph is not None and place.paragraph in self.paragraphs:
                return self.paragraphs[place.paragraph]
            found = self._cell_paragraph(place.table, place.row, None)
            if found is not None:
                return found
        return self.first


def _runs(document: Any, p: Any, quote: str) -> list[Any]:
    """The runs to anchor a comment on: the finding's quote when one run holds it (that run is
    split so that Word highlights just those words), else all of the paragraph's own runs (the
    whole paragraph is marked), or one empty run added when it has none (text only in a link)."""
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(p, document._body)  # the parent only gives access to the part
    runs = paragraph.runs
    if not runs:
        return [paragraph.add_run("")]
    quote = quote.rstrip("…")
    for run in runs if quote else ():
        found = _split(run, quote)
        if found is not None:
            return [found]
    return runs


def _split(run: Any, quote: str) -> Any | None:
    """The run holding ``quote`` after splitting ``run`` around it (a run of plain text only)."""
    import copy

    from docx.text.run import Run

    from gialint.read.docx_ns import W

    r = run._r
    texts = r.findall(f"{W}t")
    if len(texts) != 1 or any(child.tag not in (f"{W}rPr", f"{W}t") for child in r):
        return None  # tabs, breaks, fields: leave the run whole
    text = texts[0].text or ""
    at = text.find(quote)
    if at < 0:
        return None
    made: list[Any] = []
    for piece in (text[:at], quote, text[at + len(quote) :]):
        if not piece:
            made.append(None)
            continue
        clone = copy.deepcopy(r)
        t = clone.find(f"{W}t")
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.addprevious(clone)
        made.append(clone)
    r.getparent().remove(r)
    return Run(made[1], run._parent)


def annotate_bytes(path: str, data: bytes, diagnostics: Sequence[Diagnostic], lang: str) -> tuple[bytes, int]:
    """The Word file ``data`` (named ``path``: its suffix says .docx or .doc/.wps) with one comment
    per finding, as .docx bytes, and the number of comments. Nothing is written to disk but
    LibreOffice's temporary copy of a .doc/.wps.

    :raises gialint.read.ReadError: the file cannot be read.
    """
    import io

    from gialint.read.docx import body_items, open_package

    if PurePath(path).suffix.lower() in (".doc", ".wps"):
        from gialint.read.office import to_docx

        data = to_docx(path, data)
    document = open_package(data)
    anchors = _Anchors(body_items(document))
    count = 0
    for d in diagnostics:
        p, exact = anchors.find(d)
        if p is None:  # an empty document: the comment goes on a paragraph of its own
            p = document.add_paragraph()._p
            exact = False
        quote = d.location.quote if exact and d.location is not None else ""
        runs = _runs(document, p, quote)
        document.add_comment(runs, text=comment_text(d, lang, exact), author=AUTHOR, initials=INITIALS)
        count += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


def annotate(path: str, diagnostics: Sequence[Diagnostic], lang: str, target: Path) -> int:
    """Write ``target``: the Word file ``path`` with one comment per finding. Returns the count.

    :raises gialint.read.ReadError: the file cannot be read; :raises OSError: ``target`` cannot be written.
    """
    data, count = annotate_bytes(path, Path(path).read_bytes(), diagnostics, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return count


def annotate_files(
    files: Sequence[str], diagnostics: Sequence[Diagnostic], lang: str, folder: Path | None, err: TextIO
) -> bool:
    """``--annotate`` for every Word file of a run; messages to ``err``. False if one failed."""
    from gialint.read import ReadError

    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    ok = True
    skipped = 0
    for path in files:
        if PurePath(path).suffix.lower() not in WORD_SUFFIXES:
            skipped += 1
            continue
        found = by_path.get(path, [])
        if any(d.rule == "unreadable-input" for d in found):
            err.write(f"gialint: {path}: 文件无法读取，没有生成批注文件 / the file cannot be read; no annotated copy was written\n")
            ok = False
            continue
        target = target_for(path, folder)
        try:
            count = annotate(path, found, lang, target)
        except ReadError as exc:
            err.write(f"gialint: {path}: {exc.message_zh} / {exc.message_en}\n")
            ok = False
            continue
        except OSError as exc:
            err.write(f"gialint: {path}: 无法写入 {target}（{exc.strerror or exc}）/ cannot write {target}\n")
            ok = False
            continue
        err.write(
            f"gialint: {path}: {count} 条批注已写入 {target}（原文件未改动）"
            f" / wrote {count} comment(s) to {target} (the original is unchanged)\n"
        )
    if skipped:
        err.write(
            f"gialint: --annotate 只给 Word 文件（.docx/.doc/.wps）写批注，跳过了 {skipped} 个其他文件"
            f" / --annotate writes comments into Word files only (.docx/.doc/.wps); {skipped} other file(s) skipped\n"
        )
    return ok
