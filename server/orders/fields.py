"""Field descriptors the card renders generically, built from NetSuite form metadata, and the server-side
validation of every value a rep submits against them."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from server.orders.models import FormField, Option

FieldType = Literal[
    "text", "textarea", "number", "currency", "date", "checkbox", "select", "searchable_select", "multiselect"
]
Value = str | bool | int | float | list[str]

# NetSuite Field.type (lower case) → what the card renders.
NETSUITE_TYPES: dict[str, FieldType] = {
    "text": "text",
    "email": "text",
    "phone": "text",
    "url": "text",
    "timeofday": "text",
    "datetime": "text",
    "textarea": "textarea",
    "longtext": "textarea",
    "richtext": "textarea",
    "integer": "number",
    "float": "number",
    "percent": "number",
    "currency": "currency",
    "date": "date",
    "checkbox": "checkbox",
    "select": "select",
    "multiselect": "multiselect",
}
# NetSuite's own limits: free-form text 300 characters, text areas 4,000, long text 100,000.
MAX_LENGTH = {"text": 300, "textarea": 4000, "longtext": 100_000, "richtext": 100_000}
MAX_NUMBER = Decimal("1e15")
MAX_MULTISELECT = 100
INTERNAL_ID = re.compile(r"^-?\d{1,18}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PLACEHOLDERS = {"timeofday": "HH:MM", "datetime": "YYYY-MM-DD HH:MM", "email": "name@example.com"}
PLACEHOLDERS["url"] = "https://…"


@dataclass(frozen=True)
class FieldDescriptor:
    """One input of a tab, exactly as docs/api.md's FieldDescriptor."""

    id: str
    label: str
    type: FieldType
    required: bool = False
    read_only: bool = False
    options: tuple[Option, ...] | None = None
    options_endpoint: str | None = None
    default: Value | None = None
    help: str | None = None
    error: str | None = None
    placeholder: str | None = None
    # What NetSuite calls the type: keeps validation precise (integer vs float, email vs text).
    netsuite_type: str | None = None
    max_length: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "required": self.required,
            "readOnly": self.read_only,
            "options": None
            if self.options is None
            else [{"value": o.value, "label": o.label} for o in self.options],
            "optionsEndpoint": self.options_endpoint,
            "default": self.default,
            "help": self.help,
            "error": self.error,
            "placeholder": self.placeholder,
        }


def describe(field: FormField, *, options_endpoint: str | None = None) -> FieldDescriptor:
    """A NetSuite field as a descriptor; truncated or unlisted options become a searchable select."""
    kind = NETSUITE_TYPES.get(field.type.lower(), "text")
    endpoint = None
    options = field.options
    if kind == "select" and (field.options_truncated or (options is None and field.option_source)):
        kind, options, endpoint = "searchable_select", None, options_endpoint
    elif kind in ("select", "multiselect") and options is None:
        options = ()
    elif kind not in ("select", "multiselect"):
        options = None
    read_only = field.read_only
    return FieldDescriptor(
        id=field.id,
        label=field.label or field.id,
        type=kind,
        # A read-only field is filled by NetSuite; asking the rep for it would block the flow.
        required=field.mandatory and not read_only,
        read_only=read_only,
        options=options,
        options_endpoint=endpoint,
        help=field.help,
        placeholder=PLACEHOLDERS.get(field.type.lower()),
        netsuite_type=field.type.lower(),
        max_length=MAX_LENGTH.get(field.type.lower(), MAX_LENGTH["text"])
        if kind in ("text", "textarea")
        else None,
    )


def describe_type(
    field_id: str, label: str, netsuite_type: str, *, required: bool = False
) -> FieldDescriptor:
    """A descriptor for one of our own inputs, typed like the NetSuite field it fills."""
    return describe(FormField(id=field_id, label=label, type=netsuite_type, mandatory=required))


def with_default(descriptor: FieldDescriptor, value: Value | None) -> FieldDescriptor:
    return replace(descriptor, default=value)


def body_descriptors(
    fields: Sequence[FormField], *, skip: frozenset[str], endpoint_for: Mapping[str, str]
) -> list[FieldDescriptor]:
    """The body fields the rep fills: displayed (or mandatory) ones, mandatory first, form order kept."""
    chosen = [f for f in fields if f.id not in skip and (f.displayed or f.mandatory)]
    described = [describe(f, options_endpoint=endpoint_for.get(f.id)) for f in chosen]
    return [d for d in described if d.required] + [d for d in described if not d.required]


def with_values(
    descriptors: Sequence[FieldDescriptor], values: Mapping[str, Any], errors: Mapping[str, str] | None = None
) -> list[FieldDescriptor]:
    """Descriptors whose defaults show what the rep entered before, and their errors."""
    errors = errors or {}
    return [
        replace(d, default=values.get(d.id, d.default), error=errors.get(d.id, d.error)) for d in descriptors
    ]


def validate(
    descriptors: Sequence[FieldDescriptor], values: Mapping[str, Any]
) -> tuple[dict[str, Value], dict[str, str]]:
    """Check every value against its descriptor; returns (clean values, errors by field id).

    Unknown keys and read-only fields are dropped: only what a descriptor allows ever reaches NetSuite.
    """
    clean: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for d in descriptors:
        if d.read_only:
            continue
        raw = values.get(d.id)
        if _empty(raw, d):
            if d.required:
                errors[d.id] = f"Please enter a value for {d.label}."
            continue
        try:
            clean[d.id] = _coerce(d, raw)
        except ValueError as exc:
            errors[d.id] = str(exc)
    return clean, errors


def _empty(raw: Any, d: FieldDescriptor) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str) and not raw.strip():
        return True
    if d.type == "multiselect" and isinstance(raw, list) and not raw:
        return True
    # An unticked checkbox is a value (false), but it cannot satisfy a mandatory checkbox.
    return d.type == "checkbox" and raw is False and d.required


def _coerce(d: FieldDescriptor, raw: Any) -> Value:
    if d.type in ("text", "textarea"):
        return _text(d, raw)
    if d.type in ("number", "currency"):
        return _number(d, raw)
    if d.type == "date":
        return _date(d, raw)
    if d.type == "checkbox":
        if not isinstance(raw, bool):
            raise ValueError(f"{d.label} must be ticked or not.")
        return raw
    if d.type == "multiselect":
        return _multiselect(d, raw)
    return _select(d, raw)


def _text(d: FieldDescriptor, raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"{d.label} must be text.")
    text = raw.strip()
    limit = d.max_length or MAX_LENGTH["text"]
    if len(text) > limit:
        raise ValueError(f"{d.label} can be at most {limit} characters (it has {len(text)}).")
    if d.type == "text" and "\n" in text:
        raise ValueError(f"{d.label} must be a single line.")
    if d.netsuite_type == "email" and not EMAIL.match(text):
        raise ValueError(f"{d.label} must be an email address like name@example.com.")
    if d.netsuite_type == "url" and not text.startswith(("http://", "https://")):
        raise ValueError(f"{d.label} must be a web address starting with https://.")
    if d.netsuite_type == "timeofday" and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", text):
        raise ValueError(f"{d.label} must be a time like 14:30.")
    return text


def to_decimal(raw: Any) -> Decimal:
    """A finite decimal from a JSON number or numeric text; never via float arithmetic."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise ValueError("not a number")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError("not a finite number")
    try:
        # str() first: Decimal(0.1) would carry the float's binary noise.
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError("not a number") from None
    if not number.is_finite():
        raise ValueError("not a finite number")
    return number


def _number(d: FieldDescriptor, raw: Any) -> int | float:
    try:
        number = to_decimal(raw)
    except ValueError:
        raise ValueError(f"{d.label} must be a number.") from None
    if abs(number) >= MAX_NUMBER:
        raise ValueError(f"{d.label} is too large.")
    if d.netsuite_type == "integer":
        if number != number.to_integral_value():
            raise ValueError(f"{d.label} must be a whole number.")
        return int(number)
    if d.netsuite_type == "percent" and not Decimal(-100) <= number <= Decimal(100):
        raise ValueError(f"{d.label} must be a percentage between -100 and 100.")
    if d.type == "currency" and number.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"{d.label} can have at most 2 decimals.")
    return int(number) if number == number.to_integral_value() else float(number)


def _date(d: FieldDescriptor, raw: Any) -> str:
    if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise ValueError(f"{d.label} must be a date (YYYY-MM-DD).")
    try:
        parsed = date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(f"{d.label}: {raw.strip()} is not a real date.") from None
    if not 1900 <= parsed.year <= 2199:
        raise ValueError(f"{d.label} must be between 1900 and 2199.")
    return parsed.isoformat()


def _select(d: FieldDescriptor, raw: Any) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"Choose a value for {d.label}.")
    value = raw.strip()
    if d.options is not None:
        if value not in {o.value for o in d.options}:
            raise ValueError(f"{value[:40]} is not one of the choices for {d.label}.")
    elif not INTERNAL_ID.match(value):
        raise ValueError(f"Choose a value for {d.label} from the list.")
    return value


def _multiselect(d: FieldDescriptor, raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ValueError(f"{d.label} must be a list of choices.")
    if len(raw) > MAX_MULTISELECT:
        raise ValueError(f"Choose at most {MAX_MULTISELECT} values for {d.label}.")
    allowed = {o.value for o in d.options or ()}
    chosen: list[str] = []
    for value in (v.strip() for v in raw):
        if value not in allowed:
            raise ValueError(f"{value[:40]} is not one of the choices for {d.label}.")
        if value not in chosen:
            chosen.append(value)
    return chosen
