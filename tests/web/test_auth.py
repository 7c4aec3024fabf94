"""The route guard: unsigned, forged, stale, replayed-body, wrong-app and wrong-version requests get 401."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Scope

from server.config import Settings
from server.errors import AppError, app_error_handler
from server.services import build_services
from server.web.auth import identity_of, public_url, signed
from tests.support.signed import SignedClient

calls: list[str] = []


@signed("v3")
async def card_endpoint(request: Request) -> JSONResponse:
    identity = identity_of(request)
    calls.append("card")
    return JSONResponse({"portal": identity.portal_id, "user": identity.user_id,
                         "body": (await request.body()).decode()})  # fmt: skip


@signed("v2")
async def workflow_endpoint(request: Request) -> JSONResponse:
    calls.append("workflow")
    return JSONResponse({"portal": identity_of(request).portal_id})


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[SignedClient]:
    calls.clear()
    app = Starlette(
        routes=[Route("/card", card_endpoint, methods=["GET", "POST"]),
                Route("/workflow", workflow_endpoint, methods=["POST"])],
        exception_handlers={AppError: app_error_handler},
    )  # fmt: skip
    app.state.services = build_services(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.public_base_url) as http:
        yield SignedClient(
            http,
            secret=settings.hubspot_client_secret.get_secret_value(),
            portal_id=555,
            app_id=settings.hubspot_app_id,
        )
    await app.state.services.aclose()


async def test_valid_v3_request_reaches_the_endpoint_with_the_signed_portal(client: SignedClient) -> None:
    response = await client.post("/card", {"x": 1})
    assert response.status_code == 200
    assert response.json() == {"portal": 555, "user": "7001", "body": '{"x":1}'}


async def test_unsigned_request_is_refused(client: SignedClient) -> None:
    response = await client.http.get(client.url_for("/card"))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_signature"
    assert calls == []


async def test_forged_signature_is_refused(client: SignedClient) -> None:
    forger = SignedClient(client.http, secret="not-our-secret", portal_id=555, app_id=client.app_id)
    assert (await forger.get("/card")).status_code == 401
    assert calls == []


async def test_stale_request_is_refused(client: SignedClient) -> None:
    url = client.url_for("/card")
    old = int((time.time() - 301) * 1000)
    response = await client.http.get(url, headers=client.signed_headers("GET", url, b"", timestamp_ms=old))
    assert response.status_code == 401
    assert calls == []


async def test_replayed_signature_with_another_body_is_refused(client: SignedClient) -> None:
    url = client.url_for("/card")
    headers = client.signed_headers("POST", url, b'{"x":1}')
    response = await client.http.post(url, content=b'{"x":2}', headers=headers)
    assert response.status_code == 401
    assert calls == []


async def test_portal_swapped_in_the_query_breaks_the_signature(client: SignedClient) -> None:
    url = client.url_for("/card")
    headers = client.signed_headers("GET", url, b"")
    response = await client.http.get(url.replace("portalId=555", "portalId=666"), headers=headers)
    assert response.status_code == 401
    assert calls == []


async def test_request_signed_for_another_app_is_refused(client: SignedClient) -> None:
    other_app = SignedClient(client.http, secret=client.secret, portal_id=555, app_id="999")
    response = await other_app.get("/card")
    assert response.status_code == 401
    assert response.json()["error"] == "wrong_app"
    assert calls == []


async def test_wrong_version_is_refused(client: SignedClient) -> None:
    assert (await client.post("/card", {"x": 1}, version="v2")).status_code == 401
    assert (await client.post("/workflow", {"origin": {"portalId": 555}}, version="v3")).status_code == 401
    assert calls == []


async def test_v2_workflow_call_takes_the_portal_from_the_signed_body(client: SignedClient) -> None:
    body = {"callbackId": "ap-1", "origin": {"portalId": 777}}
    response = await client.post("/workflow", body, version="v2", add_query=False)
    assert response.status_code == 200
    assert response.json() == {"portal": 777}


async def test_oversized_body_is_refused_before_anything_runs(client: SignedClient) -> None:
    response = await client.post("/card", {"blob": "x" * 1_100_000})
    assert response.status_code == 413
    assert calls == []


def _request(path: str, raw_path: bytes | None, query: bytes) -> Request:
    scope: Scope = {
        "type": "http", "method": "GET", "path": path, "raw_path": raw_path, "query_string": query,
        "headers": [], "scheme": "http", "server": ("10.0.0.5", 8000), "root_path": "",
    }  # fmt: skip
    return Request(scope)


def test_the_url_checked_is_the_public_one_as_hubspot_called_it() -> None:
    base = "https://salesorders.example.com"
    # Behind a TLS-terminating proxy: the scheme and host are the public ones; the path stays encoded as
    # sent and the query keeps HubSpot's order.
    query = b"userId=7&userEmail=rep%40example.com&portalId=555&appId=42&q=a+b%2Fc"
    request = _request("/api/v1/x/a b", b"/api/v1/x/a%20b", query)
    assert public_url(request, base) == f"{base}/api/v1/x/a%20b?{query.decode()}"
    assert public_url(_request("/healthz", b"/healthz", b""), base) == f"{base}/healthz"


def test_a_server_without_raw_path_gets_the_path_encoded_again() -> None:
    # raw_path is optional in ASGI ("None if missing"): fall back to the decoded path, re-encoded.
    request = _request("/api/v1/x/a b", None, b"portalId=555")
    assert public_url(request, "https://s.example") == "https://s.example/api/v1/x/a%20b?portalId=555"
