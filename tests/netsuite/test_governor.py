"""The governor bounds calls in flight, backs off on concurrency refusals, never repeats unsafe calls."""

from __future__ import annotations

import asyncio
import random

import pytest

from server.netsuite.errors import (
    NetSuiteConcurrencyLimited,
    NetSuiteUnavailable,
    NetSuiteValidationError,
)
from server.netsuite.governor import Governor


class FakeTime:
    """A clock and sleep that advance together, so budgets are tested without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def governor(limit: int = 2, *, budget: float = 10.0, time: FakeTime | None = None) -> Governor:
    t = time or FakeTime()
    return Governor(limit, budget_seconds=budget, base_delay=0.1, max_delay=2.0, rng=random.Random(7),
                    sleep=t.sleep, clock=t.clock)  # fmt: skip


async def test_no_more_than_limit_calls_are_in_flight() -> None:
    gov = Governor(3)
    running = 0
    peak = 0

    async def call() -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.005)
        running -= 1
        return 1

    results = await asyncio.gather(*(gov.run(call, safe=True) for _ in range(20)))
    assert sum(results) == 20
    assert peak == 3
    assert gov.max_in_flight == 3


async def test_concurrency_refusals_are_retried_with_growing_jittered_delays() -> None:
    time = FakeTime()
    gov = governor(time=time)
    attempts = 0

    async def call() -> str:
        nonlocal attempts
        attempts += 1
        if attempts < 5:
            raise NetSuiteConcurrencyLimited(operation="suiteql")
        return "ok"

    assert await gov.run(call, safe=False) == "ok"  # 429 means NetSuite did nothing: even a create is retried
    assert attempts == 5
    caps = [0.1 * 2**n for n in range(4)]
    assert all(0 <= d <= cap for d, cap in zip(time.sleeps, caps, strict=True))
    assert len(set(time.sleeps)) == 4


async def test_unavailable_is_retried_for_safe_calls() -> None:
    gov = governor()
    outcomes: list[Exception | str] = [NetSuiteUnavailable("down"), NetSuiteUnavailable("down"), "ok"]

    async def call() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert await gov.run(call, safe=True) == "ok"


async def test_a_create_that_failed_with_5xx_is_never_sent_again() -> None:
    gov = governor()
    calls = 0

    async def create() -> str:
        nonlocal calls
        calls += 1
        raise NetSuiteUnavailable("timed out")

    with pytest.raises(NetSuiteUnavailable):
        await gov.run(create, safe=False)
    assert calls == 1


async def test_other_errors_are_raised_at_once() -> None:
    gov = governor()
    calls = 0

    async def call() -> str:
        nonlocal calls
        calls += 1
        raise NetSuiteValidationError("bad", path="entity")

    with pytest.raises(NetSuiteValidationError):
        await gov.run(call, safe=True)
    assert calls == 1


async def test_the_last_error_is_raised_when_the_budget_is_spent() -> None:
    time = FakeTime()
    gov = governor(budget=3.0, time=time)
    calls = 0

    async def call() -> str:
        nonlocal calls
        calls += 1
        raise NetSuiteConcurrencyLimited(operation="suiteql")

    with pytest.raises(NetSuiteConcurrencyLimited):
        await gov.run(call, safe=True)
    assert calls > 2
    assert time.now <= 3.0


async def test_the_slot_is_free_while_a_caller_backs_off() -> None:
    gov = Governor(1, base_delay=0.05, max_delay=0.05, rng=random.Random(1))
    order: list[str] = []
    refused = False

    async def first() -> None:
        nonlocal refused
        if not refused:
            refused = True
            order.append("first refused")
            raise NetSuiteConcurrencyLimited(operation="x")
        order.append("first done")

    async def second() -> None:
        order.append("second done")

    task = asyncio.create_task(gov.run(first, safe=True))
    await asyncio.sleep(0)
    await asyncio.sleep(0.001)
    await gov.run(second, safe=True)
    await task
    assert order == ["first refused", "second done", "first done"]


def test_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Governor(0)
