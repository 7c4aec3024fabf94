"""Coalescing of concurrent sales order reads per NetSuite account.

When many reps open deal cards at once, each card load would queue for one of the account's few concurrency
slots and most would miss the card's time budget. Instead, reads that arrive while one is in flight wait for
the next batch, which asks NetSuite once for the union of their ids: at most one query in flight per account,
each card load still costs at most one round trip, and 50 simultaneous loads share one or two.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from server.netsuite.models import SalesOrderRow

Fetch = Callable[[list[str]], Awaitable[list[SalesOrderRow]]]
MAX_BATCH_IDS = 1000  # one SuiteQL IN list; a larger batch would cost a second round trip


@dataclass
class _Waiter:
    ids: set[str]
    result: asyncio.Future[list[SalesOrderRow]] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class OrderReadCoalescer:
    """Runs one batch at a time; callers arriving meanwhile share the next batch."""

    def __init__(self) -> None:
        self._queue: list[_Waiter] = []
        self._running: asyncio.Task[None] | None = None
        self.batches = 0  # how many NetSuite reads were made (for tests and benchmarks)

    async def fetch(self, fetch: Fetch, ids: Sequence[str]) -> list[SalesOrderRow]:
        waiter = _Waiter(set(ids))
        if not waiter.ids:
            return []
        self._queue.append(waiter)
        if self._running is None:
            self._running = asyncio.create_task(self._drain(fetch))
        # Shield: a caller that stops waiting (its time budget ran out) must not cancel others' batch.
        return await asyncio.shield(waiter.result)

    def _take_batch(self) -> list[_Waiter]:
        batch: list[_Waiter] = []
        wanted: set[str] = set()
        while self._queue:
            nxt = self._queue[0]
            if batch and len(wanted | nxt.ids) > MAX_BATCH_IDS:
                break
            batch.append(self._queue.pop(0))
            wanted |= nxt.ids
        return batch

    async def _drain(self, fetch: Fetch) -> None:
        try:
            while self._queue:
                batch = self._take_batch()
                wanted = sorted(set().union(*(w.ids for w in batch)))
                self.batches += 1
                try:
                    rows = await fetch(wanted)
                except Exception as exc:  # noqa: BLE001 - handed to every caller of this batch, unchanged
                    for waiter in batch:
                        if not waiter.result.done():
                            waiter.result.set_exception(exc)
                    continue
                for waiter in batch:
                    if not waiter.result.done():
                        waiter.result.set_result([row for row in rows if row.id in waiter.ids])
        finally:
            self._running = None
