"""A request signed for portal B can never read or change portal A's data: every /api/ route that takes an
id is called, correctly signed for B, with A's ids. Routes are discovered from the app."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from starlette.routing import Route

from server.store.schema import metadata
from server.web.routes import all_routes
from tests.web.orders_env import Env, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures

OTHER_PORTAL = 424242
# Routes scoped by the deal id alone answer for B's own (empty) view of the deal: B has no install and no
# NetSuite connection, so it may get "connect NetSuite" or "install the app", never A's data.
DEAL_SCOPED = {("GET", "/api/v1/deals/{dealId}/sales-orders"), ("POST", "/api/v1/deals/{dealId}/drafts")}


def id_routes() -> list[tuple[str, str]]:
    found = []
    for route in all_routes():
        if isinstance(route, Route) and route.path.startswith("/api/") and "{" in route.path:
            found += [(method, route.path) for method in sorted((route.methods or set()) - {"HEAD"})]
    return found


async def snapshot(env: Env) -> dict[str, list[dict[str, Any]]]:
    async with env.services.store.engine.connect() as conn:
        return {
            t.name: [dict(row) for row in (await conn.execute(select(t))).mappings()]
            for t in metadata.sorted_tables
        }


async def portal_a_data(env: Env) -> dict[str, str]:
    """A's link and draft, made through the API as a rep would."""
    linked = await env.client.post(
        "/api/v1/deals/8001/sales-orders/links", {"connectionId": env.connection_id, "number": "SO1001"}
    )
    assert linked.status_code == 201, linked.text
    draft = await env.draft_for("8001")
    return {
        "dealId": "8001",
        "linkId": linked.json()["order"]["linkId"],
        "draftId": draft["id"],
        "id": env.connection_id,
        "step": "account",
        "fieldId": "customerId",
        "kind": "subsidiaries",
    }


def body_for(template: str, ids: dict[str, str]) -> dict[str, Any]:
    """A body each route would accept from A itself, so only the portal differs."""
    bodies: dict[str, dict[str, Any]] = {
        "/api/v1/deals/{dealId}/sales-orders/links": {"connectionId": ids["id"], "number": "SO1001"},
        "/api/v1/drafts/{draftId}/steps/{step}": {"version": 1, "values": {"connectionId": ids["id"]}},
        "/api/v1/drafts/{draftId}/submit": {"version": 1},
        "/api/v1/settings/connections/{id}": {"label": "stolen"},
    }
    return bodies.get(template, {})


async def test_every_id_route_refuses_another_portals_ids_and_changes_nothing(env: Env) -> None:
    ids = await portal_a_data(env)
    before = await snapshot(env)
    intruder = env.client.as_portal(OTHER_PORTAL)
    checked = 0
    for method, template in id_routes():
        path = re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], template)
        body = None if method in ("GET", "DELETE") else body_for(template, ids)
        response = await intruder.request(method, path, json_body=body)
        text = response.text
        where = f"{method} {template}: {response.status_code} {text[:300]}"
        if (method, template) in DEAL_SCOPED:
            assert response.status_code in (200, 403, 409), where
        else:
            assert response.status_code in (403, 404), where
        for secret in (ids["linkId"], ids["draftId"], ids["id"], "Sandbox", "SO1001"):
            assert secret not in text, f"{where} leaks {secret}"
        checked += 1
    assert checked >= 10
    assert await snapshot(env) == before, "portal B changed portal A's rows"
