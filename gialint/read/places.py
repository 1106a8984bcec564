"""Short labels for the places of extracted lines (``gialint extract --places``)."""

from __future__ import annotations

from gialint.model.document import Place


def describe_place(place: Place | None) -> str:
    """``p3 ¶12`` or ``p3 T2 r9``: page, paragraph, table and row, as far as known."""
    if place is None:
        return ""
    bits: list[str] = []
    if place.page is not None:
        bits.append(f"p{place.page}")
    if place.paragraph is not None:
        bits.append(f"¶{place.paragraph}")
    if place.table is not None:
        bits.append(f"T{place.table}")
    if place.row is not None:
        bits.append(f"r{place.row}")
    return " ".join(bits)
