"""An HTTP client for tests that signs every request exactly as HubSpot does (v3 like hubspot.fetch, v2
like a workflow action call), with the query parameters HubSpot appends."""

from __future__ import annotations

import json
import time
from typing import Any, Literal
from urllib.parse import urlencode

import httpx

from server.hubspot import signatures


class SignedClient:
    """Wraps an httpx.AsyncClient whose base_url is the app's public base URL."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        secret: str,
        portal_id: int,
        app_id: str,
        user_id: str = "7001",
        user_email: str = "rep@example.com",
    ) -> None:
        self.http = http
        self.secret = secret
        self.portal_id = portal_id
        self.app_id = app_id
        self.user_id = user_id
        self.user_email = user_email

    def as_portal(self, portal_id: int) -> SignedClient:
        return SignedClient(
            self.http, secret=self.secret, portal_id=portal_id, app_id=self.app_id,
            user_id=self.user_id, user_email=self.user_email,
        )  # fmt: skip

    def url_for(self, path: str, params: dict[str, str] | None = None) -> str:
        query = {
            **(params or {}),
            "userId": self.user_id,
            "userEmail": self.user_email,
            "portalId": str(self.portal_id),
            "appId": self.app_id,
        }
        return f"{str(self.http.base_url).rstrip('/')}{path}?{urlencode(query)}"

    def signed_headers(
        self, method: str, url: str, body: bytes, *, version: Literal["v2", "v3"] = "v3",
        timestamp_ms: int | None = None,
    ) -> dict[str, str]:  # fmt: skip
        if version == "v2":
            return {
                "X-HubSpot-Signature": signatures.sign_v2(self.secret, method, url, body),
                "X-HubSpot-Signature-Version": "v2",
            }
        ts = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
        return {
            "X-HubSpot-Signature-v3": signatures.sign_v3(self.secret, method, url, body, ts),
            "X-HubSpot-Request-Timestamp": ts,
        }

    async def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, str] | None = None,
        version: Literal["v2", "v3"] = "v3",
        add_query: bool = True,
    ) -> httpx.Response:
        url = self.url_for(path, params) if add_query else f"{str(self.http.base_url).rstrip('/')}{path}"
        # hubspot.fetch signs JSON.stringify(body) and sends exactly those bytes.
        body = b"" if json_body is None else json.dumps(json_body, separators=(",", ":")).encode()
        headers = self.signed_headers(method, url, body, version=version)
        if json_body is not None:
            headers["Content-Type"] = "application/json"
        return await self.http.request(method, url, content=body, headers=headers)

    async def get(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("GET", path, **kw)

    async def post(self, path: str, json_body: Any = None, **kw: Any) -> httpx.Response:
        return await self.request("POST", path, json_body=json_body, **kw)

    async def patch(self, path: str, json_body: Any = None, **kw: Any) -> httpx.Response:
        return await self.request("PATCH", path, json_body=json_body, **kw)

    async def delete(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("DELETE", path, **kw)
