"""--select / --ignore decisions (gialint.engine.selection), table-driven."""

from __future__ import annotations

import pytest

from gialint.engine.selection import Selection, split_list

STALE = ("stale-year", "GIA301")
MISSING = ("missing-section", "GIA101")
PLACEHOLDER = ("placeholder-text", "GIA502")

# (select, ignore, rule, allowed)
CASES: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, str], bool]] = [
    # nothing given: everything runs
    ((), (), STALE, True),
    ((), (), MISSING, True),
    # select by name, code, prefix (case-insensitive for codes)
    (("stale-year",), (), STALE, True),
    (("stale-year",), (), MISSING, False),
    (("GIA301",), (), STALE, True),
    (("gia301",), (), STALE, True),
    (("GIA301",), (), MISSING, False),
    (("GIA3",), (), STALE, True),
    (("gia3",), (), STALE, True),
    (("GIA3",), (), MISSING, False),
    (("GIA",), (), MISSING, True),
    (("GIA30",), (), STALE, True),
    (("GIA302",), (), STALE, False),
    # names are not prefixes: 'stale' selects nothing
    (("stale",), (), STALE, False),
    (("ALL",), (), STALE, True),
    (("all",), (), MISSING, True),
    # several items
    (("GIA1", "stale-year"), (), STALE, True),
    (("GIA1", "stale-year"), (), MISSING, True),
    (("GIA1", "stale-year"), (), PLACEHOLDER, False),
    # ignore alone
    ((), ("stale-year",), STALE, False),
    ((), ("stale-year",), MISSING, True),
    ((), ("GIA301",), STALE, False),
    ((), ("GIA3",), STALE, False),
    ((), ("GIA3",), MISSING, True),
    ((), ("ALL",), STALE, False),
    # most specific wins
    (("ALL",), ("GIA3",), STALE, False),
    (("ALL",), ("GIA3",), MISSING, True),
    (("GIA3",), ("ALL",), STALE, True),
    (("GIA3",), ("ALL",), MISSING, False),
    (("GIA",), ("GIA3",), STALE, False),
    (("GIA30",), ("GIA3",), STALE, True),
    (("GIA3",), ("GIA30",), STALE, False),
    (("stale-year",), ("GIA3",), STALE, True),
    (("GIA3",), ("stale-year",), STALE, False),
    (("GIA301",), ("GIA",), STALE, True),
    (("stale-year",), ("ALL",), STALE, True),
    # ties: ignore wins
    (("GIA3",), ("GIA3",), STALE, False),
    (("ALL",), ("ALL",), STALE, False),
    (("stale-year",), ("GIA301",), STALE, False),
    (("GIA301",), ("stale-year",), STALE, False),
    (("stale-year",), ("stale-year",), STALE, False),
    (("placeholder-text",), ("GIA502",), PLACEHOLDER, False),
]


@pytest.mark.parametrize(
    ("select", "ignore", "rule", "allowed"),
    CASES,
    ids=[f"select={'+'.join(s) or '-'} ignore={'+'.join(i) or '-'} {r[0]}" for s, i, r, _ in CASES],
)
def test_allows(select: tuple[str, ...], ignore: tuple[str, ...], rule: tuple[str, str], allowed: bool) -> None:
    assert Selection(select, ignore).allows(*rule) is allowed


@pytest.mark.parametrize(
    ("ignore", "rule", "explicit"),
    [
        (("stale-year",), STALE, True),
        (("GIA301",), STALE, True),
        (("gia301",), STALE, True),
        (("GIA3",), STALE, False),
        (("ALL",), STALE, False),
        ((), STALE, False),
        (("stale-year",), MISSING, False),
    ],
)
def test_explicitly_ignores(ignore: tuple[str, ...], rule: tuple[str, str], explicit: bool) -> None:
    assert Selection((), ignore).explicitly_ignores(*rule) is explicit


def test_default_selection_is_empty() -> None:
    sel = Selection()
    assert (sel.select, sel.ignore) == ((), ())


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (None, ()),
        ([], ()),
        (["stale-year"], ("stale-year",)),
        (["a,b", "c"], ("a", "b", "c")),
        ([" a , ,b ", ""], ("a", "b")),
        (["GIA1,GIA3,", ",missing-section"], ("GIA1", "GIA3", "missing-section")),
        ([",,,"], ()),
        (("x", "x"), ("x", "x")),
    ],
)
def test_split_list(values: list[str] | None, expected: tuple[str, ...]) -> None:
    assert split_list(values) == expected
