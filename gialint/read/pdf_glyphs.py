"""Characters for the glyphs pdfminer cannot decode, read by pdfium (no layout here)."""

from __future__ import annotations

from typing import Any


class Glyphs:
    """pdfium's reading of characters that pdfminer could not decode (``(cid:123)``: a font
    without a table from glyphs to characters, which pdfium can often rebuild from the font).

    Both read a page's glyphs in content-stream order: where they count as many, the n-th of
    one is the n-th of the other; elsewhere a glyph takes the character pdfium places inside its
    box. What is learnt (font and glyph number → character) holds for the whole document."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None
        self.known: dict[tuple[str, str], str] = {}

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()

    def _pdfium_chars(self, number: int) -> tuple[list[tuple[str, float, float, float, float]], float]:
        """pdfium's characters of a page drawn by the page (not generated): text and loose box."""
        import pypdfium2
        import pypdfium2.raw as raw

        if self.pdf is None:
            self.pdf = pypdfium2.PdfDocument(self.data)
        page = self.pdf[number - 1]
        textpage = page.get_textpage()
        out = []
        for index in range(textpage.count_chars()):
            if raw.FPDFText_IsGenerated(textpage.raw, index):
                continue
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            out.append((chr(raw.FPDFText_GetUnicode(textpage.raw, index)), left, bottom, right, top))
        height = page.get_height()
        textpage.close()
        page.close()
        return out, height

    def mend(self, page: Any, number: int) -> None:
        chars = page.chars
        broken = [c for c in chars if c["text"].startswith("(cid:")]
        if not broken:
            return
        if any((c["fontname"], c["text"]) not in self.known for c in broken):
            self._learn(chars, number)
        for char in broken:
            char["text"] = self.known.get((char["fontname"], char["text"]), char["text"])

    def _learn(self, chars: list[dict[str, Any]], number: int) -> None:
        found, height = self._pdfium_chars(number)
        if len(found) == len(chars):
            pairs = [(c, f[0]) for c, f in zip(chars, found) if c["text"].startswith("(cid:")]
            if all(self.known.get((c["fontname"], c["text"]), text) == text for c, text in pairs):
                self.known.update({(c["fontname"], c["text"]): text for c, text in pairs})
                return
        for char in chars:  # counts differ: the character pdfium draws inside the glyph's box
            if not char["text"].startswith("(cid:") or (char["fontname"], char["text"]) in self.known:
                continue
            for text, left, bottom, right, top in found:
                x, y = (left + right) / 2, height - (bottom + top) / 2
                if char["x0"] <= x <= char["x1"] and char["top"] <= y <= char["bottom"]:
                    self.known[char["fontname"], char["text"]] = text
                    break
