"""Donor names as documents print them -> donor codes and true donor types.

A donor is a State or territory (named in any UN language, formally or informally) or someone
else (the European Commission, a UN entity, a foundation). States go through `resolve_country`;
everyone else through the seeds `donors.csv` and `donor_labels.csv`. Never a guess: a name
neither knows is rejected with a reason that quotes it.

Donor types (`DONOR_TYPES`, in raw.contributions and marts.dim_donor): a country the resolver
knows is a `member_state` (UN membership from the country dimension, as dim_country has it), a
non-member `observer_state` (the Holy See and the State of Palestine: the only two) or a
`territory` (Hong Kong, Macao, the British Virgin Islands: ISO codes, no UN seat); every other
donor has the seed's type: `un_entity`, `intergovernmental_organisation`,
`international_financial_institution`, `foundation`, `private_sector`, `individual_other`.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from pipelines.reference.countries import country_dimension, resolve_country
from pipelines.reference.seeds import seed_path
from pipelines.text import normalize_label

STATE_TYPES: tuple[str, ...] = ("member_state", "observer_state", "territory")
SEED_TYPES: tuple[str, ...] = (
    "un_entity",
    "intergovernmental_organisation",
    "international_financial_institution",
    "foundation",
    "private_sector",
    "individual_other",
)
DONOR_TYPES: tuple[str, ...] = STATE_TYPES + SEED_TYPES
# The non-member observer States of the General Assembly (Holy See since 1964, State of
# Palestine since 2012); every other non-member with an ISO code is a territory.
OBSERVER_STATES: frozenset[str] = frozenset({"VAT", "PSE"})


@functools.cache
def _un_members() -> frozenset[str]:
    dimension = country_dimension()
    return frozenset(dimension.filter(dimension["is_un_member"])["iso3"].to_list())


def state_type(iso3: str) -> str:
    """`member_state`, `observer_state` or `territory` for a resolved country code."""
    if iso3 in _un_members():
        return "member_state"
    return "observer_state" if iso3 in OBSERVER_STATES else "territory"


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
        if donors[code]["donor_type"] not in SEED_TYPES:
            raise ValueError(
                f"donors.csv: {code} has donor_type {donors[code]['donor_type']!r}, not one of {SEED_TYPES}"
            )
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
        return Donor(*seeded)
    country = resolve_country(name)
    if country.iso3:
        return Donor(country.iso3, state_type(country.iso3))
    return Donor(
        None,
        None,
        f"donor '{name}' is neither a State ({country.reason}) nor a label in the seed donor_labels.csv",
    )
