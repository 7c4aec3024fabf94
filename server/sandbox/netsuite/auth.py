"""Login checks as NetSuite makes them: TBA (OAuth 1.0a, HMAC-SHA256) and OAuth 2.0 M2M bearer tokens.

Every refusal looks the same to the caller (NetSuite answers `INVALID_LOGIN` whatever went wrong); the
reason goes to `login_audit`, like NetSuite's Login Audit Trail, so tests can tell failures apart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from server.sandbox.netsuite.seed import ACCOUNT_ID, CONSUMER_KEY, CONSUMER_SECRET, TOKEN_ID, TOKEN_SECRET

TIMESTAMP_WINDOW_SECONDS = 300
MIN_NONCE_LENGTH = 6
_HEADER_PARAM = re.compile(r'\s*([A-Za-z0-9_]+)\s*=\s*"([^"]*)"\s*(?:,|$)')
REQUIRED_OAUTH_PARAMS = (
    "oauth_consumer_key",
    "oauth_token",
    "oauth_nonce",
    "oauth_timestamp",
    "oauth_signature_method",
    "oauth_version",
    "oauth_signature",
)


class LoginRefused(Exception):
    """A login that NetSuite would refuse; `reason` is the Login Audit Trail wording."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def percent_encode(value: str) -> str:
    """RFC 3986 encoding (PHP rawurlencode): everything but unreserved characters."""
    return quote(value, safe="-._~")


def signature_base_string(method: str, url: str, params: list[tuple[str, str]]) -> str:
    """METHOD & enc(url without query) & enc(sorted, re-encoded k=v pairs), per NetSuite and RFC 5849."""
    encoded = sorted((percent_encode(k), percent_encode(v)) for k, v in params)
    joined = "&".join(f"{k}={v}" for k, v in encoded)
    return "&".join([method.upper(), percent_encode(url), percent_encode(joined)])


def hmac_sha256_signature(base_string: str, consumer_secret: str, token_secret: str) -> str:
    key = f"{percent_encode(consumer_secret)}&{percent_encode(token_secret)}"
    digest = hmac.new(key.encode(), base_string.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def normalized_url(scheme: str, host: str, raw_path: str) -> str:
    """Scheme and host lower case, default ports dropped, path exactly as sent."""
    scheme = scheme.lower()
    host = host.lower()
    default = {"http": ":80", "https": ":443"}.get(scheme)
    if default and host.endswith(default):
        host = host[: -len(default)]
    return f"{scheme}://{host}{raw_path}"


def parse_oauth_header(header: str) -> dict[str, str]:
    if not header[:6].lower() == "oauth ":
        raise LoginRefused("MissingOAuthHeader")
    rest = header[6:]
    params: dict[str, str] = {}
    position = 0
    while position < len(rest):
        match = _HEADER_PARAM.match(rest, position)
        if match is None:
            raise LoginRefused("InvalidOAuthHeader")
        name = match.group(1)
        if name in params:
            raise LoginRefused("InvalidOAuthHeader")
        params[name] = unquote(match.group(2))
        position = match.end()
    return params


@dataclass
class AccessToken:
    client_id: str
    scopes: frozenset[str]
    expires_at: float


@dataclass
class Principal:
    """Who a request runs as, and which services its login may reach."""

    method: str  # "tba" or "oauth2"
    scopes: frozenset[str] = frozenset({"rest_webservices", "restlets"})


@dataclass
class LoginVerifier:
    """Holds the account's integration record, tokens and nonce memory; verifies each request's login."""

    clock: Callable[[], float]
    consumers: dict[str, str] = field(default_factory=lambda: {CONSUMER_KEY: CONSUMER_SECRET})
    # token id → (token secret, consumer key it was issued for)
    tokens: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {TOKEN_ID: (TOKEN_SECRET, CONSUMER_KEY)}
    )
    access_tokens: dict[str, AccessToken] = field(default_factory=dict)
    login_audit: list[str] = field(default_factory=list)
    _nonces: dict[tuple[str, str], int] = field(default_factory=dict)

    def refuse(self, reason: str) -> LoginRefused:
        self.login_audit.append(reason)
        return LoginRefused(reason)

    def verify_tba(self, method: str, url: str, query: list[tuple[str, str]], header: str) -> Principal:
        try:
            oauth = parse_oauth_header(header)
        except LoginRefused as exc:
            raise self.refuse(exc.reason) from None
        if oauth.get("realm") != ACCOUNT_ID:
            raise self.refuse("InvalidAccount")
        missing = [name for name in REQUIRED_OAUTH_PARAMS if not oauth.get(name)]
        if missing:
            raise self.refuse(f"MissingParameter:{missing[0]}")
        if oauth["oauth_signature_method"] != "HMAC-SHA256":
            raise self.refuse("UnknownAlgorithm")
        if oauth["oauth_version"] != "1.0":
            raise self.refuse("VersionRejected")
        consumer_secret = self.consumers.get(oauth["oauth_consumer_key"])
        if consumer_secret is None:
            raise self.refuse("consumer_key_unknown")
        token = self.tokens.get(oauth["oauth_token"])
        if token is None or token[1] != oauth["oauth_consumer_key"]:
            raise self.refuse("token_rejected")
        if not oauth["oauth_timestamp"].isdigit():
            raise self.refuse("InvalidTimestamp")
        timestamp = int(oauth["oauth_timestamp"])
        now = int(self.clock())
        if abs(now - timestamp) > TIMESTAMP_WINDOW_SECONDS:
            raise self.refuse("InvalidTimestamp")
        if len(oauth["oauth_nonce"]) < MIN_NONCE_LENGTH:
            raise self.refuse("InvalidNonce")
        signed = [(k, v) for k, v in oauth.items() if k not in ("realm", "oauth_signature")]
        base = signature_base_string(method, url, [*query, *signed])
        expected = hmac_sha256_signature(base, consumer_secret, token[0])
        if not hmac.compare_digest(expected.encode(), oauth["oauth_signature"].encode()):
            raise self.refuse("InvalidSignature")
        self._remember_nonce(oauth["oauth_token"], oauth["oauth_nonce"], timestamp, now)
        return Principal("tba")

    def _remember_nonce(self, token: str, nonce: str, timestamp: int, now: int) -> None:
        # A nonce is refused again while its timestamp could still pass the window check.
        for key, seen in list(self._nonces.items()):
            if now - seen > TIMESTAMP_WINDOW_SECONDS:
                del self._nonces[key]
        if (token, nonce) in self._nonces:
            raise self.refuse("NonceUsed")
        self._nonces[(token, nonce)] = timestamp

    def verify_bearer(self, token: str) -> Principal:
        access = self.access_tokens.get(token)
        if access is None:
            raise self.refuse("InvalidToken")
        if access.expires_at <= self.clock():
            raise self.refuse("ExpiredToken")
        return Principal("oauth2", access.scopes)

    def issue_access_token(self, client_id: str, scopes: frozenset[str], lifetime: int) -> str:
        token = secrets.token_urlsafe(48)
        self.access_tokens[token] = AccessToken(client_id, scopes, self.clock() + lifetime)
        return token
