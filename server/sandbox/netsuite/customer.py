"""The customer REST record: OneWorld rules (a primary subsidiary is required), stored in `customer`."""

from __future__ import annotations

import sqlite3

from server.sandbox.netsuite.errors import ErrorDetail, RestError, invalid, missing
from server.sandbox.netsuite.fields import FieldSpec, parse_value, render_value, unknown_field

BODY_FIELDS = {
    f.name: f
    for f in [
        FieldSpec("entityId", "Customer ID", "text", "entityid"),
        FieldSpec("companyName", "Company Name", "text", "companyname"),
        FieldSpec("firstName", "First Name", "text", "firstname"),
        FieldSpec("lastName", "Last Name", "text", "lastname"),
        FieldSpec("isPerson", "Individual", "bool", "isperson"),
        FieldSpec("email", "Email", "email", "email"),
        FieldSpec("phone", "Phone", "text", "phone"),
        FieldSpec("subsidiary", "Primary Subsidiary", "ref", "subsidiary", "subsidiary"),
        FieldSpec("currency", "Currency", "ref", "currency", "currency"),
        FieldSpec("externalId", "External ID", "text", "externalid"),
        FieldSpec("isInactive", "Inactive", "bool", "isinactive"),
        FieldSpec("dateCreated", "Date Created", "date", "datecreated", read_only=True),
    ]
}


def validate(
    db: sqlite3.Connection, body: object, *, existing: dict[str, object] | None, strict_names: bool
) -> dict[str, object]:
    """The customer row NetSuite would save for this body, or a RestError naming every violation."""
    if not isinstance(body, dict):
        raise RestError(400, ErrorDetail("The request body must be a JSON object.", "INVALID_REQUEST"))
    errors: list[ErrorDetail] = []
    columns = dict(existing or {})
    for name, value in body.items():
        spec = BODY_FIELDS.get(name)
        if spec is None or spec.read_only:
            if strict_names and spec is None and name != "id":
                errors.append(unknown_field(name))
            continue
        assert spec.column is not None
        columns[spec.column] = parse_value(db, spec, value, name, errors)
    columns.setdefault("isperson", "F")
    columns.setdefault("isinactive", "F")
    if columns["isperson"] == "T":
        for field, column, label in (
            ("firstName", "firstname", "First Name"),
            ("lastName", "lastname", "Last Name"),
        ):
            if not columns.get(column) and field not in {e.path for e in errors}:
                errors.append(missing(field, label))
    elif not columns.get("companyname") and "companyName" not in {e.path for e in errors}:
        errors.append(missing("companyName", "Company Name"))
    _subsidiary(db, body, columns, errors)
    if errors:
        raise RestError(400, *errors)
    default_name = columns.get("companyname") or f"{columns.get('firstname')} {columns.get('lastname')}"
    columns["entityid"] = columns.get("entityid") or default_name
    return columns


def _subsidiary(
    db: sqlite3.Connection, body: dict[str, object], columns: dict[str, object], errors: list[ErrorDetail]
) -> None:
    if not columns.get("subsidiary"):
        if "subsidiary" not in body or body["subsidiary"] is None:
            errors.append(missing("subsidiary", "Primary Subsidiary"))
        return
    row = db.execute(
        "SELECT currency, iselimination FROM subsidiary WHERE id = ?", (columns["subsidiary"],)
    ).fetchone()
    if row[1] == "T":
        # Elimination subsidiaries exist for consolidation only; no customer can belong to one.
        errors.append(invalid("subsidiary", columns["subsidiary"]))
        return
    columns["currency"] = columns.get("currency") or str(row[0])


def trades_in(db: sqlite3.Connection, customer_id: object, currency_id: object) -> bool:
    """A transaction's currency must be the customer's primary one or one on its Currencies subtab."""
    found = db.execute(
        "SELECT 1 FROM customer WHERE id = ? AND currency = ?"
        " UNION SELECT 1 FROM customercurrency WHERE customer = ? AND currency = ?",
        (customer_id, currency_id, customer_id, currency_id),
    ).fetchone()
    return found is not None


def save(db: sqlite3.Connection, customer_id: str, columns: dict[str, object], today: str) -> None:
    columns = columns | {"id": customer_id}
    columns.setdefault("datecreated", today)
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    db.execute(f"INSERT OR REPLACE INTO customer ({names}) VALUES ({marks})", list(columns.values()))


def render(db: sqlite3.Connection, row: dict[str, object], base_url: str) -> dict[str, object]:
    href = f"{base_url}/services/rest/record/v1/customer/{row['id']}"
    body: dict[str, object] = {"links": [{"rel": "self", "href": href}], "id": str(row["id"])}
    for spec in BODY_FIELDS.values():
        value = row.get(spec.column or "")
        if value is not None and value != "":
            body[spec.name] = render_value(spec, value, base_url, db)
    return body
