"""Edits to the sample sources that tests and benchmarks make to see a restatement travel."""

import csv
import json
from pathlib import Path

from pipelines.ingest.request_logs import HEADER_SYNONYMS
from pipelines.text import normalize_label


def _column(header: list[str], canonical: str) -> int:
    words = {normalize_label(w) for w in (canonical, *HEADER_SYNONYMS[canonical])}
    return next(i for i, h in enumerate(header) if normalize_label(h) in words)


def restate_first_request_cost(sources_dir: Path, year: int, increase: int = 1000) -> str:
    """Raise the estimated cost of the first request received in a CSV year's request log, as a
    corrected export would; returns the request id. The file keeps its encoding, delimiter and
    line endings (from the sample manifest)."""
    manifest = json.loads((sources_dir / "request_logs" / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["year"] == year)
    if entry["format"] != "csv":
        raise ValueError(f"{entry['path']} is not a CSV export")
    path = sources_dir / entry["path"]
    rows = list(
        csv.reader(path.read_bytes().decode(entry["encoding"]).splitlines(), delimiter=entry["delimiter"])
    )
    status, cost, request = (_column(rows[0], c) for c in ("status", "estimated_cost", "request_id"))
    index = next(i for i, r in enumerate(rows) if i and r[status].casefold() == "received")
    rows[index][cost] = str(int(float(rows[index][cost])) + increase)
    with path.open("w", encoding=entry["encoding"], newline="") as handle:
        csv.writer(handle, delimiter=entry["delimiter"], lineterminator=entry["line_terminator"]).writerows(
            rows
        )
    return rows[index][request]
