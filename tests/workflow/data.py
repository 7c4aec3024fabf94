"""The workflow suite's NetSuite account and HubSpot portal: plain data, and factories of the shared fakes
(tests/support/fakes.py) seeded with it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from server.orders.models import (
    FormDescription,
    FormField,
    HsDeal,
    HsDealContext,
    HsLineItem,
    HsParty,
    NsCurrency,
    NsCustomer,
    NsFolder,
    NsForm,
    NsItem,
    NsSubsidiary,
    Option,
)
from tests.support.fakes import FakeAccounts, FakeHubSpot, FakeNetSuite

SUBSIDIARIES = (
    NsSubsidiary("1", "Parent Co", "1", "USD"),
    NsSubsidiary("3", "UK Ltd", "2", "GBP"),
    NsSubsidiary("9", "Elimination", is_elimination=True),
)
CURRENCIES = (NsCurrency("1", "USD", "Dollar", is_base=True), NsCurrency("2", "GBP", "Pound"))
FOLDERS = (NsFolder("-15", "SuiteScripts"), NsFolder("7", "Orders", "-15"))
CUSTOMERS = (
    NsCustomer("42", "Acme Corp", "buyer@acme.com", subsidiary_id="1", currency_id="1", currency="USD"),
    NsCustomer("43", "Jane Roe", "jane@roe.example", subsidiary_id="1", is_person=True),
)
ITEMS = (
    NsItem("101", "WIDGET-1", "Blue widget", "InvtPart", "Inventory Item", Decimal("12.50")),
    NsItem("102", "GADGET-2", "Gadget", "Service", "Service", Decimal("99")),
    NsItem("103", "OLD-3", "Old thing", "InvtPart", "Inventory Item", Decimal("5"), inactive=True),
    NsItem("104", "DUP-4", "Dup A", "InvtPart", "Inventory Item", Decimal("1")),
    NsItem("105", "DUP-4", "Dup B", "Kit", "Kit", Decimal("2")),
)
PRICES = {"101": Decimal("11.00"), "102": Decimal("95.00"), "104": Decimal("1"), "105": Decimal("2")}
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


def make_netsuite() -> FakeNetSuite:
    return FakeNetSuite(
        subsidiaries=SUBSIDIARIES, currencies=CURRENCIES, forms=FORMS,
        descriptions={f.id: FormDescription(f.id, f.name, BODY_FIELDS) for f in FORMS},
        folders=FOLDERS, customers=CUSTOMERS, items=ITEMS, prices=PRICES,
    )  # fmt: skip


def make_accounts() -> FakeAccounts:
    """Each connection gets its own account, seeded as above."""
    return FakeAccounts(new_account=make_netsuite)


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


def make_hubspot() -> FakeHubSpot:
    """Deal 5001; `with_deal(id, **overrides)` adds others like it."""
    return FakeHubSpot({"5001": make_deal()}, make_deal=make_deal)
