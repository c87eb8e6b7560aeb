"""Parser for States' requests for technical assistance (res. 18/18 paras 6 (b) and 11).

A request log is an event log, one row per status change, exported once per reporting year as
CSV or XLSX by whichever tool the office used that year. `parse_request_log` turns one file into
typed, resolved rows with provenance, and rejects with a rule and a reason; it never drops a row.
Focal points are personal data: they leave this module only as a keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from pipelines.ingest.rejects import REJECT_SCHEMA, ParseResult, conform
from pipelines.ingest.tables import SOURCE_ROW, read_tabular
from pipelines.reference.countries import resolve_country
from pipelines.reference.taxonomy import fund_by_label, known_currencies, thematic_area_by_label
from pipelines.settings import pii_key
from pipelines.text import normalize_label

FAMILY = "request_logs"
FILE_PATTERN = re.compile(r"(?<!\d)(20\d{2})(?!\d)")

# Header wordings per canonical column: the one place to teach the parser a new export layout.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "request_id": ("Request ID", "Ref.", "Reference", "Request reference", "Request no.", "ID"),
    "requesting_state": ("Requesting State", "State", "Country", "Member State", "État"),
    "received_on": ("Received on", "Date received", "Received", "Date of receipt"),
    "event_date": ("Event date", "Date", "Status date", "Date of event"),
    "status": ("Status", "Request status", "Stage", "Statut"),
    "channel": ("Channel", "Received through", "Received via", "Canal"),
    "thematic_area": ("Thematic area", "Area", "Theme", "Thematic focus", "Thematic area of support"),
    "upr_recommendations": (
        "UPR recommendations",
        "UPR recs",
        "UPR recommendation(s)",
        "UPR refs",
        "UPR rec. no.",
    ),
    "responding_office": ("Responding office", "Office", "Lead office"),
    "estimated_cost": ("Estimated cost", "Cost estimate", "Estimated budget", "Budget estimate"),
    "currency": ("Currency", "Cur.", "Curr.", "Currency code"),
    "funded_amount": ("Funded amount", "Funded", "Amount funded"),
    "funding_source": ("Funding source", "Source of funds", "Funded from", "Fund"),
    "focal_point": ("Focal point", "Contact person", "Focal point name"),
    "focal_point_email": ("Focal point e-mail", "Contact e-mail", "Focal point email", "E-mail"),
}
REQUIRED = ("request_id", "requesting_state", "received_on", "event_date", "status")
PERSONAL_DATA = ("focal_point", "focal_point_email")

STATUS_BY_LABEL: dict[str, str] = {
    normalize_label(label): code
    for code, labels in {
        "received": ("Received", "New", "Reçue", "Recibida"),
        "under_assessment": ("Under assessment", "Under review", "En cours d'examen"),
        "accepted": ("Accepted", "Approved", "Acceptée", "Aceptada"),
        "declined": ("Declined", "Rejected", "Refusée", "Rechazada"),
        "in_delivery": ("In delivery", "In progress", "Ongoing", "En cours"),
        "completed": ("Completed", "Closed - completed", "Achevée", "Completada"),
        "withdrawn": ("Withdrawn", "Cancelled by State", "Retirée", "Retirada"),
    }.items()
    for label in (code, *labels)
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y")

ROW_SCHEMA: dict[str, pl.DataType] = {
    "reporting_year": pl.Int32(),
    "request_id": pl.String(),
    "country_name": pl.String(),
    "country_iso3": pl.String(),
    "received_on": pl.Date(),
    "event_date": pl.Date(),
    "status": pl.String(),
    "status_label": pl.String(),
    "channel": pl.String(),
    "thematic_area_label": pl.String(),
    "thematic_area_code": pl.String(),
    "upr_recommendations": pl.String(),
    "responding_office": pl.String(),
    "estimated_cost": pl.Decimal(18, 2),
    "currency": pl.String(),
    "funded_amount": pl.Decimal(18, 2),
    "funding_source_label": pl.String(),
    "fund_code": pl.String(),
    "focal_point_hash": pl.String(),
    "source_file": pl.String(),
    "source_sha256": pl.String(),
    "source_sheet": pl.String(),
    "source_row": pl.Int64(),
}


def reporting_year_of(path: Path) -> int | None:
    """The reporting year a request-log export covers, from its file name."""
    match = FILE_PATTERN.search(path.stem)
    return int(match.group(1)) if match else None


def discover(request_logs_dir: Path, years: Iterable[int] | None = None) -> dict[int, list[Path]]:
    """Request-log files by reporting year (a year may come in several files)."""
    wanted = set(years) if years is not None else None
    found: dict[int, list[Path]] = {}
    for path in sorted(request_logs_dir.glob("*")):
        if path.suffix.lower() not in {".csv", ".xlsx"}:
            continue
        year = reporting_year_of(path)
        if year is not None and (wanted is None or year in wanted):
            found.setdefault(year, []).append(path)
    return found


def _pii_hash(values: Iterable[str | None]) -> str | None:
    parts = [normalize_label(v) for v in values if v]
    if not parts:
        return None
    return hmac.new(pii_key(), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:32]


def _parse_date(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.coalesce(*(text.str.to_date(fmt, strict=False) for fmt in DATE_FORMATS))


def _parse_amount(column: str) -> pl.Expr:
    # Exports write "12,500.00" or "12 500"; thousands separators go, the decimal point stays.
    text = pl.col(column).str.replace_all(r"[\s\u00a0\u202f,]", "")
    return text.cast(pl.Float64, strict=False)


def _lookup(column: str, mapping: dict[str, str]) -> pl.Expr:
    keys = pl.col(column).map_elements(normalize_label, return_dtype=pl.String)
    return keys.replace_strict(mapping, default=None, return_dtype=pl.String)


def parse_request_log(path: Path, reporting_year: int, sources_root: Path) -> ParseResult:
    """Parse one request-log export. Raises UnreadableSourceError if the file cannot be read."""
    table = read_tabular(path, HEADER_SYNONYMS, REQUIRED)
    relative = path.relative_to(sources_root).as_posix() if path.is_relative_to(sources_root) else path.name
    frame = table.frame

    countries = {
        name: resolve_country(name) for name in frame["requesting_state"].drop_nulls().unique().to_list()
    }
    iso3_of = {name: m.iso3 for name, m in countries.items() if m.iso3}
    reason_of = {name: m.reason for name, m in countries.items() if not m.iso3}
    fund_map = fund_by_label()

    # A few hundred focal points recur over thousands of rows: hash each person once.
    people = frame.select(PERSONAL_DATA).unique()
    people = people.with_columns(
        pl.Series("focal_point_hash", [_pii_hash(pair) for pair in people.iter_rows()], dtype=pl.String)
    )
    frame = frame.join(people, on=list(PERSONAL_DATA), how="left", nulls_equal=True, maintain_order="left")
    frame = frame.with_columns(
        pl.col("request_id").str.strip_chars().alias("request_id"),
        pl.col("requesting_state")
        .replace_strict(iso3_of, default=None, return_dtype=pl.String)
        .alias("iso3"),
        pl.col("requesting_state")
        .replace_strict(reason_of, default=None, return_dtype=pl.String)
        .alias("country_reason"),
        _parse_date("received_on").alias("received_date"),
        _parse_date("event_date").alias("event_day"),
        _lookup("status", STATUS_BY_LABEL).alias("status_code"),
        _lookup("thematic_area", thematic_area_by_label()).alias("area_code"),
        _lookup("funding_source", fund_map).alias("fund"),
        pl.col("currency").str.strip_chars().str.to_uppercase().alias("currency_code"),
        _parse_amount("estimated_cost").alias("cost"),
        _parse_amount("funded_amount").alias("funded"),
    )
    currencies = sorted(known_currencies())

    def quoted(column: str) -> pl.Expr:
        return pl.lit("'") + pl.col(column).fill_null("") + pl.lit("'")

    checks: list[tuple[str, pl.Expr, pl.Expr]] = [
        ("missing_request_id", pl.col("request_id").is_null(), pl.lit("the row has no request ID")),
        (
            "unknown_country",
            pl.col("iso3").is_null(),
            pl.coalesce(pl.col("country_reason"), pl.lit("no requesting State given")),
        ),
        (
            "unparseable_date",
            pl.col("received_date").is_null() | pl.col("event_day").is_null(),
            pl.lit("received date ")
            + quoted("received_on")
            + pl.lit(" or event date ")
            + quoted("event_date")
            + pl.lit(f" is not a date in any of the formats {', '.join(DATE_FORMATS)}"),
        ),
        (
            "event_before_receipt",
            pl.col("event_day") < pl.col("received_date"),
            pl.lit("event date ")
            + pl.col("event_day").cast(pl.String)
            + pl.lit(" is before the request was received on ")
            + pl.col("received_date").cast(pl.String),
        ),
        (
            "event_outside_reporting_year",
            pl.col("event_day").dt.year() != reporting_year,
            pl.lit("event date ")
            + pl.col("event_day").cast(pl.String)
            + pl.lit(f" is outside the file's reporting year {reporting_year}"),
        ),
        (
            "unknown_status",
            pl.col("status_code").is_null(),
            pl.lit("status ") + quoted("status") + pl.lit(" is not one of the known statuses"),
        ),
        (
            "unknown_thematic_area",
            pl.col("thematic_area").is_not_null() & pl.col("area_code").is_null(),
            pl.lit("thematic area ")
            + quoted("thematic_area")
            + pl.lit(" is not in the label mapping (seed thematic_area_labels.csv)"),
        ),
        (
            "unknown_funding_source",
            pl.col("funding_source").is_not_null() & pl.col("fund").is_null(),
            pl.lit("funding source ")
            + quoted("funding_source")
            + pl.lit(" is not in the seed fund_labels.csv"),
        ),
        (
            "unparseable_amount",
            (pl.col("estimated_cost").is_not_null() & pl.col("cost").is_null())
            | (pl.col("funded_amount").is_not_null() & pl.col("funded").is_null()),
            pl.lit("estimated cost ")
            + quoted("estimated_cost")
            + pl.lit(" or funded amount ")
            + quoted("funded_amount")
            + pl.lit(" is not a number"),
        ),
        (
            "negative_amount",
            (pl.col("cost") < 0) | (pl.col("funded") < 0),
            pl.lit("estimated cost ")
            + quoted("estimated_cost")
            + pl.lit(" or funded amount ")
            + quoted("funded_amount")
            + pl.lit(" is negative"),
        ),
        (
            "unknown_currency",
            pl.col("cost").is_not_null() & ~pl.col("currency_code").is_in(currencies),
            pl.lit("currency ")
            + quoted("currency")
            + pl.lit(f" has no exchange rate (known: {', '.join(currencies)})"),
        ),
    ]
    # The first rule a row breaks is the one reported: a row with no ID is not also a duplicate.
    rule = pl.when(checks[0][1]).then(pl.lit(checks[0][0]))
    reason = pl.when(checks[0][1]).then(checks[0][2])
    for name, failed, why in checks[1:]:
        rule = rule.when(failed.fill_null(False)).then(pl.lit(name))
        reason = reason.when(failed.fill_null(False)).then(why)
    frame = _mark_duplicates(
        frame.with_columns(rule.otherwise(None).alias("rule"), reason.otherwise(None).alias("reason"))
    )

    provenance = {
        "reporting_year": pl.lit(reporting_year, dtype=pl.Int32).alias("reporting_year"),
        "source_file": pl.lit(relative).alias("source_file"),
        "source_sha256": pl.lit(table.sha256).alias("source_sha256"),
        "source_sheet": pl.lit(table.sheet, dtype=pl.String).alias("source_sheet"),
    }
    good = frame.filter(pl.col("rule").is_null())
    rows = good.select(
        provenance["reporting_year"],
        "request_id",
        pl.col("requesting_state").alias("country_name"),
        pl.col("iso3").alias("country_iso3"),
        pl.col("received_date").alias("received_on"),
        pl.col("event_day").alias("event_date"),
        pl.col("status_code").alias("status"),
        pl.col("status").alias("status_label"),
        "channel",
        pl.col("thematic_area").alias("thematic_area_label"),
        pl.col("area_code").alias("thematic_area_code"),
        "upr_recommendations",
        "responding_office",
        pl.col("cost").round(2).cast(pl.Decimal(18, 2)).alias("estimated_cost"),
        pl.when(pl.col("cost").is_not_null()).then(pl.col("currency_code")).alias("currency"),
        pl.col("funded").round(2).cast(pl.Decimal(18, 2)).alias("funded_amount"),
        pl.col("funding_source").alias("funding_source_label"),
        pl.col("fund").alias("fund_code"),
        "focal_point_hash",
        provenance["source_file"],
        provenance["source_sha256"],
        provenance["source_sheet"],
        SOURCE_ROW,
    ).cast(ROW_SCHEMA)
    raw_columns = [c for c in HEADER_SYNONYMS if c not in PERSONAL_DATA]
    rejects = (
        frame.filter(pl.col("rule").is_not_null())
        .select(
            pl.lit(FAMILY).alias("source_family"),
            provenance["reporting_year"],
            provenance["source_file"],
            provenance["source_sha256"],
            provenance["source_sheet"],
            SOURCE_ROW,
            "rule",
            "reason",
            pl.struct(*raw_columns, "focal_point_hash").struct.json_encode().alias("raw_values"),
        )
        .pipe(conform, REJECT_SCHEMA)
    )
    return ParseResult(
        source_file=relative, sha256=table.sha256, rows_read=frame.height, rows=rows, rejects=rejects
    )


def _mark_duplicates(frame: pl.DataFrame) -> pl.DataFrame:
    """Reject the second and later rows of one event.

    The event key is (request, status): a request passes through each status at most once, so
    a second row for the pair repeats an event already loaded. Only rows that break no other
    rule take part, so a bad row never makes a good one look like a copy.
    """
    clean = pl.col("rule").is_null()
    first_row = pl.when(clean).then(pl.col(SOURCE_ROW)).min().over(["request_id", "status_code"])
    is_copy = clean & (pl.col(SOURCE_ROW) != first_row)
    return frame.with_columns(
        pl.when(is_copy).then(pl.lit("duplicate_event")).otherwise(pl.col("rule")).alias("rule"),
        pl.when(is_copy)
        .then(
            pl.lit("repeats the '")
            + pl.col("status_code")
            + pl.lit("' event of request ")
            + pl.col("request_id")
            + pl.lit(" already given at row ")
            + first_row.cast(pl.String)
        )
        .otherwise(pl.col("reason"))
        .alias("reason"),
    )
