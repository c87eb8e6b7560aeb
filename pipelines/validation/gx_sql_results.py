"""GX 1.24 over duckdb-engine: buffer each query's rows while its connection is still open.

`SqlAlchemyExecutionEngine.execute_query` returns the SQLAlchemy result after its `with
self.get_connection()` block has handed the connection back to the pool. duckdb-engine's
cursor is the DuckDB connection itself, which the pool's reset clears, so the rows GX fetches
afterwards are gone: every metric comes back empty and every expectation fails with "N/A"
(GX #11579, duckdb_engine #734). Buffering the result (SQLAlchemy's `Result.freeze`) before
the connection is returned fixes it, for any dialect: GX reads these results with
fetchall/fetchone/fetchmany/scalar, which a buffered result serves.

GX also recognises a dialect by its module's `dialect` class (regular expressions, in
`get_dialect_regex_expression`), and it has no module for duckdb-engine, so it hands over the
dialect instance and finds no regex operator ("Regex is not supported for dialect duckdb").
duckdb-engine's dialect derives from PostgreSQL's and DuckDB's `~` is PostgreSQL's regex
search, so the engine's duckdb-engine dialect names PostgreSQL's as its `dialect`, as a
dialect module would (on the instance: on the class, SQLAlchemy would load psycopg for
`duckdb://` URLs).

Applied only to the pinned GX version: tests/test_validation.py records the source of the
replaced function and fails when GX changes it, so the next GX upgrade reviews this module
(drop it once GX buffers itself).
"""

from __future__ import annotations

from typing import Any

PATCHED_VERSION = "1.24.1"
# GX's own function, kept when replaced: the test compares its source with the reviewed one.
REPLACED: dict[str, Any] = {}


def _execute_query_buffered(self: Any, query: Any) -> Any:
    """GX 1.24.1's `execute_query`, with the rows fetched before the connection is returned."""
    with self.get_connection() as connection:
        result = self._execute_query_with_recovery(connection, query)
        return result.freeze()() if result.returns_rows else result


def buffer_sql_results() -> bool:
    """Install the workaround when GX is the pinned version; True if it is installed. Idempotent."""
    import great_expectations
    from great_expectations.execution_engine.sqlalchemy_execution_engine import (
        SqlAlchemyExecutionEngine,
    )

    if great_expectations.__version__ != PATCHED_VERSION:
        return False
    REPLACED.setdefault("execute_query", SqlAlchemyExecutionEngine.execute_query)
    SqlAlchemyExecutionEngine.execute_query = _execute_query_buffered  # type: ignore[method-assign]
    return True


def recognise_duckdb(execution_engine: Any) -> None:
    """Let GX's dialect checks see a duckdb-engine engine as the PostgreSQL dialect it derives
    from (regular expressions; see above). Call before validating with the engine."""
    from sqlalchemy.dialects import postgresql

    dialect = execution_engine.engine.dialect
    if dialect.name == "duckdb":
        dialect.dialect = postgresql.dialect
