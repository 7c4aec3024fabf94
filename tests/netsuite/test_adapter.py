"""The orders domain's NetSuite port over the sandbox account."""

from __future__ import annotations

import asyncio

from server.orders.models import NewCustomer
from tests.web.orders_env import PORTAL_ID, Env, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures


async def test_two_flows_creating_the_same_customer_at_once_get_one_customer(env: Env) -> None:
    # Two workflow executions (or a card and a workflow) for deals of the same new HubSpot company: both
    # look the customer up before either has created it.
    async with env.services.store.transaction() as tx:
        connection = await tx.connections.get(PORTAL_ID, env.connection_id)
    assert connection is not None
    account = env.services.orders.deps.netsuite.account(connection)
    new = NewCustomer(
        external_id="hubspot-company-424242", subsidiary_id="1", is_person=False, company_name="Racing Ltd",
        first_name=None, last_name=None, email="buyer@racing.example", phone=None,
    )  # fmt: skip
    env.netsuite.latency = 0.05
    first, second = await asyncio.gather(account.create_customer(new), account.create_customer(new))
    assert first == second
    created = [r for r in env.netsuite.requests if r.method == "POST" and r.path.endswith("/customer")]
    assert len(created) == 2  # both tried: NetSuite refused the second external id, and we found the first
    assert [c.id for c in await account.customers_by_external_ids([new.external_id])] == [first]
