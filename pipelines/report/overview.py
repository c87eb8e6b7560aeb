"""The annual overview: one self-contained HTML file per published version of a reporting year.

It answers the mandate in its order (res. 18/18 paras 6 (a), 6 (b) and 11, 6 (c), 14, 8, 7,
then the follow-up of UPR recommendations, paras. 6 (b) and 11),
from the extracts of the publication it sits in and nothing else, so every figure in it can
be traced to a file of the same version: each table names its extract and the rows it shows.
Charts are inline SVG (report/charts.py), where a reader would rather look than read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader

from pipelines.report.charts import bar_chart as _bar_chart
from pipelines.report.charts import line_chart
from pipelines.report.parts import Section, money, number, percent
from pipelines.report.parts import load_extract as _load
from pipelines.report.parts import table as _table
from pipelines.report.upr import upr_section

OVERVIEW = "overview.html"
# The mart whose figures of every year the chart over years reads.
FUNDING_MART = "funding_figures"
FUNDING_FIGURES = f"{FUNDING_MART}.parquet"


def _area_names() -> dict[str, str]:
    """Thematic area names for display (seed thematic_areas, the controlled taxonomy)."""
    from pipelines.reference.seeds import read_seed

    frame = read_seed("thematic_areas")
    return dict(zip(frame["thematic_area_code"], frame["thematic_area_name"], strict=True))


def needs_section(folder: Path, names: dict[str, str]) -> Section | None:
    needs = _load(folder, "needs")
    if needs is None or needs.is_empty():
        return None
    received = int(needs["requests_received"].sum())
    accepted, declined = int(needs["requests_accepted"].sum()), int(needs["requests_declined"].sum())
    section = Section(
        "needs",
        "Needs identified by States and how they were answered",
        "Res. 18/18 para. 6 (b) and para. 11",
        headline=[
            ("Requests received", number(received)),
            ("Accepted", number(accepted)),
            ("Declined", number(declined)),
            (
                "Positive-response rate",
                percent(accepted / (accepted + declined)) if accepted + declined else "",
            ),
            ("Open at year end", number(needs["requests_open_at_year_end"].sum())),
            ("Requesting States", number(needs["country_iso3"].n_unique())),
            ("Amount requested (USD)", money(needs["amount_requested_usd"].sum())),
        ],
    )
    _needs_by_area(section, needs, names)
    _needs_response_time(section, needs, names)
    _needs_top_states(section, needs)
    return section


def _needs_by_area(section: Section, needs: pl.DataFrame, names: dict[str, str]) -> None:
    by_area = (
        needs.group_by("thematic_area_code")
        .agg(
            pl.col("requests_received").sum(),
            pl.col("requests_accepted").sum(),
            pl.col("requests_declined").sum(),
            pl.col("requests_open_at_year_end").sum(),
            pl.col("amount_requested_usd").sum(),
        )
        .with_columns(pl.col("thematic_area_code").replace_strict(names, default=None).alias("area"))
        .sort(["requests_received", "thematic_area_code"], descending=[True, False])
    )
    section.charts.append(
        {
            "caption": "Requests received and still open at year end, by thematic area "
            "(source: needs.parquet)",
            "svg": _bar_chart(
                by_area["area"].to_list(),
                {
                    "received": by_area["requests_received"].to_list(),
                    "open at year end": by_area["requests_open_at_year_end"].to_list(),
                },
                "Requests by thematic area",
                "requests",
            ),
        }
    )
    section.tables.append(
        _table(
            by_area,
            "needs.csv",
            "all rows of the year, summed by thematic_area_code",
            [
                ("area", "Thematic area", str),
                ("requests_received", "Received", number),
                ("requests_accepted", "Accepted", number),
                ("requests_declined", "Declined", number),
                ("requests_open_at_year_end", "Open at year end", number),
                ("amount_requested_usd", "Requested (USD)", money),
            ],
        )
    )


def _needs_response_time(section: Section, needs: pl.DataFrame, names: dict[str, str]) -> None:
    response = (
        needs.filter(pl.col("median_days_to_respond").is_not_null())
        .group_by("thematic_area_code")
        .agg(pl.col("median_days_to_respond").median().alias("median_of_medians"))
        .with_columns(pl.col("thematic_area_code").replace_strict(names, default=None).alias("area"))
        .sort(["median_of_medians", "thematic_area_code"], descending=[True, False])
    )
    if not response.is_empty():
        section.charts.append(
            {
                "caption": "Time to respond: median over countries of the median days from receipt to "
                "acceptance or decline (source: needs.parquet, median_days_to_respond)",
                "svg": _bar_chart(
                    response["area"].to_list(),
                    {"days": response["median_of_medians"].to_list()},
                    "Days to respond, by thematic area",
                    "days",
                ),
            }
        )


def _needs_top_states(section: Section, needs: pl.DataFrame) -> None:
    top = (
        needs.group_by("country_iso3")
        .agg(pl.col("requests_received").sum(), pl.col("requests_open_at_year_end").sum())
        .sort(["requests_received", "country_iso3"], descending=[True, False])
        .head(15)
    )
    section.tables.append(
        _table(
            top,
            "needs.csv",
            "the 15 States with most requests received, summed by country_iso3",
            [
                ("country_iso3", "State (ISO3)", str),
                ("requests_received", "Received", number),
                ("requests_open_at_year_end", "Open at year end", number),
            ],
        )
    )


def resources_section(folder: Path, names: dict[str, str]) -> Section | None:
    areas = _load(folder, "resources_by_area")
    if areas is None or areas.is_empty():
        return None
    areas = areas.with_columns(
        pl.col("thematic_area_code").replace_strict(names, default=None).alias("area")
    ).sort("unmet_need_rank")
    section = Section(
        "resources",
        "Where more resources are needed",
        "Res. 18/18 para. 6 (c)",
        headline=[
            ("Requested (USD)", money(areas["requested_usd"].sum())),
            ("Funded (USD)", money(areas["funded_usd"].sum())),
            ("Gap (USD)", money(areas["gap_usd"].sum())),
        ],
    )
    section.charts.append(
        {
            "caption": "Requested against funded, by thematic area, ranked by unmet need "
            "(source: resources_by_area.parquet)",
            "svg": _bar_chart(
                areas["area"].to_list(),
                {
                    "requested": [float(v) for v in areas["requested_usd"]],
                    "funded": [float(v) for v in areas["funded_usd"]],
                },
                "Requirements and funding by thematic area",
                "USD",
            ),
        }
    )
    section.tables.append(
        _table(
            areas,
            "resources_by_area.csv",
            "all rows of the year, by unmet_need_rank",
            [
                ("unmet_need_rank", "Rank", number),
                ("area", "Thematic area", str),
                ("requested_usd", "Requested (USD)", money),
                ("funded_usd", "Funded (USD)", money),
                ("gap_usd", "Gap (USD)", money),
                ("coverage_ratio", "Coverage", percent),
            ],
        )
    )
    return section


def assistance_section(folder: Path, names: dict[str, str]) -> Section | None:
    assistance = _load(folder, "assistance")
    if assistance is None or assistance.is_empty():
        return None
    by_area = (
        assistance.group_by("thematic_area_code")
        .agg(pl.col("activities").sum(), pl.col("projects").sum(), pl.col("project_funding_usd").sum())
        .with_columns(pl.col("thematic_area_code").replace_strict(names, default=None).alias("area"))
        .sort(["activities", "thematic_area_code"], descending=[True, False])
    )
    by_provider = (
        assistance.group_by("provider_type")
        .agg(pl.col("activities").sum(), pl.col("upr_recommendations_addressed").sum())
        .sort("provider_type")
    )
    section = Section(
        "assistance",
        "Technical assistance provided",
        "Res. 18/18 para. 6 (a)",
        headline=[
            ("Activities", number(assistance["activities"].sum())),
            ("Countries", number(assistance["country_iso3"].n_unique())),
            ("Fund projects", number(assistance["projects"].sum())),
            ("Project funding (USD)", money(assistance["project_funding_usd"].sum())),
            ("UPR recommendations addressed", number(assistance["upr_recommendations_addressed"].sum())),
        ],
    )
    section.charts.append(
        {
            "caption": "Activities by thematic area (source: assistance.parquet)",
            "svg": _bar_chart(
                by_area["area"].to_list(),
                {"activities": by_area["activities"].to_list()},
                "Activities",
                "activities",
            ),
        }
    )
    section.tables.append(
        _table(
            by_provider,
            "assistance.csv",
            "all rows of the year, summed by provider_type",
            [
                ("provider_type", "Provider", str),
                ("activities", "Activities", number),
                ("upr_recommendations_addressed", "UPR recommendations addressed", number),
            ],
        )
    )
    return section


def contributions_section(folder: Path, year: int, history: dict[int, float]) -> Section | None:
    contributions = _load(folder, "contributions")
    if contributions is None or contributions.is_empty():
        return None
    overall = contributions.filter(pl.col("fund_code") == "OHCHR_VOLUNTARY").sort(
        ["paid_usd", "donor_code"], descending=[True, False]
    )
    section = Section(
        "contributions",
        "Voluntary contributions",
        "Res. 18/18 para. 14",
        headline=[
            ("Donors (all funds)", number(contributions["donor_code"].n_unique())),
            ("Paid to OHCHR, all funds (USD)", money(overall["paid_usd"].sum())),
        ],
    )
    if len(history) > 1:
        years = sorted(history)
        section.charts.append(
            {
                "caption": "Voluntary contributions to OHCHR by year, current figures "
                "(source: funding_figures.parquet of each year's latest publication)",
                "svg": line_chart(
                    years,
                    [history[y] for y in years],
                    "Voluntary contributions",
                    "USD",
                    lambda v: f"{v / 1e6:,.0f}M",
                ),
            }
        )
    restated = contributions.filter(pl.col("is_restated"))
    if not restated.is_empty():
        section.notes.append(
            f"{restated.height} contribution figure(s) of {year} were restated: see contributions.csv, "
            "columns is_restated and previous_paid_usd."
        )
    section.tables.append(
        _table(
            overall.head(20),
            "contributions.csv",
            "fund_code = OHCHR_VOLUNTARY, the 20 largest paid_usd",
            [
                ("donor_code", "Donor", str),
                ("paid_usd", "Paid (USD)", money),
                ("figure_status", "Status", str),
                ("source_file", "Published in", str),
            ],
        )
    )
    funds = (
        contributions.filter(pl.col("fund_code") != "OHCHR_VOLUNTARY")
        .group_by("fund_code")
        .agg(pl.col("donor_code").n_unique().alias("donors"), pl.col("paid_usd").sum())
        .sort("fund_code")
    )
    if not funds.is_empty():
        section.tables.append(
            _table(
                funds,
                "contributions.csv",
                "fund_code other than OHCHR_VOLUNTARY, summed by fund_code",
                [("fund_code", "Fund", str), ("donors", "Donors", number), ("paid_usd", "Paid (USD)", money)],
            )
        )
    never = _load(folder, "non_contributors")
    if never is not None and not never.is_empty():
        counts = never.group_by("fund_code").agg(pl.len().alias("member_states")).sort("fund_code")
        section.tables.append(
            _table(
                counts,
                "non_contributors.csv",
                "rows of the year counted by fund_code",
                [("fund_code", "Fund", str), ("member_states", "Member States yet to contribute", number)],
            )
        )
    return section


def funds_section(folder: Path) -> Section | None:
    funds = _load(folder, "resources_by_fund")
    if funds is None or funds.is_empty():
        return None
    section = Section("funds", "The funds and their boards", "Res. 18/18 para. 8")
    section.tables.append(
        _table(
            funds.sort("fund_code"),
            "resources_by_fund.csv",
            "all rows of the year",
            [
                ("fund_code", "Fund", str),
                ("period_start", "From", str),
                ("period_end", "To", str),
                ("contributions_received_usd", "Contributions (USD)", money),
                ("total_expenditure_usd", "Expenditure (USD)", money),
                ("closing_balance_usd", "Closing balance (USD)", money),
                ("donors", "Donors", number),
            ],
        )
    )
    return section


def highlights_section(folder: Path, names: dict[str, str]) -> Section | None:
    highlights = _load(folder, "highlights")
    if highlights is None or highlights.is_empty():
        return None
    section = Section("highlights", "Success stories, best practices and challenges", "Res. 18/18 para. 7")
    for row in highlights.sort(["kind", "country_iso3", "title"], nulls_last=True).iter_rows(named=True):
        section.items.append(
            {
                "kind": row["kind"].replace("_", " "),
                "title": row["title"],
                "body": row["body"],
                "country": row["country_iso3"] or "",
                "area": names.get(row["thematic_area_code"] or "", ""),
                "source": f"{row['source_file']}, page {row['source_page']}",
            }
        )
    return section


def contributions_history(
    publications_root: Path, folder: Path, upto: int, published: Mapping[int, pl.DataFrame] | None = None
) -> dict[int, float]:
    """Current OHCHR voluntary contributions of every year up to `upto`: earlier years from
    their latest publication, this year from this publication (the chart over years never
    reaches outside the publications). `published`: the funding figures of years published
    beside this one (in other processes: their folders may not be written yet)."""
    history = {}
    sources: dict[int, Path | pl.DataFrame] = {
        int(d.name): d / "latest" / FUNDING_FIGURES for d in publications_root.glob("[0-9][0-9][0-9][0-9]")
    }
    sources.update(published or {})
    sources[upto] = folder / FUNDING_FIGURES
    for year, source in sorted(sources.items()):
        if year > upto or (isinstance(source, Path) and not source.exists()):
            continue
        frame = (pl.read_parquet(source) if isinstance(source, Path) else source).filter(
            (pl.col("scope") == "OHCHR") & (pl.col("metric") == "voluntary_contributions")
        )
        if not frame.is_empty():
            history[year] = float(frame["value"][0])
    return history


def render_overview(
    folder: Path, publications_root: Path | None = None, published: Mapping[int, pl.DataFrame] | None = None
) -> str:
    """The overview of the publication in `folder` (a <year>/<version> directory) as HTML
    (`published`: see contributions_history)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    year = int(manifest["year"])
    names = _area_names()
    history = contributions_history(publications_root, folder, year, published) if publications_root else {}
    sections = [
        s
        for s in (
            assistance_section(folder, names),
            needs_section(folder, names),
            resources_section(folder, names),
            contributions_section(folder, year, history),
            funds_section(folder),
            highlights_section(folder, names),
            upr_section(folder, names),
        )
        if s is not None
    ]
    # Escape everything: source text (a State, a highlight title from a PDF) is data, never
    # markup. select_autoescape(["html"]) would not match the template's name, overview.html.j2.
    environment = Environment(loader=PackageLoader("pipelines.report", "templates"), autoescape=True)
    template = environment.get_template("overview.html.j2")
    return template.render(year=year, manifest=manifest, sections=sections)


def write_overview(
    folder: Path, publications_root: Path | None = None, published: Mapping[int, pl.DataFrame] | None = None
) -> Path:
    path = folder / OVERVIEW
    path.write_text(render_overview(folder, publications_root, published), encoding="utf-8")
    return path
