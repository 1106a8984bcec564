"""Diagnostics and severities (frozen, ordered by position)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is; chosen by configuration, stamped by the engine."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (line, column) up to, not including, (end_line, end_column)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    """The file as named on the command line (or found under a directory argument)."""
    line: int
    """1-based line in the original file."""
    column: int
    """1-based column in characters of the decoded original line."""
    code: str
    """Stable rule code, e.g. ``GIA101``."""
    rule: str
    """Stable rule name, e.g. ``missing-section``."""
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    """Column just past the end (exclusive)."""
    severity: Severity = field(default=Severity.WARNING, compare=False)
    message_zh: str = field(default="", compare=False)
    message_en: str = field(default="", compare=False)
    fix: tuple[Edit, ...] = field(default=(), compare=False)
    """Text edits that correct the problem (``gialint check --fix``); empty when there is no safe fix."""

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh
