"""Test data for the orders domain: small factories with overrides."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from server.orders.models import HsLineItem, HsParty, NsCustomer, NsItem


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
