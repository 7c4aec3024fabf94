"""SuiteQL runs for real on the seeded tables: bound params, BUILTIN.DF, paging and NetSuite's errors."""

from __future__ import annotations

import httpx
import pytest

from server.sandbox.netsuite.app import NetSuiteSandbox
from tests.sandbox.netsuite.conftest import SUITEQL, suiteql

ORDERS = (
    "SELECT t.id, t.tranid, t.status, BUILTIN.DF(t.status) AS status_name, BUILTIN.DF(t.entity) AS customer,"
    " t.foreigntotal, BUILTIN.DF(t.currency) AS currency_name, t.memo FROM transaction t"
    " WHERE t.type = 'SalesOrd' AND t.id IN (?, ?) ORDER BY t.id"
)


async def test_orders_by_id_with_display_values_come_back_as_strings(rest: httpx.AsyncClient) -> None:
    response = await suiteql(rest, ORDERS, ["501", "505"])
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["totalResults"], body["hasMore"], body["offset"]) == (2, 2, False, 0)
    first, second = body["items"]
    assert first == {
        "links": [],
        "id": "501",
        "tranid": "SO1001",
        "status": "A",
        "status_name": "Pending Approval",
        "customer": "Acme Corp",
        "foreigntotal": "250",
        "currency_name": "US Dollar",
        "memo": "Awaiting approval",
    }
    # NetSuite leaves null columns out of an item rather than answering null.
    assert "memo" not in second
    assert second["foreigntotal"] == "4250"


async def test_lines_query_sees_negative_quantities_and_item_names(rest: httpx.AsyncClient) -> None:
    q = (
        "SELECT tl.item, BUILTIN.DF(tl.item) AS sku, ABS(tl.quantity) AS qty, tl.rate,"
        " BUILTIN.DF(tl.itemtype) AS kind"
        " FROM transactionline tl WHERE tl.transaction = ? AND tl.mainline = 'F' AND tl.taxline = 'F'"
        " ORDER BY tl.linesequencenumber"
    )
    items = (await suiteql(rest, q, ["504"])).json()["items"]
    assert [(i["sku"], i["qty"], i["kind"]) for i in items] == [
        ("ASSEMBLY-100", "1", "Assembly"),
        ("SVC-INSTALL", "4", "Service"),
    ]


async def test_sku_lookup_sees_duplicates_and_inactive_items(rest: httpx.AsyncClient) -> None:
    q = "SELECT id, itemid, isinactive FROM item WHERE itemid IN (?, ?) ORDER BY id"
    items = (await suiteql(rest, q, ["DUP-SKU", "OLD-WIDGET"])).json()["items"]
    assert [(i["id"], i["itemid"], i["isinactive"]) for i in items] == [
        ("115", "OLD-WIDGET", "T"),
        ("117", "DUP-SKU", "F"),
        ("118", "DUP-SKU", "F"),
    ]


async def test_like_is_case_sensitive_as_in_oracle(rest: httpx.AsyncClient) -> None:
    exact = "SELECT id FROM customer WHERE companyname LIKE ?"
    assert (await suiteql(rest, exact, ["acme%"])).json()["totalResults"] == 0
    lowered = "SELECT id FROM customer WHERE LOWER(companyname) LIKE ? AND isinactive = 'F'"
    assert (await suiteql(rest, lowered, ["acme%"])).json()["totalResults"] == 3


async def test_paging_walks_all_rows_with_has_more_and_links(rest: httpx.AsyncClient) -> None:
    q = "SELECT id FROM item ORDER BY id"
    first = (await suiteql(rest, q, limit=25)).json()
    assert (first["count"], first["totalResults"], first["hasMore"]) == (25, 60, True)
    assert {
        "rel": "next",
        "href": "https://1234567-sb1.suitetalk.api.netsuite.com" + SUITEQL + "?limit=25&offset=25",
    } in first["links"]
    last = (await suiteql(rest, q, limit=25, offset=50)).json()
    assert (last["count"], last["offset"], last["hasMore"]) == (10, 50, False)


async def test_rows_created_over_rest_are_visible_to_suiteql(rest: httpx.AsyncClient) -> None:
    body = {
        "entity": {"id": "204"},
        "externalId": "hubspot-deal-77",
        "item": {"items": [{"item": {"id": "101"}, "quantity": 3}]},
    }
    assert (await rest.post("/services/rest/record/v1/salesOrder", json=body)).status_code == 204
    q = "SELECT id, foreigntotal, BUILTIN.DF(status) AS s FROM transaction WHERE externalid = ?"
    (item,) = (await suiteql(rest, q, ["hubspot-deal-77"])).json()["items"]
    assert (item["foreigntotal"], item["s"]) == ("75", "Pending Approval")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 0}, "limit"), ({"limit": 1001}, "limit"), ({"limit": 10, "offset": 15}, "offset")],
)
async def test_bad_paging_is_refused_like_netsuite(
    rest: httpx.AsyncClient, params: dict[str, int], field: str
) -> None:
    response = await suiteql(rest, "SELECT id FROM item", None, **params)
    assert response.status_code == 400
    (detail,) = response.json()["o:errorDetails"]
    assert (detail["o:errorCode"], detail["o:errorQueryParam"]) == ("INVALID_PARAMETER", field)


async def test_missing_prefer_transient_is_refused(rest: httpx.AsyncClient) -> None:
    response = await rest.post(SUITEQL, json={"q": "SELECT id FROM item"})
    assert response.status_code == 400
    assert response.json()["o:errorDetails"][0]["o:errorCode"] == "INVALID_REQUEST"


@pytest.mark.parametrize(
    ("q", "reason"),
    [
        ("DELETE FROM customer", "Invalid or unsupported search."),
        ("SELECT id FROM customer; DELETE FROM customer", "Invalid or unsupported search."),
        ("SELECT id FROM nosuchrecord", "Record 'nosuchrecord' was not found."),
        ("SELECT nosuchfield FROM customer", "Field 'nosuchfield' was not found."),
        ("SELECT id FROM customer WHERE", "Invalid or unsupported search."),
        ("SELECT randomblob(1000000000) FROM customer", "Invalid or unsupported search."),
        (
            "SELECT COUNT(*) FROM item a, item b, item c, item d, pricing e WHERE a.itemid LIKE '%-%'",
            "The query took too long to run.",
        ),
        (
            "SELECT id FROM customer WHERE id = (SELECT 1 FROM pragma_table_info('customer'))",
            "Invalid or unsupported search.",
        ),
    ],
)
async def test_anything_but_a_valid_select_is_an_invalid_search_query(
    rest: httpx.AsyncClient, sandbox: NetSuiteSandbox, q: str, reason: str
) -> None:
    response = await suiteql(rest, q)
    assert response.status_code == 400
    (detail,) = response.json()["o:errorDetails"]
    assert detail["o:errorCode"] == "INVALID_PARAMETER"
    assert detail["detail"].startswith("Invalid search query.")
    assert detail["detail"].endswith(reason)
    assert sandbox.db.execute("SELECT COUNT(*) FROM customer").fetchone() == (30,)


async def test_wrong_number_of_bound_params_is_refused(rest: httpx.AsyncClient) -> None:
    response = await suiteql(rest, "SELECT id FROM item WHERE itemid = ? OR itemid = ?", ["WIDGET-1"])
    assert response.status_code == 400


async def test_builtin_df_inside_a_string_literal_is_left_alone(rest: httpx.AsyncClient) -> None:
    q = "SELECT 'BUILTIN.DF(entity)' AS text, BUILTIN.DF(subsidiary) AS sub FROM customer WHERE id = ?"
    (item,) = (await suiteql(rest, q, [206])).json()["items"]
    assert (item["text"], item["sub"]) == ("BUILTIN.DF(entity)", "Honeycomb UK Ltd")
