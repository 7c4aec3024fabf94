"""The executor as a background task of the app: started in the lifespan, woken by new executions,
stopped (its current pass cancelled, its lease left to expire) at shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette

from server.orders.context import Deps
from server.store.repositories import SqlStore
from server.workflow.executor import CallbackPort, WorkflowExecutor
from server.workflow.runner import OrderRunner


@asynccontextmanager
async def running_worker(
    app: Starlette, store: SqlStore, deps: Deps, callbacks: CallbackPort, **options: Any
) -> AsyncIterator[WorkflowExecutor]:
    """Run a worker for the app's lifetime; executions recorded earlier (or left by a dead worker
    whose lease ran out) are picked up on its first passes."""
    executor = WorkflowExecutor(store, OrderRunner(deps), callbacks, **options)
    app.state.wake_workflow = executor.wake
    executor.start()
    try:
        yield executor
    finally:
        app.state.wake_workflow = None
        await executor.stop()
