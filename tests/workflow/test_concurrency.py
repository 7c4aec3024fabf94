"""Several workers (own engines, as separate instances have) sharing one PostgreSQL database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from server.store.crypto import SecretBox
from server.store.database import create_engine
from server.store.repositories import SqlStore
from server.store.schema import metadata
from tests.conftest import TEST_KEY
from tests.workflow.conftest import Clock, World, add_connection

pytestmark = pytest.mark.postgres


@pytest.fixture
async def instances(postgres_database: str, clock: Clock) -> AsyncIterator[list[SqlStore]]:
    stores = [
        SqlStore(create_engine(postgres_database), SecretBox([TEST_KEY]), clock=clock) for _ in range(2)
    ]
    async with stores[0].engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {', '.join(t.name for t in metadata.sorted_tables)} CASCADE"))
    yield stores
    for store in stores:
        await store.engine.dispose()


async def test_two_workers_on_postgresql_create_one_order_per_execution(
    instances: list[SqlStore], clock: Clock
) -> None:
    world = World(store=instances[0], clock=clock, connection=await add_connection(instances[0]))
    for n in range(4):
        world.hubspot.with_deal(f"600{n}")
        await world.record(callback_id=f"cb-{n}", deal_id=f"600{n}")
    workers = [world.executor(store=store, worker=f"w{i}", batch=1) for i, store in enumerate(instances)]
    await asyncio.gather(*(w.drain() for w in workers))
    assert sorted(c[1] for c in world.callbacks.completed) == ["cb-0", "cb-1", "cb-2", "cb-3"]
    assert len(world.netsuite.orders) == 4
    # Every upsert was its execution's only one: no order was attempted twice.
    assert len(world.netsuite.upserts) == len(set(world.netsuite.upserts)) == 4
    async with world.store.transaction() as tx:
        rows = await tx.connection.execute(text("SELECT claimed_by FROM workflow_executions"))
        claimed_by = [r[0] for r in rows]
    assert len(claimed_by) == 4
    assert set(claimed_by) <= {"w0", "w1"}
