"""Write-audit-publish: the published database and the versioned extracts for report authors.

Ingestion and dbt write the *build* database. Only when every blocking check has passed does
the publication asset (pipelines/assets/publication.py) call `publish_database`, which
checkpoints the build file, copies it beside the published file and renames it into place.
The rename is atomic, so an analyst's open read-only connection keeps reading the file it
opened (its inode stays alive) and the next connection sees the new one: nobody ever blocks a
run or sees a half-built state.

Extracts are immutable: `publications/<year>/<version>/` is written once, into a temporary
folder renamed into place, and only when the year's figures differ from the latest version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipelines.cells import WORKBOOK_OPTIONS, neutralise_formulas
from pipelines.report.overview import write_overview
from pipelines.settings import REPO_ROOT, Settings

LATEST = "latest"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class MartSpec:
    """A mart as report authors receive it: its key, its columns and what they mean."""

    name: str
    key: tuple[str, ...]  # the primary key its dbt contract declares
    description: str
    columns: dict[str, str]  # column -> description


@dataclass(frozen=True)
class PublicationResult:
    year: int
    version: str
    path: Path
    created: bool
    changes: dict[str, Any] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)


def checkpoint(build: Path) -> Path:
    """Fold the build database's WAL into its file (before reading or copying the file)."""
    with duckdb.connect(str(build)) as con:
        con.execute("checkpoint")
    return build


def publish_database(settings: Settings) -> Path:
    """Checkpoint the build database and atomically replace the published copy with it."""
    build, published = checkpoint(settings.build_db), settings.published_db
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.name}.incoming")
    shutil.copyfile(build, staging)
    with staging.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, published)
    return published


def mart_specs(manifest_path: Path) -> list[MartSpec]:
    """The yearly marts, read from dbt's manifest so the list is never kept twice."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    specs = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["fqn"][1] != "marts" or "reference" in node["tags"]:
            continue
        columns = {name: c.get("description", "") for name, c in node["columns"].items()}
        if "year" not in columns:
            continue
        key = primary_key(node)
        specs.append(MartSpec(node["name"], key, node.get("description", "").strip(), columns))
    return sorted(specs, key=lambda s: s.name)


def primary_key(node: Mapping[str, Any]) -> tuple[str, ...]:
    """A model's primary key as its contract declares it: a model-level `primary_key` constraint,
    or the column that carries one. A mart without one cannot be diffed: say which."""
    for constraint in node.get("constraints", []):
        if constraint["type"] == "primary_key" and constraint.get("columns"):
            return tuple(constraint["columns"])
    keyed = tuple(
        name
        for name, column in node["columns"].items()
        if any(c["type"] == "primary_key" for c in column.get("constraints", []))
    )
    if not keyed:
        raise ValueError(
            f"{node['original_file_path']}: model {node['name']} declares no primary_key constraint"
        )
    return keyed


def _row_key(row: Mapping[str, Any], key: tuple[str, ...]) -> Any:
    return row[key[0]] if len(key) == 1 else tuple(row[column] for column in key)


def read_year(db: Path, specs: Sequence[MartSpec], year: int) -> dict[str, pl.DataFrame]:
    """Each mart's rows for the year, sorted by key (so equal data gives equal bytes)."""
    frames = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for spec in specs:
            sql = f"select * from marts.{spec.name} where year = ? order by {', '.join(spec.key)}"
            frames[spec.name] = pl.from_arrow(con.sql(sql, params=[year]).to_arrow_table())
    return frames  # type: ignore[return-value]


def content_hash(frames: Mapping[str, pl.DataFrame]) -> str:
    digest = hashlib.sha256()
    for name in sorted(frames):
        digest.update(name.encode())
        digest.update(frames[name].write_csv().encode())
    return digest.hexdigest()


def diff_frames(
    old: Mapping[str, pl.DataFrame], new: Mapping[str, pl.DataFrame], specs: Sequence[MartSpec]
) -> dict[str, Any]:
    """What changed between two versions: rows added or removed, and every figure that moved."""
    changes: dict[str, Any] = {}
    for spec in specs:
        before = old.get(spec.name, pl.DataFrame()).to_dicts()
        after = new[spec.name].to_dicts()
        before_by_key = {_row_key(row, spec.key): row for row in before}
        after_by_key = {_row_key(row, spec.key): row for row in after}
        moved = [
            {"key": key, "column": column, "from": _jsonable(row[column]), "to": _jsonable(value)}
            for key, new_row in after_by_key.items()
            if (row := before_by_key.get(key)) is not None
            for column, value in new_row.items()
            if row.get(column) != value
        ]
        added = sorted(k for k in after_by_key if k not in before_by_key)
        removed = sorted(k for k in before_by_key if k not in after_by_key)
        if moved or added or removed:
            changes[spec.name] = {"changed_figures": moved, "added": added, "removed": removed}
    return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "as_integer_ratio") and not isinstance(value, int | float):  # Decimal
        return float(value)
    return value


def latest_version(year_dir: Path) -> Path | None:
    link = year_dir / LATEST
    return link.resolve() if link.exists() else None


def read_version(path: Path, specs: Sequence[MartSpec]) -> dict[str, pl.DataFrame]:
    return {
        spec.name: pl.read_parquet(path / f"{spec.name}.parquet")
        for spec in specs
        if (path / f"{spec.name}.parquet").exists()
    }


def code_version() -> dict[str, str]:
    """Which code produced a publication: the git commit and the tools' versions."""
    import dagster
    from dbt.version import __version__ as dbt_version

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", False
    return {
        "git_commit": commit + ("+uncommitted" if dirty else ""),
        "dbt": dbt_version,
        "dagster": dagster.__version__,
        "duckdb": duckdb.__version__,
    }


def write_publication(
    year: int,
    frames: Mapping[str, pl.DataFrame],
    specs: Sequence[MartSpec],
    out_root: Path,
    provenance: Mapping[str, Any],
    published: Mapping[int, pl.DataFrame] | None = None,
) -> PublicationResult:
    """Write a new immutable version of the year's extracts, unless nothing changed.
    `published`: the funding figures of the years published beside this one, which the
    overview's chart over years reads (report.overview.contributions_history)."""
    year_dir = out_root / str(year)
    year_dir.mkdir(parents=True, exist_ok=True)
    digest = content_hash(frames)
    previous = latest_version(year_dir)
    row_counts = {name: frame.height for name, frame in frames.items()}
    if previous is not None:
        previous_manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
        if previous_manifest["content_sha256"] == digest:
            return PublicationResult(year, previous.name, previous, created=False, row_counts=row_counts)
    number = 1 + max((int(p.name[1:]) for p in year_dir.glob("v*") if p.name[1:].isdigit()), default=0)
    version = f"v{number}"
    changes = diff_frames(read_version(previous, specs), frames, specs) if previous else {}
    incoming = year_dir / f".{version}.incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    for spec in specs:
        frame = frames[spec.name]
        neutralise_formulas(frame).write_csv(incoming / f"{spec.name}.csv")
        frame.write_parquet(incoming / f"{spec.name}.parquet")
    write_workbook(incoming / f"tc_warehouse_{year}_{version}.xlsx", year, frames, specs)
    manifest: dict[str, Any] = {
        "year": year,
        "version": version,
        "previous_version": previous.name if previous else None,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "content_sha256": digest,
        "row_counts": row_counts,
        "changes": changes,
        **provenance,
    }
    _write_manifest(incoming, manifest)
    # Reads this version's extracts and manifest, and the funding figures of earlier years.
    write_overview(incoming, out_root, published)
    manifest["files"] = sorted(p.name for p in incoming.iterdir())
    _write_manifest(incoming, manifest)
    for path in incoming.iterdir():
        path.chmod(0o444)  # immutable once written
    target = year_dir / version
    os.replace(incoming, target)
    _point_latest(year_dir, version)
    return PublicationResult(year, version, target, created=True, changes=changes, row_counts=row_counts)


def _write_manifest(folder: Path, manifest: Mapping[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def _point_latest(year_dir: Path, version: str) -> None:
    """`latest` is a relative symlink swapped atomically (readers never see it missing)."""
    link = year_dir / LATEST
    temporary = year_dir / f".{LATEST}.incoming"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(version, target_is_directory=True)
    os.replace(temporary, link)


NUMBER_FORMATS = {"money": "#,##0.00", "integer": "#,##0", "ratio": "0.0%", "date": "yyyy-mm-dd"}
HEADER_FORMAT = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}


def _pixels(characters: int) -> int:
    """Excel's column width in pixels for a width in characters (xlsxwriter's conversion)."""
    return int(characters * 7 + 5)


def _width(column: str, values: pl.Series) -> int:
    """Wide enough for the header and the first 200 values, within 10 to 60 characters."""
    return _pixels(min(60, max(10, len(column) + 2, *(len(str(v)) + 2 for v in values.head(200)))))


def write_workbook(
    path: Path, year: int, frames: Mapping[str, pl.DataFrame], specs: Sequence[MartSpec]
) -> None:
    """One sheet per mart (frozen header, number formats, widths) and a sheet that defines
    every column, for report authors who work in Excel. polars writes each sheet (as an Excel
    table) into one open workbook."""
    import xlsxwriter

    # in_memory: the sheets' XML is assembled in memory, not in temporary files, and zipped
    # from there (the same workbook, 25 % faster: 0.45 s to 0.33 s for a sample year).
    options = {"remove_timezone": True, "in_memory": True, **WORKBOOK_OPTIONS}
    with xlsxwriter.Workbook(path, options) as workbook:
        workbook.set_properties({"title": f"tc-warehouse extracts, reporting year {year}"})
        for spec in specs:
            frame = frames[spec.name]
            kinds = {column: _column_kind(column, frame.schema[column]) for column in frame.columns}
            money = [column for column, kind in kinds.items() if kind == "money"]
            widths = {column: _width(column, frame[column]) for column in frame.columns}
            frame.with_columns(pl.col(money).cast(pl.Float64)).write_excel(
                workbook,
                spec.name[:31],
                column_formats={c: NUMBER_FORMATS[k] for c, k in kinds.items() if k in NUMBER_FORMATS},  # type: ignore[misc]
                header_format=HEADER_FORMAT,
                column_widths=widths,  # type: ignore[arg-type]
                freeze_panes=(1, 0),
                autofilter=frame.height > 0,
            )
        glossary = pl.DataFrame(
            [
                row
                for spec in specs
                for row in [
                    (spec.name, None, spec.description),
                    *((spec.name, column, text) for column, text in spec.columns.items()),
                ]
            ],
            schema={"mart": pl.String, "column": pl.String, "definition": pl.String},
            orient="row",
        )
        glossary.write_excel(
            workbook,
            "Columns",
            header_format=HEADER_FORMAT,
            column_widths={"mart": _pixels(32), "column": _pixels(32), "definition": _pixels(110)},
            freeze_panes=(1, 0),
            autofilter=False,
        )


def _column_kind(column: str, dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Decimal) or column.endswith("_usd"):
        return "money"
    if column.endswith(("_rate", "_share", "_ratio")):
        return "ratio"
    if dtype == pl.Date:
        return "date"
    if dtype.is_integer():
        return "integer"
    return "text"
