"""REST record fields: how a body field maps to a column, and how values are parsed and rendered."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Literal

from server.sandbox.netsuite.errors import ErrorDetail, invalid

Kind = Literal["text", "date", "ref", "bool", "int", "float", "email"]
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# table → (column shown as refName, REST record type in links, whether rows can be inactive)
REF_TABLES: dict[str, tuple[str, str, bool]] = {
    "customer": ("entityid", "customer", True),
    "subsidiary": ("name", "subsidiary", True),
    "currency": ("symbol", "currency", True),
    "department": ("name", "department", True),
    "classification": ("name", "classification", True),
    "location": ("name", "location", True),
    "employee": ("entityid", "employee", True),
    "customlist_sohs_region": ("name", "customlist_sohs_region", True),
    "item": ("itemid", "inventoryItem", True),
    "customform": ("name", "customForm", True),
    "pricelevel": ("name", "priceLevel", True),
}


@dataclass(frozen=True)
class FieldSpec:
    """One REST body field of a record type (also the source of the metadata catalog)."""

    name: str
    title: str
    kind: Kind
    column: str | None
    table: str | None = None
    read_only: bool = False

    @property
    def custom(self) -> bool:
        return self.name.startswith(("custbody", "custcol", "custentity"))


def ref_json(base_url: str, table: str, value: object, db: sqlite3.Connection) -> dict[str, object]:
    name_column, record_type, _ = REF_TABLES[table]
    row = db.execute(f"SELECT {name_column} FROM {table} WHERE id = ?", (value,)).fetchone()
    body: dict[str, object] = {
        "links": [{"rel": "self", "href": f"{base_url}/services/rest/record/v1/{record_type}/{value}"}],
        "id": str(value),
    }
    if row is not None and row[0] is not None:
        body["refName"] = str(row[0])
    return body


def resolve_ref(
    db: sqlite3.Connection, table: str, value: object, path: str, errors: list[ErrorDetail]
) -> str | None:
    """The internal id a `{"id"}` / `{"externalId"}` reference names, if it is an existing, active record."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        # NetSuite's own sample sends customForm as a bare string; accept a bare id for any reference.
        value = {"id": value}
    if not isinstance(value, dict):
        errors.append(invalid(path, value))
        return None
    _, _, has_inactive = REF_TABLES[table]
    active = " AND isinactive = 'F'" if has_inactive else ""
    if "id" in value and isinstance(value["id"], str | int) and not isinstance(value["id"], bool):
        shown = value["id"]
        row = db.execute(f"SELECT id FROM {table} WHERE id = ?{active}", (str(value["id"]),)).fetchone()
    elif "externalId" in value and isinstance(value["externalId"], str) and table == "customer":
        shown = value["externalId"]
        row = db.execute(
            f"SELECT id FROM {table} WHERE externalid = ?{active}", (value["externalId"],)
        ).fetchone()
    else:
        errors.append(invalid(path, value))
        return None
    if row is None:
        errors.append(invalid(path, shown))
        return None
    return str(row[0])


def parse_value(
    db: sqlite3.Connection, spec: FieldSpec, value: object, path: str, errors: list[ErrorDetail]
) -> object:
    """A body value as it is stored, or None after recording why NetSuite would refuse it."""
    if value is None:
        return None
    if spec.kind == "ref":
        assert spec.table is not None
        return resolve_ref(db, spec.table, value, path, errors)
    ok: object = None
    if spec.kind in ("text", "email") and isinstance(value, str):
        ok = value if spec.kind == "text" or _EMAIL.match(value) else None
    elif spec.kind == "date" and isinstance(value, str):
        ok = _parse_date(value)
    elif spec.kind == "bool" and isinstance(value, bool):
        ok = "T" if value else "F"
    elif spec.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        ok = value
    elif spec.kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        ok = float(value)
    if ok is None:
        errors.append(invalid(path, value))
    return ok


def _parse_date(text: str) -> str | None:
    match = _DATE.match(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def render_value(spec: FieldSpec, value: object, base_url: str, db: sqlite3.Connection) -> object:
    if spec.kind == "ref":
        assert spec.table is not None
        return ref_json(base_url, spec.table, value, db)
    if spec.kind == "bool":
        return value == "T"
    if spec.kind == "float":
        return float(value)  # type: ignore[arg-type]  # REAL columns hold numbers
    return value


def unknown_field(path: str) -> ErrorDetail:
    # UNCONFIRMED wording for X-NetSuite-PropertyNameValidation: error.
    name = path.rsplit(".", 1)[-1]
    return ErrorDetail(
        f"Invalid field name '{name}'. The field does not exist on this record.", "INVALID_CONTENT", path
    )
