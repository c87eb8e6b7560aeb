"""The UPR Working Group reports as a source family: `parse_upr_report` writes the rows of the
raw document table (`raw.upr_recommendations`); here they are stamped with the reporting year
the registry filed them under and the file's path under sources/, with rejects and a
load_audit count like every family, and the reporting year read from the document (the year
of the review).

A report is filed under the year its review was held: the file names of real reports carry
no reliable year (`Macedonia2014.pdf` is a review of January 2014, others are named by their
session), so the registry reads it from the first pages (`review_year_of`).
"""

from __future__ import annotations

import functools
from pathlib import Path

import polars as pl

from pipelines.ingest.document_kit import DocumentParse, relative_name
from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS
from pipelines.ingest.rejects import REJECT_SCHEMA
from pipelines.ingest.tables import UnreadableSourceError, sha256_of
from pipelines.ingest.upr_reports import (
    DOCUMENT_TYPE,
    TABLE,
    UprFormatError,
    UprMetadata,
    _metadata,
    parse_upr_report,
)


def review_year_of(path: Path) -> int | None:
    """The year of the review a report records (None when its first pages do not say)."""
    stat = path.stat()
    return _review_year(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _review_year(path: str, mtime_ns: int, size: int) -> int | None:
    # Keyed on the file's mtime and size: a sensor asks again after the file changed.
    del mtime_ns, size
    from pipelines.ingest.text.prose import page_count, read_prose

    file = Path(path)
    meta = UprMetadata(source_file=file.name, sha256="")
    try:
        count = page_count(file)
        front = [raw for _, raw in read_prose(file, range(1, min(count, 3) + 1))]
        _metadata(front, meta)
    except (UprFormatError, UnreadableSourceError):
        return None
    return meta.review_year


def parse_upr_document(
    path: Path, reporting_year: int, sources_root: Path, cache_dir: Path | None = None
) -> DocumentParse:
    """One report -> `raw.upr_recommendations` rows and rejects. Every recommendation x
    recommending State is read once: loaded, or rejected with its reason (a report whose
    structure cannot be found is one file-level reject, so the other reports of the year
    still load)."""
    del cache_dir  # the UPR text layer reads only section II; it needs no cache
    rows, rejects, meta = parse_upr_report(path)
    relative = relative_name(path, sources_root)
    tables = {name: pl.DataFrame(schema=schema) for name, schema in DOCUMENT_SCHEMAS.items()}
    frame = rows.with_columns(reporting_year=pl.lit(reporting_year, pl.Int32()), source_file=pl.lit(relative))
    tables[TABLE] = frame
    rejects = rejects.with_columns(
        reporting_year=pl.lit(reporting_year, pl.Int32()), source_file=pl.lit(relative)
    ).select(list(REJECT_SCHEMA))
    return DocumentParse(
        source_file=relative,
        sha256=meta.sha256 or sha256_of(path),
        document_type=DOCUMENT_TYPE,
        reporting_year=reporting_year,
        rows_read=frame.height + rejects.height,
        rows_loaded=frame.height,
        tables=tables,
        rejects=rejects,
    )
