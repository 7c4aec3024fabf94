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
        # NetSuite's limit is per account, whoever connects it: two portals (or two connections) on one
        # account share one governor, at the smallest limit any of them declares.
        self._governors: dict[str, Governor] = {}
        self._limits: dict[str, dict[str, int]] = {}

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

    def _governor_for(self, connection: NetSuiteConnection) -> Governor:
        account = connection.account_id.upper()
        limits = self._limits.setdefault(account, {})
        limits[connection.id] = max(1, connection.concurrency_limit)
        limit = min(limits.values())
        governor = self._governors.get(account)
        if governor is None or governor.limit != limit:
            governor = self._governors[account] = Governor(limit)
            # The account's other clients must count against the new governor too: rebuild them on use.
            for other_id, other in list(self._entries.items()):
                if other_id != connection.id and other.client.account_id.upper() == account:
                    self._retired.append(self._entries.pop(other_id).http)
        return governor

    def client_for(self, connection: NetSuiteConnection) -> NetSuiteClient:
        entry = self._entries.get(connection.id)
        if entry is not None and entry.updated_at == connection.updated_at:
            return entry.client
        if entry is not None:
            # In-flight calls may still use the old HTTP client: close it with the pool, not now.
            self._retired.append(entry.http)
        entry = self._build(connection, self._governor_for(connection))
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
        for limits in self._limits.values():
            limits.pop(connection_id, None)
        entry = self._entries.pop(connection_id, None)
        if entry is not None:
            await entry.http.aclose()

    async def aclose(self) -> None:
        clients = [e.http for e in self._entries.values()] + self._retired
        self._entries.clear()
        self._retired.clear()
        for http in clients:
            await http.aclose()
