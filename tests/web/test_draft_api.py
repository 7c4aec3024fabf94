"""The creation flow through HTTP against the NetSuite and HubSpot sandboxes."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from server.netsuite.adapter import NetSuiteAccount, NetSuiteAccounts
from server.orders.context import Deps
from server.orders.ports import ConnectionRecord
from server.orders.service import OrdersService
from tests.web.orders_env import PORTAL_ID, Env, env, orders_settings

__all__ = ["env", "orders_settings"]  # fixtures

FORM_VALUES: dict[str, dict[str, Any]] = {
    "68": {},
    "121": {"otherRefNum": "PO-4411", "custbody_region": "2"},
    "135": {
        "memo": "Support contract",
        "startDate": "2027-01-01",
        "endDate": "2027-12-31",
        "custbody_contract_term": 12,
    },
}


def orders_with(e: Env, external_id: str) -> list[dict[str, object]]:
    return [o for o in e.netsuite.sales_orders() if o.get("externalid") == external_id]


async def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def to_order_tab(
    e: Env, deal_id: str, *, form: str = "68", customer: dict[str, Any] | None = None, subsidiary: str = "1"
) -> dict[str, Any]:
    draft = await e.draft_for(deal_id)
    draft = await ok(
        await e.step(
            draft, "account", {"connectionId": e.connection_id, "subsidiaryId": subsidiary, "formId": form}
        )
    )
    assert draft["step"] == "customer"
    if customer is None:
        customer = {"customerMode": "existing", "customerId": draft["tab"]["suggestion"]["customerId"]}
    draft = await ok(await e.step(draft, "customer", customer))
    assert draft["step"] == "order"
    return draft


async def to_review(
    e: Env,
    deal_id: str,
    *,
    form: str = "68",
    order: dict[str, Any] | None = None,
    customer: dict[str, Any] | None = None,
    subsidiary: str = "1",
) -> dict[str, Any]:
    draft = await to_order_tab(e, deal_id, form=form, customer=customer, subsidiary=subsidiary)
    values = {"priceSource": "hubspot", "includeAttachments": False, **FORM_VALUES[form], **(order or {})}
    draft = await ok(await e.step(draft, "order", values))
    assert draft["step"] == "review"
    return draft


async def submit(e: Env, draft: dict[str, Any]) -> Any:
    return await e.client.post(f"/api/v1/drafts/{draft['id']}/submit", {"version": draft["version"]})


async def external_id_of(e: Env, draft: dict[str, Any]) -> str:
    async with e.services.store.transaction() as tx:
        stored = await tx.drafts.get(PORTAL_ID, draft["id"])
    assert stored is not None
    return stored.external_id


@pytest.mark.parametrize("form", ["68", "121", "135"])
async def test_each_custom_form_creates_one_linked_order(env: Env, form: str) -> None:
    draft = await to_order_tab(env, "8001", form=form)
    fields = [f for f in draft["tab"]["fields"]]
    mandatory = [f["id"] for f in fields if f["required"] and f["id"] != "priceSource"]
    assert sorted(mandatory) == sorted(FORM_VALUES[form])
    assert fields[: len(mandatory)] == [f for f in fields if f["required"] and f["id"] != "priceSource"]
    assert [line["match"] for line in draft["tab"]["lines"]] == ["matched"] * 7
    draft = await ok(await env.step(draft, "order", {"priceSource": "hubspot", **FORM_VALUES[form]}))
    summary = draft["tab"]["summary"]
    # gross 10×25 + 5×40 + 2×199 + 850 + 3×120 + 300 + 45; discount 5×(10 % of 40) + 3×5
    assert (summary["subtotal"], summary["discount"], summary["total"]) == ("2403.00", "35.00", "2368.00")
    result = await ok(await submit(env, draft))
    assert result["draft"]["status"] == "created"
    order = result["order"]
    [stored] = orders_with(env, await external_id_of(env, draft))
    assert str(stored["id"]) == order["netsuiteId"]
    assert str(stored["customform"]) == form
    assert str(stored["entity"]) == "201"
    assert order["createdVia"] == "card"
    assert order["createdBy"] == "rep@example.com"
    card = (await env.client.get("/api/v1/deals/8001/sales-orders")).json()
    assert [o["netsuiteId"] for o in card["orders"]] == [order["netsuiteId"]]


async def test_missing_mandatory_field_and_bad_value_are_422_with_fields(env: Env) -> None:
    draft = await to_order_tab(env, "8001", form="121")
    missing = await env.step(draft, "order", {"priceSource": "hubspot", "custbody_region": "2"})
    assert missing.status_code == 422
    assert missing.json()["fields"] == {"otherRefNum": "Please enter a value for PO #."}
    bad = await env.step(
        draft, "order", {"priceSource": "hubspot", "otherRefNum": "PO", "custbody_region": "99"}
    )
    assert bad.status_code == 422
    assert bad.json()["fields"] == {"custbody_region": "99 is not one of the choices for Region."}
    bad_date = await env.step(
        (await to_order_tab(env, "8001", form="135")),
        "order",
        {**FORM_VALUES["135"], "priceSource": "hubspot", "endDate": "2027-02-30"},
    )
    assert bad_date.json()["fields"] == {"endDate": "End Date: 2027-02-30 is not a real date."}


async def test_unknown_sku_blocks_review_until_an_item_is_chosen(env: Env) -> None:
    draft = await to_order_tab(env, "8002")
    lines = {line["sku"]: line for line in draft["tab"]["lines"]}
    assert lines["WIDGET-9"]["match"] == "unmatched"
    assert (
        lines["WIDGET-9"]["message"]
        == "SKU WIDGET-9 has no NetSuite item; choose the item or add it in NetSuite."
    )
    blocked = await env.step(draft, "order", {"priceSource": "hubspot"})
    assert blocked.status_code == 422
    line_id = lines["WIDGET-9"]["lineId"]
    assert blocked.json()["fields"][f"lines.{line_id}"].startswith("SKU WIDGET-9 has no NetSuite item")
    found = (
        await env.client.get(f"/api/v1/drafts/{draft['id']}/options/item", params={"q": "widget-4"})
    ).json()
    assert found["options"] == [{"value": "194", "label": "WIDGET-4 – Widget, stainless"}]
    review = await ok(
        await env.step(
            draft, "order", {"priceSource": "hubspot", "lines": [{"lineId": line_id, "itemId": "194"}]}
        )
    )
    assert review["tab"]["summary"]["lines"][0]["item"] == "WIDGET-4 – Widget, stainless"


async def test_ambiguous_inactive_and_no_sku_lines_are_kept_and_block(env: Env) -> None:
    draft = await to_order_tab(env, "8003", subsidiary="2")
    lines = {line["name"]: line for line in draft["tab"]["lines"]}
    assert lines["Starter kit"]["match"] == "matched"  # SKU from the product
    assert lines["Duplicate SKU part"]["match"] == "ambiguous"
    assert [c["id"] for c in lines["Duplicate SKU part"]["candidates"]] == ["117", "118"]
    assert lines["Widget (discontinued)"]["match"] == "unmatched"
    blocked = await env.step(draft, "order", {"priceSource": "hubspot"})
    assert blocked.status_code == 422
    picks = [
        {"lineId": lines["Duplicate SKU part"]["lineId"], "itemId": "118"},
        {"lineId": lines["Widget (discontinued)"]["lineId"], "itemId": "101"},
    ]
    review = await ok(await env.step(draft, "order", {"priceSource": "hubspot", "lines": picks}))
    assert len(review["tab"]["summary"]["lines"]) == 3

    no_sku = await to_order_tab(env, "8004")
    assert [line["match"] for line in no_sku["tab"]["lines"]] == ["no_sku", "no_sku"]
    assert all("has no SKU in HubSpot" in line["message"] for line in no_sku["tab"]["lines"])


@pytest.mark.parametrize(
    ("deal_id", "customer_id", "reason", "explanation"),
    [
        (
            "8001",
            "201",
            "external_id",
            "Created from this HubSpot company (external ID hubspot-company-9001)",
        ),
        ("8101", "205", "email", "Same email domain as the deal's company (initech.example)"),
        ("8103", "228", "email", "Same email as the deal's contact (john.smith@outlook.example)"),
        ("8102", "207", "name", "Same name as the deal's company (Stark Components, Inc.)"),
    ],
)
async def test_customer_suggestion_by_each_reason(
    env: Env, deal_id: str, customer_id: str, reason: str, explanation: str
) -> None:
    draft = await env.draft_for(deal_id)
    draft = await ok(
        await env.step(
            draft, "account", {"connectionId": env.connection_id, "subsidiaryId": "1", "formId": "68"}
        )
    )
    suggestion = draft["tab"]["suggestion"]
    assert (suggestion["customerId"], suggestion["reason"], suggestion["explanation"]) == (
        customer_id,
        reason,
        explanation,
    )


async def test_a_company_already_in_netsuite_is_not_created_again(env: Env) -> None:
    draft = await env.draft_for("8001")
    draft = await ok(
        await env.step(
            draft, "account", {"connectionId": env.connection_id, "subsidiaryId": "1", "formId": "68"}
        )
    )
    refused = await env.step(draft, "customer", {"customerMode": "new", "companyName": "Acme Corp"})
    assert refused.status_code == 422
    assert refused.json()["fields"]["customerMode"].startswith(
        "This company is already in NetSuite as Acme Corp"
    )


async def test_a_new_customer_is_created_from_hubspot_once(env: Env) -> None:
    draft = await env.draft_for("8101")
    draft = await ok(
        await env.step(
            draft, "account", {"connectionId": env.connection_id, "subsidiaryId": "1", "formId": "68"}
        )
    )
    prefill = {f["id"]: f["default"] for f in draft["tab"]["fields"]}
    assert (prefill["companyName"], prefill["customerMode"]) == ("Initrode", "existing")
    customer = {
        "customerMode": "new",
        "companyName": "Initrode",
        "email": "buy@initrode.example",
        "country": "us",
    }
    draft = await ok(await env.step(draft, "customer", customer))
    draft = await ok(await env.step(draft, "order", {"priceSource": "netsuite"}))
    assert draft["tab"]["summary"]["customer"]["name"] == "Initrode (new)"
    result = await ok(await submit(env, draft))
    again = await ok(await submit(env, draft))
    assert again["order"] == result["order"]
    rows = env.netsuite.db.execute(
        "SELECT id, externalid FROM customer WHERE companyname = 'Initrode'"
    ).fetchall()
    assert [row[1] for row in rows] == ["hubspot-company-9101"]
    [stored] = orders_with(env, await external_id_of(env, draft))
    assert str(stored["entity"]) == str(rows[0][0])
    assert result["order"]["customer"] == "Initrode"


async def test_attachments_are_attached_and_the_oversized_one_reported(env: Env) -> None:
    draft = await to_review(env, "8001", order={"includeAttachments": True, "folderId": "12"})
    planned = {a["name"]: a["status"] for a in draft["tab"]["summary"]["attachments"]}
    assert planned == {
        "quote-Q4.pdf": "will_attach",
        "site-photo.png": "will_attach",
        "cad-drawings.zip": "too_large",
    }
    result = await ok(await submit(env, draft))
    outcome = {a["name"]: (a["status"], a["message"]) for a in result["attachments"]}
    assert outcome["quote-Q4.pdf"] == ("attached", None)
    assert outcome["site-photo.png"] == ("attached", None)
    assert outcome["cad-drawings.zip"][0] == "too_large"
    assert "cad-drawings.zip is larger than 7.5 MB" in outcome["cad-drawings.zip"][1]
    assert sorted(f.name for f in env.netsuite.files) == ["quote-Q4.pdf", "site-photo.png"]
    again = await ok(await submit(env, draft))
    assert again["attachments"] == result["attachments"]
    assert len(env.netsuite.files) == 2  # a repeat attaches nothing twice


async def test_netsuite_down_mid_flow_then_back(env: Env) -> None:
    draft = await to_order_tab(env, "8001")
    async with env.services.store.transaction() as tx:
        connection = await tx.connections.get(PORTAL_ID, env.connection_id)
    assert connection is not None
    # Give up on the outage after half a second rather than the governor's production budget.
    env.services.netsuite.client_for(connection).governor.budget_seconds = 0.5
    env.netsuite.down = True
    down = await env.step(draft, "order", {"priceSource": "hubspot"})
    assert down.status_code == 503
    assert down.json()["error"] == "netsuite_unavailable"
    env.netsuite.down = False
    draft = await ok(await env.step(draft, "order", {"priceSource": "hubspot"}))
    env.netsuite.down = True
    failed = await submit(env, draft)
    assert failed.status_code == 503
    env.netsuite.down = False
    current = await ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
    assert current["status"] == "open"
    result = await ok(await submit(env, current))
    assert result["draft"]["status"] == "created"
    assert len(orders_with(env, await external_id_of(env, draft))) == 1


async def test_netsuite_rejection_is_mapped_to_the_field(env: Env) -> None:
    draft = await to_review(env, "8001")
    env.netsuite.fail_next(
        400, "INVALID_CONTENT", "Please enter value(s) for: Memo", path_contains="/salesOrder/eid:"
    )
    rejected = await submit(env, draft)
    assert rejected.status_code == 422, rejected.text
    body = rejected.json()
    assert body["detail"]["tab"] in ("order", "review")
    assert body["detail"]["netsuiteMessage"] == "Please enter value(s) for: Memo"
    current = await ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
    assert current["status"] == "failed"
    assert current["error"]["message"].startswith("NetSuite rejected the order")


async def test_netsuite_rejecting_several_fields_names_every_one(env: Env) -> None:
    # The app read form 121 before the admin made PO # and Region mandatory; within the form cache's
    # lifetime our own checks pass and NetSuite, which names every missing field, is the one to refuse.
    seeded = env.netsuite.account.forms["121"]
    optional = tuple(
        replace(f, mandatory=False) if f.id in ("otherRefNum", "custbody_region") else f
        for f in seeded.body_fields
    )
    env.netsuite.account.forms["121"] = replace(seeded, body_fields=optional)
    draft = await to_order_tab(env, "8001", form="121")
    draft = await ok(await env.step(draft, "order", {"priceSource": "hubspot"}))
    assert draft["step"] == "review"
    env.netsuite.account.forms["121"] = seeded

    rejected = await submit(env, draft)

    assert rejected.status_code == 422, rejected.text
    body = rejected.json()
    assert body["fields"] == {
        "otherRefNum": "Please enter value(s) for: PO #",
        "custbody_region": "Please enter value(s) for: Region",
    }
    assert body["detail"] == {
        "tab": "order",
        "field": "otherRefNum",
        "netsuiteMessage": "Please enter value(s) for: PO #",
    }
    current = await ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
    assert current["status"] == "failed"
    assert current["error"]["message"] == (
        "NetSuite rejected the order: Please enter value(s) for: PO #; Please enter value(s) for: Region"
    )
    assert orders_with(env, await external_id_of(env, draft)) == []


async def test_ten_concurrent_submits_create_exactly_one_order_linked_once(env: Env) -> None:
    draft = await to_review(env, "8001")
    env.netsuite.latency = 0.05
    responses = await asyncio.gather(*(submit(env, draft) for _ in range(10)))
    assert [r.status_code for r in responses] == [200] * 10, [
        r.text for r in responses if r.status_code != 200
    ]
    assert len({r.json()["order"]["netsuiteId"] for r in responses}) == 1
    assert len(orders_with(env, await external_id_of(env, draft))) == 1
    assert len([r for r in env.netsuite.requests if r.method == "PUT"]) == 1
    async with env.services.store.transaction() as tx:
        assert len(await tx.links.for_deal(PORTAL_ID, "8001")) == 1


async def test_a_repeated_submit_returns_the_same_result(env: Env) -> None:
    draft = await to_review(env, "8001")
    first = await ok(await submit(env, draft))
    puts = len([r for r in env.netsuite.requests if r.method == "PUT"])
    second = await ok(await submit(env, draft))
    assert second["order"] == first["order"]
    assert second["attachments"] == first["attachments"]
    assert len([r for r in env.netsuite.requests if r.method == "PUT"]) == puts


class CrashAfterAnswer(NetSuiteAccounts):
    """The process dies after NetSuite created the order and before our commit (once)."""

    crashed = False

    def account(self, connection: ConnectionRecord) -> NetSuiteAccount:
        account = super().account(connection)
        upsert = account.upsert_sales_order

        async def crashing(external_id: str, body: Any) -> str:
            order_id = await upsert(external_id, body)
            if not CrashAfterAnswer.crashed:
                CrashAfterAnswer.crashed = True
                raise ConnectionResetError("the worker died before committing")
            return order_id

        account.upsert_sales_order = crashing  # type: ignore[method-assign]
        return account


async def test_a_crash_after_netsuite_answered_then_a_retry_gives_one_order_linked_once(env: Env) -> None:
    real: Deps = env.services.orders.deps
    crashing = CrashAfterAnswer(env.services.netsuite, env.services.store)
    env.services.orders = OrdersService(
        Deps(
            store=real.store,
            netsuite=crashing,
            hubspot=real.hubspot,
            clock=real.clock,
            submit_lease=timedelta(milliseconds=300),
            submit_wait=0.1,
        )
    )
    draft = await to_review(env, "8001")
    with pytest.raises(ConnectionResetError):  # the app does not answer: the process is gone
        await submit(env, draft)
    assert len(orders_with(env, await external_id_of(env, draft))) == 1  # NetSuite has it; we don't know yet
    busy = await submit(env, draft)
    assert (busy.status_code, busy.json()["error"]) == (409, "submit_in_progress")
    await asyncio.sleep(0.35)
    result = await ok(await submit(env, draft))
    assert result["draft"]["status"] == "created"
    [stored] = orders_with(env, await external_id_of(env, draft))
    assert result["order"]["netsuiteId"] == str(stored["id"])
    assert len([r for r in env.netsuite.requests if r.method == "PUT"]) == 1
    async with env.services.store.transaction() as tx:
        assert len(await tx.links.for_deal(PORTAL_ID, "8001")) == 1


async def test_other_portals_get_404_and_bodies_are_checked(env: Env) -> None:
    draft = await env.draft_for("8001")
    other = env.client.as_portal(PORTAL_ID + 1)
    for response in (
        await other.get(f"/api/v1/drafts/{draft['id']}"),
        await other.post(f"/api/v1/drafts/{draft['id']}/steps/account", {"version": 1, "values": {}}),
        await other.post(f"/api/v1/drafts/{draft['id']}/submit", {"version": 1}),
        await other.post(f"/api/v1/drafts/{draft['id']}/discard", {}),
    ):
        assert response.status_code == 404
    bad = await env.client.post(f"/api/v1/drafts/{draft['id']}/steps/account", {"values": {}})
    assert bad.status_code == 422
    assert "version" in bad.json()["fields"]
    stale = await env.step({**draft, "version": draft["version"] + 5}, "account", {})
    assert (stale.status_code, stale.json()["error"]) == (409, "draft_changed")
    assert stale.json()["detail"]["id"] == draft["id"]
    locked = await env.step(draft, "order", {})
    assert (locked.status_code, locked.json()["error"]) == (409, "step_locked")
    assert (await env.client.post(f"/api/v1/drafts/{draft['id']}/discard", {})).status_code == 204
    assert (await env.client.get(f"/api/v1/drafts/{draft['id']}")).status_code == 404
