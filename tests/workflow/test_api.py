"""The action's HTTP endpoints as HubSpot calls them (v2-signed): execute and the fields' options."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from server.app import create_app
from server.config import Settings
from server.orders.context import Deps
from server.services import Services, build_services
from server.store import schema
from server.store.records import NetSuiteConnection
from server.workflow.definition import EXECUTE_PATH
from server.workflow.executor import WorkflowExecutor
from server.workflow.runner import OrderRunner
from server.workflow.worker import running_worker
from tests.support.fakes import FakeCallbacks
from tests.support.signed import SignedClient
from tests.workflow.conftest import OTHER_PORTAL, PORTAL, add_connection
from tests.workflow.data import make_accounts, make_hubspot


@dataclass
class Api:
    client: SignedClient
    services: Services
    connection: NetSuiteConnection

    def body(self, callback_id: str = "ap-555-1-1-0", **inputs: Any) -> dict[str, Any]:
        fields = {"netsuite_account": self.connection.id, "price_source": "hubspot",
                  "customer_source": "company", **inputs}  # fmt: skip
        return {
            "callbackId": callback_id,
            "origin": {"portalId": PORTAL, "actionDefinitionId": 11, "actionDefinitionVersion": 1},
            "context": {"source": "WORKFLOWS", "workflowId": 99},
            "object": {"objectId": 5001, "objectType": "DEAL"},
            "inputFields": fields,
        }

    async def execute(self, body: Any, **kw: Any) -> httpx.Response:
        return await self.client.post(EXECUTE_PATH, body, version="v2", add_query=False, **kw)

    async def executions(self) -> list[dict[str, Any]]:
        async with self.services.store.transaction() as tx:
            rows = await tx.connection.execute(select(schema.workflow_executions))
            return [dict(r) for r in rows.mappings()]


@pytest.fixture
async def api(settings: Settings, migrated_sqlite: Path, tmp_path: Path) -> AsyncIterator[Api]:
    shutil.copy(migrated_sqlite, tmp_path / "api.db")
    settings = settings.model_copy(update={"database_url": f"sqlite+aiosqlite:///{tmp_path}/api.db"})
    services = build_services(settings)
    connection = await add_connection(services.store)
    # No lifespan here, so no background worker: tests run the executor themselves, against fakes.
    app = create_app(settings, services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=settings.public_base_url
    ) as http:
        client = SignedClient(http, secret=settings.hubspot_client_secret.get_secret_value(),
                              portal_id=PORTAL, app_id=settings.hubspot_app_id)  # fmt: skip
        yield Api(client, services, connection)
    await services.aclose()


async def test_execute_records_the_execution_and_blocks(api: Api) -> None:
    response = await api.execute(api.body())
    assert response.status_code == 200
    assert response.json() == {
        "outputFields": {"hs_execution_state": "BLOCK", "hs_expiration_duration": "P1D"}
    }
    (row,) = await api.executions()
    assert (row["portal_id"], row["callback_id"], row["deal_id"], row["state"]) == (
        PORTAL, "ap-555-1-1-0", "5001", "pending",
    )  # fmt: skip
    assert row["inputs"]["netsuite_account"] == api.connection.id
    assert row["inputs"]["skip_if_linked"] is True
    # Skipping deals that have an order: the deal's one order, whichever enrolment creates it.
    assert row["external_id"] == f"hs-{PORTAL}-deal-5001"


async def test_without_skipping_linked_deals_each_enrolment_has_its_own_external_id(api: Api) -> None:
    for callback_id in ("ap-555-1-1-0", "ap-555-1-2-0"):
        await api.execute(api.body(callback_id, skip_if_linked="false"))
    ids = [row["external_id"] for row in await api.executions()]
    assert len(set(ids)) == 2
    assert all(i.startswith(f"hs-{PORTAL}-wf-") for i in ids)


async def test_hubspot_retrying_the_same_request_three_times_creates_one_order(api: Api) -> None:
    for _ in range(3):
        assert (await api.execute(api.body())).json()["outputFields"]["hs_execution_state"] == "BLOCK"
    assert len(await api.executions()) == 1
    accounts, hubspot, callbacks = make_accounts(), make_hubspot(), FakeCallbacks()
    deps = Deps(store=api.services.store, netsuite=accounts, hubspot=hubspot, clock=api.services.clock)
    await WorkflowExecutor(api.services.store, OrderRunner(deps), callbacks).drain()
    (netsuite,) = accounts.accounts.values()
    assert len(netsuite.orders) == 1
    assert [c[1] for c in callbacks.completed] == ["ap-555-1-1-0"]
    # A fourth try after the end gets the outcome itself: nothing is waiting for a callback any more.
    late = (await api.execute(api.body())).json()["outputFields"]
    assert late["hs_execution_state"] == "SUCCESS"
    assert late["sales_order_id"] == next(iter(netsuite.orders.values())).id


async def test_unsigned_v3_signed_and_forged_calls_are_refused(api: Api) -> None:
    body = api.body()
    url = f"{str(api.client.http.base_url).rstrip('/')}{EXECUTE_PATH}"
    assert (await api.client.http.post(url, json=body)).status_code == 401
    v3 = await api.client.post(EXECUTE_PATH, body, version="v3", add_query=False)
    assert v3.status_code == 401
    forger = SignedClient(api.client.http, secret="not-the-secret", portal_id=PORTAL, app_id="424242")
    forged = await forger.post(EXECUTE_PATH, body, version="v2", add_query=False)
    assert (forged.status_code, forged.json()["error"]) == (401, "invalid_signature")
    assert await api.executions() == []


DEAL = {"objectId": 1, "objectType": "DEAL"}


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        # Without a JSON body the guard finds no signed portal (origin.portalId) at all.
        ("not json", 401, None),
        ([1, 2], 401, None),
        ({"origin": {"portalId": PORTAL}}, 422, "callbackId"),
        ({"callbackId": "x", "origin": {"portalId": PORTAL}, "object": {**DEAL, "objectType": "CONTACT"}},
         422, "object.objectType"),
        ({"callbackId": "x", "origin": {"portalId": PORTAL}, "object": {**DEAL, "objectId": "abc"}},
         422, "object.objectId"),
        ({"callbackId": "bad id!", "origin": {"portalId": PORTAL}, "object": DEAL}, 422, "callbackId"),
        ({"callbackId": "x", "origin": {"portalId": PORTAL}, "object": DEAL, "inputFields": [1]},
         422, "inputFields"),
    ],
)  # fmt: skip
async def test_garbage_is_refused_with_a_message(api: Api, body: Any, status: int, field: str | None) -> None:
    if body == "not json":
        url = f"{str(api.client.http.base_url).rstrip('/')}{EXECUTE_PATH}"
        raw = b"{not json"
        response = await api.client.http.post(
            url, content=raw, headers=api.client.signed_headers("POST", url, raw, version="v2")
        )
    else:
        response = await api.execute(body)
    assert response.status_code == status, response.text
    assert response.json()["message"]
    if field:
        assert field in response.json()["fields"]
    assert await api.executions() == []


async def test_invalid_settings_fail_at_once_with_what_to_fix(api: Api) -> None:
    body = api.body(price_source="cheapest")
    fields = (await api.execute(body)).json()["outputFields"]
    assert fields["hs_execution_state"] == "FAIL_CONTINUE"
    assert "Item prices must be one of" in fields["error_message"]
    assert await api.executions() == []


async def test_another_portals_connection_fails_clearly_and_creates_nothing(api: Api) -> None:
    theirs = await add_connection(api.services.store, OTHER_PORTAL, account_id="7654321")
    fields = (await api.execute(api.body(netsuite_account=theirs.id))).json()["outputFields"]
    assert fields["hs_execution_state"] == "FAIL_CONTINUE"
    assert "not connected to this HubSpot account" in fields["error_message"]
    assert await api.executions() == []


async def test_signed_portal_must_match_the_body(api: Api) -> None:
    other = api.client.as_portal(OTHER_PORTAL)
    # The signature covers the body: a body naming another portal gets that portal's identity, and
    # that portal has no such connection, so nothing is recorded either way.
    response = await other.post(EXECUTE_PATH, {**api.body(), "origin": {"portalId": OTHER_PORTAL}},
                                version="v2", add_query=False)  # fmt: skip
    assert response.json()["outputFields"]["hs_execution_state"] == "FAIL_CONTINUE"
    assert await api.executions() == []


async def test_background_worker_resumes_pending_work_and_is_woken_by_new_executions(api: Api) -> None:
    await api.execute(api.body(callback_id="before-start"))
    accounts, hubspot, callbacks = make_accounts(), make_hubspot(), FakeCallbacks()
    hubspot.with_deal("5002")
    deps = Deps(store=api.services.store, netsuite=accounts, hubspot=hubspot, clock=api.services.clock)
    app = api.client.http._transport.app  # type: ignore[attr-defined]  # the app under test
    # A long poll: only the wake-up can make the second execution finish within the wait below.
    async with running_worker(app, api.services.store, deps, callbacks, poll_seconds=60):
        async with asyncio.timeout(5):
            await callbacks.wait_until(1)
        body = api.body(callback_id="after-start")
        body["object"]["objectId"] = 5002
        await api.execute(body)
        async with asyncio.timeout(5):
            await callbacks.wait_until(2)
    assert [(c[1], c[2]["hs_execution_state"]) for c in callbacks.completed] == [
        ("before-start", "SUCCESS"), ("after-start", "SUCCESS"),
    ]  # fmt: skip
    assert getattr(app.state, "wake_workflow", None) is None
