"""Concurrent sales order reads share batches: one query in flight per account, results split per caller."""

from __future__ import annotations

import asyncio

import pytest

from server.netsuite.coalesce import MAX_BATCH_IDS, OrderReadCoalescer
from server.netsuite.models import SalesOrderRow


class SlowNetSuite:
    """Answers after a delay with one row per id asked, recording each query's ids."""

    def __init__(self, delay: float = 0.02) -> None:
        self.delay = delay
        self.queries: list[list[str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.fail: Exception | None = None

    async def sales_orders(self, ids: list[str]) -> list[SalesOrderRow]:
        self.queries.append(ids)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            if self.fail:
                raise self.fail
            return [SalesOrderRow(id=i, tranid=f"SO{i}") for i in ids]
        finally:
            self.in_flight -= 1


async def test_a_lone_read_goes_out_at_once_and_gets_its_rows() -> None:
    netsuite, coalescer = SlowNetSuite(), OrderReadCoalescer()
    rows = await coalescer.fetch(netsuite.sales_orders, ["1", "2"])
    assert [r.id for r in rows] == ["1", "2"]
    assert netsuite.queries == [["1", "2"]]


async def test_fifty_concurrent_reads_take_at_most_two_queries_and_each_gets_only_its_orders() -> None:
    netsuite, coalescer = SlowNetSuite(), OrderReadCoalescer()
    results = await asyncio.gather(
        *(coalescer.fetch(netsuite.sales_orders, [str(n), str(n + 1000)]) for n in range(50))
    )
    assert len(netsuite.queries) <= 2  # callers arriving in the same tick even share the first
    assert netsuite.max_in_flight == 1
    for n, rows in enumerate(results):
        assert sorted(r.id for r in rows) == sorted([str(n), str(n + 1000)])


async def test_a_failure_reaches_every_caller_of_its_batch_and_the_next_batch_still_runs() -> None:
    netsuite, coalescer = SlowNetSuite(), OrderReadCoalescer()
    netsuite.fail = RuntimeError("NetSuite is down")
    first = asyncio.ensure_future(coalescer.fetch(netsuite.sales_orders, ["1"]))
    await asyncio.sleep(0)
    joined = [asyncio.ensure_future(coalescer.fetch(netsuite.sales_orders, [str(n)])) for n in (2, 3)]
    with pytest.raises(RuntimeError, match="down"):
        await first
    netsuite.fail = None
    assert [[r.id for r in await j] for j in joined] == [["2"], ["3"]]


async def test_a_caller_giving_up_does_not_cancel_the_batch_for_others() -> None:
    netsuite, coalescer = SlowNetSuite(delay=0.05), OrderReadCoalescer()
    impatient = asyncio.ensure_future(coalescer.fetch(netsuite.sales_orders, ["1"]))
    patient = asyncio.ensure_future(coalescer.fetch(netsuite.sales_orders, ["1"]))
    await asyncio.sleep(0.01)
    impatient.cancel()
    assert [r.id for r in await patient] == ["1"]


async def test_batches_never_exceed_one_suiteql_in_list() -> None:
    netsuite, coalescer = SlowNetSuite(), OrderReadCoalescer()
    chunks = [[str(n * 600 + k) for k in range(600)] for n in range(3)]
    await asyncio.gather(*(coalescer.fetch(netsuite.sales_orders, ids) for ids in chunks))
    assert all(len(q) <= MAX_BATCH_IDS for q in netsuite.queries)
    assert sum(len(q) for q in netsuite.queries) == 1800
