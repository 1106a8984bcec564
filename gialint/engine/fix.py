"""Safe fixes: apply the edits rules offer, re-lint, and keep only what does not make things worse.

Edits are positions in the original file (line/column as in diagnostics). They are applied to the
decoded text with its original line endings, so nothing outside an edit changes; overlapping edits
are resolved by keeping the first (in file order). After each pass the text is linted again;
a pass that leaves more problems than it removed is undone. Passes repeat until no fix remains
(at most a few), so a second ``--fix`` run changes nothing. Files are written atomically in their
original encoding (BOM included) and line endings, and only when nothing else changed them
meanwhile (:mod:`gialint.engine.fixwrite`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gialint.config.model import Config
from gialint.engine.fixwrite import NotWritten, not_written, replace_checked
from gialint.engine.linter import Linter
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Edit
from gialint.read.decode import Decoded, DecodeError, decode
from gialint.read.inputs import InputError, read_report
from gialint.read.parse.options import ParseOptions

MAX_PASSES = 4
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FixResult:
    path: str
    original: str
    fixed: str
    applied: int
    """How many diagnostics' fixes were applied."""
    diagnostics: tuple[Diagnostic, ...]
    """What remains after fixing."""
    decoded: Decoded | None = None
    problem: Diagnostic | None = None
    """Why the fixes were not written (``fix-not-written``), when they were not."""

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff that ``patch`` applies: lines split at line endings only (not at form
        feeds), and ``\\ No newline at end of file`` where the last line has none."""
        a = _lines_keep_ends(self.original)
        b = _lines_keep_ends(self.fixed)
        name = self.path.lstrip("/")
        out = []
        for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
            if line.endswith(("\n", "\r")):
                out.append(line)
            else:
                out.append(line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _lines_keep_ends(text: str) -> list[str]:
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in _LINE_END.finditer(text))
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    """Offset of (line, column) in ``text``; a column past the line's end stops before its ending."""
    if line > len(starts):
        return len(text)
    start = starts[line - 1]
    if column <= 1:
        return start
    end = starts[line] if line < len(starts) else len(text)
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return min(start + column - 1, end)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping ``edits`` (positions in ``text``'s own lines); overlapping ones are dropped."""
    starts = _line_starts(text)
    resolved = []
    for e in edits:
        a = _offset(starts, text, e.line, e.column)
        b = _offset(starts, text, e.end_line, e.end_column)
        resolved.append((a, max(a, b), e.text))
    resolved.sort(key=lambda r: (r[0], r[1]))
    out: list[str] = []
    cursor = 0
    for a, b, new in resolved:
        if a < cursor:
            continue  # overlaps an edit already taken
        out.append(text[cursor:a])
        out.append(new)
        cursor = b
    out.append(text[cursor:])
    return "".join(out)


def _choose(diagnostics: Sequence[Diagnostic]) -> tuple[list[Edit], int]:
    """The edits of fixable diagnostics, one diagnostic's edits all or none, no overlaps."""
    taken: list[tuple[int, int, int, int]] = []
    edits: list[Edit] = []
    count = 0
    for d in sorted(diagnostics, key=lambda d: (d.line, d.column)):
        if not d.fix:
            continue
        boxes = [(e.line, e.column, e.end_line, e.end_column) for e in d.fix]
        if any(_overlap(b, t) for b in boxes for t in taken):
            continue
        taken.extend(boxes)
        edits.extend(d.fix)
        count += 1
    return edits, count


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return (a[0], a[1]) < (b[2], b[3]) and (b[0], b[1]) < (a[2], a[3])


def fix_text(
    linter: Linter, path: str, raw: str, config: Config, selection: Selection, options: ParseOptions
) -> tuple[str, int, tuple[Diagnostic, ...]]:
    """Fix ``raw`` (original line endings) until nothing fixable remains; returns text, count, remaining."""
    normal = _LINE_END.sub("\n", raw)
    diagnostics = linter.lint_text(path, normal, config, selection, options).diagnostics
    applied = 0
    rejected: set[tuple[str, int, int, str]] = set()
    for _ in range(MAX_PASSES):
        fixable = [d for d in diagnostics if d.fix and _key(d) not in rejected]
        edits, count = _choose(fixable)
        if not edits:
            break
        candidate = apply_edits(raw, edits)
        after = linter.lint_text(path, _LINE_END.sub("\n", candidate), config, selection, options).diagnostics
        if len(after) <= len(diagnostics) - count:
            raw, diagnostics, applied = candidate, after, applied + count
            continue
        # The pass made something worse: try each fix on its own, keep the ones that do not.
        progressed = False
        for d in sorted(fixable, key=lambda d: (d.line, d.column)):
            trial = apply_edits(raw, d.fix)
            result = linter.lint_text(path, _LINE_END.sub("\n", trial), config, selection, options).diagnostics
            if len(result) < len(diagnostics):
                raw, diagnostics, applied, progressed = trial, result, applied + 1, True
                break  # positions moved: start the next pass from the new text
            rejected.add(_key(d))
        if not progressed:
            break
    return raw, applied, diagnostics


def _key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.rule, d.line, d.column, d.message_en)


def fix_file(
    linter: Linter,
    path: str,
    config: Config,
    selection: Selection,
    write: bool,
    force: bool = False,
    roots: Sequence[str] = (),
) -> FixResult | None:
    """Fix one file; None when it cannot be read (the normal lint reports why).

    Writing never loses anything: see :func:`gialint.engine.fixwrite.replace_checked` (the file must be
    unchanged since it was read, writable unless ``force``, and a link is written through only
    to a target inside ``roots``). When it does not write, ``problem`` says why, as a finding.
    """
    try:
        data, snapshot = read_report(path)
        decoded = decode(data)
    except (InputError, DecodeError):
        return None
    options = ParseOptions(
        year=config.year, agency=config.agency, encoding=decoded.encoding, newline=decoded.newline, formats=config.formats
    )
    fixed, applied, remaining = fix_text(linter, path, decoded.raw, config, selection, options)
    result = FixResult(path, decoded.raw, fixed, applied, remaining, decoded)
    if write and result.changed:
        try:
            replace_checked(path, data, snapshot, _encode(fixed, decoded.encoding, data), force, roots)
        except NotWritten as why:
            return replace(result, problem=not_written(config, path, why))
    return result


def _encode(text: str, encoding: str, original: bytes) -> bytes:
    """``text`` in the file's own encoding, with the same byte order and BOM as before."""
    import codecs

    if encoding in ("utf-16", "utf-32"):
        for bom, codec in (
            (codecs.BOM_UTF32_LE, "utf-32-le"),
            (codecs.BOM_UTF32_BE, "utf-32-be"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
        ):
            if original.startswith(bom) and codec.startswith(encoding):
                return bom + text.encode(codec)
    return text.encode(encoding)


