"""The sandbox HubSpot portal, an installed portal, and a HubSpotClient reaching it in-process."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from server.config import Settings
from server.hubspot.client import HubSpotClient
from server.hubspot.limiter import SlidingWindowLimiter
from server.hubspot.oauth import HubSpotTokens
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.hubspot.seed import PORTAL_ID
from server.services import Services, Transports, build_services
from server.store.repositories import SqlStore


class FakeTime:
    """Wall clock, monotonic clock and sleep in one: sleeping advances both clocks at once."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        self.mono = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def timestamp(self) -> float:
        return self.now.timestamp()

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def sandbox(settings: Settings, fake_time: FakeTime) -> HubSpotSandbox:
    return HubSpotSandbox(
        client_id=settings.hubspot_client_id,
        client_secret=settings.hubspot_client_secret.get_secret_value(),
        app_id=int(settings.hubspot_app_id),
        redirect_urls=[settings.public_base_url + "/oauth/callback"],
        clock=fake_time.timestamp,
        monotonic=fake_time.monotonic,
    )


@pytest.fixture
async def services(
    settings: Settings, sandbox: HubSpotSandbox, migrated_sqlite: Path, fake_time: FakeTime
) -> AsyncIterator[Services]:
    shutil.copy(migrated_sqlite, settings.database_url.split("///", 1)[1])
    built = build_services(
        settings, transports=Transports(hubspot=httpx.ASGITransport(app=sandbox.app)), clock=fake_time
    )
    yield built
    await built.aclose()


@pytest.fixture
async def hubspot_http(settings: Settings, sandbox: HubSpotSandbox) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=sandbox.app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.hubspot_api_base_url) as http:
        yield http


@pytest.fixture
def tokens(
    store: SqlStore, hubspot_http: httpx.AsyncClient, settings: Settings, fake_time: FakeTime
) -> HubSpotTokens:
    return HubSpotTokens(store, hubspot_http, settings, clock=fake_time)


async def install_portal(tokens: HubSpotTokens, sandbox: HubSpotSandbox) -> None:
    """Run HubSpot's consent step against the sandbox and exchange the code, as the callback does."""
    state, _ = tokens.new_state()
    split = urlsplit(tokens.authorize_url(state))
    transport = httpx.ASGITransport(app=sandbox.app)
    async with httpx.AsyncClient(transport=transport, base_url="https://app.hubspot.test") as browser:
        consent = await browser.get(f"{split.path}?{split.query}")
    assert consent.status_code == 302, consent.text
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    install = await tokens.exchange_code(code)
    assert install.portal_id == PORTAL_ID


@pytest.fixture
async def installed(tokens: HubSpotTokens, sandbox: HubSpotSandbox) -> HubSpotTokens:
    await install_portal(tokens, sandbox)
    return tokens


@pytest.fixture
def client(installed: HubSpotTokens, hubspot_http: httpx.AsyncClient, fake_time: FakeTime) -> HubSpotClient:
    limiter = SlidingWindowLimiter(monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    return HubSpotClient(hubspot_http, installed, clock=fake_time, limiter=limiter, sleep=fake_time.sleep)
