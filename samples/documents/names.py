"""The sample documents' names as documents write them.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

import numpy as np

from samples import document_data as dd
from samples.documents.model import _NON_STATE, _STATE_DONOR, _is_cp1252, _latin_variants, _pick, _Reference


def state_donor_name(iso3: str, year: int, style: str) -> str:
    """A Member State donor's name in a style: en_formal, en_short, fr or es."""
    donor = _STATE_DONOR[iso3]
    if style in ("en_formal", "en_short"):
        for last, formal, short in dd.FORMER_NAMES.get(iso3, ()):
            if year <= last:
                return formal if style == "en_formal" else short
        return donor.en_formal if style == "en_formal" else donor.en_short
    for last, fr, es in dd.FORMER_NAMES_FR_ES.get(iso3, ()):
        if year <= last:
            return fr if style == "fr" else es
    return donor.fr if style == "fr" else donor.es


def _donor_name(code: str, year: int, style: str, rng: np.random.Generator, mix: float) -> str:
    """The name of a donor in a document of `style`; with probability `mix` a French or Spanish
    name (reports compile donor lists from sources in several languages)."""
    u = float(rng.random())
    if code in _STATE_DONOR:
        if u < mix / 2:
            return state_donor_name(code, year, "fr")
        if u < mix:
            return state_donor_name(code, year, "es")
        return state_donor_name(code, year, style)
    labels = _NON_STATE[code].labels
    if u < mix and len(labels) > 1:
        return labels[1 + int(rng.integers(len(labels) - 1))][0]
    return labels[0][0]


def _country_name(iso3: str, year: int, rng: np.random.Generator, vary: float) -> str:
    names = _latin_variants(iso3, year)
    if len(names) > 1 and float(rng.random()) < vary:
        return names[1 + int(rng.integers(len(names) - 1))]
    return names[0]


def _area_label(area_code: str, ref: _Reference, rng: np.random.Generator, max_len: int = 40) -> str:
    options = [
        (label, lang)
        for label, lang in ref.area_labels[area_code]
        if _is_cp1252(label) and len(label) <= max_len
    ]
    english = [label for label, lang in options if lang == "en"]
    if float(rng.random()) < 0.12:
        return str(_pick(rng, [label for label, _ in options]))
    return str(_pick(rng, english))
