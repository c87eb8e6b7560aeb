"""The overview's UPR follow-up section (res. 18/18 paras. 6 (b), 11): the supported UPR
recommendations that call for technical assistance, and whether the State has asked for
assistance in that area, or received any, since its review. Every figure comes from the
year's `upr_follow_up` extract (the follow-up as at 31 December of the year)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.report.parts import Section, number, percent
from pipelines.report.parts import load_extract as _load
from pipelines.report.parts import table as _table

EXTRACT = "upr_follow_up"


def upr_section(folder: Path, names: dict[str, str]) -> Section | None:
    follow_up = _load(folder, EXTRACT)
    if follow_up is None or follow_up.is_empty():
        return None
    calling = int(follow_up["supported_calling_for_assistance"].sum())
    unanswered = int(follow_up["supported_calling_for_assistance_unanswered"].sum())
    answered = calling - unanswered
    section = Section(
        "upr",
        "Follow-up of UPR recommendations",
        "Res. 18/18 paras. 6 (b) and 11",
        headline=[
            ("States reviewed", number(follow_up["state_under_review_iso3"].n_unique())),
            ("Recommendations received", number(follow_up["recommendations_received"].sum())),
            ("Supported", number(follow_up["recommendations_supported"].sum())),
            ("Supported, calling for assistance", number(calling)),
            ("... with a request or assistance since the review", number(answered)),
            ("... with neither", number(unanswered)),
            ("Share with neither", percent(unanswered / calling) if calling else ""),
        ],
    )
    totals = pl.DataFrame(
        {
            "figure": [
                "Supported recommendations calling for assistance",
                "with a request or assistance since the review",
                "with no request and no assistance since the review",
            ],
            "value": [calling, answered, unanswered],
        }
    )
    section.tables.append(
        _table(
            totals,
            f"{EXTRACT}.csv",
            "all rows of the year: sums of supported_calling_for_assistance and of "
            "supported_calling_for_assistance_unanswered (the difference is 'with a request or assistance')",
            [("figure", "Figure", str), ("value", "Recommendations", number)],
        )
    )
    by_area = (
        follow_up.group_by("thematic_area_code")
        .agg(
            pl.col("supported_calling_for_assistance").sum(),
            pl.col("supported_calling_for_assistance_unanswered").sum(),
            pl.col("requests_since_review").sum(),
            pl.col("assistance_since_review").sum(),
        )
        .filter(pl.col("supported_calling_for_assistance") > 0)
        .with_columns(
            pl.col("thematic_area_code")
            .replace_strict(names, default=None)
            .fill_null("(unclassified)")
            .alias("area")
        )
        .sort(["supported_calling_for_assistance_unanswered", "area"], descending=[True, False])
    )
    section.tables.append(
        _table(
            by_area,
            f"{EXTRACT}.csv",
            "all rows of the year with supported recommendations calling for assistance, summed by "
            "thematic_area_code",
            [
                ("area", "Thematic area", str),
                ("supported_calling_for_assistance", "Supported, calling for assistance", number),
                ("supported_calling_for_assistance_unanswered", "... with no request or assistance", number),
                ("requests_since_review", "Requests since the review", number),
                ("assistance_since_review", "Activities and projects since", number),
            ],
        )
    )
    section.notes.append(
        "Each State's latest review held by the end of the year; recommendations counted once "
        "whatever the number of recommending States. Thematic areas and the call for assistance "
        "are read by the keyword rules of seeds upr_theme_rules and upr_assistance_rules; "
        "recommendations no rule classifies are shown as unclassified."
    )
    return section
