"""When the key that encrypted the stored secrets is no longer configured (a botched rotation), the rep
and the admin are told what to do, and the admin can still see and remove the connection."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr

from server.app import create_app
from server.config import Settings
from server.services import Transports, build_services
from tests.support.signed import SignedClient
from tests.web.orders_env import Env, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures


@pytest.fixture
async def rekeyed(env: Env, orders_settings: Settings) -> AsyncIterator[SignedClient]:
    """The same database and vendors, served with a secret key that cannot read what was stored."""
    settings = orders_settings.model_copy(update={"secret_key": SecretStr("a-new-key-only")})
    netsuite, hubspot = httpx.ASGITransport(app=env.netsuite.app), httpx.ASGITransport(app=env.hubspot.app)
    services = build_services(settings, transports=Transports(netsuite=netsuite, hubspot=hubspot))
    transport = httpx.ASGITransport(app=create_app(settings, services))
    async with httpx.AsyncClient(transport=transport, base_url=settings.public_base_url) as http:
        yield SignedClient(
            http, secret=env.client.secret, portal_id=env.client.portal_id, app_id=env.client.app_id
        )
    await services.aclose()


async def test_settings_still_list_and_remove_a_connection_whose_secrets_cannot_be_read(
    env: Env, rekeyed: SignedClient
) -> None:
    listed = await rekeyed.get("/api/v1/settings/connections")
    assert listed.status_code == 200, listed.text
    [connection] = listed.json()["connections"]
    assert connection["id"] == env.connection_id
    tested = await rekeyed.post(f"/api/v1/settings/connections/{env.connection_id}/test")
    assert (tested.status_code, tested.json()["error"]) == (502, "netsuite_auth"), tested.text
    assert "Reconnect NetSuite in the app settings" in tested.json()["message"]
    removed = await rekeyed.delete(f"/api/v1/settings/connections/{env.connection_id}")
    assert removed.status_code == 204, removed.text


async def test_the_flow_says_to_reconnect_rather_than_fail(rekeyed: SignedClient) -> None:
    draft = await rekeyed.post("/api/v1/deals/8001/drafts", {})
    assert (draft.status_code, draft.json()["error"]) == (502, "netsuite_auth"), draft.text
    assert "Reconnect NetSuite in the app settings" in draft.json()["message"]
