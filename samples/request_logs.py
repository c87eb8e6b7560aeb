"""Synthetic request logs: one event-log file per reporting year, with planted defects and the
ground truth of the `needs` mart.

What the files look like (the contract the request-log parser implements)
--------------------------------------------------------------------------
One row per status change of a State's request for technical assistance (HRC res. 18/18,
para. 11). One file per reporting year, ``request_log_<year>.csv`` or ``.xlsx`` (one sheet,
``Requests <year>``); every event in a year's file is dated in that year, so a request received
in 2015 and completed in 2016 has its completion row in the 2016 file. The backlog starts empty
in the first year generated. Header on row 1; 15 columns, always in this order (canonical name:
standard wording, see `HEADER_WORDINGS` for every wording used):

    request_id          Request ID          ``TCR-<year of receipt>-<serial, 5+ digits>``
    requesting_state    Requesting State    a name as documents write it, varied per row
    received_on         Received on         date of receipt (same on every row of a request)
    event_date          Event date          date of this status change (= Received on for
                                            the Received row)
    status              Status              Received, Under assessment, Accepted, Declined,
                                            In delivery, Completed, Withdrawn
    channel             Channel             how the request arrived
    thematic_area       Thematic area       a label of thematic_area_labels.csv (the code is
                                            fixed per request, the label may vary per row, a
                                            few rows differ in case or surrounding spaces)
    upr_recommendations UPR recommendations empty or ``115.23; 115.40`` (same on every row)
    responding_office   Responding office   OHCHR Geneva, a regional office or a presence
    estimated_cost      Estimated cost      whole units of the currency, > 0, every row
    currency            Currency            a currency of fx_rates.csv
    funded_amount       Funded amount       empty before acceptance, then 0 <= x <= cost;
                                            may rise once delivery starts
    funding_source      Funding source      a label of fund_labels.csv, empty before acceptance
    focal_point         Focal point         synthetic person (personal data: hash it)
    focal_point_email   Focal point e-mail  synthetic address under the reserved .example TLD

Lifecycle: Received -> (Under assessment) -> Accepted | Declined; Accepted -> In delivery ->
Completed; Withdrawn is possible at any point before completion; at most one event of each
status per request; dates strictly increase along a request and fall on weekdays. Events after
31 December of the last generated year have not happened yet, so some requests stay open.

Formats vary per year as real exports do (see `FILE_FORMATS`): CSV in utf-8, utf-8 with BOM or
cp1252 (whose rows fall back to Latin-script names), delimited by ``,``, ``;`` or tab, quoted
only where needed (exactly as the csv module's QUOTE_MINIMAL), dates ``YYYY-MM-DD`` or
``DD/MM/YYYY``; XLSX with real date cells; three header wordings. With ``scale > 1`` (benchmark
volumes) every year is written as utf-8 comma CSV, because XLSX at millions of rows is neither
fast to write nor what a benchmark of the CSV path needs.

Planted defects (`DEFECT_PLAN`): each is an *extra* row, never a mutation of a row the ground
truth needs, and breaks exactly one rule:

    missing_request_id    a copy of a valid row with an empty Request ID
    unknown_country       a Received row of a new request from a State that does not exist
    event_before_receipt  an event of a new request dated before its Received on
    duplicate_event       an exact copy of a valid row, a few rows below it (the copy is the
                          defect, the first occurrence is valid)
    negative_amount       a new request with Estimated cost < 0, or Funded amount < 0
    unknown_status        a row of an existing request with a status outside the lifecycle

``manifest.json`` lists every file (format, encoding, delimiter, date format, rows, expected
loaded and rejected rows, sha256), every defect (file, physical row: header = row 1, first data
row = row 2, rule, description) and `expected_needs`, the needs metrics computed from the
internal model (never by re-reading the files), for sentinel States and as yearly totals.

Everything here is synthetic: no real request, office workload or person is described.
Same seed, years and scale -> byte-identical files (fixed XLSX creation date, no timestamps).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import polars as pl
import xlsxwriter

from pipelines.settings import SEEDS_DIR
from samples.upr_reviews import SAMPLE_REVIEWS

GENERATOR_MODULE: Final = "samples.request_logs"
# Bump when the output changes on purpose: the manifest records it next to the files.
GENERATOR_VERSION: Final = "1.1.0"  # 1.1: UPR citations point at the sample reports
DEFAULT_SEED: Final = 18_18
DEFAULT_YEARS: Final = range(2012, 2026)
FAMILY_DIR: Final = "request_logs"
MANIFEST_NAME: Final = "manifest.json"
SENTINEL_STATES: Final = ("CIV", "COL", "KEN", "TUR", "UKR", "VEN")

# --------------------------------------------------------------------------------------------
# Columns and header wordings
# --------------------------------------------------------------------------------------------

COLUMNS: Final = (
    "request_id",
    "requesting_state",
    "received_on",
    "event_date",
    "status",
    "channel",
    "thematic_area",
    "upr_recommendations",
    "responding_office",
    "estimated_cost",
    "currency",
    "funded_amount",
    "funding_source",
    "focal_point",
    "focal_point_email",
)

HEADER_SETS: Final[Mapping[str, tuple[str, ...]]] = {
    "standard": (
        "Request ID",
        "Requesting State",
        "Received on",
        "Event date",
        "Status",
        "Channel",
        "Thematic area",
        "UPR recommendations",
        "Responding office",
        "Estimated cost",
        "Currency",
        "Funded amount",
        "Funding source",
        "Focal point",
        "Focal point e-mail",
    ),
    # The field offices' older tracker.
    "alt_a": (
        "Ref.",
        "State",
        "Date received",
        "Date",
        "Request status",
        "Channel",
        "Area",
        "UPR recs",
        "Office",
        "Cost estimate",
        "Cur.",
        "Funded",
        "Source of funds",
        "Contact person",
        "Contact e-mail",
    ),
    # A spreadsheet template used for a few years at headquarters.
    "alt_b": (
        "Request no.",
        "Member State",
        "Date of receipt",
        "Date of event",
        "Stage",
        "Received via",
        "Thematic area of support",
        "UPR rec. no.",
        "Lead office",
        "Budget estimate",
        "Currency code",
        "Amount funded",
        "Funded from",
        "Focal point name",
        "E-mail",
    ),
}

# Canonical column -> every header wording any generated file uses for it (standard first).
# The parser's synonym table must cover all of them; a test checks it against this constant.
HEADER_WORDINGS: Final[Mapping[str, tuple[str, ...]]] = {
    column: tuple(dict.fromkeys(headers[i] for headers in HEADER_SETS.values()))
    for i, column in enumerate(COLUMNS)
}

# --------------------------------------------------------------------------------------------
# Statuses, channels, requesting States, offices, people
# --------------------------------------------------------------------------------------------

STATUSES: Final = (
    "Received",
    "Under assessment",
    "Accepted",
    "Declined",
    "In delivery",
    "Completed",
    "Withdrawn",
)
RECEIVED, ASSESSMENT, ACCEPTED, DECLINED, DELIVERY, COMPLETED, WITHDRAWN = range(7)
CLOSING_STATUSES: Final = ("Declined", "Completed", "Withdrawn")

CHANNELS: Final = (
    ("Note verbale", 35.0),
    ("UPR follow-up", 20.0),
    ("Treaty body follow-up", 12.0),
    ("Special procedure visit", 8.0),
    ("Request through the Resident Coordinator", 18.0),
    ("Letter from a Minister", 7.0),
)
UPR_CHANNEL = 1


@dataclass(frozen=True)
class StateSpec:
    iso3: str
    region: str
    weight: float
    # The first variant is the UN English short name and is drawn three times as often.
    variants: tuple[str, ...]


# Developing countries and countries in transition that request assistance, weighted by how
# often they plausibly do; the sentinels carry ~4 % of requests each, so every (sentinel, year)
# has dozens of requests. Variants are names real documents use, in the six UN languages.
# fmt: off
STATES: Final[tuple[StateSpec, ...]] = (
    # Sentinels (ground truth per State is published for these).
    StateSpec("VEN", "SAM", 3.0, ("Venezuela (Bolivarian Republic of)",
                                  "Bolivarian Republic of Venezuela", "Venezuela",
                                  "委内瑞拉玻利瓦尔共和国", "Venezuela (République bolivarienne du)")),
    StateSpec("CIV", "WAF", 3.0, ("Côte d’Ivoire", "Cote d'Ivoire", "Côte d'Ivoire",
                                  "Côte d’Ivoire*", "كوت ديفوار")),
    StateSpec("TUR", "EUR", 3.0, ("Türkiye", "Turkey", "Turquie", "Турция",
                                  "Republic of Türkiye")),
    StateSpec("KEN", "EAF", 3.0, ("Kenya", "Kenya*", "Republic of Kenya", "Кения", "肯尼亚")),
    StateSpec("COL", "SAM", 3.0, ("Colombia", "Colombie", "Republic of Colombia", "Колумбия",
                                  "كولومبيا")),
    StateSpec("UKR", "EUR", 3.0, ("Ukraine", "Ucrania", "Украина", "أوكرانيا", "Ukraine*")),
    # Africa
    StateSpec("COD", "CAF", 1.6, ("Democratic Republic of the Congo",
                                  "République démocratique du Congo",
                                  "Congo, Democratic Republic of the", "DR Congo",
                                  "刚果民主共和国")),
    StateSpec("CAF", "CAF", 1.2, ("Central African Republic", "République centrafricaine",
                                  "Центральноафриканская Республика")),
    StateSpec("MLI", "WAF", 1.3, ("Mali", "Malí", "Mali*")),
    StateSpec("NER", "WAF", 0.9, ("Niger", "Níger", "Нигер")),
    StateSpec("BFA", "WAF", 1.0, ("Burkina Faso", "Буркина-Фасо", "Burkina Faso*")),
    StateSpec("TCD", "CAF", 0.8, ("Chad", "Tchad", "Чад")),
    StateSpec("SSD", "EAF", 1.2, ("South Sudan", "Soudan du Sud", "Republic of South Sudan",
                                  "جنوب السودان")),
    StateSpec("SDN", "EAF", 1.0, ("Sudan", "Soudan", "Republic of the Sudan", "السودان")),
    StateSpec("SOM", "EAF", 1.1, ("Somalia", "Somalie", "Federal Republic of Somalia",
                                  "الصومال")),
    StateSpec("ETH", "EAF", 1.0, ("Ethiopia", "Éthiopie", "Federal Democratic Republic of Ethiopia")),
    StateSpec("UGA", "EAF", 1.0, ("Uganda", "Ouganda", "Republic of Uganda")),
    StateSpec("TZA", "EAF", 0.9, ("United Republic of Tanzania", "Tanzania",
                                  "République-Unie de Tanzanie", "Tanzania*")),
    StateSpec("RWA", "EAF", 0.6, ("Rwanda", "Руанда")),
    StateSpec("BDI", "EAF", 0.8, ("Burundi", "Republic of Burundi", "Бурунди")),
    StateSpec("GIN", "WAF", 0.9, ("Guinea", "Guinée", "Republic of Guinea")),
    StateSpec("SLE", "WAF", 0.7, ("Sierra Leone", "Sierra Leona", "Сьерра-Леоне")),
    StateSpec("LBR", "WAF", 0.8, ("Liberia", "Libéria", "Republic of Liberia")),
    StateSpec("TGO", "WAF", 0.6, ("Togo", "Togolese Republic")),
    StateSpec("SEN", "WAF", 0.7, ("Senegal", "Sénégal", "Republic of Senegal")),
    StateSpec("MRT", "WAF", 0.6, ("Mauritania", "Mauritanie", "Islamic Republic of Mauritania",
                                  "موريتانيا")),
    StateSpec("CMR", "CAF", 0.8, ("Cameroon", "Cameroun", "Republic of Cameroon")),
    StateSpec("MDG", "SAF", 0.7, ("Madagascar", "Republic of Madagascar", "Мадагаскар")),
    StateSpec("MOZ", "SAF", 0.7, ("Mozambique", "Republic of Mozambique", "Мозамбик")),
    StateSpec("GMB", "WAF", 0.5, ("Gambia", "The Gambia", "Gambie", "Republic of the Gambia")),
    # Latin America and the Caribbean
    StateSpec("BOL", "SAM", 1.0, ("Bolivia (Plurinational State of)",
                                  "Plurinational State of Bolivia", "Bolivia",
                                  "Bolivie (État plurinational de)", "多民族玻利维亚国")),
    StateSpec("GTM", "CAM", 1.2, ("Guatemala", "Republic of Guatemala", "Гватемала")),
    StateSpec("HND", "CAM", 1.0, ("Honduras", "Republic of Honduras", "هندوراس")),
    StateSpec("SLV", "CAM", 0.8, ("El Salvador", "Republic of El Salvador", "Сальвадор")),
    StateSpec("MEX", "CAM", 1.1, ("Mexico", "México", "Mexique", "United Mexican States")),
    StateSpec("HTI", "CAM", 1.1, ("Haiti", "Haïti", "Haití", "Republic of Haiti")),
    StateSpec("PRY", "SAM", 0.8, ("Paraguay", "Republic of Paraguay", "Парагвай")),
    StateSpec("ECU", "SAM", 0.9, ("Ecuador", "Équateur", "Republic of Ecuador")),
    StateSpec("PER", "SAM", 0.8, ("Peru", "Perú", "Pérou")),
    # Asia and the Pacific
    StateSpec("AFG", "SAS", 1.2, ("Afghanistan", "Afganistán", "Афганистан",
                                  "Islamic Republic of Afghanistan")),
    StateSpec("KHM", "SEA", 1.0, ("Cambodia", "Cambodge", "Kingdom of Cambodia", "柬埔寨")),
    StateSpec("MMR", "SEA", 1.0, ("Myanmar", "Republic of the Union of Myanmar", "Мьянма",
                                  "缅甸")),
    StateSpec("LKA", "SAS", 0.9, ("Sri Lanka", "Democratic Socialist Republic of Sri Lanka",
                                  "斯里兰卡")),
    StateSpec("NPL", "SAS", 0.8, ("Nepal", "Népal", "Federal Democratic Republic of Nepal")),
    StateSpec("MNG", "SEA", 0.6, ("Mongolia", "Mongolie", "Монголия")),
    StateSpec("TLS", "PAC", 0.6, ("Timor-Leste", "Timor Leste", "东帝汶",
                                  "Democratic Republic of Timor-Leste")),
    StateSpec("FJI", "PAC", 0.6, ("Fiji", "Fidji", "Republic of Fiji")),
    StateSpec("PNG", "PAC", 0.6, ("Papua New Guinea", "Papouasie-Nouvelle-Guinée",
                                  "Independent State of Papua New Guinea")),
    StateSpec("PHL", "SEA", 0.8, ("Philippines", "Filipinas", "Republic of the Philippines",
                                  "菲律宾")),
    StateSpec("VNM", "SEA", 0.7, ("Viet Nam", "Vietnam", "越南", "Вьетнам")),
    StateSpec("LAO", "SEA", 0.6, ("Lao People's Democratic Republic", "Lao PDR",
                                  "République démocratique populaire lao", "老挝人民民主共和国")),
    StateSpec("KGZ", "CAS", 0.9, ("Kyrgyzstan", "Kyrgyz Republic", "Кыргызстан",
                                  "Kirghizistan")),
    StateSpec("KAZ", "CAS", 0.7, ("Kazakhstan", "Republic of Kazakhstan", "Казахстан")),
    StateSpec("TJK", "CAS", 0.7, ("Tajikistan", "Republic of Tajikistan", "Таджикистан",
                                  "Tayikistán")),
    # Middle East and North Africa
    StateSpec("SYR", "MENA", 1.0, ("Syrian Arab Republic", "Syria",
                                   "الجمهورية العربية السورية", "République arabe syrienne")),
    StateSpec("YEM", "MENA", 1.0, ("Yemen", "Yémen", "Republic of Yemen", "اليمن")),
    StateSpec("IRQ", "MENA", 1.0, ("Iraq", "Republic of Iraq", "العراق")),
    StateSpec("LBN", "MENA", 0.8, ("Lebanon", "Liban", "Lebanese Republic", "لبنان")),
    StateSpec("PSE", "MENA", 1.0, ("State of Palestine", "Palestine", "دولة فلسطين",
                                   "État de Palestine")),
    StateSpec("TUN", "MENA", 1.0, ("Tunisia", "Tunisie", "Republic of Tunisia", "تونس")),
    StateSpec("LBY", "MENA", 0.9, ("Libya", "Libye", "State of Libya", "ليبيا")),
    StateSpec("JOR", "MENA", 0.6, ("Jordan", "Jordanie", "Hashemite Kingdom of Jordan",
                                   "الأردن")),
    # Europe and Central Asia (countries in transition)
    StateSpec("MDA", "EUR", 1.1, ("Republic of Moldova", "Moldova", "République de Moldova",
                                  "Республика Молдова")),
    StateSpec("GEO", "EUR", 0.9, ("Georgia", "Géorgie", "Грузия")),
    StateSpec("ARM", "EUR", 0.7, ("Armenia", "Arménie", "Republic of Armenia", "Армения")),
    StateSpec("BIH", "EUR", 0.7, ("Bosnia and Herzegovina", "Bosnia & Herzegovina",
                                  "Bosnie-Herzégovine")),
    StateSpec("ALB", "EUR", 0.6, ("Albania", "Albanie", "Republic of Albania")),
    StateSpec("MKD", "EUR", 0.6, ("North Macedonia", "Republic of North Macedonia",
                                  "Macédoine du Nord")),
    StateSpec("RUS", "EUR", 0.5, ("Russian Federation", "Russia", "Российская Федерация",
                                  "Fédération de Russie")),
    StateSpec("UZB", "CAS", 0.8, ("Uzbekistan", "Republic of Uzbekistan", "Узбекистан",
                                  "Ouzbékistan")),
)
# fmt: on

HEADQUARTERS: Final = "OHCHR Geneva"
REGIONAL_OFFICES: Final[Mapping[str, str]] = {
    "EAF": "OHCHR Regional Office for East Africa (Addis Ababa)",
    "WAF": "OHCHR Regional Office for West Africa (Dakar)",
    "CAF": "UN Centre for Human Rights and Democracy in Central Africa (Yaoundé)",
    "SAF": "OHCHR Regional Office for Southern Africa (Pretoria)",
    "SAM": "OHCHR Regional Office for South America (Santiago)",
    "CAM": "OHCHR Regional Office for Central America (Panama City)",
    "SEA": "OHCHR Regional Office for South-East Asia (Bangkok)",
    "PAC": "OHCHR Regional Office for the Pacific (Suva)",
    "CAS": "OHCHR Regional Office for Central Asia (Bishkek)",
    "MENA": "OHCHR Regional Office for the Middle East and North Africa (Beirut)",
    "EUR": "OHCHR Regional Office for Europe (Brussels)",
}
COUNTRY_PRESENCES: Final[Mapping[str, str]] = {
    "COL": "OHCHR Country Office in Colombia (Bogotá)",
    "VEN": "OHCHR Office in Venezuela (Caracas)",
    "UKR": "UN Human Rights Monitoring Mission in Ukraine",
    "KEN": "Human Rights Adviser to the UN Country Team in Kenya",
    "CIV": "Human Rights Adviser to the UN Country Team in Côte d'Ivoire",
    "GTM": "OHCHR Country Office in Guatemala",
    "HND": "OHCHR Country Office in Honduras",
    "MEX": "OHCHR Country Office in Mexico",
    "BOL": "OHCHR Country Office in Bolivia",
    "KHM": "OHCHR Country Office in Cambodia",
    "TUN": "OHCHR Country Office in Tunisia",
    "PSE": "OHCHR Office in the State of Palestine",
    "YEM": "OHCHR Country Office in Yemen",
    "SYR": "OHCHR Syria Office (Beirut)",
    "COD": "UN Joint Human Rights Office (DRC)",
    "AFG": "Human Rights Service, UNAMA",
    "SSD": "Human Rights Division, UNMISS",
    "MLI": "Human Rights and Protection Division, MINUSMA",
    "CAF": "Human Rights Division, MINUSCA",
    "HTI": "Human Rights Service, BINUH",
    "LBY": "Human Rights Service, UNSMIL",
    "IRQ": "Human Rights Office, UNAMI",
    "SOM": "Human Rights and Protection Group, UNSOM",
    "UGA": "OHCHR Country Office in Uganda",
    "GIN": "OHCHR Country Office in Guinea",
    "TCD": "OHCHR Country Office in Chad",
    "BFA": "OHCHR Country Office in Burkina Faso",
    "NER": "OHCHR Country Office in Niger",
    "LBR": "OHCHR Country Office in Liberia",
    "MRT": "OHCHR Country Office in Mauritania",
    "MDA": "Human Rights Adviser, UN Moldova",
    "GEO": "Human Rights Adviser, UN Georgia",
    "ECU": "Human Rights Adviser, UN Ecuador",
    "PRY": "Human Rights Adviser, UN Paraguay",
    "LKA": "Human Rights Adviser, UN Sri Lanka",
    "TLS": "Human Rights Adviser, UN Timor-Leste",
    "PNG": "Human Rights Adviser, UN Papua New Guinea",
    "MDG": "Human Rights Adviser, UN Madagascar",
    "RWA": "Human Rights Adviser, UN Rwanda",
    "SLE": "Human Rights Adviser, UN Sierra Leone",
}

# Synthetic focal points: names combined at random from per-region pools. Every name is
# cp1252-encodable so that it survives the cp1252 exports unchanged.
# fmt: off
NAME_POOLS: Final[Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "africa_fr": (
        ("Aminata", "Moussa", "Fatou", "Ibrahima", "Mariam", "Kouassi", "Aïcha", "Awa", "Sékou",
         "Adjoa", "Ousmane", "Nafissatou"),
        ("Traoré", "Koné", "Diallo", "Ouattara", "Coulibaly", "Ndiaye", "Sow", "Diop", "Kaboré",
         "Bamba", "Touré", "Mbaye"),
    ),
    "africa_en": (
        ("Grace", "Wanjiru", "Peter", "Achieng", "Joseph", "Mercy", "Samuel", "Amina", "Daniel",
         "Faith", "Abebe", "Halima"),
        ("Mwangi", "Otieno", "Kamau", "Wanyama", "Mutua", "Okello", "Nakato", "Tesfaye",
         "Mensah", "Banda", "Phiri", "Hassan"),
    ),
    "latam": (
        ("María", "José", "Juan Pablo", "Camila", "Andrés", "Valentina", "Luis", "Daniela",
         "Carlos", "Rosa", "Alejandro", "Lucía"),
        ("Rodríguez", "González", "Pérez", "Martínez", "Gómez", "Quispe", "Mamani", "Hernández",
         "Ramírez", "Castillo", "Mendoza", "Rojas"),
    ),
    "europe": (
        ("Olena", "Dmytro", "Oksana", "Andriy", "Zeynep", "Mehmet", "Ana", "Giorgi", "Tamar",
         "Irina", "Alexei", "Elif"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Yilmaz", "Demir", "Kaya",
         "Beridze", "Petrenko", "Ivanenko", "Hoxha", "Popescu"),
    ),
    "mena": (
        ("Nour", "Bilal", "Rania", "Omar", "Layla", "Karim", "Hiba", "Youssef", "Samira",
         "Ahmad", "Dina", "Tarek"),
        ("Haddad", "Khoury", "Mansour", "Saleh", "Nasser", "Hamdan", "Aziz", "Farah", "Darwish",
         "Qasim", "Jaber", "Ben Ali"),
    ),
    "asia": (
        ("Sokha", "Chanthaly", "Thi Lan", "Minh", "Priya", "Ramesh", "Aigerim", "Bakyt",
         "Maria Luisa", "Tenzin", "Nilufar", "João"),
        ("Nguyen", "Tran", "Chea", "Vongsa", "Perera", "Shrestha", "Bataar", "Sadykov",
         "Santos", "Reyes", "Rahimi", "Soares"),
    ),
}
# fmt: on
# fmt: off
REGION_NAME_POOL: Final[Mapping[str, str]] = {
    "EAF": "africa_en", "SAF": "africa_en", "WAF": "africa_fr", "CAF": "africa_fr",
    "SAM": "latam", "CAM": "latam", "EUR": "europe", "MENA": "mena",
    "SEA": "asia", "PAC": "asia", "SAS": "asia", "CAS": "asia",
}
# fmt: on
MINISTRIES: Final = ("mfa", "justice", "humanrights", "interior", "planning")
FOCAL_POINTS_PER_STATE: Final = 6

# Relative frequency of thematic areas; unknown codes (a later seed) get the default.
# fmt: off
AREA_WEIGHTS: Final[Mapping[str, float]] = {
    "rule_of_law": 14, "nhri": 9, "treaty_reporting": 9, "upr_implementation": 12,
    "education_training": 10, "gender_equality": 9, "non_discrimination": 7, "civic_space": 7,
    "esc_rights": 6, "migration": 4, "torture_prevention": 5, "transitional_justice": 4,
    "business_human_rights": 3, "indicators_data": 3,
}
# fmt: on
CURRENCY_WEIGHTS: Final[Mapping[str, float]] = {
    "USD": 74,
    "EUR": 8,
    "CHF": 5,
    "GBP": 3,
    "NOK": 4,
    "SEK": 3,
    "JPY": 3,
}
# Fund choice; requests linked to UPR recommendations lean on the UPR implementation fund.
# fmt: off
FUND_WEIGHTS: Final[Mapping[str, tuple[float, float]]] = {  # (not UPR-linked, UPR-linked)
    "VFTC": (32, 22), "VFFTA": (8, 40), "UPR_PARTICIPATION": (4, 6), "LDC_SIDS_TF": (4, 2),
    "HC_TRUST_FUND": (26, 15), "REGULAR_BUDGET": (26, 15),
}
# fmt: on
LANGUAGE_WEIGHTS: Final[Mapping[str, float]] = {"en": 4.0, "fr": 1.5, "es": 1.5}

# --------------------------------------------------------------------------------------------
# File formats per year and the defect plan
# --------------------------------------------------------------------------------------------

DateFormat = Literal["YYYY-MM-DD", "DD/MM/YYYY", "excel"]
_STRFTIME: Final[Mapping[str, str]] = {"YYYY-MM-DD": "%Y-%m-%d", "DD/MM/YYYY": "%d/%m/%Y"}


@dataclass(frozen=True)
class FileFormat:
    format: Literal["csv", "xlsx"]
    encoding: str | None = "utf-8"
    delimiter: str | None = ","
    date_format: DateFormat = "YYYY-MM-DD"
    line_terminator: str | None = "\n"
    headers: str = "standard"
    excel_number_format: str | None = None


def _xlsx(headers: str, number_format: str) -> FileFormat:
    return FileFormat("xlsx", None, None, "excel", None, headers, number_format)


# Years not listed (custom ranges) get the plain default: utf-8, comma, ISO dates.
# fmt: off
FILE_FORMATS: Final[Mapping[int, FileFormat]] = {
    2012: FileFormat("csv", "utf-8", ","),
    2013: FileFormat("csv", "cp1252", ";", "DD/MM/YYYY", "\r\n"),
    2014: _xlsx("standard", "yyyy-mm-dd"),
    2015: FileFormat("csv", "utf-8-sig", ",", "YYYY-MM-DD", "\r\n"),
    2016: _xlsx("alt_b", "dd/mm/yyyy"),
    2017: FileFormat("csv", "utf-8", "\t", "YYYY-MM-DD", "\n", "alt_a"),
    2018: FileFormat("csv", "cp1252", ";", "DD/MM/YYYY", "\r\n", "alt_a"),
    2019: _xlsx("standard", "d-mmm-yyyy"),
    2020: _xlsx("standard", "yyyy-mm-dd"),
    2021: FileFormat("csv", "utf-8", ","),
    2022: FileFormat("csv", "utf-8-sig", "\t", "DD/MM/YYYY", "\r\n"),
    2023: _xlsx("alt_b", "yyyy-mm-dd"),
    2024: FileFormat("csv", "utf-8", ","),
    2025: FileFormat("csv", "utf-8-sig", ";"),
}
# fmt: on
_BENCHMARK_FORMAT: Final = FileFormat("csv", "utf-8", ",")

DEFECT_RULES: Final = (
    "missing_request_id",
    "unknown_country",
    "event_before_receipt",
    "duplicate_event",
    "negative_amount",
    "unknown_status",
)
# year -> (rule, detail): the detail is the unknown name/status, or which amount is negative.
# fmt: off
DEFECT_PLAN: Final[Mapping[int, tuple[tuple[str, str], ...]]] = {
    2013: (("missing_request_id", ""), ("duplicate_event", "")),
    2015: (("unknown_country", "Atlantis"), ("negative_amount", "estimated_cost"),
           ("unknown_status", "Pending?")),
    2016: (("event_before_receipt", ""), ("missing_request_id", "")),
    2018: (("duplicate_event", ""), ("unknown_country", "Republic of Freedonia")),
    2020: (("negative_amount", "funded_amount"), ("unknown_status", "On hold")),
    2021: (("event_before_receipt", ""), ("duplicate_event", "")),
    2023: (("missing_request_id", ""), ("unknown_country", "Genovia")),
    2024: (("negative_amount", "estimated_cost"), ("event_before_receipt", ""),
           ("unknown_status", "TBC")),
}
# fmt: on

# --------------------------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileEntry:
    path: str
    year: int
    format: str
    encoding: str | None
    delimiter: str | None
    date_format: str
    sheet: str | None
    rows: int
    expected_loaded: int
    expected_rejects: dict[str, int]
    sha256: str
    header_wording: str
    line_terminator: str | None
    excel_number_format: str | None


@dataclass(frozen=True)
class Defect:
    file: str
    row: int
    rule: str
    description: str


@dataclass(frozen=True)
class Manifest:
    generator: dict[str, str]
    seed: int
    scale: float
    years: list[int]
    files: list[FileEntry]
    defects: list[Defect]
    expected_needs: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": self.generator,
            "seed": self.seed,
            "scale": self.scale,
            "years": self.years,
            "files": [vars(f) for f in self.files],
            "defects": [vars(d) for d in self.defects],
            "expected_needs": self.expected_needs,
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# Reference data (the project's seeds)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    area_labels: tuple[tuple[str, str, str], ...]  # (label, thematic_area_code, language)
    fund_labels: tuple[tuple[str, str, str], ...]  # (label, fund_code, language)
    fx: Mapping[tuple[str, int], str]  # (currency, year) -> usd_per_unit, as written

    @property
    def area_codes(self) -> list[str]:
        return list(dict.fromkeys(code for _, code, _ in self.area_labels))

    @property
    def fund_codes(self) -> list[str]:
        return list(dict.fromkeys(code for _, code, _ in self.fund_labels))

    @property
    def currencies(self) -> list[str]:
        return list(dict.fromkeys(currency for currency, _ in self.fx))


def _read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(seeds_dir: Path = SEEDS_DIR) -> Reference:
    """The labels and rates the rows must use, read from the dbt seeds (the one truth)."""
    areas = _read_seed(seeds_dir / "thematic_area_labels.csv")
    funds = _read_seed(seeds_dir / "fund_labels.csv")
    rates = _read_seed(seeds_dir / "fx_rates.csv")
    return Reference(
        area_labels=tuple((r["label"], r["thematic_area_code"], r["language"]) for r in areas),
        fund_labels=tuple((r["label"], r["fund_code"], r["language"]) for r in funds),
        # Rates stay strings so that the ground truth can be computed in exact decimals.
        fx={(r["currency"], int(r["year"])): r["usd_per_unit"] for r in rates},
    )


# --------------------------------------------------------------------------------------------
# Vectorised helpers
# --------------------------------------------------------------------------------------------

NONE: Final = -1  # "no such event" in the int32 day arrays
_EPOCH: Final = dt.date(1970, 1, 1)


def _rng(seed: int, *keys: int) -> np.random.Generator:
    # One independent stream per purpose (and year), so that adding a year or changing the
    # scale does not reshuffle the draws of everything else.
    return np.random.default_rng([seed, *keys])


def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _weekday(days: np.ndarray) -> np.ndarray:
    return (days + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0


def _is_holiday(days: np.ndarray) -> np.ndarray:
    """New Year's Day and Christmas Day, when no office logs anything."""
    dates = days.astype("datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (dates - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    return ((month == 1) & (day == 1)) | ((month == 12) & (day == 25))


def _next_workday(days: np.ndarray) -> np.ndarray:
    """Move weekends and holidays forward to the next working day (offices log on working
    days). Three rounds settle every case, e.g. Sat 23 Dec -> Mon 25 Dec -> Tue 26 Dec."""
    for _ in range(3):
        wd = _weekday(days)
        days = days + np.where(wd == 5, 2, np.where(wd == 6, 1, 0))
        days = days + _is_holiday(days)
    return days


def _delay(rng: np.random.Generator, n: int, median: float, sigma: float, low: int) -> np.ndarray:
    """Log-normal delays in days: most short, a long tail of slow cases."""
    return np.maximum(low, np.rint(median * np.exp(sigma * rng.standard_normal(n)))).astype(np.int64)


def _is_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class _ChoiceTable:
    """Weighted choice of one option per row within a group (e.g. a name variant of the row's
    State), for many rows at once: options are flattened into one string list, and a row's
    draw u in [0, 1) picks the option whose cumulative weight first exceeds u."""

    def __init__(self, groups: Sequence[Sequence[tuple[str, float]]]) -> None:
        if any(not g for g in groups):
            raise ValueError("every group needs at least one option")
        width = max(len(g) for g in groups)
        self.strings: list[str] = []
        self.offsets = np.zeros(len(groups), dtype=np.int64)
        self.counts = np.zeros(len(groups), dtype=np.int64)
        self.cum = np.ones((len(groups), width), dtype=np.float64)
        for i, options in enumerate(groups):
            self.offsets[i] = len(self.strings)
            self.counts[i] = len(options)
            weights = np.array([w for _, w in options], dtype=np.float64)
            self.cum[i, : len(options)] = np.cumsum(weights) / weights.sum()
            self.strings.extend(s for s, _ in options)
        self.series = pl.Series(self.strings, dtype=pl.String)

    def draw_local(self, group: np.ndarray, u: np.ndarray) -> np.ndarray:
        """The option's position within its group."""
        k = (u[:, None] >= self.cum[group]).sum(axis=1)
        return np.minimum(k, self.counts[group] - 1)

    def draw(self, group: np.ndarray, u: np.ndarray) -> np.ndarray:
        """The option's index in `strings`."""
        return self.offsets[group] + self.draw_local(group, u)


def _weighted(rng: np.random.Generator, weights: Sequence[float], n: int) -> np.ndarray:
    cum = np.cumsum(np.asarray(weights, dtype=np.float64))
    return np.searchsorted(cum / cum[-1], rng.random(n), side="right").astype(np.int64)


# --------------------------------------------------------------------------------------------
# The model: requests and their events
# --------------------------------------------------------------------------------------------


@dataclass
class _Tables:
    """Choice tables and lookups built once per generation from the constants and seeds."""

    ref: Reference
    area_codes: list[str]
    currencies: list[str]
    state_variants: _ChoiceTable  # group = state
    state_variants_latin: _ChoiceTable  # the cp1252-encodable variants only
    area_labels: _ChoiceTable  # group = area; weighted towards English
    area_labels_uniform: _ChoiceTable  # group = area; any label, for per-row variation
    area_label_latin: np.ndarray  # global label index -> a cp1252-encodable label index
    fund_codes: _ChoiceTable  # group 0 = not UPR-linked, 1 = UPR-linked
    fund_labels: _ChoiceTable  # group = fund (by code order of fund_codes.strings)
    fund_labels_uniform: _ChoiceTable
    offices: _ChoiceTable  # group = state
    people_names: pl.Series  # person = state * FOCAL_POINTS_PER_STATE + k
    people_emails: pl.Series
    state_accept_rate: np.ndarray


def _label_options(
    labels: Sequence[tuple[str, str, str]], code: str, *, uniform: bool
) -> list[tuple[str, float]]:
    return [
        (label, 1.0 if uniform else LANGUAGE_WEIGHTS.get(language, 1.0))
        for label, c, language in labels
        if c == code
    ]


def _build_tables(ref: Reference, seed: int) -> _Tables:
    area_codes = ref.area_codes
    fund_codes = ref.fund_codes
    variants = [[(v, 3.0 if i == 0 else 1.0) for i, v in enumerate(s.variants)] for s in STATES]
    area_opts = [_label_options(ref.area_labels, c, uniform=False) for c in area_codes]
    area_uniform = [_label_options(ref.area_labels, c, uniform=True) for c in area_codes]
    area_table = _ChoiceTable(area_opts)
    # A cp1252 file cannot carry a Russian, Arabic or Chinese label: use the area's first
    # Latin-script label instead (the seed lists English first).
    latin_fallback = np.arange(len(area_table.strings), dtype=np.int64)
    for i in range(len(area_codes)):
        start, count = int(area_table.offsets[i]), int(area_table.counts[i])
        labels = area_table.strings[start : start + count]
        first_latin = next(start + j for j, label in enumerate(labels) if _is_cp1252(label))
        for j, label in enumerate(labels):
            if not _is_cp1252(label):
                latin_fallback[start + j] = first_latin
    if area_table.strings != _ChoiceTable(area_uniform).strings:
        raise AssertionError("label tables must share one index")

    offices = []
    for s in STATES:
        options = [(HEADQUARTERS, 3.0)]
        if s.region in REGIONAL_OFFICES:
            options.append((REGIONAL_OFFICES[s.region], 3.5))
        if s.iso3 in COUNTRY_PRESENCES:
            options.append((COUNTRY_PRESENCES[s.iso3], 4.0))
        offices.append(options)

    rng = _rng(seed, 3)
    names: list[str] = []
    emails: list[str] = []
    for s in STATES:
        firsts, lasts = NAME_POOLS[REGION_NAME_POOL[s.region]]
        # Distinct people per State, so that a name always comes with the same address.
        combos = rng.choice(len(firsts) * len(lasts), FOCAL_POINTS_PER_STATE, replace=False)
        for combo in combos:
            first, last = firsts[int(combo) // len(lasts)], lasts[int(combo) % len(lasts)]
            ministry = MINISTRIES[int(rng.integers(len(MINISTRIES)))]
            names.append(f"{first} {last}")
            local = f"{_ascii_fold(first)}.{_ascii_fold(last)}".replace(" ", "-")
            emails.append(f"{local}@{ministry}.{s.iso3.lower()}.example")

    return _Tables(
        ref=ref,
        area_codes=area_codes,
        currencies=ref.currencies,
        state_variants=_ChoiceTable(variants),
        state_variants_latin=_ChoiceTable([[(v, w) for v, w in opts if _is_cp1252(v)] for opts in variants]),
        area_labels=area_table,
        area_labels_uniform=_ChoiceTable(area_uniform),
        area_label_latin=latin_fallback,
        fund_codes=_ChoiceTable(
            [[(c, FUND_WEIGHTS.get(c, (2.0, 2.0))[k]) for c in fund_codes] for k in (0, 1)]
        ),
        fund_labels=_ChoiceTable([_label_options(ref.fund_labels, c, uniform=False) for c in fund_codes]),
        fund_labels_uniform=_ChoiceTable(
            [_label_options(ref.fund_labels, c, uniform=True) for c in fund_codes]
        ),
        offices=_ChoiceTable(offices),
        people_names=pl.Series(names, dtype=pl.String),
        people_emails=pl.Series(emails, dtype=pl.String),
        state_accept_rate=0.62 + 0.3 * _rng(seed, 2).random(len(STATES)),
    )


@dataclass
class _Requests:
    """All requests of the generated years, one array element per request, ordered by year of
    receipt and serial (so the array index orders requests as their IDs do)."""

    year: np.ndarray
    serial: np.ndarray
    state: np.ndarray
    area: np.ndarray
    area_label: np.ndarray  # the request's usual label (global index in tables.area_labels)
    channel: np.ndarray
    office: np.ndarray
    currency: np.ndarray
    cost: np.ndarray
    upr: pl.Series  # "115.23; 115.40" or null
    person: np.ndarray
    fund: np.ndarray  # index into tables.fund_codes.strings order (group-local)
    fund_label: np.ndarray
    funded_at_acceptance: np.ndarray
    funded_in_delivery: np.ndarray
    dates: list[np.ndarray]  # per status (STATUSES order): day number or NONE

    def __len__(self) -> int:
        return len(self.year)


def requests_in_year(seed: int, year: int, scale: float) -> int:
    """Roughly 1,000 requests in 2012 growing to 1,450 by 2025, with noise, times `scale`."""
    base = 1000 + 450 * (year - 2012) / 13 + _rng(seed, 1, year).normal(0, 40)
    return max(1, round(float(np.clip(base, 1000, 1500)) * scale))


def _area_weights(codes: Sequence[str], year: int) -> list[float]:
    weights = []
    for code in codes:
        w = float(AREA_WEIGHTS.get(code, 3.0))
        # Newer agendas grow over the years; migration peaks with the 2015-16 movements.
        if code in ("business_human_rights", "indicators_data"):
            w *= 1 + 0.1 * (year - 2012)
        if code == "migration" and year in (2015, 2016, 2023):
            w *= 2
        weights.append(w)
    return weights


def _upr_heads(state: np.ndarray, received: np.ndarray) -> np.ndarray:
    """For each request (State index, day received): the head paragraph of the State's latest
    sample UPR review held before that day, or 0 when there is none."""
    heads = np.zeros(len(state), dtype=np.int64)
    for index, spec in enumerate(STATES):
        reviews = sorted((r for r in SAMPLE_REVIEWS if r.iso3 == spec.iso3), key=lambda r: r.review_date)
        if not reviews:
            continue
        mine = state == index
        days = np.array([_day(r.review_date) for r in reviews])
        # searchsorted(left) counts the reviews held strictly before the request's day.
        held = np.searchsorted(days, received[mine], side="left")
        table = np.array([0, *(r.head for r in reviews)], dtype=np.int64)
        heads[mine] = table[held]
    return heads


def _simulate_year(seed: int, year: int, n: int, tables: _Tables, end_day: int) -> dict[str, Any]:
    rng = _rng(seed, 10, year)
    start, stop = _day(dt.date(year, 1, 1)), _day(dt.date(year, 12, 31))
    days = np.arange(start, stop + 1)
    # Requests arrive on working days, not on New Year's Day or Christmas.
    workdays = days[(_weekday(days) < 5) & ~_is_holiday(days)]
    received = np.sort(workdays[rng.integers(0, len(workdays), n)])

    state = _weighted(rng, [s.weight for s in STATES], n)
    area = _weighted(rng, _area_weights(tables.area_codes, year), n)
    area_label = tables.area_labels.draw(area, rng.random(n))
    channel = _weighted(rng, [w for _, w in CHANNELS], n)
    office = tables.offices.draw(state, rng.random(n))

    # UPR references: likely for UPR follow-up requests and UPR implementation work.
    upr_area = (
        tables.area_codes.index("upr_implementation") if ("upr_implementation" in tables.area_codes) else -1
    )
    p_upr = np.where(channel == UPR_CHANNEL, 0.92, np.where(area == upr_area, 0.85, 0.15))
    has_upr = rng.random(n) < p_upr
    n_refs = 1 + _weighted(rng, [45, 30, 15, 10], n)
    paragraph = rng.integers(108, 166, n)
    steps = rng.integers(1, 40, (n, 4))
    steps[:, 0] = rng.integers(1, 60, n)
    numbers = np.cumsum(steps, axis=1)  # increasing, so no reference repeats
    # A request cites recommendations of the State's latest sample review before it
    # (samples/upr_reviews.py), under the paragraph that lists them; with no review yet, or for
    # a State with no sample report, it cites nothing. The draw of `paragraph` stays, so the
    # draws that follow (and every other figure) are those of the original stream.
    del paragraph
    head = _upr_heads(state, received)
    refs = pl.DataFrame(
        {"para": head, "has_upr": has_upr & (head > 0), "n_refs": n_refs}
        | {f"r{k}": numbers[:, k] for k in range(4)}
    )
    upr = refs.select(
        pl.when(pl.col("has_upr"))
        .then(
            pl.concat_str(
                [
                    pl.when(pl.col("n_refs") > k).then(
                        pl.concat_str([pl.col("para"), pl.col(f"r{k}")], separator=".")
                    )
                    for k in range(4)
                ],
                separator="; ",
                ignore_nulls=True,
            )
        )
        .alias("upr")
    ).to_series()

    # Cost: log-normal in USD, expressed in the request's currency at the year's rate and
    # rounded as a budget would be (hundreds; thousands of yen).
    currency = _weighted(rng, [CURRENCY_WEIGHTS.get(c, 1.0) for c in tables.currencies], n)
    usd = np.clip(35_000 * np.exp(0.9 * rng.standard_normal(n)), 3_000, 1_500_000)
    rate = np.array([float(tables.ref.fx[(c, year)]) for c in tables.currencies])
    granularity = np.array([1000 if c == "JPY" else 100 for c in tables.currencies])
    gran = granularity[currency]
    cost = np.maximum(gran, np.rint(usd / rate[currency] / gran).astype(np.int64) * gran)
    # Funding: sometimes nothing yet at acceptance, topped up when delivery starts.
    share_acc = np.where(rng.random(n) < 0.1, 0.0, rng.uniform(0.25, 1.0, n))
    share_del = np.where(rng.random(n) < 0.4, 1.0, np.minimum(1.0, share_acc + rng.uniform(0, 0.5, n)))
    funded_acc = (np.floor(cost * share_acc / gran) * gran).astype(np.int64)
    funded_del = np.maximum(funded_acc, (np.floor(cost * share_del / gran) * gran)).astype(np.int64)
    fund = tables.fund_codes.draw_local(has_upr.astype(np.int64), rng.random(n))
    fund_label = tables.fund_labels.draw(fund, rng.random(n))
    person = state * FOCAL_POINTS_PER_STATE + rng.integers(0, FOCAL_POINTS_PER_STATE, n)

    # Lifecycle. Every step is a delay after the previous one, moved off weekends, so dates
    # strictly increase along a request.
    assessed = rng.random(n) < 0.55
    assessment = np.where(assessed, _next_workday(received + _delay(rng, n, 7, 0.6, 1)), NONE)
    last = np.where(assessed, assessment, received)
    path = rng.random(n)
    withdrawn_early = path < 0.05
    stalled = (path >= 0.05) & (path < 0.11)  # never answered
    decided = path >= 0.11
    is_accepted = decided & (rng.random(n) < tables.state_accept_rate[state])
    is_declined = decided & ~is_accepted
    response = np.where(is_accepted, _delay(rng, n, 30, 0.75, 2), _delay(rng, n, 45, 0.7, 3))
    decision = _next_workday(np.maximum(received + response, last + 1))
    accepted = np.where(is_accepted, decision, NONE)
    declined = np.where(is_declined, decision, NONE)
    withdrawn = np.full(n, NONE, dtype=np.int64)
    early = _next_workday(np.maximum(received + _delay(rng, n, 60, 0.6, 5), last + 1))
    withdrawn = np.where(withdrawn_early, early, withdrawn)
    # Most unanswered requests are withdrawn (or closed as such) after a year or two.
    late = _next_workday(last + _delay(rng, n, 540, 0.5, 90))
    withdrawn = np.where(stalled & (rng.random(n) < 0.7), late, withdrawn)

    after_acceptance = rng.random(n)
    delivered = is_accepted & (after_acceptance < 0.88)
    delivery = np.where(delivered, _next_workday(accepted + _delay(rng, n, 40, 0.7, 3)), NONE)
    # Of the 12 % accepted but never delivered, most are withdrawn, quickly or after waiting
    # years for funds; the rest stay open.
    dropped = is_accepted & (after_acceptance >= 0.88) & (after_acceptance < 0.92)
    gave_up = is_accepted & (after_acceptance >= 0.92) & (after_acceptance < 0.97)
    withdrawn = np.where(dropped, _next_workday(accepted + _delay(rng, n, 90, 0.6, 5)), withdrawn)
    withdrawn = np.where(gave_up, _next_workday(accepted + _delay(rng, n, 700, 0.4, 180)), withdrawn)
    # Deliveries mostly complete within a year; 8 % drag on for years, 4 % are withdrawn.
    outcome = rng.random(n)
    duration = np.where(outcome < 0.88, _delay(rng, n, 210, 0.6, 30), _delay(rng, n, 900, 0.5, 365))
    completed = np.where(delivered & (outcome < 0.96), _next_workday(delivery + duration), NONE)
    withdrawn = np.where(
        delivered & (outcome >= 0.96),
        _next_workday(delivery + _delay(rng, n, 150, 0.7, 10)),
        withdrawn,
    )
    dates = [received, assessment, accepted, declined, delivery, completed, withdrawn]
    # Events after the last generated year have not happened yet.
    dates = [np.where(d > end_day, NONE, d).astype(np.int32) for d in dates]

    # Compact dtypes: at benchmark scale there are millions of requests.
    def small(a: np.ndarray) -> np.ndarray:
        return a.astype(np.int32)

    return {
        "year": np.full(n, year, dtype=np.int32),
        "serial": np.arange(1, n + 1, dtype=np.int32),
        "state": small(state),
        "area": small(area),
        "area_label": small(area_label),
        "channel": small(channel),
        "office": small(office),
        "currency": small(currency),
        "cost": cost,
        "upr": upr,
        "person": small(person),
        "fund": small(fund),
        "fund_label": small(fund_label),
        "funded_at_acceptance": funded_acc,
        "funded_in_delivery": funded_del,
        "dates": dates,
    }


def _simulate(
    seed: int, years: Sequence[int], scale: float, tables: _Tables
) -> tuple[_Requests, dict[int, int]]:
    end_day = _day(dt.date(years[-1], 12, 31))
    counts = {y: requests_in_year(seed, y, scale) for y in years}
    parts = [_simulate_year(seed, y, counts[y], tables, end_day) for y in years]

    def cat(key: str) -> np.ndarray:
        # Release each year's piece once joined, to keep the peak near one copy.
        joined = np.concatenate([p[key] for p in parts])
        for p in parts:
            p[key] = None
        return joined

    requests = _Requests(
        year=cat("year"),
        serial=cat("serial"),
        state=cat("state"),
        area=cat("area"),
        area_label=cat("area_label"),
        channel=cat("channel"),
        office=cat("office"),
        currency=cat("currency"),
        cost=cat("cost"),
        upr=pl.concat([p["upr"] for p in parts]),
        person=cat("person"),
        fund=cat("fund"),
        fund_label=cat("fund_label"),
        funded_at_acceptance=cat("funded_at_acceptance"),
        funded_in_delivery=cat("funded_in_delivery"),
        dates=[np.concatenate([p["dates"][s] for p in parts]) for s in range(len(STATUSES))],
    )
    return requests, counts


# --------------------------------------------------------------------------------------------
# Rendering one year's rows
# --------------------------------------------------------------------------------------------


def _year_events(req: _Requests, year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    start, stop = _day(dt.date(year, 1, 1)), _day(dt.date(year, 12, 31))
    ri, sc, ed = [], [], []
    for status, dates in enumerate(req.dates):
        idx = np.nonzero((dates >= start) & (dates <= stop))[0]
        ri.append(idx)
        sc.append(np.full(len(idx), status, dtype=np.int64))
        ed.append(dates[idx])
    r, s, e = np.concatenate(ri), np.concatenate(sc), np.concatenate(ed)
    # An export lists events by date; the request index orders like the Request ID.
    order = np.lexsort((s, r, e))
    return r[order], s[order], e[order]


def _as_date(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32), dtype=pl.Int32).cast(pl.Date)


def _render_year(req: _Requests, tables: _Tables, year: int, fmt: FileFormat, seed: int) -> pl.DataFrame:
    """The valid rows of one year's file, canonical columns, typed (dates, integers)."""
    ri, sc, ed = _year_events(req, year)
    m = len(ri)
    rng = _rng(seed, 20, year)
    latin = fmt.encoding == "cp1252"

    state_table = tables.state_variants_latin if latin else tables.state_variants
    state_name = state_table.series.gather(state_table.draw(req.state[ri], rng.random(m)))

    # The request's usual label on most rows, another label of the same area on some.
    usual = req.area_label[ri]
    other = tables.area_labels_uniform.draw(req.area[ri], rng.random(m))
    label_idx = np.where(rng.random(m) < 0.85, usual, other)
    if latin:
        label_idx = tables.area_label_latin[label_idx]
    variation = _weighted(rng, [97, 1, 1, 1], m)  # as is, lower case, trailing, leading space

    fund_idx = np.where(
        rng.random(m) < 0.9,
        req.fund_label[ri],
        tables.fund_labels_uniform.draw(req.fund[ri], rng.random(m)),
    )
    # Funded amount: empty before acceptance; the acceptance figure, then the delivery figure.
    had_delivery = (req.dates[DELIVERY][ri] >= 0) & (req.dates[DELIVERY][ri] < ed)
    had_acceptance = (req.dates[ACCEPTED][ri] >= 0) & (req.dates[ACCEPTED][ri] < ed)
    funded = np.where(
        (sc == ACCEPTED) | ((sc == WITHDRAWN) & had_acceptance & ~had_delivery),
        req.funded_at_acceptance[ri],
        req.funded_in_delivery[ri],
    )
    has_funding = (
        (sc == ACCEPTED) | (sc == DELIVERY) | (sc == COMPLETED) | ((sc == WITHDRAWN) & had_acceptance)
    )

    helper = pl.DataFrame(
        {
            "year": req.year[ri],
            "serial": req.serial[ri],
            "state_name": state_name,
            "received_on": _as_date(req.dates[RECEIVED][ri]),
            "event_date": _as_date(ed),
            "status_text": pl.Series(STATUSES, dtype=pl.String).gather(sc),
            "channel": pl.Series([c for c, _ in CHANNELS], dtype=pl.String).gather(req.channel[ri]),
            "label": tables.area_labels.series.gather(label_idx),
            "variation": variation,
            "upr": req.upr.gather(ri),
            "office": tables.offices.series.gather(req.office[ri]),
            "cost": pl.Series(req.cost[ri], dtype=pl.Int64),
            "currency": pl.Series(tables.currencies, dtype=pl.String).gather(req.currency[ri]),
            "funded": pl.Series(funded, dtype=pl.Int64),
            "has_funding": has_funding,
            "fund_label": tables.fund_labels.series.gather(fund_idx),
            "person": tables.people_names.gather(req.person[ri]),
            "email": tables.people_emails.gather(req.person[ri]),
        }
    )
    label = pl.col("label")
    return helper.select(
        pl.concat_str(
            [
                pl.lit("TCR-"),
                pl.col("year").cast(pl.String),
                pl.lit("-"),
                pl.col("serial").cast(pl.String).str.zfill(5),
            ]
        ).alias("request_id"),
        pl.col("state_name").alias("requesting_state"),
        pl.col("received_on"),
        pl.col("event_date"),
        pl.col("status_text").alias("status"),
        pl.col("channel"),
        pl.when(pl.col("variation") == 1)
        .then(label.str.to_lowercase())
        .when(pl.col("variation") == 2)
        .then(label + " ")
        .when(pl.col("variation") == 3)
        .then(" " + label)
        .otherwise(label)
        .alias("thematic_area"),
        pl.col("upr").alias("upr_recommendations"),
        pl.col("office").alias("responding_office"),
        pl.col("cost").alias("estimated_cost"),
        pl.col("currency"),
        pl.when(pl.col("has_funding")).then(pl.col("funded")).alias("funded_amount"),
        pl.when(pl.col("has_funding")).then(pl.col("fund_label")).alias("funding_source"),
        pl.col("person").alias("focal_point"),
        pl.col("email").alias("focal_point_email"),
    )


# --------------------------------------------------------------------------------------------
# Planted defects
# --------------------------------------------------------------------------------------------


@dataclass
class _PlantedRow:
    after: int  # inserted after this many valid rows
    values: dict[str, Any]
    rule: str
    description: str
    copy_of: int | None = None  # valid-row index of the original (duplicate_event)


def _plant_defects(
    frame: pl.DataFrame,
    year: int,
    plan: Sequence[tuple[str, str]],
    seed: int,
    next_serial: dict[int, int],
) -> list[_PlantedRow]:
    rng = _rng(seed, 30, year)
    n = len(frame)
    indexed = frame.with_row_index("_i")

    def pick(condition: pl.Expr) -> tuple[int, dict[str, Any]]:
        # Filter in polars rather than over Python dicts: at benchmark scale a year has
        # hundreds of thousands of rows.
        candidates = indexed.filter(condition)["_i"]
        if candidates.is_empty():
            raise ValueError(f"{year}: no row to base a planted defect on")
        i = int(candidates[int(rng.integers(len(candidates)))])
        return i, frame.row(i, named=True)

    def fresh_id(received: dt.date) -> str:
        serial = next_serial[received.year]
        next_serial[received.year] += 1
        return f"TCR-{received.year}-{serial:05d}"

    status = pl.col("status")
    planted: list[_PlantedRow] = []
    for rule, detail in plan:
        if rule == "missing_request_id":
            i, row = pick(pl.lit(True))
            values = {**row, "request_id": None}
            desc = f"Request ID empty on a copy of a valid {row['status']} row"
        elif rule == "duplicate_event":
            i, row = pick(pl.lit(True))
            after = min(n, i + 1 + int(rng.integers(0, 5)))
            planted.append(_PlantedRow(after, row, rule, "", copy_of=i))
            continue
        elif rule == "unknown_country":
            i, row = pick(status == "Received")
            values = {**row, "request_id": fresh_id(row["received_on"]), "requesting_state": detail}
            desc = f"Requesting State {detail!r} is not a country (Received row of a new request)"
        elif rule == "negative_amount" and detail == "estimated_cost":
            i, row = pick(status == "Received")
            values = {
                **row,
                "request_id": fresh_id(row["received_on"]),
                "estimated_cost": -row["estimated_cost"],
            }
            desc = f"Estimated cost {values['estimated_cost']} {values['currency']} is negative"
        elif rule == "negative_amount":
            i, row = pick((status == "Accepted") & (pl.col("funded_amount") > 0))
            values = {
                **row,
                "request_id": fresh_id(row["received_on"]),
                "funded_amount": -row["funded_amount"],
            }
            desc = f"Funded amount {values['funded_amount']} {values['currency']} is negative"
        elif rule == "event_before_receipt":
            i, row = pick(
                status.is_in(["Under assessment", "Accepted", "Declined"])
                & (pl.col("event_date") <= dt.date(year, 12, 1))
            )
            received = row["event_date"] + dt.timedelta(days=int(rng.integers(7, 29)))
            values = {**row, "request_id": fresh_id(received), "received_on": received}
            desc = (
                f"{row['status']} event dated {row['event_date']} before the request was "
                f"received on {received}"
            )
        elif rule == "unknown_status":
            i, row = pick(status != "Received")
            values = {**row, "status": detail}
            desc = f"Status {detail!r} is not a status of the request lifecycle"
        else:
            raise ValueError(f"unknown defect rule {rule!r}")
        planted.append(_PlantedRow(i + 1, values, rule, desc))
    return planted


def _assemble(
    frame: pl.DataFrame, planted: Sequence[_PlantedRow]
) -> tuple[pl.DataFrame, list[tuple[int, _PlantedRow]]]:
    """Insert planted rows; return the file's rows and each planted row's physical row.

    Built from slices of the valid rows (no copy), which matters at benchmark scale."""
    ordered = sorted(planted, key=lambda p: p.after)  # stable: plan order among equals
    pieces: list[pl.DataFrame] = []
    physical: list[tuple[int, _PlantedRow]] = []
    done = 0
    for k, p in enumerate(ordered):
        pieces.append(frame.slice(done, p.after - done))
        pieces.append(pl.DataFrame([p.values], schema=frame.schema, orient="row"))
        done = p.after
        # Header is row 1; a row planted after `after` valid rows and k planted rows.
        physical.append((p.after + k + 2, p))
    pieces.append(frame.slice(done))
    for row, p in physical:
        if p.rule == "duplicate_event" and p.copy_of is not None:
            before = sum(1 for q in ordered if q.after <= p.copy_of)
            original = p.copy_of + before + 2
            if original >= row:
                raise AssertionError("a duplicate must come after its original")
            p.description = (
                f"exact copy of row {original} ({p.values['status']} row of {p.values['request_id']})"
            )
    return pl.concat(pieces, rechunk=False), physical


# --------------------------------------------------------------------------------------------
# Writing files
# --------------------------------------------------------------------------------------------


def _write_csv(frame: pl.DataFrame, fmt: FileFormat, path: Path) -> None:
    named = frame.rename(dict(zip(COLUMNS, HEADER_SETS[fmt.headers], strict=True)))
    # polars quotes exactly like the csv module's QUOTE_MINIMAL except that it quotes empty
    # strings; the frame holds nulls, never empty strings, so the output is the same.
    options: dict[str, Any] = {
        "separator": fmt.delimiter or ",",
        "line_terminator": fmt.line_terminator or "\n",
        "date_format": _STRFTIME[fmt.date_format],
        "quote_style": "necessary",
    }
    if fmt.encoding == "cp1252":
        # polars writes UTF-8 only; encode strictly, so a character cp1252 cannot carry is a
        # loud bug rather than a silent "?".
        path.write_bytes(named.write_csv(**options).encode("cp1252"))
    elif fmt.encoding in ("utf-8", "utf-8-sig"):
        # Straight to disk: at benchmark scale a year is ~100 MB of text.
        named.write_csv(path, include_bom=fmt.encoding == "utf-8-sig", **options)
    else:
        raise ValueError(f"unsupported encoding {fmt.encoding!r}")


def _write_xlsx(frame: pl.DataFrame, fmt: FileFormat, path: Path, year: int, sheet: str) -> None:
    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    # A fixed creation date keeps the bytes identical from run to run.
    workbook.set_properties(
        {
            "title": f"Requests for technical assistance {year}",
            "author": "TC request tracker (synthetic sample)",
            "created": dt.datetime(year + 1, 1, 15, 9, 0, 0),
        }
    )
    sheet_ = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True})
    date_cell = workbook.add_format({"num_format": fmt.excel_number_format or "yyyy-mm-dd"})
    amount_cell = workbook.add_format({"num_format": "#,##0"})
    sheet_.write_row(0, 0, HEADER_SETS[fmt.headers], bold)
    for r, row in enumerate(frame.iter_rows(), start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet_.write_datetime(r, c, value, date_cell)
            elif isinstance(value, int):
                sheet_.write_number(r, c, value, amount_cell)
            else:
                sheet_.write_string(r, c, value)
    sheet_.freeze_panes(1, 0)
    sheet_.autofilter(0, 0, len(frame), len(COLUMNS) - 1)
    sheet_.set_column(0, len(COLUMNS) - 1, 18)
    workbook.close()


# --------------------------------------------------------------------------------------------
# Ground truth: the needs metrics
# --------------------------------------------------------------------------------------------

NEEDS_METRICS: Final = (
    "received",
    "accepted",
    "declined",
    "completed",
    "withdrawn",
    "open_at_year_end",
    "oldest_open_age_days",
    "median_days_to_respond",
    "positive_response_rate",
    "amount_requested_usd",
    "upr_linked_share",
)
_COUNTS: Final = ("received", "accepted", "declined", "completed", "withdrawn", "open_at_year_end")


def _expected_needs(req: _Requests, tables: _Tables, years: Sequence[int]) -> dict[str, Any]:
    day_columns = {"recv": RECEIVED, "acc": ACCEPTED, "dec": DECLINED, "com": COMPLETED, "wdr": WITHDRAWN}
    base = (
        pl.DataFrame(
            {
                "country_iso3": pl.Series([s.iso3 for s in STATES]).gather(req.state),
                "thematic_area_code": pl.Series(tables.area_codes).gather(req.area),
                "currency": pl.Series(tables.currencies).gather(req.currency),
                "cost": req.cost,
                "upr": req.upr.is_not_null(),
            }
            | {name: req.dates[status] for name, status in day_columns.items()}
        )
        .with_columns(
            pl.when(pl.col(name) >= 0).then(pl.col(name)).cast(pl.Date).alias(name) for name in day_columns
        )
        .with_columns(closed=pl.min_horizontal("dec", "com", "wdr"))
    )

    by_state: list[dict[str, Any]] = []
    totals: list[dict[str, Any]] = []
    for year in years:
        end = dt.date(year, 12, 31)

        def in_year(column: str, year: int = year) -> pl.Expr:
            return (pl.col(column).dt.year() == year).fill_null(False)

        is_open = (pl.col("recv") <= end) & (pl.col("closed").is_null() | (pl.col("closed") > end))
        frame = base.with_columns(
            received=in_year("recv"),
            accepted=in_year("acc"),
            declined=in_year("dec"),
            completed=in_year("com"),
            withdrawn=in_year("wdr"),
            open_at_year_end=is_open,
            open_age=pl.when(is_open).then((pl.lit(end) - pl.col("recv")).dt.total_days()),
            respond=pl.when(in_year("acc"))
            .then((pl.col("acc") - pl.col("recv")).dt.total_days())
            .when(in_year("dec"))
            .then((pl.col("dec") - pl.col("recv")).dt.total_days()),
        )
        aggregations = [
            *[pl.col(c).sum().alias(c) for c in _COUNTS],
            pl.col("open_age").max().alias("oldest_open_age_days"),
            pl.col("respond").median().alias("median_days_to_respond"),
            (pl.col("upr") & pl.col("received")).sum().alias("upr_linked"),
        ]
        sentinel = frame.filter(pl.col("country_iso3").is_in(list(SENTINEL_STATES)))
        keys = ["country_iso3", "thematic_area_code"]
        amounts = _amounts(sentinel, keys, tables, year)
        grouped = sentinel.group_by(keys).agg(aggregations).sort(keys)
        for row in grouped.iter_rows(named=True):
            if any(row[c] for c in _COUNTS):
                key = (row["country_iso3"], row["thematic_area_code"])
                by_state.append(
                    {
                        **_metrics(row, amounts.get(key, Decimal(0))),
                        "country_iso3": key[0],
                        "thematic_area_code": key[1],
                        "year": year,
                    }
                )
        total_row = frame.select(aggregations).row(0, named=True)
        totals.append(
            {**_metrics(total_row, _amounts(frame, [], tables, year).get((), Decimal(0))), "year": year}
        )
    return {
        "sentinel_states": list(SENTINEL_STATES),
        "metrics": list(NEEDS_METRICS),
        "by_state_year_area": by_state,
        "totals_by_year": totals,
    }


def _amounts(
    frame: pl.DataFrame, keys: list[str], tables: _Tables, year: int
) -> dict[tuple[str, ...], Decimal]:
    """Amount requested in USD per key, in exact decimals: integer costs per currency times the
    seed's rate as written, so the figure does not depend on float summation order."""
    sums = frame.filter(pl.col("received")).group_by([*keys, "currency"]).agg(pl.col("cost").sum())
    out: dict[tuple[str, ...], Decimal] = {}
    for row in sums.iter_rows(named=True):
        key = tuple(row[k] for k in keys)
        rate = Decimal(tables.ref.fx[(row["currency"], year)])
        out[key] = out.get(key, Decimal(0)) + Decimal(row["cost"]) * rate
    return out


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _metrics(row: Mapping[str, Any], amount: Decimal) -> dict[str, Any]:
    median = row["median_days_to_respond"]
    oldest = row["oldest_open_age_days"]
    return {
        **{c: int(row[c]) for c in _COUNTS},
        "oldest_open_age_days": int(oldest) if oldest is not None else None,
        "median_days_to_respond": float(median) if median is not None else None,
        "positive_response_rate": _ratio(int(row["accepted"]), int(row["accepted"]) + int(row["declined"])),
        "amount_requested_usd": float(amount.quantize(Decimal("0.01"), ROUND_HALF_EVEN)),
        "upr_linked_share": _ratio(int(row["upr_linked"]), int(row["received"])),
    }


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def file_format(year: int, scale: float) -> FileFormat:
    """The year's export format; benchmark volumes (scale > 1) are plain CSV."""
    if scale > 1:
        return _BENCHMARK_FORMAT
    return FILE_FORMATS.get(year, _BENCHMARK_FORMAT)


def generate_request_logs(
    out_dir: Path,
    years: range = DEFAULT_YEARS,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
) -> Manifest:
    """Write one request log per year into `out_dir` plus `manifest.json`; return the manifest.

    Same arguments -> byte-identical files. Earlier `request_log_*` files in `out_dir` are
    removed first so that a year that changed format leaves no stale file behind.
    """
    if not years or years.step != 1:
        raise ValueError("years must be a non-empty range of consecutive years")
    if scale <= 0:
        raise ValueError("scale must be positive")
    ref = load_reference()
    missing = [(c, y) for c in ref.currencies for y in years if (c, y) not in ref.fx]
    if missing:
        raise ValueError(f"fx_rates.csv lacks rates for {missing[:5]}")
    tables = _build_tables(ref, seed)
    year_list = list(years)
    requests, counts = _simulate(seed, year_list, scale, tables)

    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*out_dir.glob("request_log_*.csv"), *out_dir.glob("request_log_*.xlsx")]:
        stale.unlink()

    next_serial = {y: counts[y] + 1 for y in year_list}
    files: list[FileEntry] = []
    defects: list[Defect] = []
    for year in year_list:
        fmt = file_format(year, scale)
        frame = _render_year(requests, tables, year, fmt, seed)
        planted = _plant_defects(frame, year, DEFECT_PLAN.get(year, ()), seed, next_serial)
        frame, physical = _assemble(frame, planted)
        name = f"request_log_{year}.{fmt.format}"
        path = out_dir / name
        sheet = f"Requests {year}" if fmt.format == "xlsx" else None
        if fmt.format == "xlsx":
            _write_xlsx(frame, fmt, path, year, sheet or "")
        else:
            _write_csv(frame, fmt, path)
        rel = f"{FAMILY_DIR}/{name}"
        rejects: dict[str, int] = {}
        for row, p in physical:
            rejects[p.rule] = rejects.get(p.rule, 0) + 1
            defects.append(Defect(rel, row, p.rule, p.description))
        files.append(
            FileEntry(
                path=rel,
                year=year,
                format=fmt.format,
                encoding=fmt.encoding,
                delimiter=fmt.delimiter,
                date_format=fmt.date_format,
                sheet=sheet,
                rows=len(frame),
                expected_loaded=len(frame) - len(physical),
                expected_rejects=dict(sorted(rejects.items())),
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                header_wording=fmt.headers,
                line_terminator=fmt.line_terminator,
                excel_number_format=fmt.excel_number_format,
            )
        )

    manifest = Manifest(
        generator={"module": GENERATOR_MODULE, "version": GENERATOR_VERSION},
        seed=seed,
        scale=scale,
        years=year_list,
        files=files,
        defects=sorted(defects, key=lambda d: (d.file, d.row)),
        expected_needs=_expected_needs(requests, tables, year_list),
        notes={
            "synthetic": "Every request, office workload and person in these files is invented.",
            "rows": "Physical rows: the header is row 1, the first data row is row 2.",
            "expected_needs": (
                "Computed from the generator's model, defect rows excluded. A request's State "
                "and area are those of its Received row. amount_requested_usd is exact decimal "
                "arithmetic rounded half-even to cents; rates and shares are Python round(x, 4)."
            ),
        },
    )
    (out_dir / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8", newline="\n")
    return manifest
