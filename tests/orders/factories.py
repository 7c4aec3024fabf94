"""Test data for the orders domain: small factories with overrides, and the seeded fakes of its ports."""

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
from tests.support.fakes import FakeHubSpot, FakeNetSuite


def make_item(**overrides: Any) -> NsItem:
    base: dict[str, Any] = {
        "id": "101",
        "item_id": "WIDGET-1",
        "display_name": "Widget, standard",
        "type": "InvtPart",
        "type_label": "Inventory Item",
        "base_price": Decimal("25.00"),
    }
    base.update(overrides)
    return NsItem(**base)


def make_line(**overrides: Any) -> HsLineItem:
    base: dict[str, Any] = {
        "id": "L1",
        "name": "Widget",
        "sku": "WIDGET-1",
        "quantity": Decimal(2),
        "price": Decimal("10.50"),
        "currency": "USD",
    }
    base.update(overrides)
    return HsLineItem(**base)


def make_customer(**overrides: Any) -> NsCustomer:
    base: dict[str, Any] = {
        "id": "201",
        "name": "Acme Corp",
        "email": "orders@acme.example",
        "subsidiary_id": "1",
        "currency_id": "1",
        "currency": "USD",
    }
    base.update(overrides)
    return NsCustomer(**base)


def make_company(**overrides: Any) -> HsParty:
    base: dict[str, Any] = {"kind": "company", "id": "9001", "name": "Acme Corp", "domain": "acme.example"}
    base.update(overrides)
    return HsParty(**base)


# The order suite's NetSuite account and HubSpot portal, seeding the shared fakes (tests/support/fakes.py).

FORMS = (NsForm("68", "Standard Sales Order", True), NsForm("121", "Wholesale Order"))
FORM_DESCRIPTIONS = {
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
SUBSIDIARIES = (
    NsSubsidiary("1", "Honeycomb Holdings Inc.", "1", "USD"),
    NsSubsidiary("4", "Honeycomb Canada Inc.", "3", "CAD"),
    NsSubsidiary("5", "Elimination", "1", "USD", is_elimination=True),
)
CURRENCIES = (NsCurrency("1", "USD", "US Dollar", is_base=True), NsCurrency("3", "CAD", "Canadian Dollar"))
FOLDERS = (NsFolder("12", "Sales Orders"),)
SALES_REPS = (Option("301", "Alice Nguyen"),)


def make_netsuite(cls: type[FakeNetSuite] = FakeNetSuite) -> FakeNetSuite:
    """The account: two customers, four items (two share a SKU) priced at their base price, two forms."""
    return cls(
        subsidiaries=SUBSIDIARIES,
        currencies=CURRENCIES,
        forms=FORMS,
        descriptions=FORM_DESCRIPTIONS,
        folders=FOLDERS,
        customers=[make_customer(), make_customer(id="203", name="Acme Industries", subsidiary_id="4")],
        items=[
            make_item(),
            make_item(id="102", item_id="WIDGET-2", base_price=Decimal(40)),
            make_item(id="117", item_id="DUP-SKU"),
            make_item(id="118", item_id="DUP-SKU"),
        ],
        options=SALES_REPS,
    )


def make_hubspot() -> FakeHubSpot:
    """Deal 9001 with two lines and its company."""
    deal = HsDealContext(
        HsDeal("9001", "Acme deal"),
        (make_line(), make_line(id="L2", name="Heavy widget", sku="WIDGET-2", price=Decimal(40))),
        company=make_company(),
    )
    return FakeHubSpot({"9001": deal})
