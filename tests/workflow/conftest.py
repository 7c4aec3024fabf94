"""A workflow world: the store (SQLite and PostgreSQL) on a clock we move, a connected NetSuite account,
fakes of the domain's ports, and executors wired to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server.orders.context import Deps
from server.store.records import NetSuiteConnection, WorkflowExecution
from server.store.repositories import SqlStore
from server.workflow.definition import validate_inputs
from server.workflow.executor import RetryPolicy, WorkflowExecutor
from server.workflow.request import ExecutionRequest, order_external_id
from server.workflow.runner import OrderRunner
from tests.support.fakes import FakeAccounts, FakeCallbacks, FakeHubSpot, FakeNetSuite
from tests.workflow.data import make_accounts, make_hubspot, make_netsuite

PORTAL = 555
OTHER_PORTAL = 777


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class World:
    store: SqlStore
    clock: Clock
    connection: NetSuiteConnection
    accounts: FakeAccounts = field(default_factory=make_accounts)
    hubspot: FakeHubSpot = field(default_factory=make_hubspot)
    callbacks: FakeCallbacks = field(default_factory=FakeCallbacks)

    @property
    def netsuite(self) -> FakeNetSuite:
        return self.accounts.accounts.setdefault(self.connection.id, make_netsuite())

    def executor(
        self,
        *,
        accounts: Any = None,
        store: SqlStore | None = None,
        max_attachment_bytes: int = 1000,
        **kw: Any,
    ) -> WorkflowExecutor:
        kw.setdefault("policy", RetryPolicy(max_attempts=3))
        deps = Deps(
            store=store or self.store, netsuite=accounts or self.accounts, hubspot=self.hubspot,
            clock=self.clock, max_attachment_bytes=max_attachment_bytes,
        )  # fmt: skip
        return WorkflowExecutor(store or self.store, OrderRunner(deps), self.callbacks, **kw)

    def inputs(self, **overrides: Any) -> dict[str, Any]:
        raw = {"netsuite_account": self.connection.id, "price_source": "hubspot",
               "customer_source": "company", **overrides}  # fmt: skip
        return validate_inputs(raw).to_json()

    async def record(
        self, callback_id: str = "cb-1", deal_id: str = "5001", **inputs: Any
    ) -> WorkflowExecution:
        checked = self.inputs(**inputs)
        # The external id the HTTP API records for such a request.
        call = ExecutionRequest(callback_id, PORTAL, deal_id, checked)
        external_id = order_external_id(call, one_per_deal=validate_inputs(checked).skip_if_linked)
        async with self.store.transaction() as tx:
            execution, _ = await tx.executions.record(
                PORTAL, callback_id=callback_id, deal_id=deal_id, inputs=checked, external_id=external_id
            )
        return execution

    async def execution(self, execution_id: str) -> WorkflowExecution:
        async with self.store.transaction() as tx:
            found = await tx.executions.get(PORTAL, execution_id)
        assert found is not None
        return found


async def add_connection(
    store: SqlStore, portal_id: int = PORTAL, account_id: str = "1234567"
) -> NetSuiteConnection:
    async with store.transaction() as tx:
        return await tx.connections.add(
            portal_id, account_id=account_id, label=f"Production {account_id}", auth_kind="tba",
            credentials={"token_id": "t", "token_secret": "s"},
            rest_base_url=f"https://{account_id}.suitetalk.api.netsuite.com",
            app_base_url=f"https://{account_id}.app.netsuite.com",
        )  # fmt: skip


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def world(store: SqlStore, clock: Clock) -> World:
    timed = SqlStore(store.engine, store.secrets, clock=clock)
    return World(store=timed, clock=clock, connection=await add_connection(timed))
