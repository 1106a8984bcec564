"""What the engine does not take on trust from a rule: how long it runs and what it yields.

Rules come from plugins, and plugins are code someone else wrote. A rule that runs too long
is stopped (:func:`time_limit`); what a rule yields is checked (:func:`vet`) before it reaches
the output: something that is not a finding is dropped, a finding without a message is
dropped, a wrong severity is replaced by the configured one, and a position outside the file
is moved to the nearest real place. Each of these becomes a ``rule-error`` finding that names
the rule and its plugin, so the plugin's authors can be told.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from gialint.model.diagnostic import Diagnostic, Edit, Location, Severity
from gialint.model.record import replace

try:  # CPython's C module: the same functions and numbers without signal.py, whose import turns
    import _signal as signal  # every signal number into an enum (a cold check paid ~3 M instructions)
except ImportError:  # pragma: no cover - another Python
    import signal  # type: ignore[no-redef]

DEFAULT_RULE_TIMEOUT = 5.0
"""Seconds one rule may take on one file (``rule-timeout:`` in a config, ``--rule-timeout``)."""


class RuleStopped(Exception):
    """A rule's run on a file ended early for a reason it can explain (raised by gialint's own
    rule kinds, e.g. a user regex that ran out of time); reported as ``rule-error`` at ``line``."""

    def __init__(self, line: int, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.line, self.message_zh, self.message_en = line, message_zh, message_en


class Overtime(BaseException):
    """Raised inside a rule that ran past its time limit.

    A BaseException, so that a plugin's ``except Exception`` does not swallow it; should a
    plugin swallow it anyway, it is raised again every quarter second until the rule returns.
    """


class Alarm:
    """Time limits for the rules run on one file: ``with Alarm() as alarm:`` then, per rule,
    ``with alarm.limit(seconds):`` raises :class:`Overtime` in the body once it has run that long.

    POSIX ``setitimer(ITIMER_REAL)`` with a SIGALRM handler, installed once for all the rules
    (installing a handler costs far more than arming the timer): it interrupts pure-Python loops
    and regex matching alike. Where no alarm can be set (not the main thread, Windows) rules run
    without a limit. The caller's own handler and running timer are restored on exit.
    """

    __slots__ = ("usable", "armed", "_handler", "_delay", "_interval", "_started")

    def __init__(self) -> None:
        self.usable = False
        self.armed = False

    def __enter__(self) -> Alarm:
        if hasattr(signal, "setitimer"):
            try:
                self._handler = signal.signal(signal.SIGALRM, self._on_alarm)
            except (ValueError, OSError):  # not the main thread, or signals an embedding application owns
                return self
            self.usable = True
            self._delay, self._interval = signal.getitimer(signal.ITIMER_REAL)
            self._started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.usable:
            return
        self._disarm()
        signal.signal(signal.SIGALRM, self._handler)
        if self._delay:
            left = max(self._delay - (time.monotonic() - self._started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, self._interval)

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if self.armed:
            raise Overtime()

    def _disarm(self) -> None:
        while True:
            try:  # an alarm may land while disarming: retry until it is off
                self.armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                return
            except Overtime:
                continue

    def arm(self, seconds: float | None) -> bool:
        """Start a limit of ``seconds`` (what :meth:`limit` does on entry; end it with
        :meth:`disarm`): False, and nothing armed, where there is no limit or no alarm. The
        engine arms one per rule per file, where a context manager cost more than the rule."""
        if not self.usable or not seconds or seconds <= 0:
            return False
        self.armed = True
        # Repeats every quarter second in case the rule swallows the first Overtime.
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.25)
        return True

    def disarm(self) -> None:
        """End the limit :meth:`arm` started."""
        self._disarm()

    @contextmanager
    def limit(self, seconds: float | None) -> Iterator[None]:
        if not self.arm(seconds):
            yield
            return
        try:
            yield
        finally:
            self._disarm()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Overtime` in the body once it has run ``seconds`` (one-off :class:`Alarm`)."""
    with Alarm() as alarm, alarm.limit(seconds):
        yield


# --------------------------------------------------------------------------- vetting findings


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Vetted:
    """The findings a rule yielded that can be shown, and what was wrong with the others."""

    __slots__ = ("diagnostics", "problems")

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.problems: list[tuple[int, str, str]] = []
        """(line, zh, en) of each problem, in the order found."""

    def problem(self, line: int, zh: str, en: str) -> None:
        self.problems.append((line, zh, en))


def vet(items: Iterable[object], path: str, lines: Sequence[str] | None, severity: Severity) -> Vetted:
    """Check what a rule yielded for the file ``path`` (whose ``lines`` are known, or None).

    ``severity`` is the rule's configured severity, used where a finding's own is invalid.
    """
    out = Vetted()
    for item in items:
        if not isinstance(item, Diagnostic):
            out.problem(1, f"给出了 {type(item).__name__} 对象而不是检查结果，已忽略", f"yielded a {type(item).__name__}, not a finding; it was dropped")
            continue
        fixed = _vet_one(item, path, lines, severity, out)
        if fixed is not None:
            out.diagnostics.append(fixed)
    return out


def _vet_one(d: Diagnostic, path: str, lines: Sequence[str] | None, severity: Severity, out: Vetted) -> Diagnostic | None:
    changes: dict[str, Any] = {}
    line_hint = d.line if _is_int(d.line) and d.line >= 1 else 1
    zh, en = d.message_zh, d.message_en
    if not isinstance(zh, str) or not isinstance(en, str) or not (zh or en):
        if isinstance(zh, str) and zh:
            changes["message_en"] = zh
        elif isinstance(en, str) and en:
            changes["message_zh"] = en
        else:
            out.problem(line_hint, "给出了一条没有说明文字的检查结果，已忽略", "yielded a finding without a message; it was dropped")
            return None
        out.problem(line_hint, "给出的检查结果缺少一种语言的说明文字，已用另一种语言代替", "yielded a finding with a message in one language only; the other was used")
    if not isinstance(d.severity, Severity):
        if _is_int(d.severity) and d.severity in (1, 2, 3):
            changes["severity"] = Severity(d.severity)
        else:
            changes["severity"] = severity
            out.problem(line_hint, f"给出的严重程度 {d.severity!r} 无效，已改用配置的 {severity}", f"gave the severity {d.severity!r}, which is not error, warning or info; the configured {severity} was used")
    if not isinstance(d.path, str) or d.path != path and lines is not None:
        changes["path"] = path
    if not isinstance(d.code, str) or not isinstance(d.rule, str):
        out.problem(line_hint, "给出的检查结果缺少规则名或代码，已忽略", "yielded a finding without a rule name or code; it was dropped")
        return None
    changes.update(_clamp(d, lines, out))
    if d.fix and not _edits_ok(d.fix, lines):
        changes["fix"] = ()
        out.problem(line_hint, "给出的自动修正无效（位置超出文件范围或内容不是文字），已去掉该修正", "offered a fix with edits outside the file or without text; the fix was dropped")
    if d.location is not None and not isinstance(d.location, Location):
        changes["location"] = None
    return replace(d, **changes) if changes else d


def _clamp(d: Diagnostic, lines: Sequence[str] | None, out: Vetted) -> dict[str, int]:
    """The position moved inside the file (lines and columns 1-based, ends exclusive)."""
    count = max(len(lines), 1) if lines is not None else None
    line = d.line if _is_int(d.line) else 1
    column = d.column if _is_int(d.column) else 1
    end_line = d.end_line if _is_int(d.end_line) else 0
    end_column = d.end_column if _is_int(d.end_column) else 0
    new_line = min(max(line, 1), count) if count is not None else max(line, 1)
    width = len(lines[new_line - 1]) + 1 if lines else None
    new_column = max(column, 1) if width is None else min(max(column, 1), width)
    new_end_line, new_end_column = end_line, end_column
    if end_line or end_column:
        new_end_line = max(end_line, new_line)
        if count is not None and new_end_line > count:
            new_end_line, new_end_column = count, len(lines[count - 1]) + 1 if lines else 1
        end_width = len(lines[new_end_line - 1]) + 1 if lines else None
        new_end_column = max(new_end_column, 1) if end_width is None else min(max(new_end_column, 1), end_width)
        if new_end_line == new_line and new_end_column < new_column:
            new_end_column = new_column
    new = {"line": new_line, "column": new_column, "end_line": new_end_line, "end_column": new_end_column}
    if (new_line, new_column, new_end_line, new_end_column) == (d.line, d.column, d.end_line, d.end_column):
        return {}
    # An end a little past its line is tidied silently; a start outside the file is a bug to report.
    if (new_line, new_column) != (d.line, d.column) or end_line < line or (count is not None and end_line > count):
        where = f"{d.line}:{d.column}" if _is_int(d.line) and _is_int(d.column) else repr((d.line, d.column))
        out.problem(
            new_line,
            f"给出的位置（{where}）超出了文件范围，已改为最近的位置（第{new_line}行第{new_column}列）",
            f"gave the position {where}, which is outside the file; it was moved to line {new_line}, column {new_column}",
        )
    return new


def _edits_ok(fix: object, lines: Sequence[str] | None) -> bool:
    if not isinstance(fix, tuple | list):
        return False
    limit = len(lines) + 1 if lines is not None else None
    for edit in fix:
        if not isinstance(edit, Edit) or not isinstance(edit.text, str):
            return False
        numbers = (edit.line, edit.column, edit.end_line, edit.end_column)
        if not all(_is_int(n) and n >= 1 for n in numbers) or (edit.end_line, edit.end_column) < (edit.line, edit.column):
            return False
        if limit is not None and edit.end_line > limit:
            return False
    return True
