from __future__ import annotations

import asyncio

from server.hubspot.limiter import SlidingWindowLimiter
from tests.hubspot.conftest import FakeTime


async def test_the_111th_request_within_ten_seconds_waits_for_the_window(fake_time: FakeTime) -> None:
    limiter = SlidingWindowLimiter(monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    for _ in range(110):
        await limiter.acquire(1)
    assert fake_time.slept == []
    await limiter.acquire(1)
    assert fake_time.slept == [10.0]


async def test_portals_have_separate_windows(fake_time: FakeTime) -> None:
    limiter = SlidingWindowLimiter(limit=2, monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    await asyncio.gather(limiter.acquire(1), limiter.acquire(1), limiter.acquire(2), limiter.acquire(2))
    assert fake_time.slept == []


async def test_a_pause_after_a_429_holds_back_the_portal(fake_time: FakeTime) -> None:
    limiter = SlidingWindowLimiter(monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    limiter.pause(1, 4.0)
    await limiter.acquire(2)
    assert fake_time.slept == []
    await limiter.acquire(1)
    assert fake_time.slept == [4.0]
