"""UPR Working Group report parser over the 208 real reports (4,826 pages) in
../shared/reference/upr/reports: pages per second of whole-report parsing (text layer, section
II, States resolved), several rounds since the machine is shared, and the agreement with the
oracle (issue 9 section 3).

    python -m benchmarks.upr_reports [REPORTS_DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import polars as pl

from pipelines.ingest.upr_reports import parse_upr_report

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "reference" / "upr" / "reports"


def run(folder: Path, rounds: int) -> dict[str, object]:
    files = sorted(folder.glob("*.pdf"))
    if not files:
        raise SystemExit(f"no PDF in {folder}")
    rates: list[float] = []
    rows = pl.DataFrame()
    pages = pages_read = 0
    for _ in range(rounds):
        started = time.perf_counter()
        results = [parse_upr_report(file) for file in files]
        elapsed = time.perf_counter() - started
        pages = sum(meta.page_count for _, _, meta in results)
        pages_read = sum(meta.pages_read for _, _, meta in results)
        rates.append(pages / elapsed)
        rows = pl.concat([found for found, _, _ in results])
    figures: dict[str, object] = {
        "files": len(files),
        "pages": pages,
        "pages_read": pages_read,
        "rows": rows.height,
        "pages_per_second": [round(rate) for rate in rates],
        "best_pages_per_second": round(max(rates)),
    }
    oracle = folder.parent / "oracle.csv"
    if oracle.exists():
        import sys

        sys.path.insert(0, str(REPO))
        from tests.upr_oracle import agreement

        result = agreement(rows, oracle)
        figures |= {
            "recall": round(result.recall, 4),
            "precision": round(result.precision, 4),
            "position_agreement": round(result.position_agreement, 4),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    print(json.dumps(run(arguments.folder, arguments.rounds), indent=2))


if __name__ == "__main__":
    main()
