"""The checks' SQL on the PostgreSQL build.

Checks audit the build before it is published. They are written once, in SQL that DuckDB and
PostgreSQL both run, naming tables as analysts see them (`raw.load_audit`, `marts.needs`) and
binding values with `?`: that is the DuckDB build file as it is. On PostgreSQL the build lives
in prefixed schemas (`build_raw`, `build_marts`, ...; pipelines/warehouses/postgres.py) and
psycopg binds `%s`, so the text is translated here, in one place, rather than kept twice.
"""

from __future__ import annotations

import re

# A layer's name where it qualifies a table: `raw.rejects`, not `x.raw` or `'raw'`.
LAYERS = ("raw", "staging", "intermediate", "marts", "reference")
_QUALIFIED = re.compile(r"(?<![\w.\"'])(" + "|".join(LAYERS) + r")\.(?=[\w\"])")


def in_build(query: str, prefix: str) -> str:
    """`query` reading the build schemas `<prefix><layer>`, with psycopg's placeholders."""
    return in_build_schemas(query.replace("%", "%%").replace("?", "%s"), prefix)


def in_build_schemas(query: str, prefix: str) -> str:
    """`query` reading the build schemas `<prefix><layer>` (a query without parameters, run
    through SQLAlchemy, as Great Expectations does)."""
    return _QUALIFIED.sub(lambda match: f"{prefix}{match.group(1)}.", query)
