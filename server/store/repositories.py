"""All SQL lives here. Repositories are portal-scoped: each method takes the portal it acts for."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from server.store import schema
from server.store.crypto import SecretBox, SecretDecryptionError
from server.store.records import (
    ConnectionDefaults,
    Draft,
    HubSpotInstall,
    NetSuiteConnection,
    OrderLink,
    WorkflowExecution,
)

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything we store is UTC.
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _row(row: RowMapping) -> dict[str, Any]:
    return {key: (_utc(val) if isinstance(val, datetime) else val) for key, val in row.items()}


class DuplicateError(Exception):
    """A unique constraint refused the write (the thing already exists)."""


class InstallRepository:
    def __init__(self, conn: AsyncConnection, secrets: SecretBox, clock: Clock) -> None:
        self._conn, self._secrets, self._clock = conn, secrets, clock

    async def get(self, portal_id: int) -> HubSpotInstall | None:
        t = schema.hubspot_installs
        row = (await self._conn.execute(select(t).where(t.c.portal_id == portal_id))).mappings().first()
        if row is None:
            return None
        data = _row(row)
        try:
            data["access_token"] = self._secrets.decrypt(data["access_token"])
            data["refresh_token"] = self._secrets.decrypt(data["refresh_token"])
        except SecretDecryptionError:
            # Unusable tokens are no install: the portal is asked to install again, which replaces them.
            log.warning("HubSpot tokens of portal %s cannot be decrypted", portal_id)
            return None
        return HubSpotInstall.model_validate(data)

    async def save(
        self,
        portal_id: int,
        *,
        access_token: str,
        refresh_token: str,
        expires_at: datetime,
        scopes: Sequence[str],
        hub_domain: str | None = None,
        installed_by: str | None = None,
    ) -> None:
        """Insert or replace the portal's tokens (a re-install replaces, and clears uninstalled_at)."""
        t = schema.hubspot_installs
        now = self._clock()
        values = {
            "access_token": self._secrets.encrypt(access_token),
            "refresh_token": self._secrets.encrypt(refresh_token),
            "expires_at": expires_at,
            "scopes": list(scopes),
            "updated_at": now,
            "uninstalled_at": None,
        }
        if hub_domain is not None:
            values["hub_domain"] = hub_domain
        if installed_by is not None:
            values["installed_by"] = installed_by
        result = await self._conn.execute(update(t).where(t.c.portal_id == portal_id).values(**values))
        if result.rowcount == 0:
            await self._conn.execute(
                insert(t).values(
                    portal_id=portal_id,
                    installed_at=now,
                    hub_domain=hub_domain,
                    installed_by=installed_by,
                    **{k: v for k, v in values.items() if k not in ("hub_domain", "installed_by")},
                )
            )

    async def update_tokens(
        self, portal_id: int, *, access_token: str, refresh_token: str, expires_at: datetime
    ) -> None:
        t = schema.hubspot_installs
        await self._conn.execute(
            update(t)
            .where(t.c.portal_id == portal_id)
            .values(
                access_token=self._secrets.encrypt(access_token),
                refresh_token=self._secrets.encrypt(refresh_token),
                expires_at=expires_at,
                updated_at=self._clock(),
            )
        )

    async def mark_uninstalled(self, portal_id: int) -> None:
        t = schema.hubspot_installs
        now = self._clock()
        await self._conn.execute(
            update(t).where(t.c.portal_id == portal_id).values(uninstalled_at=now, updated_at=now)
        )


class ConnectionRepository:
    def __init__(self, conn: AsyncConnection, secrets: SecretBox, clock: Clock) -> None:
        self._conn, self._secrets, self._clock = conn, secrets, clock

    def _record(self, row: RowMapping) -> NetSuiteConnection:
        data = _row(row)
        try:
            data["credentials"] = self._secrets.decrypt_json(data["credentials"])
        except SecretDecryptionError:
            # The key that wrote them is gone: the connection stays listed and removable, and using it
            # says to reconnect (NetSuitePool refuses empty credentials).
            log.warning("credentials of NetSuite connection %s cannot be decrypted", data["id"])
            data["credentials"] = {}
        data["defaults"] = ConnectionDefaults.model_validate(data["defaults"] or {})
        return NetSuiteConnection.model_validate(data)

    async def add(
        self,
        portal_id: int,
        *,
        account_id: str,
        label: str,
        auth_kind: str,
        credentials: Mapping[str, str],
        rest_base_url: str,
        app_base_url: str,
        restlet_url: str | None = None,
        concurrency_limit: int = 4,
        defaults: ConnectionDefaults | None = None,
    ) -> NetSuiteConnection:
        t = schema.netsuite_connections
        now = self._clock()
        connection_id = str(uuid.uuid4())
        try:
            async with self._conn.begin_nested():
                await self._conn.execute(
                    insert(t).values(
                        id=connection_id,
                        portal_id=portal_id,
                        account_id=account_id,
                        label=label,
                        auth_kind=auth_kind,
                        credentials=self._secrets.encrypt_json(dict(credentials)),
                        rest_base_url=rest_base_url,
                        restlet_url=restlet_url,
                        app_base_url=app_base_url,
                        concurrency_limit=concurrency_limit,
                        defaults=(defaults or ConnectionDefaults()).model_dump(),
                        created_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            raise DuplicateError(f"NetSuite account {account_id} is already connected") from None
        found = await self.get(portal_id, connection_id)
        assert found is not None
        return found

    async def get(self, portal_id: int, connection_id: str) -> NetSuiteConnection | None:
        t = schema.netsuite_connections
        row = (
            (await self._conn.execute(select(t).where(t.c.portal_id == portal_id, t.c.id == connection_id)))
            .mappings()
            .first()
        )
        return self._record(row) if row else None

    async def list(self, portal_id: int) -> list[NetSuiteConnection]:
        t = schema.netsuite_connections
        rows = await self._conn.execute(
            select(t).where(t.c.portal_id == portal_id).order_by(t.c.created_at, t.c.id)
        )
        return [self._record(row) for row in rows.mappings()]

    async def update(
        self,
        portal_id: int,
        connection_id: str,
        *,
        label: str | None = None,
        defaults: ConnectionDefaults | None = None,
        credentials: Mapping[str, str] | None = None,
        auth_kind: str | None = None,
        rest_base_url: str | None = None,
        restlet_url: str | None = None,
        concurrency_limit: int | None = None,
    ) -> NetSuiteConnection | None:
        t = schema.netsuite_connections
        values: dict[str, Any] = {"updated_at": self._clock()}
        if label is not None:
            values["label"] = label
        if defaults is not None:
            values["defaults"] = defaults.model_dump()
        if credentials is not None:
            values["credentials"] = self._secrets.encrypt_json(dict(credentials))
        if auth_kind is not None:
            values["auth_kind"] = auth_kind
        if rest_base_url is not None:
            values["rest_base_url"] = rest_base_url
        if restlet_url is not None:
            values["restlet_url"] = restlet_url or None
        if concurrency_limit is not None:
            values["concurrency_limit"] = concurrency_limit
        await self._conn.execute(
            update(t).where(t.c.portal_id == portal_id, t.c.id == connection_id).values(**values)
        )
        return await self.get(portal_id, connection_id)

    async def remove(self, portal_id: int, connection_id: str) -> bool:
        # Links and cached metadata go with the connection (explicitly: SQLite may not enforce FKs).
        for table in (schema.order_links, schema.metadata_cache):
            await self._conn.execute(
                delete(table).where(table.c.portal_id == portal_id, table.c.connection_id == connection_id)
            )
        t = schema.netsuite_connections
        result = await self._conn.execute(
            delete(t).where(t.c.portal_id == portal_id, t.c.id == connection_id)
        )
        return result.rowcount > 0


class LinkRepository:
    def __init__(self, conn: AsyncConnection, clock: Clock) -> None:
        self._conn, self._clock = conn, clock

    async def for_deal(self, portal_id: int, deal_id: str) -> list[OrderLink]:
        t = schema.order_links
        rows = await self._conn.execute(
            select(t)
            .where(t.c.portal_id == portal_id, t.c.deal_id == deal_id)
            .order_by(t.c.created_at.desc(), t.c.netsuite_id.desc())
        )
        return [OrderLink.model_validate(_row(r)) for r in rows.mappings()]

    async def get(self, portal_id: int, link_id: str) -> OrderLink | None:
        t = schema.order_links
        row = (
            (await self._conn.execute(select(t).where(t.c.portal_id == portal_id, t.c.id == link_id)))
            .mappings()
            .first()
        )
        return OrderLink.model_validate(_row(row)) if row else None

    async def link(
        self,
        portal_id: int,
        *,
        deal_id: str,
        connection_id: str,
        netsuite_id: str,
        created_via: str,
        created_by: str | None = None,
        **fields: Any,
    ) -> OrderLink:
        """Link an order to a deal once; linking the same order again returns the existing link."""
        t = schema.order_links
        now = self._clock()
        try:
            async with self._conn.begin_nested():
                await self._conn.execute(
                    insert(t).values(
                        id=str(uuid.uuid4()),
                        portal_id=portal_id,
                        deal_id=deal_id,
                        connection_id=connection_id,
                        netsuite_id=netsuite_id,
                        created_via=created_via,
                        created_by=created_by,
                        created_at=now,
                        refreshed_at=now if fields else None,
                        **fields,
                    )
                )
        except IntegrityError:
            pass
        row = (
            (
                await self._conn.execute(
                    select(t).where(
                        t.c.portal_id == portal_id,
                        t.c.deal_id == deal_id,
                        t.c.connection_id == connection_id,
                        t.c.netsuite_id == netsuite_id,
                    )
                )
            )
            .mappings()
            .one()
        )
        return OrderLink.model_validate(_row(row))

    async def refresh(self, portal_id: int, link_id: str, **fields: Any) -> None:
        t = schema.order_links
        await self._conn.execute(
            update(t)
            .where(t.c.portal_id == portal_id, t.c.id == link_id)
            .values(refreshed_at=self._clock(), **fields)
        )

    async def touch(self, portal_id: int, link_ids: Sequence[str]) -> None:
        """Mark links as confirmed by NetSuite now, their values unchanged: one statement for all."""
        if not link_ids:
            return
        t = schema.order_links
        await self._conn.execute(
            update(t)
            .where(t.c.portal_id == portal_id, t.c.id.in_(list(link_ids)))
            .values(refreshed_at=self._clock())
        )

    async def unlink(self, portal_id: int, link_id: str) -> bool:
        t = schema.order_links
        result = await self._conn.execute(delete(t).where(t.c.portal_id == portal_id, t.c.id == link_id))
        return result.rowcount > 0

    async def count_for_deal(self, portal_id: int, deal_id: str) -> int:
        t = schema.order_links
        result = await self._conn.execute(
            select(func.count()).where(t.c.portal_id == portal_id, t.c.deal_id == deal_id)
        )
        return int(result.scalar_one())


class DraftRepository:
    def __init__(self, conn: AsyncConnection, clock: Clock) -> None:
        self._conn, self._clock = conn, clock

    async def create(
        self, portal_id: int, *, deal_id: str, user_id: str | None, step: str, state: dict[str, Any]
    ) -> Draft:
        t = schema.drafts
        now = self._clock()
        draft_id = str(uuid.uuid4())
        await self._conn.execute(
            insert(t).values(
                id=draft_id,
                portal_id=portal_id,
                deal_id=deal_id,
                user_id=user_id,
                status="open",
                step=step,
                state=state,
                # Fixed for the draft's life: the NetSuite externalId that makes creation idempotent.
                external_id=f"hs-{portal_id}-{draft_id.replace('-', '')[:20]}",
                result=None,
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
        found = await self.get(portal_id, draft_id)
        assert found is not None
        return found

    async def get(self, portal_id: int, draft_id: str) -> Draft | None:
        t = schema.drafts
        row = (
            (await self._conn.execute(select(t).where(t.c.portal_id == portal_id, t.c.id == draft_id)))
            .mappings()
            .first()
        )
        return Draft.model_validate(_row(row)) if row else None

    async def open_for_deal(self, portal_id: int, deal_id: str) -> Draft | None:
        t = schema.drafts
        row = (
            (
                await self._conn.execute(
                    select(t)
                    .where(
                        t.c.portal_id == portal_id, t.c.deal_id == deal_id, t.c.status.in_(("open", "failed"))
                    )
                    .order_by(t.c.updated_at.desc())
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
        return Draft.model_validate(_row(row)) if row else None

    async def save(
        self,
        portal_id: int,
        draft_id: str,
        *,
        expected_version: int,
        step: str | None = None,
        state: dict[str, Any] | None = None,
        status: str | None = None,
        result: dict[str, Any] | None = None,
        lease_until: datetime | None = None,
        clear_lease: bool = False,
    ) -> Draft | None:
        """Compare-and-set on version: returns the new draft, or None if someone else wrote first."""
        t = schema.drafts
        values: dict[str, Any] = {"version": expected_version + 1, "updated_at": self._clock()}
        if step is not None:
            values["step"] = step
        if state is not None:
            values["state"] = state
        if status is not None:
            values["status"] = status
        if result is not None:
            values["result"] = result
        if lease_until is not None:
            values["lease_until"] = lease_until
        if clear_lease:
            values["lease_until"] = None
        outcome = await self._conn.execute(
            update(t)
            .where(t.c.portal_id == portal_id, t.c.id == draft_id, t.c.version == expected_version)
            .values(**values)
        )
        if outcome.rowcount == 0:
            return None
        return await self.get(portal_id, draft_id)

    async def claim_for_submit(self, portal_id: int, draft_id: str, *, lease: timedelta) -> Draft | None:
        """Move open/failed (or a submitting draft whose lease ran out) to submitting; None if not ours."""
        t = schema.drafts
        now = self._clock()
        outcome = await self._conn.execute(
            update(t)
            .where(
                t.c.portal_id == portal_id,
                t.c.id == draft_id,
                or_(
                    t.c.status.in_(("open", "failed")),
                    and_(t.c.status == "submitting", t.c.lease_until < now),
                ),
            )
            .values(status="submitting", lease_until=now + lease, version=t.c.version + 1, updated_at=now)
        )
        if outcome.rowcount == 0:
            return None
        return await self.get(portal_id, draft_id)


class ExecutionRepository:
    def __init__(self, conn: AsyncConnection, clock: Clock) -> None:
        self._conn, self._clock = conn, clock

    async def record(
        self, portal_id: int, *, callback_id: str, deal_id: str, inputs: dict[str, Any], external_id: str
    ) -> tuple[WorkflowExecution, bool]:
        """Store a new execution; the same callback id again returns the stored one and False."""
        t = schema.workflow_executions
        now = self._clock()
        created = True
        try:
            async with self._conn.begin_nested():
                await self._conn.execute(
                    insert(t).values(
                        id=str(uuid.uuid4()),
                        portal_id=portal_id,
                        callback_id=callback_id,
                        deal_id=deal_id,
                        state="pending",
                        attempts=0,
                        inputs=inputs,
                        external_id=external_id,
                        callback_sent=0,
                        next_attempt_at=now,
                        created_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            created = False
        row = (await self._conn.execute(select(t).where(t.c.callback_id == callback_id))).mappings().one()
        execution = _execution(row)
        if execution.portal_id != portal_id:
            # A callback id is HubSpot's and global; another portal reusing it is an attack or a bug.
            raise DuplicateError("callback id belongs to another portal")
        return execution, created

    async def get(self, portal_id: int, execution_id: str) -> WorkflowExecution | None:
        t = schema.workflow_executions
        row = (
            (await self._conn.execute(select(t).where(t.c.portal_id == portal_id, t.c.id == execution_id)))
            .mappings()
            .first()
        )
        return _execution(row) if row else None

    async def claim_due(self, *, worker: str, lease: timedelta, limit: int = 10) -> list[WorkflowExecution]:
        """Claim executions that are due, across portals (the worker's job), one worker each."""
        t = schema.workflow_executions
        now = self._clock()
        # Due: nobody holds a live claim, the time has come, and work or the HubSpot callback is left.
        due = and_(
            or_(t.c.claimed_until.is_(None), t.c.claimed_until < now),
            t.c.next_attempt_at <= now,
            or_(t.c.state.in_(("pending", "running")), t.c.callback_sent == 0),
        )
        ids = [
            r[0]
            for r in await self._conn.execute(
                select(t.c.id).where(due).order_by(t.c.next_attempt_at).limit(limit)
            )
        ]
        claimed: list[WorkflowExecution] = []
        for execution_id in ids:
            # Each claim is a compare-and-set: of two workers racing, exactly one update matches.
            outcome = await self._conn.execute(
                update(t)
                .where(t.c.id == execution_id, due)
                .values(
                    claimed_by=worker,
                    claimed_until=now + lease,
                    updated_at=now,
                )
            )
            if outcome.rowcount:
                row = (await self._conn.execute(select(t).where(t.c.id == execution_id))).mappings().one()
                claimed.append(_execution(row))
        return claimed

    async def update(self, execution_id: str, *, worker: str, **values: Any) -> bool:
        """Write as the claiming worker only; False if the claim was lost to another worker."""
        t = schema.workflow_executions
        if "callback_sent" in values:
            values["callback_sent"] = int(bool(values["callback_sent"]))
        outcome = await self._conn.execute(
            update(t)
            .where(t.c.id == execution_id, t.c.claimed_by == worker)
            .values(updated_at=self._clock(), **values)
        )
        return bool(outcome.rowcount)


def _execution(row: RowMapping) -> WorkflowExecution:
    data = _row(row)
    data["callback_sent"] = bool(data["callback_sent"])
    return WorkflowExecution.model_validate(data)


class MetadataCacheRepository:
    def __init__(self, conn: AsyncConnection, clock: Clock) -> None:
        self._conn, self._clock = conn, clock

    async def get(
        self, portal_id: int, connection_id: str, key: str, *, max_age: timedelta | None = None
    ) -> Any | None:
        t = schema.metadata_cache
        row = (
            await self._conn.execute(
                select(t.c.value, t.c.fetched_at).where(
                    t.c.portal_id == portal_id, t.c.connection_id == connection_id, t.c.key == key
                )
            )
        ).first()
        if row is None:
            return None
        fetched_at = _utc(row.fetched_at)
        if max_age is not None and fetched_at is not None and self._clock() - fetched_at > max_age:
            return None
        return row.value

    async def put(self, portal_id: int, connection_id: str, key: str, value: Any) -> None:
        t = schema.metadata_cache
        now = self._clock()
        outcome = await self._conn.execute(
            update(t)
            .where(t.c.portal_id == portal_id, t.c.connection_id == connection_id, t.c.key == key)
            .values(value=value, fetched_at=now)
        )
        if outcome.rowcount == 0:
            try:
                async with self._conn.begin_nested():
                    await self._conn.execute(
                        insert(t).values(
                            portal_id=portal_id,
                            connection_id=connection_id,
                            key=key,
                            value=value,
                            fetched_at=now,
                        )
                    )
            except IntegrityError:
                pass  # a concurrent writer cached the same key first; theirs is as fresh

    async def clear(self, portal_id: int, connection_id: str) -> int:
        """Forget everything cached for the connection; how many entries went."""
        t = schema.metadata_cache
        outcome = await self._conn.execute(
            delete(t).where(t.c.portal_id == portal_id, t.c.connection_id == connection_id)
        )
        return int(outcome.rowcount or 0)


class Transaction:
    """One database transaction with every repository bound to it."""

    def __init__(self, conn: AsyncConnection, secrets: SecretBox, clock: Clock) -> None:
        self.connection = conn
        self.installs = InstallRepository(conn, secrets, clock)
        self.connections = ConnectionRepository(conn, secrets, clock)
        self.links = LinkRepository(conn, clock)
        self.drafts = DraftRepository(conn, clock)
        self.executions = ExecutionRepository(conn, clock)
        self.metadata = MetadataCacheRepository(conn, clock)


class SqlStore:
    """The app's persistence: `async with store.transaction() as tx:` commits, or rolls back on error."""

    def __init__(self, engine: AsyncEngine, secrets: SecretBox, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.secrets = secrets
        self.clock = clock

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self.engine.begin() as conn:
            yield Transaction(conn, self.secrets, self.clock)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(select(1))
