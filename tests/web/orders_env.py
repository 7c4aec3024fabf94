"""Both sandboxes behind the real app: a HubSpot portal installed in the store, a NetSuite connection to
the sandbox account, and a SignedClient that calls the app as hubspot.fetch does."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from server.app import create_app
from server.config import Settings
from server.sandbox.hubspot import seed as hs_seed
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.netsuite import seed as ns_seed
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.services import Services, Transports, build_services
from tests.support.signed import SignedClient

PORTAL_ID = hs_seed.PORTAL_ID


def portal_seed() -> hs_seed.Seed:
    """HubSpot's seeded portal plus deals whose party matches a NetSuite customer by email or by name."""
    seed = hs_seed.default_seed()
    seed.add("companies", "9101", name="Initrode", domain="www.initech.example")  # → 205 by email domain
    seed.add("companies", "9102", name="Stark Components, Inc.", domain=None)  # → 207 by name
    deals = {"8101": ("companies", "9101"), "8102": ("companies", "9102"), "8103": ("contacts", "7002")}
    for n, (deal_id, (kind, party)) in enumerate(deals.items()):
        seed.add("deals", deal_id, dealname=f"Match test {deal_id}", deal_currency_code="USD", amount="25.00")
        seed.add("line_items", str(29000 + n), name="Widget", hs_sku="WIDGET-1", quantity="1", price="25.00")
        seed.link(deal_id, "line_items", str(29000 + n))
        seed.link(deal_id, kind, party, primary=True)
    return seed


@dataclass
class Env:
    client: SignedClient
    services: Services
    netsuite: NetSuiteSandbox
    hubspot: HubSpotSandbox
    connection_id: str

    def netsuite_calls(self, path_part: str = "") -> list[str]:
        return [f"{r.method} {r.path}" for r in self.netsuite.requests if path_part in r.path]

    async def draft_for(self, deal_id: str) -> dict[str, Any]:
        response = await self.client.post(f"/api/v1/deals/{deal_id}/drafts", {})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def step(self, draft: dict[str, Any], step: str, values: dict[str, Any]) -> httpx.Response:
        return await self.client.post(
            f"/api/v1/drafts/{draft['id']}/steps/{step}", {"version": draft["version"], "values": values}
        )


async def add_sandbox_connection(
    services: Services, *, label: str = "Sandbox", account_id: str = ns_seed.ACCOUNT_ID
) -> str:
    async with services.store.transaction() as tx:
        connection = await tx.connections.add(
            PORTAL_ID,
            account_id=account_id,
            label=label,
            auth_kind="tba",
            credentials={"token_id": ns_seed.TOKEN_ID, "token_secret": ns_seed.TOKEN_SECRET},
            rest_base_url=ns_seed.REST_BASE_URL,
            restlet_url=ns_seed.RESTLET_URL,
            app_base_url=ns_seed.APP_BASE_URL,
        )
    return connection.id


@pytest.fixture
def orders_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "netsuite_consumer_key": ns_seed.CONSUMER_KEY,
            "netsuite_consumer_secret": SecretStr(ns_seed.CONSUMER_SECRET),
            "card_time_budget_seconds": 0.5,
        }
    )


@pytest.fixture
async def env(orders_settings: Settings, migrated_sqlite: Path) -> AsyncIterator[Env]:
    settings = orders_settings
    shutil.copy(migrated_sqlite, settings.database_url.split("///", 1)[1])
    netsuite = NetSuiteSandbox()
    hubspot = HubSpotSandbox(
        client_id=settings.hubspot_client_id,
        client_secret=settings.hubspot_client_secret.get_secret_value(),
        app_id=int(settings.hubspot_app_id),
        seed=portal_seed(),
    )
    services = build_services(
        settings,
        transports=Transports(
            netsuite=httpx.ASGITransport(app=netsuite.app), hubspot=httpx.ASGITransport(app=hubspot.app)
        ),
    )
    refresh, access = hubspot.grant_tokens()
    async with services.store.transaction() as tx:
        await tx.installs.save(
            PORTAL_ID, access_token=access, refresh_token=refresh,
            expires_at=datetime.now(UTC) + timedelta(minutes=30), scopes=hubspot.required_scopes,
        )  # fmt: skip
    connection_id = await add_sandbox_connection(services)
    app = create_app(settings, services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.public_base_url) as http:
        client = SignedClient(
            http,
            secret=settings.hubspot_client_secret.get_secret_value(),
            portal_id=PORTAL_ID,
            app_id=settings.hubspot_app_id,
        )
        yield Env(client, services, netsuite, hubspot, connection_id)
    await services.aclose()
