"""Every signed route group refuses unsigned, forged, stale, replayed-body, wrong-app and wrong-version
calls with 401 and changes nothing. Routes are discovered from the app, so a new route is covered at once."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from typing import Literal

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy import func, select
from starlette.routing import Route

from server.app import create_app
from server.config import Settings
from server.services import build_services
from server.store.database import upgrade
from server.store.schema import metadata
from server.web.routes import all_routes
from tests.support.signed import SignedClient

SIGNED_PREFIXES = {"/api/": "v3", "/workflow/": "v2"}


def signed_routes() -> list[tuple[str, str, Literal["v2", "v3"]]]:
    found: list[tuple[str, str, Literal["v2", "v3"]]] = []
    for route in all_routes():
        if not isinstance(route, Route):
            continue
        for prefix, version in SIGNED_PREFIXES.items():
            if route.path.startswith(prefix):
                path = re.sub(r"{[^}]+}", "1", route.path)
                for method in sorted((route.methods or set()) - {"HEAD"}):
                    found.append((method, path, version))  # type: ignore[arg-type]
    return found


ROUTES = signed_routes()


def test_the_api_has_signed_routes_to_check() -> None:
    assert any(path.startswith("/api/") for _, path, _ in ROUTES)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[SignedClient]:
    await upgrade(settings.database_url)
    services = build_services(settings)
    app = create_app(settings, services)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url=settings.public_base_url) as http:
            yield SignedClient(
                http,
                secret=settings.hubspot_client_secret.get_secret_value(),
                portal_id=555,
                app_id=settings.hubspot_app_id,
            )
    await services.aclose()


async def row_counts(settings: Settings) -> dict[str, int]:
    services = build_services(settings)
    try:
        async with services.store.engine.connect() as conn:
            return {
                t.name: (await conn.execute(select(func.count()).select_from(t))).scalar_one()
                for t in metadata.sorted_tables
            }
    finally:
        await services.aclose()


BODY = b'{"label":"x","accountId":"1","values":{},"version":1,"callbackId":"cb","origin":{"portalId":555}}'


@pytest.mark.parametrize(("method", "path", "version"), ROUTES)
async def test_bad_signatures_are_refused_and_change_nothing(
    client: SignedClient, settings: Settings, method: str, path: str, version: Literal["v2", "v3"]
) -> None:
    before = await row_counts(settings)
    url = client.url_for(path)
    body = b"" if method in ("GET", "DELETE") else BODY
    wrong: Literal["v2", "v3"] = "v2" if version == "v3" else "v3"
    forger = SignedClient(client.http, secret="forged", portal_id=555, app_id=client.app_id)
    other_app = SignedClient(client.http, secret=client.secret, portal_id=555, app_id="999")
    stale = int((time.time() - 600) * 1000)
    attempts = {
        "unsigned": {},
        "forged": forger.signed_headers(method, url, body, version=version),
        "stale": client.signed_headers(method, url, body, version=version, timestamp_ms=stale),
        "replayed body": client.signed_headers(method, url, b'{"other":1}', version=version),
        "wrong version": client.signed_headers(method, url, body, version=wrong),
    }
    if version == "v3":  # the app id travels in the signed query of hubspot.fetch calls
        other_url = other_app.url_for(path)
        response = await client.http.request(
            method, other_url, content=body, headers=other_app.signed_headers(method, other_url, body)
        )
        assert response.status_code == 401, f"wrong app: {response.text}"
    if body == b"":
        del attempts["replayed body"]
    if version == "v2":
        # v2 signs no timestamp, so HubSpot's workflow calls cannot be stale; their replays are absorbed by
        # idempotency per callback id instead (tested with the workflow executions).
        del attempts["stale"]
    for name, headers in attempts.items():
        response = await client.http.request(method, url, content=body, headers=headers)
        assert response.status_code == 401, f"{name}: {response.status_code} {response.text}"
        assert response.json()["error"] in ("invalid_signature", "wrong_app")
    assert await row_counts(settings) == before
