"""Every raw table's polars schema, in one place: what ingestion writes into `raw.*` and what
the dbt sources (dbt_project/models/staging/_*__sources.yml) read.

Document tables start with the document's provenance (reporting year, type, symbol, figure
status provisional / final, as-of date: the same figure is published twice, and a restatement
never overwrites history) and end with where in the file the row came from (file, hash, page
or sheet, table, row). Each resolved code sits next to the label as the document wrote it
(country_name, fund_label, ...), as in the request-log rows: a reviewer sees what was read.

A new source family adds its raw table here (one entry of `DOCUMENT_SCHEMAS`); see
docs/architecture.md, "Adding a source family".
"""

from __future__ import annotations

import polars as pl

from pipelines.ingest.rejects import AUDIT_SCHEMA, REJECT_SCHEMA
from pipelines.ingest.request_logs import ROW_SCHEMA as REQUEST_EVENTS_SCHEMA

AMOUNT = pl.Decimal(18, 2)

# Provenance every document row starts with (document facts) and ends with (where in the file).
DOCUMENT_COLUMNS: dict[str, pl.DataType] = {
    "reporting_year": pl.Int32(),
    "document_type": pl.String(),
    "document_symbol": pl.String(),
    "figure_status": pl.String(),
    "as_of": pl.Date(),
}
SOURCE_COLUMNS: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "source_sha256": pl.String(),
    "source_page": pl.Int32(),
    "source_sheet": pl.String(),
    "source_table": pl.String(),
    "source_row": pl.Int64(),
}


def document_schema(columns: dict[str, pl.DataType]) -> dict[str, pl.DataType]:
    """A document table's schema: provenance, the table's own columns, location in the file."""
    return {**DOCUMENT_COLUMNS, **columns, **SOURCE_COLUMNS}


# The tables written from documents (one asset each, `raw_documents`).
DOCUMENT_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "funding_summary": document_schema(
        {
            "scope": pl.String(),
            "metric": pl.String(),
            "indicator_label": pl.String(),
            "value": pl.Float64(),
            "unit": pl.String(),
        }
    ),
    "contributions": document_schema(
        {
            "donor_name": pl.String(),
            "donor_code": pl.String(),
            "donor_type": pl.String(),
            "fund_code": pl.String(),
            "pledged_usd": AMOUNT,
            "paid_usd": AMOUNT,
            "unearmarked_usd": AMOUNT,
            "earmarked_usd": AMOUNT,
        }
    ),
    "fund_statements": document_schema(
        {
            "fund_code": pl.String(),
            "fund_label": pl.String(),
            "period_start": pl.Date(),
            "period_end": pl.Date(),
            "line_item": pl.String(),
            "line_item_label": pl.String(),
            "amount_usd": AMOUNT,
        }
    ),
    "field_expenditure": document_schema(
        {
            "presence_name": pl.String(),
            "presence_type": pl.String(),
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "regular_budget_usd": AMOUNT,
            "extrabudgetary_usd": AMOUNT,
            "total_usd": AMOUNT,
        }
    ),
    "assistance_activities": document_schema(
        {
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "activity_title": pl.String(),
            "thematic_area_label": pl.String(),
            "thematic_area_code": pl.String(),
            "activity_type": pl.String(),
            "provider_type": pl.String(),
            "provider_name": pl.String(),
            "partner_entity": pl.String(),
            "funding_label": pl.String(),
            "fund_code": pl.String(),
            "upr_recommendations_addressed": pl.Int32(),
        }
    ),
    "board_projects": document_schema(
        {
            "fund_code": pl.String(),
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "region": pl.String(),
            "project_title": pl.String(),
            "thematic_area_label": pl.String(),
            "thematic_area_code": pl.String(),
            "amount_usd": AMOUNT,
        }
    ),
    "highlights": document_schema(
        {
            "country_name": pl.String(),
            "country_iso3": pl.String(),
            "thematic_area_label": pl.String(),
            "thematic_area_code": pl.String(),
            "kind": pl.String(),
            "title": pl.String(),
            "body": pl.String(),
        }
    ),
    # Reports of the Working Group on the UPR (upr_family.py): one row per recommendation and
    # recommending State; reporting_year is the year of the review, document_symbol the report's
    # A/HRC/<session>/<n>, as_of the date of its distribution block.
    "upr_recommendations": document_schema(
        {
            "session": pl.Int32(),
            "state_under_review_as_written": pl.String(),
            "state_under_review_iso3": pl.String(),
            "review_date": pl.Date(),
            "review_year": pl.Int32(),
            "cycle": pl.Int32(),
            "introducing_paragraph": pl.String(),
            "paragraph": pl.String(),
            # The n-th group of recommending States in the printed paragraph (1 when it has
            # one): the first-cycle reports print several recommendations in one item.
            "part": pl.Int32(),
            "text": pl.String(),
            "recommending_state_as_written": pl.String(),
            "recommending_iso3": pl.String(),
            "position": pl.String(),
        }
    ),
}
DOCUMENT_TABLES: tuple[str, ...] = tuple(DOCUMENT_SCHEMAS)

# Every raw table. The request-log schema is still defined beside its parser; rejects and
# load_audit are shared by every family and scoped by `source_family`.
RAW_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "request_events": REQUEST_EVENTS_SCHEMA,
    **DOCUMENT_SCHEMAS,
    "rejects": REJECT_SCHEMA,
    "load_audit": AUDIT_SCHEMA,
}
