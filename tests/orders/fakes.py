"""In-memory fakes of the orders ports: a small NetSuite account and a HubSpot portal that keep state and
record every call, so tests assert on behaviour (orders created, calls made), not on mocks."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from server.orders.errors import HubSpotFailedError, NetSuiteRejectedError, RestletMissingError
from server.orders.models import (
    Attachment,
    FormDescription,
    FormField,
    HsDeal,
    HsDealContext,
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
from server.orders.ports import ConnectionRecord
from tests.orders.factories import make_company, make_customer, make_item, make_line

FORMS = {
    "68": FormDescription(
        "68",
        "Standard Sales Order",
        (
            FormField("memo", "Memo", "text"),
            FormField("salesRep", "Sales Rep", "select", options_truncated=True, option_source="employee"),
        ),
    ),
    "121": FormDescription(
        "121",
        "Wholesale Order",
        (
            FormField("memo", "Memo", "text"),
            FormField("otherRefNum", "PO #", "text", mandatory=True),
            FormField(
                "custbody_region",
                "Region",
                "select",
                mandatory=True,
                options=(Option("1", "West"), Option("2", "East")),
            ),
        ),
    ),
}


@dataclass
class FakeNetSuite:
    """One NetSuite account."""

    customers: list[NsCustomer] = field(
        default_factory=lambda: [
            make_customer(),
            make_customer(id="203", name="Acme Industries", subsidiary_id="4"),
        ]
    )
    items: list[NsItem] = field(
        default_factory=lambda: [
            make_item(),
            make_item(id="102", item_id="WIDGET-2", base_price=Decimal(40)),
            make_item(id="117", item_id="DUP-SKU"),
            make_item(id="118", item_id="DUP-SKU"),
        ]
    )
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)  # internal id → record
    calls: list[str] = field(default_factory=list)
    restlet: bool = True
    latency: float = 0.0
    fail: Exception | None = None  # raised by every call while set
    reject_next: NetSuiteRejectedError | None = None
    attached: list[tuple[str, str, int]] = field(default_factory=list)
    next_id: int = 600

    async def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.fail is not None:
            raise self.fail

    def add_order(self, order_id: str, number: str, status: str = "B", total: str = "10.00") -> None:
        self.orders[order_id] = {"number": number, "status": status, "total": total, "externalId": None}

    def _summary(self, order_id: str) -> NsOrderSummary:
        o = self.orders[order_id]
        return NsOrderSummary(
            order_id,
            o["number"],
            "2026-12-01",
            o["status"],
            None,
            o["total"],
            "USD",
            "Acme Corp",
            o["externalId"],
        )

    async def sales_orders(self, ids: Sequence[str]) -> list[NsOrderSummary]:
        await self._call("sales_orders")
        return [self._summary(i) for i in ids if i in self.orders]

    async def sales_order_by_number(self, number: str) -> NsOrderSummary | None:
        await self._call("sales_order_by_number")
        return next(
            (self._summary(i) for i, o in self.orders.items() if o["number"].upper() == number.upper()), None
        )

    async def sales_order_by_external_id(self, external_id: str) -> NsOrderSummary | None:
        await self._call("sales_order_by_external_id")
        return next(
            (self._summary(i) for i, o in self.orders.items() if o["externalId"] == external_id), None
        )

    async def subsidiaries(self) -> list[NsSubsidiary]:
        await self._call("subsidiaries")
        return [
            NsSubsidiary("1", "Honeycomb Holdings Inc.", "1", "USD"),
            NsSubsidiary("4", "Honeycomb Canada Inc.", "3", "CAD"),
            NsSubsidiary("5", "Elimination", "1", "USD", is_elimination=True),
        ]

    async def currencies(self) -> list[NsCurrency]:
        await self._call("currencies")
        return [NsCurrency("1", "USD", "US Dollar", is_base=True), NsCurrency("3", "CAD", "Canadian Dollar")]

    async def forms(self) -> list[NsForm]:
        await self._call("forms")
        if not self.restlet:
            raise RestletMissingError("no RESTlet")
        return [NsForm("68", "Standard Sales Order", True), NsForm("121", "Wholesale Order")]

    async def describe_form(self, form_id: str, *, reload: bool = False) -> FormDescription:
        await self._call("describe_form")
        if not self.restlet:
            return FormDescription(
                form_id, "Standard", (FormField("memo", "Memo", "text"),), source="catalog"
            )
        return FORMS[form_id]

    async def folders(self) -> list[NsFolder]:
        await self._call("folders")
        if not self.restlet:
            raise RestletMissingError("no RESTlet")
        return [NsFolder("12", "Sales Orders")]

    async def search_customers(self, text: str, *, limit: int = 20) -> list[NsCustomer]:
        await self._call("search_customers")
        t = text.lower()
        return [c for c in self.customers if t in c.name.lower() or t in (c.email or "")][:limit]

    async def customers_by_ids(self, ids: Sequence[str]) -> list[NsCustomer]:
        await self._call("customers_by_ids")
        return [c for c in self.customers if c.id in ids]

    async def customers_by_external_ids(self, external_ids: Sequence[str]) -> list[NsCustomer]:
        await self._call("customers_by_external_ids")
        return [c for c in self.customers if c.external_id in external_ids]

    async def customers_by_emails(self, emails: Sequence[str]) -> list[NsCustomer]:
        await self._call("customers_by_emails")
        wanted = {e.lower() for e in emails}
        return [c for c in self.customers if (c.email or "").lower() in wanted]

    async def create_customer(self, customer: NewCustomer) -> str:
        await self._call("create_customer")
        existing = next((c for c in self.customers if c.external_id == customer.external_id), None)
        if existing:
            return existing.id
        new_id = str(300 + len(self.customers))
        self.customers.append(
            NsCustomer(
                new_id,
                customer.company_name or "",
                customer.email,
                None,
                customer.subsidiary_id,
                external_id=customer.external_id,
            )
        )
        return new_id

    async def items_by_skus(self, skus: Sequence[str]) -> list[NsItem]:
        await self._call("items_by_skus")
        wanted = {s.strip().lower() for s in skus}
        return [i for i in self.items if i.item_id.lower() in wanted and i.sellable]

    async def items_by_ids(self, ids: Sequence[str], *, form_id: str) -> list[NsItem]:
        await self._call("items_by_ids")
        return [i for i in self.items if i.id in ids]

    async def search_items(self, text: str, *, form_id: str, limit: int = 20) -> list[NsItem]:
        await self._call("search_items")
        return [i for i in self.items if text.lower() in i.item_id.lower()][:limit]

    async def list_prices(self, item_ids: Sequence[str], *, currency_id: str | None) -> dict[str, Decimal]:
        await self._call("list_prices")
        return {i.id: i.base_price for i in self.items if i.id in item_ids and i.base_price is not None}

    async def search_options(self, field_id: str, text: str, *, limit: int = 20) -> Page:
        await self._call("search_options")
        return Page([Option("301", "Alice Nguyen")] if "ali" in text.lower() else [], False)

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        await self._call("upsert_sales_order")
        if self.reject_next is not None:
            error, self.reject_next = self.reject_next, None
            raise error
        for order_id, order in self.orders.items():
            if order["externalId"] == external_id:
                order["body"] = dict(body)
                return order_id
        self.next_id += 1
        order_id = str(self.next_id)
        self.orders[order_id] = {
            "number": f"SO{order_id}",
            "status": "B",
            "total": "1.00",
            "externalId": external_id,
            "body": dict(body),
        }
        return order_id

    async def attach_file(
        self, *, order_id: str, folder_id: str, name: str, content: bytes, mime_type: str | None
    ) -> str:
        await self._call("attach_file")
        self.attached.append((order_id, name, len(content)))
        return str(900 + len(self.attached))


@dataclass
class FakeAccounts:
    """NetSuiteAccounts: one fake account per connection id (the first one serves unknown ids)."""

    by_connection: dict[str, FakeNetSuite] = field(default_factory=dict)
    default: FakeNetSuite = field(default_factory=FakeNetSuite)

    def account(self, connection: ConnectionRecord) -> FakeNetSuite:
        return self.by_connection.get(connection.id, self.default)


@dataclass
class FakeHubSpot:
    deal: HsDealContext = field(
        default_factory=lambda: HsDealContext(
            HsDeal("9001", "Acme deal"),
            (make_line(), make_line(id="L2", name="Heavy widget", sku="WIDGET-2", price=Decimal(40))),
            company=make_company(),
        )
    )
    files: list[tuple[Attachment, bytes]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    down: bool = False

    async def deal_context(self, portal_id: int, deal_id: str) -> HsDealContext:
        self.calls.append("deal_context")
        if self.down:
            raise HubSpotFailedError("HubSpot is not answering.")
        return self.deal

    async def attachments(self, portal_id: int, deal_id: str) -> list[Attachment]:
        self.calls.append("attachments")
        return [a for a, _ in self.files]

    async def download(self, portal_id: int, attachment: Attachment, *, max_bytes: int) -> bytes | None:
        self.calls.append("download")
        content = next(c for a, c in self.files if a.id == attachment.id)
        return None if len(content) > max_bytes else content
