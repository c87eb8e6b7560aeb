"""The local Dagster instance's SQLite files, kept open for the length of a run.

Dagster's SQLite storages open a new connection for every event they write and close it after
(SQLAlchemy's NullPool). In WAL mode the last connection to close a database checkpoints it:
copies the WAL into the file and syncs it to disk. With no other connection open, every event
paid for that: 6-18 ms each on the CI kind of machine, 15 s of a one-year run's 47 s on a
loaded machine (py-spy), about 3 s alone on it. One connection held open by the run makes
every other close a non-last one; the WAL is then checkpointed as it grows (SQLite's automatic
checkpoint) and once when the run ends.
Nothing is written through these connections and SQLite's durability settings are unchanged.

A team instance stores runs in PostgreSQL (deploy/dagster.yaml): nothing is held then.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dagster import DagsterInstance


def sqlite_files(instance: DagsterInstance, run_id: str) -> list[Path]:
    """The SQLite files a run writes: the run storage, the event log's index shard and the
    run's own shard (created now, as Dagster would on its first event). Empty for other
    storages."""
    from dagster._core.storage.event_log import SqliteEventLogStorage
    from dagster._core.storage.runs import SqliteRunStorage
    from sqlalchemy.engine import make_url

    files: list[str | None] = []
    if isinstance(instance.run_storage, SqliteRunStorage):
        files.append(make_url(instance.run_storage._conn_string).database)
    events = instance.event_log_storage
    if isinstance(events, SqliteEventLogStorage):
        with events.run_connection(run_id):  # creates the shard with Dagster's schema, in WAL mode
            pass
        for shard in ("index", run_id):
            files.append(make_url(events.conn_string_for_shard(shard)).database)
    return [Path(file) for file in files if file]


@contextmanager
def sqlite_kept_open(instance: DagsterInstance) -> Iterator[str]:
    """A new run ID (Dagster's form: a UUID), with one reading connection held open to each
    SQLite file that run writes until the block ends."""
    run_id = str(uuid.uuid4())
    with ExitStack() as held:
        for file in sqlite_files(instance, run_id):
            connection = held.enter_context(closing(sqlite3.connect(file, timeout=30)))
            # A connection counts as open to the WAL once it has read (it then holds its share
            # of the WAL index); this read ends at once and locks nothing.
            connection.execute("select count(*) from sqlite_master").fetchone()
        yield run_id
