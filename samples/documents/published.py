"""The sample documents' published figures (the project's published record).

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from samples.documents.constants import DEFAULT_PUBLISHED_FIGURES, PUBLISHED_FIGURES_ENV


@dataclass(frozen=True)
class PublishedFigure:
    scope: str
    metric: str
    period: str
    value: float
    unit: str
    status: str
    as_of: str
    source_title: str
    source_address: str
    note: str


@dataclass(frozen=True)
class PublishedFigures:
    path: Path
    sha256: str
    rows: tuple[PublishedFigure, ...]

    def get(
        self, scope: str, metric: str, period: str | int, status: str = "final"
    ) -> PublishedFigure | None:
        found = [
            r
            for r in self.rows
            if r.scope == scope and r.metric == metric and r.period == str(period) and r.status == status
        ]
        if len(found) > 1:
            raise ValueError(f"{self.path}: {len(found)} rows for {scope}/{metric}/{period}/{status}")
        return found[0] if found else None

    def value(self, scope: str, metric: str, period: str | int, status: str = "final") -> int | None:
        row = self.get(scope, metric, period, status)
        return None if row is None else round(row.value)


def published_figures_path() -> Path:
    return Path(os.environ.get(PUBLISHED_FIGURES_ENV, DEFAULT_PUBLISHED_FIGURES))


def load_published_figures(path: Path | None = None) -> PublishedFigures:
    """Read published_figures.csv; a missing file is an error that says what it is for."""
    path = path or published_figures_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"published figures not found at {path}: the sample documents print the figures OHCHR "
            f"published (VFTC contributions and expenditure, voluntary contributions, donors, ...), "
            f"read from this file when they are generated (docs/document_layouts.md). The project "
            f"ships it as samples/data/published_figures.csv; or set {PUBLISHED_FIGURES_ENV}."
        )
    data = path.read_bytes()
    rows = []
    for r in csv.DictReader(data.decode("utf-8-sig").splitlines()):
        rows.append(
            PublishedFigure(
                scope=r["scope"],
                metric=r["metric"],
                period=r["period"],
                value=float(r["value"]),
                unit=r["unit"],
                status=r["status"],
                as_of=r["as_of"],
                source_title=r["source_title"],
                source_address=r["source_address"],
                note=r.get("note") or "",
            )
        )
    return PublishedFigures(path=path, sha256=hashlib.sha256(data).hexdigest(), rows=tuple(rows))


_MEMBER_STATES_NOTE = re.compile(r"(\d+)\s+(?:of them\s+)?Member States")
