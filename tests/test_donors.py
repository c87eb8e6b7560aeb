"""Donor types that are true (issue 8 section 3), on a donor list shaped like the donor tables of
OHCHR's annual reports (Member States by regional group, then the European Commission, UN
entities, foundations, international financial institutions and private donors): every donor
resolves with its true type, and an unknown donor stays a reject, never a guess."""

from __future__ import annotations

import csv

import pytest

from pipelines.reference.donors import DONOR_TYPES, OBSERVER_STATES, resolve_donor, state_type
from pipelines.reference.seeds import seed_path

# Names as UN donor tables print them, with the type each donor truly is.
REAL_DONOR_TABLE: tuple[tuple[str, str, str], ...] = (
    ("Norway", "NOR", "member_state"),
    ("United States of America", "USA", "member_state"),
    ("Republic of Korea", "KOR", "member_state"),
    ("Russian Federation", "RUS", "member_state"),
    ("Côte d'Ivoire", "CIV", "member_state"),
    ("Kazakhstan", "KAZ", "member_state"),
    ("Türkiye", "TUR", "member_state"),
    ("The former Yugoslav Republic of Macedonia", "MKD", "member_state"),
    ("Macedonia", "MKD", "member_state"),
    ("Holy See", "VAT", "observer_state"),
    ("State of Palestine", "PSE", "observer_state"),
    ("China, Hong Kong Special Administrative Region", "HKG", "territory"),
    ("Hong Kong, China", "HKG", "territory"),
    ("Macao", "MAC", "territory"),
    ("British Virgin Islands", "VGB", "territory"),
    ("Taiwan (Province of China)", "TWN", "territory"),
    ("European Commission", "EC", "intergovernmental_organisation"),
    ("Organisation internationale de la Francophonie", "OIF", "intergovernmental_organisation"),
    ("Council of Europe", "COE", "intergovernmental_organisation"),
    ("African Union", "AU", "intergovernmental_organisation"),
    ("OSCE", "OSCE", "intergovernmental_organisation"),
    ("International Development Law Organization", "IDLO", "intergovernmental_organisation"),
    ("World Bank", "WB", "international_financial_institution"),
    ("African Development Bank", "AFDB", "international_financial_institution"),
    ("Inter-American Development Bank", "IADB", "international_financial_institution"),
    ("UNDP", "UNDP", "un_entity"),
    ("United Nations Children's Fund", "UNICEF", "un_entity"),
    ("UN Women", "UNWOMEN", "un_entity"),
    ("Peacebuilding Fund", "PBF", "un_entity"),
    ("Multi-Partner Trust Fund Office", "MPTFO", "un_entity"),
    ("International Organization for Migration", "IOM", "un_entity"),
    ("World Health Organization", "WHO", "un_entity"),
    ("Ford Foundation", "FORD", "foundation"),
    ("Open Society Foundations", "OSF", "foundation"),
    ("Oak Foundation", "OAK", "foundation"),
    ("Sigrid Rausing Trust", "SRT", "foundation"),
    ("Fondation Botnar", "BOTNAR", "foundation"),
    ("Microsoft Corporation", "MICROSOFT", "private_sector"),
    ("Private donors", "PRIVATE", "individual_other"),
    ("Individual donors", "PRIVATE", "individual_other"),
    ("Anonymous donors", "ANONYMOUS", "individual_other"),
    ("Other donors", "OTHER", "individual_other"),
)


@pytest.mark.parametrize(("name", "code", "donor_type"), REAL_DONOR_TABLE)
def test_a_real_donor_table_resolves_with_true_types(name: str, code: str, donor_type: str) -> None:
    donor = resolve_donor(name)
    assert (donor.code, donor.donor_type, donor.reason) == (code, donor_type, None)


def test_every_type_of_donor_appears_in_the_table() -> None:
    assert {t for _, _, t in REAL_DONOR_TABLE} == set(DONOR_TYPES)


@pytest.mark.parametrize("name", ["Korea", "Acme Widgets Ltd", "Kosovo", "Donor X"])
def test_an_unknown_or_ambiguous_donor_stays_a_reject(name: str) -> None:
    donor = resolve_donor(name)
    assert donor.code is None and donor.donor_type is None
    assert donor.reason is not None and f"'{name}'" in donor.reason


def test_only_the_holy_see_and_palestine_are_observer_states() -> None:
    assert {state_type(iso3) for iso3 in OBSERVER_STATES} == {"observer_state"}
    assert state_type("CHE") == "member_state"  # a Member State since 2002
    assert state_type("GRL") == state_type("PRI") == "territory"


def test_the_seed_holds_only_true_non_state_types() -> None:
    with seed_path("donors").open(encoding="utf-8", newline="") as handle:
        types = {row["donor_type"] for row in csv.DictReader(handle)}
    assert types <= set(DONOR_TYPES) - {"member_state", "observer_state", "territory"}
