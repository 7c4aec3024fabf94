"""Submitting a draft against both sandboxes when attaching files goes wrong halfway."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from server.netsuite.adapter import NetSuiteAccount, NetSuiteAccounts
from server.netsuite.pool import NetSuitePool
from server.orders.context import Deps
from server.orders.errors import NetSuiteDownError
from server.orders.ports import ConnectionRecord
from server.orders.service import OrdersService
from server.store.repositories import SqlStore
from tests.web.orders_env import Env, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures


class Died(BaseException):
    """The process dies: nothing of ours catches this."""


class LosesFirstAnswer(NetSuiteAccounts):
    """NetSuite stores the first file, but its answer is lost: a timeout, or the worker dies."""

    def __init__(self, pool: NetSuitePool, store: SqlStore, failure: BaseException) -> None:
        super().__init__(pool, store)
        self.failure: BaseException | None = failure

    def account(self, connection: ConnectionRecord) -> NetSuiteAccount:
        account = super().account(connection)
        attach = account.attach_file

        async def losing(**kw: Any) -> str:
            file_id = await attach(**kw)
            failure, self.failure = self.failure, None
            if failure is not None:
                raise failure
            return file_id

        account.attach_file = losing  # type: ignore[method-assign]
        return account


def with_accounts(e: Env, accounts: NetSuiteAccounts) -> None:
    real: Deps = e.services.orders.deps
    e.services.orders = OrdersService(
        Deps(
            store=real.store, netsuite=accounts, hubspot=real.hubspot, clock=real.clock,
            submit_lease=timedelta(milliseconds=300), submit_wait=0.1,
        )
    )  # fmt: skip


async def to_review_with_files(e: Env) -> dict[str, Any]:
    draft = await e.draft_for("8001")
    for step, values in (
        ("account", {"connectionId": e.connection_id, "subsidiaryId": "1", "formId": "68"}),
        ("customer", None),
        ("order", {"priceSource": "hubspot", "includeAttachments": True, "folderId": "12"}),
    ):
        if values is None:
            values = {"customerMode": "existing", "customerId": draft["tab"]["suggestion"]["customerId"]}
        response = await e.step(draft, step, values)
        assert response.status_code == 200, response.text
        draft = response.json()
    assert draft["step"] == "review"
    return draft


async def submit(e: Env, draft: dict[str, Any]) -> Any:
    return await e.client.post(f"/api/v1/drafts/{draft['id']}/submit", {"version": draft["version"]})


@pytest.mark.parametrize("how", ["timeout", "crash"])
async def test_a_file_whose_upload_outcome_was_lost_is_reported_and_never_sent_twice(
    env: Env, how: str
) -> None:
    failure = NetSuiteDownError("NetSuite did not answer in time.") if how == "timeout" else Died()
    with_accounts(env, LosesFirstAnswer(env.services.netsuite, env.services.store, failure))
    draft = await to_review_with_files(env)
    if how == "crash":
        with pytest.raises(Died):
            await submit(env, draft)
        await asyncio.sleep(0.35)  # the dead submitter's lease runs out
    response = await submit(env, draft)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["draft"]["status"] == "created"
    assert sorted(f.name for f in env.netsuite.files) == ["quote-Q4.pdf", "site-photo.png"]
    outcome = {a["name"]: (a["status"], a["message"]) for a in result["attachments"]}
    assert outcome["quote-Q4.pdf"] == (
        "failed",
        "NetSuite did not confirm that quote-Q4.pdf was attached; check the order's files in NetSuite "
        "before attaching it again.",
    )
    assert outcome["site-photo.png"] == ("attached", None)
    again = await submit(env, draft)
    assert again.json()["attachments"] == result["attachments"]
    assert len(env.netsuite.files) == 2


async def to_review(e: Env) -> dict[str, Any]:
    draft = await e.draft_for("8001")
    for step, values in (
        ("account", {"connectionId": e.connection_id, "subsidiaryId": "1", "formId": "68"}),
        ("customer", None),
        ("order", {"priceSource": "hubspot", "includeAttachments": False}),
    ):
        if values is None:
            values = {"customerMode": "existing", "customerId": draft["tab"]["suggestion"]["customerId"]}
        response = await e.step(draft, step, values)
        assert response.status_code == 200, response.text
        draft = response.json()
    return draft


async def test_the_same_submit_after_a_5xx_creates_the_order_instead_of_saying_it_changed(env: Env) -> None:
    # HubSpot repeats a hubspot.fetch that failed with a 5xx, and the card's Retry sends the same version:
    # the failure bumped the draft's version, but nobody changed the draft.
    draft = await to_review(env)
    env.netsuite.fail_next(409, "UNKNOWN", "", path_contains="/salesOrder/eid:")
    failed = await submit(env, draft)
    assert (failed.status_code, failed.json()["error"]) == (502, "netsuite_error"), failed.text
    again = await submit(env, draft)
    assert again.status_code == 200, again.text
    assert again.json()["draft"]["status"] == "created"
    assert len([r for r in env.netsuite.requests if r.method == "PUT"]) == 2
    assert len(env.netsuite.sales_orders()) == len({o["id"] for o in env.netsuite.sales_orders()})


async def test_a_draft_edited_after_a_failed_submit_refuses_the_old_version(env: Env) -> None:
    draft = await to_review(env)
    env.netsuite.fail_next(409, "UNKNOWN", "", path_contains="/salesOrder/eid:")
    assert (await submit(env, draft)).status_code == 502
    current = (await env.client.get(f"/api/v1/drafts/{draft['id']}")).json()
    edited = await env.step(current, "order", {"priceSource": "netsuite", "includeAttachments": False})
    assert edited.status_code == 200, edited.text
    stale = await submit(env, draft)
    assert (stale.status_code, stale.json()["error"]) == (409, "draft_changed"), stale.text
