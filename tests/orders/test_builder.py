"""The salesOrder body and the Review summary, with Decimal math."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from server.orders import builder, fields
from server.orders.builder import LineChoice, Named
from server.orders.matching import match_line
from server.orders.models import FormField, Option
from tests.orders.factories import make_item, make_line


def priced(
    line_kw: dict[str, object] | None = None,
    *,
    choice: LineChoice | None = None,
    source: builder.PriceSource = "hubspot",
    list_price: Decimal | None = Decimal("25"),
) -> builder.PricedLine:
    line = make_line(**(line_kw or {}))
    match = match_line(line, [make_item()])
    result, _ = builder.price_line(match, choice=choice, price_source=source, list_price=list_price)
    return result


def test_hubspot_price_minus_per_unit_discount_is_the_rate() -> None:
    p = priced({"price": Decimal("10.50"), "discount_amount": Decimal("0.50"), "quantity": Decimal(3)})
    assert (p.rate, p.gross, p.discount, p.amount) == (
        Decimal("10.00"),
        Decimal("31.50"),
        Decimal("1.50"),
        Decimal("30.00"),
    )


def test_percentage_discount_uses_decimal_math() -> None:
    p = priced({"price": Decimal("0.10"), "discount_percent": Decimal("33.3333"), "quantity": Decimal(3)})
    assert p.rate == Decimal("0.10") - Decimal("0.10") * Decimal("33.3333") / 100
    assert p.amount == Decimal("0.20")  # 3 × 0.0666667 = 0.2000001 → 0.20, half-up
    assert (Decimal("0.1") * 3) == Decimal("0.3")  # the float trap 0.1*3 != 0.3 does not apply


def test_rep_rate_overrides_price_and_discount() -> None:
    p = priced(
        {"discount_amount": Decimal(1)}, choice=LineChoice("L1", rate=Decimal("7.25"), quantity=Decimal(4))
    )
    assert (p.rate, p.discount, p.amount, p.quantity) == (
        Decimal("7.25"),
        Decimal(0),
        Decimal("29.00"),
        Decimal(4),
    )


def test_netsuite_price_source_sends_no_rate_and_warns_about_hubspot_discount() -> None:
    line = make_line(discount_amount=Decimal(1))
    p, warnings = builder.price_line(
        match_line(line, [make_item()]), choice=None, price_source="netsuite", list_price=Decimal(25)
    )
    assert p.rate is None
    assert p.amount == Decimal("50.00")
    assert warnings == ["The HubSpot discount on Widget is not applied: prices come from NetSuite."]


def test_missing_hubspot_price_falls_back_to_netsuite_with_a_warning() -> None:
    p, warnings = builder.price_line(
        match_line(make_line(price=None), [make_item()]),
        choice=None,
        price_source="hubspot",
        list_price=Decimal(25),
    )
    assert p.rate is None
    assert warnings == ["Widget has no price in HubSpot; NetSuite's price is used."]


REGION = fields.describe(
    FormField("custbody_region", "Region", "select", mandatory=True, options=(Option("1", "West"),))
)
REP = fields.describe(
    FormField("salesRep", "Sales Rep", "select", option_source="employee"), options_endpoint="/x"
)
TAGS = fields.describe(
    FormField("custbody_tags", "Tags", "multiselect", options=(Option("a", "A"), Option("b", "B")))
)
PO = fields.describe(FormField("otherRefNum", "PO #", "text"))
RUSH = fields.describe(FormField("custbody_rush", "Rush", "checkbox"))
AMOUNT = fields.describe(FormField("amount", "Amount", "currency", read_only=True))


def test_body_is_exactly_what_netsuite_expects() -> None:
    lines = [
        priced({"discount_amount": Decimal("0.50")}),
        priced({"id": "L2", "name": "Widget 2"}, source="netsuite"),
    ]
    body = builder.build_sales_order(
        external_id="hs-1-abc",
        customer_id="201",
        subsidiary_id="1",
        form_id="121",
        currency_id="1",
        descriptors=[REGION, REP, TAGS, PO, RUSH, AMOUNT],
        values={
            "custbody_region": "1",
            "salesRep": "301",
            "custbody_tags": ["a", "b"],
            "otherRefNum": "PO-7",
            "custbody_rush": True,
            "amount": 5,
        },
        lines=lines,
    )
    assert body == {
        "externalId": "hs-1-abc",
        "entity": {"id": "201"},
        "subsidiary": {"id": "1"},
        "customForm": {"id": "121"},
        "currency": {"id": "1"},
        "custbody_region": {"id": "1"},
        "salesRep": {"id": "301"},
        "custbody_tags": {"items": [{"id": "a"}, {"id": "b"}]},
        "otherRefNum": "PO-7",
        "custbody_rush": True,
        "item": {
            "items": [
                {
                    "item": {"id": "101"},
                    "quantity": 2,
                    "rate": 10,
                    "price": {"id": "-1"},
                    "description": "Widget",
                },
                {"item": {"id": "101"}, "quantity": 2, "description": "Widget 2"},
            ]
        },
    }


def test_review_summary_totals_are_decimal_text() -> None:
    lines = [
        priced({"price": Decimal("19.99"), "quantity": Decimal(3), "discount_amount": Decimal("1.99")}),
        priced({"id": "L2", "price": Decimal("0.10"), "quantity": Decimal(3)}),
    ]
    summary = builder.review_summary(
        customer=Named("201", "Acme Corp"),
        subsidiary=Named("1", "HQ"),
        form=Named("68", "Standard"),
        currency="USD",
        lines=lines,
        descriptors=[REGION, RUSH],
        values={"custbody_region": "1", "custbody_rush": False},
        attachments=[{"name": "q.pdf", "size": 10, "status": "will_attach"}],
        warnings=["w"],
    )
    assert (summary["subtotal"], summary["discount"], summary["total"]) == ("60.27", "5.97", "54.30")
    assert summary["lines"][0] == {
        "item": "WIDGET-1 – Widget, standard",
        "description": "Widget",
        "quantity": 3,
        "rate": "18.00",
        "amount": "54.00",
        "fields": [],
    }
    assert summary["fields"] == [
        {"id": "custbody_region", "label": "Region", "value": "West"},
        {"id": "custbody_rush", "label": "Rush", "value": "No"},
    ]
    assert summary["warnings"][0] == "w"
    assert "Tax and shipping" in summary["warnings"][-1]


def test_number_text_helpers() -> None:
    assert builder.quantity_text(Decimal("10")) == "10"
    assert builder.quantity_text(Decimal("2.50")) == "2.5"
    assert builder.rate_text(Decimal("10.5")) == "10.50"
    assert builder.rate_text(Decimal("0.12345")) == "0.12345"
    assert builder.json_number(Decimal("10.00")) == 10


SERIAL = fields.describe(FormField("custcol_serial_notes", "Serial Notes", "textarea"))
SHIFT = fields.describe(
    FormField("custcol_shift", "Shift", "select", options=(Option("1", "Day"), Option("2", "Night")))
)


def test_custom_column_values_go_on_their_line_and_show_on_review() -> None:
    noted = replace(priced(), fields={"custcol_serial_notes": "SN-1", "custcol_shift": "2"})
    lines = [noted, priced({"id": "L2", "name": "Widget 2"})]
    body = builder.build_sales_order(
        external_id="hs-1-abc", customer_id="201", subsidiary_id="1", form_id="135", currency_id=None,
        descriptors=[], values={}, lines=lines, columns=[SERIAL, SHIFT],
    )  # fmt: skip
    first, second = body["item"]["items"]
    assert (first["custcol_serial_notes"], first["custcol_shift"]) == ("SN-1", {"id": "2"})
    assert not {"custcol_serial_notes", "custcol_shift"} & second.keys()
    summary = builder.review_summary(
        customer=Named("201", "Acme Corp"), subsidiary=Named("1", "HQ"), form=Named("135", "Service"),
        currency="USD", lines=lines, descriptors=[], values={}, attachments=[], warnings=[],
        columns=[SERIAL, SHIFT],
    )  # fmt: skip
    assert [line["fields"] for line in summary["lines"]] == [
        [
            {"id": "custcol_serial_notes", "label": "Serial Notes", "value": "SN-1"},
            {"id": "custcol_shift", "label": "Shift", "value": "Night"},
        ],
        [],
    ]
