from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from server.hubspot import app_definition
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.hubspot.seed import CLIENT_ID, CLIENT_SECRET, PORTAL_ID

REDIRECT = "https://orders.example.com/oauth/callback"


class Clocks:
    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.mono = 50.0


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def sandbox(clocks: Clocks) -> HubSpotSandbox:
    return HubSpotSandbox(redirect_urls=[REDIRECT], clock=lambda: clocks.wall, monotonic=lambda: clocks.mono)


@pytest.fixture
async def http(sandbox: HubSpotSandbox) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=sandbox.app)
    async with httpx.AsyncClient(transport=transport, base_url="https://api.hubapi.test") as client:
        yield client


def authorize_params(**overrides: str) -> dict[str, str]:
    return {
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        "scope": " ".join(app_definition.required_scopes()),
        "state": "s1",
    } | overrides


async def bearer(http: httpx.AsyncClient) -> dict[str, str]:
    consent = await http.get("/oauth/authorize", params=authorize_params())
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    tokens = await http.post("/oauth/2026-03/token", data=form | {"code": code, "redirect_uri": REDIRECT})
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


async def test_authorize_redirects_back_with_a_code_and_the_state(http: httpx.AsyncClient) -> None:
    response = await http.get("/oauth/authorize", params=authorize_params())
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["state"] == ["s1"]
    assert query["code"][0].startswith("na1-")


@pytest.mark.parametrize(
    "override",
    [{"client_id": "someone-else"}, {"redirect_uri": "https://evil.example/cb"}, {"scope": "oauth"}],
)
async def test_authorize_refuses_a_wrong_client_redirect_or_scope_set(
    http: httpx.AsyncClient, override: dict[str, str]
) -> None:
    response = await http.get("/oauth/authorize", params=authorize_params(**override))
    assert response.status_code == 400
    assert "location" not in response.headers


async def test_a_code_works_once_and_tokens_carry_the_portal(http: httpx.AsyncClient) -> None:
    consent = await http.get("/oauth/authorize", params=authorize_params())
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    form |= {"code": code, "redirect_uri": REDIRECT}
    first = await http.post("/oauth/v3/token", data=form)
    assert first.status_code == 200
    assert (first.json()["hub_id"], first.json()["expires_in"]) == (PORTAL_ID, 1800)
    again = await http.post("/oauth/v3/token", data=form)
    assert again.status_code == 400
    assert again.json()["status"] == "BAD_AUTH_CODE"


async def test_an_unknown_refresh_token_gets_hubspots_error(http: httpx.AsyncClient) -> None:
    form = {"grant_type": "refresh_token", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    response = await http.post("/oauth/2026-03/token", data=form | {"refresh_token": "na1-nope"})
    assert response.status_code == 400
    assert response.json()["status"] == "BAD_REFRESH_TOKEN"


async def test_the_token_endpoint_takes_only_form_bodies(http: httpx.AsyncClient) -> None:
    response = await http.post("/oauth/2026-03/token", json={"grant_type": "refresh_token"})
    assert response.status_code == 400


async def test_api_calls_without_a_token_get_invalid_authentication(http: httpx.AsyncClient) -> None:
    response = await http.get("/crm/v3/objects/deals/8001")
    assert response.status_code == 401
    body = response.json()
    assert body["category"] == "INVALID_AUTHENTICATION"
    assert body["message"].startswith("Authentication credentials not found.")


async def test_an_expired_token_says_how_long_ago_it_expired(http: httpx.AsyncClient, clocks: Clocks) -> None:
    headers = await bearer(http)
    clocks.wall += 1800 + 120
    response = await http.get("/crm/v3/objects/deals/8001", headers=headers)
    assert response.status_code == 401
    assert response.json()["category"] == "EXPIRED_AUTHENTICATION"
    assert "expired 2 minute(s) ago" in response.json()["message"]


async def test_the_111th_call_in_ten_seconds_is_rate_limited(http: httpx.AsyncClient, clocks: Clocks) -> None:
    headers = await bearer(http)
    for _ in range(110):
        ok = await http.get("/crm/v3/objects/deals/8006", headers=headers)
        assert ok.status_code == 200
    assert ok.headers["x-hubspot-ratelimit-remaining"] == "0"
    assert ok.headers["x-hubspot-ratelimit-max"] == "110"
    limited = await http.get("/crm/v3/objects/deals/8006", headers=headers)
    assert limited.status_code == 429
    assert limited.json()["policyName"] == "TEN_SECONDLY_ROLLING"
    assert limited.json()["errorType"] == "RATE_LIMIT"
    clocks.mono += 10
    assert (await http.get("/crm/v3/objects/deals/8006", headers=headers)).status_code == 200


async def test_deal_embeds_associations_under_hubspots_display_names(http: httpx.AsyncClient) -> None:
    headers = await bearer(http)
    response = await http.get(
        "/crm/v3/objects/deals/8001",
        params={"properties": "dealname", "associations": "line_items,companies"},
        headers=headers,
    )
    body = response.json()
    assert set(body["associations"]) == {"line items", "companies"}
    assert body["associations"]["companies"]["results"][:2] == [
        {"id": "9001", "type": "deal_to_company"},
        {"id": "9001", "type": "deal_to_company_unlabeled"},
    ]
    assert body["properties"]["dealname"] == "Acme Corp – Q4 widget rollout"


async def test_batch_read_reports_missing_ids_with_207_and_refuses_over_100(http: httpx.AsyncClient) -> None:
    headers = await bearer(http)
    mixed = await http.post(
        "/crm/v3/objects/companies/batch/read",
        json={"inputs": [{"id": "9001"}, {"id": "1"}], "properties": ["name"]},
        headers=headers,
    )
    assert mixed.status_code == 207
    assert [r["id"] for r in mixed.json()["results"]] == ["9001"]
    assert mixed.json()["errors"][0]["context"]["ids"] == ["1"]
    too_many = await http.post(
        "/crm/v3/objects/companies/batch/read",
        json={"inputs": [{"id": str(i)} for i in range(101)], "properties": []},
        headers=headers,
    )
    assert too_many.status_code == 400


async def test_signed_urls_serve_the_exact_bytes_and_refuse_tampering(http: httpx.AsyncClient) -> None:
    headers = await bearer(http)
    signed = (await http.get("/files/v3/files/40003/signed-url", headers=headers)).json()
    size = 0
    async with http.stream("GET", signed["url"]) as response:
        assert response.status_code == 200
        async for chunk in response.aiter_bytes():
            size += len(chunk)
    assert size == signed["size"] == 12 * 1024 * 1024 + 345
    tampered = await http.get(signed["url"].replace("40003", "40001"))
    assert tampered.status_code == 403


async def test_callbacks_are_recorded_and_bad_states_refused(
    http: httpx.AsyncClient, sandbox: HubSpotSandbox
) -> None:
    headers = await bearer(http)
    path = "/automation/v4/actions/callbacks/ap-1/complete"
    bad = await http.post(path, json={"outputFields": {"hs_execution_state": "DONE"}}, headers=headers)
    assert bad.status_code == 400
    good = await http.post(path, json={"outputFields": {"hs_execution_state": "SUCCESS"}}, headers=headers)
    assert good.status_code == 204
    assert [c.callback_id for c in sandbox.callbacks] == ["ap-1"]
