"""The registry of document source families: which files each kind of document is, which
parser reads it, which raw tables it writes and which reporting year it reports on.

This is the one place that knows a family's name (the folder under `sources/`, and
`source_family` in raw.rejects and raw.load_audit) and the rule that a Human Rights Appeal
reports on the year before the one in its name. The parsers know documents, not where they are
filed: `parse_document` stamps their result with the family.

Adding a source family (docs/architecture.md, "Adding a source family"): one parser module,
one `DocumentKind` line in `KINDS`, one raw schema in `raw_schemas.DOCUMENT_SCHEMAS`, one dbt
staging model. A family whose file names carry no year gives a `reporting_year` rule that reads
it from the document (`year_from_document`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingest import annual_reports, fund_board_reports, upr_family
from pipelines.ingest.document_kit import DocumentParse
from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS
from pipelines.ingest.request_logs import FAMILY as REQUEST_LOGS
from pipelines.ingest.request_logs import reporting_year_of as request_log_year

# (path, reporting year, sources root, PDF text cache) -> rows, rejects and counts.
Parser = Callable[..., DocumentParse]
# (the file name's match, the file) -> the reporting year, or None when it cannot be told.
YearRule = Callable[[re.Match[str], Path], int | None]

ANNUAL_REPORTS = "annual_reports"
FUND_BOARD_REPORTS = "fund_board_reports"
UPR_REPORTS = "upr_reports"


def year_in_name(match: re.Match[str], path: Path) -> int | None:
    """The document reports on the year its name carries (`ohchr_report_2019.pdf`)."""
    del path
    return int(match.group("year"))


def year_before_name(match: re.Match[str], path: Path) -> int | None:
    """An Appeal for Y+1 is published in January Y+1 with the provisional figures of Y: it
    reports on the year before the one in its name (`human_rights_appeal_2020.pdf` -> 2019)."""
    del path
    return int(match.group("year")) - 1


def year_from_document(read_year: Callable[[Path], int | None]) -> YearRule:
    """For files whose names carry no year: `read_year` reads it from the document (a session
    date on the first page, say). A file that is gone or unreadable has no year (None)."""

    def rule(match: re.Match[str], path: Path) -> int | None:
        del match
        return read_year(path) if path.is_file() else None

    return rule


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: recognised by its file name inside its family's folder."""

    document_type: str
    family: str
    file_name: re.Pattern[str]
    parser: Parser
    raw_tables: tuple[str, ...]
    reporting_year: YearRule = year_in_name

    def __post_init__(self) -> None:
        unknown = set(self.raw_tables) - set(DOCUMENT_SCHEMAS)
        if unknown:
            raise ValueError(f"{self.document_type}: no raw schema for {sorted(unknown)} (raw_schemas.py)")


def _name(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Within a reporting year documents are parsed in this order (report, annex, appeal, boards).
KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        "annual_report",
        ANNUAL_REPORTS,
        _name(r"^ohchr_report_(?P<year>\d{4})\.pdf$"),
        annual_reports.parse_annual_report,
        (
            "funding_summary",
            "contributions",
            "fund_statements",
            "field_expenditure",
            "assistance_activities",
            "highlights",
        ),
    ),
    DocumentKind(
        "funding_annex",
        ANNUAL_REPORTS,
        _name(r"^ohchr_report_(?P<year>\d{4})_funding_annex\.xlsx$"),
        annual_reports.parse_funding_annex,
        ("contributions", "fund_statements"),
    ),
    DocumentKind(
        "appeal",
        ANNUAL_REPORTS,
        _name(r"^human_rights_appeal_(?P<year>\d{4})\.pdf$"),
        annual_reports.parse_appeal,
        ("funding_summary",),
        reporting_year=year_before_name,
    ),
    DocumentKind(
        "vftc_board_report",
        FUND_BOARD_REPORTS,
        _name(r"^vftc_board_report_(?P<year>\d{4})\.pdf$"),
        fund_board_reports.parse_vftc_board_report,
        ("fund_statements", "contributions", "board_projects"),
    ),
    DocumentKind(
        "upr_participation_fund_report",
        FUND_BOARD_REPORTS,
        _name(r"^upr_participation_fund_report_(?P<year>\d{4})\.pdf$"),
        fund_board_reports.parse_upr_participation_fund_report,
        ("fund_statements", "contributions", "board_projects"),
    ),
    DocumentKind(
        "vffta_report",
        FUND_BOARD_REPORTS,
        _name(r"^vffta_report_(?P<year>\d{4})\.pdf$"),
        fund_board_reports.parse_vffta_report,
        ("fund_statements", "contributions", "board_projects"),
    ),
    # Working Group reports carry their year inside (the review), not in their names.
    DocumentKind(
        "upr_report",
        UPR_REPORTS,
        _name(r"^[^.].*\.pdf$"),
        upr_family.parse_upr_document,
        ("upr_recommendations",),
        reporting_year=year_from_document(upr_family.review_year_of),
    ),
)


def families(kinds: Sequence[DocumentKind] = KINDS) -> tuple[str, ...]:
    """The document families, in registry order (each once)."""
    return tuple(dict.fromkeys(kind.family for kind in kinds))


DOCUMENT_FAMILIES: tuple[str, ...] = families()


@dataclass(frozen=True)
class DocumentSource:
    """A source document found on disk: what it is and which reporting year it reports on."""

    path: Path
    kind: DocumentKind
    reporting_year: int

    @property
    def document_type(self) -> str:
        return self.kind.document_type

    @property
    def family(self) -> str:
        return self.kind.family


def classify(path: Path, kinds: Sequence[DocumentKind] = KINDS) -> DocumentSource | None:
    """The kind and reporting year of a file in its family's folder (None if it is no known
    document, or its year cannot be told)."""
    for kind in kinds:
        if path.parent.name == kind.family and (match := kind.file_name.match(path.name)):
            year = kind.reporting_year(match, path)
            return DocumentSource(path, kind, year) if year is not None else None
    return None


def discover(
    sources_dir: Path, years: Iterable[int] | None = None, kinds: Sequence[DocumentKind] = KINDS
) -> dict[int, list[DocumentSource]]:
    """Documents under each family's folder of `sources_dir`, by reporting year."""
    wanted = set(years) if years is not None else None
    found: dict[int, list[DocumentSource]] = {}
    for folder in sorted(families(kinds)):
        for path in sorted((sources_dir / folder).glob("*")):
            source = classify(path, kinds)
            if source is not None and (wanted is None or source.reporting_year in wanted):
                found.setdefault(source.reporting_year, []).append(source)
    order = {kind.document_type: i for i, kind in enumerate(kinds)}
    return {
        year: sorted(sources, key=lambda s: (order[s.document_type], s.path.name))
        for year, sources in sorted(found.items())
    }


def parse_document(
    source: DocumentSource, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """Parse a document found by `discover`, as a row of its family. Raises
    UnreadableSourceError; a parser that writes a raw table its registry line does not declare
    is a programming error (ValueError), not a data problem."""
    kind = source.kind
    result = kind.parser(source.path, source.reporting_year, sources_root, cache_dir=cache_dir)
    undeclared = [t for t, frame in result.tables.items() if frame.height and t not in kind.raw_tables]
    if undeclared:
        raise ValueError(f"{kind.document_type} wrote {undeclared}, not in its registry line's raw_tables")
    return result.in_family(kind.family)


def reporting_year_of(path: Path) -> int | None:
    """The reporting year of any source file (a document or a request-log export), or None.
    Used to tell which years a changed file touches."""
    source = classify(path)
    if source is not None:
        return source.reporting_year
    if path.parent.name == REQUEST_LOGS:
        return request_log_year(path)
    return None
