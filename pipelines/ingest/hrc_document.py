"""What a UN document says about itself, as UN documents print it: no `Status:` or `As of:` line.

A Human Rights Council report prints its symbol (`A/HRC/40/78`) at the top of every page, a job
number (`GE.19-01520(E)`) at the foot of the first, a distribution block (`Distr.: General`, the
date `20 April 2015` on a line of its own, `Original: English`), the session (`Fortieth
session`, `25 February–22 March 2019`), the agenda item and the title. OHCHR's annual report
and Appeal print their title with the year (`UN Human Rights Report 2019`, `UN Human Rights
Appeal 2020`) and a publication date.

So the figure status and the as-of date are read from WHICH document it is and the date it
carries (docs/document_layouts.md, "Status and as-of"):
- the annual report (and its funding annex) and the fund reports hold final figures;
- the Appeal holds the provisional figures of the year before the one in its title;
- the as-of date is the document's date (the distribution date of an HRC report).

The document's own year is read too (title, or the date of a report presented the year after)
and checked against the year its file name claims (issue 10: a 2018 report saved as 2019).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.ingest.pdf import Line, parse_date

# The document kinds whose figures are provisional; every other kind holds final figures.
PROVISIONAL_KINDS: frozenset[str] = frozenset({"appeal"})
# Fund reports go to the Council the year after the accounts they give.
PRESENTED_THE_YEAR_AFTER: frozenset[str] = frozenset(
    {"vftc_board_report", "upr_participation_fund_report", "vffta_report"}
)

# `GE.19-01520(E)` (the language letter is sometimes missing), and the bar code under it.
JOB_NUMBER = re.compile(r"^(?:GE\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?|\*\d{7}\*)(?=\s|$)")
SYMBOL = re.compile(r"\b[A-Z]{1,5}(?:/[A-Z0-9.]+){2,}\b")
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
# A date standing alone on its line ("20 April 2015"): the distribution date, not a session span.
_DATE_LINE = re.compile(rf"^\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{4}}$", re.IGNORECASE)
_SESSION = re.compile(r"^(?P<ordinal>[A-Z][a-z]+(?:-[a-z]+)?) session\b")
_AGENDA = re.compile(r"^Agenda items?\s+(?P<item>[\d, and]+)", re.IGNORECASE)
_TITLE_YEAR = {
    "annual_report": re.compile(r"\bReport\s+(?P<year>(?:19|20)\d{2})\b"),
    "funding_annex": re.compile(r"\bReport\s+(?P<year>(?:19|20)\d{2})\b"),
    "appeal": re.compile(r"\bAppeal\s+(?P<year>(?:19|20)\d{2})\b"),
}
# A Board session heading ("Forty-third session (Geneva)") and the days it met, in the lines that
# follow ("from 11 to 15 March 2019", "11–15 March 2019", "28 September–2 October 2020").
BOARD_SESSION = re.compile(r"^(?P<ordinal>[A-Z][a-z]+(?:-[a-z]+)?) session \((?P<place>[^)]+)\)$")
_SESSION_DAYS = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH_NAMES}))?(?:\s+(?P<y1>\d{{4}}))?\s*(?:-|–|—|to)\s*"
    rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_NAMES})\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FirstPage:
    """The facts a first page prints (None where it does not print them)."""

    symbol: str | None
    job_number: str | None
    date: dt.date | None
    session: str | None
    agenda_item: str | None
    title: str | None


def figure_status(document_type: str) -> str:
    """Provisional for the Appeal, final for every other document."""
    return "provisional" if document_type in PROVISIONAL_KINDS else "final"


def read_facts(lines: Sequence[Line]) -> FirstPage:
    """Symbol, job number, distribution date, session, agenda item and title of a first page."""
    texts = [line.plain.strip() for line in lines]
    symbol = next((m.group(0) for t in texts if (m := SYMBOL.search(t))), None)
    job = next((m.group(0).replace(" ", "") for t in texts if (m := JOB_NUMBER.match(t))), None)
    date = next((parse_date(t) for t in texts if _DATE_LINE.match(t)), None)
    session_at = next((i for i, t in enumerate(texts) if _SESSION.match(t)), None)
    session = texts[session_at] if session_at is not None else None
    agenda = next((m["item"].strip() for t in texts if (m := _AGENDA.match(t))), None)
    return FirstPage(symbol, job, date, session, agenda, _title(texts, session_at))


def _title(texts: Sequence[str], session_at: int | None) -> str | None:
    """The title: an annual report's first line; an HRC report's line after the agenda item and
    its subject ("Agenda item 10", "Technical assistance and capacity-building", title)."""
    if not texts:
        return None
    agenda_at = next((i for i, t in enumerate(texts) if _AGENDA.match(t)), None)
    if session_at is None or agenda_at is None:
        return texts[0]
    rest = [t for t in texts[agenda_at + 2 :] if t]
    # A title wraps over several lines: up to the subtitle ("Report of the Chair..."), a
    # "Summary" heading or a note; at most four lines.
    title: list[str] = []
    for text in rest[:4]:
        if title and text.startswith(("Report of", "Note by", "Summary", "*", "Synthetic")):
            break
        title.append(text)
    return " ".join(title) or None


def is_job_number(line: Line) -> bool:
    """The job number at the foot of a first page is page furniture, not body text."""
    return bool(JOB_NUMBER.match(line.plain.strip()))


def document_year(document_type: str, lines: Sequence[Line], date: dt.date | None) -> tuple[int, str] | None:
    """The reporting year the document itself states, with where it was read (for the error
    message), or None when it states none. The annual report's title carries its year; the
    Appeal's title the year after the one it reports on; a fund report is presented to the
    Council the year after the year whose accounts it gives, so its date's year minus one."""
    pattern = _TITLE_YEAR.get(document_type)
    if pattern is not None:
        for line in lines[:6]:
            if match := pattern.search(line.plain):
                # The line may carry the running header's symbol after the title: quote the title.
                shown = SYMBOL.sub("", line.plain).strip()
                offset = 1 if document_type == "appeal" else 0
                return int(match["year"]) - offset, f"its title '{shown}'"
        return None
    if date is not None and document_type in PRESENTED_THE_YEAR_AFTER:
        return date.year - 1, f"it is dated {date.day} {date:%B %Y}"
    # Other kinds (a UPR Working Group report: its year is its session's) state no year here.
    return None


def board_sessions(lines: Sequence[Line]) -> list[tuple[str, dt.date, dt.date]]:
    """The Board sessions a board report covers: each heading `<Ordinal> session (<place>)` and
    the days it met, read from the next lines of text."""
    found: list[tuple[str, dt.date, dt.date]] = []
    for i, line in enumerate(lines):
        heading = line.plain.strip()
        if not BOARD_SESSION.match(heading):
            continue
        # The days may wrap onto the next line of the paragraph: read the next lines as one.
        days = _session_days(" ".join(following.plain for following in lines[i + 1 : i + 4]))
        if days is not None:
            found.append((heading, *days))
    return found


def _session_days(text: str) -> tuple[dt.date, dt.date] | None:
    match = _SESSION_DAYS.search(text)
    if not match:
        return None
    m2 = _month(match["m2"])
    m1 = _month(match["m1"]) if match["m1"] else m2
    y2 = int(match["y2"])
    y1 = int(match["y1"]) if match["y1"] else y2
    try:
        return dt.date(y1, m1, int(match["d1"])), dt.date(y2, m2, int(match["d2"]))
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTH_NAMES.lower().split("|").index(name.lower()) + 1
