"""The analyst's SQL: the published database, read-only, and nothing else on the machine.

`tcw sql` runs whatever an analyst types. DuckDB can read any file (`read_csv('/etc/passwd')`),
write files (`COPY ... TO`, `EXPORT DATABASE`), attach other databases (the build database holds
raw rows) and install or load extensions. Two layers keep it to the published marts:
the connection's own configuration (external access off, then the configuration locked so a
`SET` cannot turn it back on), and a statement check that refuses the statement types that
reach outside before DuckDB sees them, with a message that says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

# Read-only, no file system or network, no extensions fetched or loaded behind the analyst's
# back, and no changing any of that afterwards (lock_configuration).
CONFINED = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

# Statement types that read or write outside the published database, or change the session.
# (duckdb.StatementType names; INSTALL and LOAD are both LOAD.)
REFUSED = {
    "ATTACH": "ATTACH (only the published database can be queried)",
    "DETACH": "DETACH",
    "COPY": "COPY (write a file with `tcw sql -f csv ... > file` instead)",
    "COPY_DATABASE": "COPY FROM DATABASE",
    "EXPORT": "EXPORT DATABASE (use `tcw extract`)",
    "LOAD": "INSTALL/LOAD of an extension",
    "EXTENSION": "an extension statement",
    "SET": "SET/RESET (the session's settings are fixed)",
}


class RefusedStatement(ValueError):
    """The analyst asked for something `tcw sql` does not allow (a usage error, exit code 2)."""


def check_statements(query: str) -> None:
    """Refuse a query any of whose statements reaches outside the published database."""
    for statement in duckdb.extract_statements(query):
        kind = statement.type.name
        if kind in REFUSED:
            raise RefusedStatement(
                f"{REFUSED[kind]} is not allowed in tcw sql: it queries the published warehouse "
                "read-only, and reads or writes no other file."
            )


def run_query(path: Path, query: str, params: Sequence[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run the analyst's query on the published database, confined; columns and rows."""
    check_statements(query)
    with duckdb.connect(str(path), read_only=True, config=CONFINED) as con:
        cursor = con.execute(query, list(params))
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
