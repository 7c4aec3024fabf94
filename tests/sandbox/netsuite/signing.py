"""An independent TBA signer for the sandbox tests, written from NetSuite's docs, not from either signer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx

from server.sandbox.netsuite.seed import ACCOUNT_ID, CONSUMER_KEY, CONSUMER_SECRET, TOKEN_ID, TOKEN_SECRET


def rfc3986(value: str) -> str:
    return quote(value, safe="~-._")


@dataclass
class TbaAuth(httpx.Auth):
    """Signs each request with HMAC-SHA256 over method, URL without query, query and oauth parameters."""

    consumer_key: str = CONSUMER_KEY
    consumer_secret: str = CONSUMER_SECRET
    token_id: str = TOKEN_ID
    token_secret: str = TOKEN_SECRET
    realm: str = ACCOUNT_ID
    method: str = "HMAC-SHA256"
    # Fixed values for tests that replay or age a signature; None → fresh per request.
    nonce: str | None = None
    timestamp: int | None = None
    # Seconds added to the clock when signing, to simulate a client clock out of step.
    skew: int = 0
    extra_header_params: dict[str, str] = field(default_factory=dict)

    def oauth_params(self) -> dict[str, str]:
        timestamp = self.timestamp if self.timestamp is not None else int(time.time()) + self.skew
        return {
            "oauth_consumer_key": self.consumer_key,
            "oauth_token": self.token_id,
            "oauth_nonce": self.nonce or secrets.token_hex(10),
            "oauth_timestamp": str(timestamp),
            "oauth_signature_method": self.method,
            "oauth_version": "1.0",
        }

    def header_for(self, method: str, url: httpx.URL) -> str:
        params = self.oauth_params()
        pairs = sorted(
            [(rfc3986(k), rfc3986(v)) for k, v in url.params.multi_items()]
            + [(rfc3986(k), rfc3986(v)) for k, v in params.items()]
        )
        base_url = f"{url.scheme}://{url.netloc.decode().lower()}{url.raw_path.decode().split('?')[0]}"
        base = "&".join([method, rfc3986(base_url), rfc3986("&".join(f"{k}={v}" for k, v in pairs))])
        key = f"{rfc3986(self.consumer_secret)}&{rfc3986(self.token_secret)}".encode()
        digest = hmac.new(key, base.encode(), hashlib.sha256).digest()
        params["oauth_signature"] = base64.b64encode(digest).decode()
        params = {"realm": self.realm, **params, **self.extra_header_params}
        return "OAuth " + ", ".join(f'{k}="{rfc3986(v)}"' for k, v in params.items())

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self.header_for(request.method, request.url)
        yield request
