from __future__ import annotations

import asyncio

import pytest

from server.concurrency import together


async def test_results_come_back_in_order() -> None:
    async def value(n: int) -> int:
        await asyncio.sleep(0.001 * (3 - n))
        return n

    assert await together(value(1), value(2), value(3)) == (1, 2, 3)
    assert await together() == ()


async def test_the_first_failure_cancels_and_awaits_the_others_and_is_raised_unwrapped() -> None:
    finished: list[str] = []
    cancelled: list[str] = []

    async def slow() -> None:
        try:
            await asyncio.sleep(1)
            finished.append("slow")
        except asyncio.CancelledError:
            cancelled.append("slow")
            raise

    async def failing() -> None:
        await asyncio.sleep(0)
        raise KeyError("missing scope")

    with pytest.raises(KeyError, match="missing scope"):
        await together(slow(), failing())
    # By the time the error reaches the caller, the sibling is already stopped: nothing outlives the call.
    assert cancelled == ["slow"]
    assert finished == []
