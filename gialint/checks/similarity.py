"""Near-duplicate text across reports: normalisation, shingling, MinHash sketches and LSH.

The sketch is one-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification
(Shrivastava 2017): every shingle is hashed once (CRC-32, deterministic across processes and
runs), the hash picks one of ``BINS`` bins and the smallest value per bin is kept. Two texts'
Jaccard similarity is estimated by the fraction of equal bins; candidate pairs come from
locality-sensitive hashing over bands of bins, so a corpus is never compared pair by pair.
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from gialint._lazy import lazy_re

BINS = 24
ROWS = 3
"""Bins per LSH band: with 8 bands, pairs of similarity 0.8 become candidates 99.7% of the time."""
SHINGLE = 4
_EMPTY = 0xFFFFFFFF

_YEARS = lazy_re(r"(?:19|20)\d{2}\s*年度?")
_NUMBERS = lazy_re(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二三四五六七八九十百千万两]+(?=[件条个次人项份篇期场家余])")
_PLACES = lazy_re(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道|县|区|市|旗|村|社区)(?:人民政府)?")
SENTENCE_END = lazy_re(r"(?<=[。；！？])")


def normalise(text: str, names: Iterable[str] = ()) -> str:
    """Text with names, places, years and numbers removed, and no blanks or punctuation."""
    for name in names:
        if name:
            text = text.replace(name, "")
    text = _YEARS.sub("", text)
    text = _NUMBERS.sub("", text)
    text = _PLACES.sub("", text)
    return "".join(ch for ch in text if ch.isalpha() and (ch < "\u3000" or "\u4e00" <= ch <= "\u9fff"))


def sketch(normalised: str) -> array[int] | None:
    """The one-permutation MinHash of ``normalised``'s character shingles (None when too short)."""
    if len(normalised) < SHINGLE + 2:
        return None
    data = normalised.encode("utf-32-le")
    width = SHINGLE * 4
    bins = [_EMPTY] * BINS
    crc = zlib.crc32
    for offset in range(0, len(data) - width + 1, 4):
        h = crc(data[offset : offset + width])
        b = h % BINS
        v = h // BINS
        if v < bins[b]:
            bins[b] = v
    # Rotation densification: an empty bin borrows the next filled bin's value (offset by the
    # distance, so borrowed values do not collide with real ones).
    filled = [i for i in range(BINS) if bins[i] != _EMPTY]
    if not filled:
        return None
    out = array("I", bins)
    for i in range(BINS):
        if bins[i] == _EMPTY:
            j = next(f for f in (*filled, *(x + BINS for x in filled)) if f > i)
            out[i] = (bins[j % BINS] + (j - i) * 0x9E3779B1) & 0xFFFFFFFF
    return out


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / BINS


def candidate_pairs(sketches: Sequence[array[int]], owner: Sequence[int], max_bucket: int = 400) -> Iterator[tuple[int, int]]:
    """Pairs of sketch indexes that share an LSH band and belong to different owners (documents).

    Buckets larger than ``max_bucket`` hold text that very many reports share — boilerplate
    the earlier filtering missed — and are skipped rather than compared all against all.
    """
    seen: set[tuple[int, int]] = set()
    for band in range(0, BINS, ROWS):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for index, sig in enumerate(sketches):
            buckets[tuple(sig[band : band + ROWS])].append(index)
        for members in buckets.values():
            if len(members) < 2 or len(members) > max_bucket:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if owner[i] != owner[j] and (i, j) not in seen:
                        seen.add((i, j))
                        yield i, j
