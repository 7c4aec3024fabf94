"""The workflow action end to end: HubSpot's v2-signed execution request through the real HTTP API, the
app's real executor with the production NetSuite and HubSpot connectors, and both sandboxes behind them."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from sqlalchemy import text

from server.app import create_app
from server.config import Settings
from server.orders.errors import NetSuiteAuthFailedError
from server.orders.models import NsItem
from server.orders.ports import ConnectionRecord, NetSuiteAccounts, NetSuitePort
from server.sandbox.hubspot import files
from server.sandbox.hubspot import seed as hs_seed
from server.sandbox.hubspot.automation import CompletedCallback
from server.sandbox.netsuite import seed as ns_seed
from server.services import Services
from server.store.schema import metadata
from server.workflow.definition import EXECUTE_PATH
from server.workflow.executor import WorkflowExecutor
from server.workflow.failures import AUTH
from server.workflow.request import deal_external_id
from server.workflow.runner import OrderRunner
from server.workflow.wiring import workflow_deps
from tests.support.sandboxes import (
    PORTAL_ID,
    MovableClock,
    Sandboxes,
    connect_netsuite,
    install_portal,
    sandbox_settings,
)
from tests.support.signed import SignedClient

# A deal of the seeded portal whose company (9050) and contact (7004) NetSuite does not know.
NEW_CUSTOMER_DEAL = "8201"


def portal_seed() -> hs_seed.Seed:
    seed = hs_seed.default_seed()
    seed.add("deals", NEW_CUSTOMER_DEAL, dealname="Soylent Foods – first order", deal_currency_code="USD",
             amount="50.00")  # fmt: skip
    seed.add("line_items", "29201", name="Widget, standard", hs_sku="WIDGET-1", quantity="2", price="25.00")
    seed.link(NEW_CUSTOMER_DEAL, "line_items", "29201")
    seed.link(NEW_CUSTOMER_DEAL, "companies", "9050", primary=True)
    seed.link(NEW_CUSTOMER_DEAL, "contacts", "7004")
    return seed


def worker_of(services: Services, **options: Any) -> WorkflowExecutor:
    """The worker the app's lifespan runs (server.app → running_worker), without its background loop."""
    return WorkflowExecutor(services.store, OrderRunner(workflow_deps(services)), services.hubspot, **options)


@dataclass
class Action:
    settings: Settings
    sandboxes: Sandboxes
    services: Services
    client: SignedClient
    connection_id: str
    clock: MovableClock

    def request(self, callback_id: str, deal_id: str, **inputs: str | bool) -> dict[str, Any]:
        """The execution request as HubSpot sends it: every input resolved to its text (checkboxes as
        "true"/"false"), the deal's properties alongside."""
        given = {"netsuite_account": self.connection_id, "price_source": "hubspot",
                 "customer_source": "company", **inputs}  # fmt: skip
        fields = {k: str(v).lower() if isinstance(v, bool) else v for k, v in given.items()}
        return {
            "callbackId": callback_id,
            "origin": {"portalId": PORTAL_ID, "actionDefinitionId": 11, "actionDefinitionVersion": 1},
            "context": {"source": "WORKFLOWS", "workflowId": 99},
            "object": {"objectId": int(deal_id), "objectType": "DEAL",
                       "properties": self.sandboxes.hubspot.objects["deals"][deal_id]},
            "inputFields": fields,
        }  # fmt: skip

    def resolved(self, deal_id: str, name: str) -> str:
        """A deal property as HubSpot resolves an OBJECT_PROPERTY input: its value, as text."""
        value = self.sandboxes.hubspot.objects["deals"][deal_id][name]
        assert value is not None
        return value

    async def send(self, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.client.post(EXECUTE_PATH, body, version="v2", add_query=False)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    async def run(self, callback_id: str, deal_id: str, **inputs: str | bool) -> dict[str, Any]:
        """Send the request, drain the worker, and return the one callback HubSpot received."""
        answer = await self.send(self.request(callback_id, deal_id, **inputs))
        assert answer["outputFields"]["hs_execution_state"] == "BLOCK", answer
        await worker_of(self.services).drain()
        (callback,) = self.callbacks(callback_id)
        return callback.output_fields

    def callbacks(self, callback_id: str) -> list[CompletedCallback]:
        return [c for c in self.sandboxes.hubspot.callbacks if c.callback_id == callback_id]

    def orders(self) -> list[dict[str, object]]:
        """Sales orders the workflow created (the seeded ones have no external id)."""
        return [o for o in self.sandboxes.netsuite.sales_orders() if o["externalid"]]

    def lines(self, order_id: object) -> list[tuple[int, float, float]]:
        """(item, quantity, rate) of an order's item lines, as NetSuite stores them."""
        rows = self.sandboxes.netsuite.db.execute(
            "SELECT item, -quantity, rate FROM transactionline WHERE \"transaction\" = ? AND mainline = 'F'"
            " ORDER BY linesequencenumber",
            (order_id,),
        )
        return [(int(item), float(quantity), float(rate)) for item, quantity, rate in rows]

    def upserts(self) -> list[str]:
        return [r.path for r in self.sandboxes.netsuite.requests
                if r.method == "PUT" and "/salesOrder/eid:" in r.path]  # fmt: skip

    async def card_orders(self, deal_id: str) -> list[dict[str, Any]]:
        """The deal's orders as the Sales orders card lists them (v3-signed, like hubspot.fetch)."""
        response = await self.client.get(f"/api/v1/deals/{deal_id}/sales-orders")
        assert response.status_code == 200, response.text
        orders: list[dict[str, Any]] = response.json()["orders"]
        return orders


@pytest.fixture
async def action(settings: Settings, migrated_sqlite: Path) -> AsyncIterator[Action]:
    settings = sandbox_settings(settings)
    shutil.copy(migrated_sqlite, settings.database_url.split("///", 1)[1])
    clock = MovableClock()
    sandboxes = Sandboxes.for_settings(settings, hubspot_seed=portal_seed())
    services = sandboxes.services(settings, clock=clock)
    await install_portal(services, sandboxes.hubspot)
    connection_id = await connect_netsuite(services)
    app = create_app(settings, services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=settings.public_base_url
    ) as http:
        client = SignedClient(http, secret=settings.hubspot_client_secret.get_secret_value(),
                              portal_id=PORTAL_ID, app_id=settings.hubspot_app_id)  # fmt: skip
        action = Action(settings, sandboxes, services, client, connection_id, clock)
        yield action
    # A test that restarts the app leaves its new services here.
    await action.services.aclose()


# Deal 8001's lines as NetSuite items: (internal id, quantity), in the deal's order.
DEAL_8001_ITEMS = [(101, 10.0), (102, 5.0), (103, 2.0), (131, 1.0), (141, 3.0), (161, 1.0), (171, 1.0)]


async def test_hubspot_prices_for_the_first_company_create_a_linked_order(action: Action) -> None:
    outputs = await action.run("ap-90210-1-1-0", "8001")

    (order,) = action.orders()
    # The deal's one order: a second enrolment of the deal finds it instead of making another.
    assert order["externalid"] == deal_external_id(PORTAL_ID, "8001")
    # Acme Corp (customer 201, by external id) in its subsidiary and currency, on the default form.
    assert (order["entity"], order["subsidiary"], order["currency"], order["customform"]) == (201, 1, 1, 68)
    # HubSpot's prices net of discounts: WIDGET-2 40.00 less 10 %, KIT-STARTER 120.00 less 5.00.
    rates = [25.0, 36.0, 199.0, 850.0, 115.0, 300.0, 45.0]
    assert action.lines(order["id"]) == [(i, q, r) for (i, q), r in zip(DEAL_8001_ITEMS, rates, strict=True)]
    assert outputs == {
        "hs_execution_state": "SUCCESS",
        "sales_order_id": str(order["id"]),
        "sales_order_number": order["tranid"],
        "sales_order_url": f"{ns_seed.APP_BASE_URL}/app/accounting/transactions/salesord.nl?id={order['id']}",
        "sales_order_status": "Pending Approval",
        "error_message": "",
    }
    (linked,) = await action.card_orders("8001")
    assert (linked["netsuiteId"], linked["number"], linked["createdVia"]) == (
        str(order["id"]), order["tranid"], "workflow",
    )  # fmt: skip
    assert linked["status"]["code"] == "A"


async def test_netsuite_list_prices_for_the_first_contact_in_its_currency(action: Action) -> None:
    outputs = await action.run("cb-contact", "8001", price_source="netsuite", customer_source="contact",
                               order_status="B")  # fmt: skip

    (order,) = action.orders()
    # Emma Brown (customer 229, by email) belongs to the UK subsidiary, which sells in GBP.
    assert (order["entity"], order["subsidiary"], order["currency"], order["status"]) == (229, 2, 2, "B")
    # NetSuite's base prices in GBP, not HubSpot's USD prices or discounts.
    rates = [19.75, 31.6, 157.21, 1935.5, 236.21, 118.5, 27.65]
    assert action.lines(order["id"]) == [(i, q, r) for (i, q), r in zip(DEAL_8001_ITEMS, rates, strict=True)]
    assert outputs["hs_execution_state"] == "SUCCESS"
    assert outputs["sales_order_status"] == "Pending Fulfillment"
    assert [o["netsuiteId"] for o in await action.card_orders("8001")] == [str(order["id"])]


async def test_hubspot_usd_prices_for_a_gbp_customer_are_refused_not_booked_as_pounds(action: Action) -> None:
    outputs = await action.run("cb-gbp", "8001", customer_source="contact")

    # Emma Brown (229) trades in GBP only: NetSuite refuses an order in USD, the deal's currency.
    assert outputs["hs_execution_state"] == "FAIL_CONTINUE"
    assert outputs["error_message"] == (
        "The deal is in USD, but the NetSuite customer Emma Brown does not trade in USD (its currency is "
        "GBP) — add USD to the customer's currencies in NetSuite, or change the deal's currency to GBP in "
        "HubSpot."
    )
    (sent,) = [r.json for r in action.sandboxes.netsuite.requests if r.method == "PUT"]
    assert isinstance(sent, dict)
    assert sent["currency"] == {"id": "1"}
    assert action.orders() == []


async def test_a_gbp_customer_that_also_trades_in_usd_gets_the_deals_usd_prices(action: Action) -> None:
    action.sandboxes.netsuite.add_customer_currency("229", "1")
    outputs = await action.run("cb-usd-for-gbp", "8001", customer_source="contact")

    assert outputs["hs_execution_state"] == "SUCCESS", outputs
    (order,) = action.orders()
    # The UK customer's order is in US dollars, at HubSpot's (USD) prices net of discounts.
    assert (order["entity"], order["subsidiary"], order["currency"]) == (229, 2, 1)
    rates = [25.0, 36.0, 199.0, 850.0, 115.0, 300.0, 45.0]
    assert action.lines(order["id"]) == [(i, q, r) for (i, q), r in zip(DEAL_8001_ITEMS, rates, strict=True)]


async def test_attachments_go_to_the_chosen_folder_and_an_oversized_one_is_reported(action: Action) -> None:
    outputs = await action.run("cb-files", "8001", include_attachments=True, attachment_folder="13")

    (order,) = action.orders()
    sent = {f.name: f for f in action.sandboxes.netsuite.files}
    assert sorted(sent) == ["quote-Q4.pdf", "site-photo.png"]
    for name, kind in (("quote-Q4.pdf", "PDF"), ("site-photo.png", "PNGIMAGE")):
        assert (sent[name].folder_id, sent[name].file_type, sent[name].attached_to) == (
            "13", kind, [str(order["id"])],
        )  # fmt: skip
    assert sent["quote-Q4.pdf"].contents.startswith(b"%PDF-")
    assert sent["site-photo.png"].contents == files.png_bytes()
    # The 12 MB drawing cannot pass NetSuite's file limit: the order stands, and the outcome says so.
    assert outputs["hs_execution_state"] == "SUCCESS"
    assert outputs["sales_order_id"] == str(order["id"])
    assert "cad-drawings.zip (too large)" in outputs["error_message"]
    assert "were not attached" in outputs["error_message"]


async def test_a_folder_netsuite_refuses_still_reports_the_created_order(action: Action) -> None:
    outputs = await action.run("cb-no-folder", "8001", include_attachments=True, attachment_folder="99")

    # The order exists and is linked: the action must say so, and say which files are missing and why.
    (order,) = action.orders()
    assert outputs["hs_execution_state"] == "SUCCESS"
    assert outputs["sales_order_id"] == str(order["id"])
    assert "quote-Q4.pdf (The folder 99 does not exist)" in outputs["error_message"]
    assert "cad-drawings.zip (too large)" in outputs["error_message"]
    assert action.sandboxes.netsuite.files == []
    assert [o["netsuiteId"] for o in await action.card_orders("8001")] == [str(order["id"])]


async def test_additional_fields_from_static_values_and_deal_properties(action: Action) -> None:
    deal = action.sandboxes.hubspot.objects["deals"]["8001"]
    deal["customer_po"] = "PO-4471"
    # Memo and PO number are mapped to deal properties in the workflow; the region is typed in.
    outputs = await action.run(
        "cb-fields", "8001",
        custom_form="121",
        memo=action.resolved("8001", "dealname"),
        po_number=action.resolved("8001", "customer_po"),
        additional_fields="# Wholesale orders need a region\ncustbody_region=West\ncustbody_rush=true",
    )  # fmt: skip

    assert outputs["hs_execution_state"] == "SUCCESS", outputs
    (order,) = action.orders()
    assert order["customform"] == 121
    assert (order["memo"], order["otherrefnum"]) == ("Acme Corp – Q4 widget rollout", "PO-4471")
    # West is the region list's value 1 (the label is accepted for the internal id).
    assert (order["custbody_region"], order["custbody_rush"]) == (1, "T")


async def test_additional_fields_as_json_held_in_a_deal_property(action: Action) -> None:
    deal = action.sandboxes.hubspot.objects["deals"]["8005"]
    deal["netsuite_fields"] = '{"custbody_region": "4", "otherRefNum": "EU-77", "custbody_rush": false}'
    # The deal is priced in EUR; Fabrikam, a CAD customer, is invoiced in euros too.
    action.sandboxes.netsuite.add_customer_currency("214", "4")
    outputs = await action.run("cb-json", "8005", custom_form="121",
                               additional_fields=action.resolved("8005", "netsuite_fields"))  # fmt: skip

    assert outputs["hs_execution_state"] == "SUCCESS", outputs
    (order,) = action.orders()
    # Fabrikam (customer 214, by external id) belongs to Honeycomb Canada (subsidiary 4).
    assert (order["entity"], order["subsidiary"], order["customform"], order["currency"]) == (214, 4, 121, 4)
    assert order["otherrefnum"] == "EU-77"
    assert (order["custbody_region"], order["custbody_rush"]) == (4, "F")


@pytest.mark.parametrize(
    ("deal_id", "inputs", "expected"),
    [
        pytest.param("8002", {}, "SKU WIDGET-9 on line 'Widget 9 (new model)' has no NetSuite item — add "
                     "the item in NetSuite or fix the SKU in HubSpot", id="unknown-sku"),
        pytest.param("8003", {}, "SKU DUP-SKU on line 'Duplicate SKU part' matches several NetSuite items",
                     id="ambiguous-sku"),
        pytest.param("8004", {"customer_source": "contact"}, "line 'Custom engraving' has no SKU — set the "
                     "product's SKU in HubSpot", id="no-sku"),
        pytest.param("8006", {}, "The deal has no associated company — associate one with the deal, or set "
                     "'Customer from' to the first associated contact", id="no-company"),
        pytest.param("8002", {"customer_source": "contact"}, "The deal has no associated contact",
                     id="no-contact"),
        pytest.param(NEW_CUSTOMER_DEAL, {}, "No NetSuite customer matches the deal's company 'Soylent "
                     "Foods' (by external ID, email or name) — create the customer in NetSuite, or turn on "
                     "'Create the customer if none matches'", id="no-matching-customer"),
        # NetSuite names every missing field at once, so the owner fixes them all in one go.
        pytest.param("8001", {"custom_form": "121"}, "NetSuite rejected the order: Please enter value(s) "
                     "for: PO # (NetSuite field otherRefNum); Please enter value(s) for: Region (NetSuite "
                     "field custbody_region) — fix them in the deal or the action's settings",
                     id="mandatory-fields-missing"),
        # The field id is what the workflow's owner types into the additional NetSuite fields.
        pytest.param("8001", {"custom_form": "121", "po_number": "PO-1"}, "Please enter value(s) for: "
                     "Region (NetSuite field custbody_region) — fix it in the deal or the action's settings",
                     id="custom-mandatory-field-missing"),
    ],
)  # fmt: skip
async def test_each_failure_reason_fails_the_action_with_what_to_fix(
    action: Action, deal_id: str, inputs: dict[str, str], expected: str
) -> None:
    outputs = await action.run(f"cb-fail-{deal_id}", deal_id, **inputs)

    assert outputs["hs_execution_state"] == "FAIL_CONTINUE"
    assert expected in outputs["error_message"], outputs["error_message"]
    assert outputs["sales_order_id"] == ""
    assert action.orders() == []
    assert await action.card_orders(deal_id) == []


async def test_an_unknown_company_becomes_a_netsuite_customer_once(action: Action) -> None:
    first = await action.run("cb-new-1", NEW_CUSTOMER_DEAL, create_customer=True, subsidiary="1")
    again = await action.run("cb-new-2", NEW_CUSTOMER_DEAL, create_customer=True, subsidiary="1",
                             skip_if_linked=False)  # fmt: skip

    assert first["hs_execution_state"] == again["hs_execution_state"] == "SUCCESS"
    created = action.sandboxes.netsuite.db.execute(
        "SELECT id, companyname, isperson, subsidiary FROM customer WHERE externalid = 'hubspot-company-9050'"
    ).fetchall()
    assert [row[1:] for row in created] == [("Soylent Foods", "F", 1)]
    # The second order found the customer the first one created, by its HubSpot external id.
    assert [o["entity"] for o in action.orders()] == [created[0][0]] * 2
    assert [line[:2] for o in action.orders() for line in action.lines(o["id"])] == [(101, 2.0)] * 2


async def test_netsuite_refusing_the_credentials_says_to_reconnect(action: Action) -> None:
    action.sandboxes.netsuite.fail_next(401, "INVALID_LOGIN", "Invalid login attempt.")
    outputs = await action.run("cb-401", "8001")

    assert outputs["hs_execution_state"] == "FAIL_CONTINUE"
    assert outputs["error_message"] == AUTH
    assert action.orders() == []


async def test_a_connection_with_a_revoked_token_says_to_reconnect(action: Action) -> None:
    async with action.services.store.transaction() as tx:
        # The token the admin saved was revoked in NetSuite: its secret no longer signs valid requests.
        revoked = {"token_id": ns_seed.TOKEN_ID, "token_secret": "0" * 64}
        await tx.connections.update(PORTAL_ID, action.connection_id, credentials=revoked)
    outputs = await action.run("cb-bad-token", "8001")

    assert outputs["hs_execution_state"] == "FAIL_CONTINUE"
    assert "reconnect NetSuite in the app settings" in outputs["error_message"]
    # NetSuite checked the signature and refused it: no call got past the login.
    assert set(action.sandboxes.netsuite.login_audit) == {"InvalidSignature"}
    assert {r.status for r in action.sandboxes.netsuite.requests} == {401}
    assert action.orders() == []


async def test_hubspot_sending_the_same_request_three_times_creates_one_order(action: Action) -> None:
    body = action.request("ap-90210-77-3-0", "8001")
    for _ in range(2):
        assert (await action.send(body))["outputFields"]["hs_execution_state"] == "BLOCK"
    await worker_of(action.services).drain()
    # The third copy arrives after the end: it gets the outcome itself, and nothing runs again.
    late = (await action.send(body))["outputFields"]
    await worker_of(action.services).drain()

    (order,) = action.orders()
    (callback,) = action.callbacks("ap-90210-77-3-0")
    assert callback.output_fields["sales_order_id"] == late["sales_order_id"] == str(order["id"])
    assert late["hs_execution_state"] == "SUCCESS"
    assert len(action.upserts()) == 1
    assert len(await action.card_orders("8001")) == 1


async def test_re_enrolling_a_linked_deal_creates_no_second_order(action: Action) -> None:
    first = await action.run("cb-enrol-1", "8001")
    again = await action.run("cb-enrol-2", "8001")

    (order,) = action.orders()
    assert first["sales_order_id"] == again["sales_order_id"] == str(order["id"])
    assert again["hs_execution_state"] == "SUCCESS"
    assert len(action.upserts()) == 1
    # Turned off, re-enrolment is a new order (so the default above is what prevented it).
    third = await action.run("cb-enrol-3", "8001", skip_if_linked=False)
    assert third["sales_order_id"] != first["sales_order_id"]
    assert len(action.orders()) == 2
    assert len(await action.card_orders("8001")) == 2


@dataclass
class Gate:
    """Where a paused worker waits until the test lets it go on."""

    paused: asyncio.Event = field(default_factory=asyncio.Event)
    go: asyncio.Event = field(default_factory=asyncio.Event)

    async def hold(self) -> None:
        self.paused.set()
        await self.go.wait()


class _PausesAtItems:
    """The production NetSuite port, except that the item lookup (after the deal's links were read)
    waits at the gate."""

    def __init__(self, inner: NetSuitePort, gate: Gate) -> None:
        self._inner, self._gate = inner, gate

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def items_by_skus(self, skus: Sequence[str]) -> list[NsItem]:
        await self._gate.hold()
        return await self._inner.items_by_skus(skus)


class PausingAccounts:
    def __init__(self, inner: NetSuiteAccounts, gate: Gate) -> None:
        self._inner, self._gate = inner, gate

    def account(self, connection: ConnectionRecord) -> NetSuitePort:
        return cast(NetSuitePort, _PausesAtItems(self._inner.account(connection), self._gate))


async def test_two_enrolments_of_a_deal_at_the_same_moment_make_one_order(action: Action) -> None:
    # Two workflows enrol deal 8001 a moment apart, each with its own callback and memo.
    await action.send(action.request("cb-race-1", "8001", memo="first workflow"))
    action.clock.advance(seconds=1)
    await action.send(action.request("cb-race-2", "8001", memo="second workflow"))
    gate, deps = Gate(), workflow_deps(action.services)
    pausing = replace(deps, netsuite=PausingAccounts(deps.netsuite, gate))
    slow = WorkflowExecutor(action.services.store, OrderRunner(pausing), action.services.hubspot, batch=1)
    first = asyncio.create_task(slow.run_once())
    await asyncio.wait_for(gate.paused.wait(), timeout=5)
    # The first enrolment found no order linked to the deal; meanwhile the second one runs to the end.
    await worker_of(action.services).drain()
    gate.go.set()
    assert await first == 1

    (order,) = action.orders()
    outputs = [action.callbacks(c)[0].output_fields for c in ("cb-race-1", "cb-race-2")]
    assert [o["hs_execution_state"] for o in outputs] == ["SUCCESS", "SUCCESS"]
    assert [o["sales_order_id"] for o in outputs] == [str(order["id"])] * 2
    # The first enrolment found the order under the deal's external id and left it as the second made it.
    assert len(action.upserts()) == 1
    assert order["memo"] == "second workflow"
    assert [o["netsuiteId"] for o in await action.card_orders("8001")] == [str(order["id"])]


async def test_two_workers_taking_two_enrolments_of_a_deal_at_once_make_one_order(action: Action) -> None:
    for callback_id in ("cb-both-1", "cb-both-2"):
        await action.send(action.request(callback_id, "8001"))
    workers = [worker_of(action.services, worker=f"w{n}", batch=1) for n in range(2)]
    await asyncio.gather(*(w.drain() for w in workers))

    (order,) = action.orders()
    for callback_id in ("cb-both-1", "cb-both-2"):
        (callback,) = action.callbacks(callback_id)
        assert callback.output_fields["hs_execution_state"] == "SUCCESS"
        assert callback.output_fields["sales_order_id"] == str(order["id"])
    assert [o["netsuiteId"] for o in await action.card_orders("8001")] == [str(order["id"])]


async def test_without_skipping_two_enrolments_at_once_make_two_orders(action: Action) -> None:
    for callback_id in ("cb-two-1", "cb-two-2"):
        await action.send(action.request(callback_id, "8001", skip_if_linked=False))
    workers = [worker_of(action.services, worker=f"w{n}", batch=1) for n in range(2)]
    await asyncio.gather(*(w.drain() for w in workers))

    orders = action.orders()
    assert len(orders) == 2
    ids = {action.callbacks(c)[0].output_fields["sales_order_id"] for c in ("cb-two-1", "cb-two-2")}
    assert ids == {str(o["id"]) for o in orders}
    assert len(await action.card_orders("8001")) == 2


class ProcessDied(BaseException):
    """The worker's process ends here: not an error any handler sees, nothing after it runs."""


class _DiesAfterUpsert:
    """The production NetSuite port, except that the process dies once NetSuite has created the order."""

    def __init__(self, inner: NetSuitePort) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        order_id = await self._inner.upsert_sales_order(external_id, body)
        raise ProcessDied(order_id)


class _RefusesFiles:
    """The production NetSuite port, except that NetSuite refuses our login once files are sent."""

    def __init__(self, inner: NetSuitePort) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def attach_file(self, **_: Any) -> str:
        raise NetSuiteAuthFailedError()


class RefusingAccounts:
    def __init__(self, inner: NetSuiteAccounts) -> None:
        self._inner = inner

    def account(self, connection: ConnectionRecord) -> NetSuitePort:
        return cast(NetSuitePort, _RefusesFiles(self._inner.account(connection)))


async def test_credentials_refused_after_the_order_exists_still_report_the_order(action: Action) -> None:
    await action.send(action.request("cb-late-401", "8001", include_attachments=True, attachment_folder="13"))
    deps = workflow_deps(action.services)
    refusing = replace(deps, netsuite=RefusingAccounts(deps.netsuite))
    await WorkflowExecutor(action.services.store, OrderRunner(refusing), action.services.hubspot).drain()

    # The order exists and is linked: the workflow goes on with its id, and the message says what failed.
    (order,) = action.orders()
    (callback,) = action.callbacks("cb-late-401")
    outputs = callback.output_fields
    assert outputs["hs_execution_state"] == "SUCCESS"
    assert outputs["sales_order_id"] == str(order["id"])
    assert outputs["error_message"] == f"The sales order was created, but a later step failed: {AUTH}"
    assert [o["netsuiteId"] for o in await action.card_orders("8001")] == [str(order["id"])]


class DyingAccounts:
    def __init__(self, inner: NetSuiteAccounts) -> None:
        self._inner = inner

    def account(self, connection: ConnectionRecord) -> NetSuitePort:
        return cast(NetSuitePort, _DiesAfterUpsert(self._inner.account(connection)))


async def test_a_restart_between_netsuite_answer_and_our_commit_ends_with_one_order(action: Action) -> None:
    await action.send(action.request("cb-restart", "8001", include_attachments=True, attachment_folder="13"))
    deps = workflow_deps(action.services)
    dying = replace(deps, netsuite=DyingAccounts(deps.netsuite))
    with pytest.raises(ProcessDied):
        await WorkflowExecutor(action.services.store, OrderRunner(dying), action.services.hubspot).drain()
    # NetSuite has the order; we have neither committed it nor linked it, nor told HubSpot.
    assert len(action.orders()) == 1
    assert action.callbacks("cb-restart") == []
    assert await action.card_orders("8001") == []
    await action.services.aclose()

    # A fresh app on the same database and vendors: the dead worker's lease keeps the execution until
    # it runs out, then the new worker takes over.
    services = action.services = action.sandboxes.services(action.settings, clock=action.clock)
    app = create_app(action.settings, services)
    await worker_of(services).drain()
    assert action.callbacks("cb-restart") == []
    action.clock.advance(minutes=11)
    await worker_of(services).drain()

    (order,) = action.orders()
    (callback,) = action.callbacks("cb-restart")
    assert callback.output_fields["hs_execution_state"] == "SUCCESS"
    assert callback.output_fields["sales_order_id"] == str(order["id"])
    # The same external id upserted the same order; its files were attached once.
    assert len(set(action.upserts())) == 1
    assert sorted(f.name for f in action.sandboxes.netsuite.files) == ["quote-Q4.pdf", "site-photo.png"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=action.settings.public_base_url
    ) as http:
        action.client.http = http
        assert [o["netsuiteId"] for o in await action.card_orders("8001")] == [str(order["id"])]


@pytest.mark.postgres
async def test_two_workers_on_postgresql_create_one_order_per_execution(
    settings: Settings, postgres_database: str
) -> None:
    settings = sandbox_settings(settings, database_url=postgres_database)
    sandboxes = Sandboxes.for_settings(settings)
    sandboxes.netsuite.add_customer_currency("214", "4")  # deal 8005 is in EUR, Fabrikam a CAD customer
    # Two instances of the app: their own engines and vendor pools, one database, the same vendors.
    instances = [sandboxes.services(settings), sandboxes.services(settings)]
    async with instances[0].store.engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {', '.join(t.name for t in metadata.sorted_tables)} CASCADE"))
    try:
        await install_portal(instances[0], sandboxes.hubspot)
        connection_id = await connect_netsuite(instances[0])
        app = create_app(settings, instances[0])
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=settings.public_base_url
        ) as http:
            client = SignedClient(http, secret=settings.hubspot_client_secret.get_secret_value(),
                                  portal_id=PORTAL_ID, app_id=settings.hubspot_app_id)  # fmt: skip
            action = Action(settings, sandboxes, instances[0], client, connection_id, MovableClock())
            # cb-pg-5 enrols 8008 again at the same time as cb-pg-3: both end with the deal's one order.
            runs = {"cb-pg-1": ("8001", {}), "cb-pg-2": ("8005", {}), "cb-pg-3": ("8008", {}),
                    "cb-pg-4": ("8001", {"skip_if_linked": False}), "cb-pg-5": ("8008", {})}  # fmt: skip
            for callback_id, (deal_id, inputs) in runs.items():
                # HubSpot's retries of a slow answer may overlap the first request.
                body = action.request(callback_id, deal_id, **inputs)
                await asyncio.gather(*(action.send(body) for _ in range(3)))
            workers = [worker_of(s, worker=f"w{n}", batch=1) for n, s in enumerate(instances)]
            await asyncio.gather(*(w.drain() for w in workers))

        callbacks = sandboxes.hubspot.callbacks
        assert sorted(c.callback_id for c in callbacks) == sorted(runs)
        assert {c.output_fields["hs_execution_state"] for c in callbacks} == {"SUCCESS"}
        orders = action.orders()
        assert len(orders) == 4
        assert {c.output_fields["sales_order_id"] for c in callbacks} == {str(o["id"]) for o in orders}
        by_deal = {
            c.output_fields["sales_order_id"] for c in callbacks if c.callback_id in ("cb-pg-3", "cb-pg-5")
        }
        assert len(by_deal) == 1
        # Each other execution's order was sent once, under its own external id.
        own = [path for path in action.upserts() if not path.endswith("-deal-8008")]
        assert sorted(own) == sorted(set(own))
        assert len(set(action.upserts())) == 4
        async with instances[1].store.transaction() as tx:
            rows = await tx.connection.execute(text("SELECT claimed_by FROM workflow_executions"))
            assert {r[0] for r in rows} <= {"w0", "w1"}
    finally:
        for services in instances:
            await services.aclose()
