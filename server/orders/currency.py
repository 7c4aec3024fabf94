"""The currency of a sales order: the one its rates are in.

NetSuite never converts the rates it is sent: they are read in the order's currency, which defaults to
the customer's primary one. A HubSpot price is in the deal's currency, so an order that carries HubSpot
prices is put in that currency, by name. NetSuite then takes it when the customer trades in it (its
primary currency, or one on its record's Currencies subtab) and refuses it otherwise (INVALID_CONTENT on
`currency`), which `refused` says in words a workflow owner or rep can act on. USD amounts are never
read as GBP. Lines NetSuite prices get its base price in that same currency. An order without HubSpot
prices, or a deal without a currency, is in the customer's currency, as NetSuite defaults it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from server.orders.builder import PriceSource
from server.orders.models import HsLineItem, NsCurrency


class CurrencyError(Exception):
    """No single currency the order's HubSpot prices are in and NetSuite knows; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class OrderCurrency:
    """`id` is sent as the order's currency (None: NetSuite's default, the customer's)."""

    id: str | None
    code: str | None
    customer_code: str | None

    @property
    def differs_from_customer(self) -> bool:
        return self.code is not None and self.customer_code is not None and self.code != self.customer_code


def hubspot_currencies(
    lines: Sequence[HsLineItem], *, price_source: PriceSource, deal_currency: str | None
) -> set[str]:
    """The currencies of the HubSpot prices the order will carry (lines NetSuite prices have none)."""
    if price_source != "hubspot":
        return set()
    priced = [line for line in lines if line.price is not None]
    codes = {(line.currency or deal_currency or "").strip().upper() for line in priced}
    return codes - {""}


def order_currency(
    priced_in: set[str], *, customer_currency_id: str | None, currencies: Sequence[NsCurrency]
) -> OrderCurrency:
    """The order's currency for rates in `priced_in`; raises CurrencyError when there is none."""
    by_id = {c.id: c for c in currencies}
    customer = by_id.get(customer_currency_id or "")
    customer_code = customer.code.upper() if customer else None
    if not priced_in:
        return OrderCurrency(customer_currency_id, customer_code, customer_code)
    if len(priced_in) > 1:
        raise CurrencyError(
            f"The deal's line items are priced in several currencies ({', '.join(sorted(priced_in))}) and a "
            "NetSuite order has one — give every line item the deal's currency in HubSpot."
        )
    (code,) = priced_in
    found = next((c for c in currencies if c.code.upper() == code), None)
    if found is None:
        raise CurrencyError(
            f"The deal is in {code}, a currency this NetSuite account does not have — add {code} to "
            "NetSuite's currencies, or change the deal's currency in HubSpot."
        )
    return OrderCurrency(found.id, code, customer_code)


def mismatch(currency: OrderCurrency, customer_name: str) -> str | None:
    """The warning the card's Review shows when the order is not in the customer's primary currency."""
    if not currency.differs_from_customer:
        return None
    return (
        f"The deal's prices are in {currency.code}, so the order will be in {currency.code}, not in "
        f"{customer_name}'s {currency.customer_code}: NetSuite takes it only if {currency.code} is one of "
        "the customer's currencies."
    )


def refused(currency: OrderCurrency, customer_name: str) -> str:
    """Why NetSuite refused the order's currency (its `currency` path), and what to do."""
    theirs = f" (its currency is {currency.customer_code})" if currency.customer_code else ""
    change = f" to {currency.customer_code}" if currency.customer_code else ""
    return (
        f"The deal is in {currency.code}, but the NetSuite customer {customer_name} does not trade in "
        f"{currency.code}{theirs} — add {currency.code} to the customer's currencies in NetSuite, or "
        f"change the deal's currency{change} in HubSpot."
    )
