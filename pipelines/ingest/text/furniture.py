"""Running headers and footers set aside, and what a first page says (dates, periods,
labelled values)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from babel.dates import get_month_names

from pipelines.ingest.text.extract import Line
from pipelines.text import normalize_label

# --------------------------------------------------------------------------- page furniture

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+|p\.\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/|sur|de)\s*\d{1,4})?$", re.IGNORECASE
)
_DIGITS = re.compile(r"(?<![\d,.])\d+(?![\d,.])")


def strip_furniture(
    pages: Sequence[Sequence[Line]], keep: Callable[[Line], bool], marks: Iterable[str] = ()
) -> list[list[Line]]:
    """The pages without running headers and footers.

    A line among the first or last two of its page is furniture when it is a page number, when
    it contains one of `marks` (the document symbol: page headers carry it), or when the same
    line, page number aside, stands there on at least half the pages (two at least). Only the
    page number is set aside, not every digit: a table's "Total  1,234" at the foot of several
    pages is not a running footer. `keep` protects the lines that matter even at a page's edge:
    a header row repeated on every continuation page must not be taken for a running header.
    """
    mark_keys = [normalize_label(m) for m in marks if m]
    edges: dict[str, int] = {}
    for number, lines in enumerate(pages, start=1):
        for key in {_running_key(line, number) for line in _edge_lines(lines)}:
            edges[key] = edges.get(key, 0) + 1
    repeated = {key for key, count in edges.items() if count >= max(2, (len(pages) + 1) // 2)}
    body: list[list[Line]] = []
    for number, lines in enumerate(pages, start=1):
        edge_ids = {id(line) for line in _edge_lines(lines)}
        kept = []
        for line in lines:
            if id(line) in edge_ids and not keep(line):
                key = normalize_label(line.plain)
                if (
                    _PAGE_NUMBER.match(line.plain.strip())
                    or any(mark in key for mark in mark_keys)
                    or _running_key(line, number) in repeated
                ):
                    continue
            kept.append(line)
        body.append(kept)
    return body


def _running_key(line: Line, page: int) -> str:
    """A line's text with its page number set aside. A printed page number may lag the
    physical one (an unnumbered cover): numbers within 3 of the page count as the page's."""

    def page_number(match: re.Match[str]) -> str:
        return "#" if abs(int(match.group(0)) - page) <= 3 else match.group(0)

    return _DIGITS.sub(page_number, normalize_label(line.plain))


def _edge_lines(lines: Sequence[Line]) -> list[Line]:
    return list(lines[:2]) + list(lines[2:][-2:])


# --------------------------------------------------------------------------- first page


def _month_numbers() -> dict[str, int]:
    """Month names as UN documents print them (English, French, Spanish; CLDR through babel),
    with and without accents, casefolded -> month number."""
    names: dict[str, int] = {}
    for locale in ("en", "fr", "es"):
        for number, name in get_month_names("wide", locale=locale).items():
            folded = name.casefold()
            plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
            names[folded] = names[plain] = number
    return names


_MONTHS = _month_numbers()
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORD_DATE = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})")
_SPAN = re.compile(
    r"(?P<d1>\d{1,2})\s+(?P<m1>[^\W\d_]+)(?:\s+(?P<y1>\d{4}))?\s*(?:-|–|—|to|au|al)\s*"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[^\W\d_]+)\s+(?P<y2>\d{4})"
)


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`: ISO (2020-06-15) or words (15 June 2020)."""
    if match := _ISO_DATE.search(text):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if (match := _WORD_DATE.search(text)) and match[2].casefold() in _MONTHS:
        try:
            return dt.date(int(match[3]), _MONTHS[match[2].casefold()], int(match[1]))
        except ValueError:
            return None
    return None


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """`1 January - 31 December 2015` -> (2015-01-01, 2015-12-31)."""
    match = _SPAN.search(text)
    if not match:
        return None
    m1, m2 = _MONTHS.get(match["m1"].casefold()), _MONTHS.get(match["m2"].casefold())
    if m1 is None or m2 is None:
        return None
    y2 = int(match["y2"])
    y1 = int(match["y1"]) if match["y1"] else y2
    try:
        return dt.date(y1, m1, int(match["d1"])), dt.date(y2, m2, int(match["d2"]))
    except ValueError:
        return None


def labelled_value(lines: Iterable[Line], labels: Sequence[str]) -> str | None:
    """The text after the first `<label>:` among `lines` (`Status: final` -> `final`)."""
    keys = [normalize_label(label) for label in labels]
    for line in lines:
        text = line.plain.strip()
        head, sep, tail = text.partition(":")
        if sep and normalize_label(head) in keys:
            return tail.strip()
    return None
