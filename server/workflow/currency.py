"""The currency of a workflow order: the domain's choice (`orders.currency`, the one the card's Review
shows), with what stands in its way said as a reason the workflow fails with."""

from __future__ import annotations

from server.orders.builder import PriceSource
from server.orders.currency import CurrencyError, OrderCurrency, hubspot_currencies, order_currency, refused
from server.orders.errors import NetSuiteRejectedError
from server.orders.matching import LineMatch
from server.orders.models import HsDealContext, NsCustomer
from server.orders.ports import NetSuitePort
from server.workflow.failures import ActionFailed


async def choose(
    netsuite: NetSuitePort,
    deal: HsDealContext,
    matches: list[LineMatch],
    customer: NsCustomer,
    *,
    price_source: PriceSource,
) -> OrderCurrency:
    """The deal's currency when HubSpot prices go on the order, else the customer's."""
    priced_in = hubspot_currencies(
        [m.line for m in matches], price_source=price_source, deal_currency=deal.deal.currency
    )
    # NetSuite's currency list is needed only to name one that is not the customer's.
    currencies = await netsuite.currencies() if priced_in else []
    try:
        return order_currency(priced_in, customer_currency_id=customer.currency_id, currencies=currencies)
    except CurrencyError as exc:
        raise ActionFailed(exc.message) from None


def refusal(exc: NetSuiteRejectedError, currency: OrderCurrency, customer: NsCustomer) -> str | None:
    """What to do when NetSuite refused the currency we named (the deal's), else None."""
    if exc.path == "currency" and currency.code is not None:
        return refused(currency, customer.name)
    return None
