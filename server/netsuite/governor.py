"""Per-account NetSuite concurrency: bound requests in flight and retry only what is safe to repeat.

NetSuite's concurrency limit (often 5) is shared by every integration on the account, so we stay under our
share and, when NetSuite still says no (429 CONCURRENCY_LIMIT_EXCEEDED, or a RESTlet's 400
SSS_REQUEST_LIMIT_EXCEEDED), back off with full jitter so parallel callers de-synchronise, as Oracle advises.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from server.netsuite.errors import NetSuiteConcurrencyLimited, NetSuiteError, NetSuiteUnavailable

T = TypeVar("T")


class Governor:
    """Runs calls for one NetSuite account: at most `limit` in flight, retried within a time budget."""

    def __init__(
        self,
        limit: int = 4,
        *,
        budget_seconds: float = 20.0,
        base_delay: float = 0.2,
        max_delay: float = 5.0,
        rng: random.Random | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1:
            raise ValueError("a governor needs a limit of at least 1")
        self.limit = limit
        self.budget_seconds = budget_seconds
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        self._sleep = sleep
        self._clock = clock
        self._semaphore = asyncio.Semaphore(limit)
        self.in_flight = 0
        self.max_in_flight = 0
        self.retries = 0

    async def run(self, call: Callable[[], Awaitable[T]], *, safe: bool) -> T:
        """Run `call`; `safe` means repeating it cannot do anything twice (reads, SuiteQL, eid: upserts).

        Concurrency refusals are always retried (NetSuite did not start the work); 5xx, timeouts and
        connection errors only when `safe`, because a create that timed out may have happened.
        """
        started = self._clock()
        attempt = 0
        while True:
            last: NetSuiteError
            async with self._semaphore:
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    return await call()
                except NetSuiteConcurrencyLimited as exc:
                    last = exc
                except NetSuiteUnavailable as exc:
                    if not safe:
                        raise
                    last = exc
                finally:
                    self.in_flight -= 1
            # Back off outside the semaphore so other callers may use the slot meanwhile.
            delay = self._rng.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))
            if self._clock() - started + delay > self.budget_seconds:
                raise last
            self.retries += 1
            attempt += 1
            await self._sleep(delay)
