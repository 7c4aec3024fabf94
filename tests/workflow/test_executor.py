"""The executor against fakes of the domain's ports: outcomes, messages, retries, restarts, callbacks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from server.hubspot.errors import HubSpotRateLimited
from server.orders.errors import NetSuiteAuthFailedError, NetSuiteDownError, NetSuiteRejectedError
from server.orders.models import Attachment, HsParty
from server.orders.ports import NetSuitePort
from tests.workflow.conftest import PORTAL, World
from tests.workflow.data import make_line


def only_callback(world: World) -> dict[str, Any]:
    assert len(world.callbacks.completed) == 1, world.callbacks.completed
    portal, _, fields = world.callbacks.completed[0]
    assert portal == PORTAL
    return fields


def only_order(world: World) -> dict[str, Any]:
    assert len(world.netsuite.orders) == 1, world.netsuite.orders
    (order,) = world.netsuite.orders.values()
    return order.body


async def run(world: World, **inputs: Any) -> dict[str, Any]:
    await world.record(**inputs)
    await world.executor().drain()
    return only_callback(world)


async def test_success_with_hubspot_prices_creates_links_and_completes(world: World) -> None:
    fields = await run(world)
    body = only_order(world)
    assert body["entity"] == {"id": "42"}  # Acme Corp, matched by name
    assert body["subsidiary"] == {"id": "1"}
    assert body["customForm"] == {"id": "128"}  # the account's default form
    assert body["item"]["items"] == [
        {
            "item": {"id": "101"},
            "quantity": 2,
            "rate": 10,
            "price": {"id": "-1"},
            "description": "Blue widget",
        }
    ]
    order_id = next(iter(world.netsuite.orders.values())).id
    assert fields == {
        "hs_execution_state": "SUCCESS",
        "sales_order_id": order_id,
        "sales_order_number": f"SO{order_id}",
        "sales_order_url": f"https://1234567.app.netsuite.com/app/accounting/transactions/salesord.nl?id={order_id}",
        "sales_order_status": "Pending Approval",
        "error_message": "",
    }
    async with world.store.transaction() as tx:
        links = await tx.links.for_deal(PORTAL, "5001")
    assert [(link.netsuite_id, link.created_via, link.external_id) for link in links] == [
        (order_id, "workflow", body["externalId"])
    ]


async def test_netsuite_prices_leave_the_rate_to_netsuite(world: World) -> None:
    await run(world, price_source="netsuite")
    (line,) = only_order(world)["item"]["items"]
    # The domain sends no rate (nor the Custom price level): NetSuite prices the line with its own price.
    assert line == {"item": {"id": "101"}, "quantity": 2, "description": "Blue widget"}


async def test_line_without_hubspot_price_is_priced_by_netsuite(world: World) -> None:
    world.hubspot.with_deal(line_items=(make_line(price=None), make_line(id="9002", sku="GADGET-2")))
    await run(world)
    first, second = only_order(world)["item"]["items"]
    assert "rate" not in first
    assert second["rate"] == 10


async def test_hubspot_discount_is_applied_to_the_rate(world: World) -> None:
    world.hubspot.with_deal(line_items=(make_line(discount_percent=Decimal(10)),))
    await run(world)
    assert only_order(world)["item"]["items"][0]["rate"] == 9


async def test_customer_from_the_first_contact(world: World) -> None:
    fields = await run(world, customer_source="contact")
    assert fields["hs_execution_state"] == "SUCCESS"
    assert only_order(world)["entity"] == {"id": "43"}  # Jane Roe, same email


async def test_customer_is_created_from_hubspot_when_none_matches_and_allowed(world: World) -> None:
    world.hubspot.with_deal(company=HsParty("company", "302", "Nobody Ltd", domain="nobody.example"))
    fields = await run(world, create_customer=True, subsidiary="3")
    assert fields["hs_execution_state"] == "SUCCESS"
    (created,) = world.netsuite.created_customers
    assert (created.external_id, created.company_name, created.subsidiary_id) == (
        "hubspot-company-302", "Nobody Ltd", "3",
    )  # fmt: skip
    body = only_order(world)
    assert body["subsidiary"] == {"id": "3"}
    assert body["entity"] == {"id": "901"}


@pytest.mark.parametrize(
    ("setup", "inputs", "message"),
    [
        ({"contact": None}, {"customer_source": "contact"}, "The deal has no associated contact"),
        ({"company": None}, {}, "The deal has no associated company"),
        ({"line_items": ()}, {}, "The deal has no line items"),
        (
            {"line_items": (make_line(sku="WIDGET-9"),)}, {},
            "SKU WIDGET-9 on line 'Blue widget' has no NetSuite item — add the item in NetSuite or fix the "
            "SKU in HubSpot",
        ),
        ({"line_items": (make_line(sku=None),)}, {}, "The line 'Blue widget' has no SKU"),
        ({"line_items": (make_line(sku="OLD-3"),)}, {}, "SKU OLD-3 matches only an inactive NetSuite item"),
        ({"line_items": (make_line(sku="DUP-4"),)}, {}, "SKU DUP-4 on line 'Blue widget' matches several"),
        (
            {"company": HsParty("company", "302", "Nobody Ltd")}, {},
            "No NetSuite customer matches the deal's company 'Nobody Ltd'",
        ),
        ({}, {"additional_fields": "custbody_nope=1"}, "custbody_nope is not a field of the NetSuite form"),
        ({}, {"additional_fields": "custbody_priority=high"}, "Priority must be a number"),
        ({}, {"additional_fields": "tranId=SO1"}, "Order # (tranId) is read-only"),
        ({}, {"memo": "A", "additional_fields": "memo=B"}, "memo is set twice"),
    ],
)  # fmt: skip
async def test_each_failure_reason_fails_continue_with_its_message(
    world: World, setup: dict[str, Any], inputs: dict[str, Any], message: str
) -> None:
    if setup:
        world.hubspot.with_deal(**setup)
    fields = await run(world, **inputs)
    assert fields["hs_execution_state"] == "FAIL_CONTINUE"
    assert message in fields["error_message"]
    assert fields["sales_order_id"] == ""
    assert world.netsuite.orders == {}
    assert await world.executor().run_once() == 0  # finished: nothing runs twice


async def test_netsuite_refusing_our_credentials_says_reconnect(world: World) -> None:
    world.netsuite.faults.add("items_by_skus", NetSuiteAuthFailedError())
    fields = await run(world)
    assert (
        fields["error_message"]
        == "NetSuite refused our credentials — reconnect NetSuite in the app settings."
    )


async def test_netsuite_rejection_is_reported_with_netsuite_words(world: World) -> None:
    world.netsuite.faults.add("upsert_sales_order", NetSuiteRejectedError("Please enter a value for Region."))
    fields = await run(world)
    assert fields["hs_execution_state"] == "FAIL_CONTINUE"
    assert "NetSuite rejected the order: Please enter a value for Region." in fields["error_message"]


async def test_transient_failure_is_retried_later_and_creates_one_order(world: World) -> None:
    world.netsuite.faults.add("upsert_sales_order", NetSuiteDownError())
    execution = await world.record()
    executor = world.executor()
    await executor.drain()
    waiting = await world.execution(execution.id)
    assert (waiting.state, waiting.attempts, world.callbacks.completed) == ("pending", 1, [])
    assert waiting.next_attempt_at > world.clock()
    await executor.drain()
    assert world.callbacks.completed == []  # not due yet
    world.clock.advance(seconds=31)
    await executor.drain()
    assert only_callback(world)["hs_execution_state"] == "SUCCESS"
    only_order(world)
    assert (await world.execution(execution.id)).attempts == 2


async def test_transient_failures_up_to_the_bound_then_fail_continue(world: World) -> None:
    world.netsuite.faults.add("items_by_skus", *(NetSuiteDownError() for _ in range(3)))
    await world.record()
    executor = world.executor()
    for _ in range(3):
        await executor.drain()
        world.clock.advance(hours=1)
    fields = only_callback(world)
    assert fields["hs_execution_state"] == "FAIL_CONTINUE"
    assert "NetSuite is not answering right now" in fields["error_message"]
    assert "We tried 3 times" in fields["error_message"]


async def test_callback_that_failed_is_resent_without_running_again(world: World) -> None:
    world.callbacks.faults.add("complete_callback", HubSpotRateLimited(5), HubSpotRateLimited(5))
    execution = await world.record()
    executor = world.executor()
    await executor.drain()
    stored = await world.execution(execution.id)
    assert (stored.state, stored.callback_sent, world.callbacks.completed) == ("done", False, [])
    for _ in range(2):
        world.clock.advance(minutes=5)
        await executor.drain()
    assert (await world.execution(execution.id)).callback_sent
    assert only_callback(world)["hs_execution_state"] == "SUCCESS"
    assert world.netsuite.upserts == [execution.external_id]
    assert world.callbacks.faults.calls.count("complete_callback") == 3


async def test_deal_with_a_linked_order_is_skipped_with_that_orders_outputs(world: World) -> None:
    async with world.store.transaction() as tx:
        await tx.links.link(PORTAL, deal_id="5001", connection_id=world.connection.id, netsuite_id="77",
                            created_via="card", tran_id="SO77", status_code="B")  # fmt: skip
    fields = await run(world)
    assert world.netsuite.upserts == []
    assert (fields["hs_execution_state"], fields["sales_order_id"], fields["sales_order_number"]) == (
        "SUCCESS", "77", "SO77",
    )  # fmt: skip
    assert fields["sales_order_status"] == "Pending Fulfillment"


async def test_skip_turned_off_creates_another_order(world: World) -> None:
    async with world.store.transaction() as tx:
        await tx.links.link(PORTAL, deal_id="5001", connection_id=world.connection.id, netsuite_id="77",
                            created_via="card")  # fmt: skip
    fields = await run(world, skip_if_linked=False)
    assert fields["sales_order_id"] != "77"
    only_order(world)


async def test_additional_fields_memo_po_and_status_are_typed_by_the_form(world: World) -> None:
    await run(
        world,
        memo="Rush order",
        po_number="PO-991",
        order_status="B",
        additional_fields="custbody_region=West\ncustbody_rush=yes\ncustbody_priority=3\nshipDate=1767225600000",
    )
    body = only_order(world)
    assert body["memo"] == "Rush order"
    assert body["otherRefNum"] == "PO-991"
    assert body["orderStatus"] == {"id": "B"}
    assert body["custbody_region"] == {"id": "1"}  # the label, turned into the option's id
    assert body["custbody_rush"] is True
    assert body["custbody_priority"] == 3
    assert body["shipDate"] == "2026-01-01"  # a HubSpot date property arrives as epoch milliseconds


async def test_additional_fields_from_a_deal_property_arrive_resolved_as_json(world: World) -> None:
    # HubSpot resolves OBJECT_PROPERTY before calling: the property's value is what we get.
    await run(world, additional_fields='{"custbody_region": "2", "custbody_rush": false}')
    body = only_order(world)
    assert (body["custbody_region"], body["custbody_rush"]) == ({"id": "2"}, False)


async def test_attachments_are_attached_once_even_when_an_attempt_fails_midway(world: World) -> None:
    world.hubspot.files["5001"] = [
        (Attachment("f1", "quote.pdf", 3, "application/pdf"), b"pdf"),
        (Attachment("f2", "spec.txt", 4, "text/plain"), b"spec"),
        (Attachment("f3", "huge.bin", 9, None), b"x" * 9),
    ]
    # NetSuite refuses the second file's upload once (its concurrency limit: nothing started), so the
    # retry sends it again, and must not upload the first again.
    world.netsuite.faults.add("attach_file", None, NetSuiteDownError(maybe_done=False))
    executor = world.executor(max_attachment_bytes=8)
    execution = await world.record(include_attachments=True, attachment_folder="7")
    await executor.drain()
    world.clock.advance(minutes=1)
    await executor.drain()
    names = [(order_id, folder, name) for order_id, folder, name, _ in world.netsuite.attached]
    order_id = next(iter(world.netsuite.orders.values())).id
    assert names == [(order_id, "7", "quote.pdf"), (order_id, "7", "spec.txt")]
    assert world.netsuite.upserts == [execution.external_id]  # the order was not created again
    fields = only_callback(world)
    assert fields["hs_execution_state"] == "SUCCESS"
    assert (
        fields["error_message"]
        == "The order was created, but these files were not attached: huge.bin (too large)."
    )


class TimesOutAfterStoring:
    """A port wrapper: NetSuite stores the file, but its answer never reaches us (a timeout)."""

    def __init__(self, inner: NetSuitePort) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def attach_file(self, **kw: Any) -> str:
        await self._inner.attach_file(**kw)
        raise NetSuiteDownError("NetSuite did not answer in time. Try again in a few minutes.")


@pytest.mark.parametrize("how", ["timeout", "crash"])
async def test_a_file_whose_upload_outcome_is_unknown_is_reported_not_sent_again(
    world: World, how: str
) -> None:
    world.hubspot.files["5001"] = [
        (Attachment("f1", "quote.pdf", 3, "application/pdf"), b"pdf"),
        (Attachment("f2", "spec.txt", 4, "text/plain"), b"spec"),
    ]
    await world.record(include_attachments=True, attachment_folder="7")
    wrap = TimesOutAfterStoring if how == "timeout" else DiesAfterStoring
    failing = world.executor(accounts=replace(world.accounts, wrap=wrap))
    if how == "timeout":
        await failing.drain()  # the attempt fails as a whole, to be retried later
    else:
        with pytest.raises(Crash):
            await failing.run_once()
    world.clock.advance(minutes=11)
    await world.executor().drain()
    assert [name for _, _, name, _ in world.netsuite.attached] == ["quote.pdf", "spec.txt"]
    fields = only_callback(world)
    assert fields["hs_execution_state"] == "SUCCESS"
    assert (
        "quote.pdf (NetSuite did not confirm it; check the order's files in NetSuite"
        in (fields["error_message"])
    )
    assert "spec.txt" not in fields["error_message"]


class Crash(BaseException):
    """The process dies: nothing of ours catches this."""


class DiesAfterStoring:
    """A port wrapper: NetSuite stores the file, then the worker dies before it can record that."""

    def __init__(self, inner: NetSuitePort) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def attach_file(self, **kw: Any) -> str:
        await self._inner.attach_file(**kw)
        raise Crash


class DiesAfterNetSuiteAnswers:
    """A port wrapper: the upsert reaches NetSuite, then the worker dies before it can commit."""

    def __init__(self, inner: NetSuitePort) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        await self._inner.upsert_sales_order(external_id, body)
        raise Crash


async def test_restart_between_netsuite_answer_and_commit_gives_one_order_and_one_callback(
    world: World,
) -> None:
    execution = await world.record()
    dying = world.executor(accounts=replace(world.accounts, wrap=DiesAfterNetSuiteAnswers))
    with pytest.raises(Crash):
        await dying.run_once()
    assert len(world.netsuite.orders) == 1
    assert world.callbacks.completed == []
    fresh = world.executor()
    await fresh.drain()
    assert world.callbacks.completed == []  # the dead worker's lease still holds
    world.clock.advance(minutes=11)
    await fresh.drain()
    fields = only_callback(world)
    assert fields["hs_execution_state"] == "SUCCESS"
    only_order(world)
    assert world.netsuite.upserts == [execution.external_id, execution.external_id]
    async with world.store.transaction() as tx:
        assert await tx.links.count_for_deal(PORTAL, "5001") == 1


async def test_connection_removed_before_the_run_fails_and_creates_nothing(world: World) -> None:
    await world.record()
    async with world.store.transaction() as tx:
        await tx.connections.remove(PORTAL, world.connection.id)
    await world.executor().drain()
    fields = only_callback(world)
    assert fields["hs_execution_state"] == "FAIL_CONTINUE"
    assert "no longer connected" in fields["error_message"]
    assert world.netsuite.upserts == []


class SlowAttachments:
    """A port wrapper: each file takes 6 minutes of the world's clock, and a rival worker looks for work
    while the file is on its way."""

    def __init__(self, inner: NetSuitePort, world: World, rival_claims: list[int]) -> None:
        self._inner, self._world, self._rival_claims = inner, world, rival_claims

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def attach_file(self, **kw: Any) -> str:
        self._world.clock.advance(minutes=6)
        async with self._world.store.transaction() as tx:
            taken = await tx.executions.claim_due(worker="rival", lease=timedelta(minutes=10))
        self._rival_claims.append(len(taken))
        return str(await self._inner.attach_file(**kw))


async def test_progress_renews_the_lease_so_a_long_run_keeps_its_claim(world: World) -> None:
    world.hubspot.files["5001"] = [
        (Attachment("f1", "quote.pdf", 3, "application/pdf"), b"pdf"),
        (Attachment("f2", "spec.txt", 4, "text/plain"), b"spec"),
    ]
    await world.record(include_attachments=True, attachment_folder="7")
    rival_claims: list[int] = []
    slow = world.executor(
        accounts=replace(world.accounts, wrap=lambda inner: SlowAttachments(inner, world, rival_claims))
    )
    # Two files × 6 minutes outlive the first 10-minute lease; each saved step renews it, so at minute 12
    # the rival still finds nothing to take and the run finishes as the only worker.
    await slow.drain()
    assert rival_claims == [0, 0]
    fields = only_callback(world)
    assert fields["hs_execution_state"] == "SUCCESS"
    only_order(world)
