"""The Sales orders card on the preview's deal record, in Chromium, against the demo and its sandboxes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import Demo, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

ACME_DEAL = "8001"  # all seven lines match NetSuite items; SO1001 and SO1002 are linked by the demo
GLOBEX_DEAL = "8002"  # WIDGET-9 has no NetSuite item
WALK_IN_DEAL = "8006"  # no company, no contact, no linked orders


def open_deal(page: Any, demo: Demo, deal_id: str) -> Any:
    from playwright.sync_api import expect

    page.goto(f"{demo.base_url}/?deal={deal_id}")
    card = page.get_by_test_id("card")
    expect(card.get_by_role("button", name="Refresh")).to_be_visible()
    return card


def open_create_flow(page: Any, card: Any) -> Any:
    from playwright.sync_api import expect

    card.get_by_role("button", name="Add").click()
    card.get_by_role("menuitem", name="Create NetSuite sales order").click()
    dialog = page.get_by_role("dialog", name="Create NetSuite sales order")
    expect(dialog.get_by_label("NetSuite account")).to_be_visible()
    return dialog


def sandbox(page: Any, demo: Demo, body: dict[str, object], path: str = "/preview/sandbox/netsuite") -> None:
    response = page.request.post(f"{demo.base_url}{path}", data=body)
    assert response.ok, response.text()


def test_card_lists_the_deals_orders_with_their_netsuite_status(page: Any, demo: Demo) -> None:
    from playwright.sync_api import expect

    card = open_deal(page, demo, ACME_DEAL)
    expect(page.get_by_role("heading", name="Acme Corp – Q4 widget rollout")).to_be_visible()
    rows = card.get_by_role("row")
    expect(rows.filter(has_text="SO1001")).to_contain_text("Pending Approval")
    expect(rows.filter(has_text="SO1002")).to_contain_text("Pending Fulfillment")
    expect(rows.filter(has_text="SO1002")).to_contain_text("$433.00")
    link = rows.filter(has_text="SO1002").get_by_role("link", name=re.compile("Open in NetSuite"))
    expect(link).to_have_attribute("href", re.compile(r"salesord\.nl\?id=502$"))
    screenshot(page, "card-list")


def test_a_status_changed_in_netsuite_shows_after_refresh(page: Any, demo: Demo) -> None:
    from playwright.sync_api import expect

    card = open_deal(page, demo, ACME_DEAL)
    row = card.get_by_role("row").filter(has_text="SO1001")
    expect(row).to_contain_text("Pending Approval")
    panel = page.get_by_role("region", name="NetSuite sandbox controls")
    panel.get_by_label("Sales order").select_option(value="501")  # SO1001's NetSuite internal id
    panel.get_by_label("New status").select_option(label="G · Billed")
    panel.get_by_role("button", name="Set status in NetSuite").click()
    expect(panel.get_by_role("status")).to_have_text("SO1001 is now Billed in NetSuite.")
    expect(row).to_contain_text("Pending Approval")  # nothing changes until the rep asks
    card.get_by_role("button", name="Refresh").click()
    expect(row).to_contain_text("Billed")


def test_netsuite_offline_shows_stored_values_marked_stale(page: Any, demo: Demo) -> None:
    from playwright.sync_api import expect

    card = open_deal(page, demo, ACME_DEAL)
    expect(card.get_by_role("row").filter(has_text="SO1002")).to_be_visible()
    panel = page.get_by_role("region", name="NetSuite sandbox controls")
    panel.get_by_role("button", name="Take NetSuite offline").click()
    expect(panel.get_by_role("status")).to_have_text("NetSuite is offline.")
    try:
        card.get_by_role("button", name="Refresh").click()
        stale = card.get_by_test_id("stale-alert")
        expect(stale).to_contain_text("NetSuite did not answer")
        expect(card.get_by_role("row").filter(has_text="SO1002")).to_be_visible()  # the stored values stay
    finally:
        sandbox(page, demo, {"down": False})


def test_unmatched_sku_blocks_review_until_an_item_is_picked(page: Any, demo: Demo) -> None:
    from playwright.sync_api import expect

    card = open_deal(page, demo, GLOBEX_DEAL)
    dialog = open_create_flow(page, card)
    dialog.get_by_label("Subsidiary").select_option(label="Honeycomb Holdings Inc.")
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.get_by_label("Customer", exact=True)).to_be_visible()
    dialog.get_by_role("button", name="Next").click()

    line = dialog.get_by_role("row").filter(has_text="WIDGET-9")
    expect(dialog.get_by_test_id("unmatched-lines")).to_be_visible()
    expect(line).to_contain_text("WIDGET-9")
    review = dialog.get_by_test_id("flow-next")
    expect(review).to_have_text("Review")
    expect(review).to_be_disabled()

    line.get_by_role("searchbox").fill("WIDGET-2")
    picker = line.get_by_role("combobox")
    option = picker.get_by_role("option", name=re.compile("WIDGET-2"))
    expect(option).to_have_count(1)
    picker.select_option(label=option.inner_text())
    dialog.get_by_label("Attach the deal's files").uncheck()
    expect(review).to_be_enabled()
    review.click()
    lines = dialog.get_by_test_id("review-lines")
    expect(lines).to_contain_text("WIDGET-2")
    expect(lines).not_to_contain_text("WIDGET-9 ")


def test_rep_creates_an_order_through_every_tab_and_sees_it_in_the_list(page: Any, demo: Demo) -> None:
    from playwright.sync_api import expect

    card = open_deal(page, demo, ACME_DEAL)
    dialog = open_create_flow(page, card)

    # Account
    expect(dialog.get_by_label("NetSuite account")).to_have_value(re.compile(".+"))
    dialog.get_by_label("Subsidiary").select_option(label="Honeycomb Holdings Inc.")
    dialog.get_by_label("Sales order form").select_option(label="Standard Sales Order")
    dialog.get_by_role("button", name="Next").click()

    # Customer: the deal's company is suggested (it was linked before by external id)
    suggestion = dialog.get_by_test_id("customer-suggestion")
    expect(suggestion).to_contain_text("Acme Corp")
    dialog.get_by_role("button", name="Next").click()

    # Order: the form's fields, every line matched by SKU
    memo = dialog.get_by_label("Memo")
    expect(memo).to_be_visible()
    memo.fill("Q4 rollout, from the browser test")
    memo.press("Tab")
    dialog.get_by_label("PO #").fill("PO-E2E-1")
    dialog.get_by_label("PO #").press("Tab")
    lines = dialog.get_by_test_id("order-lines")
    for sku in ("WIDGET-1", "GADGET-PRO", "ASSEMBLY-100", "KIT-STARTER", "SVC-INSTALL", "SHIP-FEE"):
        expect(lines.get_by_role("row").filter(has_text=sku)).to_be_visible()
    dialog.get_by_label("File Cabinet folder").select_option(label="HubSpot Attachments")
    screenshot(page, "flow-order")
    dialog.get_by_test_id("flow-next").click()

    # Review: exactly what will be sent
    review = dialog.get_by_test_id("review-lines")
    expect(review).to_contain_text("WIDGET-1")
    expect(dialog.get_by_text("Acme Corp").first).to_be_visible()
    total = dialog.get_by_test_id("review-total")
    expect(total).to_have_text("$2,368.00")  # the HubSpot line prices net of discounts, as the deal says
    screenshot(page, "flow-review")
    dialog.get_by_role("button", name="Create sales order").click()

    created = dialog.get_by_test_id("order-created")
    expect(created).to_contain_text(re.compile(r"Sales order SO\d+ created"))
    number = re.search(r"SO\d+", created.inner_text())
    assert number is not None
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(card.get_by_role("row").filter(has_text=number.group(0))).to_contain_text("Pending")


def test_a_deal_without_orders_offers_to_create_one(page: Any, demo: Demo) -> None:
    from playwright.sync_api import expect

    page.goto(f"{demo.base_url}/?deal={WALK_IN_DEAL}")
    card = page.get_by_test_id("card")
    expect(card.get_by_role("button", name="Create NetSuite sales order")).to_be_visible()
    expect(card.get_by_role("row").filter(has_text="SO10")).to_have_count(0)
