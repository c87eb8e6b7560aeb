"""The local Dagster instance's SQLite files, kept open for the length of a run.

Dagster's SQLite storages open a new connection for every event they write and close it after
(SQLAlchemy's NullPool). In WAL mode the last connection to close a database checkpoints it:
copies the WAL into the file and syncs it to disk. With no other connection open, every event
paid for that: 6-18 ms each on the CI kind of machine, 15 s of a one-year run's 47 s on a
loaded machine (py-spy), about 3 s alone on it. One connection held open by the run makes
every other close a non-last one; the WAL is then checkpointed as it grows (SQLite's automatic
checkpoint) and once when the run ends.
Nothing is written through these connections.

The event log itself is LocalEventLogStorage, which the local instance's dagster.yaml names
(runner.INSTANCE_CONFIG): Dagster's SQLite event log with two costs of every event taken out.

A team instance stores runs in PostgreSQL (deploy/dagster.yaml): nothing is held then.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from sqlalchemy import event
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from dagster import DagsterInstance
    from sqlalchemy.engine import Connection, Engine

# Engines kept by one process: a run writes two shards (its own and the index); the UI reads
# many runs' shards, so older engines are let go.
ENGINES_KEPT = 8


class LocalEventLogStorage(SqliteEventLogStorage):  # type: ignore[misc]
    """Dagster's SQLite event log (one file per run and an index), with two costs of every
    stored event taken out; 609 events in a one-year run, each written to two or three files:

    - Dagster makes a new SQLAlchemy engine for every connection, so every insert is compiled
      again (an engine keeps its compiled statements). Here one engine per file is kept, still
      without a pool: a connection per use, as in Dagster.
    - SQLite's default `synchronous=FULL` syncs the write-ahead log to disk at every commit.
      `NORMAL`, which SQLite recommends with WAL, syncs at checkpoints: a commit may be lost in
      a power cut, the file is never corrupted.

    Storing a one-year run's events took 2.9-3.8 s, 1.5-1.8 s with these (docs/benchmarks.md).
    Overrides the private `_connect` of dagster 1.13 (pinned; tests/test_instance_storage.py
    fails if it goes)."""

    def __init__(self, base_dir: str, inst_data: Any = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def from_config_value(cls, inst_data: Any, config_value: Any) -> LocalEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            # Asked at every connection, as Dagster does: wipe() and upgrade() forget the shards
            # made, and a wiped run's file is made again on its next connection.
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as connection, connection.begin():
                yield connection

    def _engine(self, shard: str) -> Engine:
        if shard in self._engines:
            self._engines.move_to_end(shard)
            return self._engines[shard]
        engine = create_engine(
            self.conn_string_for_shard(shard),
            poolclass=NullPool,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
        )
        event.listen(engine, "connect", _sync_at_checkpoints)
        self._engines[shard] = engine
        while len(self._engines) > ENGINES_KEPT:
            self._engines.popitem(last=False)[1].dispose()
        return engine

    def dispose(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()
        super().dispose()


def _sync_at_checkpoints(connection: sqlite3.Connection, _record: object) -> None:
    connection.execute("pragma synchronous = normal")


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
