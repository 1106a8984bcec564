"""Text recognition for PDF pages that are images (optional extra ``gialint[ocr]``).

rapidocr (with onnxruntime) ships its recognition models inside its wheel, so it works offline
(the older rapidocr-onnxruntime, which does too, is used when it is the one installed). Each
page is rendered by pypdfium2 and read line by line; the lines go through the same paragraph
rebuilding as a text layer. Text boxes far apart on one line are table cells: consecutive such
lines become a table (without ruling lines there is no grid to stitch over pages).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

from gialint.read import ReadError
from gialint.read.pdf_tables import Grid
from gialint.read.pdf_text import Line

SCALE = 2.0
"""Render at 144 dpi: CJK glyphs of a 10.5 pt body are then large enough to read reliably."""
MIN_SCORE = 0.5
CELL_GAP = 1.5
"""Two boxes on one line further apart than this many line heights are separate table cells."""


def available() -> bool:
    """Whether the OCR extra is installed (nothing is imported)."""
    return any(importlib.util.find_spec(name) is not None for name in ("rapidocr", "rapidocr_onnxruntime"))


def note(pages: Sequence[int]) -> str:
    listed = "、".join(str(p) for p in pages)
    return f"第 {listed} 页没有文字层，已用文字识别（OCR）读取，可能有识别错误 / page(s) {listed} were read by text recognition (OCR)"


@cache
def _engine() -> Any:
    """rapidocr (3.x, with onnxruntime), or the older rapidocr-onnxruntime; both ship their models."""
    name = "rapidocr" if importlib.util.find_spec("rapidocr") is not None else "rapidocr_onnxruntime"
    engine = importlib.import_module(name).RapidOCR()
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)  # no progress chatter on the user's terminal
    return engine


def _results(image: Any) -> list[tuple[Any, str, float]]:
    """(box corners, text, score) of each line the engine recognised."""
    result = _engine()(image)
    if hasattr(result, "txts"):  # rapidocr 3.x: an output object
        if result.txts is None:
            return []
        return list(zip(result.boxes, result.txts, result.scores, strict=True))
    found, _ = result  # rapidocr-onnxruntime: ([[box, text, score], ...] or None, elapsed)
    return [(box, text, score) for box, text, score in found or ()]


def _boxes(image: Any) -> list[tuple[float, float, float, float, str]]:
    out = []
    for points, text, score in _results(image):
        if float(score) < MIN_SCORE or not str(text).strip():
            continue
        xs = [float(p[0]) / SCALE for p in points]
        ys = [float(p[1]) / SCALE for p in points]
        out.append((min(xs), min(ys), max(xs), max(ys), str(text)))
    return out


def lines_of(boxes: Sequence[tuple[float, float, float, float, str]], page: int) -> list[Line | Grid]:
    """Group recognised boxes into lines (by vertical overlap), and lines of several far-apart
    boxes into table rows."""
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        middle = (box[1] + box[3]) / 2
        if rows and abs(middle - sum((b[1] + b[3]) / 2 for b in rows[-1]) / len(rows[-1])) < (box[3] - box[1]) / 2:
            rows[-1].append(box)
        else:
            rows.append([box])
    items: list[Line | Grid] = []
    for row in rows:
        row.sort(key=lambda b: b[0])
        height = max(b[3] - b[1] for b in row)
        cells: list[str] = [row[0][4]]
        for before, box in zip(row, row[1:]):
            if box[0] - before[2] > CELL_GAP * height:
                cells.append(box[4])
            else:
                cells[-1] += box[4]
        top, bottom = min(b[1] for b in row), max(b[3] for b in row)
        if len(cells) == 1:
            items.append(Line(cells[0], row[0][0], row[-1][2], top, bottom, height, page))
            continue
        last = items[-1] if items else None
        if isinstance(last, Grid):
            last.rows.append(list(cells))
            last.pages.append(page)
            last.bottom = bottom
        else:
            items.append(Grid([list(cells)], [0.0, 1.0], [page], top, bottom, ruled=False))
    return items


def read_pages(data: bytes, pages: Sequence[int]) -> list[Line | Grid]:
    """Lines and tables of ``pages`` (1-based), read from their rendered images."""
    import pypdfium2

    items: list[Line | Grid] = []
    pdf = pypdfium2.PdfDocument(data)
    try:
        for number in pages:
            page = pdf[number - 1]
            bitmap = page.render(scale=SCALE)
            try:
                image = bitmap.to_numpy()[:, :, :3].copy()
                items.extend(lines_of(_boxes(image), number))
            except Exception as exc:  # the recognition library failed on this page
                raise ReadError(
                    f"第 {number} 页的文字识别失败（{exc}）：请提供 Word 原件",
                    f"text recognition failed on page {number} ({exc}): provide the Word original",
                ) from None
            finally:
                bitmap.close()
                page.close()
    finally:
        pdf.close()
    return items
