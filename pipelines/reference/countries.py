"""Country names -> ISO 3166-1 alpha-3, and the country dimension.

One resolver for every source (DESIGN.md section 4, `country_iso3`). Sources name States in the
six UN languages, formally ("Venezuela (Bolivarian Republic of)") or informally ("Venezuela"),
with typographic apostrophes, NBSPs and footnote marks ("Kenya*", "Fiji 1", "Peru (a)").

How a name is resolved
----------------------
* The index is built once (``functools.cache``) from the project's dependencies -- pycountry
  (ISO 3166-1 short, official and common names, and their iso-codes translations), babel
  (CLDR territory names) and country_converter (short and official names) -- in Arabic,
  Chinese, English, French, Russian and Spanish, plus the project's own alias table
  ``dbt_project/seeds/reference/country_aliases.csv`` for the names the libraries lack.
* Index keys and queries go through the same :func:`normalize_country_name`, so the index
  needs one entry per spelling family, not one per spelling.
* Never a guess: no fuzzy matching. A key nobody knows is rejected as unknown. Each source has a
  priority (alias table > ISO 3166-1 names > informal names); a key is decided by the
  highest-priority sources that know it, and if those disagree the name is rejected as
  ambiguous, naming the candidates ("Korea" -> KOR or PRK). The priority is what makes the
  UN usage "Congo" = Republic of the Congo (COG) win over informal use.

Decisions
---------
* Taiwan: resolves to TWN, as in ISO 3166-1, so that a source row naming it is kept and
  visible rather than dropped. Taiwan is not on the UNSD M49 list (M49 counts it within China)
  and is not a UN Member State, so its dimension row has no M49 code, region or regional
  group: giving it the ISO numeric 158 and a region, as some M49-derived datasets do, would
  assert a UN classification that does not exist.
* Kosovo is not an ISO 3166-1 entry; country_converter's user-assigned XKX is left out, so the
  name is rejected as unknown. Supporting it is a project decision (a row here and an alias).
* UN regional groups (seed ``un_regional_groups.csv``): the USA is an observer in the Western
  European and others Group and is counted there for electoral purposes, so it carries that
  group (28 members + the USA = 29 rows). Kiribati belongs to no group (null). Tuerkiye takes
  part in both the Asia-Pacific Group and WEOG but is a WEOG member for electoral purposes;
  Israel is a WEOG member. Non-members (territories, Holy See, Palestine) have no group.
* LDC/LLDC/SIDS (seed ``country_classifications.csv``) follow UN-OHRLLS as of 2025: 44 LDCs
  (Bhutan graduated in December 2023, Sao Tome and Principe in December 2024), 32 LLDCs, and
  the OHRLLS SIDS list (38 Member States and 20 non-members), which is what the LDC/SIDS trust
  fund uses. UNSD's M49 SIDS marks are a narrower list (no Bahrain, Bermuda, Cayman Islands,
  Guadeloupe, Martinique, Turks and Caicos).
* M49 hierarchy: country_converter gives each country's M49 leaf (sub-region or intermediate
  region) by name; the codes and parents come from the hand-kept ``m49_regions.csv``.
"""

from __future__ import annotations

import csv
import functools
import gettext
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

_SEEDS = Path(__file__).resolve().parents[2] / "dbt_project/seeds/reference"
ALIASES_CSV = _SEEDS / "country_aliases.csv"
REGIONAL_GROUPS_CSV = _SEEDS / "un_regional_groups.csv"
CLASSIFICATIONS_CSV = _SEEDS / "country_classifications.csv"
M49_REGIONS_CSV = _SEEDS / "m49_regions.csv"

#: The six official UN languages, as the alias table and the dimension name them.
UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
# pycountry ships iso-codes translations under gettext locale names; CLDR (babel) uses its own.
_PYCOUNTRY_LOCALES = {"ar": "ar", "zh": "zh_CN", "fr": "fr", "ru": "ru", "es": "es"}
_BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}

# Source priorities, lowest number wins (see module docstring).
_PRIORITY_ALIAS = 0
_PRIORITY_ISO = 1
_PRIORITY_INFORMAL = 2


# --------------------------------------------------------------------------- normalization

_PUNCTUATION = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'", "′": "'", "،": ",", "&": " and "}
)
# Footnote marks that reports hang on a name. Only at the end, and only shapes that no country
# name has: symbols, digits (Fiji 1, or a superscript that NFKC turned into a digit), a single
# letter or roman numeral in brackets, and the UN document style "a/" or "1/".
_FOOTNOTE = re.compile(
    r"""(?:
        \s*[*†‡§¶#]+
      | \s*\(\s*(?:[a-z]|[ivx]+|\d+)\s*\)
      | \s*\[\s*\w{1,3}\s*\]
      | \s+[a-z]/ | \s*\d+/?
    )\s*$""",
    re.VERBOSE,
)
# Abbreviations that CLDR and sources use for whole words: "St. Lucia", Russian "о-ва"/"о-в"
# (острова/остров, "Бермудские о-ва").
_ABBREVIATIONS = (
    (re.compile(r"\bst\b\.?"), "saint"),
    (re.compile(r"\bо-ва\b"), "острова"),
    (re.compile(r"\bо-в\b"), "остров"),
)
# "X (Y)" -> "Y X": "Venezuela (Bolivarian Republic of)" and "Bolivarian Republic of Venezuela"
# meet, and so do the French, Spanish and Russian equivalents, which put Y first the same way.
# The UN's Arabic lists mark where the name goes with a dash: "فنزويلا (جمهورية - البوليفارية)"
# is "جمهورية فنزويلا البوليفارية", so "X (A - B)" -> "A X B".
_PARENTHESIS = re.compile(r"^(?P<x>[^()]+?)\s*\((?P<y>[^()]+)\)$")
_PLACEHOLDER = re.compile(r"^(?P<a>.+?)\s+-\s+(?P<b>.+)$")
# "X, Y of" -> "Y of X": the ISO 3166 inverted form ("Korea, Republic of",
# "Congo, The Democratic Republic of the", "Iran, république islamique d'") only when the
# tail ends in a linking word, so that "Bonaire, Sint Eustatius and Saba" stays as it is.
_INVERTED = re.compile(
    r"^(?P<x>[^,]+?)\s*,\s*(?P<y>.+?\s(?:of|of the|de|de la|de l'|del|du|des|d'))$"
)
# A leading article is written or not: "the Gambia", Arabic "الإكوادور"/"إكوادور".
_LEADING_ARTICLE = re.compile(r"^(?:the\s+|ال)")
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_country_name(name: str) -> str:
    """The lookup key of a country name; index keys and queries both go through it.

    NFKC (full-width forms, NBSP, superscripts), format characters removed (BOM, bidi marks
    that Arabic text picks up in spreadsheets), apostrophes unified, casefolded, combining marks
    removed (Latin accents, and also Arabic vowel signs and the shadda, which sources write or
    omit freely), footnote marks stripped, "X (Y)" and "X, Y of" put in "Y X" order, a leading
    English article dropped, and then everything but letters and digits removed, so that
    spacing, hyphens and punctuation ("Guinea-Bissau", "Guinea Bissau") do not matter.
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.translate(_PUNCTUATION).casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    text = " ".join(text.split())
    while (stripped := _FOOTNOTE.sub("", text)) != text:
        text = stripped
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    if match := _PARENTHESIS.match(text):
        x, y = match["x"], match["y"]
        placeholder = _PLACEHOLDER.match(y)
        text = f"{placeholder['a']} {x} {placeholder['b']}" if placeholder else f"{y} {x}"
    elif match := _INVERTED.match(text):
        text = f"{match['y']} {match['x']}"
    text = _LEADING_ARTICLE.sub("", text)
    return _NOT_WORD.sub("", text)


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """The outcome of resolving one name: ``iso3`` or a rejection ``reason``, never both."""

    name: str
    iso3: str | None
    reason: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.iso3 is not None


@dataclass(frozen=True, slots=True)
class _Entry:
    priority: int
    iso3: str
    source: str


def _pycountry_names() -> Iterator[tuple[int, str, str, str]]:
    """(priority, iso3, name, source) from ISO 3166-1 via pycountry, with translations."""
    import pycountry

    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        for lang, locale in _PYCOUNTRY_LOCALES.items()
    }
    for country in pycountry.countries:
        fields = (
            ("name", _PRIORITY_ISO),
            ("official_name", _PRIORITY_ISO),
            ("common_name", _PRIORITY_INFORMAL),
        )
        for field, priority in fields:
            name = getattr(country, field, None)
            if not name:
                continue
            yield priority, country.alpha_3, name, f"pycountry:{field}:en"
            for lang, translation in translations.items():
                translated = translation.gettext(name)
                if translated != name:
                    yield priority, country.alpha_3, translated, f"pycountry:{field}:{lang}"


def _babel_names(alpha2_to_iso3: dict[str, str]) -> Iterator[tuple[int, str, str, str]]:
    """CLDR territory names: the everyday short names, in the six languages."""
    import babel

    for lang, locale in _BABEL_LOCALES.items():
        for code, name in babel.Locale.parse(locale).territories.items():
            # CLDR also names regions ("419") and non-ISO groupings ("EU", "XK"): skip those.
            if iso3 := alpha2_to_iso3.get(code):
                yield _PRIORITY_INFORMAL, iso3, name, f"babel:{lang}"


def _country_converter_table() -> list[dict[str, str]]:
    """country_converter's country table as plain rows (imported lazily: it pulls in pandas)."""
    import country_converter

    frame = country_converter.CountryConverter().data
    columns = ["ISO3", "name_short", "name_official", "UNregion", "UNmember"]
    return [
        {key: ("" if value is None or value != value else str(value)) for key, value in row.items()}
        for row in frame[columns].astype(object).to_dict("records")
    ]


def _country_converter_names(iso3_codes: set[str]) -> Iterator[tuple[int, str, str, str]]:
    for row in _country_converter_table():
        if row["ISO3"] not in iso3_codes:  # XKX (Kosovo) is not ISO 3166-1
            continue
        for field in ("name_short", "name_official"):
            if row[field]:
                yield _PRIORITY_INFORMAL, row["ISO3"], row[field], f"country_converter:{field}"


def _alias_names(iso3_codes: set[str]) -> Iterator[tuple[int, str, str, str]]:
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["iso3"] not in iso3_codes:
                raise ValueError(f"{ALIASES_CSV.name}:{line}: unknown ISO3 {row['iso3']!r}")
            yield _PRIORITY_ALIAS, row["iso3"], row["alias"], f"alias:{row['language']}"


def _all_names() -> Iterator[tuple[int, str, str, str]]:
    import pycountry

    alpha2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3_codes = set(alpha2_to_iso3.values())
    yield from _alias_names(iso3_codes)
    yield from _pycountry_names()
    yield from _babel_names(alpha2_to_iso3)
    yield from _country_converter_names(iso3_codes)


def _decide(entries: Iterable[_Entry]) -> str | tuple[str, ...]:
    """One key's answer: the ISO3 of its highest-priority sources, or the tied candidates."""
    entries = list(entries)
    top = min(entry.priority for entry in entries)
    codes = sorted({entry.iso3 for entry in entries if entry.priority == top})
    return codes[0] if len(codes) == 1 else tuple(codes)


# A library name with a trailing qualifier, "Holy See (Vatican City State)",
# "Saint-Siège (état de la cité du Vatican)": its base is an informal name of the same place.
_QUALIFIED = re.compile(r"^(?P<base>[^()]*[^\s()])\s*\([^()]+\)$")


@functools.cache
def _index_entries() -> dict[str, list[_Entry]]:
    """Every normalized key with every source that produced it (kept for diagnostics)."""
    entries: dict[str, list[_Entry]] = defaultdict(list)
    for priority, iso3, name, source in _all_names():
        if key := normalize_country_name(name):
            entries[key].append(_Entry(priority, iso3, source))
        # Only at the lowest priority, so that a base shared by two qualified names ("Virgin
        # Islands (British)", "Virgin Islands (U.S.)") is ambiguous rather than decided.
        qualified = _QUALIFIED.match(unicodedata.normalize("NFKC", name).strip())
        if priority != _PRIORITY_ALIAS and qualified:
            if key := normalize_country_name(qualified["base"]):
                entries[key].append(_Entry(_PRIORITY_INFORMAL, iso3, f"{source}:base"))
    return dict(entries)


@functools.cache
def country_index() -> dict[str, str | tuple[str, ...]]:
    """Normalized key -> ISO3, or the sorted candidates when the key is ambiguous."""
    return {key: _decide(entries) for key, entries in _index_entries().items()}


@functools.lru_cache(maxsize=1 << 16)
def resolve_country(name: str) -> CountryMatch:
    """Resolve one country name as a source wrote it.

    Rejections carry a reason that quotes the name: ``unknown country name 'Atlantis'``,
    ``ambiguous country name 'Korea': KOR, PRK``, ``empty country name ''``.
    """
    if not isinstance(name, str):
        return CountryMatch(str(name), None, f"not a country name: {name!r}")
    key = normalize_country_name(name)
    if not key:
        return CountryMatch(name, None, f"empty country name {name!r}")
    found = country_index().get(key)
    if found is None:
        return CountryMatch(name, None, f"unknown country name {name!r}")
    if isinstance(found, tuple):
        return CountryMatch(
            name, None, f"ambiguous country name {name!r}: {', '.join(found)}", found
        )
    return CountryMatch(name, found)


def resolve_country_series(names: pl.Series) -> pl.DataFrame:
    """Resolve a column of names: ``iso3`` and ``country_reject_reason``, row for row.

    Each distinct name is resolved once, so a column of 100,000 rows costs what its few
    hundred distinct names cost.
    """
    distinct = names.drop_nulls().unique()
    matches = [resolve_country(name) for name in distinct]
    lookup = pl.DataFrame(
        {
            "name": distinct,
            "iso3": [m.iso3 for m in matches],
            "country_reject_reason": [m.reason for m in matches],
        },
        schema={"name": names.dtype, "iso3": pl.String, "country_reject_reason": pl.String},
    )
    frame = names.rename("name").to_frame().with_row_index("_row")
    joined = frame.join(lookup, on="name", how="left").sort("_row")
    return joined.select(
        "iso3",
        pl.when(pl.col("name").is_null())
        .then(pl.lit("empty country name None"))
        .otherwise(pl.col("country_reject_reason"))
        .alias("country_reject_reason"),
    )
