"""The settings API over HTTP, signed like HubSpot, against the sandbox NetSuite account."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from server.app import create_app
from server.config import Settings
from server.netsuite.adapter import NetSuiteAccounts
from server.sandbox.netsuite import seed
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.services import Services, Transports, build_services
from tests.support.signed import SignedClient

PORTAL = 555
SANDBOX_HOSTS = {"1234567-sb1.suitetalk.api.netsuite.com", "1234567-sb1.restlets.api.netsuite.com",
                 "netsuite-sandbox.test"}  # fmt: skip
SECRETS = (seed.TOKEN_SECRET, seed.CONSUMER_SECRET, "PRIVATE KEY")


class HostRouter(httpx.AsyncBaseTransport):
    """The sandbox for its own hosts; any other host fails like a DNS lookup of an unknown account."""

    def __init__(self, sandbox: NetSuiteSandbox) -> None:
        self._inner = httpx.ASGITransport(app=sandbox.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host not in SANDBOX_HOSTS:
            raise httpx.ConnectError(
                f"[Errno -2] Name or service not known: {request.url.host}", request=request
            )
        return await self._inner.handle_async_request(request)


@pytest.fixture
def sandbox() -> NetSuiteSandbox:
    return NetSuiteSandbox()


@pytest.fixture
def app_settings(settings: Settings, migrated_sqlite: Path, tmp_path: Path) -> Settings:
    path = tmp_path / "settings-api.db"
    shutil.copy(migrated_sqlite, path)
    return settings.model_copy(
        update={
            "database_url": f"sqlite+aiosqlite:///{path}",
            "netsuite_consumer_key": seed.CONSUMER_KEY,
            "netsuite_consumer_secret": settings.netsuite_consumer_secret.__class__(seed.CONSUMER_SECRET),
        }
    )


@pytest.fixture
async def services(app_settings: Settings, sandbox: NetSuiteSandbox) -> AsyncIterator[Services]:
    built = build_services(app_settings, transports=Transports(netsuite=HostRouter(sandbox)))
    yield built
    await built.aclose()


@pytest.fixture
async def api(app_settings: Settings, services: Services) -> AsyncIterator[SignedClient]:
    app = create_app(app_settings, services=services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=app_settings.public_base_url) as http:
        yield SignedClient(
            http, secret=app_settings.hubspot_client_secret.get_secret_value(), portal_id=PORTAL,
            app_id=app_settings.hubspot_app_id,
        )  # fmt: skip


def tba_body(**overrides: Any) -> dict[str, Any]:
    return {
        "label": "Sandbox", "accountId": "1234567_sb1", "authKind": "tba", "tokenId": seed.TOKEN_ID,
        "tokenSecret": seed.TOKEN_SECRET, "restletUrl": seed.RESTLET_URL,
    } | overrides  # fmt: skip


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


async def connect(api: SignedClient, **overrides: Any) -> dict[str, Any]:
    response = await api.post("/api/v1/settings/connections", tba_body(**overrides))
    assert response.status_code == 201, response.text
    connection: dict[str, Any] = response.json()["connection"]
    return connection


async def test_connecting_tests_the_credentials_and_saves_them_without_echoing_secrets(
    api: SignedClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = await api.post("/api/v1/settings/connections", tba_body())
    assert response.status_code == 201
    body = response.json()
    assert body["test"] == {"ok": True, "message": "Connected to NetSuite account 1234567_SB1"}
    connection = body["connection"]
    assert connection["accountId"] == "1234567_SB1"
    assert connection["restBaseUrl"] == seed.REST_BASE_URL
    assert connection["restletUrl"] == seed.RESTLET_URL
    assert connection["authKind"] == "tba"
    assert connection["concurrencyLimit"] == 4
    assert connection["credentialHint"] == f"token …{seed.TOKEN_ID[-4:]}"
    assert connection["defaults"] == {"subsidiaryId": None, "formId": None, "priceSource": "hubspot",
                                      "customerSource": "company", "folderId": None}  # fmt: skip
    listed = await api.get("/api/v1/settings/connections")
    assert [c["id"] for c in listed.json()["connections"]] == [connection["id"]]
    for text in (response.text, listed.text, caplog.text):
        assert_no_secret(text)
        assert seed.TOKEN_ID not in text


async def test_a_wrong_token_is_refused_with_a_login_message_and_nothing_is_saved(api: SignedClient) -> None:
    response = await api.post("/api/v1/settings/connections", tba_body(tokenSecret="f" * 64))
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "connection_test_failed"
    assert "refused the login" in body["message"]
    assert "Login Audit Trail" in body["message"]
    assert set(body["fields"]) == {"tokenId", "tokenSecret"}
    assert (await api.get("/api/v1/settings/connections")).json() == {"connections": []}


async def test_an_account_id_no_netsuite_answers_for_is_named(api: SignedClient) -> None:
    response = await api.post("/api/v1/settings/connections", tba_body(accountId="7654321", restletUrl=None))
    assert response.status_code == 422
    assert "No NetSuite account answers at 7654321" in response.json()["message"]
    assert list(response.json()["fields"]) == ["accountId"]


async def test_a_missing_role_permission_is_named(api: SignedClient, sandbox: NetSuiteSandbox) -> None:
    sandbox.fail_next(403, "INSUFFICIENT_PERMISSION", "Permission Violation: SuiteAnalytics Workbook")
    response = await api.post("/api/v1/settings/connections", tba_body())
    assert response.status_code == 422
    assert "lacks a permission" in response.json()["message"]
    assert "SuiteAnalytics Workbook" in response.json()["message"]
    assert list(response.json()["fields"]) == ["tokenId"]


async def test_rest_web_services_not_enabled_is_named(api: SignedClient, sandbox: NetSuiteSandbox) -> None:
    sandbox.fail_next(
        400, "FEATURE_DISABLED", "The REST Web Services feature is not enabled in your account."
    )
    response = await api.post("/api/v1/settings/connections", tba_body())
    assert response.status_code == 422
    assert "REST web services are not enabled in NetSuite account 1234567_SB1" in response.json()["message"]


async def test_an_undeployed_restlet_is_named(api: SignedClient, sandbox: NetSuiteSandbox) -> None:
    sandbox.restlet_deployed = False
    response = await api.post("/api/v1/settings/connections", tba_body())
    assert response.status_code == 422
    assert "not deployed" in response.json()["message"]
    assert list(response.json()["fields"]) == ["restletUrl"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"accountId": "acme; DROP"}, "accountId"),
        ({"tokenSecret": ""}, "tokenSecret"),
        ({"authKind": "password"}, "authKind"),
        ({"restBaseUrl": "http://1234567-sb1.suitetalk.api.netsuite.com"}, "restBaseUrl"),
        ({"restBaseUrl": "https://collector.example.com"}, "restBaseUrl"),
        ({"restletUrl": "https://1234567-sb1.restlets.api.netsuite.com/other"}, "restletUrl"),
        ({"concurrencyLimit": 0}, "concurrencyLimit"),
        ({"portalId": 999}, "portalId"),
    ],
)
async def test_invalid_input_is_a_422_naming_the_field(
    api: SignedClient, sandbox: NetSuiteSandbox, overrides: dict[str, Any], field: str
) -> None:
    response = await api.post("/api/v1/settings/connections", tba_body(**overrides))
    assert response.status_code == 422
    assert response.json()["error"] == "validation_failed"
    assert field in response.json()["fields"]
    assert sandbox.requests == []  # refused before anything reached NetSuite
    assert_no_secret(response.text)


async def test_demo_mode_accepts_a_plain_http_sandbox_url(
    app_settings: Settings, sandbox: NetSuiteSandbox
) -> None:
    demo = app_settings.model_copy(update={"demo": True})
    services = build_services(demo, transports=Transports(netsuite=HostRouter(sandbox)))
    app = create_app(demo, services=services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=demo.public_base_url
    ) as http:
        api = SignedClient(http, secret=demo.hubspot_client_secret.get_secret_value(), portal_id=PORTAL,
                           app_id=demo.hubspot_app_id)  # fmt: skip
        connection = await connect(api, restBaseUrl="http://netsuite-sandbox.test", restletUrl=None)
    await services.aclose()
    assert connection["restBaseUrl"] == "http://netsuite-sandbox.test"


async def test_the_same_account_cannot_be_connected_twice(api: SignedClient) -> None:
    await connect(api)
    response = await api.post("/api/v1/settings/connections", tba_body(label="Again"))
    assert response.status_code == 409
    assert response.json()["error"] == "already_connected"


async def test_an_m2m_connection_is_tested_and_saved(api: SignedClient, sandbox: NetSuiteSandbox) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sandbox.register_m2m_client("client-abcd", "cert-1", public)
    body = {"label": "M2M", "accountId": "1234567_SB1", "authKind": "m2m", "clientId": "client-abcd",
            "certificateId": "cert-1", "privateKey": pem}  # fmt: skip
    bad = await api.post("/api/v1/settings/connections", body | {"privateKey": "not a key"})
    assert bad.status_code == 422
    assert "privateKey" in bad.json()["fields"]
    response = await api.post("/api/v1/settings/connections", body)
    assert response.status_code == 201, response.text
    assert response.json()["connection"]["credentialHint"] == "client …abcd"
    assert_no_secret(response.text)
    assert "BEGIN" not in (await api.get("/api/v1/settings/connections")).text


async def test_a_saved_connection_can_be_tested_again(api: SignedClient, sandbox: NetSuiteSandbox) -> None:
    connection = await connect(api)
    response = await api.post(f"/api/v1/settings/connections/{connection['id']}/test")
    assert response.json() == {"ok": True, "message": "Connected to NetSuite account 1234567_SB1"}
    sandbox.restlet_deployed = False
    failed = await api.post(f"/api/v1/settings/connections/{connection['id']}/test")
    assert failed.status_code == 422
    assert "not deployed" in failed.json()["message"]


async def test_reloading_metadata_makes_the_next_form_description_read_netsuite_again(
    api: SignedClient, services: Services, sandbox: NetSuiteSandbox
) -> None:
    connection = await connect(api)
    async with services.store.transaction() as tx:
        saved = await tx.connections.get(PORTAL, connection["id"])
    assert saved is not None
    account = NetSuiteAccounts(services.netsuite, services.store).account(saved)

    def reads() -> tuple[int, int]:
        forms = [r for r in sandbox.requests if (r.query.get("action"), r.query.get("id")) == ("form", "135")]
        return len(forms), len([r for r in sandbox.requests if "/metadata-catalog/" in r.path])

    await account.describe_form("135")
    await account.describe_form("135")
    assert reads() == (1, 1)  # cached in the store: one RESTlet read, one catalog read
    path = f"/api/v1/settings/connections/{connection['id']}/reload-metadata"
    assert (await api.as_portal(777).post(path)).status_code == 404
    await account.describe_form("135")
    assert reads() == (1, 1)  # another portal cleared nothing
    response = await api.post(path)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "ok": True,
        "cleared": 1,
        "message": "The next order for Sandbox reads its form fields from NetSuite again.",
    }
    await account.describe_form("135")
    assert reads() == (2, 2)
    await account.describe_form("135")
    assert reads() == (2, 2)  # and is cached again


async def test_defaults_label_and_limits_are_updated_and_merged(
    api: SignedClient, sandbox: NetSuiteSandbox
) -> None:
    connection = await connect(api)
    path = f"/api/v1/settings/connections/{connection['id']}"
    first = await api.patch(path, {"defaults": {"subsidiaryId": "2", "formId": "121"}, "label": "UK"})
    assert first.status_code == 200
    second = await api.patch(path, {"defaults": {"priceSource": "netsuite"}, "concurrencyLimit": 2})
    updated = second.json()
    assert updated["label"] == "UK"
    assert updated["concurrencyLimit"] == 2
    assert updated["defaults"]["subsidiaryId"] == "2"
    assert updated["defaults"]["formId"] == "121"
    assert updated["defaults"]["priceSource"] == "netsuite"
    bad = await api.patch(path, {"defaults": {"subsidiaryId": "x'; --"}})
    assert bad.status_code == 422
    assert "subsidiaryId" in bad.json()["fields"]
    sandbox.restlet_deployed = False
    moved = await api.patch(path, {"restletUrl": seed.RESTLET_URL.replace("deploy=customdeploy", "deploy=x")})
    assert moved.status_code == 422
    removed = await api.patch(path, {"restletUrl": ""})
    assert removed.json()["restletUrl"] is None


async def test_option_lists_for_defaults(api: SignedClient, sandbox: NetSuiteSandbox) -> None:
    connection = await connect(api)
    base = f"/api/v1/connections/{connection['id']}"
    subsidiaries = (await api.get(f"{base}/subsidiaries")).json()["options"]
    assert {"value": "2", "label": "Honeycomb UK Ltd"} in subsidiaries
    forms = (await api.get(f"{base}/forms")).json()["options"]
    assert {"value": "121", "label": "Wholesale Order"} in forms
    folders = (await api.get(f"{base}/folders")).json()["options"]
    assert {"value": "12", "label": "Sales Orders"} in folders
    assert (await api.get(f"{base}/nonsense")).status_code == 404
    await api.patch(f"/api/v1/settings/connections/{connection['id']}", {"restletUrl": ""})
    fallback = (await api.get(f"{base}/forms")).json()
    assert fallback["options"] == [{"value": "", "label": "Standard"}]
    assert "RESTlet" in fallback["notice"]


async def test_netsuite_failures_on_option_lists_render_for_the_card(
    api: SignedClient, sandbox: NetSuiteSandbox
) -> None:
    connection = await connect(api)
    sandbox.fail_next(401, "INVALID_LOGIN", "Invalid login attempt.")
    response = await api.get(f"/api/v1/connections/{connection['id']}/subsidiaries")
    assert response.status_code == 502
    assert response.json() == {
        "error": "netsuite_auth",
        "message": "NetSuite refused our credentials. Reconnect NetSuite in the app settings.",
    }


async def test_removing_a_connection(api: SignedClient) -> None:
    connection = await connect(api)
    path = f"/api/v1/settings/connections/{connection['id']}"
    assert (await api.delete(path)).status_code == 204
    assert (await api.get("/api/v1/settings/connections")).json() == {"connections": []}
    assert (await api.delete(path)).status_code == 404


async def test_another_portals_connection_is_not_found(api: SignedClient) -> None:
    connection = await connect(api)
    other = api.as_portal(777)
    cid = connection["id"]
    assert (await other.get("/api/v1/settings/connections")).json() == {"connections": []}
    for method, path, body in [
        ("POST", f"/api/v1/settings/connections/{cid}/test", None),
        ("PATCH", f"/api/v1/settings/connections/{cid}", {"label": "Mine now"}),
        ("DELETE", f"/api/v1/settings/connections/{cid}", None),
        ("GET", f"/api/v1/connections/{cid}/subsidiaries", None),
    ]:
        response = await other.request(method, path, json_body=body)
        assert response.status_code == 404, (method, path)
    listed = (await api.get("/api/v1/settings/connections")).json()["connections"]
    assert [c["label"] for c in listed] == ["Sandbox"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/settings/connections"),
        ("POST", "/api/v1/settings/connections"),
        ("POST", "/api/v1/settings/connections/x/test"),
        ("POST", "/api/v1/settings/connections/x/reload-metadata"),
        ("PATCH", "/api/v1/settings/connections/x"),
        ("DELETE", "/api/v1/settings/connections/x"),
        ("GET", "/api/v1/connections/x/forms"),
    ],
)
async def test_unsigned_calls_are_refused(
    api: SignedClient, sandbox: NetSuiteSandbox, method: str, path: str
) -> None:
    response = await api.http.request(method, api.url_for(path), content=json.dumps(tba_body()))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_signature"
    assert sandbox.requests == []
