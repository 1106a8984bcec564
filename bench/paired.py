"""Paired measurements for bench/run.py: every ratio the benchmark judges is a median of ratios
taken per pair, never a ratio of two medians taken apart.

A *round* runs each measurement once, back to back; the order is reversed every other round, so
that no measurement always goes first (after the machine's quiet moment) or last. The ratio of
two measurements is taken within each round, and the median of those ratios is reported with
their min and max. A busy moment of the shared machine then slows both sides of one pair instead
of one side of the comparison.

The machine check is measured the same way: in each round, ``jobs`` processes burning CPU in
pure Python against one process doing the same work serially.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

MIN_PAIRS = 7
"""Issue #12's acceptance: every judged ratio is a paired median of at least this many runs."""

BUSY_SHARE = 0.9
"""The machine check must reach this share of ``jobs`` (1.8x for 2 processes), at the start and at
the end, for the parallel figures (the --jobs speed-up) to mean anything."""


@dataclass(frozen=True)
class Paired:
    """``top / bottom`` per round: ``tops[i]`` and ``bottoms[i]`` were measured back to back."""

    top: str
    bottom: str
    tops: tuple[float, ...]
    bottoms: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.tops) != len(self.bottoms) or not self.tops:
            raise ValueError(f"a pairing needs as many values on each side, at least one: {len(self.tops)} / {len(self.bottoms)}")

    @property
    def ratios(self) -> tuple[float, ...]:
        return tuple(t / b for t, b in zip(self.tops, self.bottoms, strict=True))

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    @property
    def low(self) -> float:
        return min(self.ratios)

    @property
    def high(self) -> float:
        return max(self.ratios)

    @property
    def count(self) -> int:
        return len(self.tops)

    def spread(self) -> str:
        """``1.42x (1.30-1.61, 7 pairs)``."""
        return f"{self.median:.2f}x ({self.low:.2f}-{self.high:.2f}, {self.count} pair{'s' if self.count != 1 else ''})"

    def as_dict(self) -> dict[str, object]:
        return {
            "top": self.top, "bottom": self.bottom, "pairs": self.count,
            "median": round(self.median, 4), "min": round(self.low, 4), "max": round(self.high, 4),
            "ratios": [round(r, 4) for r in self.ratios],
            "tops": [round(v, 6) for v in self.tops], "bottoms": [round(v, 6) for v in self.bottoms],
        }


def pair(top: str, tops: Sequence[float], bottom: str, bottoms: Sequence[float]) -> Paired:
    return Paired(top, bottom, tuple(tops), tuple(bottoms))


def rounds(measures: Mapping[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Run every measure once per round for ``runs`` rounds, in the given order on even rounds
    and reversed on odd ones. ``result[name][i]`` comes from round ``i``: values of one round
    belong together (see :func:`pair`)."""
    names = list(measures)
    results: dict[str, list[float]] = {name: [] for name in names}
    for i in range(runs):
        for name in names if i % 2 == 0 else reversed(names):
            results[name].append(measures[name]())
    return results


def keep(store: list[T], measure: Callable[[], T], value: Callable[[T], float]) -> Callable[[], float]:
    """A measure that runs ``measure``, keeps what it returns in ``store`` (output, peak memory …)
    and gives ``value`` of it (its seconds) to :func:`rounds`."""

    def run() -> float:
        got = measure()
        store.append(got)
        return value(got)

    return run


def timed(work: Callable[[], object]) -> Callable[[], float]:
    """A measure of the seconds ``work`` takes in this process (a collection first, so that one
    measure does not pay for another's garbage)."""

    def measure() -> float:
        gc.collect()
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    return measure


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_check(jobs: int, runs: int, n: int = 3_000_000) -> Paired:
    """Speed-up of ``jobs`` processes burning CPU in pure Python over one process doing the same
    work serially, per round (paired, the order alternating): about ``jobs`` on an idle machine,
    less when other work shares the cores."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(jobs) as pool:
        pool.map(_burn, [1000] * jobs)  # start the workers before timing

        def serial() -> float:
            start = time.perf_counter()
            for _ in range(jobs):
                _burn(n)
            return time.perf_counter() - start

        def parallel() -> float:
            start = time.perf_counter()
            pool.map(_burn, [n] * jobs)
            return time.perf_counter() - start

        got = rounds({"serial": serial, "parallel": parallel}, runs)
    return pair("one process, serial", got["serial"], f"{jobs} processes", got["parallel"])


def too_busy(check: Paired, jobs: int) -> bool:
    """Whether a machine check says the parallel figures of that moment mean nothing."""
    return jobs > 1 and check.median < BUSY_SHARE * jobs
