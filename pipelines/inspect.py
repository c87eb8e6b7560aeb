"""`tcw inspect FILE`: try a file before it enters the warehouse.

Which source family the file is taken for and why (its folder and name, as `make run` finds
it; its name alone; or its first page), what its first page says (symbol, date, session, year,
period, status), and what would be loaded: rows per raw table and rejects with their rule and
reason. It goes through the registry (`pipelines/ingest/registry.py`), so a family added there
is inspected too, and it writes nothing: no warehouse, no PDF text cache.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.ingest import registry
from pipelines.ingest.hrc_document import document_year, figure_status, read_facts
from pipelines.ingest.pdf import first_page_lines
from pipelines.ingest.registry import DocumentKind, DocumentSource
from pipelines.ingest.request_logs import FAMILY as REQUEST_LOGS
from pipelines.ingest.request_logs import parse_request_log, reporting_year_of
from pipelines.ingest.tables import UnreadableSourceError

_REQUEST_LOG_SUFFIXES = {".csv", ".xlsx", ".xls", ".txt", ".tsv"}
# A first page that names its document: the kind it is taken for when the name says nothing.
_CONTENT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("appeal", re.compile(r"\bHuman Rights Appeal\s+\d{4}\b", re.IGNORECASE)),
    (
        "annual_report",
        re.compile(r"\b(?:(?:UN|United Nations) Human Rights|OHCHR) Report\s+\d{4}\b", re.IGNORECASE),
    ),
    ("vftc_board_report", re.compile(r"Voluntary Fund for Technical Cooperation", re.IGNORECASE)),
    ("vffta_report", re.compile(r"Voluntary (?:Trust )?Fund for Financial and Technical", re.IGNORECASE)),
    (
        "upr_participation_fund_report",
        re.compile(r"Voluntary (?:Trust )?Fund for Participation", re.IGNORECASE),
    ),
)


@dataclass
class Inspection:
    """What `tcw inspect` reports on one file (JSON-safe through `to_json`)."""

    path: Path
    family: str | None = None
    document_type: str | None = None
    reason: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    rejects: pl.DataFrame | None = None
    rows_read: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "family": self.family,
            "document_type": self.document_type,
            "why": self.reason,
            "metadata": {k: json_safe(v) for k, v in self.metadata.items()},
            "rows_read": self.rows_read,
            "tables": {name: rows(frame) for name, frame in self.tables.items()},
            "rejects": rows(self.rejects) if self.rejects is not None else [],
        }


def json_safe(value: object) -> object:
    """Dates as ISO text, decimals as text (exact), everything else as JSON has it."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def rows(frame: pl.DataFrame) -> list[dict[str, object]]:
    return [{k: json_safe(v) for k, v in row.items()} for row in frame.iter_rows(named=True)]


def inspect_file(path: Path) -> Inspection:
    """Inspect one file. Raises UnreadableSourceError (with the reason) when it cannot be read
    or is no source family the registry knows."""
    if not path.is_file():
        raise UnreadableSourceError(path, "file not found" if not path.exists() else "not a file")
    found = _document_source(path)
    if found is not None:
        source, reason = found
        return _inspect_document(source, reason)
    year = reporting_year_of(path)
    if path.suffix.lower() in _REQUEST_LOG_SUFFIXES and year is not None:
        where = f"folder '{REQUEST_LOGS}'" if path.parent.name == REQUEST_LOGS else "its name"
        why = f"{where}: a tabular export whose name carries the year {year}"
        return _inspect_request_log(path, year, why)
    kinds = ", ".join(sorted({k.family for k in registry.KINDS} | {REQUEST_LOGS}))
    raise UnreadableSourceError(
        path,
        f"not a source family the registry knows (by folder, name or first page; families: {kinds})",
    )


def _document_source(path: Path) -> tuple[DocumentSource, str] | None:
    """The document kind and reporting year: by folder and name (as `make run` finds it), by
    name alone, then by the first page's title."""
    source = registry.classify(path)
    if source is not None:
        return source, (
            f"folder '{source.family}' and name matching {source.kind.file_name.pattern} "
            f"({source.document_type}, reporting year {source.reporting_year})"
        )
    for kind in registry.KINDS:
        if (match := kind.file_name.match(path.name)) and (year := kind.reporting_year(match, path)):
            return DocumentSource(path, kind, year), (
                f"name matching {kind.file_name.pattern} ({kind.document_type}, reporting year {year}); "
                f"its folder '{path.parent.name}' is not '{kind.family}', so `make run` would not read it"
            )
    if path.suffix.lower() != ".pdf":
        return None
    lines = first_page_lines(path)
    text = " ".join(line.plain for line in lines[:25])
    for document_type, pattern in _CONTENT_RULES:
        kind = _kind(document_type)
        match = pattern.search(text)
        if kind is None or match is None:
            continue
        stated = document_year(document_type, lines, read_facts(lines).date)
        if stated is None:
            raise UnreadableSourceError(path, f"first page reads as a {document_type} but states no year")
        return DocumentSource(path, kind, stated[0]), (
            f"first page: '{match.group(0)}' ({document_type}, reporting year {stated[0]} from {stated[1]})"
        )
    return None


def _kind(document_type: str) -> DocumentKind | None:
    return next((k for k in registry.KINDS if k.document_type == document_type), None)


def _inspect_document(source: DocumentSource, reason: str) -> Inspection:
    path = source.path
    # The family's folder as the root (file names as `make run` records them); no text cache.
    root = path.parent.parent if path.parent.name == source.family else path.parent
    parsed = registry.parse_document(source, root, cache_dir=None)
    metadata: dict[str, Any] = {
        "document_type": source.document_type,
        "reporting_year": source.reporting_year,
        "status": figure_status(source.document_type),
    }
    if path.suffix.lower() == ".pdf":
        facts = read_facts(first_page_lines(path))
        metadata |= {
            "symbol": facts.symbol,
            "job_number": facts.job_number,
            "date": facts.date,
            "session": facts.session,
            "agenda_item": facts.agenda_item,
            "title": facts.title,
        }
    metadata |= _period(parsed.tables, source.reporting_year)
    tables = {name: parsed.tables[name] for name in source.kind.raw_tables if name in parsed.tables}
    return Inspection(
        path=path,
        family=source.family,
        document_type=source.document_type,
        reason=reason,
        metadata=metadata,
        tables=tables,
        rejects=parsed.rejects,
        rows_read=parsed.rows_read,
    )


def _period(tables: dict[str, pl.DataFrame], year: int) -> dict[str, Any]:
    """The period the figures cover: the statements' (a VFTC report's Board sessions), else the
    calendar year."""
    statements = tables.get("fund_statements")
    if statements is not None and statements.height:
        return {
            "period_start": statements["period_start"].min(),
            "period_end": statements["period_end"].max(),
        }
    return {"period_start": dt.date(year, 1, 1), "period_end": dt.date(year, 12, 31)}


def _inspect_request_log(path: Path, year: int, reason: str) -> Inspection:
    root = path.parent.parent if path.parent.name == REQUEST_LOGS else path.parent
    parsed = parse_request_log(path, year, root)
    return Inspection(
        path=path,
        family=REQUEST_LOGS,
        document_type="request_log",
        reason=reason,
        metadata={"reporting_year": year, "sha256": parsed.sha256},
        tables={"request_events": parsed.rows},
        rejects=parsed.rejects,
        rows_read=parsed.rows_read,
    )
