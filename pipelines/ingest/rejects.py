"""What a rejected row looks like, for every source family: the rule it broke, a reason a
person can act on, where it came from and the raw values it had (personal data already hashed).

`rows read = rows loaded + rows rejected` per file is a blocking check, so a parser must put
every row it read into exactly one of its two outputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source_family": pl.String(),
    "reporting_year": pl.Int32(),
    "source_file": pl.String(),
    "source_sha256": pl.String(),
    "source_sheet": pl.String(),
    "source_page": pl.Int32(),
    "source_table": pl.String(),
    "source_row": pl.Int64(),
    "rule": pl.String(),
    "reason": pl.String(),
    "raw_values": pl.String(),
}

AUDIT_SCHEMA: dict[str, pl.DataType] = {
    "source_family": pl.String(),
    "reporting_year": pl.Int32(),
    "source_file": pl.String(),
    "source_sha256": pl.String(),
    "rows_read": pl.Int64(),
    "rows_loaded": pl.Int64(),
    "rows_rejected": pl.Int64(),
}


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """`frame` in `schema`'s column order and types, with the columns it lacks as nulls (a
    request-log reject has no page; a PDF reject has no sheet)."""
    missing = [
        pl.lit(None, dtype=dtype).alias(name) for name, dtype in schema.items() if name not in frame.columns
    ]
    return frame.with_columns(missing).select(list(schema)).cast(schema)


@dataclass(frozen=True)
class ParseResult:
    """The output of one parser over one file."""

    source_file: str
    sha256: str
    rows_read: int
    rows: pl.DataFrame
    rejects: pl.DataFrame

    def audit_row(self, family: str, year: int) -> dict[str, object]:
        return {
            "source_family": family,
            "reporting_year": year,
            "source_file": self.source_file,
            "source_sha256": self.sha256,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows.height,
            "rows_rejected": self.rejects.height,
        }
