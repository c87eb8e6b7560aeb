"""The country resolver and dimension, held against UNSD's M49 lists in the six UN languages.

The M49 files are an external oracle in ../shared/reference/m49 beside the checkout; they are
read here, never copied into the project (see shared/reference/README.md).
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from pipelines.reference.countries import (
    CLASSIFICATIONS_CSV,
    REGIONAL_GROUPS_CSV,
    country_dimension,
    resolve_country,
    resolve_country_series,
)

ORACLE_DIR = Path(__file__).resolve().parents[1].parent / "shared/reference/m49"
ORACLE_LANGUAGES = ("ar", "cn", "en", "es", "fr", "ru")

# Where the project knowingly differs from the oracle, and why. Each entry must still be a
# difference: when the oracle catches up, the test fails and the entry goes.
# Taiwan: not on the official M49 list (the oracle's README says so); the project resolves the
# name to TWN (ISO 3166-1) but gives it no M49 code, region or group.
NOT_M49 = {"TWN"}
# Sao Tome and Principe left the LDC list on 13 December 2024; the oracle still marks it.
LDC_DIFFERENCES = {"STP"}
# The project follows the UN-OHRLLS SIDS list; UNSD's M49 marks differ on these.
SIDS_DIFFERENCES = {"BES", "BMU", "CYM", "GLP", "MTQ", "TCA"}


def _oracle(language: str) -> list[dict[str, str]]:
    path = ORACLE_DIR / f"UNSD-{language}.csv"
    if not path.exists():
        message = f"M49 oracle not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # utf-8-sig: the English file starts with a byte-order mark; csv handles the quoting.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def dimension() -> pl.DataFrame:
    return country_dimension()


@pytest.fixture(scope="module")
def oracle_en() -> dict[str, dict[str, str]]:
    return {row["ISO-alpha3 Code"]: row for row in _oracle("en") if row["ISO-alpha3 Code"]}


# --------------------------------------------------------------------------- 1. names


@pytest.mark.parametrize("language", ORACLE_LANGUAGES)
def test_every_m49_name_resolves_to_its_iso3(language: str) -> None:
    failures = []
    for row in _oracle(language):
        match = resolve_country(row["Country or Area"])
        if match.iso3 != row["ISO-alpha3 Code"]:
            got = match.iso3 or match.reason
            failures.append(f"{row['Country or Area']!r}: expected {row['ISO-alpha3 Code']}, {got}")
    assert not failures, f"{len(failures)} {language} names:\n" + "\n".join(failures)


# --------------------------------------------------------------------------- 2. dimension


def test_dimension_has_one_row_per_iso_3166_entry(
    dimension: pl.DataFrame, oracle_en: dict[str, dict[str, str]]
) -> None:
    assert dimension["iso3"].is_unique().all()
    assert set(dimension["iso3"]) == set(oracle_en)  # M49 and ISO 3166-1 list the same 249
    assert dimension["m49_code"].drop_nulls().str.contains(r"^\d{3}$").all()


def test_dimension_agrees_with_m49_codes_and_regions(
    dimension: pl.DataFrame, oracle_en: dict[str, dict[str, str]]
) -> None:
    columns = {
        "m49_code": "M49 Code",
        "region_code": "Region Code",
        "region_name": "Region Name",
        "sub_region_code": "Sub-region Code",
        "sub_region_name": "Sub-region Name",
        "intermediate_region_code": "Intermediate Region Code",
        "intermediate_region_name": "Intermediate Region Name",
    }
    disagreements = []
    for row in dimension.iter_rows(named=True):
        oracle = oracle_en[row["iso3"]]
        if row["iso3"] in NOT_M49:
            continue
        for ours, theirs in columns.items():
            if (row[ours] or "") != oracle[theirs]:
                disagreements.append(f"{row['iso3']} {ours}: {row[ours]!r} vs {oracle[theirs]!r}")
    assert not disagreements, "\n".join(disagreements)


def test_taiwan_resolves_but_has_no_un_classification(dimension: pl.DataFrame) -> None:
    # Decision (see pipelines/reference/countries.py): ISO 3166-1 lists Taiwan, so the name
    # resolves and the row is kept; UNSD M49 does not, so there is no M49 code or region.
    assert resolve_country("Taiwan").iso3 == "TWN"
    assert resolve_country("Taiwan, Province of China").iso3 == "TWN"
    assert resolve_country("台湾").iso3 == "TWN"
    taiwan = dimension.filter(pl.col("iso3") == "TWN").row(0, named=True)
    assert taiwan["m49_code"] is None
    assert taiwan["region_code"] is None
    assert taiwan["un_regional_group"] is None
    assert not taiwan["is_un_member"]


@pytest.mark.parametrize(
    ("flag", "column", "documented"),
    [
        ("is_ldc", "Least Developed Countries (LDC)", LDC_DIFFERENCES),
        ("is_lldc", "Land Locked Developing Countries (LLDC)", set()),
        ("is_sids", "Small Island Developing States (SIDS)", SIDS_DIFFERENCES),
    ],
)
def test_classifications_agree_with_m49_marks(
    dimension: pl.DataFrame,
    oracle_en: dict[str, dict[str, str]],
    flag: str,
    column: str,
    documented: set[str],
) -> None:
    ours = dict(zip(dimension["iso3"], dimension[flag], strict=True))
    differ = {iso3 for iso3, row in oracle_en.items() if ours[iso3] != (row[column] == "x")}
    assert differ == documented, (
        f"{flag}: undocumented differences {sorted(differ - documented)}, "
        f"documented but gone {sorted(documented - differ)}"
    )


def test_classification_counts_follow_un_ohrlls_2025(dimension: pl.DataFrame) -> None:
    assert dimension["is_ldc"].sum() == 44  # after Bhutan (2023), Sao Tome and Principe (2024)
    assert dimension["is_lldc"].sum() == 32
    assert dimension["is_sids"].sum() == 57  # 37 Member States + Cook Islands, Niue + 18
    ldc = set(dimension.filter("is_ldc")["iso3"])
    assert not {"BTN", "STP", "VUT", "WSM", "MDV", "CPV", "GNQ", "BWA"} & ldc  # graduated


def test_display_names_are_un_style(dimension: pl.DataFrame) -> None:
    names = {row["iso3"]: row for row in dimension.iter_rows(named=True)}
    assert names["KOR"]["name_en"] == "Republic of Korea"  # not "Korea, Republic of"
    assert names["VEN"]["name_en"] == "Venezuela (Bolivarian Republic of)"
    assert names["USA"]["name_en"] == "United States of America"
    assert names["COD"]["name_en"] == "Democratic Republic of the Congo"
    assert names["TUR"]["name_en"] == "Türkiye"
    assert names["RUS"]["name_zh"] == "俄罗斯联邦"
    assert dimension.select(pl.col("^name_.*$").null_count()).sum_horizontal().item() == 0


# --------------------------------------------------------------------------- 3. variants

VARIANTS = {
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Bolivarian Republic of Venezuela": "VEN",
    "Venezuela": "VEN",
    "委内瑞拉玻利瓦尔共和国": "VEN",
    "委内瑞拉": "VEN",
    "Côte d’Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Cote d'Ivoire": "CIV",
    "Côte d‘Ivoire": "CIV",
    "CÔTE D´IVOIRE": "CIV",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "Turquie": "TUR",
    "Iran (Islamic Republic of)": "IRN",
    "Republic of Korea": "KOR",
    "Korea, Republic of": "KOR",
    "Democratic People's Republic of Korea": "PRK",
    "Democratic People’s Republic of Korea": "PRK",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Bolivia (Plurinational State of)": "BOL",
    "État plurinational de Bolivie": "BOL",
    "Российская Федерация": "RUS",
    "الجمهورية العربية السورية": "SYR",
    "Kenya*": "KEN",
    "Chile**": "CHL",
    "Fiji 1": "FJI",
    "Fiji¹": "FJI",
    "Peru (a)": "PER",
    "Kenya a/": "KEN",
    "  Kenya  ": "KEN",
    "KENYA": "KEN",
    "United\u00a0Republic   of Tanzania": "TZA",
    "\ufeffMali": "MLI",
    "Guinea-Bissau": "GNB",
    "Guinea Bissau": "GNB",
    "The Gambia": "GMB",
    "Gambia (the)": "GMB",
    "Netherlands (Kingdom of the)": "NLD",
    "Holy See": "VAT",
    "State of Palestine": "PSE",
    "Occupied Palestinian Territory": "PSE",
    "The former Yugoslav Republic of Macedonia": "MKD",
    # The UN usage: "Congo" is the Republic of the Congo, in English and in Chinese, although
    # CLDR's "刚果（金）" (DRC) shares the base "刚果".
    "Congo": "COG",
    "刚果": "COG",
    "Democratic Republic of the Congo": "COD",
    # Near neighbours stay apart: exact keys, no fuzzy matching.
    "Guinea": "GIN",
    "Equatorial Guinea": "GNQ",
    "Niger": "NER",
    "Nigeria": "NGA",
    "Dominica": "DMA",
    "Dominican Republic": "DOM",
    "Sudan": "SDN",
    "South Sudan": "SSD",
}


@pytest.mark.parametrize(("name", "iso3"), VARIANTS.items())
def test_variant_resolves(name: str, iso3: str) -> None:
    match = resolve_country(name)
    assert (match.iso3, match.reason) == (iso3, None)
    assert match.ok


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Atlantis", "unknown country name 'Atlantis'"),
        ("Republic of Freedonia", "unknown country name 'Republic of Freedonia'"),
        ("", "empty country name ''"),
        ("  ** ", "empty country name '  ** '"),
        # Not a guess: "Korea" could be either; no source names one of them so, so it is unknown.
        ("Korea", "unknown country name 'Korea'"),
        ("Kosovo", "unknown country name 'Kosovo'"),  # not ISO 3166-1: see the module docstring
        ("Venezuelaa", "unknown country name 'Venezuelaa'"),  # no fuzzy matching
    ],
)
def test_unknown_names_are_rejected_with_the_name_quoted(name: str, reason: str) -> None:
    match = resolve_country(name)
    assert (match.iso3, match.reason) == (None, reason)
    assert not match.ok


@pytest.mark.parametrize(
    ("name", "candidates"),
    [
        # CLDR's "Saint Martin" and the base of "Saint-Martin (partie néerlandaise)".
        ("Saint Martin", ("MAF", "SXM")),
        # The bases of "Виргинские острова (Британские)" and "... (США)".
        ("Виргинские острова", ("VGB", "VIR")),
    ],
)
def test_ambiguous_names_are_rejected_not_guessed(name: str, candidates: tuple[str, ...]) -> None:
    match = resolve_country(name)
    assert match.iso3 is None
    assert match.candidates == candidates
    assert match.reason == f"ambiguous country name {name!r}: {', '.join(candidates)}"


def test_series_resolution_keeps_row_order_and_nulls() -> None:
    names = pl.Series("country", ["Kenya*", None, "Atlantis", "Kenya*", "Saint Martin"])
    result = resolve_country_series(names)
    assert result["iso3"].to_list() == ["KEN", None, None, "KEN", None]
    assert result["country_reject_reason"].to_list() == [
        None,
        "missing country name",
        "unknown country name 'Atlantis'",
        None,
        "ambiguous country name 'Saint Martin': MAF, SXM",
    ]


# --------------------------------------------------------------------------- 4. groups

# The five UN regional groups as the UN publishes them. The USA is an observer in WEOG and
# counts there for electoral purposes, so WEOG has 28 members + the USA; Kiribati is in none.
GROUP_SIZES = {
    "African": 54,
    "Asia-Pacific": 53,
    "Eastern European": 23,
    "Latin American and Caribbean": 33,
    "Western European and others": 29,
}


def test_regional_group_seed_lists_each_state_once() -> None:
    with REGIONAL_GROUPS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    repeated = [iso3 for iso3, n in Counter(row["iso3"] for row in rows).items() if n > 1]
    assert not repeated
    assert Counter(row["un_regional_group"] for row in rows) == GROUP_SIZES
    with CLASSIFICATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        assert Counter(row["iso3"] for row in csv.DictReader(handle)).most_common(1)[0][1] == 1


def test_member_states_and_regional_groups(dimension: pl.DataFrame) -> None:
    members = set(dimension.filter("is_un_member")["iso3"])
    grouped = dict(
        dimension.filter(pl.col("un_regional_group").is_not_null())
        .select("iso3", "un_regional_group")
        .iter_rows()
    )
    assert len(members) == 193
    assert members - grouped.keys() == {"KIR"}
    assert grouped.keys() <= members  # no territory or observer State in a group
    assert grouped["USA"] == grouped["TUR"] == grouped["ISR"] == "Western European and others"
    assert grouped["CYP"] == "Asia-Pacific"
    assert not {"PSE", "VAT", "TWN"} & (members | grouped.keys())
