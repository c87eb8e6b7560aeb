"""Checks on the UPR recommendations and the request logs' references to them.

- `upr_references_resolve` (warning): every UPR reference a request cites should name a
  recommendation of the State's latest review before the request. One that names nothing (a
  review not loaded, a misprinted number) is listed; the request is kept and simply not counted
  in `needs.upr_linked_share`.
- `upr_classification_coverage` (warning past MAX_UNCLASSIFIED_SHARE): how many
  recommendations no seeded theme rule classifies (left NULL, never guessed) and how many call
  for technical assistance: the figures a reader of the overview needs to weigh the marts.
"""

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetKey,
    MetadataValue,
    asset_check,
)

from pipelines.resources import WarehouseResource

LINKS = AssetKey(["intermediate", "int_request_upr_links"])
RECOMMENDATIONS = AssetKey(["marts", "upr_recommendations"])
LISTED = 50  # unresolved references shown in the check's description (all are counted)
# Above this share of unclassified recommendations the theme rules need attention (the 208
# real reports of 2008-2024 leave ~14 % unclassified).
MAX_UNCLASSIFIED_SHARE = 0.25

UNRESOLVED_SQL = """
select request_id, country_iso3, received_on, reference, review_symbol
from intermediate.int_request_upr_links
where not resolved
order by received_on, request_id, reference
"""


@asset_check(asset=LINKS, blocking=False)
def upr_references_resolve(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> AssetCheckResult:
    """Every UPR reference in the request logs resolves to a recommendation of the requesting
    State's latest review before the request (warning: the request is kept, the reference is
    listed with the review it was looked up in)."""
    del context
    # Through the warehouse's store: the same SQL on the DuckDB build or PostgreSQL's build schemas.
    store = warehouse.store
    total = store.fetchall("select count(*) from intermediate.int_request_upr_links")[0]
    unresolved = store.fetchall(UNRESOLVED_SQL)
    lines = [
        f"{request} ({iso3}, received {received}): {reference!r} "
        + (f"is no recommendation of {symbol}" if symbol else "cites no review loaded before the request")
        for request, iso3, received, reference, symbol in unresolved[:LISTED]
    ]
    more = len(unresolved) - len(lines)
    return AssetCheckResult(
        passed=not unresolved,
        severity=AssetCheckSeverity.WARN,
        description="\n".join(lines + ([f"... and {more} more"] if more > 0 else []))
        or "every UPR reference resolves",
        metadata={
            "references": int(total[0]) if total else 0,
            "unresolved": len(unresolved),
        },
    )


COVERAGE_SQL = """
select
    count(*),
    count(*) filter (where thematic_area_code is null),
    count(*) filter (where calls_for_technical_assistance)
from (
    select distinct recommendation_id, part, thematic_area_code, calls_for_technical_assistance
    from marts.upr_recommendations
) as recommendations
"""


@asset_check(asset=RECOMMENDATIONS, blocking=False)
def upr_classification_coverage(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> AssetCheckResult:
    """The share of recommendations no theme rule classifies (left NULL) and the share calling
    for technical assistance, counted once per recommendation (warning when more than
    MAX_UNCLASSIFIED_SHARE is unclassified)."""
    del context
    row = warehouse.store.fetchall(COVERAGE_SQL)[0]
    total, unclassified, assistance = (int(v) for v in row) if row else (0, 0, 0)
    share = unclassified / total if total else 0.0
    return AssetCheckResult(
        passed=share <= MAX_UNCLASSIFIED_SHARE,
        severity=AssetCheckSeverity.WARN,
        description=f"{unclassified:,} of {total:,} recommendations unclassified ({share:.1%})",
        metadata={
            "recommendations": total,
            "unclassified": unclassified,
            "unclassified_share": MetadataValue.float(round(share, 4)),
            "calling_for_assistance": assistance,
            "calling_for_assistance_share": MetadataValue.float(
                round(assistance / total, 4) if total else 0.0
            ),
        },
    )


UPR_CHECKS = [upr_references_resolve, upr_classification_coverage]
