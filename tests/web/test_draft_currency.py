"""The card's order currency against the sandboxes: HubSpot prices keep the deal's currency, named on the
order, so NetSuite takes it from a customer that trades in it and refuses it from one that does not."""

from __future__ import annotations

from typing import Any

from tests.web.orders_env import Env, env, orders_settings
from tests.web.test_draft_api import external_id_of, ok, orders_with, submit, to_order_tab

__all__ = ["env", "orders_settings"]  # fixtures

EMMA_BROWN = {"customerMode": "existing", "customerId": "229"}  # a GBP customer of the UK subsidiary
WARNING = (
    "The deal's prices are in USD, so the order will be in USD, not in Emma Brown's GBP: NetSuite takes it "
    "only if USD is one of the customer's currencies."
)


async def review(e: Env, price_source: str) -> dict[str, Any]:
    draft = await to_order_tab(e, "8001", customer=EMMA_BROWN, subsidiary="2")
    draft = await ok(await e.step(draft, "order", {"priceSource": price_source}))
    assert draft["step"] == "review"
    return draft


async def test_usd_prices_for_a_gbp_customer_are_a_usd_order_that_netsuite_refuses(env: Env) -> None:
    draft = await review(env, "hubspot")
    summary = draft["tab"]["summary"]
    assert summary["currency"] == "USD"
    assert WARNING in summary["warnings"]

    rejected = await submit(env, draft)

    # Emma Brown trades in GBP only: NetSuite refuses the currency, and the card points at the customer.
    assert rejected.status_code == 422, rejected.text
    assert rejected.json()["detail"]["tab"] == "customer"
    assert orders_with(env, await external_id_of(env, draft)) == []


async def test_a_gbp_customer_that_trades_in_usd_gets_the_deals_usd_prices(env: Env) -> None:
    env.netsuite.add_customer_currency("229", "1")
    draft = await review(env, "hubspot")

    result = await ok(await submit(env, draft))

    [order] = orders_with(env, await external_id_of(env, draft))
    assert str(order["id"]) == result["order"]["netsuiteId"]
    assert (order["entity"], order["subsidiary"], order["currency"]) == (229, 2, 1)
    assert order["foreigntotal"] == 2368.0  # HubSpot's USD amounts, as Review showed them


async def test_netsuite_prices_keep_the_customers_currency_without_a_warning(env: Env) -> None:
    draft = await review(env, "netsuite")
    summary = draft["tab"]["summary"]
    assert summary["currency"] == "GBP"
    assert not [w for w in summary["warnings"] if "USD" in w]

    await ok(await submit(env, draft))

    [order] = orders_with(env, await external_id_of(env, draft))
    assert order["currency"] == 2
