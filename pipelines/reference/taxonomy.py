"""Controlled vocabularies kept as dbt seeds (one source of truth for Python and SQL):
thematic areas and the labels sources use for them, funds and their labels, exchange rates."""

from __future__ import annotations

from functools import cache

from pipelines.reference.seeds import read_seed
from pipelines.text import normalize_label


def _label_map(seed: str, code_column: str) -> dict[str, str]:
    frame = read_seed(seed)
    mapping: dict[str, str] = {}
    for label, code in frame.select("label", code_column).iter_rows():
        key = normalize_label(label)
        if mapping.setdefault(key, code) != code:
            raise ValueError(f"{seed}: label '{label}' maps to both {mapping[key]} and {code}")
    return mapping


@cache
def thematic_area_by_label() -> dict[str, str]:
    """Normalized label as sources write it -> thematic_area_code."""
    return _label_map("thematic_area_labels", "thematic_area_code")


@cache
def fund_by_label() -> dict[str, str]:
    """Normalized funding-source label -> fund_code."""
    return _label_map("fund_labels", "fund_code")


@cache
def known_currencies() -> frozenset[str]:
    """Currencies for which the exchange-rate seed has rates."""
    return frozenset(read_seed("fx_rates")["currency"])
