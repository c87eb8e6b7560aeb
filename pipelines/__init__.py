"""tc-warehouse: the Dagster code location behind the 18/18 technical-cooperation reporting cycle."""

import os

# polars' allocator (jemalloc) keeps freed memory for 0.5 s, then 1 s more as pages the kernel may
# take back but still counts (polars' defaults): a year's grid was still resident while DuckDB
# took memory to write the year, and at 10M events the ingestion peaked at 1.7 GB. Handed back
# within 0.1 s it peaks at 1.2 GB (with DuckDB's own limits), parsing about 4 % slower
# (docs/benchmarks.md). polars appends this variable to its defaults when it loads, so it is set
# here, before any module of the project imports polars; an operator's own setting wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:100,muzzy_decay_ms:0")
