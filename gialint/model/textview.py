"""The text rules see, and the way back to the file's own text.

The normalisation pass (:mod:`gialint.read.parse.normalize`) may rewrite a report before it is parsed:
split a flattened line at its part headings, convert traditional characters, drop inserted pinyin,
blank page chrome. Each step is a *pass* that records, run by run, which stretch of its input
became which stretch of its output. A :class:`TextView` holds the original text and the passes,
and maps any position in the view (what ``Document.source`` holds) back to the original, so that
every finding points into the file the user has.
"""

from __future__ import annotations

from bisect import bisect_right

from gialint.model.record import Record, setfield


class Run(Record):
    """``view_len`` characters of a pass's output, made from ``orig_len`` characters of its input."""

    __slots__ = ("view", "orig", "view_len", "orig_len", "exact")

    view: int
    orig: int
    view_len: int
    orig_len: int
    exact: bool
    """True when the output is the input copied unchanged."""

    def __init__(self, view: int, orig: int, view_len: int, orig_len: int, exact: bool) -> None:
        setfield(self, "view", view)
        setfield(self, "orig", orig)
        setfield(self, "view_len", view_len)
        setfield(self, "orig_len", orig_len)
        setfield(self, "exact", exact)


class Pass(Record, hide=("_starts",)):
    """One rewriting step: its runs cover its output, in order."""

    __slots__ = ("name", "runs", "out_len", "in_len", "_starts")

    name: str
    runs: tuple[Run, ...]
    out_len: int
    in_len: int
    _starts: tuple[int, ...]

    def __init__(self, name: str, runs: tuple[Run, ...], out_len: int, in_len: int, _starts: tuple[int, ...] = ()) -> None:
        setfield(self, "name", name)
        setfield(self, "runs", runs)
        setfield(self, "out_len", out_len)
        setfield(self, "in_len", in_len)
        setfield(self, "_starts", _starts)

    @classmethod
    def of(cls, name: str, runs: list[Run], out_len: int, in_len: int) -> Pass:
        return cls(name, tuple(runs), out_len, in_len, tuple(r.view for r in runs))

    def _run(self, offset: int) -> Run | None:
        at = bisect_right(self._starts, offset) - 1
        return self.runs[at] if at >= 0 else None

    def back(self, offset: int, end: bool = False) -> int:
        """The input offset of output ``offset``; with ``end``, of the exclusive end ``offset``."""
        if end and offset > 0:
            run = self._run(offset - 1)
            if run is None:
                return 0
            inside = offset - run.view  # 1 .. view_len
            if run.exact or run.view_len == run.orig_len:
                return run.orig + inside
            return run.orig + -(-inside * run.orig_len // run.view_len)
        if offset >= self.out_len:
            return self.in_len
        run = self._run(offset)
        if run is None:
            return 0
        inside = offset - run.view
        if run.exact or run.view_len == run.orig_len:
            return run.orig + inside
        return run.orig + inside * run.orig_len // run.view_len

    def exact(self, start: int, end: int) -> tuple[int, int] | None:
        """The input range of output ``start..end`` when all of it was copied unchanged, else None."""
        probe = start if start < self.out_len or not self.runs else self.out_len - 1
        run = self._run(probe)
        if run is None or not run.exact or end > run.view + run.view_len:
            return None
        return run.orig + start - run.view, run.orig + end - run.view


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return tuple(starts)


class TextView(Record, hide=("_orig_starts", "_view_starts")):
    """The original text, the view made of it, and the passes between them."""

    __slots__ = ("source", "lines", "text", "passes", "notes", "_orig_starts", "_view_starts")

    source: str
    """The original (decoded or extracted) text."""
    lines: tuple[str, ...]
    """The original lines (what outputs, baselines and ``--fix`` work on)."""
    text: str
    """The view: the text rules, part detection and tables see."""
    passes: tuple[Pass, ...]
    """First applied first."""
    notes: tuple[str, ...]
    """What was done (``traditional``, ``pinyin``, ``chrome``, ``split``), for ``gialint extract``."""
    _orig_starts: tuple[int, ...]
    _view_starts: tuple[int, ...]

    def __init__(
        self,
        source: str,
        lines: tuple[str, ...],
        text: str,
        passes: tuple[Pass, ...],
        notes: tuple[str, ...] = (),
        _orig_starts: tuple[int, ...] = (),
        _view_starts: tuple[int, ...] = (),
    ) -> None:
        setfield(self, "source", source)
        setfield(self, "lines", lines)
        setfield(self, "text", text)
        setfield(self, "passes", passes)
        setfield(self, "notes", notes)
        setfield(self, "_orig_starts", _orig_starts)
        setfield(self, "_view_starts", _view_starts)

    @classmethod
    def of(cls, source: str, lines: tuple[str, ...], text: str, passes: tuple[Pass, ...], notes: tuple[str, ...]) -> TextView:
        return cls(source, lines, text, passes, notes, _line_starts(source), _line_starts(text))

    # ------------------------------------------------------------------ offsets ↔ (line, column)

    @staticmethod
    def _offset(starts: tuple[int, ...], total: int, line: int, column: int) -> int:
        line = min(max(line, 1), len(starts))
        start = starts[line - 1]
        stop = starts[line] - 1 if line < len(starts) else total
        return min(start + max(column, 1) - 1, stop)

    @staticmethod
    def _position(starts: tuple[int, ...], offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    # ------------------------------------------------------------------ mapping

    def _back(self, offset: int, end: bool) -> int:
        for step in reversed(self.passes):
            offset = step.back(offset, end)
        return offset

    def position(self, line: int, column: int, end: bool = False) -> tuple[int, int]:
        """The original (line, column) of view ``line``/``column`` (``end``: an exclusive end)."""
        offset = self._offset(self._view_starts, len(self.text), line, column)
        return self._position(self._orig_starts, self._back(offset, end))

    def line(self, line: int) -> int:
        """The original line of view line ``line``."""
        return self.position(line, 1)[0]

    def view_line(self, line: int, column: int = 1) -> int:
        """The view line that holds original ``line``/``column`` (the last one starting at or before it)."""
        low, high = 1, len(self._view_starts)
        while low < high:
            mid = (low + high + 1) // 2
            if self.position(mid, 1) <= (line, column):
                low = mid
            else:
                high = mid - 1
        return low

    def span(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int, int, int]:
        """The original span of a view span (an unset end, line 0, stays unset)."""
        first = self.position(line, column)
        if end_line <= 0:
            return (*first, end_line, end_column)
        if (end_line, end_column) <= (line, column):
            return (*first, *first)
        last = self.position(end_line, end_column, end=True)
        return (*first, *max(last, first))

    def exact(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int, int, int] | None:
        """The original span of a view span that no pass rewrote, else None (for edits)."""
        start = self._offset(self._view_starts, len(self.text), line, column)
        end = self._offset(self._view_starts, len(self.text), end_line, end_column)
        for step in reversed(self.passes):
            found = step.exact(start, end)
            if found is None:
                return None
            start, end = found
        return (*self._position(self._orig_starts, start), *self._position(self._orig_starts, end))


class Builder:
    """Records one pass: copy stretches of the input, put rewritten text, skip what is dropped."""

    def __init__(self, name: str, source: str) -> None:
        self.name = name
        self.source = source
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.length = 0
        self.read = 0
        """How far the input has been consumed."""
        self.changed = False

    def copy_to(self, stop: int) -> None:
        """Copy the input unchanged up to ``stop``."""
        if stop > self.read:
            self._add(self.source[self.read : stop], self.read, stop - self.read, True)
            self.read = stop

    def put(self, text: str, stop: int) -> None:
        """Replace the input from where it was consumed up to ``stop`` with ``text`` (may be '')."""
        self.changed = True
        if text:
            self._add(text, self.read, stop - self.read, False)
        self.read = max(self.read, stop)

    def _add(self, text: str, orig: int, orig_len: int, exact: bool) -> None:
        last = self.runs[-1] if self.runs else None
        if exact and last is not None and last.exact and last.orig + last.orig_len == orig:
            self.runs[-1] = Run(last.view, last.orig, last.view_len + len(text), last.orig_len + orig_len, True)
        else:
            self.runs.append(Run(self.length, orig, len(text), orig_len, exact))
        self.parts.append(text)
        self.length += len(text)

    def finish(self) -> tuple[str, Pass | None]:
        """The pass's output, and the pass (None when nothing changed)."""
        self.copy_to(len(self.source))
        if not self.changed:
            return self.source, None
        return "".join(self.parts), Pass.of(self.name, self.runs, self.length, len(self.source))
