"""The durable executor of workflow actions: claims due executions with a lease (one worker each, across
processes and instances), runs them, commits the outcome, then completes HubSpot's callback.

Transient failures are retried with exponential backoff up to `RetryPolicy.max_attempts`; a callback
that could not be sent is re-sent (the row keeps `callback_sent = false` until HubSpot took it). An
execution whose worker died is claimed again once its lease ran out, so pending work resumes on start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from server.hubspot.errors import HubSpotNotFound
from server.store.records import WorkflowExecution
from server.store.repositories import SqlStore
from server.workflow.failures import classify
from server.workflow.outcome import Outcome, callback_fields, failure
from server.workflow.runner import Checkpoint, Progress

log = logging.getLogger(__name__)


class Runner(Protocol):
    async def run(self, execution: WorkflowExecution, checkpoint: Checkpoint) -> Outcome: ...

    async def created_anyway(self, execution: WorkflowExecution, problem: str) -> Outcome | None: ...


class CallbackPort(Protocol):
    """HubSpot's callbacks API (HubSpotClient.complete_callback)."""

    async def complete_callback(
        self, portal_id: int, callback_id: str, output_fields: dict[str, Any]
    ) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=30)
    # A callback HubSpot would not take is retried this many times before we stop trying.
    max_callback_attempts: int = 20

    def delay(self, attempt: int) -> timedelta:
        delay: timedelta = self.first_delay * (2 ** max(attempt - 1, 0))
        return min(delay, self.max_delay)


class _Checkpoint:
    """Progress writes of one claimed execution, each in its own short transaction."""

    def __init__(
        self, store: SqlStore, execution: WorkflowExecution, worker: str, *, lease: timedelta
    ) -> None:
        self._store, self._execution, self._worker = store, execution, worker
        self._lease = lease

    async def order_created(self, progress: Progress, *, link: dict[str, Any]) -> None:
        # Link and progress commit together: a later attempt sees the order and never creates another.
        async with self._store.transaction() as tx:
            await tx.links.link(self._execution.portal_id, **link)
            await self._save(tx, progress)

    async def saved(self, progress: Progress) -> None:
        async with self._store.transaction() as tx:
            await self._save(tx, progress)

    async def _save(self, tx: Any, progress: Progress) -> None:
        # Each step of progress renews the lease, so a long run (many attachments) keeps its claim.
        if not await tx.executions.update(
            self._execution.id,
            worker=self._worker,
            outputs={"progress": progress.to_json()},
            claimed_until=self._store.clock() + self._lease,
        ):
            raise LostClaim(self._execution.id)


class LostClaim(Exception):
    """Another worker claimed the execution (our lease ran out); it carries on, we stop."""


class WorkflowExecutor:
    """Runs due executions; `run_once` is one pass, `start`/`stop` the background loop."""

    def __init__(
        self,
        store: SqlStore,
        runner: Runner,
        callbacks: CallbackPort,
        *,
        worker: str | None = None,
        lease: timedelta = timedelta(minutes=10),
        batch: int = 5,
        poll_seconds: float = 2.0,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.worker = worker or f"worker-{uuid.uuid4().hex[:12]}"
        self._store = store
        self._runner = runner
        self._callbacks = callbacks
        self._lease = lease
        self._batch = batch
        self._poll = poll_seconds
        self._policy = policy or RetryPolicy()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # -- the loop -------------------------------------------------------------------------------------

    def wake(self) -> None:
        """New work was recorded: look now rather than at the next poll."""
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name=f"workflow-executor-{self.worker}")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _loop(self) -> None:
        while True:
            try:
                busy = await self.run_once()
            except Exception:  # the worker's top loop: log, wait, carry on (the database may be back)
                log.exception("workflow executor %s: pass failed", self.worker)
                busy = 0
            if busy:
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._poll)

    async def run_once(self) -> int:
        """Claim and process one batch of due executions; returns how many were claimed."""
        async with self._store.transaction() as tx:
            claimed = await tx.executions.claim_due(worker=self.worker, lease=self._lease, limit=self._batch)
        for execution in claimed:
            await self._process(execution)
        return len(claimed)

    async def drain(self, *, max_passes: int = 50) -> None:
        """Run passes until nothing is due (tests and the CLI)."""
        for _ in range(max_passes):
            if not await self.run_once():
                return

    # -- one execution --------------------------------------------------------------------------------

    async def _update(self, execution: WorkflowExecution, **values: Any) -> bool:
        async with self._store.transaction() as tx:
            return await tx.executions.update(execution.id, worker=self.worker, **values)

    async def _process(self, execution: WorkflowExecution) -> None:
        try:
            if execution.state in ("pending", "running"):
                stored = await self._attempt(execution)
                if stored is None:
                    return
                execution = execution.model_copy(update={"outputs": stored})
            await self._deliver(execution)
        except LostClaim:
            log.warning("execution %s was claimed by another worker; %s stops", execution.id, self.worker)

    async def _attempt(self, execution: WorkflowExecution) -> dict[str, Any] | None:
        """Run once; the committed outputs, or None when a retry was scheduled."""
        attempt = execution.attempts + 1
        if not await self._update(execution, state="running", attempts=attempt):
            raise LostClaim(execution.id)
        try:
            outcome = await self._runner.run(
                execution, _Checkpoint(self._store, execution, self.worker, lease=self._lease)
            )
        except LostClaim:
            raise
        # Every failure ends as a retry or an outcome; none may kill the worker.
        except Exception as exc:  # noqa: BLE001 - classified right below
            why = classify(exc)
            if why.transient and attempt < self._policy.max_attempts:
                delay = self._policy.delay(attempt)
                log.info("execution %s attempt %d failed (%s); retry in %s", execution.id, attempt,
                         why.message, delay)  # fmt: skip
                if not await self._update(
                    execution, state="pending", error=why.message, claimed_until=None,
                    next_attempt_at=self._store.clock() + delay,
                ):  # fmt: skip
                    raise LostClaim(execution.id) from None
                return None
            if why.transient:
                outcome = failure(f"{why.message} We tried {attempt} times; re-enrol the deal to try again.")
            else:
                outcome = failure(why.message)
            # A failure after NetSuite took the order (e.g. attaching files) must not hide the order:
            # the workflow goes on with its id, and the message says what is left to do.
            async with self._store.transaction() as tx:
                latest = await tx.executions.get(execution.portal_id, execution.id)
            salvaged = await self._runner.created_anyway(latest or execution, why.message)
            if salvaged is not None:
                outcome = salvaged
            log_failure = log.exception if why.message.startswith("Something went wrong") else log.info
            log_failure("execution %s failed: %s", execution.id, why.message)
        state = "done" if outcome.state == "SUCCESS" else "failed"
        stored = {**(execution.outputs or {}), **outcome.output_fields()}
        if not await self._update(execution, state=state, outputs=stored, error=outcome.message):
            raise LostClaim(execution.id)
        return stored

    async def _deliver(self, execution: WorkflowExecution) -> None:
        """Complete HubSpot's callback with the committed outcome; on failure, try again later."""
        fields = callback_fields(execution.outputs or {})
        try:
            await self._callbacks.complete_callback(execution.portal_id, execution.callback_id, fields)
        except HubSpotNotFound:
            # HubSpot stopped waiting (expired, or completed by an earlier send whose answer we lost).
            log.warning("callback %s no longer awaited by HubSpot", execution.callback_id)
        # Any failure to send is retried later; the outcome is safe in the row.
        except Exception as exc:  # noqa: BLE001 - logged and retried
            tries = _callback_tries(execution) + 1
            if tries < self._policy.max_callback_attempts:
                log.info("callback %s not sent (%s); retry #%d later", execution.callback_id,
                         classify(exc).message, tries)  # fmt: skip
                outputs = {**(execution.outputs or {}), "callback_tries": tries}
                await self._update(
                    execution, outputs=outputs, claimed_until=None,
                    next_attempt_at=self._store.clock() + self._policy.delay(tries),
                )  # fmt: skip
                return
            log.error("callback %s given up after %d tries", execution.callback_id, tries)
        await self._update(execution, callback_sent=True, claimed_until=None)


def _callback_tries(execution: WorkflowExecution) -> int:
    tries = (execution.outputs or {}).get("callback_tries", 0)
    return tries if isinstance(tries, int) else 0
