"""In-memory fakes of the orders domain's ports (a NetSuite account, the NetSuite accounts, a HubSpot portal)
and of HubSpot's callbacks API. They keep state and record every call, so tests assert on behaviour (orders
created, calls made), not on mocks; `Faults` and a few knobs inject the failures the callers must survive.

The fakes hold no seed data: each suite passes its own (tests/orders/factories.py, tests/workflow/data.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from server.orders.errors import RestletMissingError
from server.orders.models import (
    Attachment,
    FormDescription,
    FormField,
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
from server.orders.ports import ConnectionRecord, HubSpotPort, NetSuiteAccounts, NetSuitePort
from server.workflow.executor import CallbackPort


class Faults:
    """Records every call by method name, and raises queued exceptions on the next calls of a method (first
    in, first raised; None lets that call through)."""

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


@dataclass
class FakeOrder:
    """A sales order as the fake account stores it."""

    id: str
    number: str
    external_id: str | None = None
    body: dict[str, Any] = field(default_factory=dict)
    status: str = "A"
    total: str = "10.00"
    customer: str | None = "Acme Corp"


class FakeNetSuite:
    """One NetSuite account: its upsert keeps one order per external id, as NetSuite's does.

    Knobs: `faults` (per method), `fail` (raised by every call while set), `latency` (seconds per call),
    `restlet` (False: no forms or folders, only the standard form). `prices` None prices items at their base
    price; `options` answer every body field's search by label."""

    def __init__(
        self,
        *,
        subsidiaries: Iterable[NsSubsidiary] = (),
        currencies: Iterable[NsCurrency] = (),
        forms: Iterable[NsForm] = (),
        descriptions: Mapping[str, FormDescription] | None = None,
        folders: Iterable[NsFolder] = (),
        customers: Iterable[NsCustomer] = (),
        items: Iterable[NsItem] = (),
        prices: Mapping[str, Decimal] | None = None,
        options: Iterable[Option] = (),
    ) -> None:
        self.subsidiary_list = list(subsidiaries)
        self.currency_list = list(currencies)
        self.form_list = list(forms)
        self.descriptions = dict(descriptions or {})
        self.folder_list = list(folders)
        self.customers = list(customers)
        self.items = list(items)
        self.prices = None if prices is None else dict(prices)
        self.option_list = list(options)
        self.faults = Faults()
        self.fail: Exception | None = None
        self.latency = 0.0
        self.restlet = True
        self.orders: dict[str, FakeOrder] = {}  # internal id → order
        self.upserts: list[str] = []  # external ids, one per upsert call
        self.created_customers: list[NewCustomer] = []
        self.attached: list[tuple[str, str, str, bytes]] = []  # (order id, folder id, name, content)
        self._next_order = 500

    @property
    def calls(self) -> list[str]:
        return self.faults.calls

    async def _call(self, name: str) -> None:
        self.faults.check(name)
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.fail is not None:
            raise self.fail

    # -- orders ---------------------------------------------------------------------------------------

    def add_order(self, order_id: str, number: str, status: str = "B", total: str = "10.00") -> None:
        self.orders[order_id] = FakeOrder(order_id, number, status=status, total=total)

    def _summary(self, o: FakeOrder) -> NsOrderSummary:
        return NsOrderSummary(
            o.id, o.number, "2026-12-01", o.status, None, o.total, "USD", o.customer, o.external_id
        )

    async def sales_orders(self, ids: Sequence[str]) -> list[NsOrderSummary]:
        await self._call("sales_orders")
        return [self._summary(self.orders[i]) for i in ids if i in self.orders]

    async def sales_order_by_number(self, number: str) -> NsOrderSummary | None:
        await self._call("sales_order_by_number")
        wanted = number.casefold()
        return next((self._summary(o) for o in self.orders.values() if o.number.casefold() == wanted), None)

    async def sales_order_by_external_id(self, external_id: str) -> NsOrderSummary | None:
        await self._call("sales_order_by_external_id")
        return next((self._summary(o) for o in self.orders.values() if o.external_id == external_id), None)

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        await self._call("upsert_sales_order")
        self.upserts.append(external_id)
        order = next((o for o in self.orders.values() if o.external_id == external_id), None)
        if order is None:
            while str(self._next_order) in self.orders:
                self._next_order += 1
            order_id = str(self._next_order)
            order = self.orders[order_id] = FakeOrder(order_id, f"SO{order_id}", external_id)
        order.body = dict(body)
        order.status = body.get("orderStatus", {"id": "A"})["id"]
        entity = body.get("entity", {}).get("id")
        order.customer = next((c.name for c in self.customers if c.id == entity), entity)
        return order.id

    # -- account data ---------------------------------------------------------------------------------

    async def subsidiaries(self) -> list[NsSubsidiary]:
        await self._call("subsidiaries")
        return list(self.subsidiary_list)

    async def currencies(self) -> list[NsCurrency]:
        await self._call("currencies")
        return list(self.currency_list)

    async def forms(self) -> list[NsForm]:
        await self._call("forms")
        if not self.restlet:
            raise RestletMissingError("no RESTlet")
        return list(self.form_list)

    async def describe_form(self, form_id: str, *, reload: bool = False) -> FormDescription:
        await self._call("describe_form")
        if not self.restlet:
            standard = (FormField("memo", "Memo", "text"),)
            return FormDescription(form_id, "Standard", standard, source="catalog")
        return self.descriptions[form_id]

    async def folders(self) -> list[NsFolder]:
        await self._call("folders")
        if not self.restlet:
            raise RestletMissingError("no RESTlet")
        return list(self.folder_list)

    # -- customers ------------------------------------------------------------------------------------

    async def search_customers(self, text: str, *, limit: int = 20) -> list[NsCustomer]:
        await self._call("search_customers")
        wanted = text.casefold()
        return [c for c in self.customers if wanted in c.name.casefold() or wanted in (c.email or "")][:limit]

    async def customers_by_ids(self, ids: Sequence[str]) -> list[NsCustomer]:
        await self._call("customers_by_ids")
        return [c for c in self.customers if c.id in ids]

    async def customers_by_external_ids(self, external_ids: Sequence[str]) -> list[NsCustomer]:
        await self._call("customers_by_external_ids")
        return [c for c in self.customers if c.external_id in external_ids]

    async def customers_by_emails(self, emails: Sequence[str]) -> list[NsCustomer]:
        await self._call("customers_by_emails")
        wanted = {e.casefold() for e in emails}
        return [c for c in self.customers if (c.email or "").casefold() in wanted]

    async def create_customer(self, customer: NewCustomer) -> str:
        await self._call("create_customer")
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
        """Inactive and unsellable items too, as the port's contract says: the domain tells them apart."""
        await self._call("items_by_skus")
        wanted = {s.strip().casefold() for s in skus}
        return [i for i in self.items if i.item_id.casefold() in wanted]

    async def items_by_ids(self, ids: Sequence[str], *, form_id: str) -> list[NsItem]:
        await self._call("items_by_ids")
        return [i for i in self.items if i.id in ids]

    async def list_prices(self, item_ids: Sequence[str], *, currency_id: str | None) -> dict[str, Decimal]:
        await self._call("list_prices")
        if self.prices is not None:
            return {i: self.prices[i] for i in item_ids if i in self.prices}
        return {i.id: i.base_price for i in self.items if i.id in item_ids and i.base_price is not None}

    async def search_items(self, text: str, *, form_id: str, limit: int = 20) -> list[NsItem]:
        await self._call("search_items")
        return [i for i in self.items if text.casefold() in i.item_id.casefold()][:limit]

    async def search_options(self, field_id: str, text: str, *, limit: int = 20) -> Page:
        await self._call("search_options")
        found = [o for o in self.option_list if text.casefold() in o.label.casefold()]
        return Page(found[:limit], len(found) > limit)

    async def attach_file(
        self, *, order_id: str, folder_id: str, name: str, content: bytes, mime_type: str | None
    ) -> str:
        await self._call("attach_file")
        self.attached.append((order_id, folder_id, name, content))
        return str(7000 + len(self.attached))


@dataclass
class FakeAccounts:
    """NetSuiteAccounts: one fake account per connection id. An unknown id gets `default` when set, else a
    new account from `new_account`, kept for that id; `wrap` puts a port wrapper in between."""

    accounts: dict[str, FakeNetSuite] = field(default_factory=dict)
    wrap: Callable[[NetSuitePort], NetSuitePort] | None = None
    default: FakeNetSuite | None = None
    new_account: Callable[[], FakeNetSuite] = FakeNetSuite

    def account(self, connection: ConnectionRecord) -> NetSuitePort:
        port: NetSuitePort
        if connection.id in self.accounts or self.default is None:
            port = self.accounts.setdefault(connection.id, self.new_account())
        else:
            port = self.default
        return self.wrap(port) if self.wrap else port


class FakeHubSpot:
    """HubSpotPort for one portal's deals and their attachments; `with_deal` adds one from `make_deal`."""

    def __init__(
        self,
        deals: Mapping[str, HsDealContext] | None = None,
        *,
        make_deal: Callable[..., HsDealContext] | None = None,
    ) -> None:
        self.faults = Faults()
        self.deals = dict(deals or {})
        self.files: dict[str, list[tuple[Attachment, bytes]]] = {}  # deal id → its files
        self._make_deal = make_deal

    @property
    def calls(self) -> list[str]:
        return self.faults.calls

    def with_deal(self, deal_id: str | None = None, **overrides: Any) -> None:
        """Add (or replace) a deal made by `make_deal(**overrides)`, under `deal_id` when given."""
        assert self._make_deal is not None, "this FakeHubSpot was made without make_deal"
        deal = self._make_deal(**overrides)
        deal_id = deal_id or deal.deal.id
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


def _fits_the_ports(
    netsuite: FakeNetSuite, accounts: FakeAccounts, hubspot: FakeHubSpot, callbacks: FakeCallbacks
) -> tuple[NetSuitePort, NetSuiteAccounts, HubSpotPort, CallbackPort]:
    """Never called: mypy checks here that each fake satisfies its Protocol."""
    return netsuite, accounts, hubspot, callbacks
