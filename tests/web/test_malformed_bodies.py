"""Correctly signed calls with malformed bodies get a 4xx with a message on every route, never a 500.

Routes are discovered from the app (as in test_route_security.py), their ids filled with real ones (the
sandbox deal, a draft at each step, the NetSuite connection) so the bodies reach the handlers' parsing."""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import httpx
import pytest
from starlette.routing import Route
from starlette.types import Message

from server.app import create_app
from server.config import Settings
from server.web.routes import all_routes
from server.workflow.definition import EXECUTE_PATH
from tests.web.orders_env import PORTAL_ID, Env, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures

SIGNED = {"/api/": "v3", "/workflow/": "v2"}
DEEP = 100_000  # far beyond Python's recursion limit, far below 1 MB


def _routes() -> list[tuple[str, str, Literal["v2", "v3"]]]:
    found: list[tuple[str, str, Literal["v2", "v3"]]] = []
    for route in all_routes():
        if not isinstance(route, Route):
            continue
        for prefix, version in SIGNED.items():
            if route.path.startswith(prefix):
                for method in sorted((route.methods or set()) - {"HEAD"}):
                    found.append((method, route.path, version))  # type: ignore[arg-type]
    return found


ROUTES = _routes()
WITH_BODY = [r for r in ROUTES if r[0] in ("POST", "PATCH", "PUT")]

BODIES: dict[str, bytes] = {
    "list": b"[]",
    "string": b'"x"',
    "number": b"1",
    "null": b"null",
    "not json": b"{version: 1",
    "invalid utf-8": b'{"label": "\xff\xfe"}',
    "lone surrogate": b'{"label": "\\ud800", "version": 1, "values": {"memo": "\\udfff"}}',
    "values list": b'{"values": []}',
    "values string": b'{"version": 1, "values": "x"}',
    "version string": b'{"version": "a"}',
    "version bool": b'{"version": true}',
    "version float": b'{"version": 1.5}',
    "version huge": b'{"version": 1' + b"0" * 400 + b"}",
    "version digits": b'{"version": ' + b"9" * 5000 + b"}",
    "version inf": b'{"version": 1e999}',
    "version NaN": b'{"version": NaN}',
    "non-string ids": b'{"connectionId": 5, "number": 5, "label": 1, "accountId": 1, "authKind": 1,'
    b' "restart": "yes", "defaults": [], "concurrencyLimit": "a"}',
    "deep list": b"[" * DEEP + b"]" * DEEP,
    "deep object": b'{"version": 1, "values": ' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}",
    "over 1 MB": b'{"label": "' + b"x" * 1_100_000 + b'"}',
}


def _execution(inputs: object, **top: object) -> bytes:
    body = {
        "callbackId": "fuzz-1",
        "origin": {"portalId": PORTAL_ID},
        "object": {"objectId": 8001, "objectType": "DEAL"},
        "inputFields": inputs,
        **top,
    }
    return json.dumps(body).encode()


CONNECTION = "the-connection-id"  # replaced by the real one when sent
WORKFLOW_BODIES: dict[str, bytes] = {
    "inputs list": _execution([]),
    "inputs of wrong types": _execution(
        {
            "netsuite_account": [],
            "price_source": {},
            "customer_source": 1e308,
            "create_customer": [1],
            "memo": {"a": 1},
            "additional_fields": [["a", "b"]],
        }
    ),
    "deep additional fields": _execution(
        {
            "netsuite_account": "x",
            "price_source": "hubspot",
            "customer_source": "company",
            "additional_fields": '{"a":' + "[" * DEEP + "]" * DEEP + "}",
        }
    ),
    "callback id list": _execution({}, callbackId=["a"]),
    "portal huge": _execution({}, origin={"portalId": 10**30}),
    "portal negative": _execution({}, origin={"portalId": -1}),
    "object list": _execution({}, object=[]),
    "fetch options wrong": _execution({}, fetchOptions={"q": [], "after": 5}),
    "after not ascii digits": _execution({"netsuite_account": CONNECTION}, fetchOptions={"after": "\u00b2"}),
    "after too long": _execution({"netsuite_account": CONNECTION}, fetchOptions={"after": "9" * 5000}),
    "lone surrogate": _execution(
        {
            "netsuite_account": CONNECTION,
            "price_source": "hubspot",
            "customer_source": "company",
            "memo": "\ud800",
        }
    ),
}


async def _send(e: Env, method: str, path: str, body: bytes, version: Literal["v2", "v3"]) -> httpx.Response:
    client = e.client
    # Workflow calls carry no query (the portal is in the signed body); card calls the one HubSpot adds.
    url = client.url_for(path) if version == "v3" else f"{str(client.http.base_url).rstrip('/')}{path}"
    headers = client.signed_headers(method, url, body, version=version)
    headers["Content-Type"] = "application/json"
    return await client.http.request(method, url, content=body, headers=headers)


async def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def _drafts_by_step(e: Env) -> dict[str, dict[str, Any]]:
    """A draft at each step of the flow, so a step's values are parsed by that step's validation."""
    drafts: dict[str, dict[str, Any]] = {}
    draft = await e.draft_for("8001")
    drafts["account"] = draft
    draft = await _ok(
        await e.step(draft, "account", {"connectionId": e.connection_id, "subsidiaryId": "1", "formId": "68"})
    )
    drafts["customer"] = draft
    suggestion = draft["tab"]["suggestion"]["customerId"]
    draft = await _ok(await e.step(draft, "customer", {"customerMode": "existing", "customerId": suggestion}))
    drafts["order"] = draft
    draft = await _ok(await e.step(draft, "order", {"priceSource": "hubspot", "includeAttachments": False}))
    drafts["review"] = draft
    return drafts


def _fill(path: str, *, draft_id: str, connection_id: str, step: str = "account") -> str:
    values = {
        "dealId": "8001", "draftId": draft_id, "step": step, "fieldId": "customerId", "id": connection_id,
        "kind": "subsidiaries", "linkId": "1", "field": "subsidiary",
    }  # fmt: skip
    return re.sub(r"{([^}]+)}", lambda m: values[m.group(1)], path)


def _assert_refused(response: httpx.Response, what: str) -> None:
    """A 4xx that says what is wrong; or a success from a route that reads no body (test, discard)."""
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code < 400:
        return
    answer = response.json()
    assert answer["error"], f"{what}: {answer}"
    assert answer["message"], f"{what}: {answer}"


@pytest.mark.parametrize("body", sorted(BODIES))
async def test_no_route_answers_a_malformed_body_with_a_server_error(env: Env, body: str) -> None:
    drafts = await _drafts_by_step(env)
    for method, template, version in WITH_BODY:
        steps = list(drafts) if "{step}" in template else ["account"]
        for step in steps:
            path = _fill(template, draft_id=drafts[step]["id"], connection_id=env.connection_id, step=step)
            response = await _send(env, method, path, BODIES[body], version)
            _assert_refused(response, f"{method} {path} with {body}")


@pytest.mark.parametrize("body", sorted(WORKFLOW_BODIES))
async def test_the_workflow_routes_refuse_malformed_calls_with_a_4xx_or_a_fail(env: Env, body: str) -> None:
    for method, template, version in WITH_BODY:
        if version != "v2":
            continue
        path = _fill(template, draft_id="1", connection_id=env.connection_id)
        sent = WORKFLOW_BODIES[body].replace(CONNECTION.encode(), env.connection_id.encode())
        response = await _send(env, method, path, sent, version)
        if response.status_code == 200:
            # HubSpot is told at once that the settings are wrong: a FAIL_CONTINUE with the reason.
            assert path == EXECUTE_PATH or "options" in response.json(), response.text
            fields = response.json().get("outputFields", {})
            assert path != EXECUTE_PATH or fields.get("hs_execution_state") == "FAIL_CONTINUE", fields
        else:
            _assert_refused(response, f"{method} {path} with {body}")


STEP_VALUES: dict[str, list[dict[str, Any]]] = {
    "account": [
        {"connectionId": [], "subsidiaryId": {}, "formId": 1e308},
        {"connectionId": 5, "subsidiaryId": True, "formId": None},
        {"connectionId": "x" * 5000, "subsidiaryId": "1" * 5000, "formId": "\u0000"},
    ],
    "customer": [
        {"customerMode": [], "customerId": {}},
        {"customerMode": "existing", "customerId": 10**30},
        {
            "customerMode": "new",
            "companyName": [],
            "email": 5,
            "isPerson": "maybe",
            "firstName": {},
            "country": ["US"],
        },
        {"customerMode": "existing", "customerId": "1" * 5000},
    ],
    "order": [
        {"priceSource": [], "includeAttachments": "yes", "folderId": {}},
        {"priceSource": "hubspot", "includeAttachments": False, "lines": "x"},
        {"priceSource": "hubspot", "includeAttachments": False, "lines": [1, "a", None]},
        {
            "priceSource": "hubspot",
            "includeAttachments": False,
            "lines": [{"lineId": [], "itemId": {}, "quantity": "a", "rate": "b"}],
        },
        {
            "priceSource": "hubspot",
            "includeAttachments": False,
            "lines": [{"lineId": "29000", "quantity": 1e308, "rate": -1e308}],
        },
        {
            "priceSource": "hubspot",
            "includeAttachments": False,
            "lines": [{"lineId": "29000", "quantity": 10**300, "rate": 10**300}],
        },
        {"priceSource": "hubspot", "includeAttachments": False, "memo": [], "tranDate": 5},
        {"priceSource": "hubspot", "includeAttachments": False, "tranDate": "2026-02-30"},
        # A lone surrogate is valid JSON; stored, it made every later answer about the draft a 500.
        {"priceSource": "hubspot", "includeAttachments": False, "memo": "\udfff"},
        {"priceSource": "hubspot", "includeAttachments": False, "lines": [{"lineId": "\ud800"}]},
    ],
    "review": [{"confirm": []}, {"lines": "x"}],
}


@pytest.mark.parametrize("step", sorted(STEP_VALUES))
async def test_step_values_of_the_wrong_type_are_field_errors(env: Env, step: str) -> None:
    drafts = await _drafts_by_step(env)
    for values in STEP_VALUES[step]:
        draft = drafts[step]
        shown = await _ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
        response = await env.step(shown, step, values)
        if response.status_code == 200:
            continue  # values the step may ignore or accept; what matters is no server error
        _assert_refused(response, f"{step} with {values}")


@pytest.mark.parametrize(
    "query", [{"q": "x" * 5000}, {"q": "\u0000%"}, {"q": "' OR 1=1 --"}, {"refresh": "[]"}]
)
async def test_queries_of_get_routes_are_no_server_error(env: Env, query: dict[str, str]) -> None:
    drafts = await _drafts_by_step(env)
    for method, template, version in ROUTES:
        if method != "GET" or version != "v3":
            continue
        path = _fill(template, draft_id=drafts["order"]["id"], connection_id=env.connection_id)
        response = await env.client.get(path, params=query)
        assert response.status_code < 500, f"{path} {query}: {response.status_code} {response.text[:300]}"


@pytest.mark.parametrize("deal_id", ["8001%0A", "%D9%A8%D9%A0%D9%A0%D9%A1"])  # "8001\n", Arabic-Indic 8001
async def test_a_deal_id_with_a_trailing_newline_or_other_digits_is_no_deal(env: Env, deal_id: str) -> None:
    for response in (
        await env.client.get(f"/api/v1/deals/{deal_id}/sales-orders"),
        await env.client.post(f"/api/v1/deals/{deal_id}/drafts", {}),
    ):
        assert response.status_code == 404, response.text
    async with env.services.store.transaction() as tx:
        assert await tx.drafts.open_for_deal(PORTAL_ID, "8001\n") is None


@pytest.mark.parametrize(
    "override",
    [
        {"object": {"objectId": "8001\n", "objectType": "DEAL"}},
        {"callbackId": "fuzz-1\n"},
        {"origin": {"portalId": f"{PORTAL_ID}\n"}},
        {"origin": {"portalId": "\u0661\u0662"}},
    ],
)
async def test_workflow_ids_must_be_exactly_ids(env: Env, override: dict[str, Any]) -> None:
    inputs = {"netsuite_account": env.connection_id, "price_source": "hubspot", "customer_source": "company"}
    response = await _send(env, "POST", EXECUTE_PATH, _execution(inputs, **override), "v2")
    _assert_refused(response, str(override))
    assert response.status_code >= 400


@pytest.mark.parametrize(("declared", "status"), [("\u00b2", 401), ("9" * 5000, 413), ("2000000", 413)])
async def test_a_content_length_that_is_no_small_number_is_no_server_error(
    orders_settings: Settings, env: Env, declared: str, status: int
) -> None:
    # Sent as raw ASGI: an HTTP client would not send such a header.
    app = create_app(orders_settings, env.services)
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    path = "/api/v1/settings/connections"
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "https", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"content-length", declared.encode("latin-1"))], "server": ("salesorders.test", 443),
        "client": ("127.0.0.1", 50000),
    }  # fmt: skip
    await app(scope, receive, send)
    assert sent[0]["status"] == status
