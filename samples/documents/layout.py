"""The sample documents' per-year layout: what varies between years (documented in sources/README.md).

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from samples.documents.constants import DEFAULT_YEARS
from samples.documents.wordings import CHAPTER_TITLES, CONTINUED_SUFFIXES, TABLE_HEADINGS, TOTAL_LABELS

CHAPTER_ORDERS: Final = (
    ("funding", "country", "highlights"),
    ("highlights", "funding", "country"),
    ("country", "funding", "highlights"),
)
# fmt: off
_CHAPTER_ORDER_OF_YEAR: Final[Mapping[int, int]] = {
    2012: 0, 2013: 0, 2014: 1, 2015: 0, 2016: 2, 2017: 1, 2018: 0, 2019: 0, 2020: 2, 2021: 1,
    2022: 0, 2023: 2, 2024: 1, 2025: 0,
}
# fmt: on
# Offsets so that tables change wording in different years, not all at once.
_WORDING_OFFSET: Final[Mapping[str, int]] = {
    "funding_at_a_glance": 0,
    "contributions_by_donor": 1,
    "fund_contributions": 2,
    "field_expenditure": 0,
    "assistance_activities": 1,
    "fund_statement": 2,
    "board_contributions": 0,
    "board_projects": 1,
}
_HEADING_OFFSET: Final[Mapping[str, int]] = {
    "funding_at_a_glance": 2,
    "contributions_by_donor": 0,
    "fund_contributions": 1,
    "field_expenditure": 2,
    "fund_statement": 0,
    "board_contributions": 1,
    "board_projects": 2,
}


def _wording(table_id: str, year: int) -> int:
    return (year - DEFAULT_YEARS.start + _WORDING_OFFSET[table_id]) % 3


def _heading_index(table_id: str, year: int) -> int:
    # Heading changes are rarer than header changes: blocks of about five years.
    return ((year - DEFAULT_YEARS.start) // 5 + _HEADING_OFFSET[table_id]) % len(TABLE_HEADINGS[table_id])


@dataclass(frozen=True)
class AnnualLayout:
    chapter_order: tuple[str, ...]
    chapter_titles: Mapping[str, str]
    field_table_chapter: str  # "funding" or "country"
    continued: str | None  # heading suffix repeated on continuation pages, or None
    zero: str
    donor_order: str  # "amount" or "alphabetical"
    donor_style: str  # "en_formal" or "en_short"
    field_subtotals: bool
    total_label: str
    footer: str


@dataclass(frozen=True)
class BoardLayout:
    continued: str | None
    zero: str
    project_subtotals: bool
    total_label: str
    footer: str


def annual_layout(year: int) -> AnnualLayout:
    """What the annual report of `year` looks like (deterministic, documented)."""
    k = year - DEFAULT_YEARS.start
    return AnnualLayout(
        chapter_order=CHAPTER_ORDERS[_CHAPTER_ORDER_OF_YEAR.get(year, k % 3)],
        chapter_titles={
            "funding": CHAPTER_TITLES["funding"][0],
            "country": CHAPTER_TITLES["country"][0 if year < 2018 else 1],
            "highlights": CHAPTER_TITLES["highlights"][0 if year % 2 == 0 else 1],
        },
        field_table_chapter="funding" if k % 4 in (0, 1) else "country",
        continued=(None, CONTINUED_SUFFIXES[0], CONTINUED_SUFFIXES[1])[k % 3],
        zero="-" if k % 2 == 0 else "–",
        donor_order="amount" if k % 3 != 1 else "alphabetical",
        donor_style="en_formal" if k % 2 == 0 else "en_short",
        field_subtotals=k % 3 != 2,
        total_label=TOTAL_LABELS[0] if k % 4 != 3 else TOTAL_LABELS[1],
        footer=("Page {n}", "- {n} -", "{n}")[k % 3],
    )


def board_layout(year: int) -> BoardLayout:
    k = year - DEFAULT_YEARS.start
    return BoardLayout(
        continued=(CONTINUED_SUFFIXES[0], None, CONTINUED_SUFFIXES[1])[k % 3],
        zero="-" if k % 2 == 1 else "–",
        project_subtotals=year >= 2016,
        total_label=TOTAL_LABELS[0] if k % 5 != 2 else TOTAL_LABELS[1],
        footer="{n}" if k % 2 == 0 else "Page {n}",
    )
