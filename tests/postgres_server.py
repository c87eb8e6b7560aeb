"""The PostgreSQL server the PostgreSQL tests use: `TCW_TEST_POSTGRES_URL` (default the machine's
local server, postgresql://postgres@127.0.0.1:5432/postgres). Each test gets its own database,
dropped afterwards. Without a server the tests skip with the reason, except under CI, where
they fail: CI's machine runs one (.ci/run starts it when it is down)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

from pipelines.warehouses.postgres import PostgresUrl, drop_database, ensure_database

SERVER_URL = os.environ.get("TCW_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def require_postgres() -> PostgresUrl:
    url = PostgresUrl(SERVER_URL)
    try:
        with psycopg.connect(url.url, connect_timeout=5) as con:
            con.execute("select 1")
    except psycopg.OperationalError as error:
        message = f"PostgreSQL server not reachable at {url}: {str(error).strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@contextmanager
def scratch_database(prefix: str = "tcw_test") -> Iterator[PostgresUrl]:
    """A new database with a random name on the test server, dropped on the way out."""
    server = require_postgres()
    url = server.with_database(f"{prefix}_{secrets.token_hex(4)}")
    assert ensure_database(url)
    try:
        yield url
    finally:
        drop_database(url)


@pytest.fixture
def pg_database() -> Iterator[PostgresUrl]:
    with scratch_database() as url:
        yield url
