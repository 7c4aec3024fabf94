"""One authenticated HubSpot API call for a portal: token, rate limit, retries, and error mapping."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx

from server import metrics
from server.hubspot.errors import (
    HubSpotAuthRevoked,
    HubSpotError,
    HubSpotMissingScope,
    HubSpotNotFound,
    HubSpotRateLimited,
)
from server.hubspot.limiter import HUBSPOT_WINDOW_SECONDS, Sleep, SlidingWindowLimiter
from server.hubspot.oauth import HubSpotTokens

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4


def retry_after_seconds(response: httpx.Response) -> float:
    """HubSpot's 429s may carry Retry-After; otherwise wait out the rolling window it names."""
    header = response.headers.get("retry-after", "")
    try:
        return min(max(float(header), 0.0), 60.0)
    except ValueError:
        pass
    interval = response.headers.get("x-hubspot-ratelimit-interval-milliseconds", "")
    if interval.isdigit():
        return min(int(interval) / 1000, 60.0)
    return HUBSPOT_WINDOW_SECONDS


def describe(response: httpx.Response) -> str:
    """HubSpot's error body, for the log (never for the rep)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if not isinstance(body, dict):
        return str(body)[:200]
    parts = (body.get("category") or body.get("status"), body.get("message"), body.get("correlationId"))
    return " | ".join(str(p) for p in parts if p)


class HubSpotRequester:
    """Sends requests as a portal, refreshing its token once on 401 and backing off on 429 and 5xx."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        tokens: HubSpotTokens,
        *,
        limiter: SlidingWindowLimiter | None = None,
        sleep: Sleep = asyncio.sleep,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self.http = http
        self._tokens = tokens
        self._limiter = limiter or SlidingWindowLimiter(sleep=sleep)
        self._sleep = sleep
        self._max_attempts = max_attempts

    async def send(
        self,
        portal_id: int,
        method: str,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str | int] | None = None,
        json: Any = None,
        idempotent: bool = True,
        not_found: str | None = None,
    ) -> httpx.Response:
        """The successful (2xx) response; every failure becomes a typed HubSpot error."""
        began = time.perf_counter()
        try:
            response = await self._send(portal_id, method, path, params=params, json=json, idem=idempotent)
        except HubSpotRateLimited:
            metrics.VENDOR_CALLS.labels("hubspot", operation, "429").inc()
            raise
        finally:
            metrics.VENDOR_SECONDS.labels("hubspot", operation).observe(time.perf_counter() - began)
        status = response.status_code
        metrics.VENDOR_CALLS.labels("hubspot", operation, "ok" if status < 300 else str(status)).inc()
        if status < 300:
            return response
        log.warning("HubSpot %s for portal %s: %s %s", operation, portal_id, status, describe(response))
        if status == 404 and not_found is not None:
            raise HubSpotNotFound(not_found)
        if status == 403:
            raise HubSpotMissingScope()
        raise HubSpotError()

    async def _send(
        self,
        portal_id: int,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None,
        json: Any,
        idem: bool,
    ) -> httpx.Response:
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            token = await self._tokens.access_token(portal_id)
            await self._limiter.acquire(portal_id)
            try:
                response = await self.http.request(
                    method, path, params=params, json=json, headers={"Authorization": f"Bearer {token}"}
                )
            except httpx.TransportError as exc:
                # A request that may have reached HubSpot is only repeated when repeating is harmless.
                if idem and attempt < self._max_attempts:
                    await self._sleep(self._backoff(attempt))
                    continue
                log.warning("HubSpot unreachable for portal %s: %s", portal_id, type(exc).__name__)
                raise HubSpotError("HubSpot could not be reached. Try again in a moment.") from None
            status = response.status_code
            if status == 401:
                if refreshed:
                    log.warning("HubSpot rejects new tokens of portal %s: %s", portal_id, describe(response))
                    raise HubSpotAuthRevoked(portal_id)
                refreshed = True
                await self._tokens.refresh_rejected(portal_id, token)
                continue
            if status == 429:
                # HubSpot refused the call without running it, so any method may be sent again.
                wait = retry_after_seconds(response)
                self._limiter.pause(portal_id, wait)
                if attempt >= self._max_attempts:
                    raise HubSpotRateLimited(wait)
                log.info("HubSpot rate-limited portal %s; waiting %.1f s", portal_id, wait)
                continue
            if status >= 500 and idem and attempt < self._max_attempts:
                await self._sleep(self._backoff(attempt))
                continue
            return response

    @staticmethod
    def _backoff(attempt: int) -> float:
        return float(min(0.5 * 2 ** (attempt - 1), 8.0))
