"""The preview: only in the demo; its proxy signs like HubSpot (the real guard accepts it, a tampered copy
fails); its sandbox panel turns the NetSuite sandbox's knobs; its page shows the HubSpot sandbox's deal."""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from server.app import create_app
from server.config import Settings
from server.hubspot import signatures
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.hubspot.seed import PORTAL_ID
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.services import Transports, build_services
from server.web.auth import identity_of, signed
from server.web.preview import PreviewSetup, install_preview
from server.web.preview_proxy import PreviewUser, parse_proxy_request, signed_request

USER = PreviewUser(portal_id=PORTAL_ID, user_id="5550001", user_email="admin@sandbox-90210.example")
CARD_ORIGIN = "https://salesorders.invalid"


@signed("v3")
async def echo(request: Request) -> JSONResponse:
    identity = identity_of(request)
    return JSONResponse(
        {
            "portal": identity.portal_id,
            "user": identity.user_id,
            "email": identity.user_email,
            "query": dict(request.query_params),
            "body": (await request.body()).decode(),
        },
        status_code=201 if request.method == "POST" else 200,
    )


@pytest.fixture
def demo_settings(settings: Settings, migrated_sqlite: Path, tmp_path: Path) -> Settings:
    path = tmp_path / "preview.db"
    shutil.copy(migrated_sqlite, path)
    return settings.model_copy(update={"demo": True, "database_url": f"sqlite+aiosqlite:///{path}"})


@pytest.fixture
def netsuite() -> NetSuiteSandbox:
    return NetSuiteSandbox()


@pytest.fixture
def hubspot() -> HubSpotSandbox:
    return HubSpotSandbox()


@pytest.fixture
async def app(
    demo_settings: Settings, netsuite: NetSuiteSandbox, hubspot: HubSpotSandbox
) -> AsyncIterator[Starlette]:
    transports = Transports(hubspot=httpx.ASGITransport(app=hubspot.app))
    services = build_services(demo_settings, transports=transports)
    app = create_app(demo_settings, services=services)
    app.router.routes.append(Route("/api/v1/echo", echo, methods=["GET", "POST"]))
    install_preview(app, PreviewSetup(user=USER, deal_ids=["8001", "8002"], netsuite=netsuite))
    yield app
    await services.aclose()


@pytest.fixture
async def http(app: Starlette, demo_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=demo_settings.public_base_url) as client:
        yield client


async def proxy(http: httpx.AsyncClient, **request: Any) -> httpx.Response:
    return await http.post("/preview/fetch", json={"method": "GET", "body": None, "headers": {}, **request})


async def test_preview_is_absent_when_not_in_demo(settings: Settings) -> None:
    assert settings.demo is False
    services = build_services(settings)
    app = create_app(settings, services=services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for method, path in [
            ("GET", "/"),
            ("GET", "/settings"),
            ("POST", "/preview/fetch"),
            ("GET", "/preview/sandbox/netsuite"),
            ("GET", "/preview/assets/record-page.css"),
        ]:
            response = await client.request(method, path, json={} if method == "POST" else None)
            assert response.status_code == 404, path
    await services.aclose()


async def test_proxied_call_passes_the_real_signature_guard_with_the_preview_identity(
    http: httpx.AsyncClient,
) -> None:
    # The page may send identity parameters of its own: HubSpot's (here the demo's) win.
    url = f"{CARD_ORIGIN}/api/v1/echo?q=a%20b&portalId=1&userEmail=intruder%40example.com"
    response = await proxy(http, url=url)
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == 200
    assert answer["headers"]["content-type"] == "application/json"
    upstream = json.loads(answer["body"])
    assert upstream["portal"] == PORTAL_ID
    assert upstream["email"] == USER.user_email
    assert upstream["query"]["q"] == "a b"
    assert upstream["query"]["appId"] == "424242"


async def test_proxy_sends_and_signs_the_exact_body(http: httpx.AsyncClient) -> None:
    body = json.dumps({"label": "Produção", "n": 1}, separators=(",", ":"), ensure_ascii=False)
    response = await proxy(http, url=f"{CARD_ORIGIN}/api/v1/echo", method="POST", body=body)
    answer = response.json()
    assert answer["status"] == 201
    assert json.loads(answer["body"])["body"] == body


async def test_real_settings_api_answers_through_the_proxy(http: httpx.AsyncClient) -> None:
    response = await proxy(http, url=f"{CARD_ORIGIN}/api/v1/settings/connections")
    answer = response.json()
    assert answer["status"] == 200, answer
    assert json.loads(answer["body"]) == {"connections": []}


@pytest.mark.parametrize(
    "tamper",
    ["signature", "query", "body", "timestamp"],
)
async def test_tampered_copy_of_a_proxy_signature_is_refused(
    http: httpx.AsyncClient, demo_settings: Settings, tamper: str
) -> None:
    proxied = parse_proxy_request(
        {"url": f"{CARD_ORIGIN}/api/v1/echo", "method": "POST", "body": '{"a":1}', "headers": {}}
    )
    secret = demo_settings.hubspot_client_secret.get_secret_value()
    good = signed_request(
        proxied, public_base_url=demo_settings.public_base_url, app_id=demo_settings.hubspot_app_id,
        client_secret=secret, user=USER,
    )  # fmt: skip
    assert (await http.send(good)).status_code == 201  # the untampered request is accepted
    again = signed_request(
        proxied, public_base_url=demo_settings.public_base_url, app_id=demo_settings.hubspot_app_id,
        client_secret=secret, user=USER,
    )  # fmt: skip
    headers = dict(again.headers)
    url, content = again.url, b'{"a":1}'
    if tamper == "signature":
        sig = headers["x-hubspot-signature-v3"]
        headers["x-hubspot-signature-v3"] = ("A" if sig[0] != "A" else "B") + sig[1:]
    elif tamper == "query":
        url = url.copy_set_param("portalId", "1")
    elif tamper == "body":
        content = b'{"a":2}'
    else:
        headers["x-hubspot-request-timestamp"] = str(int(headers["x-hubspot-request-timestamp"]) + 1)
    headers.pop("content-length", None)
    response = await http.post(str(url), content=content, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_signature"


async def test_signature_is_over_the_public_url(demo_settings: Settings) -> None:
    proxied = parse_proxy_request({"url": f"{CARD_ORIGIN}/api/v1/deals/8001/sales-orders?refresh=1"})
    secret = demo_settings.hubspot_client_secret.get_secret_value()
    request = signed_request(
        proxied, public_base_url=demo_settings.public_base_url, app_id="424242",
        client_secret=secret, user=USER, timestamp_ms=1_700_000_000_000,
    )  # fmt: skip
    public = (
        "https://salesorders.test/api/v1/deals/8001/sales-orders?refresh=1&appId=424242&portalId=90210"
        "&userId=5550001&userEmail=admin%40sandbox-90210.example"
    )
    assert str(request.url) == public
    expected = signatures.sign_v3(secret, "GET", public, b"", 1_700_000_000_000)
    assert request.headers["x-hubspot-signature-v3"] == expected


@pytest.mark.parametrize(
    ("request_json", "why"),
    [
        ({"url": f"{CARD_ORIGIN}/healthz"}, "not an API path"),
        ({"url": f"{CARD_ORIGIN}/api/v1/../preview/fetch"}, "dot segments"),
        ({"url": f"{CARD_ORIGIN}/api/v1/%2e%2e/healthz"}, "encoded dot segments"),
        ({"url": "/api/v1/echo"}, "relative URL"),
        ({"url": "ftp://x/api/v1/echo"}, "not http"),
        ({"url": f"{CARD_ORIGIN}/api/v1/echo", "method": "TRACE"}, "method"),
        ({"url": f"{CARD_ORIGIN}/api/v1/echo", "headers": {"X-Other": "1"}}, "extra header"),
        ({"url": f"{CARD_ORIGIN}/api/v1/echo", "method": "POST", "body": {"a": 1}}, "body not text"),
    ],
)
async def test_proxy_refuses_what_hubspot_fetch_cannot_send(
    http: httpx.AsyncClient, request_json: dict[str, Any], why: str
) -> None:
    response = await http.post("/preview/fetch", json=request_json)
    assert response.status_code == 400, why


async def test_proxy_takes_only_json(http: httpx.AsyncClient) -> None:
    body = json.dumps({"url": f"{CARD_ORIGIN}/api/v1/echo"})
    response = await http.post("/preview/fetch", content=body, headers={"content-type": "text/plain"})
    assert response.status_code == 400


async def test_sandbox_panel_turns_the_netsuite_knobs(
    http: httpx.AsyncClient, netsuite: NetSuiteSandbox
) -> None:
    state = (await http.get("/preview/sandbox/netsuite")).json()
    assert state["down"] is False
    assert {"id": "502", "number": "SO1002", "status": "B"} in state["orders"]

    response = await http.post("/preview/sandbox/netsuite/orders/502/status", json={"status": "G"})
    assert response.status_code == 200
    assert [o["status"] for o in netsuite.sales_orders() if o["id"] == 502] == ["G"]

    response = await http.post("/preview/sandbox/netsuite", json={"latency": 1.5, "down": True})
    assert response.json()["latency"] == 1.5
    assert (netsuite.latency, netsuite.down) == (1.5, True)


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/preview/sandbox/netsuite/orders/502/status", {"status": "Z"}, 400),
        ("/preview/sandbox/netsuite/orders/99999/status", {"status": "G"}, 404),
        ("/preview/sandbox/netsuite", {"latency": -1}, 400),
        ("/preview/sandbox/netsuite", {"latency": True}, 400),
        ("/preview/sandbox/netsuite", {"down": "yes"}, 400),
    ],
)
async def test_sandbox_panel_refuses_bad_values(
    http: httpx.AsyncClient, netsuite: NetSuiteSandbox, path: str, body: dict[str, Any], status: int
) -> None:
    response = await http.post(path, json=body)
    assert response.status_code == status
    assert (netsuite.latency, netsuite.down) == (0.0, False)


async def _install(app: Starlette, hubspot: HubSpotSandbox) -> None:
    refresh, access = hubspot.grant_tokens()
    async with app.state.services.store.transaction() as tx:
        await tx.installs.save(
            PORTAL_ID, access_token=access, refresh_token=refresh,
            expires_at=datetime.now(UTC) + timedelta(minutes=30), scopes=hubspot.required_scopes,
            hub_domain=None, installed_by=None,
        )  # fmt: skip


async def test_record_page_shows_the_deal_from_hubspot_and_mounts_the_card(
    app: Starlette, http: httpx.AsyncClient, hubspot: HubSpotSandbox
) -> None:
    await _install(app, hubspot)
    response = await http.get("/", params={"deal": "8001"})
    assert response.status_code == 200
    page = response.text
    assert "Acme Corp – Q4 widget rollout" in page
    assert "Globex – replacement parts" in page  # the picker offers the other deal
    for text in ("WIDGET-1", "KIT-STARTER", "SHIP-FEE", "Acme Industries", "Emma"):
        assert text in page
    config = page.split("window.__PREVIEW__ = ", 1)[1].split(";</script>", 1)[0]
    preview = json.loads(config)
    assert preview["context"]["crm"] == {"objectId": 8001, "objectTypeId": "0-3"}
    assert preview["context"]["portal"]["id"] == PORTAL_ID
    assert preview["fetchProxy"] == "/preview/fetch"
    assert preview["properties"]["dealname"] == "Acme Corp – Q4 widget rollout"


async def test_record_page_redirects_an_unknown_deal(
    app: Starlette, http: httpx.AsyncClient, hubspot: HubSpotSandbox
) -> None:
    await _install(app, hubspot)
    response = await http.get("/", params={"deal": "123"})
    assert response.status_code == 303
    assert response.headers["location"] == "/"


async def test_settings_page_mounts_the_settings_bundle_in_the_settings_location(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/settings")
    assert response.status_code == 200
    config = response.text.split("window.__PREVIEW__ = ", 1)[1].split(";</script>", 1)[0]
    preview = json.loads(config)
    assert preview["mountId"] == "settings-page"
    assert preview["context"]["location"] == "settings"
    assert "crm" not in preview["context"]
