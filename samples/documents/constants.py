"""The sample documents' constants.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

GENERATOR_MODULE: Final = "samples.documents"
# Bump when the output changes on purpose: the manifests record it next to the files.
GENERATOR_VERSION: Final = "1.0.0"
DEFAULT_SEED: Final = 18_18
DEFAULT_YEARS: Final = range(2012, 2026)
ANNUAL_DIR: Final = "annual_reports"
BOARD_DIR: Final = "fund_board_reports"
MANIFEST_NAME: Final = "manifest.json"
PUBLISHED_FIGURES_ENV: Final = "TCW_PUBLISHED_FIGURES"
# The project's own copy of the published record; tests check it against ../shared/reference.
DEFAULT_PUBLISHED_FIGURES: Final = Path(__file__).resolve().parents[1] / "data" / "published_figures.csv"

CELL_SEPARATOR: Final = " \u00a0"

DOCUMENT_TYPES: Final = (
    "annual_report",
    "funding_annex",
    "appeal",
    "vftc_board_report",
    "upr_participation_fund_report",
    "vffta_report",
)
# The fund report each board fund's statements, donors and projects are printed in.
BOARD_DOCUMENT_TYPES: Final = {
    "VFTC": "vftc_board_report",
    "UPR_PARTICIPATION": "upr_participation_fund_report",
    "VFFTA": "vffta_report",
}

# Sentinels of the ground truth: donors whose contributions the manifests list per fund and year,
# and the request logs' sentinel States, which have a country chapter every year.
SENTINEL_DONORS: Final = ("DEU", "SWE", "CHE", "NOR", "NLD", "USA", "EC")
SENTINEL_COUNTRIES: Final = ("CIV", "COL", "KEN", "TUR", "UKR", "VEN")

# The one deliberate disagreement between sources: the annual report's funds table gives the
# VFTC 5,000 USD more contributions in 2017 than the VFTC Board's report (whose donor table adds
# up to its own figure). A cross-source check should find exactly this.
PLANTED_DIFFERENCE: Final = {
    "year": 2017,
    "fund_code": "VFTC",
    "metric": "contributions_received",
    "annual_report_minus_board_report": 5_000,
}

# Funding annex years -> the Excel row of the header of sheet "Contributions by donor" (1 = no
# title row; 2 = a title row above it; 3 = a title row and a blank row).
ANNEX_HEADER_ROW: Final[Mapping[int, int]] = {2014: 1, 2017: 2, 2019: 1, 2022: 1, 2023: 3}
ANNEX_SHEETS: Final = ("Contributions by donor", "Funds")

# Donors the published record says gave nothing that year (the 2024 USA row notes "zero in 2025").
ABSENT_DONORS: Final[Mapping[int, frozenset[str]]] = {2025: frozenset({"USA"})}
