"""Country names -> ISO 3166-1 alpha-3, and the country dimension.

One resolver for every source (DESIGN.md section 4, `country_iso3`). Sources name States in the
six UN languages, formally ("Venezuela (Bolivarian Republic of)") or informally ("Venezuela"),
with typographic apostrophes, NBSPs and footnote marks ("Kenya*", "Fiji 1", "Peru (a)").

Public API
----------
* :func:`resolve_country` -- one name -> :class:`CountryMatch` (``iso3``, or a rejection
  ``reason`` that quotes the name: ``unknown country name 'Atlantis'``,
  ``ambiguous country name 'Saint Martin': MAF, SXM``, ``empty country name ''``).
* :func:`resolve_country_series` -- the same for a polars column, each distinct name once.
* :func:`normalize_country_name` -- the lookup key (index keys and queries both use it).
* :func:`country_index` -- the built index, key -> ISO3 or the candidates of an ambiguous key.
* :func:`country_dimension` -- one row per ISO 3166-1 entry with M49, regions, UN regional
  group, membership and LDC/LLDC/SIDS flags.

How a name is resolved
----------------------
* The index is built once (``functools.cache``) from the project's dependencies -- pycountry
  (ISO 3166-1 short, official and common names, and their iso-codes translations), babel
  (CLDR territory names) and country_converter (short and official names) -- in Arabic,
  Chinese, English, French, Russian and Spanish, plus the project's own alias table
  ``dbt_project/seeds/reference/country_aliases.csv`` for the names the libraries lack.
* "X (Y)" is looked up as "Y X" ("Venezuela (Bolivarian Republic of)"); only when that key is
  unknown, as "X Y" ("Taiwan (Province of China)" = "Taiwan, Province of China",
  "Hong Kong (China)" = "Hong Kong, China"): both are exact keys, so still no guess.
* Never a guess: no fuzzy matching. A key nobody knows is rejected as unknown. Each source has a
  priority (alias table > ISO 3166-1 names > informal names); a key is decided by the
  highest-priority sources that know it, and if those disagree the name is rejected as
  ambiguous, naming the candidates. The priority is what makes the UN usage "Congo" (and the
  Chinese "刚果") the Republic of the Congo although CLDR calls the DRC "刚果（金）".

Decisions
---------
* Taiwan: resolves to TWN, as in ISO 3166-1, so that a source row naming it is kept and
  visible rather than rejected. It is not on the UNSD M49 list (M49 counts it within China) and
  is not a UN Member State, so its dimension row has no M49 code, region or regional group:
  giving it 158 and "Eastern Asia", as some M49-derived datasets do, would assert a UN
  classification that does not exist.
* Kosovo is not an ISO 3166-1 entry; country_converter's user-assigned XKX is left out, so the
  name is rejected as unknown. Supporting it is a project decision (a dimension row + aliases).
* UN regional groups (seed ``un_regional_groups.csv``): the USA is an observer in the Western
  European and others Group and is counted there for electoral purposes, so it carries that
  group (28 members + the USA = 29 rows). Kiribati belongs to no group (null). Tuerkiye takes
  part in both the Asia-Pacific Group and WEOG but counts as WEOG for electoral purposes;
  Israel is a WEOG member. Non-members (territories, Holy See, Palestine) have no group.
* LDC/LLDC/SIDS (seed ``country_classifications.csv``) follow UN-OHRLLS as of 2025: 44 LDCs
  (Bhutan graduated in December 2023, Sao Tome and Principe in December 2024), 32 LLDCs, and
  57 SIDS: 37 Member States, the Cook Islands and Niue, and 18 associate members of the
  regional commissions (Bahrain is no longer listed). UNSD's M49 SIDS marks differ: they
  include Bonaire, Sint Eustatius and Saba and leave out Bermuda, the Cayman Islands,
  Guadeloupe, Martinique and the Turks and Caicos Islands.
* M49 hierarchy: country_converter gives each country's M49 leaf (sub-region or intermediate
  region) by name; the codes and parents come from the hand-kept ``m49_regions.csv``.
* Display names (``name_en`` ...): the UN short name where the alias table has one (note
  exactly "UN short name"), else the ISO 3166 short name in natural order ("Republic of
  Korea", not "Korea, Republic of"; iso-codes translations for the other languages), else
  CLDR. ISO names are formal like the UN's; CLDR's are informal ("North Korea").
"""

from __future__ import annotations

import csv
import functools
import gettext
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

from pipelines.reference.seeds import seed_path

ALIASES_CSV = seed_path("country_aliases")
REGIONAL_GROUPS_CSV = seed_path("un_regional_groups")
CLASSIFICATIONS_CSV = seed_path("country_classifications")
M49_REGIONS_CSV = seed_path("m49_regions")

#: The six official UN languages, as the alias table and the dimension's name columns say them.
UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
#: An alias whose note is exactly this is the UN's own short name: the dimension displays it.
UN_SHORT_NAME_NOTE = "UN short name"

# pycountry ships iso-codes translations under gettext locale names; CLDR (babel) has its own.
_PYCOUNTRY_LOCALES = {"ar": "ar", "zh": "zh_CN", "fr": "fr", "ru": "ru", "es": "es"}
_BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}

# Source priorities, lowest number wins (see the module docstring).
_PRIORITY_ALIAS = 0
_PRIORITY_ISO = 1
_PRIORITY_INFORMAL = 2

# Taiwan is in ISO 3166-1 but not in UNSD M49 (see the module docstring).
_NOT_IN_M49 = frozenset({"TWN"})
# country_converter 1.3.2 puts Nauru in Polynesia; M49 has it in Micronesia (057).
_M49_LEAF_OVERRIDES = {"NRU": "057"}
# M49 puts Antarctica directly under World: no region, sub-region or intermediate region.
_NO_M49_REGION = "Antarctica"


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
# "X, Y of" -> "Y of X": the ISO 3166 inverted form ("Korea, Republic of", "Gambia, The",
# "Congo, The Democratic Republic of the", "Iran, République islamique d'"), only when the
# tail is an article or ends in a linking word, so "Bonaire, Sint Eustatius and Saba" stays.
_INVERTED = re.compile(
    r"^(?P<x>[^,]+?)\s*,\s*(?P<y>the|.+?\s(?:of|of the|de|de la|de l'|del|du|des|d'))$",
    re.IGNORECASE,
)
# A leading article is written or not: "the Gambia", Arabic "الإكوادور"/"إكوادور".
_LEADING_ARTICLE = re.compile(r"^(?:the\s+|ال)", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_country_name(name: str) -> str:
    """The lookup key of a country name; index keys and queries both go through it.

    NFKC (full-width forms, NBSP, superscripts), format characters removed (BOM, bidi marks
    that Arabic text picks up in spreadsheets), apostrophes unified, casefolded, combining marks
    removed (Latin accents, and also the Arabic vowel signs and shadda, which sources write or
    omit freely), footnote marks stripped, "X (Y)" and "X, Y of" put in "Y X" order, a leading
    article dropped, and then everything but letters and digits removed, so that spacing,
    hyphens and punctuation ("Guinea-Bissau", "Guinea Bissau") do not matter.
    """
    return _normalize(name, reorder_parenthesis=True)


def _normalize(name: str, reorder_parenthesis: bool) -> str:
    """`normalize_country_name`; without `reorder_parenthesis`, "X (Y)" stays "X Y"."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.translate(_PUNCTUATION).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    text = " ".join(text.split())
    while (stripped := _FOOTNOTE.sub("", text)) != text:
        text = stripped
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    if (match := _PARENTHESIS.match(text)) and not reorder_parenthesis:
        text = f"{match['x']} {match['y']}"
    elif match:
        x, y = match["x"], match["y"]
        placeholder = _PLACEHOLDER.match(y)
        text = f"{placeholder['a']} {x} {placeholder['b']}" if placeholder else f"{y} {x}"
    elif match := _INVERTED.match(text):
        text = f"{match['y']} {match['x']}"
    text = _LEADING_ARTICLE.sub("", text)
    return _NOT_WORD.sub("", text)


def _natural_order(name: str) -> str:
    """Display form of an ISO 3166 name: "Korea, Republic of" -> "Republic of Korea"."""
    if match := _INVERTED.match(name):
        x, y = match["x"], match["y"]
        joiner = "" if y.endswith("'") else " "  # "d'" + "Iran" -> "d'Iran"
        name = x if y.casefold() == "the" else f"{y}{joiner}{x}"  # "Gambia, The" -> "Gambia"
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return name[:1].upper() + name[1:]


# --------------------------------------------------------------------------- sources


class _Name(NamedTuple):
    priority: int
    iso3: str
    name: str
    source: str


class _Alias(NamedTuple):
    alias: str
    iso3: str
    language: str
    note: str


@functools.cache
def _iso_countries() -> dict[str, Any]:
    """ISO3 -> pycountry record, for every ISO 3166-1 entry."""
    import pycountry

    return {country.alpha_3: country for country in pycountry.countries}


@functools.cache
def _iso_translations() -> dict[str, gettext.NullTranslations]:
    import pycountry

    return {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        for lang, locale in _PYCOUNTRY_LOCALES.items()
    }


@functools.cache
def _cldr_territories() -> dict[str, dict[str, str]]:
    """Language -> ISO3 -> CLDR territory name."""
    import babel

    alpha2 = {country.alpha_2: iso3 for iso3, country in _iso_countries().items()}
    return {
        # CLDR also names regions ("419") and non-ISO codes ("EU", "XK"): keep ISO 3166-1 only.
        lang: {
            alpha2[code]: name
            for code, name in babel.Locale.parse(locale).territories.items()
            if code in alpha2
        }
        for lang, locale in _BABEL_LOCALES.items()
    }


@functools.cache
def _country_converter_rows() -> dict[str, dict[str, str]]:
    """ISO3 -> country_converter's names, M49 leaf and UN membership, as plain strings.

    Imported here, not at module level: country_converter pulls in pandas (~0.3 s), and this
    module is imported by every ingestion asset.
    """
    import country_converter

    columns = ["ISO3", "name_short", "name_official", "UNregion", "UNmember"]
    frame = country_converter.CountryConverter().data[columns].astype("string").fillna("")
    rows: dict[str, dict[str, str]] = {}
    for row in frame.to_dict("records"):
        if row["ISO3"] in _iso_countries():  # XKX (Kosovo) is not ISO 3166-1
            rows[row["ISO3"]] = row
    return rows


@functools.cache
def _aliases() -> tuple[_Alias, ...]:
    """The alias table, checked: a bad row fails loudly instead of resolving wrongly."""
    aliases: list[_Alias] = []
    seen: dict[str, str] = {}
    un_names: set[tuple[str, str]] = set()
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            alias = _Alias(row["alias"], row["iso3"], row["language"], row["note"])
            where = f"{ALIASES_CSV.name}:{line}"
            key = normalize_country_name(alias.alias)
            if alias.iso3 not in _iso_countries():
                raise ValueError(f"{where}: {alias.iso3!r} is not an ISO 3166-1 alpha-3 code")
            if alias.language not in UN_LANGUAGES:
                raise ValueError(f"{where}: language {alias.language!r} is not a UN language")
            if not key or not alias.note.strip():
                raise ValueError(f"{where}: an alias needs a name and a note saying why")
            if seen.setdefault(key, alias.iso3) != alias.iso3:
                raise ValueError(f"{where}: {alias.alias!r} reads as an alias of {seen[key]}")
            if alias.note == UN_SHORT_NAME_NOTE:
                if (alias.iso3, alias.language) in un_names:
                    raise ValueError(f"{where}: second UN short name for {alias.iso3}")
                un_names.add((alias.iso3, alias.language))
            aliases.append(alias)
    return tuple(aliases)


def _all_names() -> Iterator[_Name]:
    for alias in _aliases():
        yield _Name(_PRIORITY_ALIAS, alias.iso3, alias.alias, f"alias:{alias.language}")
    translations = _iso_translations()
    for iso3, country in _iso_countries().items():
        fields = (
            ("name", _PRIORITY_ISO),
            ("official_name", _PRIORITY_ISO),
            ("common_name", _PRIORITY_INFORMAL),
        )
        for field, priority in fields:
            if not (name := getattr(country, field, None)):
                continue
            yield _Name(priority, iso3, name, f"pycountry:{field}:en")
            for lang, translation in translations.items():
                # gettext hands back the English name when there is no translation.
                if (translated := translation.gettext(name)) != name:
                    yield _Name(priority, iso3, translated, f"pycountry:{field}:{lang}")
    for lang, names in _cldr_territories().items():
        for iso3, name in names.items():
            yield _Name(_PRIORITY_INFORMAL, iso3, name, f"cldr:{lang}")
    for iso3, row in _country_converter_rows().items():
        for field in ("name_short", "name_official"):
            if row[field]:
                yield _Name(_PRIORITY_INFORMAL, iso3, row[field], f"country_converter:{field}")


# --------------------------------------------------------------------------- index

# A library name with a trailing qualifier, "Holy See (Vatican City State)",
# "Saint-Siège (état de la cité du Vatican)": its base is an informal name of the same place.
_QUALIFIED = re.compile(r"^(?P<base>[^()]*[^\s()])\s*\([^()]+\)$")


@dataclass(frozen=True, slots=True)
class _Entry:
    priority: int
    iso3: str
    source: str


@functools.cache
def _index_entries() -> dict[str, tuple[_Entry, ...]]:
    """Every normalized key with every source that produced it (kept for diagnostics)."""
    entries: dict[str, list[_Entry]] = defaultdict(list)
    for priority, iso3, name, source in _all_names():
        if key := normalize_country_name(name):
            entries[key].append(_Entry(priority, iso3, source))
        # The base goes in at the lowest priority, so that a base that two qualified names
        # share ("Saint Martin (French part)", "Saint-Martin (partie néerlandaise)") is
        # ambiguous rather than decided.
        qualified = _QUALIFIED.match(unicodedata.normalize("NFKC", name).strip())
        base_key = normalize_country_name(qualified["base"]) if qualified else ""
        if base_key and priority != _PRIORITY_ALIAS:
            entries[base_key].append(_Entry(_PRIORITY_INFORMAL, iso3, f"{source}:base"))
    return {key: tuple(found) for key, found in entries.items()}


def _decide(entries: tuple[_Entry, ...]) -> str | tuple[str, ...]:
    """One key's answer: the ISO3 of its highest-priority sources, or the tied candidates."""
    top = min(entry.priority for entry in entries)
    codes = sorted({entry.iso3 for entry in entries if entry.priority == top})
    return codes[0] if len(codes) == 1 else tuple(codes)


@functools.cache
def country_index() -> dict[str, str | tuple[str, ...]]:
    """Normalized key -> ISO3, or the sorted candidates when the key is ambiguous."""
    return {key: _decide(entries) for key, entries in _index_entries().items()}


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """The outcome of resolving one name: ``iso3``, or a rejection ``reason``, never both."""

    name: str
    iso3: str | None
    reason: str | None = None
    #: For an ambiguous name, the ISO3 codes it could mean (sorted); empty otherwise.
    candidates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.iso3 is not None


# Bounded cache: sources repeat the same few hundred names; a bound keeps a stream of
# garbage names from growing memory without limit.
@functools.lru_cache(maxsize=1 << 16)
def resolve_country(name: str) -> CountryMatch:
    """Resolve one country name as a source wrote it, in any of the six UN languages.

    Rejections quote the name: ``unknown country name 'Atlantis'``,
    ``ambiguous country name 'Saint Martin': MAF, SXM``, ``empty country name ''``
    (also for a name that is only footnote marks), ``missing country name`` for None.
    """
    if name is None:
        return CountryMatch("", None, "missing country name")
    if not isinstance(name, str):
        return CountryMatch(str(name), None, f"not a country name: {name!r}")
    key = normalize_country_name(name)
    if not key:
        return CountryMatch(name, None, f"empty country name {name!r}")
    found = country_index().get(key)
    if found is None:
        # "X (Y)" is read "Y X" ("Venezuela (Bolivarian Republic of)"), but the UN also writes
        # a qualifier that follows the name: "Taiwan (Province of China)" is "Taiwan, Province
        # of China" (ISO 3166-1). Still an exact key, only in the other order: no guess.
        found = country_index().get(_normalize(name, reorder_parenthesis=False))
    if found is None:
        return CountryMatch(name, None, f"unknown country name {name!r}")
    if isinstance(found, tuple):
        reason = f"ambiguous country name {name!r}: {', '.join(found)}"
        return CountryMatch(name, None, reason, found)
    return CountryMatch(name, found)


def resolve_country_series(names: pl.Series) -> pl.DataFrame:
    """Resolve a column of names: columns ``iso3`` and ``country_reject_reason``, row for row.

    Each distinct name is resolved once, so a column of 100,000 rows costs what its few
    hundred distinct names cost.
    """
    distinct = names.cast(pl.String).unique()
    matches = [resolve_country(name) for name in distinct.to_list()]
    lookup = pl.DataFrame(
        {
            "name": distinct,
            "iso3": [match.iso3 for match in matches],
            "country_reject_reason": [match.reason for match in matches],
        },
        schema={"name": pl.String, "iso3": pl.String, "country_reject_reason": pl.String},
    )
    frame = names.cast(pl.String).rename("name").to_frame()
    # A left join keeps the left frame's row order; nulls_equal lets a null name find its row.
    joined = frame.join(lookup, on="name", how="left", nulls_equal=True, maintain_order="left")
    return joined.select("iso3", "country_reject_reason")


# --------------------------------------------------------------------------- dimension

_DIMENSION_SCHEMA: dict[str, type[pl.DataType]] = {
    "iso3": pl.String,
    "iso2": pl.String,
    "m49_code": pl.String,
    **{f"name_{lang}": pl.String for lang in ("en", "fr", "es", "ru", "ar", "zh")},
    "region_code": pl.String,
    "region_name": pl.String,
    "sub_region_code": pl.String,
    "sub_region_name": pl.String,
    "intermediate_region_code": pl.String,
    "intermediate_region_name": pl.String,
    "un_regional_group": pl.String,
    "is_un_member": pl.Boolean,
    "is_ldc": pl.Boolean,
    "is_lldc": pl.Boolean,
    "is_sids": pl.Boolean,
}
_LEVEL_PREFIX = {
    "region": "region",
    "sub-region": "sub_region",
    "intermediate-region": "intermediate_region",
}


def _read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Seeds are keyed by ISO3; a code that is not ISO 3166-1 is a typo, not a new country.
    if "iso3" in (rows[0] if rows else {}):
        unknown = sorted({row["iso3"] for row in rows} - _iso_countries().keys())
        if unknown:
            raise ValueError(f"{path.name}: not ISO 3166-1 alpha-3: {', '.join(unknown)}")
    return rows


def _flag(value: str, where: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError(f"{where}: expected true/false, got {value!r}")
    return value == "true"


def _m49_hierarchy(leaf_code: str | None, regions: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Region, sub-region and intermediate region (code and name) above an M49 leaf."""
    out: dict[str, Any] = {
        f"{prefix}_{part}": None for prefix in _LEVEL_PREFIX.values() for part in ("code", "name")
    }
    code = leaf_code
    while code:
        region = regions[code]
        prefix = _LEVEL_PREFIX[region["level"]]
        out[f"{prefix}_code"], out[f"{prefix}_name"] = code, region["name"]
        code = region["parent_code"] or None
    return out


@functools.cache
def _un_short_names() -> dict[tuple[str, str], str]:
    """(ISO3, language) -> the UN short name, from the alias rows noted as such."""
    return {
        (alias.iso3, alias.language): alias.alias for alias in _aliases() if alias.note == UN_SHORT_NAME_NOTE
    }


def _display_names(iso3: str) -> dict[str, str | None]:
    un_names = _un_short_names()
    country = _iso_countries()[iso3]
    names: dict[str, str | None] = {}
    for lang in ("en", "fr", "es", "ru", "ar", "zh"):
        if lang == "en":
            iso_name: str | None = country.name
        else:
            translated = _iso_translations()[lang].gettext(country.name)
            iso_name = translated if translated != country.name else None
        names[f"name_{lang}"] = (
            un_names.get((iso3, lang))
            or (_natural_order(iso_name) if iso_name else None)
            or _cldr_territories()[lang].get(iso3)
        )
    return names


@functools.cache
def _country_dimension() -> pl.DataFrame:
    regions = {row["m49_code"]: row for row in _read_seed(M49_REGIONS_CSV)}
    leaf_by_name = {row["name"]: code for code, row in regions.items() if row["level"] != "region"}
    groups = {row["iso3"]: row["un_regional_group"] for row in _read_seed(REGIONAL_GROUPS_CSV)}
    flags = {
        row["iso3"]: {
            column: _flag(row[column], f"{CLASSIFICATIONS_CSV.name}: {row['iso3']}")
            for column in ("is_ldc", "is_lldc", "is_sids")
        }
        for row in _read_seed(CLASSIFICATIONS_CSV)
    }
    converter = _country_converter_rows()
    rows = []
    for iso3, country in sorted(_iso_countries().items()):
        un_region = converter.get(iso3, {}).get("UNregion", "")
        if iso3 in _NOT_IN_M49 or un_region in ("", _NO_M49_REGION):
            leaf = None
        elif iso3 in _M49_LEAF_OVERRIDES:
            leaf = _M49_LEAF_OVERRIDES[iso3]
        elif un_region in leaf_by_name:
            leaf = leaf_by_name[un_region]
        else:  # a new country_converter release renamed a region: fail, do not drop it
            raise ValueError(f"{iso3}: M49 region {un_region!r} is not in {M49_REGIONS_CSV.name}")
        rows.append(
            {
                "iso3": iso3,
                "iso2": country.alpha_2,
                # ISO 3166-1 numeric codes are the M49 codes (ISO takes them from UNSD).
                "m49_code": None if iso3 in _NOT_IN_M49 else country.numeric,
                **_display_names(iso3),
                **_m49_hierarchy(leaf, regions),
                "un_regional_group": groups.get(iso3),
                "is_un_member": bool(converter.get(iso3, {}).get("UNmember")),
                **flags.get(iso3, {"is_ldc": False, "is_lldc": False, "is_sids": False}),
            }
        )
    return pl.DataFrame(rows, schema=_DIMENSION_SCHEMA)


def country_dimension() -> pl.DataFrame:
    """One row per ISO 3166-1 entry (249: States and territories), keyed by ``iso3``.

    Columns: iso3, iso2, m49_code (three digits, null for Taiwan), name_en/fr/es/ru/ar/zh,
    region/sub_region/intermediate_region _code and _name (M49, nullable), un_regional_group
    (null for non-members and Kiribati), is_un_member, is_ldc, is_lldc, is_sids.
    """
    # Built once; a clone so that a caller renaming a column cannot change the cached frame.
    return _country_dimension().clone()
