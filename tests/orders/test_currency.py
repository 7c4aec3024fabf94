"""The order's currency: the HubSpot prices' when it carries them, else the customer's."""

from __future__ import annotations

import pytest

from server.orders.currency import (
    CurrencyError,
    OrderCurrency,
    hubspot_currencies,
    mismatch,
    order_currency,
    refused,
)
from server.orders.models import NsCurrency
from tests.orders.factories import make_line

CURRENCIES = [NsCurrency("1", "USD", "US Dollar", is_base=True), NsCurrency("2", "GBP", "British pound")]


def test_hubspot_prices_are_in_their_line_items_or_the_deals_currency() -> None:
    lines = [make_line(currency="usd"), make_line(id="L2", currency=None), make_line(id="L3", price=None)]
    assert hubspot_currencies(lines, price_source="hubspot", deal_currency="EUR") == {"USD", "EUR"}
    # A line without a HubSpot price is priced by NetSuite, and NetSuite prices carry no HubSpot currency.
    assert hubspot_currencies(lines[2:], price_source="hubspot", deal_currency="EUR") == set()
    assert hubspot_currencies(lines, price_source="netsuite", deal_currency="EUR") == set()
    assert hubspot_currencies([make_line(currency=None)], price_source="hubspot", deal_currency=None) == set()


def test_usd_prices_for_a_gbp_customer_make_a_usd_order_not_a_gbp_one() -> None:
    chosen = order_currency({"USD"}, customer_currency_id="2", currencies=CURRENCIES)
    assert chosen == OrderCurrency("1", "USD", "GBP")
    assert chosen.differs_from_customer
    # The card's Review says so before the rep sends it.
    assert mismatch(chosen, "Emma Brown") == (
        "The deal's prices are in USD, so the order will be in USD, not in Emma Brown's GBP: NetSuite takes "
        "it only if USD is one of the customer's currencies."
    )


def test_without_hubspot_prices_the_order_is_in_the_customers_currency() -> None:
    chosen = order_currency(set(), customer_currency_id="2", currencies=CURRENCIES)
    assert chosen == OrderCurrency("2", "GBP", "GBP")
    assert not chosen.differs_from_customer
    assert mismatch(chosen, "Emma Brown") is None
    # A customer just created has no currency we know: NetSuite's default (its subsidiary's) applies.
    assert order_currency(set(), customer_currency_id=None, currencies=CURRENCIES) == OrderCurrency(
        None, None, None
    )


@pytest.mark.parametrize(
    ("priced_in", "expected"),
    [
        ({"JPY"}, "The deal is in JPY, a currency this NetSuite account does not have — add JPY to "
                  "NetSuite's currencies, or change the deal's currency in HubSpot."),
        ({"USD", "EUR"}, "The deal's line items are priced in several currencies (EUR, USD) and a NetSuite "
                         "order has one — give every line item the deal's currency in HubSpot."),
    ],
)  # fmt: skip
def test_prices_no_single_netsuite_currency_can_carry_are_refused(priced_in: set[str], expected: str) -> None:
    with pytest.raises(CurrencyError) as refused_currency:
        order_currency(priced_in, customer_currency_id="1", currencies=CURRENCIES)
    assert refused_currency.value.message == expected


def test_a_refused_currency_says_what_to_change_where() -> None:
    assert refused(OrderCurrency("1", "USD", "GBP"), "Emma Brown") == (
        "The deal is in USD, but the NetSuite customer Emma Brown does not trade in USD (its currency is "
        "GBP) — add USD to the customer's currencies in NetSuite, or change the deal's currency to GBP in "
        "HubSpot."
    )
    assert refused(OrderCurrency("1", "USD", None), "Soylent Foods") == (
        "The deal is in USD, but the NetSuite customer Soylent Foods does not trade in USD — add USD to the "
        "customer's currencies in NetSuite, or change the deal's currency in HubSpot."
    )
