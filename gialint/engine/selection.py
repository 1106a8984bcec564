"""--select / --ignore decisions, pure and table-tested (flake8's DecisionEngine, simplified).

Items are rule names (``stale-year``), codes (``GIA301``) or code prefixes (``GIA3``).
When both lists match a rule, the more specific item wins; an exact name or code beats
any prefix; on a tie, ignore wins.
"""

from __future__ import annotations

from collections.abc import Iterable

from gialint.model.record import Record, setfield

_EXACT = 1000


def _score(items: Iterable[str], name: str, code: str) -> int:
    best = -1
    for item in items:
        if item == name or item.upper() == code.upper():
            return _EXACT
        if item.upper() == "ALL":
            best = max(best, 0)
        elif code.upper().startswith(item.upper()):
            best = max(best, len(item))
    return best


class Selection(Record):
    __slots__ = ("select", "ignore")

    select: tuple[str, ...]
    ignore: tuple[str, ...]

    def __init__(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> None:
        setfield(self, "select", select)
        setfield(self, "ignore", ignore)

    def allows(self, name: str, code: str) -> bool:
        chosen = _score(self.select, name, code) if self.select else 0
        dropped = _score(self.ignore, name, code)
        return chosen >= 0 and chosen > dropped

    def explicitly_ignores(self, name: str, code: str) -> bool:
        return _score(self.ignore, name, code) == _EXACT


def split_list(values: Iterable[str] | None) -> tuple[str, ...]:
    """``['a,b', 'c']`` → ``('a', 'b', 'c')``."""
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)
