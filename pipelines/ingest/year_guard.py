"""Guards on a reporting year's files as a whole, before the year replaces its previous load.

A parser judges rows one at a time; some faults only show across files or across loads:
- the same events in two files of one year (`request_log_2021 (1).csv` copied beside the
  original): the year fails naming both files, instead of a uniqueness test listing request ids;
- a year whose row count falls sharply against its previous load (an export cut short, a
  filter left on in the source system): the year stops before publication, unless the run
  says the drop is a real restatement (`tcw run --year Y --accept-drop`, run tag
  ACCEPT_DROP_TAG), which the publication's manifest then records.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from pipelines.ingest.rejects import ParseResult

if TYPE_CHECKING:
    from pipelines.warehouses import Warehouse

# A run tag: the run accepts a sharp fall in a year's rows as a real restatement.
ACCEPT_DROP_TAG = "tcw/accept-drop"
# A year may lose up to this share of its rows against its previous load without a word (a
# corrected export drops a few duplicates); beyond it the year stops.
MAX_DROP = 0.2


def shared_events(results: Sequence[ParseResult], key: Sequence[str]) -> list[str]:
    """One problem per pair of files of a year that hold the same events (same `key`)."""
    problems = []
    for first, second in combinations(results, 2):
        if first.rows.is_empty() or second.rows.is_empty():
            continue
        common = first.rows.select(key).unique().join(second.rows.select(key).unique(), on=list(key))
        if common.height:
            same = " (byte-identical copies)" if first.sha256 == second.sha256 else ""
            problems.append(
                f"'{first.source_file}' and '{second.source_file}' hold the same events{same}: "
                f"{common.height:,} of their ({', '.join(key)}) pairs are in both. Keep one file per "
                "export (remove the copy, or merge the files) and run the year again"
            )
    return problems


def previous_rows_read(store: Warehouse, family: str, year: int) -> int | None:
    """Rows read for the year at its previous load (None: never loaded), in either warehouse."""
    if not store.has_raw_table("load_audit"):
        return None
    row = store.fetchall(
        "select sum(rows_read), count(*) from raw.load_audit where source_family = ? and reporting_year = ?",
        [family, year],
    )
    return None if not row or not row[0][1] else int(row[0][0])


def sharp_drop(previous: int | None, results: Sequence[ParseResult], year: int) -> str | None:
    """The problem when the year's rows read fall by more than MAX_DROP against its previous load."""
    now = sum(r.rows_read for r in results)
    if not previous or now >= previous * (1 - MAX_DROP):
        return None
    files = ", ".join(f"'{r.source_file}' ({r.rows_read:,} rows)" for r in results)
    return (
        f"{year}: {now:,} rows read against {previous:,} at the previous load "
        f"({100 * (now - previous) / previous:+.0f} %, more than {MAX_DROP:.0%} fewer) in {files}: "
        "a truncated or filtered export? The previous load stays. If the source really was "
        f"restated, run `tcw run --year {year} --accept-drop` (recorded in the manifest)"
    )
