"""The floor: the `needs` mart from the request logs in one plain DuckDB script.

No Dagster, no dbt, no Great Expectations: read the request-log CSVs with DuckDB's own reader,
resolve the few thousand distinct State names, statuses and labels in Python (the project's
resolvers, so a name means the same here as in the warehouse), apply the parser's reject rules
in one SQL pass, and build `needs` with the dbt models' SQL (int_requests_pivoted,
int_request_upr_links, marts/needs). `benchmarks/run.py` runs it beside tc-warehouse on the same
files and asserts both tables are equal; issue 11 asks tc-warehouse to stay within 1.5x of it.

    python -m benchmarks.floor SOURCES_DIR --out needs.parquet

SOURCES_DIR holds `request_logs/` (and `upr_reports/` if the run cites reviews: its reports are
parsed with the project's parser, as the warehouse does). Prints one JSON line of counts.
The benchmark volumes (`generate_request_logs(scale > 1)`) are utf-8 CSV; an XLSX export is
refused, naming the file, rather than read some other way than the warehouse reads it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import duckdb

from pipelines.ingest.request_logs import DATE_FORMATS, HEADER_SYNONYMS, STATUS_BY_LABEL, discover
from pipelines.reference.countries import resolve_country
from pipelines.reference.taxonomy import fund_by_label, known_currencies, thematic_area_by_label
from pipelines.settings import SEEDS_DIR
from pipelines.text import normalize_label

# The columns a rule or the mart reads (the parser's, in its order); the focal point only for
# the shifted-row rule, and its e-mail column not at all.
COLUMNS = tuple(c for c in HEADER_SYNONYMS if c != "focal_point_email")
# DuckDB's own budget; the interpreter, polars and the name index take a few hundred MB more.
MEMORY_LIMIT = "1500MB"
EMAIL = r"[^\s@]+@[^\s@]+\.[^\s@]+"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _file_select(con: duckdb.DuckDBPyConnection, path: Path, year: int, index: int) -> str:
    """One file as canonical, trimmed string columns with its year and physical row."""
    if path.suffix.lower() != ".csv":
        raise SystemExit(f"{path}: the floor reads CSV request logs only (benchmark volumes are CSV)")
    header = con.sql(f"select * from read_csv({_quote(str(path))}, all_varchar=true) limit 0").columns
    lookup = {normalize_label(w): c for c, words in HEADER_SYNONYMS.items() for w in (c, *words)}
    position = {}
    for name in header:
        canonical = lookup.get(normalize_label(name))
        if canonical and canonical not in position:
            position[canonical] = name
    cells = [
        f"nullif(trim({_quote_ident(position[c])}), '') as {c}" if c in position else f"null::varchar as {c}"
        for c in COLUMNS
    ]
    # Ordinality counts records from 1 after the header, which is physical row 1 (a quoted
    # field spanning lines would shift it: the generated benchmark files have none).
    return (
        f"select {index} as file_index, {year} as reporting_year, ordinality + 1 as source_row, "
        + ", ".join(cells)
        + f" from read_csv({_quote(str(path))}, all_varchar=true, header=true) with ordinality"
    )


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Distinct names, statuses, labels and dates -> lookup tables (one scan of the files)."""
    # One scan: each grouping set yields the distinct values of one column (the others null).
    distinct = con.execute(
        """
        select requesting_state, status, thematic_area, funding_source, received_on, event_date
        from src
        group by grouping sets (
            (requesting_state), (status), (thematic_area), (funding_source), (received_on), (event_date)
        )
        """
    ).fetchall()
    kinds = ("state", "status", "area", "fund", "date", "date")
    values: dict[str, set[str]] = {}
    for row in distinct:
        for kind, value in zip(kinds, row, strict=True):
            if value is not None:
                values.setdefault(kind, set()).add(value)
    areas, funds = thematic_area_by_label(), fund_by_label()
    resolvers = {
        "state": lambda v: resolve_country(v).iso3,
        "status": lambda v: STATUS_BY_LABEL.get(normalize_label(v)),
        "area": lambda v: areas.get(normalize_label(v)),
        "fund": lambda v: funds.get(normalize_label(v)),
    }
    for kind, resolve in resolvers.items():
        rows = [(v, resolve(v)) for v in sorted(values.get(kind, ()))]
        con.execute(f"create table lookup_{kind} (value varchar, code varchar)")
        if rows:
            con.executemany(f"insert into lookup_{kind} values (?, ?)", rows)
    con.execute("create table date_text (value varchar)")
    dates = sorted(values.get("date", ()))
    if dates:
        con.executemany("insert into date_text values (?)", [(d,) for d in dates])
    # The parser's date forms, then Excel serial day numbers between 1950 and 2100.
    forms = ", ".join(f"try_strptime(value, {_quote(f)})::date" for f in DATE_FORMATS)
    con.execute(
        f"""
        create table lookup_date as
        select value, coalesce(
            case when regexp_matches(value, '^\\d{{5}}(\\.\\d+)?$')
                  and floor(value::double) between 18264 and 73051
                 then date '1899-12-30' + floor(value::double)::integer end,
            {forms}
        ) as day
        from date_text
        """
    )


def _rules_sql() -> str:
    """Clean rows: the parser's rules (pipelines/ingest/request_logs.py), a row breaking any is
    rejected; then the second and later rows of one (request, status) in a file."""
    currencies = ", ".join(_quote(c) for c in sorted(known_currencies()))
    shifted = " or ".join(
        f"coalesce(contains({c}, '@') and regexp_matches({c}, '{EMAIL}'), false)" for c in COLUMNS
    )
    return f"""
    create table clean_events as
    with typed as (
        select
            s.file_index, s.reporting_year, s.source_row, s.request_id,
            st.code as country_iso3, rd.day as received_on, ed.day as event_date,
            ss.code as status, s.thematic_area, ta.code as thematic_area_code,
            s.upr_recommendations, s.funding_source, fu.code as fund_code,
            s.estimated_cost, s.funded_amount,
            try_cast(s.estimated_cost as double) as cost,
            try_cast(s.funded_amount as double) as funded,
            upper(trim(s.currency)) as currency_code,
            {shifted} as shifted
        from src as s
        left join lookup_state as st on s.requesting_state = st.value
        left join lookup_date as rd on s.received_on = rd.value
        left join lookup_date as ed on s.event_date = ed.value
        left join lookup_status as ss on s.status = ss.value
        left join lookup_area as ta on s.thematic_area = ta.value
        left join lookup_fund as fu on s.funding_source = fu.value
    ),
    clean as (
        select * from typed
        where not coalesce(
            shifted
            or request_id is null
            or country_iso3 is null
            or received_on is null or event_date is null
            or event_date < received_on
            or year(event_date) <> reporting_year
            or status is null
            or (thematic_area is not null and thematic_area_code is null)
            or (funding_source is not null and fund_code is null)
            or (estimated_cost is not null and cost is null)
            or (funded_amount is not null and funded is null)
            or cost < 0 or funded < 0
            or ((estimated_cost is not null or funded_amount is not null)
                and (currency_code is null or currency_code not in ({currencies}))),
            false
        )
    )
    select
        file_index, reporting_year, request_id, country_iso3, received_on, event_date, status,
        thematic_area_code, upr_recommendations,
        round(cost, 2)::decimal(18, 2) as estimated_cost,
        case when cost is not null then currency_code end as currency,
        round(funded, 2)::decimal(18, 2) as funded_amount,
        source_row
    from clean
    """


# A request passes through each status once: the first row of a (request, status) in a file
# is the event, later ones are rejected as duplicates (an aggregate, which DuckDB can spill,
# rather than a window over every row).
DEDUPLICATE_SQL = """
create table events as
select e.* exclude (file_index)
from clean_events as e
semi join (
    select file_index, request_id, status, min(source_row) as source_row
    from clean_events
    group by all
) as first_rows using (file_index, request_id, status, source_row)
"""


def _recommendations(con: duckdb.DuckDBPyConnection, upr_dir: Path) -> int:
    """raw.upr_recommendations' columns the citation join reads, from the project's parser
    (empty without UPR reports: then no citation resolves, in the warehouse too)."""
    con.execute(
        "create table recommendations (state_under_review_iso3 varchar, document_symbol varchar, "
        "review_date date, paragraph varchar)"
    )
    paths = sorted(upr_dir.glob("*.pdf")) if upr_dir.is_dir() else []
    if paths:
        import polars as pl

        from pipelines.ingest.upr_reports import parse_upr_report

        columns = ["state_under_review_iso3", "symbol", "review_date", "paragraph"]
        frame = pl.concat([parse_upr_report(p)[0].select(columns) for p in paths])  # noqa: F841
        con.execute("insert into recommendations select * from frame")
    return len(paths)


# marts/needs.sql over int_requests_pivoted.sql and int_request_upr_links.sql, compiled for
# DuckDB (dbt.datediff, round_to, year_end and in_reporting_years expanded; all years).
NEEDS_SQL = """
create table needs as
with
fx_rates as (
    select currency, year::integer as year, usd_per_unit::double as usd_per_unit
    from read_csv({fx}, all_varchar=true)
),
ranked as (
    select request_id, country_iso3, thematic_area_code, received_on, estimated_cost, currency,
        upr_recommendations, row_number() over (
        partition by request_id
        order by case when status = 'received' then 0 else 1 end, event_date, source_row
    ) as defining_rank
    from events
),
citations as (
    select distinct request_id, country_iso3, received_on, trim(reference) as reference
    from ranked, unnest(string_to_array(replace(upr_recommendations, ',', ';'), ';')) as refs (reference)
    where defining_rank = 1 and trim(reference) <> ''
),
reviews as (
    select distinct state_under_review_iso3, document_symbol, review_date from recommendations
),
latest_review as (
    select c.request_id, c.reference, r.document_symbol, row_number() over (
        partition by c.request_id, c.reference order by r.review_date desc
    ) as review_rank
    from citations as c
    inner join reviews as r
        on c.country_iso3 = r.state_under_review_iso3 and r.review_date < c.received_on
),
paragraphs as (
    select distinct document_symbol, paragraph,
        concat_ws('|', document_symbol, paragraph) as recommendation_id
    from recommendations
),
upr_links as (
    select c.request_id, bool_or(p.recommendation_id is not null) as has_upr_link
    from citations as c
    left join latest_review as lr
        on c.request_id = lr.request_id and c.reference = lr.reference and lr.review_rank = 1
    left join paragraphs as p
        on lr.document_symbol = p.document_symbol and c.reference = p.paragraph
    group by c.request_id
),
status_dates as (
    select
        request_id,
        min(case when status = 'accepted' then event_date end) as accepted_on,
        min(case when status = 'declined' then event_date end) as declined_on,
        min(case when status = 'completed' then event_date end) as completed_on,
        min(case when status = 'withdrawn' then event_date end) as withdrawn_on
    from events
    group by request_id
),
requests as (
    select
        d.request_id, d.country_iso3, d.thematic_area_code, d.received_on,
        cast(extract(year from d.received_on) as integer) as received_year,
        s.accepted_on, s.declined_on, s.completed_on, s.withdrawn_on,
        least(s.declined_on, s.completed_on, s.withdrawn_on) as closed_on,
        coalesce(u.has_upr_link, false) as has_upr_link,
        cast(round(d.estimated_cost * fx.usd_per_unit, 2) as decimal(18, 2)) as estimated_cost_usd
    from ranked as d
    inner join status_dates as s on d.request_id = s.request_id
    left join upr_links as u on d.request_id = u.request_id
    left join fx_rates as fx on d.currency = fx.currency and extract(year from d.received_on) = fx.year
    where d.defining_rank = 1
),
years as (
    select distinct reporting_year as year from events
),
request_years as (
    select y.year, cast(cast(y.year as varchar) || '-12-31' as date) as year_end, r.*
    from requests as r
    inner join years as y on r.received_on <= cast(cast(y.year as varchar) || '-12-31' as date)
),
request_counts as (
    select
        year, country_iso3, thematic_area_code,
        sum(case when received_year = year then 1 else 0 end) as requests_received,
        sum(case when extract(year from accepted_on) = year then 1 else 0 end) as requests_accepted,
        sum(case when extract(year from declined_on) = year then 1 else 0 end) as requests_declined,
        sum(case when extract(year from completed_on) = year then 1 else 0 end) as requests_completed,
        sum(case when extract(year from withdrawn_on) = year then 1 else 0 end) as requests_withdrawn,
        sum(case when closed_on is null or closed_on > year_end then 1 else 0 end)
            as requests_open_at_year_end,
        max(case when closed_on is null or closed_on > year_end
            then date_diff('day', received_on::timestamp, year_end::timestamp) end)
            as oldest_open_request_age_days,
        sum(case when received_year = year then estimated_cost_usd end) as amount_requested_usd,
        sum(case when received_year = year and has_upr_link then 1 else 0 end) as requests_upr_linked
    from request_years
    group by year, country_iso3, thematic_area_code
),
responses as (
    select
        e.reporting_year as year, r.country_iso3, r.thematic_area_code,
        percentile_cont(0.5) within group (
            order by date_diff('day', r.received_on::timestamp, e.event_date::timestamp)
        ) as median_days_to_respond
    from events as e
    inner join requests as r on e.request_id = r.request_id
    where e.status in ('accepted', 'declined')
    group by e.reporting_year, r.country_iso3, r.thematic_area_code
)
select
    c.country_iso3 || '|' || cast(c.year as varchar) || '|' || c.thematic_area_code as needs_key,
    cast(c.year as integer) as year,
    c.country_iso3,
    c.thematic_area_code,
    cast(c.requests_received as integer) as requests_received,
    cast(c.requests_accepted as integer) as requests_accepted,
    cast(c.requests_declined as integer) as requests_declined,
    cast(c.requests_completed as integer) as requests_completed,
    cast(c.requests_withdrawn as integer) as requests_withdrawn,
    cast(c.requests_open_at_year_end as integer) as requests_open_at_year_end,
    cast(case when c.requests_accepted + c.requests_declined > 0
        then round(1.0 * c.requests_accepted / (c.requests_accepted + c.requests_declined), 4)
    end as double precision) as positive_response_rate,
    cast(r.median_days_to_respond as double precision) as median_days_to_respond,
    cast(c.oldest_open_request_age_days as integer) as oldest_open_request_age_days,
    cast(coalesce(c.amount_requested_usd, 0) as decimal(18, 2)) as amount_requested_usd,
    cast(case when c.requests_received > 0
        then round(1.0 * c.requests_upr_linked / c.requests_received, 4)
    end as double precision) as upr_linked_share
from request_counts as c
left join responses as r
    on c.year = r.year and c.country_iso3 = r.country_iso3 and c.thematic_area_code = r.thematic_area_code
where c.requests_received + c.requests_accepted + c.requests_declined + c.requests_completed
    + c.requests_withdrawn + c.requests_open_at_year_end > 0
"""


def build_needs(sources: Path, out: Path, memory_limit: str = MEMORY_LIMIT) -> dict[str, int]:
    """Read, resolve, validate and build `needs` into `out` (Parquet); return the counts."""
    with tempfile.TemporaryDirectory(prefix="tcw_floor_") as work:
        # A database file, so that the tables can leave memory when they outgrow the limit.
        con = duckdb.connect(f"{work}/floor.duckdb")
        try:
            return _build(con, sources, out, memory_limit)
        finally:
            con.close()


def _build(con: duckdb.DuckDBPyConnection, sources: Path, out: Path, memory_limit: str) -> dict[str, int]:
    # Within the 2 GB for the whole process: DuckDB spills what does not fit (beside the
    # database file); row order is never relied on.
    con.execute(f"set memory_limit = {_quote(memory_limit)}")
    con.execute("set preserve_insertion_order = false")
    files = [(year, path) for year, paths in discover(sources / "request_logs").items() for path in paths]
    if not files:
        raise SystemExit(f"{sources / 'request_logs'}: no request-log files")
    union = "\nunion all\n".join(_file_select(con, p, y, i) for i, (y, p) in enumerate(files))
    con.execute(f"create view src as {union}")
    _lookups(con)
    con.execute(_rules_sql())
    con.execute(DEDUPLICATE_SQL)
    con.execute("drop table clean_events")
    reports = _recommendations(con, sources / "upr_reports")
    con.execute(NEEDS_SQL.format(fx=_quote(str(SEEDS_DIR / "fx_rates.csv"))))
    con.execute(f"copy (select * from needs order by needs_key) to {_quote(str(out))} (format parquet)")
    counts = {
        "files": len(files),
        "upr_reports": reports,
        "rows_loaded": con.execute("select count(*) from events").fetchone()[0],  # type: ignore[index]
        "needs_rows": con.execute("select count(*) from needs").fetchone()[0],  # type: ignore[index]
    }
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sources", type=Path, help="a sources folder holding request_logs/")
    parser.add_argument("--out", type=Path, required=True, help="where to write needs (Parquet)")
    parser.add_argument("--memory-limit", default=MEMORY_LIMIT, help="DuckDB's memory_limit")
    args = parser.parse_args(argv)
    print(json.dumps(build_needs(args.sources, args.out, args.memory_limit)))


if __name__ == "__main__":
    main(sys.argv[1:])
