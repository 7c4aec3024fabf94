"""The sandbox NetSuite account and a NetSuiteClient reaching it through httpx.ASGITransport."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from server.netsuite.auth import TbaAuth
from server.netsuite.client import NetSuiteClient
from server.netsuite.governor import Governor
from server.sandbox.netsuite import seed
from server.sandbox.netsuite.app import NetSuiteSandbox


def sandbox_tba(*, token_secret: str = seed.TOKEN_SECRET) -> TbaAuth:
    return TbaAuth(
        account_id=seed.ACCOUNT_ID,
        consumer_key=seed.CONSUMER_KEY,
        consumer_secret=seed.CONSUMER_SECRET,
        token_id=seed.TOKEN_ID,
        token_secret=token_secret,
    )


def make_client(
    http: httpx.AsyncClient, *, governor: Governor | None = None, restlet_url: str | None = seed.RESTLET_URL
) -> NetSuiteClient:
    return NetSuiteClient(
        http,
        governor=governor or Governor(4, base_delay=0.01, max_delay=0.05, budget_seconds=5.0),
        account_id=seed.ACCOUNT_ID,
        rest_base_url=seed.REST_BASE_URL,
        restlet_url=restlet_url,
        app_base_url=seed.APP_BASE_URL,
    )


@pytest.fixture
def sandbox() -> NetSuiteSandbox:
    return NetSuiteSandbox()


@pytest.fixture
async def http(sandbox: NetSuiteSandbox) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=sandbox.app)
    async with httpx.AsyncClient(transport=transport, auth=sandbox_tba()) as client:
        yield client


@pytest.fixture
def netsuite(http: httpx.AsyncClient) -> NetSuiteClient:
    return make_client(http)
