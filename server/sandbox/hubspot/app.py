"""HubSpotSandbox: one HubSpot portal as a Starlette app, with in-memory state and knobs for tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.hubspot import app_definition
from server.sandbox.hubspot import automation, crm, files, oauth
from server.sandbox.hubspot.automation import CompletedCallback
from server.sandbox.hubspot.limits import RollingWindow
from server.sandbox.hubspot.oauth import AccessToken, PendingCode
from server.sandbox.hubspot.seed import (
    ACCESS_TOKEN_SECONDS,
    APP_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    FILES_BASE_URL,
    PORTAL_ID,
    Seed,
    SeedFile,
    default_seed,
)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    authorization: str | None
    body: bytes


class _Recorder:
    """Records every request (with its body) before the app sees it."""

    def __init__(self, app: ASGIApp, log: list[RecordedRequest]) -> None:
        self.app, self.log = app, log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        self.log.append(
            RecordedRequest(
                method=scope["method"],
                path=scope["path"],
                query=scope.get("query_string", b"").decode("latin-1"),
                authorization=headers.get("authorization"),
                body=body,
            )
        )
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class HubSpotSandbox:
    """In-process HubSpot portal: OAuth, CRM v3/v4, files, workflow callbacks, HubSpot's rate limit."""

    def __init__(
        self,
        *,
        client_id: str = CLIENT_ID,
        client_secret: str = CLIENT_SECRET,
        app_id: int = APP_ID,
        portal_id: int = PORTAL_ID,
        redirect_urls: Sequence[str] = ("http://127.0.0.1:8000/oauth/callback",),
        seed: Seed | None = None,
        files_base_url: str = FILES_BASE_URL,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        seed = seed or default_seed()
        self.client_id, self.client_secret, self.app_id = client_id, client_secret, app_id
        self.portal_id = portal_id
        self.redirect_urls = list(redirect_urls)
        self.required_scopes = app_definition.required_scopes()
        self.optional_scopes = app_definition.optional_scopes()
        self.files_base_url = files_base_url.rstrip("/")
        self.clock = clock
        self.objects = {kind: {k: dict(v) for k, v in items.items()} for kind, items in seed.objects.items()}
        self._edges = list(seed.associations)
        self.files: dict[str, SeedFile] = dict(seed.files)
        # OAuth state
        self.codes: dict[str, PendingCode] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, list[str]] = {}
        self.issued = 0
        self.deny_consent = False
        # What tests look at
        self.token_requests: list[str] = []  # grant_type of every token call
        self.requests: list[RecordedRequest] = []
        self.callbacks: list[CompletedCallback] = []
        self.downloads: list[str] = []
        self.limits = RollingWindow(monotonic)
        self.faults: list[int] = []  # knob: statuses the next API calls answer with
        inner = Starlette(routes=[*oauth.routes(), *crm.routes(), *files.routes(), *automation.routes()])
        inner.state.sandbox = self
        self.app: ASGIApp = _Recorder(inner, self.requests)

    # -- knobs ----------------------------------------------------------------------------------------

    def revoke_tokens(self) -> None:
        """As if the app were uninstalled: every access and refresh token stops working."""
        self.access_tokens.clear()
        self.refresh_tokens.clear()

    def expire_access_tokens(self) -> None:
        for token in self.access_tokens.values():
            token.expires_at = self.clock() - 1

    def throttle_next(self, count: int = 1, *, retry_after: float | None = None) -> None:
        """The next `count` API calls answer 429 (with Retry-After when given)."""
        self.limits.forced.extend([retry_after] * count)

    def fail_next(self, count: int = 1, *, status: int = 502) -> None:
        """The next `count` API calls (after the token check) answer `status`, as an outage would."""
        self.faults.extend([status] * count)

    def delete(self, object_type: str, object_id: str) -> None:
        self.objects.get(object_type, {}).pop(object_id, None)

    def grant_tokens(self, *, scopes: Sequence[str] | None = None) -> tuple[str, str]:
        """A (refresh, access) pair as if the portal had just installed the app (for demo wiring)."""
        refresh = f"na1-seeded-{len(self.refresh_tokens) + 1}"
        granted = list(scopes or self.required_scopes)
        self.refresh_tokens[refresh] = granted
        self.issued += 1
        access = f"CK{self.issued:04d}-seeded"
        self.access_tokens[access] = AccessToken(self.portal_id, granted, self.clock() + ACCESS_TOKEN_SECONDS)
        return refresh, access

    # -- reads used by the route modules --------------------------------------------------------------

    def associated(self, object_type: str, object_id: str, to_type: str) -> list[tuple[str, bool]]:
        """(id, primary) of the `to_type` records associated with one record, either direction."""
        found: list[tuple[str, bool]] = []
        for from_type, from_id, other_type, other_id, primary in self._edges:
            if (from_type, from_id, other_type) == (object_type, object_id, to_type):
                candidate = (other_id, primary)
            elif (other_type, other_id, from_type) == (object_type, object_id, to_type):
                candidate = (from_id, primary)
            else:
                continue
            # Associations to deleted records disappear, as in HubSpot.
            if candidate[0] in self.objects.get(to_type, {}):
                found.append(candidate)
        return found

    def api_requests(self, prefix: str = "/crm/") -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.startswith(prefix)]
