"""The pieces every section of the annual overview is built from (overview.py, upr.py): the
section, a table naming its extract, number formats, a mart's extract read from the folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl


@dataclass
class Section:
    """A part of the overview: the mandate paragraph it answers, figures, tables, charts."""

    anchor: str
    title: str
    mandate: str
    headline: list[tuple[str, str]] = field(default_factory=list)  # (label, formatted figure)
    tables: list[dict[str, Any]] = field(default_factory=list)
    charts: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)


def money(value: Any) -> str:
    return "" if value is None else f"{float(value):,.0f}"


def number(value: Any) -> str:
    return "" if value is None else f"{int(value):,}"


def percent(value: Any) -> str:
    return "" if value is None else f"{100 * float(value):.1f}%"


def table(
    frame: pl.DataFrame, source: str, selection: str, columns: list[tuple[str, str, Callable[[Any], str]]]
) -> dict[str, Any]:
    """A table as the template renders it; `source` and `selection` say where its rows are."""
    return {
        "source": source,
        "selection": selection,
        "headers": [label for _, label, _ in columns],
        "keys": [name for name, _, _ in columns],
        "rows": [[fmt(row[name]) for name, _, fmt in columns] for row in frame.iter_rows(named=True)],
    }


def load_extract(folder: Path, name: str) -> pl.DataFrame | None:
    path = folder / f"{name}.parquet"
    return pl.read_parquet(path) if path.exists() else None
