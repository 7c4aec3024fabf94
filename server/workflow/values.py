"""The action's text inputs (memo, PO number, order status, additional fields) as typed body values of
the chosen form, checked by the same field validation the card's Order tab uses.

HubSpot hands every input over as text; here it becomes what the form's field takes: a checkbox from
true/false, a date from YYYY-MM-DD, a select from its internal id or its label, a multiselect from `;`- or
`,`-separated values.

Dates may also arrive as a date *and time*: a date property as epoch milliseconds, a datetime property
as ISO 8601 (`2026-12-15T17:00:00Z`, with milliseconds or an offset). Which format HubSpot sends for an
OBJECT_PROPERTY input is UNCONFIRMED, so both are read. The order gets the day of that instant in UTC:
HubSpot keeps datetimes as UTC instants and date properties as midnight UTC, and we know no time zone of
the workflow's owner that would be more right. A time without an offset is taken as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from server.orders.fields import FieldDescriptor, Value, describe, validate
from server.orders.models import FormDescription, FormField, Option
from server.workflow.definition import WorkflowInputs
from server.workflow.failures import ActionFailed

TRUE = frozenset({"true", "yes", "1", "t", "y", "on"})
FALSE = frozenset({"false", "no", "0", "f", "n", "off"})
# [0-9], not \d: \d matches every script's digits.
DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EPOCH_MS = re.compile(r"[0-9]{12,13}")  # 1973–2286; shorter is a typo, not milliseconds
# Standard body fields the action's own inputs fill, described for forms we know nothing about.
STANDARD = {
    "memo": FormField("memo", "Memo", "text"),
    "otherRefNum": FormField("otherRefNum", "PO #", "text"),
    "orderStatus": FormField(
        "orderStatus", "Order status", "select",
        options=(Option("A", "Pending Approval"), Option("B", "Pending Fulfillment")),
    ),
}  # fmt: skip


def _typed(d: FieldDescriptor, text: str) -> Any:
    """Text → the JSON type `fields.validate` expects for the descriptor (it then checks the value)."""
    if d.type == "checkbox":
        word = text.strip().lower()
        return True if word in TRUE else False if word in FALSE else text
    if d.type == "date":
        return _date(d, text.strip())
    if d.type == "multiselect":
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        return [_option_value(d, p) for p in parts]
    if d.type in ("select", "searchable_select"):
        return _option_value(d, text.strip())
    return text


def _date(d: FieldDescriptor, text: str) -> str:
    """YYYY-MM-DD as given (the field check judges the day); a date and time as its day in UTC."""
    if EPOCH_MS.fullmatch(text):
        instant = datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    elif DATETIME.fullmatch(text):
        try:
            instant = datetime.fromisoformat(text)
        except ValueError:  # shaped like one, but no real day or time (2026-02-30T25:00)
            raise ValueError(f"{d.label}: {text} is not a real date and time.") from None
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
    elif DATE.fullmatch(text) or not text:
        return text
    else:
        raise ValueError(
            f"{d.label} must be a date (YYYY-MM-DD) or a date and time (like 2026-12-15T17:00:00Z), "
            f"not {text[:40]!r}."
        )
    return instant.astimezone(UTC).date().isoformat()


def _option_value(d: FieldDescriptor, text: str) -> str:
    for option in d.options or ():
        if text == option.value:
            return text
    for option in d.options or ():
        if text.casefold() == option.label.casefold():
            return option.value
    return text


def body_values(
    form: FormDescription | None, inputs: WorkflowInputs
) -> tuple[list[FieldDescriptor], dict[str, Value]]:
    """(descriptors, clean values) for `build_sales_order`; raises ActionFailed naming each bad field."""
    known = {f.id.casefold(): f for f in (form.body_fields if form else ())}
    wanted: dict[str, tuple[FormField, str, str]] = {}  # field id → (field, text, where it came from)

    def want(field_id: str, text: str, source: str) -> None:
        field = known.get(field_id.casefold())
        if field is None:
            if form is not None and field_id not in STANDARD:
                raise ActionFailed(
                    f"{field_id} is not a field of the NetSuite form {form.name!r} — fix the field id in the "
                    "action's additional NetSuite fields."
                )
            field = STANDARD.get(field_id) or FormField(field_id, field_id, "text")
        if field.id in wanted:
            raise ActionFailed(f"{field.id} is set twice ({wanted[field.id][2]} and {source}) — keep one.")
        wanted[field.id] = (field, text, source)

    for field_id, (text, source) in _inputs(inputs).items():
        want(field_id, text, source)
    for field_id, text in inputs.additional_fields.items():
        want(field_id, text, "the additional NetSuite fields")
    descriptors: list[FieldDescriptor] = []
    raw: dict[str, Any] = {}
    errors: list[str] = []
    for field, text, _ in wanted.values():
        d = describe(field)
        if d.read_only:
            errors.append(f"{d.label} ({d.id}) is read-only on the form")
            continue
        try:
            raw[d.id] = _typed(d, text)
        except ValueError as exc:
            errors.append(f"{exc} ({d.id})")
            continue
        descriptors.append(d)
    clean, invalid = validate(descriptors, raw)
    errors.extend(f"{message} ({field_id})" for field_id, message in invalid.items())
    if errors:
        raise ActionFailed("; ".join(errors) + " — fix the value in the action's settings.")
    return descriptors, clean


def _inputs(inputs: WorkflowInputs) -> Mapping[str, tuple[str, str]]:
    given = {
        "memo": (inputs.memo, "Memo"),
        "otherRefNum": (inputs.po_number, "PO number"),
        "orderStatus": (inputs.order_status, "Order status"),
    }
    return {field_id: (text, source) for field_id, (text, source) in given.items() if text}
