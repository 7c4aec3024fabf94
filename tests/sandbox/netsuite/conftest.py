"""Fixtures: a fresh sandbox account per test, and TBA-signed clients on its REST and RESTlet hosts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from server.sandbox.netsuite.app import NetSuiteSandbox
from server.sandbox.netsuite.seed import REST_BASE_URL, RESTLET_URL
from tests.sandbox.netsuite.signing import TbaAuth

RESTLET_BASE = RESTLET_URL.split("/app/")[0]
SUITEQL = "/services/rest/query/v1/suiteql"
TRANSIENT = {"Prefer": "transient"}


@pytest.fixture
def sandbox() -> NetSuiteSandbox:
    return NetSuiteSandbox()


def client_for(sandbox: NetSuiteSandbox, base_url: str, auth: httpx.Auth | None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), base_url=base_url, auth=auth)


@pytest.fixture
async def rest(sandbox: NetSuiteSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox, REST_BASE_URL, TbaAuth()) as client:
        yield client


@pytest.fixture
async def restlet(sandbox: NetSuiteSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox, RESTLET_BASE, TbaAuth()) as client:
        yield client


async def suiteql(
    client: httpx.AsyncClient, q: str, params: list[object] | None = None, **query: int
) -> httpx.Response:
    body: dict[str, object] = {"q": q}
    if params is not None:
        body["params"] = params
    return await client.post(SUITEQL, json=body, params=query, headers=TRANSIENT)
