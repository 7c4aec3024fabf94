"""The orders use cases against fake vendors and the real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from server.errors import AppError
from server.orders.context import Deps
from server.orders.errors import (
    NetSuiteAuthFailedError,
    NetSuiteDownError,
    NetSuiteRejectedError,
    Rejection,
    StepValidationError,
)
from server.orders.models import Attachment, HsDeal, HsDealContext, NsOrderSummary
from server.orders.service import OrdersService
from server.store.repositories import SqlStore, utc_now
from tests.orders.factories import make_company, make_hubspot, make_line, make_netsuite
from tests.support.fakes import FakeAccounts, FakeHubSpot, FakeNetSuite

PORTAL = 777


@dataclass
class World:
    service: OrdersService
    store: SqlStore
    netsuite: FakeNetSuite
    hubspot: FakeHubSpot
    connection_id: str
    deps: Deps


async def add_connection(store: SqlStore, account_id: str = "1234567_SB1", label: str = "Production") -> str:
    async with store.transaction() as tx:
        conn = await tx.connections.add(
            PORTAL,
            account_id=account_id,
            label=label,
            auth_kind="tba",
            credentials={"token_id": "t", "token_secret": "s"},
            rest_base_url="https://x.example",
            app_base_url="https://1234567-sb1.app.netsuite.com",
        )
    return conn.id


@pytest.fixture
async def world(store: SqlStore) -> World:
    netsuite, hubspot = make_netsuite(), make_hubspot()
    connection_id = await add_connection(store)
    deps = Deps(store=store, netsuite=FakeAccounts(default=netsuite), hubspot=hubspot, clock=utc_now)
    deps.card_time_budget = 0.3
    return World(OrdersService(deps), store, netsuite, hubspot, connection_id, deps)


async def link_orders(world: World, count: int, deal_id: str = "9001") -> None:
    async with world.store.transaction() as tx:
        for n in range(count):
            world.netsuite.add_order(str(500 + n), f"SO{1000 + n}", status="G", total=f"{n}.50")
            await tx.links.link(
                PORTAL,
                deal_id=deal_id,
                connection_id=world.connection_id,
                netsuite_id=str(500 + n),
                created_via="linked",
                tran_id=f"SO{1000 + n}",
                status_code="B",
                total="0.00",
            )


# Card load


@pytest.mark.parametrize("count", [1, 50])
async def test_card_load_reads_all_linked_orders_in_one_netsuite_call(world: World, count: int) -> None:
    await link_orders(world, count)
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert world.netsuite.calls == ["sales_orders"]
    assert len(view["orders"]) == count
    assert {o["status"]["label"] for o in view["orders"]} == {"Billed"}
    assert view["stale"] is None
    assert view["connections"][0]["state"] == "ok"
    first = next(o for o in view["orders"] if o["netsuiteId"] == "500")
    assert (
        first["url"] == "https://1234567-sb1.app.netsuite.com/app/accounting/transactions/salesord.nl?id=500"
    )
    assert first["total"] == "0.50"


async def test_card_load_with_several_accounts_makes_one_call_each(world: World) -> None:
    second = make_netsuite()
    other_id = await add_connection(world.store, account_id="7654321", label="EU")
    assert isinstance(world.deps.netsuite, FakeAccounts)
    world.deps.netsuite.accounts[other_id] = second
    await link_orders(world, 3)
    second.add_order("900", "SO9")
    async with world.store.transaction() as tx:
        await tx.links.link(
            PORTAL, deal_id="9001", connection_id=other_id, netsuite_id="900", created_via="linked"
        )
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert world.netsuite.calls == ["sales_orders"]
    assert second.calls == ["sales_orders"]
    assert {o["accountLabel"] for o in view["orders"]} == {"Production", "EU"}


async def test_not_connected_portal_gets_the_empty_state(store: SqlStore) -> None:
    accounts = FakeAccounts(default=make_netsuite())
    deps = Deps(store=store, netsuite=accounts, hubspot=make_hubspot(), clock=utc_now)
    view = await OrdersService(deps).load_deal_orders(PORTAL, "1")
    assert view == {"dealId": "1", "connected": False, "connections": [], "orders": [], "stale": None}


async def test_slow_netsuite_answers_stale_in_budget_then_refreshes_the_store(world: World) -> None:
    await link_orders(world, 2)
    world.netsuite.latency = 0.6
    started = asyncio.get_running_loop().time()
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert asyncio.get_running_loop().time() - started < 0.55
    assert view["connections"][0]["state"] == "stale"
    assert view["connections"][0]["message"].startswith(
        "NetSuite did not answer within 0.3 s; showing values from"
    )
    assert view["stale"]["reason"] == "NetSuite did not answer within 0.3 s"
    assert {o["status"]["code"] for o in view["orders"]} == {"B"}  # the stored values
    await world.service.wait_idle()  # the late answer lands in the store
    async with world.store.transaction() as tx:
        links = await tx.links.for_deal(PORTAL, "9001")
    assert {link.status_code for link in links} == {"G"}


async def test_down_netsuite_shows_stored_values_with_reason(world: World) -> None:
    await link_orders(world, 1)
    world.netsuite.fail = NetSuiteDownError()
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert view["connections"][0]["state"] == "stale"
    assert view["stale"]["reason"] == "NetSuite is not answering"
    assert view["orders"][0]["number"] == "SO1000"


async def test_refused_credentials_ask_for_reconnect(world: World) -> None:
    await link_orders(world, 1)
    world.netsuite.fail = NetSuiteAuthFailedError()
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert view["connections"][0]["state"] == "needs_reconnect"
    assert "Reconnect NetSuite" in view["connections"][0]["message"]


async def test_link_existing_then_refuse_a_second_link_then_unlink(world: World) -> None:
    world.netsuite.add_order("501", "SO1042")
    answer = await world.service.link_existing(
        PORTAL, "9001", connection_id=world.connection_id, number=" so1042 ", user_email="rep@example.com"
    )
    assert answer["order"]["number"] == "SO1042"
    assert answer["order"]["createdVia"] == "linked"
    with pytest.raises(AppError) as again:
        await world.service.link_existing(
            PORTAL, "9001", connection_id=world.connection_id, number="SO1042", user_email=None
        )
    assert again.value.code == "already_linked"
    with pytest.raises(AppError) as missing:
        await world.service.link_existing(
            PORTAL, "9001", connection_id=world.connection_id, number="SO9", user_email=None
        )
    assert (missing.value.code, missing.value.message) == (
        "order_not_found",
        "No sales order SO9 in Production.",
    )
    with pytest.raises(AppError) as other_deal:
        await world.service.unlink(PORTAL, "other-deal", answer["order"]["linkId"])
    assert other_deal.value.status_code == 404
    await world.service.unlink(PORTAL, "9001", answer["order"]["linkId"])
    assert (await world.service.load_deal_orders(PORTAL, "9001"))["orders"] == []


# Creation flow


async def walk_to_customer(world: World, *, form: str = "68", user_id: str | None = None) -> dict[str, Any]:
    """A new draft for deal 9001 with the Account tab passed (sandbox subsidiary 1, the given form)."""
    draft = await world.service.start_or_resume_draft(PORTAL, "9001", user_id=user_id)
    draft = await world.service.submit_step(
        PORTAL,
        draft["id"],
        "account",
        version=draft["version"],
        values={"connectionId": world.connection_id, "subsidiaryId": "1", "formId": form},
    )
    assert draft["step"] == "customer"
    return draft


async def walk_to_review(
    world: World, *, form: str = "68", order: dict[str, Any] | None = None
) -> dict[str, Any]:
    s = world.service
    draft = await walk_to_customer(world, form=form, user_id="7001")
    draft = await s.submit_step(
        PORTAL,
        draft["id"],
        "customer",
        version=draft["version"],
        values={"customerMode": "existing", "customerId": draft["tab"]["suggestion"]["customerId"]},
    )
    assert draft["step"] == "order"
    values = order if order is not None else {"priceSource": "hubspot", "includeAttachments": False}
    draft = await s.submit_step(PORTAL, draft["id"], "order", version=draft["version"], values=values)
    assert draft["step"] == "review"
    return draft


async def test_start_resumes_the_open_draft_and_restart_makes_a_new_one(world: World) -> None:
    first = await world.service.start_or_resume_draft(PORTAL, "9001", user_id="7001")
    again = await world.service.start_or_resume_draft(PORTAL, "9001", user_id="7001")
    fresh = await world.service.start_or_resume_draft(PORTAL, "9001", user_id="7001", restart=True)
    assert first["id"] == again["id"] != fresh["id"]
    assert first["tab"]["step"] == "account"
    assert [f["id"] for f in first["tab"]["fields"]] == ["connectionId", "subsidiaryId", "formId"]
    subsidiaries = first["tab"]["fields"][1]["options"]
    assert [o["value"] for o in subsidiaries] == ["1", "4"]  # elimination subsidiary left out


async def test_customer_tab_suggests_by_name_and_explains(world: World) -> None:
    draft = await walk_to_customer(world)
    suggestion = draft["tab"]["suggestion"]
    assert (suggestion["customerId"], suggestion["reason"]) == ("201", "email")
    assert suggestion["explanation"] == "Same email domain as the deal's company (acme.example)"
    by_id = {f["id"]: f for f in draft["tab"]["fields"]}
    assert by_id["customerId"]["default"] == "201"
    assert by_id["companyName"]["default"] == "Acme Corp"


async def test_customer_of_another_subsidiary_is_refused(world: World) -> None:
    draft = await walk_to_customer(world)
    with pytest.raises(AppError) as caught:
        await world.service.submit_step(
            PORTAL,
            draft["id"],
            "customer",
            version=draft["version"],
            values={"customerMode": "existing", "customerId": "203"},
        )
    assert caught.value.status_code == 422
    assert "another subsidiary" in caught.value.fields["customerId"]


async def test_order_tab_lists_mandatory_form_fields_first_and_validates_them(world: World) -> None:
    draft = await walk_to_customer(world, form="121")
    draft = await world.service.submit_step(
        PORTAL,
        draft["id"],
        "customer",
        version=draft["version"],
        values={"customerMode": "existing", "customerId": "201"},
    )
    ids = [f["id"] for f in draft["tab"]["fields"]]
    assert ids[:2] == ["otherRefNum", "custbody_region"]
    assert ids[-3:] == ["priceSource", "includeAttachments", "folderId"]
    assert [line["match"] for line in draft["tab"]["lines"]] == ["matched", "matched"]
    with pytest.raises(AppError) as caught:
        await world.service.submit_step(
            PORTAL,
            draft["id"],
            "order",
            version=draft["version"],
            values={"priceSource": "hubspot", "custbody_region": "9"},
        )
    assert caught.value.fields == {
        "otherRefNum": "Please enter a value for PO #.",
        "custbody_region": "9 is not one of the choices for Region.",
    }


async def test_unmatched_and_ambiguous_lines_block_review_until_chosen(world: World) -> None:
    world.hubspot.deals["9001"] = HsDealContext(
        HsDeal("9001", "d"),
        (make_line(id="A", sku="WIDGET-9"), make_line(id="B", sku="DUP-SKU"), make_line(id="C", sku=None)),
        company=make_company(),
    )
    with pytest.raises(AppError) as caught:
        await walk_to_review(world)
    assert (
        caught.value.fields["lines.A"]
        == "SKU WIDGET-9 has no NetSuite item; choose the item or add it in NetSuite."
    )
    assert "matches 2 NetSuite items" in caught.value.fields["lines.B"]
    assert "has no SKU" in caught.value.fields["lines.C"]
    lines = [
        {"lineId": "A", "itemId": "101"},
        {"lineId": "B", "itemId": "118"},
        {"lineId": "C", "itemId": "102"},
    ]
    draft = await walk_to_review(world, order={"priceSource": "hubspot", "lines": lines})
    assert [line["item"] for line in draft["tab"]["summary"]["lines"]] == [
        "WIDGET-1 – Widget, standard",
        "DUP-SKU – Widget, standard",
        "WIDGET-2 – Widget, standard",
    ]


async def test_stale_version_is_refused_with_the_current_draft(world: World) -> None:
    draft = await world.service.start_or_resume_draft(PORTAL, "9001", user_id=None)
    values = {"connectionId": world.connection_id, "subsidiaryId": "1", "formId": "68"}
    await world.service.submit_step(PORTAL, draft["id"], "account", version=draft["version"], values=values)
    with pytest.raises(AppError) as caught:
        await world.service.submit_step(
            PORTAL, draft["id"], "account", version=draft["version"], values=values
        )
    assert caught.value.code == "draft_changed"
    assert isinstance(caught.value.detail, dict)
    assert caught.value.detail["step"] == "customer"


async def test_review_shows_totals_and_submit_creates_one_linked_order(world: World) -> None:
    draft = await walk_to_review(world)
    summary = draft["tab"]["summary"]
    assert (summary["subtotal"], summary["total"], summary["customer"]["name"]) == (
        "101.00",
        "101.00",
        "Acme Corp",
    )
    result = await world.service.submit_draft(
        PORTAL, draft["id"], version=draft["version"], user_email="rep@x.example"
    )
    assert result["draft"]["status"] == "created"
    assert result["order"]["createdVia"] == "card"
    [order] = [o for o in world.netsuite.orders.values() if o.external_id]
    assert order.body["item"]["items"][0] == {
        "item": {"id": "101"},
        "quantity": 2,
        "rate": 10.5,
        "price": {"id": "-1"},
        "description": "Widget",
    }
    again = await world.service.submit_draft(PORTAL, draft["id"], version=1, user_email=None)
    assert again["order"] == result["order"]
    assert world.netsuite.calls.count("upsert_sales_order") == 1
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert [o["linkId"] for o in view["orders"]] == [result["order"]["linkId"]]


async def test_ten_concurrent_submits_create_one_order(world: World) -> None:
    draft = await walk_to_review(world)
    world.netsuite.latency = 0.05
    results = await asyncio.gather(
        *(
            world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
            for _ in range(10)
        ),
        return_exceptions=True,
    )
    orders = [r for r in results if isinstance(r, dict)]
    assert len(orders) == 10, results
    assert {r["order"]["netsuiteId"] for r in orders} == {orders[0]["order"]["netsuiteId"]}
    assert world.netsuite.calls.count("upsert_sales_order") == 1
    assert len([o for o in world.netsuite.orders.values() if o.external_id]) == 1


class CrashAfterUpsert(FakeNetSuite):
    """The process 'dies' right after NetSuite stored the order: the answer never reaches our commit."""

    crashed = False

    async def upsert_sales_order(self, external_id: str, body: Any) -> str:
        order_id = await super().upsert_sales_order(external_id, body)
        if not self.crashed:
            self.crashed = True
            raise RuntimeError("process crashed after NetSuite answered")
        return order_id


async def test_crash_after_netsuite_answered_then_retry_links_the_same_order(world: World) -> None:
    crashing = make_netsuite(CrashAfterUpsert)
    assert isinstance(world.deps.netsuite, FakeAccounts)
    world.deps.netsuite.default = crashing
    world.deps.submit_lease = timedelta(milliseconds=200)
    draft = await walk_to_review(world)
    with pytest.raises(RuntimeError):
        await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    # Within the lease, a retry waits rather than creating anything.
    world.deps.submit_wait = 0.05
    with pytest.raises(AppError) as busy:
        await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    assert busy.value.code == "submit_in_progress"
    await asyncio.sleep(0.25)
    result = await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    assert result["draft"]["status"] == "created"
    assert crashing.calls.count("upsert_sales_order") == 1  # the retry found the order by external id
    assert len(crashing.orders) == 1
    view = await world.service.load_deal_orders(PORTAL, "9001")
    assert len(view["orders"]) == 1


async def test_netsuite_rejection_maps_to_tab_and_field_and_can_be_fixed(world: World) -> None:
    draft = await walk_to_review(world)
    world.netsuite.faults.add(
        "upsert_sales_order",
        NetSuiteRejectedError("You have entered an Invalid Field Value 101", path="item.items[0].item"),
    )
    with pytest.raises(AppError) as caught:
        await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    assert caught.value.status_code == 422
    assert caught.value.detail == {
        "tab": "order",
        "field": "lines.L1",
        "netsuiteMessage": "You have entered an Invalid Field Value 101",
    }
    current = await world.service.show_draft(PORTAL, draft["id"])
    assert current["status"] == "failed"
    assert current["error"]["field"] == "lines.L1"
    result = await world.service.submit_draft(
        PORTAL, draft["id"], version=current["version"], user_email=None
    )
    assert result["draft"]["status"] == "created"


async def test_netsuite_rejecting_several_things_maps_each_to_its_field(world: World) -> None:
    draft = await walk_to_review(world)
    world.netsuite.faults.add(
        "upsert_sales_order",
        NetSuiteRejectedError(
            "unused",
            rejections=[
                Rejection("item.items[0].item", "You have entered an Invalid Field Value 101"),
                Rejection("entity", "The customer is inactive"),
                Rejection(None, "Two things are wrong"),
            ],
        ),
    )
    with pytest.raises(StepValidationError) as caught:
        await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    assert caught.value.fields == {
        "lines.L1": "You have entered an Invalid Field Value 101",
        "customerId": "The customer is inactive",
        "order": "Two things are wrong",
    }
    assert (caught.value.tab, caught.value.field) == ("order", "lines.L1")
    current = await world.service.show_draft(PORTAL, draft["id"])
    assert current["error"]["message"] == (
        "NetSuite rejected the order: You have entered an Invalid Field Value 101; "
        "The customer is inactive; Two things are wrong"
    )


async def test_netsuite_down_at_submit_leaves_a_retryable_draft(world: World) -> None:
    draft = await walk_to_review(world)
    world.netsuite.fail = NetSuiteDownError()
    with pytest.raises(AppError) as caught:
        await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    assert caught.value.code == "netsuite_unavailable"
    world.netsuite.fail = None
    current = await world.service.show_draft(PORTAL, draft["id"])
    result = await world.service.submit_draft(
        PORTAL, draft["id"], version=current["version"], user_email=None
    )
    assert result["draft"]["status"] == "created"
    assert len(world.netsuite.orders) == 1


async def test_new_customer_is_created_at_submit(world: World) -> None:
    s = world.service
    draft = await walk_to_customer(world)
    with pytest.raises(AppError) as caught:
        await s.submit_step(
            PORTAL,
            draft["id"],
            "customer",
            version=draft["version"],
            values={"customerMode": "new", "companyName": "", "country": "Germany"},
        )
    assert set(caught.value.fields) == {"companyName", "country"}
    draft = await s.submit_step(
        PORTAL,
        draft["id"],
        "customer",
        version=draft["version"],
        values={"customerMode": "new", "companyName": "Zeta GmbH", "country": "de"},
    )
    draft = await s.submit_step(
        PORTAL, draft["id"], "order", version=draft["version"], values={"priceSource": "netsuite"}
    )
    assert draft["tab"]["summary"]["customer"]["name"] == "Zeta GmbH (new)"
    assert draft["tab"]["summary"]["total"] == "130.00"  # 2 × 25 + 2 × 40 base prices
    await s.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    created = next(c for c in world.netsuite.customers if c.name == "Zeta GmbH")
    assert created.external_id == "hubspot-company-9001"
    [order] = world.netsuite.orders.values()
    assert order.body["entity"] == {"id": created.id}


async def test_attachments_are_attached_once_and_oversized_ones_reported(world: World) -> None:
    world.deps.max_attachment_bytes = 1000
    world.hubspot.files["9001"] = [
        (Attachment("f1", "quote.pdf", 10, "application/pdf"), b"0123456789"),
        (Attachment("f2", "huge.zip", 5000, "application/zip"), b"x" * 5000),
        (Attachment("f3", "unknown-size.bin", None, None), b"y" * 2000),
    ]
    draft = await walk_to_review(
        world, order={"priceSource": "hubspot", "includeAttachments": True, "folderId": "12"}
    )
    assert [a["status"] for a in draft["tab"]["summary"]["attachments"]] == [
        "will_attach",
        "too_large",
        "will_attach",
    ]
    result = await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    assert [(a["name"], a["status"]) for a in result["attachments"]] == [
        ("quote.pdf", "attached"),
        ("huge.zip", "too_large"),
        ("unknown-size.bin", "too_large"),
    ]
    assert "huge.zip is larger than" in result["attachments"][1]["message"]
    again = await world.service.submit_draft(PORTAL, draft["id"], version=0, user_email=None)
    assert again["attachments"] == result["attachments"]
    assert [(o, name, len(content)) for o, _, name, content in world.netsuite.attached] == [
        (result["order"]["netsuiteId"], "quote.pdf", 10)
    ]


async def test_folder_is_required_when_attachments_are_included(world: World) -> None:
    with pytest.raises(AppError) as caught:
        await walk_to_review(world, order={"priceSource": "hubspot", "includeAttachments": True})
    assert caught.value.fields == {"folderId": "Choose the File Cabinet folder for the attachments."}


async def test_without_restlet_the_standard_form_is_used_and_attachments_are_off(world: World) -> None:
    world.netsuite.restlet = False
    draft = await world.service.start_or_resume_draft(PORTAL, "9001", user_id=None)
    assert draft["tab"]["fields"][2]["options"] == [{"value": "standard", "label": "Standard"}]
    assert "RESTlet" in draft["tab"]["notices"][0]["message"]
    draft = await walk_to_review(world, form="standard")
    result = await world.service.submit_draft(PORTAL, draft["id"], version=draft["version"], user_email=None)
    [order] = world.netsuite.orders.values()
    assert "customForm" not in order.body
    assert result["attachments"] == []


async def test_options_search_customers_items_and_form_sources(world: World) -> None:
    draft = await walk_to_review(world)
    customers = await world.service.field_options(PORTAL, draft["id"], "customerId", "acme")
    assert customers == {
        "options": [{"value": "201", "label": "Acme Corp (orders@acme.example)"}],
        "hasMore": False,
    }
    items = await world.service.field_options(PORTAL, draft["id"], "item", "widget-2")
    assert [o["value"] for o in items["options"]] == ["102"]
    reps = await world.service.field_options(PORTAL, draft["id"], "salesRep", "ali")
    assert reps["options"] == [{"value": "301", "label": "Alice Nguyen"}]
    with pytest.raises(AppError) as caught:
        await world.service.field_options(PORTAL, draft["id"], "memo", "x")
    assert caught.value.status_code == 404


async def test_another_portal_cannot_see_or_submit_the_draft(world: World) -> None:
    draft = await world.service.start_or_resume_draft(PORTAL, "9001", user_id=None)
    for call in (
        world.service.show_draft(PORTAL + 1, draft["id"]),
        world.service.submit_draft(PORTAL + 1, draft["id"], version=1, user_email=None),
        world.service.discard_draft(PORTAL + 1, draft["id"]),
    ):
        with pytest.raises(AppError) as caught:
            await call
        assert caught.value.status_code == 404


async def test_discarded_draft_is_gone_and_a_new_one_starts(world: World) -> None:
    draft = await world.service.start_or_resume_draft(PORTAL, "9001", user_id=None)
    await world.service.discard_draft(PORTAL, draft["id"])
    with pytest.raises(AppError):
        await world.service.show_draft(PORTAL, draft["id"])
    fresh = await world.service.start_or_resume_draft(PORTAL, "9001", user_id=None)
    assert fresh["id"] != draft["id"]


def test_order_summary_total_is_text() -> None:
    assert NsOrderSummary("1", None, None, None, None, "10.50", None, None).total == "10.50"
    assert Decimal("10.50") == Decimal(
        NsOrderSummary("1", None, None, None, None, "10.50", None, None).total or 0
    )
