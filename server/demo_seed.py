"""Seeding the demo, idempotently, through the product's own paths.

- The HubSpot install comes from the real OAuth flow against the HubSpot sandbox (authorize → code →
  HubSpotTokens.exchange_code) when the portal has none yet.
- The NetSuite connection is added through the settings API, signed like HubSpot, so its connection test runs.
- Two existing NetSuite orders are linked to the first deal through the card API, so its card is not empty.
Running it again changes nothing that is already there.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from starlette.applications import Starlette

from server.config import Settings
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.netsuite import seed as netsuite_seed
from server.services import Services
from server.web.preview_proxy import PreviewUser, parse_proxy_request, signed_request

log = logging.getLogger(__name__)

RESTLET_PATH = "/app/site/hosting/restlet.nl"
CONNECTION_LABEL = "Sandbox"
# deal → NetSuite order numbers (tranid) linked at start-up; customer 201 is the deal's company, Acme Corp.
SEEDED_LINKS = {"8001": ["SO1001", "SO1002"]}


class DemoSeedError(Exception):
    """The demo could not set itself up; the message says which step failed."""


class SignedCaller:
    """Calls the app's own API in-process, signed v3 exactly as HubSpot signs hubspot.fetch."""

    def __init__(self, app: Starlette, settings: Settings, user: PreviewUser) -> None:
        self._app, self._settings, self._user = app, settings, user

    async def call(self, method: str, path: str, body: object = None) -> tuple[int, Any]:
        text = None if body is None else json.dumps(body, separators=(",", ":"))
        proxied = parse_proxy_request(
            {"url": self._settings.public_base_url + path, "method": method, "body": text}
        )
        request = signed_request(
            proxied,
            public_base_url=self._settings.public_base_url,
            app_id=self._settings.hubspot_app_id,
            client_secret=self._settings.hubspot_client_secret.get_secret_value(),
            user=self._user,
        )
        transport = httpx.ASGITransport(app=self._app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport) as http:
            response = await http.send(request)
        try:
            data = response.json() if response.content else None
        except ValueError:
            data = {"text": response.text}
        return response.status_code, data


async def ensure_install(services: Services, hubspot: HubSpotSandbox) -> str:
    """The portal's HubSpot install: resumed when stored, else obtained through the OAuth flow."""
    async with services.store.transaction() as tx:
        install = await tx.installs.get(hubspot.portal_id)
    if install is not None and install.uninstalled_at is None:
        # The sandbox portal lives in memory: it learns again the grant it made in an earlier run.
        hubspot.refresh_tokens[install.refresh_token] = list(install.scopes)
        return "resumed"
    tokens = services.hubspot_tokens
    state, nonce = tokens.new_state()
    async with httpx.AsyncClient(timeout=10.0) as http:
        consent = await http.get(tokens.authorize_url(state))
    if consent.status_code != 302:
        raise DemoSeedError(
            f"the HubSpot sandbox refused the install ({consent.status_code}): {consent.text}"
        )
    query = parse_qs(urlsplit(consent.headers["location"]).query)
    tokens.check_state(query.get("state", [""])[0], nonce)
    await tokens.exchange_code(query.get("code", [""])[0])
    return "installed"


async def ensure_connection(caller: SignedCaller, netsuite_url: str) -> str:
    """The sandbox account's connection id, adding it through the settings API when it is missing."""
    status, data = await caller.call("GET", "/api/v1/settings/connections")
    if status != 200:
        raise DemoSeedError(f"listing NetSuite connections failed ({status}): {data}")
    deployment = f"script={netsuite_seed.RESTLET_SCRIPT}&deploy={netsuite_seed.RESTLET_DEPLOY}"
    restlet_url = f"{netsuite_url}{RESTLET_PATH}?{deployment}"
    for connection in data["connections"]:
        if connection["accountId"] != netsuite_seed.ACCOUNT_ID:
            continue
        if connection["restBaseUrl"] == netsuite_url:
            return str(connection["id"])
        # Started on other ports than last time: the stored URLs point nowhere; connect again.
        log.info("NetSuite sandbox moved to %s; reconnecting", netsuite_url)
        await caller.call("DELETE", f"/api/v1/settings/connections/{connection['id']}")
    status, data = await caller.call(
        "POST",
        "/api/v1/settings/connections",
        {
            "label": CONNECTION_LABEL,
            "accountId": netsuite_seed.ACCOUNT_ID,
            "authKind": "tba",
            "tokenId": netsuite_seed.TOKEN_ID,
            "tokenSecret": netsuite_seed.TOKEN_SECRET,
            "restBaseUrl": netsuite_url,
            "restletUrl": restlet_url,
        },
    )
    if status != 201:
        raise DemoSeedError(f"connecting the NetSuite sandbox failed ({status}): {data}")
    log.info("NetSuite: %s", data["test"]["message"])
    return str(data["connection"]["id"])


async def ensure_links(caller: SignedCaller, connection_id: str) -> int:
    """Link the seeded orders to their deals; an order already linked answers 409 and is left alone."""
    linked = 0
    for deal_id, numbers in SEEDED_LINKS.items():
        for number in numbers:
            status, data = await caller.call(
                "POST",
                f"/api/v1/deals/{deal_id}/sales-orders/links",
                {"connectionId": connection_id, "number": number},
            )
            if status == 404 and "error" not in (data or {}):
                log.warning("the card API is not available; no orders linked to deal %s", deal_id)
                return linked
            if status == 201:
                linked += 1
            elif status != 409:
                raise DemoSeedError(f"linking {number} to deal {deal_id} failed ({status}): {data}")
    return linked


async def seed_demo(
    app: Starlette, settings: Settings, *, hubspot: HubSpotSandbox, netsuite_url: str
) -> None:
    services: Services = app.state.services
    user: PreviewUser = app.state.preview_user
    install = await ensure_install(services, hubspot)
    caller = SignedCaller(app, settings, user)
    connection_id = await ensure_connection(caller, netsuite_url)
    linked = await ensure_links(caller, connection_id)
    log.info(
        "demo seeded: HubSpot install %s, NetSuite connection %s, %d new links",
        install,
        connection_id,
        linked,
    )
