"""In-process NetSuite account: checks logins, runs SuiteQL on SQLite, answers like NetSuite.

One ASGI app serves the REST (suitetalk), RESTlet (restlets) and token paths whatever the Host header says.
Around every request it records the request, applies the knobs (down, latency, injected faults) and enforces
the account's concurrency limit, counting a request in flight for as long as it is being answered.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.sandbox.netsuite import errors, records, restlet, suiteql
from server.sandbox.netsuite.auth import LoginRefused, LoginVerifier, Principal, normalized_url
from server.sandbox.netsuite.errors import ErrorDetail, RestError, RestletError
from server.sandbox.netsuite.oauth2 import M2MClients, OAuthError
from server.sandbox.netsuite.seed import TOKEN_URL, Seed, default_seed
from server.sandbox.netsuite.state import Account, StoredFile, forms_by_id, open_database

RESTLET_PATH = "/app/site/hosting/restlet.nl"
TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"


@dataclass
class RecordedRequest:
    """One request as the sandbox received it, and the status it answered."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: object
    status: int | None = None


@dataclass
class Fault:
    status: int
    code: str
    detail: str
    path_contains: str | None
    count: int


@dataclass
class NetSuiteSandbox:
    """One NetSuite account (1234567_SB1) as a Starlette app, with knobs and recordings for tests."""

    seed: Seed | None = None
    concurrency_limit: int = 5
    latency: float = 0.0
    down: bool = False
    clock: Callable[[], float] = time.time
    requests: list[RecordedRequest] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        seed = self.seed or default_seed()
        self.account = Account(open_database(seed), forms_by_id(seed), lambda: self.clock())
        self.verifier = LoginVerifier(lambda: self.clock())
        self.m2m = M2MClients(self.verifier, TOKEN_URL)
        self._faults: list[Fault] = []
        self.app = Starlette(
            routes=[
                *records.ROUTES,
                Route("/services/rest/query/v1/suiteql", suiteql.suiteql_endpoint, methods=["POST"]),
                Route(TOKEN_PATH, self._token, methods=["POST"]),
                *restlet.ROUTES,
            ],
            exception_handlers={
                RestError: _rest_error,
                RestletError: _restlet_error,
                HTTPException: _http_error,
                Exception: _unexpected_error,
            },
            middleware=[Middleware(_Gate, sandbox=self)],
        )
        self.app.state.account = self.account

    # --- state helpers for tests -------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        return self.account.db

    @property
    def files(self) -> list[StoredFile]:
        return self.account.files

    @property
    def login_audit(self) -> list[str]:
        return self.verifier.login_audit

    @property
    def restlet_deployed(self) -> bool:
        return self.account.restlet_deployed

    @restlet_deployed.setter
    def restlet_deployed(self, value: bool) -> None:
        self.account.restlet_deployed = value

    def set_order_status(self, order_id: str, code: str) -> None:
        if code not in "ABCDEFGH" or len(code) != 1:
            raise ValueError(f"sales order status must be one of A–H, got {code!r}")
        changed = self.db.execute(
            "UPDATE \"transaction\" SET status = ? WHERE id = ? AND type = 'SalesOrd'", (code, order_id)
        )
        if changed.rowcount != 1:
            raise KeyError(f"no sales order {order_id}")

    def sales_orders(self) -> list[dict[str, object]]:
        cursor = self.db.execute("SELECT * FROM \"transaction\" WHERE type = 'SalesOrd' ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def add_customer_currency(self, customer_id: str, currency_id: str) -> None:
        """Let the customer trade in one more currency (its record's Currencies subtab)."""
        self.db.execute("INSERT OR IGNORE INTO customercurrency VALUES (?, ?)", (customer_id, currency_id))

    def register_m2m_client(self, client_id: str, certificate_id: str, public_key_pem: str | bytes) -> None:
        self.m2m.register(client_id, certificate_id, public_key_pem)

    def fail_next(
        self, status: int, code: str, detail: str, *, path_contains: str | None = None, count: int = 1
    ) -> None:
        """Answer the next `count` matching requests with this NetSuite error instead of serving them."""
        self._faults.append(Fault(status, code, detail, path_contains, count))

    # --- around every request ---------------------------------------------------------------------
    async def handle(self, scope: Scope, receive: Receive, send: Send, inner: ASGIApp) -> None:
        if scope["type"] != "http":
            await inner(scope, receive, send)
            return
        request = Request(scope, receive)
        body = await request.body()
        recorded = RecordedRequest(
            method=request.method,
            path=request.url.path,
            query=dict(request.query_params),
            headers={k.lower(): v for k, v in request.headers.items()},
            json=_json_or_none(body),
        )
        self.requests.append(recorded)
        is_restlet = request.url.path == RESTLET_PATH
        response = self._gate(is_restlet)
        if response is not None:
            recorded.status = response.status_code
            await response(scope, _replay(body), send)
            return
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency > 0:
                await asyncio.sleep(self.latency)
            response = self._login(request, is_restlet) or self._fault(request, is_restlet)
            if response is not None:
                recorded.status = response.status_code
                await response(scope, _replay(body), send)
                return

            async def send_recording(message: Message) -> None:
                if message["type"] == "http.response.start":
                    recorded.status = int(message["status"])
                await send(message)

            await inner(scope, _replay(body), send_recording)
        finally:
            self.in_flight -= 1

    def _gate(self, is_restlet: bool) -> Response | None:
        if self.down:
            return errors.outage_response()
        if self.in_flight >= self.concurrency_limit:
            return errors.restlet_concurrency_response() if is_restlet else errors.concurrency_response()
        return None

    def _login(self, request: Request, is_restlet: bool) -> Response | None:
        if request.url.path == TOKEN_PATH:
            return None
        header = request.headers.get("authorization", "")
        bearer = header[:7].lower() == "bearer "
        try:
            principal = self._principal(request, header, bearer)
        except LoginRefused:
            return errors.login_failed_response(restlet=is_restlet, bearer=bearer)
        needed = "restlets" if is_restlet else "rest_webservices"
        if needed not in principal.scopes:
            self.verifier.login_audit.append(f"ScopeMissing:{needed}")
            return errors.login_failed_response(restlet=is_restlet, bearer=bearer)
        return None

    def _principal(self, request: Request, header: str, bearer: bool) -> Principal:
        if bearer:
            return self.verifier.verify_bearer(header[7:].strip())
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        url = normalized_url(request.url.scheme, request.url.netloc, raw_path.decode("latin-1").split("?")[0])
        query = parse_qsl(request.url.query, keep_blank_values=True)
        return self.verifier.verify_tba(request.method, url, query, header)

    def _fault(self, request: Request, is_restlet: bool) -> Response | None:
        target = f"{request.url.path}?{request.url.query}"
        for fault in self._faults:
            if fault.path_contains is None or fault.path_contains in target:
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
                if is_restlet:
                    return errors.restlet_error_response(fault.code, fault.detail, fault.status)
                if fault.status == 429 and fault.code == "CONCURRENCY_LIMIT_EXCEEDED":
                    return errors.concurrency_response()
                return errors.rest_error_response(fault.status, (ErrorDetail(fault.detail, fault.code),))
        return None

    async def _token(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return errors.oauth_error_response("invalid_request", "The body must be form-encoded.")
        form = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
        try:
            return JSONResponse(self.m2m.exchange(form), headers={"Cache-Control": "no-store"})
        except OAuthError as exc:
            return errors.oauth_error_response(exc.error, exc.description, exc.status)


class _Gate:
    """ASGI middleware handing each request to the sandbox's knobs, limits and login checks."""

    def __init__(self, app: ASGIApp, *, sandbox: NetSuiteSandbox) -> None:
        self.inner = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.sandbox.handle(scope, receive, send, self.inner)


def _json_or_none(body: bytes) -> object:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _rest_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RestError)
    return errors.rest_error_response(exc.status, exc.details)


async def _restlet_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RestletError)
    return errors.restlet_error_response(exc.code, exc.message, exc.status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = "Record does not exist." if exc.status_code == 404 else str(exc.detail)
    code = "NONEXISTENT_ID" if exc.status_code == 404 else "INVALID_REQUEST"
    return errors.rest_error_response(exc.status_code, (ErrorDetail(detail, code),))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    error_id = secrets.token_hex(8)
    detail = f"An unexpected error occurred. Error ID: {error_id}"
    if request.url.path == RESTLET_PATH:
        return errors.restlet_error_response("UNEXPECTED_ERROR", detail, 500)
    return errors.rest_error_response(500, (ErrorDetail(detail, "UNEXPECTED_ERROR"),))
