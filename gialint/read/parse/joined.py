"""Rows whose figures a crawl joined with no separator (``行政规范性文件353535``, ``自然人5000005``).

The digits of such a row can be read only through the table's arithmetic — the format's
``relations:`` (rules/gov-*.yaml): the row's own sums first (table 三: 总计 = the six applicant
columns; table 四: each block's 总计), then the column sums that tie it to rows already known
(一 + 二 = 三 + 四, （七）总计 = the sum of the results). A row is split only when exactly one way
of cutting its digits satisfies them; otherwise it stays unchecked (``table-unchecked`` says so
once per table). The search is bounded: 1..:data:`MAX_DIGITS` digits per cell, no leading zero in
a figure of two or more digits, pruned by each row relation as soon as its cells are cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gialint.formats.templates import Relation, TableTemplate
from gialint.model.record import Record, setfield

MAX_DIGITS = 5
"""Digits per cell: a township's yearly count has at most five."""
MAX_NODES = 50_000
"""Cuts tried per row before the search gives up (the row then counts as not uniquely split)."""


class JoinedRow(Record):
    """One joined row and what the arithmetic made of it."""

    __slots__ = ("key", "digits", "fits", "gave_up")

    key: str
    """The template row's key ('' for table 四's unlabeled row is its key too)."""
    digits: str
    fits: tuple[tuple[int, ...], ...]
    """Every split that satisfies the relations (at most a few are kept); one means split."""
    gave_up: bool
    """The search hit :data:`MAX_NODES` (too many ways to cut): not split."""

    def __init__(self, key: str, digits: str, fits: tuple[tuple[int, ...], ...], gave_up: bool = False) -> None:
        setfield(self, "key", key)
        setfield(self, "digits", digits)
        setfield(self, "fits", fits)
        setfield(self, "gave_up", gave_up)

    @property
    def split(self) -> tuple[int, ...] | None:
        return self.fits[0] if len(self.fits) == 1 and not self.gave_up else None


def _holds(relation: Relation, value: Mapping[str, float]) -> bool:
    left = sum(t.sign * value[t.key] for t in relation.left)
    right = sum(t.sign * value[t.key] for t in relation.right)
    return abs(left - right) < 0.005


def row_splits(digits: str, columns: Sequence[str], relations: Sequence[Relation]) -> tuple[list[tuple[int, ...]], bool]:
    """Every cut of ``digits`` into ``len(columns)`` figures that satisfies the each-row
    ``relations``; and whether the search gave up."""
    k = len(columns)
    index = {key: i for i, key in enumerate(columns)}
    checks: dict[int, list[Relation]] = {}
    for rel in relations:
        keys = [t.key for t in (*rel.left, *rel.right)]
        if all(key in index for key in keys):
            checks.setdefault(max(index[key] for key in keys), []).append(rel)
    out: list[tuple[int, ...]] = []
    values = [0] * k
    nodes = 0
    n = len(digits)

    def dfs(i: int, pos: int) -> None:
        nonlocal nodes
        left_cells = k - i
        remaining = n - pos
        if nodes > MAX_NODES or remaining < left_cells or remaining > left_cells * MAX_DIGITS:
            return
        if i == k:
            out.append(tuple(values))
            return
        for length in range(1, min(MAX_DIGITS, remaining - left_cells + 1) + 1):
            piece = digits[pos : pos + length]
            if length > 1 and piece[0] == "0":
                break
            nodes += 1
            values[i] = int(piece)
            due = checks.get(i)
            if due:
                named = {key: values[j] for key, j in index.items() if j <= i}
                if not all(_holds(rel, named) for rel in due):
                    continue
            dfs(i + 1, pos + length)

    dfs(0, 0)
    return out, nodes > MAX_NODES


def resolve(
    template: TableTemplate,
    relations: Sequence[Relation],
    joined: Mapping[str, str],
    known: Mapping[str, Mapping[str, float]],
) -> dict[str, JoinedRow]:
    """Split the ``joined`` rows (row key → digits) of a table.

    ``known`` holds the figures of the table's other rows (row key → column key → value). Rows
    left with several fits after their own sums are narrowed by the column relations whose other
    cells are known, again and again while a row gets split.
    """
    columns = [c.key for c in template.columns]
    per_row = [r for r in relations if r.table == template.id and r.each == "each-row"]
    per_column = [r for r in relations if r.table == template.id and r.each == "each-column"]
    fits: dict[str, list[tuple[int, ...]]] = {}
    gave_up: dict[str, bool] = {}
    for key, digits in joined.items():
        fits[key], gave_up[key] = row_splits(digits, columns, per_row)
    values: dict[str, dict[str, float]] = {k: dict(v) for k, v in known.items()}

    def settle(key: str) -> None:
        values[key] = {c: float(v) for c, v in zip(columns, fits[key][0], strict=True)}

    for key in fits:
        if len(fits[key]) == 1 and not gave_up[key]:
            settle(key)
    changed = True
    while changed:
        changed = False
        for key in fits:
            if key in values or len(fits[key]) < 2 or gave_up[key]:
                continue
            kept = [fit for fit in fits[key] if _fits_columns(key, fit, columns, per_column, values)]
            if len(kept) == 1:
                fits[key] = kept
                settle(key)
                changed = True
    # A few fits are enough to say "more than one"; the message shows two.
    return {key: JoinedRow(key, joined[key], tuple(fits[key][:3]), gave_up[key]) for key in fits}


def _fits_columns(
    key: str,
    fit: tuple[int, ...],
    columns: Sequence[str],
    relations: Sequence[Relation],
    values: Mapping[str, Mapping[str, float]],
) -> bool:
    """Whether ``fit`` for row ``key`` keeps every column relation whose other cells are known."""
    for rel in relations:
        rows = [t.key for t in (*rel.left, *rel.right)]
        if key not in rows:
            continue
        for i, column in enumerate(columns):
            cell: dict[str, float] = {}
            for row in rows:
                if row == key:
                    cell[row] = fit[i]
                elif column in values.get(row, {}):
                    cell[row] = values[row][column]
                else:
                    break
            else:
                if not _holds(rel, cell):
                    return False
    return True
