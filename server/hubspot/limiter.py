"""A per-portal sliding-window limiter, so this process stays under HubSpot's 110 requests / 10 s.

HubSpot counts per installing account and per app; staying under the limit ourselves costs a short wait
instead of a 429 (errors above 5 % of requests also count against marketplace certification). After a
429 the whole portal pauses, not just the request that got it.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

HUBSPOT_LIMIT = 110
HUBSPOT_WINDOW_SECONDS = 10.0


class SlidingWindowLimiter:
    """At most `limit` starts per `window` seconds per key; `pause` holds a key back after a 429."""

    def __init__(
        self,
        *,
        limit: int = HUBSPOT_LIMIT,
        window: float = HUBSPOT_WINDOW_SECONDS,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.limit = limit
        self.window = window
        self._monotonic = monotonic
        self._sleep = sleep
        self._starts: dict[int, deque[float]] = {}
        self._paused_until: dict[int, float] = {}

    async def acquire(self, key: int) -> None:
        starts = self._starts.setdefault(key, deque())
        while True:
            now = self._monotonic()
            paused = self._paused_until.get(key, 0.0)
            if paused > now:
                await self._sleep(paused - now)
                continue
            while starts and starts[0] <= now - self.window:
                starts.popleft()
            if len(starts) < self.limit:
                starts.append(now)
                return
            await self._sleep(starts[0] + self.window - now)

    def pause(self, key: int, seconds: float) -> None:
        until = self._monotonic() + seconds
        self._paused_until[key] = max(self._paused_until.get(key, 0.0), until)
