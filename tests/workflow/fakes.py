"""In-memory fakes of the orders domain's ports (NetSuite account, HubSpot portal) and of HubSpot's
callbacks API, with knobs for the failures the executor must survive."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from server.orders.models import (
    Attachment,
    FormDescription,
    FormField,
    HsDeal,
    HsDealContext,
    HsLineItem,
    HsParty,
    NewCustomer,
    NsCurrency,
    NsCustomer,
    NsFolder,
    NsForm,
    NsItem,
    NsOrderSummary,
    NsSubsidiary,
    Option,
    Page,
)
from server.orders.ports import ConnectionRecord, NetSuitePort


class Faults:
    """Exceptions to raise, per method name, on the next calls (first in, first raised; None lets that
    call through)."""

    def __init__(self) -> None:
        self.queued: dict[str, list[BaseException | None]] = {}
        self.calls: list[str] = []

    def add(self, method: str, *errors: BaseException | None) -> None:
        self.queued.setdefault(method, []).extend(errors)

    def check(self, method: str) -> None:
        self.calls.append(method)
        queued = self.queued.get(method)
        if queued:
            error = queued.pop(0)
            if error is not None:
                raise error


ITEMS = (
    NsItem("101", "WIDGET-1", "Blue widget", "InvtPart", "Inventory Item", Decimal("12.50")),
    NsItem("102", "GADGET-2", "Gadget", "Service", "Service", Decimal("99")),
    NsItem("103", "OLD-3", "Old thing", "InvtPart", "Inventory Item", Decimal("5"), inactive=True),
    NsItem("104", "DUP-4", "Dup A", "InvtPart", "Inventory Item", Decimal("1")),
    NsItem("105", "DUP-4", "Dup B", "Kit", "Kit", Decimal("2")),
)
FORMS = (NsForm("128", "Standard Sales Order", is_default=True), NsForm("129", "Wholesale Order"))
BODY_FIELDS = (
    FormField("memo", "Memo", "text"),
    FormField("otherRefNum", "PO #", "text"),
    FormField("orderStatus", "Status", "select",
              options=(Option("A", "Pending Approval"), Option("B", "Pending Fulfillment"))),
    FormField("custbody_region", "Region", "select", options=(Option("1", "West"), Option("2", "East"))),
    FormField("custbody_rush", "Rush", "checkbox"),
    FormField("custbody_priority", "Priority", "integer"),
    FormField("shipDate", "Ship date", "date"),
    FormField("tranId", "Order #", "text", read_only=True),
)  # fmt: skip


class FakeNetSuite:
    """One NetSuite account: its upsert keeps one order per external id, as NetSuite's does."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.subsidiary_list = [
            NsSubsidiary("1", "Parent Co", "1", "USD"),
            NsSubsidiary("3", "UK Ltd", "2", "GBP"),
            NsSubsidiary("9", "Elimination", is_elimination=True),
        ]
        self.currency_list = [NsCurrency("1", "USD", "Dollar", is_base=True), NsCurrency("2", "GBP", "Pound")]
        self.form_list = list(FORMS)
        self.folder_list = [NsFolder("-15", "SuiteScripts"), NsFolder("7", "Orders", "-15")]
        self.customers = [
            NsCustomer(
                "42", "Acme Corp", "buyer@acme.com", subsidiary_id="1", currency_id="1", currency="USD"
            ),
            NsCustomer("43", "Jane Roe", "jane@roe.example", subsidiary_id="1", is_person=True),
        ]
        self.items = list(ITEMS)
        self.prices = {
            "101": Decimal("11.00"),
            "102": Decimal("95.00"),
            "104": Decimal("1"),
            "105": Decimal("2"),
        }
        self.orders: dict[str, tuple[str, dict[str, Any]]] = {}  # external id → (internal id, body)
        self.upserts: list[str] = []
        self.created_customers: list[NewCustomer] = []
        self.attached: list[tuple[str, str, str, bytes]] = []  # (order id, folder id, name, content)

    # -- orders ---------------------------------------------------------------------------------------

    def summary(self, internal_id: str) -> NsOrderSummary | None:
        for external_id, (oid, body) in self.orders.items():
            if oid == internal_id:
                status = body.get("orderStatus", {"id": "A"})["id"]
                return NsOrderSummary(oid, f"SO{oid}", "2026-12-01", status, None, "10.00", "USD",
                                      body["entity"]["id"], external_id)  # fmt: skip
        return None

    async def sales_orders(self, ids: Sequence[str]) -> list[NsOrderSummary]:
        self.faults.check("sales_orders")
        return [s for s in (self.summary(i) for i in ids) if s is not None]

    async def sales_order_by_number(self, number: str) -> NsOrderSummary | None:
        return next((s for s in await self.sales_orders([o for o, _ in self.orders.values()])
                     if s.number == number), None)  # fmt: skip

    async def sales_order_by_external_id(self, external_id: str) -> NsOrderSummary | None:
        found = self.orders.get(external_id)
        return self.summary(found[0]) if found else None

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        self.faults.check("upsert_sales_order")
        self.upserts.append(external_id)
        internal_id = (
            self.orders[external_id][0] if external_id in self.orders else str(500 + len(self.orders))
        )
        self.orders[external_id] = (internal_id, dict(body))
        return internal_id

    # -- account data ---------------------------------------------------------------------------------

    async def subsidiaries(self) -> list[NsSubsidiary]:
        self.faults.check("subsidiaries")
        return list(self.subsidiary_list)

    async def currencies(self) -> list[NsCurrency]:
        self.faults.check("currencies")
        return list(self.currency_list)

    async def forms(self) -> list[NsForm]:
        self.faults.check("forms")
        return list(self.form_list)

    async def describe_form(self, form_id: str, *, reload: bool = False) -> FormDescription:
        self.faults.check("describe_form")
        form = next(f for f in self.form_list if f.id == form_id)
        return FormDescription(form.id, form.name, BODY_FIELDS)

    async def folders(self) -> list[NsFolder]:
        self.faults.check("folders")
        return list(self.folder_list)

    # -- customers ------------------------------------------------------------------------------------

    async def search_customers(self, text: str, *, limit: int = 20) -> list[NsCustomer]:
        self.faults.check("search_customers")
        wanted = text.casefold()
        return [c for c in self.customers if wanted in c.name.casefold() or wanted in (c.email or "")][:limit]

    async def customers_by_ids(self, ids: Sequence[str]) -> list[NsCustomer]:
        return [c for c in self.customers if c.id in ids]

    async def customers_by_external_ids(self, external_ids: Sequence[str]) -> list[NsCustomer]:
        return [c for c in self.customers if c.external_id in external_ids]

    async def customers_by_emails(self, emails: Sequence[str]) -> list[NsCustomer]:
        wanted = {e.casefold() for e in emails}
        return [c for c in self.customers if (c.email or "").casefold() in wanted]

    async def create_customer(self, customer: NewCustomer) -> str:
        self.faults.check("create_customer")
        existing = next((c for c in self.customers if c.external_id == customer.external_id), None)
        if existing:
            return existing.id
        self.created_customers.append(customer)
        new_id = str(900 + len(self.created_customers))
        name = customer.company_name or f"{customer.first_name or ''} {customer.last_name or ''}".strip()
        self.customers.append(NsCustomer(new_id, name, customer.email, subsidiary_id=customer.subsidiary_id,
                                         external_id=customer.external_id))  # fmt: skip
        return new_id

    # -- items ----------------------------------------------------------------------------------------

    async def items_by_skus(self, skus: Sequence[str]) -> list[NsItem]:
        self.faults.check("items_by_skus")
        wanted = {s.casefold() for s in skus}
        return [i for i in self.items if i.item_id.casefold() in wanted]

    async def items_by_ids(self, ids: Sequence[str], *, form_id: str) -> list[NsItem]:
        return [i for i in self.items if i.id in ids]

    async def list_prices(self, item_ids: Sequence[str], *, currency_id: str | None) -> dict[str, Decimal]:
        return {i: self.prices[i] for i in item_ids if i in self.prices}

    async def search_items(self, text: str, *, form_id: str, limit: int = 20) -> list[NsItem]:
        return [i for i in self.items if text.casefold() in i.item_id.casefold()][:limit]

    async def search_options(self, field_id: str, text: str, *, limit: int = 20) -> Page:
        return Page()

    async def attach_file(
        self, *, order_id: str, folder_id: str, name: str, content: bytes, mime_type: str | None
    ) -> str:
        self.faults.check("attach_file")
        self.attached.append((order_id, folder_id, name, content))
        return str(7000 + len(self.attached))


@dataclass
class FakeAccounts:
    """NetSuiteAccounts: one fake account per connection id; `wrap` puts a port wrapper in between."""

    accounts: dict[str, FakeNetSuite] = field(default_factory=dict)
    wrap: Any = None

    def account(self, connection: ConnectionRecord) -> NetSuitePort:
        port: NetSuitePort = self.accounts.setdefault(connection.id, FakeNetSuite())
        return self.wrap(port) if self.wrap else port


def make_line(**overrides: Any) -> HsLineItem:
    values: dict[str, Any] = {
        "id": "9001", "name": "Blue widget", "sku": "WIDGET-1", "quantity": Decimal(2),
        "price": Decimal("10.00"),
    }  # fmt: skip
    return HsLineItem(**(values | overrides))


ACME = HsParty("company", "301", "Acme Corp", domain="acme.com")
JANE = HsParty("contact", "401", "Jane Roe", email="jane@roe.example", first_name="Jane", last_name="Roe")


def make_deal(**overrides: Any) -> HsDealContext:
    values: dict[str, Any] = {
        "deal": HsDeal("5001", "Big deal", Decimal("20.00"), "USD"),
        "line_items": (make_line(),),
        "company": ACME,
        "contact": JANE,
    }
    return HsDealContext(**(values | overrides))


class FakeHubSpot:
    """HubSpotPort for one portal's deals and their attachments."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.deals: dict[str, HsDealContext] = {"5001": make_deal()}
        self.files: dict[str, list[tuple[Attachment, bytes]]] = {}

    def with_deal(self, deal_id: str = "5001", **overrides: Any) -> None:
        deal = make_deal(**overrides)
        self.deals[deal_id] = replace(deal, deal=replace(deal.deal, id=deal_id))

    async def deal_context(self, portal_id: int, deal_id: str) -> HsDealContext:
        self.faults.check("deal_context")
        return self.deals[deal_id]

    async def attachments(self, portal_id: int, deal_id: str) -> list[Attachment]:
        self.faults.check("attachments")
        return [a for a, _ in self.files.get(deal_id, [])]

    async def download(self, portal_id: int, attachment: Attachment, *, max_bytes: int) -> bytes | None:
        self.faults.check("download")
        for deal_files in self.files.values():
            for a, content in deal_files:
                if a.id == attachment.id:
                    return None if len(content) > max_bytes else content
        raise KeyError(attachment.id)


class FakeCallbacks:
    """HubSpot's callbacks API: records every completion it accepted."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.completed: list[tuple[int, str, dict[str, Any]]] = []
        self._changed = asyncio.Event()

    async def wait_until(self, count: int) -> None:
        """Until `count` callbacks were completed (wrap in asyncio.timeout)."""
        while len(self.completed) < count:
            self._changed.clear()
            await self._changed.wait()

    async def complete_callback(
        self, portal_id: int, callback_id: str, output_fields: dict[str, Any]
    ) -> None:
        self.faults.check("complete_callback")
        self.completed.append((portal_id, callback_id, dict(output_fields)))
        self._changed.set()
