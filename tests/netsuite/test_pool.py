"""The pool keeps one client per connection, rebuilds it when the connection changes, and signs with the
app's integration record unless the connection brings its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from server.config import Settings
from server.netsuite.errors import NetSuiteAuthError, NetSuiteNotConfigured
from server.netsuite.pool import NetSuitePool
from server.sandbox.netsuite import seed
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.store.records import ConnectionDefaults, NetSuiteConnection

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def make_connection(**overrides: object) -> NetSuiteConnection:
    values: dict[str, object] = {
        "id": "c-1", "portal_id": 555, "account_id": seed.ACCOUNT_ID, "label": "Sandbox", "auth_kind": "tba",
        "credentials": {"token_id": seed.TOKEN_ID, "token_secret": seed.TOKEN_SECRET},
        "rest_base_url": seed.REST_BASE_URL, "restlet_url": seed.RESTLET_URL,
        "app_base_url": seed.APP_BASE_URL,
        "concurrency_limit": 3, "defaults": ConnectionDefaults(), "created_at": NOW, "updated_at": NOW,
    } | overrides  # fmt: skip
    return NetSuiteConnection.model_validate(values)


@pytest.fixture
def sandbox_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"netsuite_consumer_key": seed.CONSUMER_KEY,
                "netsuite_consumer_secret": type(settings.netsuite_consumer_secret)(seed.CONSUMER_SECRET)}
    )  # fmt: skip


async def test_the_same_connection_gets_the_same_client_until_it_changes(sandbox_settings: Settings) -> None:
    sandbox = NetSuiteSandbox()
    pool = NetSuitePool(sandbox_settings, transport=httpx.ASGITransport(app=sandbox.app))
    first = pool.client_for(make_connection())
    assert pool.client_for(make_connection()) is first
    assert first.governor.limit == 3
    changed = pool.client_for(make_connection(updated_at=NOW + timedelta(seconds=1)))
    assert changed is not first
    assert changed.governor is first.governor  # same limit: calls in flight stay counted
    relimited = pool.client_for(make_connection(updated_at=NOW + timedelta(seconds=2), concurrency_limit=2))
    assert relimited.governor.limit == 2
    assert await relimited.subsidiaries()
    await pool.aclose()


async def test_settings_consumer_key_signs_unless_the_connection_has_its_own(
    sandbox_settings: Settings,
) -> None:
    sandbox = NetSuiteSandbox()
    pool = NetSuitePool(sandbox_settings, transport=httpx.ASGITransport(app=sandbox.app))
    assert await pool.client_for(make_connection()).currencies()
    own = make_connection(
        id="c-2", credentials={"token_id": seed.TOKEN_ID, "token_secret": seed.TOKEN_SECRET,
                               "consumer_key": "other-key", "consumer_secret": "other-secret"},
    )  # fmt: skip
    with pytest.raises(NetSuiteAuthError):
        await pool.client_for(own).currencies()
    await pool.aclose()


def test_a_missing_integration_record_is_a_configuration_error(settings: Settings) -> None:
    bare = settings.model_copy(update={"netsuite_consumer_key": ""})
    with pytest.raises(NetSuiteNotConfigured, match="SALESORDERS_NETSUITE_CONSUMER_KEY"):
        NetSuitePool(bare).client_for(make_connection())


def test_connection_repr_and_auth_repr_hide_secrets(sandbox_settings: Settings) -> None:
    connection = make_connection()
    auth = NetSuitePool(sandbox_settings).auth_for(connection)
    assert seed.TOKEN_SECRET not in repr(connection)
    assert seed.TOKEN_SECRET not in repr(auth)
    assert seed.CONSUMER_SECRET not in repr(auth)


async def test_two_portals_on_one_netsuite_account_share_its_governor_at_the_smaller_limit(
    sandbox_settings: Settings,
) -> None:
    import asyncio

    sandbox = NetSuiteSandbox(concurrency_limit=5)
    pool = NetSuitePool(sandbox_settings, transport=httpx.ASGITransport(app=sandbox.app))
    mine = pool.client_for(make_connection(id="c-a", portal_id=1, concurrency_limit=4))
    theirs = pool.client_for(make_connection(id="c-b", portal_id=2, concurrency_limit=3))
    mine = pool.client_for(make_connection(id="c-a", portal_id=1, concurrency_limit=4))
    assert mine.governor is theirs.governor
    assert mine.governor.limit == 3
    sandbox.latency = 0.01
    await asyncio.gather(*(c.currencies() for c in [mine, theirs] * 20))
    assert sandbox.max_in_flight <= 3
    assert pool.client_for(make_connection(id="c-z", account_id="7654321")).governor is not mine.governor
    await pool.aclose()
