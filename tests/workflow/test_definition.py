"""The action definition: the rendered component and the backend's validation agree field for field."""

from __future__ import annotations

from typing import Any

import pytest

from server.errors import ValidationFailedError
from server.workflow.definition import (
    FIELDS,
    OUTPUTS,
    parse_additional_fields,
    render_component,
    validate_inputs,
)

BASE = "https://salesorders.test"


def minimal(**overrides: Any) -> dict[str, Any]:
    return {"netsuite_account": "c-1", "price_source": "hubspot", "customer_source": "company", **overrides}


def component_fields() -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = render_component(BASE)["config"]["inputFields"]
    return fields


def test_component_has_the_hsmeta_shape_for_deals() -> None:
    component = render_component(BASE + "/")
    config = component["config"]
    assert component["type"] == "workflow-action"
    assert config["actionUrl"] == f"{BASE}/workflow/v1/actions/create-sales-order"
    assert config["supportedClients"] == [{"client": "WORKFLOWS"}]
    assert config["objectTypes"] == ["DEAL"]
    labels = config["labels"]["en"]
    assert labels["actionName"] == "Create a NetSuite sales order"
    names = {f["typeDefinition"]["name"] for f in config["inputFields"]}
    assert set(labels["inputFieldLabels"]) == names == set(labels["inputFieldDescriptions"])
    assert [o["typeDefinition"]["name"] for o in config["outputFields"]] == [
        "sales_order_id", "sales_order_number", "sales_order_url", "sales_order_status", "error_message",
    ]  # fmt: skip
    assert set(labels["outputFieldLabels"]) == {o.name for o in OUTPUTS}


def test_dynamic_fields_point_at_our_options_endpoint_and_depend_on_the_account() -> None:
    config = render_component(BASE)["config"]
    urls = {
        f["typeDefinition"]["name"]: f["typeDefinition"]["optionsUrl"]
        for f in config["inputFields"]
        if "optionsUrl" in f["typeDefinition"]
    }
    assert urls == {
        name: f"{BASE}/workflow/v1/options/{name}"
        for name in ("netsuite_account", "subsidiary", "custom_form", "attachment_folder")
    }
    assert config["inputFieldDependencies"] == [
        {
            "dependencyType": "SINGLE_FIELD",
            "controllingFieldName": "netsuite_account",
            "dependentFieldNames": ["subsidiary", "custom_form", "attachment_folder"],
        }
    ]


def test_text_fields_accept_deal_properties_and_earlier_outputs() -> None:
    types = {f["typeDefinition"]["name"]: f["supportedValueTypes"] for f in component_fields()}
    for name in ("memo", "po_number", "additional_fields"):
        assert types[name] == ["STATIC_VALUE", "OBJECT_PROPERTY", "FIELD_DATA"]
    assert types["netsuite_account"] == ["STATIC_VALUE"]


@pytest.mark.parametrize("name", [f["typeDefinition"]["name"] for f in component_fields() if f["isRequired"]])
def test_every_required_field_of_the_component_is_enforced(name: str) -> None:
    for missing in (None, "", "   "):
        raw = minimal()
        if missing is None:
            del raw[name]
        else:
            raw[name] = missing
        with pytest.raises(ValidationFailedError) as caught:
            validate_inputs(raw)
        assert set(caught.value.fields) == {name}
        assert "required" in caught.value.fields[name]


def test_the_component_requires_exactly_the_fields_minimal_inputs_give() -> None:
    required = {f["typeDefinition"]["name"] for f in component_fields() if f["isRequired"]}
    assert required == set(minimal())


def test_every_static_option_of_the_component_is_accepted() -> None:
    checked = 0
    for spec in component_fields():
        for option in spec["typeDefinition"].get("options", []):
            name = spec["typeDefinition"]["name"]
            inputs = validate_inputs(minimal(**{name: option["value"]})).to_json()
            assert inputs[name] == option["value"]
            checked += 1
    assert checked == 6


def test_a_value_outside_the_options_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(ValidationFailedError) as caught:
        validate_inputs(minimal(price_source="cheapest", order_status="Z"))
    assert set(caught.value.fields) == {"price_source", "order_status"}
    assert "hubspot (HubSpot line item price)" in caught.value.fields["price_source"]
    assert "cheapest" in caught.value.message


def test_booleans_accept_hubspot_strings_and_default_when_absent() -> None:
    defaults = validate_inputs(minimal())
    assert (defaults.skip_if_linked, defaults.create_customer, defaults.include_attachments) == (
        True, False, False,
    )  # fmt: skip
    off = validate_inputs(minimal(skip_if_linked="false", create_customer="true"))
    assert (off.skip_if_linked, off.create_customer) == (False, True)
    with pytest.raises(ValidationFailedError) as caught:
        validate_inputs(minimal(skip_if_linked="maybe"))
    assert "true or false" in caught.value.fields["skip_if_linked"]


def test_attachments_need_a_folder() -> None:
    with pytest.raises(ValidationFailedError) as caught:
        validate_inputs(minimal(include_attachments=True))
    assert set(caught.value.fields) == {"attachment_folder"}
    inputs = validate_inputs(minimal(include_attachments="true", attachment_folder="-15"))
    assert (inputs.include_attachments, inputs.folder_id) == (True, "-15")


def test_stored_inputs_read_back_to_the_same_inputs() -> None:
    inputs = validate_inputs(
        minimal(subsidiary="3", custom_form="128", memo=" Rush ", po_number="PO-77", order_status="B",
                additional_fields="custbody_region=West")
    )  # fmt: skip
    assert inputs.memo == "Rush"
    assert validate_inputs(inputs.to_json()) == inputs


def test_additional_fields_lines_skip_comments_and_blank_lines() -> None:
    text = "# region first\ncustbody_region = West\n\nshipDate=2026-12-01\ncustbody_note=a=b\n"
    assert parse_additional_fields(text) == {
        "custbody_region": "West", "shipDate": "2026-12-01", "custbody_note": "a=b",
    }  # fmt: skip


def test_additional_fields_as_json_object() -> None:
    assert parse_additional_fields('{"custbody_priority": 3, "custbody_rush": true}') == {
        "custbody_priority": "3", "custbody_rush": "true",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("custbody_region West", "Line 1"),
        ("ok=1\n9bad=2", "not a NetSuite field id"),
        ("entity=42", "sets entity itself"),
        ("a=1\na=2", "appears twice"),
        ('{"a": [1]}', "must be text"),
        ("{not json", "not valid"),
        ("[1, 2]", "Line 1"),
    ],
)
def test_additional_fields_errors_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(ValidationFailedError) as caught:
        validate_inputs(minimal(additional_fields=text))
    assert message in caught.value.fields["additional_fields"]


def test_definition_names_are_unique() -> None:
    names = [spec.name for spec in FIELDS]
    assert len(names) == len(set(names))
