"""The custom item columns (`custcol_*`) of the chosen form that a rep fills per line: their descriptors,
the per-line values checked like body fields, and where each value and error lives (`lines.{lineId}.{id}`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from server.orders import fields
from server.orders.builder import LineChoice, PricedLine
from server.orders.fields import FieldDescriptor
from server.orders.models import FormField

CUSTOM_PREFIX = "custcol"
MAX_LINE_FIELDS = 100


def descriptors(item_fields: Sequence[FormField]) -> list[FieldDescriptor]:
    """The form's custom columns a rep may edit: displayed (or mandatory), not read-only, form order kept.

    Standard columns (item, quantity, rate, description…) are ours to fill from the deal; only the
    account's own columns are asked for.
    """
    chosen = [
        f
        for f in item_fields
        if f.id.lower().startswith(CUSTOM_PREFIX) and (f.displayed or f.mandatory) and not f.read_only
    ]
    return [fields.describe(f) for f in chosen]


def key(line_id: str, column_id: str) -> str:
    """The `fields` key of one cell in a 422, as the card looks it up."""
    return f"lines.{line_id}.{column_id}"


def parse(raw: Any) -> dict[str, Any] | None:
    """A line's `fields` as sent (checked against the descriptors later), or None when it is no object."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or len(raw) > MAX_LINE_FIELDS:
        return None
    return {k[:64]: v for k, v in raw.items() if isinstance(k, str)}


def validate(
    columns: Sequence[FieldDescriptor], lines: Sequence[PricedLine], choices: Sequence[LineChoice]
) -> tuple[list[PricedLine], dict[str, str]]:
    """Every deal line with its clean column values; a mandatory column empty on any line blocks Review."""
    by_line = {c.line_id: c for c in choices}
    errors: dict[str, str] = {}
    checked = []
    for priced in lines:
        line_id = priced.match.line.id
        choice = by_line.get(line_id)
        clean, line_errors = fields.validate(columns, choice.fields if choice else {})
        errors.update({key(line_id, column): message for column, message in line_errors.items()})
        checked.append(replace(priced, fields=clean))
    return checked, errors


def with_stored(
    columns: Sequence[FieldDescriptor], lines: Sequence[PricedLine], choices: Sequence[LineChoice]
) -> list[PricedLine]:
    """Lines showing what the rep entered before, for the columns the form still has."""
    ids = {c.id for c in columns}
    by_line = {c.line_id: c for c in choices}
    shown = []
    for priced in lines:
        choice = by_line.get(priced.match.line.id)
        stored = {k: v for k, v in (choice.fields if choice else {}).items() if k in ids}
        shown.append(replace(priced, fields=stored))
    return shown


def columns_json(
    columns: Sequence[FieldDescriptor], priced: PricedLine, errors: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """One line's column descriptors: its own value as `default`, its own error."""
    errors = errors or {}
    line_id = priced.match.line.id
    return [
        replace(d, default=priced.fields.get(d.id, d.default), error=errors.get(key(line_id, d.id))).to_json()
        for d in columns
    ]
