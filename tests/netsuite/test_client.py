"""NetSuiteClient against the sandbox account: every operation, and every kind of NetSuite failure."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from server.metrics import VENDOR_CALLS
from server.netsuite import errors, queries
from server.netsuite.auth import M2MAuth
from server.netsuite.client import NetSuiteClient
from server.netsuite.governor import Governor
from server.sandbox.netsuite import seed
from server.sandbox.netsuite.app import NetSuiteSandbox, RecordedRequest
from tests.netsuite.conftest import make_client, sandbox_tba

ORDER = {"entity": {"id": "201"}, "item": {"items": [{"item": {"id": "101"}, "quantity": 2}]}}


def suiteql_requests(sandbox: NetSuiteSandbox) -> list[RecordedRequest]:
    return [r for r in sandbox.requests if r.path.endswith("/suiteql")]


async def test_subsidiaries_and_currencies_come_typed_with_iso_codes(netsuite: NetSuiteClient) -> None:
    subsidiaries = {s.id: s for s in await netsuite.subsidiaries()}
    assert subsidiaries["2"].name == "Honeycomb UK Ltd"
    assert subsidiaries["2"].currency == "GBP"
    assert subsidiaries["2"].parent_id == "1"
    currencies = {c.symbol: c for c in await netsuite.currencies()}
    assert currencies["USD"].is_base
    assert not currencies["EUR"].is_base


async def test_customer_search_ignores_case_excludes_inactive_and_takes_wildcards_literally(
    netsuite: NetSuiteClient,
) -> None:
    found = await netsuite.search_customers("ACME")
    assert {c.id for c in found} >= {"201", "202", "203"}
    assert all(not c.inactive for c in found)
    assert await netsuite.search_customers("%") == []
    assert len(await netsuite.search_customers("", limit=5)) == 5


async def test_customers_by_email_and_external_id_and_by_id(netsuite: NetSuiteClient) -> None:
    by_email = await netsuite.customers_by_emails(["ORDERS@acme.example", "nobody@example.com", " "])
    assert [c.id for c in by_email] == ["201"]
    by_eid = await netsuite.customers_by_external_ids(["hubspot-company-9001", "hubspot-company-9003"])
    assert {c.id for c in by_eid} == {"201", "203"}
    one = await netsuite.customer("201")
    assert one is not None
    assert one.name == "Acme Corp"
    assert await netsuite.customer("99999") is None
    assert await netsuite.customers_by_emails([]) == []


async def test_created_customer_id_comes_from_location(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    new_id = await netsuite.create_customer(
        {"companyName": "Globex Ltd", "email": "buyer@globex.example", "subsidiary": {"id": "1"}}
    )
    created = await netsuite.customer(new_id)
    assert created is not None
    assert created.company_name == "Globex Ltd"
    post = next(r for r in sandbox.requests if r.method == "POST" and r.path.endswith("/customer"))
    assert post.headers["x-netsuite-propertynamevalidation"] == "error"


async def test_items_by_skus_is_one_query_matching_every_sellable_type_and_reporting_duplicates(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    skus = [
        "widget-1",
        "DUP-SKU",
        "Kit-Pro",
        "ASSEMBLY-100",
        "SVC-INSTALL",
        "OLD-WIDGET",
        "GROUP-BUNDLE",
        "NOPE",
    ]
    items = await netsuite.items_by_skus(skus)
    assert len(suiteql_requests(sandbox)) == 1
    by_sku: dict[str, list[str]] = {}
    for item in items:
        by_sku.setdefault(item.item_id, []).append(item.item_type)
    assert by_sku == {
        "WIDGET-1": ["InvtPart"], "DUP-SKU": ["InvtPart", "InvtPart"], "KIT-PRO": ["Kit"],
        "ASSEMBLY-100": ["Assembly"], "SVC-INSTALL": ["Service"],
    }  # fmt: skip


def test_the_item_query_lists_exactly_the_sellable_types() -> None:
    sql = queries.items_by_skus(1)
    assert all(f"'{t}'" in sql for t in queries.SELLABLE_ITEM_TYPES)
    assert "'Group'" not in sql


async def test_list_prices_are_base_prices_as_decimals(netsuite: NetSuiteClient) -> None:
    prices = await netsuite.list_prices(["101", "102", "99999"], "1")
    assert set(prices) == {"101", "102"}
    assert str(prices["101"]) == "25"


async def test_sales_orders_are_read_in_one_query_with_status_currency_and_customer(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    sandbox.set_order_status("502", "G")
    orders = {o.id: o for o in await netsuite.sales_orders(["501", "502", "525", "501"])}
    assert len(suiteql_requests(sandbox)) == 1
    assert orders["502"].status_code == "G"
    assert orders["502"].status == "Billed"
    assert orders["525"].currency == "CAD"
    assert orders["501"].customer_name == "Acme Corp"
    assert orders["501"].tran_id == "SO1001"
    found = await netsuite.sales_order_by_number("so1001")
    assert found is not None
    assert found.id == "501"
    assert await netsuite.sales_order_by_number("SO9999") is None
    assert await netsuite.sales_orders([]) == []


async def test_upsert_by_external_id_creates_once_and_repeats_harmlessly(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    before = len(sandbox.sales_orders())
    first = await netsuite.upsert_sales_order("hs-deal-9001-d1", ORDER)
    again = await netsuite.upsert_sales_order("hs-deal-9001-d1", ORDER)
    assert first == again
    assert len(sandbox.sales_orders()) == before + 1
    order = await netsuite.sales_order_by_external_id("hs-deal-9001-d1")
    assert order is not None
    assert order.id == first
    put = next(r for r in sandbox.requests if r.method == "PUT")
    assert put.path.endswith("/salesOrder/eid:hs-deal-9001-d1")
    assert put.headers["x-netsuite-propertynamevalidation"] == "error"
    with pytest.raises(ValueError, match="letters, digits"):
        await netsuite.upsert_sales_order("a|b", ORDER)


async def test_patch_and_get_record(netsuite: NetSuiteClient) -> None:
    await netsuite.patch_record("salesOrder", "501", {"memo": "Approved by phone"})
    record = await netsuite.get_record("salesOrder", "501", params={"fields": "memo"})
    assert record["memo"] == "Approved by phone"


async def test_suiteql_pages_with_offsets_divisible_by_the_limit(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    rows = await netsuite.suiteql_all("SELECT id FROM customer ORDER BY id", page_size=7, max_rows=20)
    assert [r["id"] for r in rows] == [str(i) for i in range(201, 221)]
    offsets = [int(r.query["offset"]) for r in suiteql_requests(sandbox)]
    assert offsets == [0, 7, 14]
    assert all(r.headers["prefer"] == "transient" for r in sandbox.requests)
    everything = await netsuite.suiteql_all("SELECT id FROM customer", page_size=7)
    assert len(everything) == 30
    with pytest.raises(ValueError, match="divisible"):
        await netsuite.suiteql("SELECT id FROM customer", limit=10, offset=5)


async def test_bound_parameters_carry_hostile_text_as_data(netsuite: NetSuiteClient) -> None:
    assert await netsuite.search_customers("x') OR 1=1 --") == []
    assert await netsuite.items_by_skus(["WIDGET-1' OR '1'='1"]) == []


async def test_metadata_and_select_options(netsuite: NetSuiteClient, sandbox: NetSuiteSandbox) -> None:
    schema = await netsuite.metadata("salesOrder")
    assert "entity" in schema["properties"]
    assert sandbox.requests[-1].headers["accept"] == "application/schema+json"
    options = await netsuite.select_options("salesOrder", ["department"])
    assert options["department"]
    assert {"id", "refName"} <= set(options["department"][0])


async def test_forms_and_form_fields_from_the_restlet_use_rest_field_names(netsuite: NetSuiteClient) -> None:
    forms = await netsuite.forms()
    assert [f.id for f in forms if f.is_default] == ["68"]
    form = await netsuite.describe_form("121")
    assert form.source == "restlet"
    mandatory = {f.id for f in form.body_fields if f.mandatory}
    assert {"entity", "otherRefNum", "custbody_region"} <= mandatory
    region = next(f for f in form.body_fields if f.id == "custbody_region")
    assert region.options is not None
    assert "West" in [o.text for o in region.options]
    assert "quantity" in [f.id for f in form.item_fields]


async def test_catalog_fallback_says_so_and_has_no_per_form_flags(netsuite: NetSuiteClient) -> None:
    form = await netsuite.describe_form_from_catalog("121", "Wholesale Order")
    assert form.source == "catalog"
    assert [f.id for f in form.body_fields if f.mandatory] == ["entity"]
    assert "otherRefNum" in [f.id for f in form.body_fields]
    assert "quantity" in [f.id for f in form.item_fields]


async def test_folders_and_attachments_through_the_restlet(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    assert "12" in [f.id for f in await netsuite.folders()]
    file_id = await netsuite.attach_file(
        "501", "12", "quote.pdf", b"%PDF-1.4 hello", "application/octet-stream"
    )
    stored = next(f for f in sandbox.files if str(f.id) == file_id)
    assert stored.file_type == "PDF"
    with pytest.raises(errors.NetSuiteValidationError, match="folder 99"):
        await netsuite.attach_file("501", "99", "a.txt", b"x", "text/plain")
    with pytest.raises(errors.NetSuiteNotFoundError):
        await netsuite.attach_file("99999", "12", "a.txt", b"x", "text/plain")


async def test_a_file_over_ten_megabytes_is_refused_before_anything_is_sent(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    with pytest.raises(errors.FileTooLarge, match="10 MB"):
        await netsuite.attach_file("501", "12", "big.zip", b"0" * (10 * 1024 * 1024 + 1), "application/zip")
    assert sandbox.requests == []


async def test_without_restlet_url_or_deployment_the_restlet_is_unavailable(
    http: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    with pytest.raises(errors.RestletUnavailable, match="RESTlet URL"):
        await make_client(http, restlet_url=None).forms()
    assert sandbox.requests == []
    sandbox.restlet_deployed = False
    with pytest.raises(errors.RestletUnavailable, match="not deployed"):
        await make_client(http).forms()


def test_order_url_points_at_the_netsuite_ui(netsuite: NetSuiteClient) -> None:
    assert netsuite.order_url("501") == f"{seed.APP_BASE_URL}/app/accounting/transactions/salesord.nl?id=501"


async def test_wrong_token_is_an_auth_error_telling_to_reconnect(sandbox: NetSuiteSandbox) -> None:
    auth = sandbox_tba(token_secret="0" * 64)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), auth=auth) as http:
        with pytest.raises(errors.NetSuiteAuthError) as caught:
            await make_client(http).subsidiaries()
    assert caught.value.netsuite_code == "INVALID_LOGIN"
    assert caught.value.status_code == 502
    assert caught.value.to_json()["error"] == "netsuite_auth"


async def test_permission_not_found_and_validation_errors_keep_netsuites_words(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    sandbox.fail_next(
        403, "INSUFFICIENT_PERMISSION", "Permission Violation: You need the 'Lists > Items' permission"
    )
    with pytest.raises(errors.NetSuitePermissionError, match="Lists > Items"):
        await netsuite.items_by_skus(["WIDGET-1"])
    with pytest.raises(errors.NetSuiteNotFoundError):
        await netsuite.get_record("salesOrder", "99999")
    bad = {"entity": {"id": "201"}, "item": {"items": [{"item": {"id": "9999"}, "quantity": 1}]}}
    with pytest.raises(errors.NetSuiteValidationError) as caught:
        await netsuite.upsert_sales_order("hs-bad-1", bad)
    assert caught.value.path == "item.items[0].item"
    assert caught.value.status_code == 422
    assert "9999" in (caught.value.netsuite_message or "")


async def test_a_rejection_naming_several_fields_keeps_every_one(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    # Form 121 makes PO # and Region mandatory; NetSuite names each missing one in its own errorDetail.
    with pytest.raises(errors.NetSuiteValidationError) as caught:
        await netsuite.upsert_sales_order("hs-121-bare", {**ORDER, "customForm": {"id": "121"}})
    rejected = caught.value
    prefix = "Error while accessing resource: Please enter value(s) for: "
    assert rejected.details == [
        errors.ErrorDetail("otherRefNum", prefix + "PO #", "INVALID_CONTENT"),
        errors.ErrorDetail("custbody_region", prefix + "Region", "INVALID_CONTENT"),
    ]
    assert rejected.fields == {"otherRefNum": prefix + "PO #", "custbody_region": prefix + "Region"}
    assert (rejected.path, rejected.netsuite_message) == ("otherRefNum", prefix + "PO #")
    assert rejected.message == f"NetSuite rejected the request: {prefix}PO #; {prefix}Region"
    assert [o for o in sandbox.sales_orders() if o.get("externalid") == "hs-121-bare"] == []


async def test_concurrency_refusals_are_retried_invisibly(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    sandbox.fail_next(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded.", count=2)
    sandbox.fail_next(400, "SSS_REQUEST_LIMIT_EXCEEDED", "limit", path_contains="action=forms")
    assert await netsuite.subsidiaries()
    assert await netsuite.forms()
    assert netsuite.governor.retries == 3


async def test_a_create_failing_with_5xx_is_sent_once_and_reads_are_retried(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    sandbox.fail_next(500, "UNEXPECTED_ERROR", "An unexpected error occurred. Error ID: x1")
    with pytest.raises(errors.NetSuiteUnavailable):
        await netsuite.create_customer({"companyName": "Once Ltd", "subsidiary": {"id": "1"}})
    assert len([r for r in sandbox.requests if r.method == "POST"]) == 1
    sandbox.fail_next(500, "UNEXPECTED_ERROR", "An unexpected error occurred.")
    assert await netsuite.customer("201") is not None


async def test_an_outage_is_unavailable_once_the_budget_is_spent(
    http: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    sandbox.down = True
    client = make_client(http, governor=Governor(2, budget_seconds=0.2, base_delay=0.01, max_delay=0.05))
    with pytest.raises(errors.NetSuiteUnavailable) as caught:
        await client.subsidiaries()
    assert caught.value.status_code == 503
    assert len(sandbox.requests) > 1


async def test_unreachable_host_and_timeout_are_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("name or service not known", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        client = make_client(http, governor=Governor(1, budget_seconds=0.05, base_delay=0.01))
        with pytest.raises(errors.NetSuiteUnavailable, match="could not be reached") as caught:
            await client.subsidiaries()
    assert caught.value.netsuite_code == "ConnectError"


async def test_calls_are_counted_in_vendor_metrics(
    netsuite: NetSuiteClient, sandbox: NetSuiteSandbox
) -> None:
    counter = VENDOR_CALLS.labels("netsuite", "suiteql", "ok")
    before = counter._value.get()
    await netsuite.currencies()
    assert counter._value.get() == before + 1


async def test_m2m_bearer_tokens_reach_the_sandbox(sandbox: NetSuiteSandbox) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sandbox.register_m2m_client("m2m-client", "cert-7", public)
    auth = M2MAuth(
        token_url=seed.TOKEN_URL, client_id="m2m-client", certificate_id="cert-7", private_key_pem=pem
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), auth=auth) as http:
        client = make_client(http)
        assert await client.subsidiaries()
        assert await client.forms()
    assert sum(1 for r in sandbox.requests if r.path.endswith("/token")) == 1


async def test_fifty_concurrent_calls_stay_within_the_accounts_limit_and_all_succeed(
    sandbox: NetSuiteSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    """The acceptance test: limit 5, 50 callers, no error reaches any of them."""
    caplog.set_level(logging.DEBUG)
    sandbox.latency = 0.005
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), auth=sandbox_tba()) as http:
        client = make_client(http, governor=Governor(4))
        results = await asyncio.gather(*(client.sales_orders(["501", "502"]) for _ in range(50)))
    assert all(len(r) == 2 for r in results)
    assert sandbox.max_in_flight <= 5
    assert client.governor.max_in_flight == 4
    for secret in (seed.TOKEN_SECRET, seed.CONSUMER_SECRET):
        assert secret not in caplog.text


async def test_a_governor_set_above_the_accounts_limit_still_delivers_every_answer(
    sandbox: NetSuiteSandbox,
) -> None:
    sandbox.latency = 0.005
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), auth=sandbox_tba()) as http:
        client = make_client(http, governor=Governor(12, base_delay=0.005, max_delay=0.05, budget_seconds=20))
        results = await asyncio.gather(*(client.currencies() for _ in range(50)))
    assert all(results)
    assert sandbox.max_in_flight <= 5
    assert client.governor.retries > 0  # NetSuite did refuse some: the backoff absorbed them
