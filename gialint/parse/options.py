"""What a parser may be told by the configuration (read once, handed in)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParseOptions:
    year: int | None = None
    """Report year forced by config (``year:``); otherwise detected."""
    agency: str | None = None
    """Agency name forced by config (``agency:``); otherwise detected."""
    encoding: str = "utf-8"
    newline: str = "\n"
