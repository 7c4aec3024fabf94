"""REST record service: create/upsert/read/patch of sales orders and customers, validated like NetSuite."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from server.sandbox.netsuite.app import NetSuiteSandbox
from server.sandbox.netsuite.errors import ACCESS_PREFIX
from server.sandbox.netsuite.seed import REST_BASE_URL

SO = "/services/rest/record/v1/salesOrder"
STRICT = {"X-NetSuite-PropertyNameValidation": "error"}
Body = dict[str, object]


def order(**overrides: object) -> Body:
    body: Body = {"entity": {"id": "204"}, "item": {"items": [{"item": {"id": "101"}, "quantity": 2}]}}
    return body | overrides


def lines(*items: Body) -> Body:
    return {"items": list(items)}


async def create(rest: httpx.AsyncClient, body: Body, **headers: str) -> httpx.Response:
    return await rest.post(SO, json=body, headers=headers)


def details(response: httpx.Response) -> list[tuple[str | None, str]]:
    assert response.status_code == 400, response.text
    return [(d.get("o:errorPath"), d["detail"]) for d in response.json()["o:errorDetails"]]


async def test_create_answers_204_with_location_and_the_order_reads_back(rest: httpx.AsyncClient) -> None:
    response = await create(rest, order(memo="From HubSpot", otherRefNum="PO-9"))
    assert response.status_code == 204
    assert response.headers["location"] == f"{REST_BASE_URL}{SO}/526"
    body = (await rest.get(f"{SO}/526")).json()
    assert body["entity"] == {
        "links": [{"rel": "self", "href": f"{REST_BASE_URL}/services/rest/record/v1/customer/204"}],
        "id": "204",
        "refName": "Globex Corporation",
    }
    assert body["status"] == {"id": "A", "refName": "Pending Approval"}
    assert (body["tranId"], body["total"], body["memo"], body["otherRefNum"]) == (
        "SO1026",
        50.0,
        "From HubSpot",
        "PO-9",
    )
    assert body["customForm"]["id"] == "68"
    assert body["currency"]["refName"] == "USD"
    # Sublists are links unless expanded.
    assert body["item"] == {"links": [{"rel": "self", "href": f"{REST_BASE_URL}{SO}/526/item"}]}


async def test_rate_defaults_to_the_base_price_in_the_customers_currency(rest: httpx.AsyncClient) -> None:
    uk = order(
        entity={"id": "206"},
        item=lines({"item": {"id": "101"}, "quantity": 4}, {"item": {"id": "102"}, "price": {"id": "2"}}),
    )
    assert (await create(rest, uk)).status_code == 204
    body = (await rest.get(f"{SO}/526", params={"expandSubResources": "true"})).json()
    assert body["currency"]["refName"] == "GBP"
    first, second = body["item"]["items"]
    assert (first["rate"], first["amount"], first["quantity"]) == (19.75, 79.0, 4.0)
    assert (second["rate"], second["quantity"]) == (26.86, 1.0)  # Wholesale: 40 × 0.85 × 0.79
    assert body["total"] == 105.86


async def test_an_order_in_a_currency_the_customer_does_not_trade_in_is_refused(
    rest: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    # Umbrella Retail (206) is a GBP customer of the UK subsidiary; USD is not on its record.
    usd = order(entity={"id": "206"}, currency={"id": "1"})
    response = await create(rest, usd)
    assert details(response) == [
        ("currency", PREFIX + "You have entered an Invalid Field Value 1 for the following field: currency")
    ]
    assert response.json()["o:errorDetails"][0]["o:errorCode"] == "INVALID_CONTENT"
    assert len(sandbox.sales_orders()) == 25
    # Its primary currency, named explicitly, is fine.
    assert (await create(rest, order(entity={"id": "206"}, currency={"id": "2"}))).status_code == 204


async def test_a_multi_currency_customer_takes_an_order_in_another_of_its_currencies(
    rest: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    # Northwind Traders UK (212, GBP) is seeded with USD on its Currencies subtab.
    assert (await create(rest, order(entity={"id": "212"}, currency={"id": "1"}))).status_code == 204
    body = (await rest.get(f"{SO}/526", params={"expandSubResources": "true"})).json()
    assert body["currency"]["refName"] == "USD"
    assert body["item"]["items"][0]["rate"] == 25.0  # the USD base price, not GBP's 19.75
    # Adding a currency to a customer's record is what lets NetSuite take it.
    sandbox.add_customer_currency("206", "1")
    assert (await create(rest, order(entity={"id": "206"}, currency={"id": "1"}))).status_code == 204


async def test_custom_price_uses_the_rate_sent(rest: httpx.AsyncClient) -> None:
    body = order(item=lines({"item": {"id": "161"}, "quantity": 2, "rate": 99.5, "price": {"id": "-1"}}))
    assert (await create(rest, body)).status_code == 204
    assert (await rest.get(f"{SO}/526")).json()["total"] == 199.0


async def test_put_by_external_id_creates_once_then_updates_the_same_order(
    rest: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    first = await rest.put(f"{SO}/eid:hubspot-deal-42", json=order())
    again = await rest.put(f"{SO}/eid:hubspot-deal-42", json=order(memo="second"))
    assert first.status_code == again.status_code == 204
    assert first.headers["location"] == again.headers["location"] == f"{REST_BASE_URL}{SO}/526"
    matching = [o for o in sandbox.sales_orders() if o["externalid"] == "hubspot-deal-42"]
    assert [o["memo"] for o in matching] == ["second"]
    body = (await rest.get(f"{SO}/eid:hubspot-deal-42")).json()
    assert (body["id"], body["externalId"]) == ("526", "hubspot-deal-42")


async def test_external_id_with_a_pipe_is_refused(rest: httpx.AsyncClient) -> None:
    response = await rest.put(f"{SO}/eid:deal|1", json=order())
    assert response.status_code == 400


async def test_a_second_post_with_the_same_external_id_is_refused(rest: httpx.AsyncClient) -> None:
    assert (await create(rest, order(externalId="dup-1"))).status_code == 204
    assert details(await create(rest, order(externalId="dup-1")))[0][0] == "externalId"


PREFIX = "Error while accessing resource: "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (order(entity=None), [("entity", PREFIX + "Please enter value(s) for: Customer")]),
        (
            order(entity={"id": "218"}),
            [
                (
                    "entity",
                    PREFIX + "You have entered an Invalid Field Value 218 for the following field: entity",
                )
            ],
        ),
        (
            order(subsidiary={"id": "2"}),
            [
                (
                    "subsidiary",
                    PREFIX + "You have entered an Invalid Field Value 2 for the following field: subsidiary",
                )
            ],
        ),
        (
            order(customForm={"id": "999"}),
            [
                (
                    "customForm",
                    PREFIX
                    + "You have entered an Invalid Field Value 999 for the following field: customForm",
                )
            ],
        ),
        (
            order(item=lines({"item": {"id": "9999"}, "quantity": 1})),
            [
                (
                    "item.items[0].item",
                    PREFIX + "You have entered an Invalid Field Value 9999 for the following field: item",
                )
            ],
        ),
        (
            order(item=lines({"item": {"id": "115"}})),
            [
                (
                    "item.items[0].item",
                    PREFIX + "You have entered an Invalid Field Value 115 for the following field: item",
                )
            ],
        ),
        (
            order(item=lines({"item": {"id": "191"}})),
            [
                (
                    "item.items[0].item",
                    PREFIX + "You have entered an Invalid Field Value 191 for the following field: item",
                )
            ],
        ),
        (
            order(item=lines({"item": {"id": "101"}, "quantity": 0})),
            [
                (
                    "item.items[0].quantity",
                    PREFIX + "You have entered an Invalid Field Value 0 for the following field: quantity",
                )
            ],
        ),
        (
            order(item=lines()),
            [("item", PREFIX + "You must enter at least one line item for this transaction.")],
        ),
        (
            order(tranDate="15/06/2026"),
            [
                (
                    "tranDate",
                    PREFIX
                    + "You have entered an Invalid Field Value 15/06/2026 for the following field: tranDate",
                )
            ],
        ),
    ],
)
async def test_invalid_orders_are_refused_with_the_offending_path(
    rest: httpx.AsyncClient, sandbox: NetSuiteSandbox, body: Body, expected: list[tuple[str, str]]
) -> None:
    response = await create(rest, body)
    assert details(response) == expected
    assert response.json()["o:errorDetails"][0]["o:errorCode"] == "INVALID_CONTENT"
    assert len(sandbox.sales_orders()) == 25


async def test_wholesale_form_requires_po_number_and_region(rest: httpx.AsyncClient) -> None:
    response = await create(rest, order(customForm={"id": "121"}))
    assert details(response) == [
        ("otherRefNum", PREFIX + "Please enter value(s) for: PO #"),
        ("custbody_region", PREFIX + "Please enter value(s) for: Region"),
    ]
    bad_region = order(customForm={"id": "121"}, otherRefNum="PO-1", custbody_region={"id": "9"})
    assert details(await create(rest, bad_region))[0][0] == "custbody_region"
    good = order(customForm={"id": "121"}, otherRefNum="PO-1", custbody_region={"id": "4"})
    assert (await create(rest, good)).status_code == 204


async def test_service_contract_form_requires_its_dates_term_and_memo(rest: httpx.AsyncClient) -> None:
    paths = [path for path, _ in details(await create(rest, order(customForm="135")))]
    assert paths == ["memo", "startDate", "endDate", "custbody_contract_term"]
    complete = order(
        customForm="135",
        memo="Annual support",
        startDate="2026-07-01",
        endDate="2027-06-30",
        custbody_contract_term=12,
    )
    assert (await create(rest, complete)).status_code == 204
    body = (await rest.get(f"{SO}/526")).json()
    assert (body["startDate"], body["custbody_contract_term"]) == ("2026-07-01", 12)


async def test_a_custom_column_is_held_on_its_line_and_a_mandatory_one_is_required(
    rest: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    contract = {
        "customForm": "135", "memo": "Support", "startDate": "2026-07-01", "endDate": "2027-06-30",
        "custbody_contract_term": 12,
    }  # fmt: skip
    noted = lines({"item": {"id": "101"}, "custcol_serial_notes": "SN-1, SN-2"}, {"item": {"id": "102"}})
    assert (await create(rest, order(**contract, item=noted), **STRICT)).status_code == 204
    items = (await rest.get(f"{SO}/526/item")).json()["items"]
    assert [i.get("custcol_serial_notes") for i in items] == ["SN-1, SN-2", None]
    # The admin makes the column mandatory on the form: every line must carry it.
    form = sandbox.account.forms["135"]
    columns = tuple(
        replace(c, mandatory=True) if c.id == "custcol_serial_notes" else c for c in form.item_fields
    )
    sandbox.account.forms["135"] = replace(form, item_fields=columns)
    assert details(await create(rest, order(**contract, item=noted))) == [
        ("item.items[1].custcol_serial_notes", ACCESS_PREFIX + "Please enter value(s) for: Serial Notes")
    ]


async def test_unknown_field_names_fail_only_when_validation_is_error(rest: httpx.AsyncClient) -> None:
    body = order(custbody_typo="x", item=lines({"item": {"id": "101"}, "quantityy": 1}))
    assert [path for path, _ in details(await create(rest, body, **STRICT))] == [
        "custbody_typo",
        "item.items[0].quantityy",
    ]
    assert (await create(rest, body)).status_code == 204


async def test_patch_approves_a_pending_order_but_not_a_billed_one(rest: httpx.AsyncClient) -> None:
    assert (await rest.patch(f"{SO}/501", json={"orderStatus": {"id": "B"}})).status_code == 204
    assert (await rest.get(f"{SO}/501")).json()["status"]["id"] == "B"
    assert details(await rest.patch(f"{SO}/507", json={"orderStatus": {"id": "B"}}))[0][0] == "orderStatus"


async def test_patch_merges_lines_by_line_number_unless_replaced(rest: httpx.AsyncClient) -> None:
    await rest.patch(f"{SO}/502", json={"item": lines({"line": 1, "quantity": 3})})
    items = (await rest.get(f"{SO}/502/item")).json()["items"]
    assert [(i["item"]["refName"], i["quantity"]) for i in items] == [("GADGET-PRO", 3.0), ("SHIP-FEE", 1.0)]
    await rest.patch(f"{SO}/502", params={"replace": "item"}, json={"item": lines({"item": {"id": "161"}})})
    items = (await rest.get(f"{SO}/502/item")).json()["items"]
    assert [i["item"]["refName"] for i in items] == ["SVC-INSTALL"]


async def test_missing_record_is_404_nonexistent_id(rest: httpx.AsyncClient) -> None:
    response = await rest.get(f"{SO}/99999")
    assert response.status_code == 404
    assert response.json()["o:errorDetails"] == [
        {"detail": "Record does not exist.", "o:errorCode": "NONEXISTENT_ID"}
    ]


async def test_customer_create_requires_a_real_subsidiary(rest: httpx.AsyncClient) -> None:
    path = "/services/rest/record/v1/customer"
    assert details(await rest.post(path, json={"companyName": "New Co"})) == [
        ("subsidiary", PREFIX + "Please enter value(s) for: Primary Subsidiary")
    ]
    assert (
        details(await rest.post(path, json={"companyName": "New Co", "subsidiary": {"id": "5"}}))[0][0]
        == "subsidiary"
    )
    person = {"isPerson": True, "firstName": "Ada", "subsidiary": {"id": "2"}}
    assert details(await rest.post(path, json=person)) == [
        ("lastName", PREFIX + "Please enter value(s) for: Last Name")
    ]
    created = await rest.post(
        path, json={"companyName": "New Co", "email": "hi@new.example", "subsidiary": {"id": "3"}}
    )
    assert created.status_code == 204
    body = (await rest.get(created.headers["location"].removeprefix(REST_BASE_URL))).json()
    assert (body["entityId"], body["currency"]["refName"], body["isPerson"]) == ("New Co", "EUR", False)


async def test_metadata_catalog_describes_sales_order_fields(rest: httpx.AsyncClient) -> None:
    response = await rest.get(
        "/services/rest/record/v1/metadata-catalog/salesOrder", headers={"Accept": "application/schema+json"}
    )
    assert response.headers["content-type"].startswith("application/schema+json")
    schema = response.json()
    assert schema["$schema"] == "https://json-schema.org/draft-06/hyper-schema#"
    props = schema["properties"]
    assert props["startDate"] == {"title": "Start Date", "type": "string", "format": "date", "nullable": True}
    assert props["custbody_region"]["x-ns-custom-field"] is True
    assert props["status"]["readOnly"] is True
    assert "rate" in props["item"]["properties"]["items"]["items"]["properties"]


async def test_select_options_list_active_choices(rest: httpx.AsyncClient) -> None:
    response = await rest.post(
        SO,
        params={"fields": "subsidiary,salesRep"},
        json={},
        headers={"Accept": "application/vnd.oracle.resource+json; type=select-options"},
    )
    body = response.json()
    subsidiaries = [o["refName"] for o in body["subsidiary"]["_selectOptions"]["items"]]
    assert "Honeycomb Elimination" not in subsidiaries
    assert len(subsidiaries) == 4
    reps = body["salesRep"]["_selectOptions"]
    assert reps["totalResults"] == 6
    assert "Farid Haddad" not in [o["refName"] for o in reps["items"]]
