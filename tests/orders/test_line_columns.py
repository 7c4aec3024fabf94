"""Which of a form's item columns a rep fills per line, and how each line's values are checked."""

from __future__ import annotations

from decimal import Decimal

from server.orders import builder, line_columns
from server.orders.builder import LineChoice
from server.orders.matching import match_line
from server.orders.models import FormField
from tests.orders.factories import make_item, make_line

COLUMNS = (
    FormField("item", "Item", "select", mandatory=True, option_source="item"),
    FormField("quantity", "Quantity", "float", mandatory=True),
    FormField("description", "Description", "textarea"),
    FormField("custcol_serial_notes", "Serial Notes", "textarea", mandatory=True),
    FormField("custcol_hidden", "Hidden", "text", displayed=False),
    FormField("custcol_computed", "Computed", "currency", read_only=True),
    FormField("custcol_warranty_months", "Warranty (months)", "integer"),
)


def priced(line_id: str) -> builder.PricedLine:
    match = match_line(make_line(id=line_id), [make_item()])
    result, _ = builder.price_line(match, choice=None, price_source="hubspot", list_price=Decimal(25))
    return result


def test_only_custom_columns_the_rep_can_edit_are_asked_for_in_form_order() -> None:
    described = line_columns.descriptors(COLUMNS)
    assert [(d.id, d.type, d.required) for d in described] == [
        ("custcol_serial_notes", "textarea", True),
        ("custcol_warranty_months", "number", False),
    ]


def test_each_lines_values_are_checked_and_keyed_by_line_and_column() -> None:
    columns = line_columns.descriptors(COLUMNS)
    lines = [priced("L1"), priced("L2"), priced("L3")]
    choices = [
        LineChoice("L1", fields={"custcol_serial_notes": " SN-1 ", "custcol_warranty_months": 12, "x": 1}),
        LineChoice("L2", fields={"custcol_serial_notes": "SN-2", "custcol_warranty_months": 1.5}),
    ]
    checked, errors = line_columns.validate(columns, lines, choices)
    assert errors == {
        "lines.L2.custcol_warranty_months": "Warranty (months) must be a whole number.",
        "lines.L3.custcol_serial_notes": "Please enter a value for Serial Notes.",
    }
    assert checked[0].fields == {"custcol_serial_notes": "SN-1", "custcol_warranty_months": 12}


def test_a_lines_fields_must_be_an_object_of_bounded_size() -> None:
    assert line_columns.parse(None) == {}
    assert line_columns.parse(["SN"]) is None
    assert line_columns.parse({f"custcol_{n}": n for n in range(101)}) is None
    assert line_columns.parse({"custcol_a": "x", 5: "y"}) == {"custcol_a": "x"}


def test_stored_values_show_only_for_columns_the_form_still_has() -> None:
    columns = line_columns.descriptors(COLUMNS)
    choices = [LineChoice("L1", fields={"custcol_serial_notes": "SN-1", "custcol_removed": "old"})]
    [shown] = line_columns.with_stored(columns, [priced("L1")], choices)
    assert shown.fields == {"custcol_serial_notes": "SN-1"}
    errors = {"lines.L1.custcol_serial_notes": "Too long"}
    [notes, warranty] = line_columns.columns_json(columns, shown, errors)
    assert (notes["default"], notes["error"]) == ("SN-1", "Too long")
    assert (warranty["default"], warranty["error"]) == (None, None)
