"""HubSpot OAuth for a marketplace app: install (authorize + code exchange) and per-portal access tokens.

Tokens use HubSpot's date-versioned endpoints (`/oauth/2026-03/token`, credentials in the form body; the
v1 endpoints are deprecated). Access tokens live 30 minutes; we refresh 5 minutes early, one refresh per
portal at a time in this process, and re-read the store under the lock so a token another worker just
stored is reused. HubSpot refresh tokens do not rotate, so a concurrent refresh in another process is
harmless.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import time
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from server import metrics
from server.config import Settings
from server.hubspot import app_definition
from server.hubspot.errors import HubSpotAuthRevoked, HubSpotError, HubSpotNotInstalled, HubSpotOAuthError
from server.store.records import HubSpotInstall
from server.store.repositories import Clock, SqlStore, utc_now

log = logging.getLogger(__name__)

TOKEN_PATH = "/oauth/2026-03/token"  # noqa: S105 - an endpoint path, not a secret
INTROSPECT_PATH = "/oauth/2026-03/token/introspect"
REVOKE_PATH = "/oauth/2026-03/token/revoke"
STATE_MAX_AGE_SECONDS = 600
REFRESH_MARGIN = timedelta(minutes=5)
# What HubSpot answers (400) for a refresh token that was revoked, e.g. because the app was uninstalled.
_REVOKED_MARKERS = ("BAD_REFRESH_TOKEN", "invalid_grant", "INVALID_TOKEN", "BAD_AUTH_CODE")


def _development_key(settings: Settings) -> list[str]:
    # Matches build_services: only tests and the demo run without SALESORDERS_SECRET_KEY.
    return settings.secret_keys or ["insecure-development-key"]


class HubSpotTokens:
    """Installs the app for a portal and hands out a valid access token for it."""

    def __init__(
        self, store: SqlStore, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utc_now
    ) -> None:
        self._store = store
        self._http = http
        self._settings = settings
        self._clock = clock
        self._locks: dict[int, asyncio.Lock] = {}
        # itsdangerous signs with the last key and verifies with all: the first configured key signs.
        self._states = URLSafeTimedSerializer(
            list(reversed(_development_key(settings))), salt="hubspot-oauth-state"
        )

    @property
    def redirect_uri(self) -> str:
        return self._settings.public_base_url + "/oauth/callback"

    # -- install -------------------------------------------------------------------------------------

    def new_state(self) -> tuple[str, str]:
        """A signed `state` and the nonce to set as a cookie; the callback needs both (no login CSRF)."""
        nonce = secrets.token_urlsafe(24)
        return self._states.dumps({"nonce": nonce}), nonce

    def check_state(self, state: str | None, nonce: str | None) -> None:
        if not state or not nonce:
            raise HubSpotOAuthError("The install link is incomplete. Start the install again from HubSpot.")
        try:
            data = self._states.loads(state, max_age=STATE_MAX_AGE_SECONDS)
        except SignatureExpired:
            raise HubSpotOAuthError(
                "The install took longer than 10 minutes. Start the install again from HubSpot."
            ) from None
        except BadSignature:
            raise HubSpotOAuthError("The install link is not valid. Start the install again.") from None
        signed_nonce = data.get("nonce") if isinstance(data, dict) else None
        if not isinstance(signed_nonce, str) or not hmac.compare_digest(signed_nonce, nonce):
            raise HubSpotOAuthError(
                "This install was started in another browser. Start the install again here."
            )

    def authorize_url(self, state: str) -> str:
        query = {
            "client_id": self._settings.hubspot_client_id,
            "redirect_uri": self.redirect_uri,
            "scope": " ".join(app_definition.required_scopes()),
            "state": state,
        }
        optional = app_definition.optional_scopes()
        if optional:
            query["optional_scope"] = " ".join(optional)
        return f"{self._settings.hubspot_auth_base_url}/oauth/authorize?{urlencode(query)}"

    async def exchange_code(self, code: str) -> HubSpotInstall:
        """Trade the authorization code for tokens, store them encrypted, and return the install."""
        if not code or len(code) > 512:
            raise HubSpotOAuthError("HubSpot sent no usable authorization code. Start the install again.")
        started = self._clock()
        body = await self._token_call(
            "oauth.exchange",
            {"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri},
            failure=HubSpotOAuthError(
                "HubSpot did not accept the install (the code may have expired). Start the install again."
            ),
        )
        access, refresh, expires_at = self._tokens_of(body, started)
        meta = await self._introspect(access)
        hub_id = body.get("hub_id", meta.get("hub_id"))
        if not isinstance(hub_id, int | str) or not str(hub_id).isdigit():
            raise HubSpotError("HubSpot did not say which account installed the app. Try again.")
        portal_id = int(hub_id)
        scopes = body.get("scopes") or meta.get("scopes") or []
        async with self._store.transaction() as tx:
            await tx.installs.save(
                portal_id,
                access_token=access,
                refresh_token=refresh,
                expires_at=expires_at,
                scopes=[str(s) for s in scopes],
                hub_domain=_str(meta.get("hub_domain")),
                installed_by=_str(meta.get("user")),
            )
            install = await tx.installs.get(portal_id)
        assert install is not None
        log.info("HubSpot portal %s installed the app", portal_id)
        return install

    async def uninstall(self, portal_id: int) -> None:
        """Forget the portal's access: revoke the refresh token at HubSpot (best effort), mark uninstalled."""
        async with self._store.transaction() as tx:
            install = await tx.installs.get(portal_id)
            await tx.installs.mark_uninstalled(portal_id)
        if install is None:
            return
        try:
            await self._http.post(REVOKE_PATH, data=self._credentials(token=install.refresh_token))
        except httpx.HTTPError as exc:
            log.warning("could not revoke the refresh token of portal %s: %s", portal_id, type(exc).__name__)

    # -- access tokens -------------------------------------------------------------------------------

    async def access_token(self, portal_id: int) -> str:
        install = await self._install(portal_id)
        if self._fresh(install):
            return install.access_token
        async with self._lock(portal_id):
            install = await self._install(portal_id)
            if self._fresh(install):
                return install.access_token
            return await self._refresh(install)

    async def refresh_rejected(self, portal_id: int, rejected: str) -> str:
        """HubSpot refused `rejected` before its expiry: refresh once, unless someone already did."""
        async with self._lock(portal_id):
            install = await self._install(portal_id)
            if install.access_token != rejected and self._fresh(install):
                return install.access_token
            return await self._refresh(install)

    def _lock(self, portal_id: int) -> asyncio.Lock:
        return self._locks.setdefault(portal_id, asyncio.Lock())

    def _fresh(self, install: HubSpotInstall) -> bool:
        return self._clock() < install.expires_at - REFRESH_MARGIN

    async def _install(self, portal_id: int) -> HubSpotInstall:
        async with self._store.transaction() as tx:
            install = await tx.installs.get(portal_id)
        if install is None:
            raise HubSpotNotInstalled(portal_id)
        if install.uninstalled_at is not None:
            raise HubSpotAuthRevoked(portal_id)
        return install

    async def _refresh(self, install: HubSpotInstall) -> str:
        started = self._clock()
        body = await self._token_call(
            "oauth.refresh",
            {"grant_type": "refresh_token", "refresh_token": install.refresh_token},
            failure=None,
            portal_id=install.portal_id,
        )
        access, refresh, expires_at = self._tokens_of(body, started)
        async with self._store.transaction() as tx:
            await tx.installs.update_tokens(
                install.portal_id, access_token=access, refresh_token=refresh, expires_at=expires_at
            )
        return access

    # -- HubSpot's token endpoints ------------------------------------------------------------------

    def _credentials(self, **fields: str) -> dict[str, str]:
        return {
            "client_id": self._settings.hubspot_client_id,
            "client_secret": self._settings.hubspot_client_secret.get_secret_value(),
            **fields,
        }

    async def _token_call(
        self,
        operation: str,
        fields: dict[str, str],
        *,
        failure: HubSpotOAuthError | None,
        portal_id: int | None = None,
    ) -> dict[str, Any]:
        began = time.perf_counter()
        try:
            response = await self._http.post(TOKEN_PATH, data=self._credentials(**fields))
        except httpx.HTTPError as exc:
            metrics.VENDOR_CALLS.labels("hubspot", operation, "network").inc()
            log.warning("HubSpot token endpoint unreachable: %s", type(exc).__name__)
            raise HubSpotError("HubSpot could not be reached. Try again in a moment.") from None
        finally:
            metrics.VENDOR_SECONDS.labels("hubspot", operation).observe(time.perf_counter() - began)
        body = _json(response)
        if response.status_code == 200 and body.get("access_token"):
            metrics.VENDOR_CALLS.labels("hubspot", operation, "ok").inc()
            return body
        metrics.VENDOR_CALLS.labels("hubspot", operation, str(response.status_code)).inc()
        log.warning(
            "HubSpot refused %s (%s): %s %s",
            operation,
            response.status_code,
            body.get("status") or body.get("category"),
            body.get("message"),
        )
        if failure is not None and 400 <= response.status_code < 500:
            raise failure
        if portal_id is not None and response.status_code in (400, 401) and _revoked(body):
            async with self._store.transaction() as tx:
                await tx.installs.mark_uninstalled(portal_id)
            raise HubSpotAuthRevoked(portal_id)
        raise HubSpotError("HubSpot did not renew the app's access. Try again in a moment.")

    async def _introspect(self, token: str) -> dict[str, Any]:
        try:
            response = await self._http.post(
                INTROSPECT_PATH,
                data=self._credentials(token=token, token_type_hint="access_token"),  # noqa: S106 - a field name
            )
        except httpx.HTTPError:
            return {}
        return _json(response) if response.status_code == 200 else {}

    def _tokens_of(self, body: dict[str, Any], started: datetime) -> tuple[str, str, datetime]:
        access, refresh = body.get("access_token"), body.get("refresh_token")
        expires_in = body.get("expires_in")
        if not isinstance(access, str) or not isinstance(refresh, str) or not isinstance(expires_in, int):
            raise HubSpotError("HubSpot answered the token request with something unexpected. Try again.")
        # Count from before the call, so a slow answer never makes us think the token lives longer.
        return access, refresh, started + timedelta(seconds=expires_in)


def _revoked(body: dict[str, Any]) -> bool:
    return any(str(body.get(key, "")) in _REVOKED_MARKERS for key in ("status", "error", "subCategory"))


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
