"""Store tests: run on SQLite and PostgreSQL alike (the `store` fixture is parametrised)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from server.store import schema
from server.store.crypto import SecretBox
from server.store.records import ConnectionDefaults, NetSuiteConnection
from server.store.repositories import DuplicateError, SqlStore

PORTAL_A = 1001
PORTAL_B = 2002


async def make_connection(
    store: SqlStore, portal_id: int = PORTAL_A, **overrides: object
) -> NetSuiteConnection:
    values: dict[str, object] = {
        "account_id": "123456_SB1",
        "label": "Sandbox",
        "auth_kind": "tba",
        "credentials": {"token_id": "tok-id-1", "token_secret": "tok-secret-very-private"},
        "rest_base_url": "https://123456-sb1.suitetalk.api.netsuite.com",
        "app_base_url": "https://123456-sb1.app.netsuite.com",
    }
    values.update(overrides)
    async with store.transaction() as tx:
        return await tx.connections.add(portal_id, **values)  # type: ignore[arg-type]


async def test_connection_round_trips_with_decrypted_credentials(store: SqlStore) -> None:
    created = await make_connection(store)
    async with store.transaction() as tx:
        found = await tx.connections.get(PORTAL_A, created.id)
    assert found is not None
    assert found.credentials == {"token_id": "tok-id-1", "token_secret": "tok-secret-very-private"}
    assert found.defaults == ConnectionDefaults()
    assert found.created_at.tzinfo is not None


async def test_no_secret_is_stored_in_plaintext(store: SqlStore) -> None:
    await make_connection(store)
    async with store.transaction() as tx:
        await tx.installs.save(
            PORTAL_A,
            access_token="hubspot-access-token-plain",
            refresh_token="hubspot-refresh-token-plain",
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
            scopes=["oauth"],
        )
    async with store.engine.connect() as conn:
        rows = [
            *(await conn.execute(select(schema.netsuite_connections))).mappings(),
            *(await conn.execute(select(schema.hubspot_installs))).mappings(),
        ]
    raw = " ".join(str(dict(row)) for row in rows)
    for secret in (
        "tok-secret-very-private",
        "tok-id-1",
        "hubspot-access-token-plain",
        "hubspot-refresh-token-plain",
    ):
        assert secret not in raw


async def test_duplicate_account_in_one_portal_is_refused_but_another_portal_may_connect_it(
    store: SqlStore,
) -> None:
    await make_connection(store)
    with pytest.raises(DuplicateError):
        await make_connection(store)
    other = await make_connection(store, PORTAL_B)
    assert other.portal_id == PORTAL_B


async def test_portals_never_see_each_others_connections(store: SqlStore) -> None:
    mine = await make_connection(store)
    async with store.transaction() as tx:
        assert await tx.connections.get(PORTAL_B, mine.id) is None
        assert await tx.connections.list(PORTAL_B) == []
        assert await tx.connections.update(PORTAL_B, mine.id, label="stolen") is None
        assert await tx.connections.remove(PORTAL_B, mine.id) is False
        still = await tx.connections.get(PORTAL_A, mine.id)
    assert still is not None
    assert still.label == "Sandbox"


async def test_connection_update_changes_defaults_and_label(store: SqlStore) -> None:
    mine = await make_connection(store)
    defaults = ConnectionDefaults(subsidiary_id="3", form_id="68", price_source="netsuite")
    async with store.transaction() as tx:
        updated = await tx.connections.update(PORTAL_A, mine.id, label="Production", defaults=defaults)
    assert updated is not None
    assert updated.label == "Production"
    assert updated.defaults.form_id == "68"
    assert updated.defaults.price_source == "netsuite"


async def test_links_are_portal_scoped_and_linking_twice_keeps_one(store: SqlStore) -> None:
    connection = await make_connection(store)
    async with store.transaction() as tx:
        first = await tx.links.link(
            PORTAL_A,
            deal_id="77",
            connection_id=connection.id,
            netsuite_id="501",
            created_via="card",
            tran_id="SO1001",
            status_code="B",
        )
        again = await tx.links.link(
            PORTAL_A, deal_id="77", connection_id=connection.id, netsuite_id="501", created_via="card"
        )
        assert first.id == again.id
        assert await tx.links.count_for_deal(PORTAL_A, "77") == 1
        assert await tx.links.for_deal(PORTAL_B, "77") == []
        assert await tx.links.get(PORTAL_B, first.id) is None
        assert await tx.links.unlink(PORTAL_B, first.id) is False
        await tx.links.refresh(PORTAL_B, first.id, status_code="H")
        mine = await tx.links.get(PORTAL_A, first.id)
    assert mine is not None
    assert mine.status_code == "B"
    assert mine.tran_id == "SO1001"


async def test_removing_a_connection_removes_its_links(store: SqlStore) -> None:
    connection = await make_connection(store)
    async with store.transaction() as tx:
        await tx.links.link(
            PORTAL_A, deal_id="77", connection_id=connection.id, netsuite_id="501", created_via="linked"
        )
        assert await tx.connections.remove(PORTAL_A, connection.id)
        assert await tx.links.for_deal(PORTAL_A, "77") == []


async def test_install_save_replaces_tokens_and_reinstall_clears_uninstalled(store: SqlStore) -> None:
    expires = datetime.now(UTC) + timedelta(minutes=30)
    async with store.transaction() as tx:
        await tx.installs.save(
            PORTAL_A,
            access_token="a1",
            refresh_token="r1",
            expires_at=expires,
            scopes=["oauth"],
            hub_domain="demo.hubspot.com",
        )
        await tx.installs.mark_uninstalled(PORTAL_A)
        gone = await tx.installs.get(PORTAL_A)
        assert gone is not None
        assert gone.uninstalled_at is not None
        await tx.installs.save(
            PORTAL_A,
            access_token="a2",
            refresh_token="r2",
            expires_at=expires,
            scopes=["oauth", "crm.objects.deals.read"],
        )
        back = await tx.installs.get(PORTAL_A)
        assert await tx.installs.get(PORTAL_B) is None
    assert back is not None
    assert back.access_token == "a2"
    assert back.uninstalled_at is None
    assert back.hub_domain == "demo.hubspot.com"
    assert back.scopes == ["oauth", "crm.objects.deals.read"]


async def test_draft_compare_and_set_lets_only_one_writer_win(store: SqlStore) -> None:
    async with store.transaction() as tx:
        draft = await tx.drafts.create(PORTAL_A, deal_id="77", user_id="9", step="account", state={})
    async with store.transaction() as tx:
        first = await tx.drafts.save(PORTAL_A, draft.id, expected_version=draft.version, step="customer")
        second = await tx.drafts.save(PORTAL_A, draft.id, expected_version=draft.version, step="order")
    assert first is not None
    assert first.step == "customer"
    assert second is None
    async with store.transaction() as tx:
        assert await tx.drafts.get(PORTAL_B, draft.id) is None
        assert await tx.drafts.save(PORTAL_B, draft.id, expected_version=first.version, step="x") is None


async def test_concurrent_submit_claims_yield_exactly_one_winner(store: SqlStore) -> None:
    async with store.transaction() as tx:
        draft = await tx.drafts.create(PORTAL_A, deal_id="77", user_id="9", step="review", state={})

    async def claim() -> bool:
        async with store.transaction() as tx:
            return (
                await tx.drafts.claim_for_submit(PORTAL_A, draft.id, lease=timedelta(minutes=2)) is not None
            )

    results = await asyncio.gather(*(claim() for _ in range(10)))
    assert results.count(True) == 1


async def test_draft_external_id_is_fixed_and_unique(store: SqlStore) -> None:
    async with store.transaction() as tx:
        one = await tx.drafts.create(PORTAL_A, deal_id="77", user_id=None, step="account", state={})
        two = await tx.drafts.create(PORTAL_A, deal_id="77", user_id=None, step="account", state={})
        saved = await tx.drafts.save(PORTAL_A, one.id, expected_version=1, state={"a": 1})
    assert one.external_id != two.external_id
    assert saved is not None
    assert saved.external_id == one.external_id
    assert all(c.isalnum() or c in "-_" for c in one.external_id)  # NetSuite eid: charset


async def test_execution_is_recorded_once_per_callback_id(store: SqlStore) -> None:
    async with store.transaction() as tx:
        first, created = await tx.executions.record(
            PORTAL_A, callback_id="ap-1-2-3", deal_id="77", inputs={"a": 1}, external_id="hs-wf-1"
        )
        again, created_again = await tx.executions.record(
            PORTAL_A, callback_id="ap-1-2-3", deal_id="77", inputs={"a": 2}, external_id="hs-wf-2"
        )
        assert created
        assert not created_again
        assert again.id == first.id
        assert again.inputs == {"a": 1}
        with pytest.raises(DuplicateError):
            await tx.executions.record(
                PORTAL_B, callback_id="ap-1-2-3", deal_id="77", inputs={}, external_id="x"
            )
        assert await tx.executions.get(PORTAL_B, first.id) is None


async def test_two_workers_never_claim_the_same_execution(store: SqlStore) -> None:
    async with store.transaction() as tx:
        for n in range(6):
            await tx.executions.record(
                PORTAL_A, callback_id=f"cb-{n}", deal_id="77", inputs={}, external_id=f"e{n}"
            )

    async def claim(worker: str) -> list[str]:
        async with store.transaction() as tx:
            return [e.id for e in await tx.executions.claim_due(worker=worker, lease=timedelta(minutes=1))]

    a, b = await asyncio.gather(claim("w1"), claim("w2"))
    assert len(a) + len(b) == 6
    assert not set(a) & set(b)
    async with store.transaction() as tx:
        assert await tx.executions.claim_due(worker="w3", lease=timedelta(minutes=1)) == []


async def test_metadata_cache_expires_and_is_portal_scoped(store: SqlStore) -> None:
    connection = await make_connection(store)
    async with store.transaction() as tx:
        await tx.metadata.put(PORTAL_A, connection.id, "form:68", {"fields": [1, 2]})
        await tx.metadata.put(PORTAL_A, connection.id, "form:68", {"fields": [3]})
        assert await tx.metadata.get(PORTAL_A, connection.id, "form:68") == {"fields": [3]}
        assert await tx.metadata.get(PORTAL_B, connection.id, "form:68") is None
        assert await tx.metadata.get(PORTAL_A, connection.id, "form:68", max_age=timedelta(0)) is None
        assert await tx.metadata.clear(PORTAL_A, connection.id) == 1
        assert await tx.metadata.get(PORTAL_A, connection.id, "form:68") is None


async def test_a_failed_transaction_changes_nothing(store: SqlStore) -> None:
    class Boom(Exception):
        pass

    async def create_then_fail() -> None:
        async with store.transaction() as tx:
            await tx.drafts.create(PORTAL_A, deal_id="88", user_id=None, step="account", state={})
            raise Boom

    with pytest.raises(Boom):
        await create_then_fail()
    async with store.transaction() as tx:
        assert await tx.drafts.open_for_deal(PORTAL_A, "88") is None


async def test_touch_marks_only_this_portals_links_refreshed(store: SqlStore) -> None:
    connection = await make_connection(store)
    other = await make_connection(store, PORTAL_B)
    async with store.transaction() as tx:
        mine = await tx.links.link(
            PORTAL_A, deal_id="77", connection_id=connection.id, netsuite_id="501", created_via="linked"
        )
        theirs = await tx.links.link(
            PORTAL_B, deal_id="77", connection_id=other.id, netsuite_id="501", created_via="linked"
        )
        await tx.links.touch(PORTAL_A, [mine.id, theirs.id])
        touched = await tx.links.get(PORTAL_A, mine.id)
        untouched = await tx.links.get(PORTAL_B, theirs.id)
    assert touched is not None
    assert touched.refreshed_at is not None
    assert untouched is not None
    assert untouched.refreshed_at is None


async def test_secrets_written_with_a_key_no_longer_configured_read_as_none_not_an_error(
    store: SqlStore,
) -> None:
    created = await make_connection(store)
    async with store.transaction() as tx:
        await tx.installs.save(
            PORTAL_A, access_token="a1", refresh_token="r1", expires_at=datetime.now(UTC), scopes=["oauth"]
        )
    rekeyed = SqlStore(store.engine, SecretBox(["a-key-that-wrote-nothing"]))
    async with rekeyed.transaction() as tx:
        # The connection stays listed (to be removed or reconnected) without credentials; the install is
        # unusable, so it reads as absent and the portal is asked to install again.
        [listed] = await tx.connections.list(PORTAL_A)
        assert (listed.id, listed.credentials) == (created.id, {})
        assert await tx.installs.get(PORTAL_A) is None
        assert await tx.connections.remove(PORTAL_A, created.id)
