"""The preview's stand-in for HubSpot's `hubspot.fetch` relay (demo only).

The card running in the preview page cannot call the API itself: like HubSpot, this endpoint receives the
request description ({url, method, body, headers, timeout}, see cards/preview/README.md), adds the identity
HubSpot appends (appId, portalId, userId, userEmail), signs it v3 with the app's client secret over the
PUBLIC URL, and hands it to the real API route in-process. So every preview call passes the production
signature guard. It is a signing oracle: it is only mounted when `settings.demo` is true.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.errors import BadRequestError
from server.hubspot import signatures
from server.web.context import services_of

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"
METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
IDENTITY_PARAMS = ("appId", "portalId", "userId", "userEmail")
MAX_TIMEOUT_MS = 120_000  # hubspot.fetch's ceiling
DEFAULT_TIMEOUT_MS = 15_000
# Upstream response headers worth handing back to the card; hop-by-hop ones are not.
PASSED_HEADERS = ("content-type", "retry-after", "x-request-id", "location")


@dataclass(frozen=True)
class PreviewUser:
    """Who the preview page acts as: HubSpot takes these from the logged-in user, we from the demo."""

    portal_id: int
    user_id: str
    user_email: str


@dataclass(frozen=True)
class ProxyRequest:
    path: str
    query: list[tuple[str, str]]
    method: str
    body: bytes
    headers: dict[str, str]
    timeout_seconds: float


def parse_proxy_request(data: Any) -> ProxyRequest:
    """Validate the page's request description; only the card's API paths may be reached."""
    if not isinstance(data, dict):
        raise BadRequestError("The proxy request must be a JSON object.")
    url, method = data.get("url"), str(data.get("method") or "GET").upper()
    if not isinstance(url, str) or not url:
        raise BadRequestError("The proxy request has no url.")
    if method not in METHODS:
        raise BadRequestError(f"hubspot.fetch does not support the method {method}.")
    parts = urlsplit(url)
    # API_BASE_URL in cards/src/config.ts is a placeholder origin, so any origin is accepted; the path is not.
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequestError("hubspot.fetch needs an absolute http(s) URL.")
    segments = parts.path.split("/")
    if not parts.path.startswith(API_PREFIX) or ".." in segments or "." in segments or "%2e" in url.lower():
        raise BadRequestError(f"The preview only forwards {API_PREFIX}… paths of the backend.")
    body = data.get("body")
    if body is not None and not isinstance(body, str):
        raise BadRequestError("The proxy request body must be the JSON text the card sent, or null.")
    headers = data.get("headers") or {}
    if not isinstance(headers, dict) or any(str(k).lower() != "authorization" for k in headers):
        raise BadRequestError("Only the Authorization header is allowed from hubspot.fetch().")
    timeout = data.get("timeout", DEFAULT_TIMEOUT_MS)
    if not isinstance(timeout, int | float) or timeout <= 0:
        timeout = DEFAULT_TIMEOUT_MS
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in IDENTITY_PARAMS]
    return ProxyRequest(
        path=parts.path,
        query=query,
        method=method,
        body=(body or "").encode() if method != "GET" else b"",
        headers={str(k): str(v) for k, v in headers.items()},
        timeout_seconds=min(float(timeout), MAX_TIMEOUT_MS) / 1000,
    )


def signed_request(
    proxied: ProxyRequest,
    *,
    public_base_url: str,
    app_id: str,
    client_secret: str,
    user: PreviewUser,
    timestamp_ms: int | None = None,
) -> httpx.Request:
    """The request HubSpot would send: identity appended to the query, signed v3 over the public URL."""
    query = [
        *proxied.query,
        ("appId", app_id),
        ("portalId", str(user.portal_id)),
        ("userId", user.user_id),
        ("userEmail", user.user_email),
    ]
    request = httpx.Request(proxied.method, f"{public_base_url}{proxied.path}?{urlencode(query)}")
    # Sign exactly what the guard will rebuild: public base + raw path + raw query of the sent request.
    uri = public_base_url + request.url.raw_path.decode("ascii")
    ts = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    headers = {
        **proxied.headers,
        "X-HubSpot-Signature-v3": signatures.sign_v3(client_secret, proxied.method, uri, proxied.body, ts),
        "X-HubSpot-Request-Timestamp": ts,
    }
    if proxied.body:
        headers["Content-Type"] = "application/json"
    return httpx.Request(proxied.method, request.url, headers=headers, content=proxied.body)


def preview_user(request: Request) -> PreviewUser:
    user: PreviewUser | None = getattr(request.app.state, "preview_user", None)
    if user is None:
        raise BadRequestError("The preview has no HubSpot portal yet: start it with `salesorders demo`.")
    return user


async def fetch_proxy(request: Request) -> Response:
    """POST /preview/fetch: {url, method, body, headers, timeout} → {status, headers, body}."""
    # A JSON content type forces a CORS preflight, so other web pages cannot use this signer.
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise BadRequestError("The proxy takes application/json.")
    try:
        data = json.loads(await request.body())
    except ValueError:
        raise BadRequestError("The proxy request is not JSON.") from None
    proxied = parse_proxy_request(data)
    settings = services_of(request).settings
    outgoing = signed_request(
        proxied,
        public_base_url=settings.public_base_url,
        app_id=settings.hubspot_app_id,
        client_secret=settings.hubspot_client_secret.get_secret_value(),
        user=preview_user(request),
    )
    # In-process: the API route runs in this app, behind its real middleware and signature guard.
    # An unexpected error is answered 500 by the app's handler, as HubSpot would relay it; not raised here.
    transport = httpx.ASGITransport(app=request.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport) as http:
        try:
            async with asyncio.timeout(proxied.timeout_seconds):
                upstream = await http.send(outgoing)
        except TimeoutError:
            message = f"The backend did not answer within {proxied.timeout_seconds:g} s."
            body = json.dumps({"error": "timeout", "message": message})
            return JSONResponse(
                {"status": 504, "headers": {"content-type": "application/json"}, "body": body}
            )
    headers = {k: upstream.headers[k] for k in PASSED_HEADERS if k in upstream.headers}
    log.debug("preview fetch %s %s → %s", proxied.method, proxied.path, upstream.status_code)
    return JSONResponse({"status": upstream.status_code, "headers": headers, "body": upstream.text})
