"""Field descriptors from NetSuite metadata, and validation of what a rep submits."""

from __future__ import annotations

import pytest

from server.orders import fields
from server.orders.models import FormField, Option


def make_field(**overrides: object) -> FormField:
    base: dict[str, object] = {"id": "custbody_x", "label": "X", "type": "text"}
    base.update(overrides)
    return FormField(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("netsuite_type", "expected"),
    [
        ("text", "text"),
        ("email", "text"),
        ("phone", "text"),
        ("url", "text"),
        ("timeofday", "text"),
        ("datetime", "text"),
        ("textarea", "textarea"),
        ("longtext", "textarea"),
        ("richtext", "textarea"),
        ("integer", "number"),
        ("float", "number"),
        ("percent", "number"),
        ("currency", "currency"),
        ("date", "date"),
        ("checkbox", "checkbox"),
        ("select", "select"),
        ("multiselect", "multiselect"),
        ("SomethingNew", "text"),
    ],
)
def test_every_netsuite_type_maps_to_a_card_type(netsuite_type: str, expected: str) -> None:
    options = (Option("1", "West"),) if netsuite_type in ("select", "multiselect") else None
    assert fields.describe(make_field(type=netsuite_type, options=options)).type == expected


def test_truncated_options_become_a_searchable_select_with_an_endpoint() -> None:
    field = make_field(
        type="select", options=(Option("1", "A"),), options_truncated=True, option_source="employee"
    )
    d = fields.describe(field, options_endpoint="/api/v1/drafts/d1/options/salesRep")
    assert d.type == "searchable_select"
    assert d.options is None
    assert d.options_endpoint == "/api/v1/drafts/d1/options/salesRep"


def test_a_select_with_only_an_option_source_is_searchable() -> None:
    d = fields.describe(
        make_field(type="select", options=None, option_source="customer"), options_endpoint="/x"
    )
    assert (d.type, d.options_endpoint) == ("searchable_select", "/x")


def test_read_only_mandatory_field_is_not_required() -> None:
    d = fields.describe(make_field(mandatory=True, read_only=True))
    assert d.read_only
    assert not d.required


def test_body_fields_put_mandatory_first_skip_hidden_and_own_fields() -> None:
    form = [
        make_field(id="memo", label="Memo"),
        make_field(id="entity", label="Customer", mandatory=True),
        make_field(id="custbody_hidden", label="Hidden", displayed=False),
        make_field(
            id="custbody_hidden_required", label="Hidden but required", displayed=False, mandatory=True
        ),
        make_field(id="otherRefNum", label="PO #", mandatory=True),
    ]
    described = fields.body_descriptors(form, skip=frozenset({"entity"}), endpoint_for={})
    assert [d.id for d in described] == ["custbody_hidden_required", "otherRefNum", "memo"]


def test_to_json_has_the_contract_keys() -> None:
    d = fields.describe(make_field(type="select", options=(Option("1", "West"),), mandatory=True, help="h"))
    assert d.to_json() == {
        "id": "custbody_x",
        "label": "X",
        "type": "select",
        "required": True,
        "readOnly": False,
        "options": [{"value": "1", "label": "West"}],
        "optionsEndpoint": None,
        "default": None,
        "help": "h",
        "error": None,
        "placeholder": None,
    }


def one(netsuite_type: str, value: object, **overrides: object) -> tuple[dict[str, object], dict[str, str]]:
    d = fields.describe(make_field(type=netsuite_type, **overrides))
    clean, errors = fields.validate([d], {"custbody_x": value})
    return dict(clean), errors


def test_missing_mandatory_value_names_the_field() -> None:
    for empty in (None, "", "   "):
        _, errors = one("text", empty, mandatory=True, label="Region")
        assert errors == {"custbody_x": "Please enter a value for Region."}


def test_optional_empty_value_is_left_out() -> None:
    assert one("text", "") == ({}, {})


def test_text_is_trimmed_and_bounded() -> None:
    assert one("text", "  PO-1  ")[0] == {"custbody_x": "PO-1"}
    assert "at most 300" in one("text", "x" * 301)[1]["custbody_x"]
    assert "single line" in one("text", "a\nb")[1]["custbody_x"]
    assert one("textarea", "a\nb")[0] == {"custbody_x": "a\nb"}
    assert "at most 4000" in one("textarea", "x" * 4001)[1]["custbody_x"]
    assert "must be text" in one("text", 12)[1]["custbody_x"]


def test_email_url_and_time_formats_are_checked() -> None:
    assert "email address" in one("email", "not-an-email")[1]["custbody_x"]
    assert one("email", "a@b.example")[0] == {"custbody_x": "a@b.example"}
    assert "https://" in one("url", "ftp://x")[1]["custbody_x"]
    assert "14:30" in one("timeofday", "25:00")[1]["custbody_x"]


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-inf", float("nan"), float("inf"), "abc", True, [1]])
def test_numbers_must_be_finite(bad: object) -> None:
    assert "must be a number" in one("float", bad)[1]["custbody_x"]


def test_integer_and_currency_rules() -> None:
    assert one("integer", 12)[0] == {"custbody_x": 12}
    assert one("integer", "12")[0] == {"custbody_x": 12}
    assert "whole number" in one("integer", 1.5)[1]["custbody_x"]
    assert one("currency", 10.5)[0] == {"custbody_x": 10.5}
    assert "2 decimals" in one("currency", "10.555")[1]["custbody_x"]
    assert "too large" in one("float", 1e16)[1]["custbody_x"]
    assert "between -100 and 100" in one("percent", 150)[1]["custbody_x"]


def test_dates_must_be_real() -> None:
    assert one("date", "2026-02-28")[0] == {"custbody_x": "2026-02-28"}
    assert "not a real date" in one("date", "2026-02-30")[1]["custbody_x"]
    assert "YYYY-MM-DD" in one("date", "28/02/2026")[1]["custbody_x"]
    assert "between 1900" in one("date", "1800-01-01")[1]["custbody_x"]


def test_checkbox_is_a_boolean_and_a_mandatory_one_must_be_ticked() -> None:
    assert one("checkbox", False)[0] == {"custbody_x": False}
    assert "ticked" in one("checkbox", "yes")[1]["custbody_x"]
    assert one("checkbox", False, mandatory=True)[1] == {"custbody_x": "Please enter a value for X."}


def test_select_accepts_only_listed_options() -> None:
    opts = (Option("1", "West"), Option("2", "East"))
    assert one("select", "2", options=opts)[0] == {"custbody_x": "2"}
    assert "not one of the choices" in one("select", "9", options=opts)[1]["custbody_x"]


def test_searchable_select_accepts_internal_ids_only() -> None:
    kw = {"options": None, "option_source": "employee"}
    assert one("select", "301", **kw)[0] == {"custbody_x": "301"}
    assert "from the list" in one("select", "'; DROP TABLE", **kw)[1]["custbody_x"]


def test_multiselect_checks_each_value_and_drops_duplicates() -> None:
    opts = (Option("1", "A"), Option("2", "B"))
    assert one("multiselect", ["1", "2", "1"], options=opts)[0] == {"custbody_x": ["1", "2"]}
    assert "not one of the choices" in one("multiselect", ["3"], options=opts)[1]["custbody_x"]
    assert "list of choices" in one("multiselect", "1", options=opts)[1]["custbody_x"]


def test_read_only_and_unknown_values_never_pass() -> None:
    ro = fields.describe(make_field(id="amount", read_only=True))
    clean, errors = fields.validate([ro], {"amount": "5", "custbody_evil": "x"})
    assert clean == {}
    assert errors == {}
