"""The one place Python reads dbt seeds (dbt_project/seeds/reference/).

The seeds are the controlled vocabularies SQL and Python share: dbt loads them into the
warehouse, and the ingestion reads them to resolve labels while parsing. So that Dagster
knows, every Python reader names the seeds it reads here (`READ_BY`), and the assets that run
those readers carry the seeds' hash as their code version (`seeds_version`): edit
`thematic_area_labels.csv` and the ingestion shows as stale ("code version changed"). A code
version rather than a dependency on the seeds' dbt assets: the seeds are built in the same
`dbt build` as the models, after the ingestion, so that dbt starts once a run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from pipelines.settings import SEEDS_DIR

# Who reads which seed. A reader that starts reading another seed adds it here, or the lineage
# (and `seed_path`, which refuses unlisted seeds) would not know.
READ_BY: dict[str, tuple[str, ...]] = {
    "taxonomy": ("thematic_area_labels", "fund_labels", "fx_rates"),
    "donors": ("donors", "donor_labels"),
    "countries": ("country_aliases", "un_regional_groups", "country_classifications", "m49_regions"),
    "overview": ("thematic_areas",),
}
_ALL = frozenset(seed for seeds in READ_BY.values() for seed in seeds)


def seed_path(name: str) -> Path:
    """The CSV of seed `name` (without .csv)."""
    if name not in _ALL:
        raise KeyError(f"seed {name!r} is not declared in pipelines/reference/seeds.py READ_BY")
    return SEEDS_DIR / f"{name}.csv"


def read_seed(name: str, *, infer_schema: bool = False) -> pl.DataFrame:
    """A seed as text columns (as dbt's column_types do not apply here) unless `infer_schema`."""
    return pl.read_csv(seed_path(name), infer_schema=infer_schema)


def seeds_read_by(*readers: str) -> list[str]:
    """The seeds some readers read, in a stable order."""
    return sorted({seed for reader in readers for seed in READ_BY[reader]})


def seeds_version(*readers: str) -> str:
    """The code version of an asset running `readers`: a hash of the seeds they read, by name
    and content (a few kB each, read when the definitions load)."""
    digest = hashlib.sha256()
    for name in seeds_read_by(*readers):
        digest.update(name.encode() + b"\0" + seed_path(name).read_bytes() + b"\0")
    return "seeds-" + digest.hexdigest()[:16]
