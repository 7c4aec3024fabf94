"""The connection service: test before save, a distinct next step per failure, secrets encrypted at rest."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from server.config import Settings
from server.errors import NotFoundError
from server.netsuite import errors
from server.netsuite.connections import ConnectionDraft, ConnectionService, ConnectionTestFailed, failure_for
from server.netsuite.pool import NetSuitePool
from server.sandbox.netsuite import seed
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.store.crypto import SecretBox
from server.store.database import create_engine
from server.store.repositories import SqlStore
from tests.conftest import TEST_KEY

PORTAL = 555


def draft(**overrides: object) -> ConnectionDraft:
    values: dict[str, object] = {
        "account_id": seed.ACCOUNT_ID, "label": "Sandbox", "auth_kind": "tba",
        "credentials": {"token_id": seed.TOKEN_ID, "token_secret": seed.TOKEN_SECRET},
        "rest_base_url": seed.REST_BASE_URL, "restlet_url": seed.RESTLET_URL,
        "app_base_url": seed.APP_BASE_URL, "concurrency_limit": 4,
    } | overrides  # fmt: skip
    return ConnectionDraft.model_validate(values)


@pytest.fixture
def sandbox() -> NetSuiteSandbox:
    return NetSuiteSandbox()


@pytest.fixture
async def sqlite_store(migrated_sqlite: Path, tmp_path: Path) -> AsyncIterator[SqlStore]:
    path = tmp_path / "connections.db"
    shutil.copy(migrated_sqlite, path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    yield SqlStore(engine, SecretBox([TEST_KEY]))
    await engine.dispose()


@pytest.fixture
async def service(
    settings: Settings, sqlite_store: SqlStore, sandbox: NetSuiteSandbox
) -> AsyncIterator[ConnectionService]:
    configured = settings.model_copy(
        update={"netsuite_consumer_key": seed.CONSUMER_KEY,
                "netsuite_consumer_secret": type(settings.netsuite_consumer_secret)(seed.CONSUMER_SECRET)}
    )  # fmt: skip
    pool = NetSuitePool(configured, transport=httpx.ASGITransport(app=sandbox.app))
    yield ConnectionService(sqlite_store, pool)
    await pool.aclose()


async def test_a_passing_test_saves_the_connection_with_its_secret_encrypted(
    service: ConnectionService, sqlite_store: SqlStore
) -> None:
    saved, result = await service.add_connection(PORTAL, draft())
    assert result.ok
    assert saved.credentials["token_secret"] == seed.TOKEN_SECRET
    async with sqlite_store.engine.connect() as conn:
        raw = (await conn.execute(text("SELECT credentials FROM netsuite_connections"))).scalar_one()
    assert seed.TOKEN_SECRET not in raw
    assert [c.id for c in await service.list(PORTAL)] == [saved.id]
    assert await service.list(PORTAL + 1) == []


async def test_a_failing_test_saves_nothing(service: ConnectionService) -> None:
    bad = draft(credentials={"token_id": seed.TOKEN_ID, "token_secret": "0" * 64})
    with pytest.raises(ConnectionTestFailed, match="refused the login"):
        await service.add_connection(PORTAL, bad)
    assert await service.list(PORTAL) == []


async def test_defaults_merge_and_removal_is_scoped_to_the_portal(service: ConnectionService) -> None:
    saved, _ = await service.add_connection(PORTAL, draft())
    await service.update_defaults(PORTAL, saved.id, defaults={"subsidiary_id": "2"})
    updated = await service.update_defaults(PORTAL, saved.id, defaults={"form_id": "121"}, label="UK")
    assert (updated.defaults.subsidiary_id, updated.defaults.form_id, updated.label) == ("2", "121", "UK")
    with pytest.raises(NotFoundError):
        await service.remove(PORTAL + 1, saved.id)
    await service.remove(PORTAL, saved.id)
    with pytest.raises(NotFoundError):
        await service.get(PORTAL, saved.id)


def test_every_failure_kind_has_its_own_message_and_field() -> None:
    kinds = [
        errors.NetSuiteAuthError(netsuite_code="INVALID_LOGIN"),
        errors.NetSuitePermissionError("x", netsuite_message="Permission Violation"),
        errors.NetSuiteFeatureDisabled("x", netsuite_code="FEATURE_DISABLED"),
        errors.RestletUnavailable("x", netsuite_code="SSS_INVALID_SCRIPTLET_ID"),
        errors.NetSuiteNotFoundError("x"),
        errors.NetSuiteUnavailable("NetSuite could not be reached.", netsuite_code="ConnectError"),
        errors.NetSuiteUnavailable("NetSuite did not answer in time.", netsuite_code="ReadTimeout"),
        errors.NetSuiteConcurrencyLimited(),
    ]
    failures = [failure_for(k, account_id="1234567", auth_kind="tba", overridden=False) for k in kinds]
    messages = [f.message for f in failures]
    assert len(set(messages)) == len(messages) - 1  # "not found" and "unreachable" both mean: wrong account
    assert failures[0].fields.keys() == {"tokenId", "tokenSecret"}
    assert failures[3].fields.keys() == {"restletUrl"}
    assert failures[4].fields.keys() == {"accountId"}
    m2m = failure_for(kinds[0], account_id="1234567", auth_kind="m2m", overridden=True)
    assert m2m.fields.keys() == {"clientId", "certificateId", "privateKey"}
    overridden = failure_for(kinds[4], account_id="1234567", auth_kind="tba", overridden=True)
    assert overridden.fields.keys() == {"restBaseUrl"}
    assert all(f.status_code == 422 and f.code == "connection_test_failed" for f in failures)
