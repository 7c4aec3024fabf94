"""The card's order list through HTTP against the NetSuite and HubSpot sandboxes."""

from __future__ import annotations

import pytest

from server.sandbox.netsuite import seed as ns_seed
from tests.web.orders_env import PORTAL_ID, Env, add_sandbox_connection, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures


ORDER_IDS = """SELECT id FROM "transaction" WHERE type = 'SalesOrd' ORDER BY id"""
NEW_ORDER = """INSERT INTO "transaction" (id, tranid, trandate, type, status, entity, subsidiary, currency,
  foreigntotal, customform) VALUES (?, ?, '2026-03-01', 'SalesOrd', 'B', 201, 1, 1, 12.5, 68)"""


async def link_seeded_orders(e: Env, count: int, deal_id: str = "8001") -> None:
    """Link `count` sandbox orders (the seeded ones, plus more written into the sandbox's own database)."""
    existing = [str(r[0]) for r in e.netsuite.db.execute(ORDER_IDS)]
    for n in range(len(existing), count):
        e.netsuite.db.execute(NEW_ORDER, (700 + n, f"SO{700 + n}"))
        existing.append(str(700 + n))
    async with e.services.store.transaction() as tx:
        for netsuite_id in existing[:count]:
            await tx.links.link(
                PORTAL_ID,
                deal_id=deal_id,
                connection_id=e.connection_id,
                netsuite_id=netsuite_id,
                created_via="linked",
                tran_id="old",
                status_code="A",
                total="0.00",
            )


def suiteql_requests(e: Env) -> int:
    return len([r for r in e.netsuite.requests if r.path.endswith("/suiteql")])


@pytest.mark.parametrize("count", [1, 50])
async def test_card_load_makes_one_netsuite_request_for_all_linked_orders(env: Env, count: int) -> None:
    await link_seeded_orders(env, count)
    env.netsuite.requests.clear()
    response = await env.client.get("/api/v1/deals/8001/sales-orders")
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(env.netsuite.requests) == 1
    assert suiteql_requests(env) == 1
    assert len(body["orders"]) == count
    assert body["connected"] is True
    assert body["stale"] is None
    assert body["connections"] == [
        {
            "id": env.connection_id,
            "label": "Sandbox",
            "accountId": ns_seed.ACCOUNT_ID,
            "state": "ok",
            "message": None,
        }
    ]
    first = next(o for o in body["orders"] if o["netsuiteId"] == "501")
    assert first["number"] == "SO1001"
    assert first["status"] == {"code": "A", "label": "Pending Approval", "tone": "warning"}
    assert first["url"] == f"{ns_seed.APP_BASE_URL}/app/accounting/transactions/salesord.nl?id=501"
    assert first["customer"] == "Acme Corp"
    assert first["refreshedAt"] is not None


async def test_the_stored_values_are_refreshed_by_a_load(env: Env) -> None:
    await link_seeded_orders(env, 2)
    env.netsuite.set_order_status("502", "G")
    await env.client.get("/api/v1/deals/8001/sales-orders", params={"refresh": "1"})
    async with env.services.store.transaction() as tx:
        links = await tx.links.for_deal(PORTAL_ID, "8001")
    assert {link.netsuite_id: link.status_code for link in links} == {"501": "A", "502": "G"}


async def test_slow_netsuite_gets_stale_values_within_budget_and_the_store_catches_up(env: Env) -> None:
    await link_seeded_orders(env, 2)
    env.netsuite.latency = 1.0
    response = await env.client.get("/api/v1/deals/8001/sales-orders")
    body = response.json()
    assert body["connections"][0]["state"] == "stale"
    assert body["stale"]["reason"] == "NetSuite did not answer within 0.5 s"
    assert body["connections"][0]["message"].startswith(
        "NetSuite did not answer within 0.5 s; showing values from"
    )
    assert {o["number"] for o in body["orders"]} == {"old"}
    await env.services.orders.wait_idle()
    async with env.services.store.transaction() as tx:
        links = await tx.links.for_deal(PORTAL_ID, "8001")
    assert {link.tran_id for link in links} == {"SO1001", "SO1002"}


async def test_netsuite_down_answers_with_stored_values(env: Env) -> None:
    await link_seeded_orders(env, 1)
    env.netsuite.down = True
    body = (await env.client.get("/api/v1/deals/8001/sales-orders")).json()
    assert body["connections"][0]["state"] == "stale"
    # NetSuite's outage answer is retried by the governor until the budget runs out, or reported as down.
    assert body["stale"]["reason"] in ("NetSuite is not answering", "NetSuite did not answer within 0.5 s")
    assert body["orders"][0]["number"] == "old"


async def test_refused_credentials_mean_needs_reconnect(env: Env) -> None:
    await link_seeded_orders(env, 1)
    async with env.services.store.transaction() as tx:
        await tx.connections.update(
            PORTAL_ID, env.connection_id, credentials={"token_id": "x", "token_secret": "y"}
        )
    body = (await env.client.get("/api/v1/deals/8001/sales-orders")).json()
    assert body["connections"][0]["state"] == "needs_reconnect"
    assert body["connections"][0]["message"] == "Reconnect NetSuite in the app settings."


async def test_two_accounts_are_read_with_one_request_each(env: Env) -> None:
    await link_seeded_orders(env, 3)
    async with env.services.store.transaction() as tx:
        second = await tx.connections.add(
            PORTAL_ID, account_id="1234567", label="Second", auth_kind="tba",
            credentials={"token_id": ns_seed.TOKEN_ID, "token_secret": ns_seed.TOKEN_SECRET},
            rest_base_url=ns_seed.REST_BASE_URL, app_base_url=ns_seed.APP_BASE_URL,
        )  # fmt: skip
        await tx.links.link(
            PORTAL_ID, deal_id="8001", connection_id=second.id, netsuite_id="510", created_via="linked"
        )
    env.netsuite.requests.clear()
    body = (await env.client.get("/api/v1/deals/8001/sales-orders")).json()
    assert suiteql_requests(env) == 2
    assert len(body["orders"]) == 4


async def test_a_portal_without_netsuite_sees_the_connect_state(env: Env) -> None:
    other = env.client.as_portal(PORTAL_ID + 1)
    body = (await other.get("/api/v1/deals/8001/sales-orders")).json()
    assert body == {"dealId": "8001", "connected": False, "connections": [], "orders": [], "stale": None}


async def test_link_by_number_then_duplicate_then_unknown_then_unlink(env: Env) -> None:
    path = "/api/v1/deals/8001/sales-orders/links"
    created = await env.client.post(path, {"connectionId": env.connection_id, "number": "SO1005"})
    assert created.status_code == 201, created.text
    order = created.json()["order"]
    assert (order["number"], order["netsuiteId"], order["createdVia"]) == ("SO1005", "505", "linked")
    assert order["status"]["label"] == "Pending Billing/Partially Fulfilled"
    again = await env.client.post(path, {"connectionId": env.connection_id, "number": "so1005"})
    assert (again.status_code, again.json()["error"]) == (409, "already_linked")
    unknown = await env.client.post(path, {"connectionId": env.connection_id, "number": "SO4242"})
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "No sales order SO4242 in Sandbox."
    other_portal = await env.client.as_portal(PORTAL_ID + 1).delete(f"{path}/{order['linkId']}")
    assert other_portal.status_code == 404
    gone = await env.client.delete(f"{path}/{order['linkId']}")
    assert gone.status_code == 204
    assert (await env.client.get("/api/v1/deals/8001/sales-orders")).json()["orders"] == []


async def test_link_bodies_are_checked(env: Env) -> None:
    path = "/api/v1/deals/8001/sales-orders/links"
    url = env.client.url_for(path)
    raw = b"{not json"
    bad_json = await env.client.http.post(
        url, content=raw, headers=env.client.signed_headers("POST", url, raw)
    )
    assert (bad_json.status_code, bad_json.json()["error"]) == (400, "invalid_json")
    missing = await env.client.post(path, {"connectionId": env.connection_id})
    assert missing.status_code == 422
    assert "number" in missing.json()["fields"]
    bad_deal = await env.client.get("/api/v1/deals/not-a-deal/sales-orders")
    assert bad_deal.status_code == 404


async def test_a_new_connection_with_no_links_needs_no_netsuite_request(env: Env) -> None:
    await add_sandbox_connection(env.services, label="Unused", account_id="7654321")
    env.netsuite.requests.clear()
    body = (await env.client.get("/api/v1/deals/8006/sales-orders")).json()
    assert body["orders"] == []
    assert env.netsuite.requests == []
