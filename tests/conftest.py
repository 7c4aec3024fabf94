"""Shared fixtures: settings, and a migrated store on SQLite and (where reachable) PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from server.config import Settings
from server.store.crypto import SecretBox
from server.store.database import create_engine, upgrade_sync
from server.store.repositories import SqlStore
from server.store.schema import metadata

POSTGRES_URL = os.environ.get(
    "SALESORDERS_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
TEST_KEY = "test-secret-key-one"
T = TypeVar("T")


def in_thread(fn: Callable[[], T]) -> T:
    """Run set-up code that drives its own event loop (Alembic, asyncio.run) off the test's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/app.db",
        secret_key=TEST_KEY,
        public_base_url="https://salesorders.test",
        hubspot_app_id="424242",
        hubspot_client_id="client-id-test",
        hubspot_client_secret="client-secret-test",
        netsuite_consumer_key="consumer-key-test",
        netsuite_consumer_secret="consumer-secret-test",
        log_format="console",
    )


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated by Alembic per worker; each test gets a copy (fast, isolated)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    in_thread(lambda: upgrade_sync(f"sqlite+aiosqlite:///{path}"))
    return path


async def _postgres_reachable() -> bool:
    engine = create_async_engine(POSTGRES_URL)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True
    except (OSError, Exception):  # noqa: BLE001 - any failure to connect means "not here"
        return False
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of our own on the test server, migrated by Alembic, dropped at the end."""
    import asyncio

    if not in_thread(lambda: asyncio.run(_postgres_reachable())):
        if os.environ.get("SALESORDERS_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_URL}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")
    name = f"salesorders_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    async def run(sql: str) -> None:
        async with admin.connect() as conn:
            await conn.execute(text(sql))

    in_thread(lambda: asyncio.run(run(f'CREATE DATABASE "{name}"')))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        in_thread(lambda: upgrade_sync(url))
        yield url
    finally:
        in_thread(lambda: asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SqlStore]:
    """A migrated, empty store: the same tests run on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("migrated_sqlite")
        path = tmp_path / "store.db"
        shutil.copy(template, path)
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_database")
    engine = create_engine(url)
    if request.param == "postgres":
        async with engine.begin() as conn:
            names = ", ".join(t.name for t in metadata.sorted_tables)
            await conn.execute(text(f"TRUNCATE {names} CASCADE"))
    yield SqlStore(engine, SecretBox([TEST_KEY]))
    await engine.dispose()
