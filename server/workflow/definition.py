"""The workflow action "Create a NetSuite sales order": its one definition, rendered for HubSpot and
enforced on every execution.

The same `FIELDS` tuple renders the `workflow-action` project component (platform 2026.03) and validates
the `inputFields` HubSpot sends, so a field the component marks required is one the backend requires,
and an option the component offers is one the backend accepts.

Value types (HubSpot's `supportedValueTypes`): `STATIC_VALUE` is typed by the workflow's author,
`OBJECT_PROPERTY` is a property of the enrolled deal and `FIELD_DATA` an output of an earlier action.
HubSpot resolves all three before it calls the action URL: the execution request carries plain values.

`additional_fields` holds extra NetSuite body fields, one per line as `fieldId=value`
(`custbody_region=West`); blank lines and lines starting with `#` are skipped. A JSON object
(`{"custbody_region": "West"}`) is accepted too, so a deal property or an earlier action's output can
hold the whole mapping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from server.errors import ValidationFailedError

ValueType = Literal["STATIC_VALUE", "OBJECT_PROPERTY", "FIELD_DATA"]
FieldKind = Literal["string", "enumeration", "bool"]
PriceSource = Literal["hubspot", "netsuite"]
CustomerSource = Literal["contact", "company"]
OrderStatus = Literal["A", "B"]

ACTION_UID = "create_netsuite_sales_order"
ACTION_NAME = "Create a NetSuite sales order"
EXECUTE_PATH = "/workflow/v1/actions/create-sales-order"
OPTIONS_PATH = "/workflow/v1/options/{field}"
# How long HubSpot keeps the enrolment blocked waiting for our callback (ISO-8601 duration).
EXPIRATION = "P1D"
MAX_TEXT = 4000
STATIC: tuple[ValueType, ...] = ("STATIC_VALUE",)
ANY_VALUE: tuple[ValueType, ...] = ("STATIC_VALUE", "OBJECT_PROPERTY", "FIELD_DATA")
# Body fields the action sets itself; an additional field may not override them.
RESERVED_FIELDS = frozenset(
    {"entity", "subsidiary", "customform", "item", "externalid", "orderstatus", "currency", "id"}
)
FIELD_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,99}$")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class InputField:
    """One input of the action: how HubSpot renders it and how the backend reads it."""

    name: str
    kind: FieldKind
    field_type: str
    label: str
    description: str
    required: bool = False
    value_types: tuple[ValueType, ...] = STATIC
    options: tuple[Option, ...] = ()
    # Options fetched from our optionsUrl instead of listed here (NetSuite data of the chosen account).
    dynamic_options: bool = False
    depends_on: str | None = None
    default: str | bool | None = None


@dataclass(frozen=True)
class OutputField:
    name: str
    label: str


FIELDS: tuple[InputField, ...] = (
    InputField(
        "netsuite_account", "enumeration", "select", "NetSuite account",
        "The connected NetSuite account the order is created in.",
        required=True, dynamic_options=True,
    ),
    InputField(
        "subsidiary", "enumeration", "select", "Subsidiary",
        "The NetSuite subsidiary of the order. Empty: the account's default, else the customer's.",
        dynamic_options=True, depends_on="netsuite_account",
    ),
    InputField(
        "custom_form", "enumeration", "select", "Sales order form",
        "The NetSuite custom form the order uses. Empty: the account's default form.",
        dynamic_options=True, depends_on="netsuite_account",
    ),
    InputField(
        "price_source", "enumeration", "select", "Item prices",
        "Where each line's rate comes from.",
        required=True,
        options=(
            Option("hubspot", "HubSpot line item price", "The deal's line item price, after discount."),
            Option("netsuite", "NetSuite item price", "The item's base price in NetSuite."),
        ),
    ),
    InputField(
        "customer_source", "enumeration", "select", "Customer from",
        "Which associated record of the deal identifies the NetSuite customer.",
        required=True,
        options=(
            Option("company", "First associated company"),
            Option("contact", "First associated contact"),
        ),
    ),
    InputField(
        "create_customer", "bool", "booleancheckbox", "Create the customer if none matches",
        "When no NetSuite customer matches, create one from the HubSpot record (otherwise the action fails).",
        default=False,
    ),
    InputField(
        "include_attachments", "bool", "booleancheckbox", "Attach the deal's files",
        "Upload the files attached to the deal's notes to the NetSuite File Cabinet and attach them.",
        default=False,
    ),
    InputField(
        "attachment_folder", "enumeration", "select", "File Cabinet folder",
        "Where attached files are stored in NetSuite. Required when files are attached.",
        dynamic_options=True, depends_on="netsuite_account",
    ),
    InputField(
        "order_status", "enumeration", "select", "Order status",
        "The status the order is created with. Empty: NetSuite's default for the form.",
        options=(Option("A", "Pending Approval"), Option("B", "Pending Fulfillment")),
    ),
    InputField(
        "skip_if_linked", "bool", "booleancheckbox", "Skip deals that already have a sales order",
        "When the deal already has a linked NetSuite sales order, finish with that order instead of "
        "creating another. On unless turned off.",
        default=True,
    ),
    InputField(
        "memo", "string", "text", "Memo", "The order's memo.", value_types=ANY_VALUE,
    ),
    InputField(
        "po_number", "string", "text", "PO number",
        "The customer's purchase order number (NetSuite's otherRefNum).", value_types=ANY_VALUE,
    ),
    InputField(
        "additional_fields", "string", "textarea", "Additional NetSuite fields",
        "One NetSuite body field per line as fieldId=value, e.g. custbody_region=West "
        "(select fields take the internal id). A JSON object works too.",
        value_types=ANY_VALUE,
    ),
)  # fmt: skip

OUTPUTS: tuple[OutputField, ...] = (
    OutputField("sales_order_id", "Sales order internal ID"),
    OutputField("sales_order_number", "Sales order number"),
    OutputField("sales_order_url", "Sales order link"),
    OutputField("sales_order_status", "Sales order status"),
    OutputField("error_message", "Error message"),
)

BY_NAME: Mapping[str, InputField] = {f.name: f for f in FIELDS}
OPTION_FIELDS = frozenset(f.name for f in FIELDS if f.dynamic_options)


def _type_definition(spec: InputField, base_url: str) -> dict[str, Any]:
    typedef: dict[str, Any] = {"name": spec.name, "type": spec.kind, "fieldType": spec.field_type}
    if spec.options:
        typedef["options"] = [
            {k: v for k, v in (("value", o.value), ("label", o.label), ("description", o.description)) if v}
            | {"displayOrder": i}
            for i, o in enumerate(spec.options)
        ]
    if spec.dynamic_options:
        typedef["optionsUrl"] = base_url + OPTIONS_PATH.format(field=spec.name)
    return typedef


def render_component(base_url: str, *, published: bool = True) -> dict[str, Any]:
    """The `*-hsmeta.json` workflow-action component for a deployment at `base_url`."""
    base = base_url.rstrip("/")
    dependencies: dict[str, list[str]] = {}
    for spec in FIELDS:
        if spec.depends_on:
            dependencies.setdefault(spec.depends_on, []).append(spec.name)
    config: dict[str, Any] = {
        "actionUrl": base + EXECUTE_PATH,
        "isPublished": published,
        "supportedClients": [{"client": "WORKFLOWS"}],
        "inputFields": [
            {
                "typeDefinition": _type_definition(spec, base),
                "supportedValueTypes": list(spec.value_types),
                "isRequired": spec.required,
            }
            for spec in FIELDS
        ],
        # SINGLE_FIELD: the dependent fields stay greyed out until the account is chosen.
        "inputFieldDependencies": [
            {"dependencyType": "SINGLE_FIELD", "controllingFieldName": name, "dependentFieldNames": names}
            for name, names in dependencies.items()
        ],
        "outputFields": [
            {"typeDefinition": {"name": out.name, "type": "string", "fieldType": "text"}} for out in OUTPUTS
        ],
        "objectTypes": ["DEAL"],
        "labels": {
            "en": {
                "actionName": ACTION_NAME,
                "actionDescription": (
                    "Creates a NetSuite sales order from the deal and its line items, matched to NetSuite "
                    "items by SKU, for the deal's first associated company or contact. Runs at most once "
                    "per enrolment."
                ),
                "actionCardContent": "Create a NetSuite sales order ({{price_source}} prices)",
                "inputFieldLabels": {spec.name: spec.label for spec in FIELDS},
                "inputFieldDescriptions": {spec.name: spec.description for spec in FIELDS},
                "outputFieldLabels": {out.name: out.label for out in OUTPUTS},
            }
        },
    }
    return {"uid": ACTION_UID, "type": "workflow-action", "config": config}


@dataclass(frozen=True)
class WorkflowInputs:
    """An execution's inputs, checked: what the executor builds the order from."""

    connection_id: str
    price_source: PriceSource
    customer_source: CustomerSource
    subsidiary_id: str | None = None
    form_id: str | None = None
    create_customer: bool = False
    include_attachments: bool = False
    folder_id: str | None = None
    order_status: OrderStatus | None = None
    skip_if_linked: bool = True
    memo: str | None = None
    po_number: str | None = None
    additional_fields: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stored form: the same names HubSpot uses, so `validate_inputs` reads it back."""
        values = {
            "netsuite_account": self.connection_id,
            "subsidiary": self.subsidiary_id,
            "custom_form": self.form_id,
            "price_source": self.price_source,
            "customer_source": self.customer_source,
            "create_customer": self.create_customer,
            "include_attachments": self.include_attachments,
            "attachment_folder": self.folder_id,
            "order_status": self.order_status,
            "skip_if_linked": self.skip_if_linked,
            "memo": self.memo,
            "po_number": self.po_number,
            "additional_fields": dict(self.additional_fields) or None,
        }
        return {key: value for key, value in values.items() if value is not None}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(spec: InputField, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"{spec.label} must be text.")
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"{spec.label} is longer than {MAX_TEXT} characters.")
    return text


def _as_bool(spec: InputField, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off"):
        return False
    raise ValueError(f"{spec.label} must be true or false, not {str(value)[:40]!r}.")


def _as_option(spec: InputField, value: object) -> str:
    text = _as_text(spec, value)
    if spec.options and text not in {o.value for o in spec.options}:
        allowed = ", ".join(f"{o.value} ({o.label})" for o in spec.options)
        raise ValueError(f"{spec.label} must be one of {allowed}, not {text[:40]!r}.")
    return text


def parse_additional_fields(value: object) -> dict[str, str]:
    """`fieldId=value` lines (or a JSON object) as a mapping; raises ValueError naming the bad line."""
    if isinstance(value, Mapping):
        pairs = [(str(k), v) for k, v in value.items()]
    else:
        text = str(value).strip()
        if text.startswith("{"):
            try:
                loaded = json.loads(text)
            except (ValueError, RecursionError):
                raise ValueError("Additional NetSuite fields look like JSON but are not valid.") from None
            if not isinstance(loaded, dict):
                raise ValueError("Additional NetSuite fields must be a JSON object.")
            pairs = [(str(k), v) for k, v in loaded.items()]
        else:
            pairs = []
            for number, raw in enumerate(text.splitlines(), start=1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                if "=" not in line:
                    raise ValueError(f"Line {number} of the additional NetSuite fields is not fieldId=value.")
                key, _, rest = line.partition("=")
                pairs.append((key.strip(), rest.strip()))
    fields: dict[str, str] = {}
    for key, raw_value in pairs:
        if not FIELD_ID.match(key):
            raise ValueError(f"{key[:40]!r} is not a NetSuite field id (like custbody_region).")
        if key.lower() in RESERVED_FIELDS:
            raise ValueError(f"The action sets {key} itself; remove it from the additional NetSuite fields.")
        if key in fields:
            raise ValueError(f"{key} appears twice in the additional NetSuite fields.")
        if isinstance(raw_value, dict | list) or raw_value is None:
            raise ValueError(f"The value of {key} must be text, a number or true/false.")
        fields[key] = str(raw_value).lower() if isinstance(raw_value, bool) else str(raw_value)
    return fields


Reader = Callable[[InputField, object], object]
READERS: Mapping[FieldKind, Reader] = {"string": _as_text, "bool": _as_bool, "enumeration": _as_option}


def validate_inputs(raw: Mapping[str, Any]) -> WorkflowInputs:
    """Check HubSpot's `inputFields`; raises ValidationFailedError with one message per bad field."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for spec in FIELDS:
        value = raw.get(spec.name)
        if _blank(value):
            if spec.required:
                errors[spec.name] = f"{spec.label} is required."
            else:
                values[spec.name] = spec.default
            continue
        try:
            if spec.name == "additional_fields":
                values[spec.name] = parse_additional_fields(value)
            else:
                values[spec.name] = READERS[spec.kind](spec, value)
        except ValueError as exc:
            errors[spec.name] = str(exc)
    if values.get("include_attachments") is True and not values.get("attachment_folder"):
        errors["attachment_folder"] = "Choose a File Cabinet folder, or turn off attaching the deal's files."
    if errors:
        summary = "; ".join(errors.values())
        raise ValidationFailedError(f"The action's settings are not valid: {summary}", fields=errors)
    return WorkflowInputs(
        connection_id=str(values["netsuite_account"]),
        subsidiary_id=_opt(values["subsidiary"]),
        form_id=_opt(values["custom_form"]),
        # The readers checked these against the definition's options.
        price_source=cast(PriceSource, values["price_source"]),
        customer_source=cast(CustomerSource, values["customer_source"]),
        create_customer=bool(values["create_customer"]),
        include_attachments=bool(values["include_attachments"]),
        folder_id=_opt(values["attachment_folder"]),
        order_status=cast("OrderStatus | None", _opt(values["order_status"])),
        skip_if_linked=bool(values["skip_if_linked"]),
        memo=_opt(values["memo"]),
        po_number=_opt(values["po_number"]),
        additional_fields=cast("dict[str, str]", values["additional_fields"] or {}),
    )


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
