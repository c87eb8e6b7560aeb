"""Donor names as documents print them -> donor codes, beside the country resolver.

A donor is a State (named in any UN language, formally or informally) or someone else (the
European Commission, a UN entity, a foundation). States go through `resolve_country`; everyone
else through the seeds `donors.csv` and `donor_labels.csv`. Never a guess: a name neither knows
is rejected with a reason that quotes it.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from pipelines.reference.countries import resolve_country
from pipelines.reference.seeds import seed_path
from pipelines.text import normalize_label


@functools.cache
def donor_by_label() -> dict[str, tuple[str, str]]:
    """Normalized non-State donor label -> (donor_code, the seed's donor_type), from the seeds
    donor_labels.csv and donors.csv. A donor's own name counts as a label."""
    labels_csv, donors_csv = seed_path("donor_labels"), seed_path("donors")
    if not donors_csv.exists():
        return {}
    with donors_csv.open(encoding="utf-8", newline="") as handle:
        donors = {row["donor_code"]: row for row in csv.DictReader(handle)}
    mapping: dict[str, tuple[str, str]] = {}

    def add(label: str, code: str, where: str) -> None:
        if code not in donors:
            raise ValueError(f"{where}: donor code {code!r} is not in donors.csv")
        key = normalize_label(label)
        if mapping.setdefault(key, (code, donors[code]["donor_type"]))[0] != code:
            raise ValueError(f"{where}: label {label!r} maps to both {mapping[key][0]} and {code}")

    for code, row in donors.items():
        add(row["donor_name"], code, "donors.csv")
    if labels_csv.exists():
        with labels_csv.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                add(row["label"], row["donor_code"], f"donor_labels.csv:{line}")
    return mapping


@dataclass(frozen=True)
class Donor:
    code: str | None
    donor_type: str | None
    reason: str | None = None


def resolve_donor(name: str | None) -> Donor:
    """A donor as a document names it: a State (any UN language, formal or short) through the
    country resolver, anyone else through the donor label seed. Never a guess.

    The seed is asked first: it is the project's own decision (it may say that a name a State
    could also be read as is, in donor tables, an organisation)."""
    if not name or not name.strip():
        return Donor(None, None, "the row names no donor")
    seeded = donor_by_label().get(normalize_label(name))
    if seeded is not None:
        code, seed_type = seeded
        # raw.contributions knows two donor types; the seed may say which kind of non-State
        # donor (a UN entity, a foundation): that stays in the seed, for the marts to join.
        return Donor(code, "member_state" if seed_type == "member_state" else "non_state")
    country = resolve_country(name)
    if country.iso3:
        return Donor(country.iso3, "member_state")
    return Donor(
        None,
        None,
        f"donor '{name}' is neither a State ({country.reason}) nor a label in the seed donor_labels.csv",
    )
