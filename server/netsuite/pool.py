"""One pooled, authenticated NetSuiteClient per connection, rebuilt when the connection changes.

The pool owns the httpx.AsyncClients (keep-alive per account) and the governors: every request to one
NetSuite account, from any card or workflow call in this process, goes through that account's governor.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

import httpx

from server.config import Settings
from server.netsuite.auth import M2MAuth, TbaAuth
from server.netsuite.client import NetSuiteClient
from server.netsuite.errors import NetSuiteAuthError, NetSuiteNotConfigured
from server.netsuite.governor import Governor
from server.store.records import NetSuiteConnection

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
PROBE_BUDGET_SECONDS = 2.0
OAUTH2_ENDPOINT = "/services/rest/auth/oauth2/v1/token"
# The keys of NetSuiteConnection.credentials, by auth kind.
TBA_KEYS = ("token_id", "token_secret")  # optional: consumer_key, consumer_secret
M2M_KEYS = ("client_id", "certificate_id", "private_key")


def token_url(rest_base_url: str) -> str:
    return rest_base_url.rstrip("/") + OAUTH2_ENDPOINT


@dataclass
class _Entry:
    updated_at: datetime
    http: httpx.AsyncClient
    client: NetSuiteClient


class NetSuitePool:
    """Hands out the client for a connection; `aclose()` closes every pooled HTTP client."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._settings = settings
        self._transport = transport
        self._entries: dict[str, _Entry] = {}
        self._retired: list[httpx.AsyncClient] = []

    def auth_for(self, connection: NetSuiteConnection) -> httpx.Auth:
        creds = connection.credentials
        if not all(creds.get(key) for key in (M2M_KEYS if connection.auth_kind == "m2m" else TBA_KEYS)):
            # Stored credentials that could not be decrypted (their key is gone): only reconnecting helps.
            raise NetSuiteAuthError(operation="credentials")
        if connection.auth_kind == "m2m":
            return M2MAuth(
                token_url=token_url(connection.rest_base_url),
                client_id=creds["client_id"],
                certificate_id=creds["certificate_id"],
                private_key_pem=creds["private_key"],
            )
        consumer_key = creds.get("consumer_key") or self._settings.netsuite_consumer_key
        consumer_secret = (
            creds.get("consumer_secret") or self._settings.netsuite_consumer_secret.get_secret_value()
        )
        if not consumer_key or not consumer_secret:
            raise NetSuiteNotConfigured(
                "This app has no NetSuite integration record configured (SALESORDERS_NETSUITE_CONSUMER_KEY "
                "and SALESORDERS_NETSUITE_CONSUMER_SECRET). Ask the app's operator to set them."
            )
        return TbaAuth(
            account_id=connection.account_id,
            consumer_key=consumer_key,
            consumer_secret=consumer_secret,
            token_id=creds["token_id"],
            token_secret=creds["token_secret"],
        )

    def _build(self, connection: NetSuiteConnection, governor: Governor) -> _Entry:
        limit = max(1, connection.concurrency_limit)
        http = httpx.AsyncClient(
            auth=self.auth_for(connection),
            timeout=TIMEOUT,
            transport=self._transport,
            limits=httpx.Limits(max_connections=limit * 2, max_keepalive_connections=limit),
            follow_redirects=False,  # a redirect would re-send signed credentials to another URL
        )
        client = NetSuiteClient(
            http,
            governor=governor,
            account_id=connection.account_id,
            rest_base_url=connection.rest_base_url,
            restlet_url=connection.restlet_url,
            app_base_url=connection.app_base_url,
        )
        return _Entry(connection.updated_at, http, client)

    def client_for(self, connection: NetSuiteConnection) -> NetSuiteClient:
        entry = self._entries.get(connection.id)
        if entry is not None and entry.updated_at == connection.updated_at:
            return entry.client
        governor = None
        if entry is not None:
            # In-flight calls may still use the old HTTP client: close it with the pool, not now.
            self._retired.append(entry.http)
            if entry.client.governor.limit == connection.concurrency_limit:
                governor = entry.client.governor  # keep counting the calls still in flight
        entry = self._build(connection, governor or Governor(max(1, connection.concurrency_limit)))
        self._entries[connection.id] = entry
        return entry.client

    @contextlib.asynccontextmanager
    async def probe(self, connection: NetSuiteConnection) -> AsyncIterator[NetSuiteClient]:
        """A throw-away client for credentials not saved yet (the connection test before saving)."""
        # An admin is waiting for the answer: retry briefly, then say what failed.
        governor = Governor(max(1, connection.concurrency_limit), budget_seconds=PROBE_BUDGET_SECONDS)
        entry = self._build(connection, governor)
        try:
            yield entry.client
        finally:
            await entry.http.aclose()

    async def discard(self, connection_id: str) -> None:
        entry = self._entries.pop(connection_id, None)
        if entry is not None:
            await entry.http.aclose()

    async def aclose(self) -> None:
        clients = [e.http for e in self._entries.values()] + self._retired
        self._entries.clear()
        self._retired.clear()
        for http in clients:
            await http.aclose()
