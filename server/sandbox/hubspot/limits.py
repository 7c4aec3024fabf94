"""What guards every sandbox API route as HubSpot guards its own: bearer token, scopes, 110 req / 10 s.

Bodies and headers follow HubSpot's: 401 INVALID_AUTHENTICATION / EXPIRED_AUTHENTICATION, 403
MISSING_SCOPES, 429 RATE_LIMIT with policyName TEN_SECONDLY_ROLLING, and X-HubSpot-RateLimit-* headers.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

if TYPE_CHECKING:
    from server.sandbox.hubspot.app import HubSpotSandbox

Endpoint = Callable[[Request], Awaitable[Response]]
LIMIT = 110
WINDOW_SECONDS = 10.0
NOT_AUTHENTICATED = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find "
    "more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)


def hubspot_error(status_code: int, category: str, message: str, **extra: object) -> JSONResponse:
    body: dict[str, object] = {
        "status": "error",
        "message": message,
        "correlationId": str(uuid.uuid4()),
        "category": category,
        **extra,
    }
    return JSONResponse(body, status_code=status_code)


class RollingWindow:
    """Per-portal request starts within the last 10 s, as HubSpot's TEN_SECONDLY_ROLLING policy counts."""

    def __init__(self, monotonic: Callable[[], float]) -> None:
        self._monotonic = monotonic
        self._starts: dict[int, deque[float]] = {}
        self.forced: list[float | None] = []  # knob: the next calls answer 429 (with this Retry-After)

    def take(self, portal_id: int) -> tuple[bool, int]:
        """(allowed, remaining) for one more request now."""
        now = self._monotonic()
        starts = self._starts.setdefault(portal_id, deque())
        while starts and starts[0] <= now - WINDOW_SECONDS:
            starts.popleft()
        if len(starts) >= LIMIT:
            return False, 0
        starts.append(now)
        return True, LIMIT - len(starts)


def _rate_headers(remaining: int) -> dict[str, str]:
    return {
        "X-HubSpot-RateLimit-Interval-Milliseconds": str(int(WINDOW_SECONDS * 1000)),
        "X-HubSpot-RateLimit-Max": str(LIMIT),
        "X-HubSpot-RateLimit-Remaining": str(remaining),
    }


def _too_many(retry_after: float | None) -> JSONResponse:
    response = JSONResponse(
        {
            "status": "error",
            "message": "You have reached your ten_secondly_rolling limit.",
            "errorType": "RATE_LIMIT",
            "correlationId": str(uuid.uuid4()),
            "policyName": "TEN_SECONDLY_ROLLING",
            "requestId": str(uuid.uuid4()),
        },
        status_code=429,
        headers=_rate_headers(0),
    )
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def api(*scopes: str) -> Callable[[Endpoint], Endpoint]:
    """Guard an endpoint: a live bearer token holding one of `scopes`, within the portal's rate limit."""

    def wrap(endpoint: Endpoint) -> Endpoint:
        async def guarded(request: Request) -> Response:
            sandbox: HubSpotSandbox = request.app.state.sandbox
            header = request.headers.get("authorization", "")
            value = header[7:].strip() if header.lower().startswith("bearer ") else ""
            token = sandbox.access_tokens.get(value)
            if token is None:
                return hubspot_error(401, "INVALID_AUTHENTICATION", NOT_AUTHENTICATED)
            expired_for = sandbox.clock() - token.expires_at
            if expired_for >= 0:
                minutes = int(expired_for // 60)
                message = f"The OAuth token used to make this call expired {minutes} minute(s) ago."
                return hubspot_error(401, "EXPIRED_AUTHENTICATION", message)
            if sandbox.faults:
                status = sandbox.faults.pop(0)
                return hubspot_error(status, "INTERNAL_ERROR", "internal error")
            if sandbox.limits.forced:
                return _too_many(sandbox.limits.forced.pop(0))
            allowed, remaining = sandbox.limits.take(token.portal_id)
            if not allowed:
                return _too_many(None)
            if scopes and not set(scopes) & set(token.scopes):
                return hubspot_error(
                    403,
                    "MISSING_SCOPES",
                    "This app hasn't been granted all required scopes to make this call. Read more about "
                    "required scopes here: https://developers.hubspot.com/scopes.",
                    errors=[
                        {
                            "message": "One or more of the following scopes are required.",
                            "context": {"requiredScopes": list(scopes)},
                        }
                    ],
                )
            response = await endpoint(request)
            response.headers.update(_rate_headers(remaining))
            return response

        guarded.__name__ = endpoint.__name__
        return guarded

    return wrap
