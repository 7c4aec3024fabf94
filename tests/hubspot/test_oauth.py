from __future__ import annotations

import asyncio
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings
from server.hubspot.errors import HubSpotAuthRevoked, HubSpotNotInstalled, HubSpotOAuthError
from server.hubspot.oauth import HubSpotTokens
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.hubspot.seed import HUB_DOMAIN, INSTALLING_USER, PORTAL_ID
from server.services import Services
from server.store import schema
from server.store.repositories import SqlStore
from tests.hubspot.conftest import FakeTime, install_portal


@pytest.fixture
def app(settings: Settings, services: Services) -> Starlette:
    return create_app(settings, services)


@pytest.fixture
def app_client(app: Starlette, settings: Settings) -> httpx.AsyncClient:
    """A browser on the backend: it keeps cookies between requests and does not follow redirects."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=settings.public_base_url)


async def _consent(sandbox: HubSpotSandbox, authorize_url: str) -> httpx.Response:
    split = urlsplit(authorize_url)
    transport = httpx.ASGITransport(app=sandbox.app)
    async with httpx.AsyncClient(transport=transport, base_url="https://app.hubspot.test") as browser:
        return await browser.get(f"{split.path}?{split.query}")


def _path_and_query(url: str) -> str:
    split = urlsplit(url)
    return f"{split.path}?{split.query}"


async def test_install_through_the_routes_stores_encrypted_tokens_and_names_the_portal(
    app_client: httpx.AsyncClient, sandbox: HubSpotSandbox, services: Services, settings: Settings
) -> None:
    async with app_client:
        start = await app_client.get("/oauth/install")
        assert start.status_code == 302
        assert start.headers["location"].startswith(settings.hubspot_auth_base_url + "/oauth/authorize?")
        consent = await _consent(sandbox, start.headers["location"])
        assert consent.status_code == 302
        assert consent.headers["location"].startswith(settings.public_base_url + "/oauth/callback?")
        done = await app_client.get(_path_and_query(consent.headers["location"]))

    assert done.status_code == 200, done.text
    assert str(PORTAL_ID) in done.text
    assert HUB_DOMAIN in done.text
    assert "hs_install_nonce=" in done.headers["set-cookie"]  # the one-time nonce is cleared
    async with services.store.transaction() as tx:
        install = await tx.installs.get(PORTAL_ID)
    assert install is not None
    assert install.installed_by == INSTALLING_USER
    assert install.access_token in sandbox.access_tokens
    assert install.refresh_token in sandbox.refresh_tokens
    assert "automation" in install.scopes
    async with services.store.engine.connect() as conn:
        row = (await conn.execute(select(schema.hubspot_installs))).mappings().one()
    assert install.refresh_token not in row["refresh_token"]
    assert install.access_token not in row["access_token"]
    assert install.refresh_token not in done.text
    assert install.access_token not in done.text


async def test_callback_with_a_tampered_state_installs_nothing(
    app_client: httpx.AsyncClient, sandbox: HubSpotSandbox, services: Services
) -> None:
    async with app_client:
        start = await app_client.get("/oauth/install")
        consent = await _consent(sandbox, start.headers["location"].replace("state=", "state=x"))
        done = await app_client.get(_path_and_query(consent.headers["location"]))
    assert done.status_code == 400
    assert "Start the install again" in done.text
    async with services.store.transaction() as tx:
        assert await tx.installs.get(PORTAL_ID) is None
    assert sandbox.token_requests == []


async def test_callback_in_a_browser_that_did_not_start_the_install_is_refused(
    app: Starlette, app_client: httpx.AsyncClient, sandbox: HubSpotSandbox, settings: Settings
) -> None:
    async with app_client:
        start = await app_client.get("/oauth/install")
        consent = await _consent(sandbox, start.headers["location"])
    # Another browser (no nonce cookie) follows the victim's callback link: login CSRF.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=settings.public_base_url
    ) as other_browser:
        done = await other_browser.get(_path_and_query(consent.headers["location"]))
    assert done.status_code == 400
    assert "Start the install again" in done.text
    assert sandbox.token_requests == []


async def test_denied_consent_shows_that_nothing_was_installed(
    app_client: httpx.AsyncClient, sandbox: HubSpotSandbox, services: Services
) -> None:
    sandbox.deny_consent = True
    async with app_client:
        start = await app_client.get("/oauth/install")
        consent = await _consent(sandbox, start.headers["location"])
        assert "error=access_denied" in consent.headers["location"]
        done = await app_client.get(_path_and_query(consent.headers["location"]))
    assert done.status_code == 400
    assert "cancelled or refused in HubSpot" in done.text
    async with services.store.transaction() as tx:
        assert await tx.installs.get(PORTAL_ID) is None


async def test_a_code_hubspot_does_not_accept_shows_an_error_page(
    app_client: httpx.AsyncClient, sandbox: HubSpotSandbox
) -> None:
    async with app_client:
        start = await app_client.get("/oauth/install")
        consent = await _consent(sandbox, start.headers["location"])
        callback = _path_and_query(consent.headers["location"]).replace("code=", "code=stale")
        done = await app_client.get(callback)
    assert done.status_code == 400
    assert "did not accept the install" in done.text
    assert sandbox.token_requests == ["authorization_code"]


def test_state_is_bound_to_its_nonce(tokens: HubSpotTokens) -> None:
    state, nonce = tokens.new_state()
    tokens.check_state(state, nonce)
    _, other_nonce = tokens.new_state()
    with pytest.raises(HubSpotOAuthError):
        tokens.check_state(state, other_nonce)
    with pytest.raises(HubSpotOAuthError):
        tokens.check_state(None, nonce)


async def test_a_fresh_token_is_used_without_asking_hubspot(
    installed: HubSpotTokens, sandbox: HubSpotSandbox, fake_time: FakeTime
) -> None:
    first = await installed.access_token(PORTAL_ID)
    fake_time.advance(24 * 60)  # 6 minutes of life left: more than the 5-minute margin
    assert await installed.access_token(PORTAL_ID) == first
    assert sandbox.token_requests == ["authorization_code"]


async def test_twenty_concurrent_callers_near_expiry_cause_exactly_one_refresh(
    installed: HubSpotTokens, sandbox: HubSpotSandbox, fake_time: FakeTime, store: SqlStore
) -> None:
    old = await installed.access_token(PORTAL_ID)
    fake_time.advance(26 * 60)  # inside the 5-minute margin of the 30-minute token
    results = await asyncio.gather(*(installed.access_token(PORTAL_ID) for _ in range(20)))
    assert sandbox.token_requests.count("refresh_token") == 1
    assert len(set(results)) == 1
    assert results[0] != old
    assert results[0] in sandbox.access_tokens
    async with store.transaction() as tx:
        install = await tx.installs.get(PORTAL_ID)
    assert install is not None
    assert install.access_token == results[0]
    assert install.expires_at == fake_time.now + timedelta(minutes=30)


async def test_a_revoked_refresh_token_asks_for_a_reinstall_and_stops_calling_hubspot(
    installed: HubSpotTokens, sandbox: HubSpotSandbox, fake_time: FakeTime, store: SqlStore
) -> None:
    sandbox.revoke_tokens()
    fake_time.advance(31 * 60)
    with pytest.raises(HubSpotAuthRevoked) as raised:
        await installed.access_token(PORTAL_ID)
    assert raised.value.code == "hubspot_reinstall"
    assert raised.value.status_code == 403
    assert "Reinstall the app in HubSpot" in raised.value.message
    async with store.transaction() as tx:
        install = await tx.installs.get(PORTAL_ID)
    assert install is not None
    assert install.uninstalled_at is not None
    with pytest.raises(HubSpotAuthRevoked):
        await installed.access_token(PORTAL_ID)
    assert sandbox.token_requests.count("refresh_token") == 1


async def test_reinstalling_after_a_revocation_works_again(
    installed: HubSpotTokens, sandbox: HubSpotSandbox, fake_time: FakeTime
) -> None:
    sandbox.revoke_tokens()
    fake_time.advance(31 * 60)
    with pytest.raises(HubSpotAuthRevoked):
        await installed.access_token(PORTAL_ID)
    await install_portal(installed, sandbox)
    assert await installed.access_token(PORTAL_ID) in sandbox.access_tokens


async def test_a_portal_that_never_installed_is_told_to_install(tokens: HubSpotTokens) -> None:
    with pytest.raises(HubSpotNotInstalled) as raised:
        await tokens.access_token(12345)
    assert raised.value.code == "hubspot_not_installed"


async def test_uninstall_revokes_the_refresh_token_and_marks_the_portal(
    installed: HubSpotTokens, sandbox: HubSpotSandbox
) -> None:
    await installed.uninstall(PORTAL_ID)
    assert sandbox.refresh_tokens == {}
    with pytest.raises(HubSpotAuthRevoked):
        await installed.access_token(PORTAL_ID)
