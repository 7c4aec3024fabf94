"""NetSuite request authentication: TBA (OAuth 1.0a, HMAC-SHA256) and OAuth 2.0 client credentials (M2M).

TBA is hand-rolled per NetSuite's "The Signature for Web Services and RESTlets" rather than delegated to an
OAuth library: the base string must contain every query parameter and no JSON body, and the header must
carry no query parameter (both have broken SuiteQL paging for other integrations).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import string
import time
from collections.abc import AsyncGenerator, Callable, Generator
from urllib.parse import quote

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from server.netsuite import errors

NONCE_ALPHABET = string.ascii_letters + string.digits
NONCE_LENGTH = 20  # NetSuite needs ≥ 6 characters and calls 20 ideal
JWT_LIFETIME_SECONDS = 300  # NetSuite requires exp < iat + 60 min; short-lived assertions leak less
TOKEN_REFRESH_MARGIN_SECONDS = 60
M2M_SCOPES = ["restlets", "rest_webservices"]


def rfc3986(value: str) -> str:
    """Percent-encode like PHP rawurlencode / RFC 5849 §3.6: only unreserved characters stay."""
    return quote(value, safe="-._~")


def make_nonce() -> str:
    return "".join(secrets.choice(NONCE_ALPHABET) for _ in range(NONCE_LENGTH))


def base_string(method: str, url: httpx.URL, oauth_params: dict[str, str]) -> str:
    """METHOD & enc(url without query) & enc(sorted params), params = oauth_* plus every query parameter."""
    scheme = url.scheme.lower()
    host = url.host.lower()
    default_port = {"http": 80, "https": 443}.get(scheme)
    netloc = host if url.port in (None, default_port) else f"{host}:{url.port}"
    path = url.raw_path.split(b"?", 1)[0].decode("ascii") or "/"
    # url.params holds decoded names and values; every one is re-encoded the same way.
    pairs = [(rfc3986(k), rfc3986(v)) for k, v in url.params.multi_items()]
    pairs += [(rfc3986(k), rfc3986(v)) for k, v in oauth_params.items()]
    param_string = "&".join(f"{k}={v}" for k, v in sorted(pairs))
    return "&".join([method.upper(), rfc3986(f"{scheme}://{netloc}{path}"), rfc3986(param_string)])


def sign(base: str, consumer_secret: str, token_secret: str) -> str:
    key = f"{rfc3986(consumer_secret)}&{rfc3986(token_secret)}".encode()
    return base64.b64encode(hmac.new(key, base.encode(), hashlib.sha256).digest()).decode()


class TbaAuth(httpx.Auth):
    """Signs each request with NetSuite token-based authentication; realm = account id in upper case."""

    def __init__(
        self,
        *,
        account_id: str,
        consumer_key: str,
        consumer_secret: str,
        token_id: str,
        token_secret: str,
        nonce: Callable[[], str] = make_nonce,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.realm = account_id.upper()
        self._consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self._token_id = token_id
        self._token_secret = token_secret
        self._nonce = nonce
        self._clock = clock

    def __repr__(self) -> str:  # never show a secret in a traceback or log
        return f"TbaAuth(realm={self.realm!r})"

    def authorization(self, method: str, url: httpx.URL) -> str:
        oauth = {
            "oauth_consumer_key": self._consumer_key,
            "oauth_nonce": self._nonce(),
            "oauth_signature_method": "HMAC-SHA256",
            "oauth_timestamp": str(int(self._clock())),
            "oauth_token": self._token_id,
            "oauth_version": "1.0",
        }
        oauth["oauth_signature"] = sign(
            base_string(method, url, oauth), self._consumer_secret, self._token_secret
        )
        # Query parameters go in the base string only: NetSuite refuses them in the header.
        fields = [f'realm="{rfc3986(self.realm)}"'] + [f'{k}="{rfc3986(v)}"' for k, v in oauth.items()]
        return "OAuth " + ", ".join(fields)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self.authorization(request.method, request.url)
        yield request


class M2MAuth(httpx.Auth):
    """OAuth 2.0 client credentials with a certificate-signed JWT; caches the token, one mint at a time."""

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str,
        certificate_id: str,
        private_key_pem: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._token_url = token_url
        self._client_id = client_id
        self._certificate_id = certificate_id
        self._key: RSAKey | ECKey = load_private_key(private_key_pem)
        # NetSuite accepts PS256/384/512 and ES256/384/512, not RS256.
        self._alg = "ES256" if isinstance(self._key, ECKey) else "PS256"
        self._clock = clock
        self._lock = asyncio.Lock()
        self._token: str | None = None
        self._expires_at = 0.0

    def __repr__(self) -> str:
        return f"M2MAuth(client_id={self._client_id!r}, kid={self._certificate_id!r})"

    def assertion(self) -> str:
        now = int(self._clock())
        claims = {
            "iss": self._client_id,
            # UNCONFIRMED: NetSuite's claim table says comma-separated, its sample JWT sends a JSON array;
            # we follow the documented sample (reference §1.3, open item 7).
            "scope": M2M_SCOPES,
            "aud": self._token_url,
            "iat": now,
            "exp": now + JWT_LIFETIME_SECONDS,
        }
        header = {"alg": self._alg, "typ": "JWT", "kid": self._certificate_id}
        return jwt.encode(header, claims, self._key, algorithms=[self._alg])

    def _token_request(self) -> httpx.Request:
        form = {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": self.assertion(),
        }
        return httpx.Request("POST", self._token_url, data=form, headers={"Accept": "application/json"})

    def _accept(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            raise errors.from_token_response(response)
        try:
            body = response.json()
            token = str(body["access_token"])
            expires_in = float(body.get("expires_in", 3600))
        except (ValueError, KeyError, TypeError):
            raise errors.NetSuiteError(
                "NetSuite's token endpoint answered with something we could not read.",
                operation="token",
            ) from None
        self._token = token
        self._expires_at = self._clock() + expires_in - TOKEN_REFRESH_MARGIN_SECONDS

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        seen: str | None = None
        for _attempt in range(2):
            async with self._lock:
                # Single flight: whoever holds the lock mints; the others reuse what it got.
                if self._token is None or self._clock() >= self._expires_at or self._token == seen:
                    minted = yield self._token_request()
                    await minted.aread()  # overriding async_auth_flow means reading bodies ourselves
                    self._accept(minted)
                assert self._token is not None
                seen = self._token
            request.headers["Authorization"] = f"Bearer {seen}"
            response = yield request
            if response.status_code != 401 or "invalid_token" not in response.headers.get(
                "www-authenticate", ""
            ):
                return
        # A second invalid_token right after a fresh mint is a real refusal; the caller maps the 401.

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("M2MAuth works with httpx.AsyncClient only")
        yield request  # pragma: no cover - makes this a generator


def load_private_key(pem: str) -> RSAKey | ECKey:
    """Load the admin's PEM private key; ValueError (with no key material in it) when it is not one."""
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        raise ValueError("not an unencrypted PEM private key") from None
    if isinstance(key, rsa.RSAPrivateKey):
        return RSAKey.import_key(key)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return ECKey.import_key(key)
    raise ValueError("NetSuite accepts RSA or EC keys only")
