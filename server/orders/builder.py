"""Draft values → the exact NetSuite salesOrder body, and the Review summary of it; money in Decimal only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from server.orders.fields import FieldDescriptor, Value
from server.orders.matching import LineMatch
from server.orders.models import NsItem

PriceSource = Literal["hubspot", "netsuite"]
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# NetSuite's "Custom" price level: the line keeps the rate we send instead of a price level's.
# UNCONFIRMED on a live account (reference §9.2); without it NetSuite may re-source the rate.
CUSTOM_PRICE = {"id": "-1"}


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def rate_text(value: Decimal) -> str:
    """Rates keep their precision (NetSuite allows more than cents) but show at least two decimals."""
    return money(value) if value.as_tuple().exponent >= -2 else str(value.normalize())  # type: ignore[operator]


def quantity_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def json_number(value: Decimal) -> int | float:
    # Only at the JSON boundary: the arithmetic above stays Decimal.
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class LineChoice:
    """The rep's answer for one line: the item (for unmatched/ambiguous lines), quantity, rate override,
    and the form's custom column values as sent (`fields`, checked against the column descriptors)."""

    line_id: str
    item_id: str | None = None
    quantity: Decimal | None = None
    rate: Decimal | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PricedLine:
    match: LineMatch
    quantity: Decimal
    unit_price: Decimal | None  # before discount
    discount_per_unit: Decimal
    rate: Decimal | None  # what NetSuite gets; None = NetSuite prices the line itself
    message: str | None = None
    fields: Mapping[str, Value] = field(default_factory=dict)  # custom column values, validated

    @property
    def item(self) -> NsItem | None:
        return self.match.item

    @property
    def net_rate(self) -> Decimal | None:
        if self.rate is not None:
            return self.rate
        return None if self.unit_price is None else self.unit_price - self.discount_per_unit

    @property
    def gross(self) -> Decimal:
        return (self.quantity * (self.unit_price or Decimal(0))).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def discount(self) -> Decimal:
        if self.rate is not None and self.unit_price is None:
            return Decimal(0)
        return (self.quantity * self.discount_per_unit).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def amount(self) -> Decimal:
        rate = self.net_rate
        return Decimal(0) if rate is None else (self.quantity * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def price_line(
    match: LineMatch,
    *,
    choice: LineChoice | None,
    price_source: PriceSource,
    list_price: Decimal | None,
) -> tuple[PricedLine, list[str]]:
    """Quantity and rate for a line from the rep's choice, the price source and HubSpot's discount."""
    line = match.line
    warnings: list[str] = []
    quantity = choice.quantity if choice and choice.quantity is not None else line.quantity
    if choice and choice.rate is not None:
        # The rep typed the rate: it is the net price, HubSpot's discount no longer applies.
        return PricedLine(match, quantity, choice.rate, Decimal(0), choice.rate), warnings
    if price_source == "hubspot" and line.price is not None:
        per_unit = line.discount_amount or Decimal(0)
        if not per_unit and line.discount_percent:
            per_unit = line.price * line.discount_percent / HUNDRED
        per_unit = min(per_unit, line.price) if line.price >= 0 else per_unit
        return PricedLine(match, quantity, line.price, per_unit, line.price - per_unit), warnings
    if price_source == "hubspot":
        warnings.append(f"{line.name} has no price in HubSpot; NetSuite's price is used.")
    elif line.discount_amount or line.discount_percent:
        warnings.append(f"The HubSpot discount on {line.name} is not applied: prices come from NetSuite.")
    if list_price is None and match.item is not None:
        warnings.append(f"{match.item.item_id} has no base price in NetSuite; NetSuite decides the rate.")
    return PricedLine(match, quantity, list_price, Decimal(0), None), warnings


def body_value(descriptor: FieldDescriptor, value: Value) -> Any:
    """One body field as NetSuite's REST record service wants it (references as {"id"})."""
    if descriptor.type in ("select", "searchable_select"):
        return {"id": str(value)}
    if descriptor.type == "multiselect" and isinstance(value, list):
        return {"items": [{"id": v} for v in value]}
    return value


def build_sales_order(
    *,
    external_id: str,
    customer_id: str,
    subsidiary_id: str,
    form_id: str,
    currency_id: str | None,
    descriptors: Sequence[FieldDescriptor],
    values: Mapping[str, Value],
    lines: Sequence[PricedLine],
    columns: Sequence[FieldDescriptor] = (),
) -> dict[str, Any]:
    """The salesOrder body sent with `PUT /record/v1/salesOrder/eid:{external_id}`."""
    body: dict[str, Any] = {
        "externalId": external_id,
        "entity": {"id": customer_id},
        "subsidiary": {"id": subsidiary_id},
        "customForm": {"id": form_id},
    }
    if currency_id:
        body["currency"] = {"id": currency_id}
    for d in descriptors:
        if d.id in values and not d.read_only:
            body[d.id] = body_value(d, values[d.id])
    items = []
    for priced in lines:
        if priced.item is None:
            raise ValueError(f"line {priced.match.line.id} has no item")  # the flow blocks this earlier
        entry: dict[str, Any] = {"item": {"id": priced.item.id}, "quantity": json_number(priced.quantity)}
        if priced.rate is not None:
            entry["rate"] = json_number(priced.rate)
            entry["price"] = dict(CUSTOM_PRICE)
        description = priced.match.line.name.strip()
        if description:
            entry["description"] = description[:4000]
        for column in columns:
            if column.id in priced.fields and not column.read_only:
                entry[column.id] = body_value(column, priced.fields[column.id])
        items.append(entry)
    body["item"] = {"items": items}
    return body


@dataclass(frozen=True)
class Named:
    id: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


def display_value(descriptor: FieldDescriptor, value: Value) -> str:
    if descriptor.type == "checkbox":
        return "Yes" if value else "No"
    labels = {o.value: o.label for o in descriptor.options or ()}
    if isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value)
    return labels.get(str(value), str(value))


def review_summary(
    *,
    customer: Named,
    subsidiary: Named,
    form: Named,
    currency: str | None,
    lines: Sequence[PricedLine],
    descriptors: Sequence[FieldDescriptor],
    values: Mapping[str, Value],
    attachments: Sequence[Mapping[str, Any]],
    warnings: Sequence[str],
    columns: Sequence[FieldDescriptor] = (),
) -> dict[str, Any]:
    """The Review tab: exactly what will be sent, with totals before tax and shipping."""
    subtotal = sum((p.gross for p in lines), Decimal(0))
    discount = sum((p.discount for p in lines), Decimal(0))
    total = sum((p.amount for p in lines), Decimal(0))
    all_warnings = list(warnings)
    if any(p.rate is None for p in lines):
        all_warnings.append(
            "Some rates are NetSuite's base prices; NetSuite may apply the customer's price level."
        )
    all_warnings.append("Tax and shipping are calculated by NetSuite and are not included in the total.")
    return {
        "customer": customer.to_json(),
        "subsidiary": subsidiary.to_json(),
        "form": form.to_json(),
        "currency": currency,
        "lines": [
            {
                "item": p.item.title if p.item else None,
                "description": p.match.line.name,
                "quantity": json_number(p.quantity),
                "rate": None if p.net_rate is None else rate_text(p.net_rate),
                "amount": money(p.amount),
                "fields": [
                    {"id": c.id, "label": c.label, "value": display_value(c, p.fields[c.id])}
                    for c in columns
                    if c.id in p.fields
                ],
            }
            for p in lines
        ],
        "subtotal": money(subtotal),
        "discount": money(discount),
        "total": money(total),
        "fields": [
            {"id": d.id, "label": d.label, "value": display_value(d, values[d.id])}
            for d in descriptors
            if d.id in values
        ],
        "attachments": [dict(a) for a in attachments],
        "warnings": all_warnings,
    }
