"""Parser for States' requests for technical assistance (res. 18/18 paras 6 (b) and 11).

A request log is an event log, one row per status change, exported once per reporting year as
CSV or XLSX by whichever tool the office used that year. `parse_request_log` turns one file into
typed, resolved rows with provenance, and rejects with a rule and a reason; it never drops a row.
Focal points are personal data: they leave this module only as a keyed hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import polars as pl

from pipelines.ingest.amount_cells import parse_amounts
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
# Columns the marts' figures come from: a file without one of them fails, naming it, instead of
# loading every amount as empty (what a silently absent "Estimated cost" column used to do).
EXPECTED = ("thematic_area", "estimated_cost", "currency", "funded_amount", "funding_source")
PERSONAL_DATA = ("focal_point", "focal_point_email")
# Columns whose values are resolved (dates, labels, amounts) once per distinct value.
LOOKED_UP = (
    "received_on",
    "event_date",
    "status",
    "thematic_area",
    "funding_source",
    "estimated_cost",
    "funded_amount",
)
# What stands in a reject for a value that is (or may be) focal-point data.
WITHHELD = "[withheld: focal-point data]"
_EMAIL = r"[^\s@]+@[^\s@]+\.[^\s@]+"

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
# Date forms spreadsheets and export tools write. Day first: UN offices write dates day first,
# and a month-first reading of "04/03/2021" cannot be told from it, so it is not guessed at.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
    "%d-%b-%Y",
    "%d %b %Y",
    "%d %B %Y",
)
# Excel stores dates as days since 1899-12-30 (the 1900 system, its leap-year bug included);
# a CSV saved from a sheet whose date column lost its format carries those serials ("44260").
# Only serials between 1950 and 2100 are taken as dates: a bare small number is not a date.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_RANGE = ((dt.date(1950, 1, 1) - _EXCEL_EPOCH).days, (dt.date(2100, 1, 1) - _EXCEL_EPOCH).days)

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


def _parse_dates(values: pl.Series) -> pl.Series:
    """Distinct date cells -> dates (null when no form reads them: 2019-02-30 is no date)."""
    text = pl.col("v").str.strip_chars()
    serial = text.str.extract(r"^(\d{5})(?:\.\d+)?$").cast(pl.Int32, strict=False)
    from_serial = pl.when(serial.is_between(*_SERIAL_RANGE)).then(
        pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial)
    )
    parsed = pl.coalesce(from_serial, *(text.str.to_date(fmt, strict=False) for fmt in DATE_FORMATS))
    return values.to_frame("v").select(parsed.cast(pl.Date).alias("v"))["v"]


def _on_distinct(distinct: pl.Series, function: Callable[[pl.Series], pl.Series]) -> pl.Expr:
    """function(column), computed once per distinct value: a year has ~100,000 rows but a few
    hundred labels and a few thousand dates (a null cell maps to null)."""
    mapped = function(distinct)
    return pl.col(distinct.name).replace_strict(distinct, mapped, default=None, return_dtype=mapped.dtype)


def _label_codes(mapping: dict[str, str]) -> Callable[[pl.Series], pl.Series]:
    def codes(values: pl.Series) -> pl.Series:
        return pl.Series(
            [mapping.get(normalize_label(v)) if v is not None else None for v in values.to_list()],
            dtype=pl.String,
        )

    return codes


def parse_request_log(path: Path, reporting_year: int, sources_root: Path) -> ParseResult:
    """Parse one request-log export. Raises UnreadableSourceError if the file cannot be read."""
    table = read_tabular(path, HEADER_SYNONYMS, REQUIRED, expected=EXPECTED)
    relative = path.relative_to(sources_root).as_posix() if path.is_relative_to(sources_root) else path.name
    rules = _rules(reporting_year)
    frame = _mark_duplicates(_first_rule_broken(_resolved(table.frame), rules))
    provenance = {
        "reporting_year": pl.lit(reporting_year, dtype=pl.Int32).alias("reporting_year"),
        "source_file": pl.lit(relative).alias("source_file"),
        "source_sha256": pl.lit(table.sha256).alias("source_sha256"),
        "source_sheet": pl.lit(table.sheet, dtype=pl.String).alias("source_sheet"),
    }
    return ParseResult(
        source_file=relative,
        sha256=table.sha256,
        rows_read=frame.height,
        rows=_loaded_rows(frame, provenance),
        rejects=_reject_rows(frame, provenance, rules),
    )


def _resolved(frame: pl.DataFrame) -> pl.DataFrame:
    """Every value resolved once per distinct value (States, dates, labels, amounts) and focal
    points hashed."""

    # A few hundred focal points recur over thousands of rows: hash each person once.
    people = frame.select(PERSONAL_DATA).unique()
    people = people.with_columns(
        pl.Series("focal_point_hash", [_pii_hash(pair) for pair in people.iter_rows()], dtype=pl.String)
    )
    frame = frame.join(people, on=list(PERSONAL_DATA), how="left", nulls_equal=True, maintain_order="left")
    # Columns resolved per value, each value once. An e-mail address needs an "@": only
    # columns holding one are searched for addresses (in the distinct values where those are at
    # hand). One query, which polars spreads over the columns in parallel.
    resolved = (*LOOKED_UP, "requesting_state")
    scanned = [c for c in HEADER_SYNONYMS if c not in resolved and c != "focal_point_email"]
    found = (
        frame.lazy()
        .select(
            *(pl.col(c).drop_nulls().unique().implode() for c in resolved),
            *(pl.col(c).str.contains("@", literal=True).any().alias(f"@{c}") for c in scanned),
        )
        .collect()
    )
    distinct = {c: found[c].explode().drop_nulls() for c in resolved}  # (an empty list is one null)
    amounts = parse_amounts(distinct["estimated_cost"], distinct["funded_amount"])
    searched = [c for c in resolved if distinct[c].str.contains("@", literal=True).any()]
    searched += [c for c in scanned if found[f"@{c}"].item()]
    countries = {name: resolve_country(name) for name in distinct["requesting_state"].to_list()}
    iso3_of = {name: m.iso3 for name, m in countries.items() if m.iso3}
    reason_of = {name: m.reason for name, m in countries.items() if not m.iso3}
    return frame.with_columns(
        _on_distinct(distinct["received_on"], _parse_dates).alias("received_date"),
        _on_distinct(distinct["event_date"], _parse_dates).alias("event_day"),
        _on_distinct(distinct["status"], _label_codes(STATUS_BY_LABEL)).alias("status_code"),
        _on_distinct(distinct["thematic_area"], _label_codes(thematic_area_by_label())).alias("area_code"),
        _on_distinct(distinct["funding_source"], _label_codes(fund_by_label())).alias("fund"),
        amounts["estimated_cost"][0].alias("cost"),
        amounts["estimated_cost"][1].alias("estimated_cost__problem"),
        amounts["funded_amount"][0].alias("funded"),
        amounts["funded_amount"][1].alias("funded_amount__problem"),
        pl.col("request_id").str.strip_chars().alias("request_id"),
        pl.col("requesting_state")
        .replace_strict(iso3_of, default=None, return_dtype=pl.String)
        .alias("iso3"),
        pl.col("requesting_state")
        .replace_strict(reason_of, default=None, return_dtype=pl.String)
        .alias("country_reason"),
        pl.col("currency").str.strip_chars().str.to_uppercase().alias("currency_code"),
        # The focal-point e-mail under the focal-point name's column (or any other) means a
        # field is missing and every value after it sits under the wrong header.
        pl.any_horizontal(
            pl.lit(False), *(pl.col(c).str.contains(_EMAIL).fill_null(False) for c in searched)
        ).alias("shifted"),
    )


def _quoted(column: str) -> pl.Expr:
    # Reasons quote the withheld form: never a name or address in clear.
    return pl.lit("'") + pl.col(f"{column}__safe").fill_null("") + pl.lit("'")


def _rules(reporting_year: int) -> list[tuple[str, pl.Expr, pl.Expr]]:
    """(rule, the row breaks it, the reason) in the order rules are reported."""
    return [*_row_rules(reporting_year), *_value_rules()]


def _row_rules(reporting_year: int) -> list[tuple[str, pl.Expr, pl.Expr]]:
    """Rules on the row as a whole: its shape, ID, State, dates and status."""
    return [
        (
            "shifted_fields",
            pl.col("shifted"),
            pl.lit(
                "a field is missing in this row: an e-mail address sits under another column, so "
                "the values after the gap are under the wrong headers (values withheld: they "
                "include focal-point data)"
            ),
        ),
        ("missing_request_id", pl.col("request_id").is_null(), pl.lit("the row has no request ID")),
        (
            "unknown_country",
            pl.col("iso3").is_null(),
            pl.when(pl.col("requesting_state__safe") != pl.col("requesting_state"))
            .then(pl.lit(f"requesting State {WITHHELD} is not a country name"))
            .otherwise(pl.coalesce(pl.col("country_reason"), pl.lit("no requesting State given"))),
        ),
        (
            "unparseable_date",
            pl.col("received_date").is_null() | pl.col("event_day").is_null(),
            pl.lit("received date ")
            + _quoted("received_on")
            + pl.lit(" or event date ")
            + _quoted("event_date")
            + pl.lit(
                " is not a date (an impossible day, or none of the forms "
                f"{', '.join(DATE_FORMATS)} or an Excel serial day number)"
            ),
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
            pl.lit("status ") + _quoted("status") + pl.lit(" is not one of the known statuses"),
        ),
    ]


def _value_rules() -> list[tuple[str, pl.Expr, pl.Expr]]:
    """Rules on the row's labels and amounts."""
    currencies = sorted(known_currencies())
    has_amount = pl.col("estimated_cost").is_not_null() | pl.col("funded_amount").is_not_null()
    return [
        (
            "unknown_thematic_area",
            pl.col("thematic_area").is_not_null() & pl.col("area_code").is_null(),
            pl.lit("thematic area ")
            + _quoted("thematic_area")
            + pl.lit(" is not in the label mapping (seed thematic_area_labels.csv)"),
        ),
        (
            "unknown_funding_source",
            pl.col("funding_source").is_not_null() & pl.col("fund").is_null(),
            pl.lit("funding source ")
            + _quoted("funding_source")
            + pl.lit(" is not in the seed fund_labels.csv"),
        ),
        (
            "unparseable_amount",
            pl.col("estimated_cost__problem").is_not_null() | pl.col("funded_amount__problem").is_not_null(),
            pl.lit("estimated cost ")
            + _quoted("estimated_cost")
            + pl.lit(" or funded amount ")
            + _quoted("funded_amount")
            + pl.lit(" cannot be read: ")
            + pl.coalesce("estimated_cost__problem", "funded_amount__problem"),
        ),
        (
            "negative_amount",
            (pl.col("cost") < 0) | (pl.col("funded") < 0),
            pl.lit("estimated cost ")
            + _quoted("estimated_cost")
            + pl.lit(" or funded amount ")
            + _quoted("funded_amount")
            + pl.lit(" is negative"),
        ),
        (
            "missing_currency",
            has_amount & pl.col("currency_code").is_null(),
            pl.lit("the row has an amount but no currency: it cannot be converted to USD"),
        ),
        (
            "unknown_currency",
            has_amount & ~pl.col("currency_code").is_in(currencies),
            pl.lit("currency ")
            + _quoted("currency")
            + pl.lit(f" has no exchange rate (known: {', '.join(currencies)})"),
        ),
    ]


def _first_rule_broken(frame: pl.DataFrame, checks: list[tuple[str, pl.Expr, pl.Expr]]) -> pl.DataFrame:
    """`rule`: the first rule each row breaks (null for a clean row). Reasons are written for
    the rejected rows only (`_reject_rows`): most rows break none."""
    # The first rule a row breaks is the one reported: a row with no ID is not also a duplicate.
    rule = pl.when(checks[0][1]).then(pl.lit(checks[0][0]))
    for name, failed, _ in checks[1:]:
        rule = rule.when(failed.fill_null(False)).then(pl.lit(name))
    return frame.with_columns(rule.otherwise(None).alias("rule"))


def _loaded_rows(frame: pl.DataFrame, provenance: dict[str, pl.Expr]) -> pl.DataFrame:
    # Lazily, so that only the loaded columns are filtered (not every working column).
    good = frame.lazy().filter(pl.col("rule").is_null())
    return (
        good.select(
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
        )
        .cast(ROW_SCHEMA)
        .collect()
    )


def _reject_rows(
    frame: pl.DataFrame, provenance: dict[str, pl.Expr], checks: list[tuple[str, pl.Expr, pl.Expr]]
) -> pl.DataFrame:
    # Everything that is focal-point data somewhere in the file: a row with a field missing
    # shifts a name or an address under another column, and rejects quote other columns.
    # Cells are compared as written (stripped): a shifted value is the same cell text.
    personal = {v for column in PERSONAL_DATA for v in frame[column].drop_nulls().unique().to_list()}
    raw_columns = [c for c in HEADER_SYNONYMS if c not in PERSONAL_DATA]
    rejected = frame.filter(pl.col("rule").is_not_null()).with_columns(_withheld(personal, raw_columns))
    reason = pl.when(pl.col("rule") == "duplicate_event").then(
        pl.lit("repeats the '")
        + pl.col("status_code")
        + pl.lit("' event of request ")
        + pl.col("request_id")
        + pl.lit(" already given at row ")
        + pl.col("first_row").cast(pl.String)
    )
    for name, _, why in checks:
        reason = reason.when(pl.col("rule") == name).then(why)
    # A shifted row may hold a name under any column: all its values but the ID are withheld.
    raw_values = [
        pl.col(f"{c}__safe").alias(c)
        if c == "request_id"
        else pl.when(pl.col("shifted")).then(pl.lit(None, pl.String)).otherwise(pl.col(f"{c}__safe")).alias(c)
        for c in raw_columns
    ]
    return rejected.select(
        pl.lit(FAMILY).alias("source_family"),
        provenance["reporting_year"],
        provenance["source_file"],
        provenance["source_sha256"],
        provenance["source_sheet"],
        SOURCE_ROW,
        "rule",
        reason.alias("reason"),
        pl.struct(*raw_values, "focal_point_hash").struct.json_encode().alias("raw_values"),
    ).pipe(conform, REJECT_SCHEMA)


def _withheld(personal: set[str], columns: Iterable[str]) -> list[pl.Expr]:
    """`<column>__safe`: the column with any focal-point name or address of the file, and any
    e-mail address, replaced by WITHHELD (vectorized: no Python per row)."""
    exprs = []
    for column in columns:
        value = pl.col(column)
        hit = value.str.contains(_EMAIL).fill_null(False)
        if personal:
            hit = hit | value.is_in(sorted(personal)).fill_null(False)
        exprs.append(pl.when(hit).then(pl.lit(WITHHELD)).otherwise(value).alias(f"{column}__safe"))
    return exprs


def _mark_duplicates(frame: pl.DataFrame) -> pl.DataFrame:
    """Reject the second and later rows of one event.

    The event key is (request, status): a request passes through each status at most once, so
    a second row for the pair repeats an event already loaded. Only rows that break no other
    rule take part, so a bad row never makes a good one look like a copy.
    """
    event = ["request_id", "status_code"]
    # Rows are in file order, so an event's first clean row is its first occurrence. Copies
    # are few: their first rows are looked up for them alone (not a window over every row).
    clean = frame.lazy().filter(pl.col("rule").is_null()).select(SOURCE_ROW, *event)
    clean = clean.with_columns(pl.struct(event).is_first_distinct().alias("first")).collect()
    firsts = clean.filter(pl.col("first")).select(*event, pl.col(SOURCE_ROW).alias("first_row"))
    copies = clean.filter(~pl.col("first")).join(firsts, on=event).select(SOURCE_ROW, "first_row")
    if not copies.height:
        return frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("first_row"))
    return frame.join(copies, on=SOURCE_ROW, how="left", maintain_order="left").with_columns(
        pl.when(pl.col("first_row").is_not_null())
        .then(pl.lit("duplicate_event"))
        .otherwise(pl.col("rule"))
        .alias("rule")
    )
