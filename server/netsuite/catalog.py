"""A form description from the REST metadata catalog, for accounts without our RESTlet.

The catalog describes the salesOrder record type, not a custom form: it gives labels and types but no
per-form mandatory or displayed flags (reference §4), so every field comes out optional and displayed,
except `entity`, which NetSuite requires on every sales order whatever the form.
"""

from __future__ import annotations

from typing import Any

from server.netsuite.models import FieldOption, FormDescription, FormField

ALWAYS_MANDATORY = frozenset({"entity"})
# Body properties that are the record's plumbing or sublists, not fields a rep fills in.
SKIPPED = frozenset({"links", "id", "refName", "item", "externalId"})


def _field_type(prop: dict[str, Any]) -> tuple[str, str | None]:
    """(NetSuite Field.type, option source record) for one JSON Schema property."""
    ref = prop.get("$ref")
    if isinstance(ref, str) or prop.get("type") == "object":
        properties = prop.get("properties")
        if isinstance(properties, dict) and "id" not in properties and not ref:
            return "", None  # a subrecord (address…): not a plain field
        return "select", ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None
    kind, fmt = prop.get("type"), prop.get("format")
    if isinstance(prop.get("enum"), list):
        return "select", None
    if kind == "boolean":
        return "checkbox", None
    if kind == "integer":
        return "integer", None
    if kind == "number":
        return "float", None
    if kind == "string":
        return {"date": "date", "date-time": "datetime"}.get(str(fmt), "text"), None
    return "", None


def _fields(properties: dict[str, Any]) -> list[FormField]:
    fields = []
    for name, prop in properties.items():
        if name in SKIPPED or not isinstance(prop, dict):
            continue
        kind, source = _field_type(prop)
        if not kind:
            continue
        enum = prop.get("enum")
        options = [FieldOption(value=str(v), text=str(v)) for v in enum] if isinstance(enum, list) else None
        fields.append(
            FormField(
                id=name,
                label=str(prop.get("title") or name),
                type=kind,
                mandatory=name in ALWAYS_MANDATORY,
                read_only=bool(prop.get("readOnly", False)),
                help=None,
                options=options,
                option_source=source,
            )
        )
    return [f for f in fields if not f.read_only]


def _item_properties(schema: dict[str, Any]) -> dict[str, Any]:
    for container in ("definitions", "$defs", "components"):
        defs = schema.get(container)
        if isinstance(defs, dict):
            element = defs.get("salesOrder-itemElement")
            if isinstance(element, dict) and isinstance(element.get("properties"), dict):
                return dict(element["properties"])
    item = schema.get("properties", {}).get("item")
    if isinstance(item, dict):
        items = item.get("properties", {}).get("items", {})
        element = items.get("items") if isinstance(items, dict) else None
        if isinstance(element, dict) and isinstance(element.get("properties"), dict):
            return dict(element["properties"])
    return {}


def describe_from_schema(schema: dict[str, Any], *, form_id: str, form_name: str) -> FormDescription:
    properties = schema.get("properties")
    body = _fields(properties) if isinstance(properties, dict) else []
    body.sort(key=lambda f: not f.mandatory)  # mandatory first, catalog order otherwise
    return FormDescription(
        id=form_id,
        name=form_name,
        body_fields=body,
        item_fields=_fields(_item_properties(schema)),
        source="catalog",
    )


def rest_names(schema: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Lower-cased → REST property names for body fields and item columns.

    The RESTlet speaks SuiteScript ids (`otherrefnum`), the REST record service camelCase (`otherRefNum`);
    matching case-insensitively against the catalog is how the contract reconciles them.
    """
    properties = schema.get("properties")
    body = {name.lower(): name for name in properties} if isinstance(properties, dict) else {}
    items = {name.lower(): name for name in _item_properties(schema)}
    return body, items
