"""The sample UPR reviews: which sample State was reviewed when, in which report, and which
paragraph of section II lists the recommendations it supported. Shared by the generator of
the Working Group reports (`samples/upr_reports.py`) and the request-log generator, whose
requests cite recommendations of the State's latest review before them (`review_before`).

Each sample State under review has one review per cycle from the second (2012) on; a request
received before the State's first sample review cites nothing (the first-cycle reports of
2008-2011 fall before the first reporting year, 2012).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Final

# The request-log generator's citations `<head>.<n>`: n is a running sum of at most four steps
# (the first below 60, the others below 40), so at most 59 + 3 * 39.
MAX_CITED: Final = 176

# (ISO3, the name the report's title prints).
REVIEWED_STATES: Final[tuple[tuple[str, str], ...]] = (
    ("VEN", "Venezuela (Bolivarian Republic of)"),
    ("CIV", "Côte d’Ivoire"),
    ("TUR", "Turkey"),
    ("KEN", "Kenya"),
    ("COL", "Colombia"),
    ("UKR", "Ukraine"),
    ("COD", "Democratic Republic of the Congo"),
    ("CAF", "Central African Republic"),
)

# Working Group sessions of each sample cycle: (UPR session, its first day, HRC session of the
# report). Cycle 2 began in May 2012, cycle 3 in May 2017, cycle 4 in November 2022.
_SESSIONS: Final[dict[int, tuple[tuple[int, dt.date, int], ...]]] = {
    2: ((13, dt.date(2012, 5, 21), 21), (14, dt.date(2012, 10, 22), 22), (15, dt.date(2013, 1, 21), 23)),
    3: ((27, dt.date(2017, 5, 1), 36), (28, dt.date(2017, 11, 6), 37), (29, dt.date(2018, 1, 15), 38)),
    4: ((41, dt.date(2022, 11, 7), 52), (42, dt.date(2023, 1, 23), 53), (43, dt.date(2023, 5, 1), 54)),
}


@dataclass(frozen=True)
class Review:
    """One sample review: of whom, when, in which report, and the head paragraph of the list."""

    iso3: str
    state_name: str
    cycle: int
    upr_session: int
    review_date: dt.date
    hrc_session: int
    number: int  # n of A/HRC/<session>/<n>
    head: int  # the section II paragraph listing the supported recommendations

    @property
    def symbol(self) -> str:
        return f"A/HRC/{self.hrc_session}/{self.number}"

    @property
    def file_name(self) -> str:
        # Real files carry no reliable year: the family reads it from the document.
        return f"{self.iso3.lower()}_upr_{self.upr_session}.pdf"

    @property
    def document_date(self) -> dt.date:
        return self.review_date + dt.timedelta(days=38)


def stable_hash(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:4], "big")


def _reviews() -> tuple[Review, ...]:
    reviews = []
    for index, (iso3, name) in enumerate(REVIEWED_STATES):
        for cycle, sessions in _SESSIONS.items():
            upr_session, start, hrc = sessions[index % len(sessions)]
            day = start + dt.timedelta(days=(index // len(sessions)) * 2 + 1)
            head = 108 + stable_hash(iso3, cycle) % 50
            reviews.append(Review(iso3, name, cycle, upr_session, day, hrc, 10 + index, head))
    return tuple(reviews)


SAMPLE_REVIEWS: Final[tuple[Review, ...]] = _reviews()


def review_before(iso3: str, day: dt.date) -> Review | None:
    """The State's latest sample review held before `day` (None if it has none yet)."""
    held = [r for r in SAMPLE_REVIEWS if r.iso3 == iso3 and r.review_date < day]
    return max(held, key=lambda r: r.review_date) if held else None
