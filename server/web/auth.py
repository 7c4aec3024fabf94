"""The route guard: card and settings calls need HubSpot's v3 signature, workflow calls v2.

Identity (portal, user, app) comes only from the signed query string HubSpot appends, never from a body.
The URL checked is the public URL HubSpot called (SALESORDERS_PUBLIC_BASE_URL + path + raw query), so it
stays correct behind a TLS-terminating proxy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import Response

from server.errors import PayloadTooLargeError, UnauthorizedError
from server.hubspot import signatures
from server.web.context import services_of

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_048_576  # hubspot.fetch limits request bodies to 1 MB; so do we
MAX_PORTAL_ID = 2**63 - 1
PORTAL_ID = re.compile(r"[0-9]{1,19}")
PATH_SAFE = "/:@!$&'()*+,;=-._~"  # RFC 3986 pchar and "/": what a client leaves unencoded in a path
Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class HubSpotIdentity:
    """Who is calling, as proven by the signature."""

    portal_id: int
    user_id: str | None
    user_email: str | None
    app_id: str | None


def public_url(request: Request, base_url: str) -> str:
    raw_query = request.scope.get("query_string", b"").decode("latin-1")
    # raw_path keeps the path encoded as sent; it is optional in ASGI, so re-encode the path without it.
    raw_path = request.scope.get("raw_path") or quote(request.scope["path"], safe=PATH_SAFE).encode()
    url = base_url + raw_path.decode("latin-1")
    if "?" in url:  # raw_path never holds the query, but be strict about it
        url = url.split("?", 1)[0]
    return f"{url}?{raw_query}" if raw_query else url


async def read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    # isdigit() alone passes "²" (headers are latin-1), and int() refuses over 4300 digits.
    if declared.isascii() and declared.isdigit() and (len(declared) > 7 or int(declared) > MAX_BODY_BYTES):
        raise PayloadTooLargeError("The request is larger than 1 MB.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise PayloadTooLargeError("The request is larger than 1 MB.")
    # Keep the bytes for the handler: the stream can be read only once.
    request._body = body
    return body


def _refuse(reason: str) -> UnauthorizedError:
    log.info("refused unsigned or invalid request: %s", reason)
    return UnauthorizedError("This request is not signed by HubSpot.", code="invalid_signature")


async def authenticate(request: Request, version: Literal["v2", "v3"]) -> HubSpotIdentity:
    """Check the signature and return the caller; raises 401 and changes nothing when it fails."""
    settings = services_of(request).settings
    secret = settings.hubspot_client_secret.get_secret_value()
    if not secret:
        raise _refuse("no client secret configured")
    body = await read_body(request)
    uri = public_url(request, settings.public_base_url)
    headers = request.headers
    if version == "v3":
        signature = headers.get("x-hubspot-signature-v3")
        timestamp = headers.get("x-hubspot-request-timestamp")
        if not signature or not timestamp:
            raise _refuse("missing v3 headers")
        if not signatures.verify_v3(secret, request.method, uri, body, timestamp, signature):
            raise _refuse("v3 mismatch or stale")
    else:
        signature = headers.get("x-hubspot-signature")
        if not signature or headers.get("x-hubspot-signature-version", "").lower() != "v2":
            raise _refuse("missing v2 headers")
        if not signatures.verify_v2(secret, request.method, uri, body, signature):
            raise _refuse("v2 mismatch")
    return _identity(request, settings.hubspot_app_id, version=version, body=body)


def _identity(request: Request, app_id: str, *, version: str, body: bytes) -> HubSpotIdentity:
    query = parse_qs(request.scope.get("query_string", b"").decode("latin-1"))

    def one(name: str) -> str | None:
        values = query.get(name)
        return values[0] if values else None

    portal = one("portalId")
    if version == "v2" and portal is None:
        # Workflow action calls carry the portal in the signed body (origin.portalId), not the query.
        portal = _portal_from_body(body)
    # A stored portal id is a BIGINT: a longer number is no HubSpot account (and would fail the query).
    if portal is None or not PORTAL_ID.fullmatch(portal) or not 0 < int(portal) <= MAX_PORTAL_ID:
        raise UnauthorizedError("The signed request names no HubSpot account.", code="invalid_signature")
    caller_app = one("appId")
    if caller_app is not None and app_id and caller_app != app_id:
        raise UnauthorizedError("This request was signed for another app.", code="wrong_app")
    return HubSpotIdentity(
        portal_id=int(portal), user_id=one("userId"), user_email=one("userEmail"), app_id=caller_app
    )


def _portal_from_body(body: bytes) -> str | None:
    import json

    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        return None
    origin = data.get("origin") if isinstance(data, dict) else None
    portal = origin.get("portalId") if isinstance(origin, dict) else None
    return str(portal) if isinstance(portal, int | str) else None


def signed(version: Literal["v2", "v3"]) -> Callable[[Endpoint], Endpoint]:
    """Wrap an endpoint so it runs only for a valid signature; the identity is on request.state."""

    def wrap(endpoint: Endpoint) -> Endpoint:
        async def guarded(request: Request) -> Response:
            request.state.identity = await authenticate(request, version)
            return await endpoint(request)

        guarded.__name__ = endpoint.__name__
        guarded.__doc__ = endpoint.__doc__
        return guarded

    return wrap


def identity_of(request: Request) -> HubSpotIdentity:
    identity: HubSpotIdentity = request.state.identity
    return identity
