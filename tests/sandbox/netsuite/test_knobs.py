"""Concurrency limit, latency, outage, injected faults and request recording."""

from __future__ import annotations

import asyncio

import httpx

from server.sandbox.netsuite.app import NetSuiteSandbox
from server.sandbox.netsuite.seed import RESTLET_DEPLOY, RESTLET_SCRIPT
from tests.sandbox.netsuite.conftest import suiteql

CONCURRENCY_BODY = {
    "title": "Bad Request",
    "status": 429,
    "o:errorCode": "USER_ERROR",
    "o:errorDetails": [
        {
            "detail": "Concurrent request limit exceeded. Request blocked.",
            "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED",
        }
    ],
}
RESTLET = "/app/site/hosting/restlet.nl"
DEPLOYMENT = {"script": RESTLET_SCRIPT, "deploy": RESTLET_DEPLOY, "action": "forms"}


async def test_requests_beyond_the_limit_get_netsuites_429(
    sandbox: NetSuiteSandbox, rest: httpx.AsyncClient
) -> None:
    sandbox.concurrency_limit = 2
    sandbox.latency = 0.05
    responses = await asyncio.gather(*(suiteql(rest, "SELECT id FROM currency") for _ in range(4)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200, 429, 429]
    assert next(r for r in responses if r.status_code == 429).json() == CONCURRENCY_BODY
    assert (sandbox.max_in_flight, sandbox.in_flight) == (2, 0)


async def test_restlet_over_the_limit_answers_sss_request_limit_exceeded(
    sandbox: NetSuiteSandbox, restlet: httpx.AsyncClient
) -> None:
    sandbox.concurrency_limit = 1
    sandbox.latency = 0.05
    responses = await asyncio.gather(*(restlet.get(RESTLET, params=DEPLOYMENT) for _ in range(2)))
    refused = next(r for r in responses if r.status_code != 200)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "SSS_REQUEST_LIMIT_EXCEEDED"


async def test_sequential_requests_never_exceed_one_in_flight(
    sandbox: NetSuiteSandbox, rest: httpx.AsyncClient
) -> None:
    for _ in range(3):
        assert (await suiteql(rest, "SELECT id FROM currency")).status_code == 200
    assert sandbox.max_in_flight == 1


async def test_down_answers_503_with_an_html_page(sandbox: NetSuiteSandbox, rest: httpx.AsyncClient) -> None:
    sandbox.down = True
    response = await rest.get("/services/rest/record/v1/salesOrder/501")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")


async def test_fail_next_applies_to_matching_paths_for_count_requests(
    sandbox: NetSuiteSandbox, rest: httpx.AsyncClient, restlet: httpx.AsyncClient
) -> None:
    sandbox.fail_next(
        500,
        "UNEXPECTED_ERROR",
        "An unexpected error occurred. Error ID: x1",
        path_contains="suiteql",
        count=2,
    )
    record = await rest.get("/services/rest/record/v1/salesOrder/501")
    assert record.status_code == 200
    for _ in range(2):
        failed = await suiteql(rest, "SELECT id FROM currency")
        assert failed.status_code == 500
        assert failed.json()["o:errorDetails"][0]["o:errorCode"] == "UNEXPECTED_ERROR"
    assert (await suiteql(rest, "SELECT id FROM currency")).status_code == 200
    sandbox.fail_next(429, "CONCURRENCY_LIMIT_EXCEEDED", "ignored")
    assert (await rest.get("/services/rest/record/v1/salesOrder/501")).json() == CONCURRENCY_BODY
    sandbox.fail_next(400, "SSS_REQUEST_LIMIT_EXCEEDED", "Too many", path_contains="restlet")
    response = await restlet.get(RESTLET, params=DEPLOYMENT)
    assert response.json() == {"error": {"code": "SSS_REQUEST_LIMIT_EXCEEDED", "message": "Too many"}}


async def test_every_request_is_recorded_with_its_status(
    sandbox: NetSuiteSandbox, rest: httpx.AsyncClient
) -> None:
    await suiteql(rest, "SELECT id FROM item WHERE itemid = ?", ["WIDGET-1"], limit=5)
    await rest.get("/services/rest/record/v1/salesOrder/424242")
    first, second = sandbox.requests
    assert (first.method, first.path, first.query, first.status) == (
        "POST",
        "/services/rest/query/v1/suiteql",
        {"limit": "5"},
        200,
    )
    assert first.json == {"q": "SELECT id FROM item WHERE itemid = ?", "params": ["WIDGET-1"]}
    assert first.headers["prefer"] == "transient"
    assert (second.status, second.json) == (404, None)


async def test_set_order_status_is_seen_by_suiteql(sandbox: NetSuiteSandbox, rest: httpx.AsyncClient) -> None:
    sandbox.set_order_status("501", "G")
    (item,) = (
        await suiteql(rest, "SELECT BUILTIN.DF(status) AS s FROM transaction WHERE id = ?", [501])
    ).json()["items"]
    assert item["s"] == "Billed"
