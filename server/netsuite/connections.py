"""Connecting NetSuite accounts: test credentials with a real call, then save, change or remove them.

A failed test names the one thing the admin should fix, and the input it belongs to (`fields`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel

from server.errors import AppError, ConflictError, NotFoundError
from server.netsuite import errors
from server.netsuite.client import NetSuiteClient
from server.netsuite.pool import NetSuitePool
from server.store.records import AuthKind, ConnectionDefaults, NetSuiteConnection
from server.store.repositories import DuplicateError, SqlStore

PROBE_ID = "connection-test"
LOGIN_AUDIT = "Setup > Users/Roles > User Management > View Login Audit Trail"


class ConnectionTest(BaseModel):
    ok: bool
    message: str


class MetadataReload(BaseModel):
    ok: bool
    cleared: int
    message: str


class ConnectionTestFailed(AppError):
    status_code = 422
    code = "connection_test_failed"


class ConnectionDraft(BaseModel):
    """A connection as the admin entered it, normalised, before it is saved."""

    account_id: str
    label: str
    auth_kind: AuthKind
    credentials: dict[str, str]
    rest_base_url: str
    restlet_url: str | None
    app_base_url: str
    concurrency_limit: int
    rest_base_url_overridden: bool = False


def _credential_fields(auth_kind: AuthKind) -> list[str]:
    return ["tokenId", "tokenSecret"] if auth_kind == "tba" else ["clientId", "certificateId", "privateKey"]


def failure_for(
    exc: errors.NetSuiteError, *, account_id: str, auth_kind: AuthKind, overridden: bool
) -> ConnectionTestFailed:
    """The admin's next step for each way a connection test fails."""
    where = "restBaseUrl" if overridden else "accountId"
    said = f" NetSuite said: {exc.netsuite_message}" if exc.netsuite_message else ""
    if isinstance(exc, errors.RestletUnavailable):
        return ConnectionTestFailed(
            "The RESTlet URL does not answer: the script is not deployed (or the URL's script/deploy ids are "
            "wrong). Deploy the SuiteApp in NetSuite and copy the deployment's External URL, or leave the "
            "RESTlet URL empty." + said,
            fields={"restletUrl": "The RESTlet is not deployed at this URL."},
        )
    if isinstance(exc, errors.NetSuiteFeatureDisabled):
        return ConnectionTestFailed(
            f"REST web services are not enabled in NetSuite account {account_id}. Enable REST Web Services "
            "and Token-based Authentication (or OAuth 2.0) at Setup > Company > Enable Features > "
            "SuiteCloud, then try again." + said,
            fields={where: "A required NetSuite feature is not enabled in this account."},
        )
    if isinstance(exc, errors.NetSuiteAuthError):
        what = (
            "the token ID and token secret" if auth_kind == "tba"
            else "the client ID, certificate ID and private key (and that the certificate is mapped to "
            "this integration and role)"
        )  # fmt: skip
        # NetSuite answers a typo'd account id that exists, a token from another account and a revoked
        # token all with the same INVALID_LOGIN: say so rather than guess.
        return ConnectionTestFailed(
            f"NetSuite account {account_id} refused the login. Check {what}, and that they were created "
            f"in this account. NetSuite's Login Audit Trail ({LOGIN_AUDIT}) shows the exact reason.",
            fields={f: "NetSuite refused these credentials." for f in _credential_fields(auth_kind)},
        )
    if isinstance(exc, errors.NetSuitePermissionError):
        return ConnectionTestFailed(
            "NetSuite accepted the login, but the token's role lacks a permission. Give the role "
            "'REST Web Services', 'Log in using Access Tokens' (or OAuth 2.0) and 'SuiteAnalytics "
            "Workbook', plus view access to subsidiaries, customers, items and sales orders." + said,
            fields={_credential_fields(auth_kind)[0]: "This token's role is missing a permission."},
        )
    if isinstance(exc, errors.NetSuiteNotFoundError) or (
        isinstance(exc, errors.NetSuiteUnavailable) and exc.netsuite_code == "ConnectError"
    ):
        return ConnectionTestFailed(
            f"No NetSuite account answers at {account_id}. Check the account ID (Setup > Company > "
            "Company Information; sandboxes look like 1234567_SB1)"
            + (" and the REST base URL." if overridden else "."),
            fields={where: "No NetSuite account answers here."},
        )
    if isinstance(exc, errors.NetSuiteConcurrencyLimited | errors.NetSuiteUnavailable):
        return ConnectionTestFailed(exc.message)
    return ConnectionTestFailed(f"NetSuite refused the connection test.{said}")


async def run_test(client: NetSuiteClient, draft: ConnectionDraft) -> ConnectionTest:
    """One cheap SuiteQL call, plus the RESTlet's form list when it has a URL; ConnectionTestFailed if not."""
    try:
        await client.ping()
        if draft.restlet_url:
            await client.forms()
    except errors.NetSuiteError as exc:
        raise failure_for(
            exc, account_id=draft.account_id, auth_kind=draft.auth_kind,
            overridden=draft.rest_base_url_overridden,
        ) from None  # fmt: skip
    return ConnectionTest(ok=True, message=f"Connected to NetSuite account {draft.account_id}")


def _probe_record(draft: ConnectionDraft, portal_id: int, now: datetime) -> NetSuiteConnection:
    return NetSuiteConnection(
        id=PROBE_ID, portal_id=portal_id, account_id=draft.account_id, label=draft.label,
        auth_kind=draft.auth_kind, credentials=draft.credentials, rest_base_url=draft.rest_base_url,
        restlet_url=draft.restlet_url, app_base_url=draft.app_base_url,
        concurrency_limit=draft.concurrency_limit, defaults=ConnectionDefaults(),
        created_at=now, updated_at=now,
    )  # fmt: skip


def _draft_of(connection: NetSuiteConnection) -> ConnectionDraft:
    return ConnectionDraft(
        account_id=connection.account_id, label=connection.label, auth_kind=connection.auth_kind,
        credentials=connection.credentials, rest_base_url=connection.rest_base_url,
        restlet_url=connection.restlet_url, app_base_url=connection.app_base_url,
        concurrency_limit=connection.concurrency_limit,
    )  # fmt: skip


class ConnectionService:
    """The settings page's use cases, scoped to the portal that signed the request."""

    def __init__(self, store: SqlStore, pool: NetSuitePool) -> None:
        self._store = store
        self._pool = pool

    async def test_draft(self, portal_id: int, draft: ConnectionDraft) -> ConnectionTest:
        async with self._pool.probe(_probe_record(draft, portal_id, self._store.clock())) as client:
            return await run_test(client, draft)

    async def add_connection(
        self, portal_id: int, draft: ConnectionDraft
    ) -> tuple[NetSuiteConnection, ConnectionTest]:
        """Test first, save after: credentials NetSuite refuses are never stored."""
        test = await self.test_draft(portal_id, draft)
        try:
            async with self._store.transaction() as tx:
                saved = await tx.connections.add(
                    portal_id, account_id=draft.account_id, label=draft.label, auth_kind=draft.auth_kind,
                    credentials=draft.credentials, rest_base_url=draft.rest_base_url,
                    app_base_url=draft.app_base_url, restlet_url=draft.restlet_url,
                    concurrency_limit=draft.concurrency_limit,
                )  # fmt: skip
        except DuplicateError:
            raise ConflictError(
                f"NetSuite account {draft.account_id} is already connected.",
                code="already_connected", fields={"accountId": "This account is already connected."},
            ) from None  # fmt: skip
        return saved, test

    async def get(self, portal_id: int, connection_id: str) -> NetSuiteConnection:
        async with self._store.transaction() as tx:
            found = await tx.connections.get(portal_id, connection_id)
        if found is None:
            raise NotFoundError("This NetSuite connection does not exist.", code="connection_not_found")
        return found

    async def list(self, portal_id: int) -> list[NetSuiteConnection]:
        async with self._store.transaction() as tx:
            return await tx.connections.list(portal_id)

    async def test_saved(self, portal_id: int, connection_id: str) -> ConnectionTest:
        connection = await self.get(portal_id, connection_id)
        return await run_test(self._pool.client_for(connection), _draft_of(connection))

    async def update_defaults(
        self,
        portal_id: int,
        connection_id: str,
        *,
        label: str | None = None,
        defaults: Mapping[str, object] | None = None,
        restlet_url: str | None = None,
        concurrency_limit: int | None = None,
    ) -> NetSuiteConnection:
        """Change what the admin may change after connecting; a new RESTlet URL is tested first."""
        current = await self.get(portal_id, connection_id)
        merged = None
        if defaults:
            merged = ConnectionDefaults.model_validate(current.defaults.model_dump() | dict(defaults))
        if restlet_url:  # "" removes the RESTlet; a new URL must answer before it is saved
            draft = _draft_of(current).model_copy(update={"restlet_url": restlet_url})
            await self.test_draft(portal_id, draft)
        async with self._store.transaction() as tx:
            updated = await tx.connections.update(
                portal_id, connection_id, label=label, defaults=merged, restlet_url=restlet_url,
                concurrency_limit=concurrency_limit,
            )  # fmt: skip
        if updated is None:
            raise NotFoundError("This NetSuite connection does not exist.", code="connection_not_found")
        return updated

    async def reload_metadata(self, portal_id: int, connection_id: str) -> MetadataReload:
        """Forget the connection's cached form metadata and catalog: the next flow reads NetSuite live."""
        connection = await self.get(portal_id, connection_id)
        async with self._store.transaction() as tx:
            cleared = await tx.metadata.clear(portal_id, connection.id)
        # The catalog names live in this process's pooled client; other workers' copies only rename
        # standard fields, which an admin cannot add, so a stale copy elsewhere renames nothing wrongly.
        self._pool.client_for(connection).forget_catalog()
        return MetadataReload(
            ok=True,
            cleared=cleared,
            message=f"The next order for {connection.label} reads its form fields from NetSuite again.",
        )

    async def remove(self, portal_id: int, connection_id: str) -> None:
        async with self._store.transaction() as tx:
            removed = await tx.connections.remove(portal_id, connection_id)
        if not removed:
            raise NotFoundError("This NetSuite connection does not exist.", code="connection_not_found")
        await self._pool.discard(connection_id)
