from __future__ import annotations

from decimal import Decimal

import pytest

from server.hubspot.client import FAILURE_REASON_FIELD, HubSpotClient
from server.hubspot.errors import (
    HubSpotAuthRevoked,
    HubSpotError,
    HubSpotFileTooLarge,
    HubSpotMissingScope,
    HubSpotNotFound,
    HubSpotRateLimited,
)
from server.hubspot.models import FileInfo
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.hubspot.seed import PORTAL_ID
from tests.hubspot.conftest import FakeTime

MB = 1024 * 1024


def crm_calls(sandbox: HubSpotSandbox) -> list[str]:
    return [f"{r.method} {r.path}" for r in sandbox.api_requests("/crm/")]


async def test_deal_reads_its_properties_and_associated_ids(client: HubSpotClient) -> None:
    deal = await client.deal(PORTAL_ID, "8001")
    assert deal.name == "Acme Corp – Q4 widget rollout"
    assert (deal.currency, deal.stage, deal.close_date) == ("USD", "contractsent", "2026-12-15")
    assert deal.companies == ["9001", "9003"]  # the primary company first
    assert deal.contacts == ["7003"]
    assert len(deal.line_items) == 7
    assert len(deal.notes) == 3
    assert deal.amount == Decimal("2368.00")  # the sum of its discounted lines


async def test_a_deal_that_does_not_exist_says_so(client: HubSpotClient) -> None:
    with pytest.raises(HubSpotNotFound) as raised:
        await client.deal(PORTAL_ID, "999999")
    assert raised.value.message == "This deal no longer exists in HubSpot."


async def test_a_deal_id_that_is_not_a_number_never_reaches_hubspot(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    with pytest.raises(HubSpotNotFound):
        await client.deal(PORTAL_ID, "8001/../../files")
    assert crm_calls(sandbox) == []


async def test_deal_context_takes_four_round_trips_when_every_line_has_a_sku(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    context = await client.deal_context(PORTAL_ID, "8001")
    assert [line.sku for line in context.line_items] == [
        "WIDGET-1", "WIDGET-2", "GADGET-PRO", "ASSEMBLY-100", "KIT-STARTER", "SVC-INSTALL", "SHIP-FEE"
    ]  # fmt: skip
    assert context.company is not None
    assert (context.company.name, context.company.domain) == ("Acme Corp", "acme.example")
    assert context.contact is not None
    assert context.contact.email == "emma.brown@acme.example"
    widget_2 = context.line_items[1]
    assert (widget_2.quantity, widget_2.price, widget_2.discount_percentage) == (
        Decimal(5),
        Decimal("40.00"),
        Decimal(10),
    )
    assert sorted(crm_calls(sandbox)) == [
        "GET /crm/v3/objects/deals/8001",
        "POST /crm/v3/objects/companies/batch/read",
        "POST /crm/v3/objects/contacts/batch/read",
        "POST /crm/v3/objects/line_items/batch/read",
    ]


async def test_deal_context_takes_the_sku_from_the_product_when_the_line_has_none(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    context = await client.deal_context(PORTAL_ID, "8003")
    assert [line.sku for line in context.line_items] == ["KIT-STARTER", "DUP-SKU", "OLD-WIDGET"]
    assert context.line_items[0].currency == "GBP"
    assert crm_calls(sandbox).count("POST /crm/v3/objects/products/batch/read") == 1
    assert len(crm_calls(sandbox)) == 5


async def test_a_line_without_sku_on_product_or_line_keeps_no_sku(client: HubSpotClient) -> None:
    context = await client.deal_context(PORTAL_ID, "8004")
    assert [(line.name, line.sku) for line in context.line_items] == [
        ("Custom engraving", None),
        ("Rush handling", None),
    ]
    assert context.company is None
    assert context.contact is not None
    assert context.contact.first_name == "Jane"


async def test_a_deal_without_company_or_contact_reads_only_deal_and_lines(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    context = await client.deal_context(PORTAL_ID, "8006")
    assert (context.company, context.contact) == (None, None)
    assert len(crm_calls(sandbox)) == 2


async def test_a_deal_with_120_lines_pages_associations_and_batches_by_100(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    context = await client.deal_context(PORTAL_ID, "8008")
    assert len(context.line_items) == 120
    assert len({line.id for line in context.line_items}) == 120
    calls = crm_calls(sandbox)
    assert calls.count("POST /crm/v3/objects/line_items/batch/read") == 2
    assert calls.count("GET /crm/v4/objects/deals/8008/associations/line_items") == 1


async def test_batch_reads_leave_out_records_deleted_in_hubspot(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    sandbox.delete("contacts", "7001")
    contacts = await client.contacts(PORTAL_ID, ["7001", "7002"])
    assert [c.id for c in contacts] == ["7002"]


async def test_products_and_companies_read_in_the_order_asked(client: HubSpotClient) -> None:
    products = await client.products(PORTAL_ID, ["3005", "3001"])
    assert [(p.sku, p.price) for p in products] == [("KIT-STARTER", Decimal("120.00")), ("WIDGET-1", 25)]
    companies = await client.companies(PORTAL_ID, ["9004", "9001"])
    assert [c.name for c in companies] == ["Globex Corporation", "Acme Corp"]


async def test_attachments_are_the_files_of_the_deals_notes(client: HubSpotClient) -> None:
    files = await client.attachments(PORTAL_ID, "8001")
    assert [f.filename for f in files] == ["quote-Q4.pdf", "site-photo.png", "cad-drawings.zip"]
    sizes = {f.filename: f.size or 0 for f in files}
    assert sizes["quote-Q4.pdf"] < 10_000
    assert 2 * MB < sizes["site-photo.png"] < 3 * MB
    assert sizes["cad-drawings.zip"] > 10 * MB


async def test_an_attachment_deleted_from_hubspot_is_skipped(client: HubSpotClient) -> None:
    files = await client.attachments(PORTAL_ID, "8002")
    assert [f.filename for f in files] == ["packing-list.pdf"]


async def test_download_fetches_the_bytes_without_sending_our_token_to_the_file_host(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    files = {f.name: f for f in await client.attachments(PORTAL_ID, "8001")}
    pdf = await client.download(PORTAL_ID, files["quote-Q4"], max_bytes=10 * MB)
    png = await client.download(PORTAL_ID, files["site-photo"], max_bytes=10 * MB)
    assert pdf.startswith(b"%PDF-1.4")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) == files["site-photo"].size
    signed = [r for r in sandbox.requests if r.path.startswith("/signed/")]
    assert len(signed) == 2
    assert all(r.authorization is None for r in signed)


async def test_download_of_a_file_over_the_limit_is_refused_before_fetching(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    files = {f.name: f for f in await client.attachments(PORTAL_ID, "8001")}
    with pytest.raises(HubSpotFileTooLarge) as raised:
        await client.download(PORTAL_ID, files["cad-drawings"], max_bytes=10 * MB)
    assert "cad-drawings.zip" in raised.value.message
    assert "10 MB" in raised.value.message
    assert sandbox.downloads == []


async def test_download_stops_when_the_bytes_exceed_the_limit_whatever_the_metadata_said(
    client: HubSpotClient,
) -> None:
    unknown_size = FileInfo(id="40003", name="cad-drawings", extension="zip", size=None, type="OTHER")
    with pytest.raises(HubSpotFileTooLarge):
        await client.download(PORTAL_ID, unknown_size, max_bytes=10 * MB)


async def test_rate_limited_calls_wait_out_the_window_and_succeed(
    client: HubSpotClient, sandbox: HubSpotSandbox, fake_time: FakeTime
) -> None:
    sandbox.throttle_next(2)
    deal = await client.deal(PORTAL_ID, "8005")
    assert deal.currency == "EUR"
    assert fake_time.slept == [10.0, 10.0]  # no Retry-After: the 10-second rolling window


async def test_rate_limited_calls_honor_retry_after(
    client: HubSpotClient, sandbox: HubSpotSandbox, fake_time: FakeTime
) -> None:
    sandbox.throttle_next(1, retry_after=3)
    await client.deal(PORTAL_ID, "8005")
    assert fake_time.slept == [3.0]


async def test_persistent_rate_limiting_gives_up_with_a_retry_hint(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    sandbox.throttle_next(10)
    with pytest.raises(HubSpotRateLimited) as raised:
        await client.deal(PORTAL_ID, "8005")
    assert raised.value.retry_after == 10.0
    assert "Try again in 10 s" in raised.value.message


async def test_reads_are_retried_after_a_hubspot_outage(
    client: HubSpotClient, sandbox: HubSpotSandbox, fake_time: FakeTime
) -> None:
    sandbox.fail_next(2, status=502)
    assert (await client.deal(PORTAL_ID, "8006")).name == "Walk-in counter sale"
    assert fake_time.slept == [0.5, 1.0]


async def test_a_callback_completion_is_not_repeated_after_a_server_error(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    sandbox.fail_next(1, status=500)
    with pytest.raises(HubSpotError):
        await client.complete_callback(PORTAL_ID, "ap-90210-1-2-0", {"salesOrderNumber": "SO1042"})
    assert sandbox.callbacks == []


async def test_an_access_token_hubspot_forgot_is_refreshed_once_and_the_call_repeated(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    sandbox.access_tokens.clear()
    assert (await client.deal(PORTAL_ID, "8006")).name == "Walk-in counter sale"
    assert sandbox.token_requests.count("refresh_token") == 1


async def test_revoked_tokens_ask_for_a_reinstall(client: HubSpotClient, sandbox: HubSpotSandbox) -> None:
    sandbox.revoke_tokens()
    with pytest.raises(HubSpotAuthRevoked) as raised:
        await client.deal(PORTAL_ID, "8001")
    assert raised.value.code == "hubspot_reinstall"


async def test_a_missing_scope_asks_for_a_reinstall(client: HubSpotClient, sandbox: HubSpotSandbox) -> None:
    for token in sandbox.access_tokens.values():
        token.scopes = [s for s in token.scopes if not s.startswith("files")]
    with pytest.raises(HubSpotMissingScope) as raised:
        await client.attachments(PORTAL_ID, "8001")
    assert raised.value.code == "hubspot_reinstall"


async def test_complete_callback_sends_success_with_outputs(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    await client.complete_callback(PORTAL_ID, "ap-90210-1-2-0", {"salesOrderNumber": "SO1042"})
    [done] = sandbox.callbacks
    assert done.callback_id == "ap-90210-1-2-0"
    assert done.output_fields == {"salesOrderNumber": "SO1042", "hs_execution_state": "SUCCESS"}


async def test_complete_callback_with_a_reason_fails_and_continues(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    reason = "SKU WIDGET-9 has no NetSuite item"
    await client.complete_callback(PORTAL_ID, "ap-90210-1-2-1", {}, failure_reason=reason)
    [done] = sandbox.callbacks
    assert done.output_fields == {"hs_execution_state": "FAIL_CONTINUE", FAILURE_REASON_FIELD: reason}


async def test_a_malformed_callback_id_is_refused_before_calling_hubspot(
    client: HubSpotClient, sandbox: HubSpotSandbox
) -> None:
    with pytest.raises(HubSpotError):
        await client.complete_callback(PORTAL_ID, "../../crm/v3", {})
    assert sandbox.api_requests("/automation/") == []
