"""`gather`, but the first failure cancels the siblings and waits for them before it is raised.

`asyncio.gather` leaves the other awaitables running when one fails: their vendor calls and database
transactions outlive the request that started them (seen as connections held past a test's end). Here they
are cancelled and awaited, and the original exception is raised as it is (not wrapped in an
ExceptionGroup, as TaskGroup would), so callers keep catching the typed errors they expect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar, overload

T = TypeVar("T")
T1 = TypeVar("T1")
T2 = TypeVar("T2")
T3 = TypeVar("T3")


@overload
async def together(a1: Awaitable[T1], a2: Awaitable[T2], /) -> tuple[T1, T2]: ...
@overload
async def together(a1: Awaitable[T1], a2: Awaitable[T2], a3: Awaitable[T3], /) -> tuple[T1, T2, T3]: ...
@overload
async def together(*awaitables: Awaitable[T]) -> tuple[T, ...]: ...


async def together(*awaitables: Awaitable[Any]) -> tuple[Any, ...]:
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        return tuple(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
