"""The salesOrder REST record: validated like NetSuite validates it, stored in `transaction` tables."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from server.sandbox.netsuite import customer
from server.sandbox.netsuite.errors import ACCESS_PREFIX, ErrorDetail, RestError, invalid, missing
from server.sandbox.netsuite.fields import FieldSpec, parse_value, ref_json, render_value, unknown_field
from server.sandbox.netsuite.forms import CustomForm
from server.sandbox.netsuite.state import SALES_ORDER_STATUSES, SELLABLE_ITEM_TYPES, Line, write_order

DEFAULT_FORM = "68"
CUSTOM_PRICE = "-1"
BODY_FIELDS = {
    f.name: f
    for f in [
        FieldSpec("entity", "Customer", "ref", "entity", "customer"),
        FieldSpec("subsidiary", "Subsidiary", "ref", "subsidiary", "subsidiary"),
        FieldSpec("currency", "Currency", "ref", "currency", "currency"),
        FieldSpec("customForm", "Custom Form", "ref", "customform", "customform"),
        FieldSpec("tranDate", "Date", "date", "trandate"),
        FieldSpec("tranId", "Order #", "text", "tranid"),
        FieldSpec("otherRefNum", "PO/Check Number", "text", "otherrefnum"),
        FieldSpec("memo", "Memo", "text", "memo"),
        FieldSpec("externalId", "External ID", "text", "externalid"),
        FieldSpec("department", "Department", "ref", "department", "department"),
        FieldSpec("class", "Class", "ref", "class", "classification"),
        FieldSpec("location", "Location", "ref", "location", "location"),
        FieldSpec("salesRep", "Sales Rep", "ref", "employee", "employee"),
        FieldSpec("shipDate", "Ship Date", "date", "shipdate"),
        FieldSpec("startDate", "Start Date", "date", "startdate"),
        FieldSpec("endDate", "End Date", "date", "enddate"),
        FieldSpec("custbody_region", "Region", "ref", "custbody_region", "customlist_sohs_region"),
        FieldSpec("custbody_rush", "Rush order", "bool", "custbody_rush"),
        FieldSpec("custbody_contract_term", "Contract Term (months)", "int", "custbody_contract_term"),
        FieldSpec("total", "Total", "float", "foreigntotal", read_only=True),
        FieldSpec("createdDate", "Date Created", "date", "createddate", read_only=True),
        FieldSpec("lastModifiedDate", "Last Modified", "date", "lastmodifieddate", read_only=True),
    ]
}
# The custom item columns the sandbox stores, by their place in a stored Line.
LINE_COLUMNS = {"custcol_serial_notes": 4}
# Writable, but not a plain column: handled by hand below.
SPECIAL_FIELDS = {"orderStatus", "item", "status", "id"}
LINE_FIELDS = {
    f.name: f
    for f in [
        FieldSpec("item", "Item", "ref", "item", "item"),
        FieldSpec("quantity", "Quantity", "float", "quantity"),
        FieldSpec("rate", "Rate", "float", "rate"),
        FieldSpec("amount", "Amount", "float", "netamount", read_only=True),
        FieldSpec("description", "Description", "text", "memo"),
        FieldSpec("custcol_serial_notes", "Serial Notes", "text", "custcol_serial_notes"),
        FieldSpec("price", "Price Level", "ref", None, "pricelevel"),
        FieldSpec("line", "Line", "int", "id"),
    ]
}


@dataclass(frozen=True)
class OrderWrite:
    columns: dict[str, object]
    lines: list[Line]


def stored_lines(db: sqlite3.Connection, order_id: str) -> list[Line]:
    rows = db.execute(
        "SELECT item, -quantity, rate, memo, custcol_serial_notes FROM transactionline"
        " WHERE \"transaction\" = ? AND mainline = 'F' ORDER BY linesequencenumber",
        (order_id,),
    ).fetchall()
    return [(str(r[0]), float(r[1]), float(r[2]), r[3], r[4]) for r in rows]


def validate(
    db: sqlite3.Connection,
    forms: dict[str, CustomForm],
    body: object,
    *,
    existing: dict[str, object] | None,
    strict_names: bool,
    replace_lines: bool,
) -> OrderWrite:
    """The row and lines NetSuite would save for this body, or a RestError with every violation."""
    if not isinstance(body, dict):
        raise RestError(400, ErrorDetail("The request body must be a JSON object.", "INVALID_REQUEST"))
    errors: list[ErrorDetail] = []
    columns = dict(existing or {})
    for name, value in body.items():
        spec = BODY_FIELDS.get(name)
        if spec is None or spec.read_only:
            if strict_names and name not in SPECIAL_FIELDS and spec is None:
                errors.append(unknown_field(name))
            continue
        assert spec.column is not None
        columns[spec.column] = parse_value(db, spec, value, name, errors)
    _check_customer(db, body, columns, errors)
    form = forms.get(str(columns.get("customform") or DEFAULT_FORM))
    columns["customform"] = columns.get("customform") or DEFAULT_FORM
    if form is not None:
        for field in form.body_fields:
            column = BODY_FIELDS[field.id].column if field.id in BODY_FIELDS else None
            if field.mandatory and field.id != "entity" and columns.get(column or "") in (None, ""):
                errors.append(missing(field.id, field.label))
    _order_status(body.get("orderStatus"), columns, existing, errors)
    lines = stored_lines(db, str(existing["id"])) if existing else []
    if "item" in body:
        lines = _lines(db, body["item"], columns, lines, replace_lines, strict_names, errors)
    if form is not None:
        errors.extend(_missing_columns(form, lines))
    if not lines and not errors:
        text = ACCESS_PREFIX + "You must enter at least one line item for this transaction."
        errors.append(ErrorDetail(text, "INVALID_CONTENT", path="item"))
    if errors:
        raise RestError(400, *errors)
    return OrderWrite(columns, lines)


def _missing_columns(form: CustomForm, lines: list[Line]) -> list[ErrorDetail]:
    """A column the form makes mandatory must hold a value on every line, as NetSuite checks on save."""
    errors = []
    for column in form.item_fields:
        place = LINE_COLUMNS.get(column.id)
        if not column.mandatory or place is None:
            continue
        for index, line in enumerate(lines):
            if line[place] in (None, ""):
                errors.append(missing(f"item.items[{index}].{column.id}", column.label))
    return errors


def _check_customer(
    db: sqlite3.Connection, body: dict[str, object], columns: dict[str, object], errors: list[ErrorDetail]
) -> None:
    if columns.get("entity") is None:
        if "entity" not in body or body["entity"] is None:
            errors.append(missing("entity", "Customer"))
        return
    subsidiary, currency = db.execute(
        "SELECT subsidiary, currency FROM customer WHERE id = ?", (columns["entity"],)
    ).fetchone()
    if "subsidiary" in body and columns.get("subsidiary") not in (None, str(subsidiary)):
        errors.append(invalid("subsidiary", columns["subsidiary"]))
    columns["subsidiary"] = columns.get("subsidiary") or str(subsidiary)
    # NetSuite takes another currency only from the customer's record; it never converts the rates.
    chosen = columns.get("currency") if "currency" in body else None
    if chosen is not None and not customer.trades_in(db, columns["entity"], chosen):
        errors.append(invalid("currency", chosen))
    columns["currency"] = columns.get("currency") or str(currency)


def _order_status(
    value: object, columns: dict[str, object], existing: dict[str, object] | None, errors: list[ErrorDetail]
) -> None:
    if value is None:
        columns.setdefault("status", "A")
        return
    code = value.get("id") if isinstance(value, dict) else value
    # Only approval is settable: Pending Approval (A) or Pending Fulfillment (B), and only before fulfilment.
    if code not in ("A", "B") or (existing is not None and existing.get("status") not in ("A", "B")):
        errors.append(invalid("orderStatus", code))
        return
    columns["status"] = code


def _lines(
    db: sqlite3.Connection,
    sublist: object,
    columns: dict[str, object],
    current: list[Line],
    replace: bool,
    strict_names: bool,
    errors: list[ErrorDetail],
) -> list[Line]:
    items = sublist.get("items") if isinstance(sublist, dict) else None
    if not isinstance(items, list):
        errors.append(invalid("item", sublist))
        return current
    lines = [] if replace else list(current)
    for index, raw in enumerate(items):
        path = f"item.items[{index}]"
        if not isinstance(raw, dict):
            errors.append(invalid(path, raw, "item"))
            continue
        if strict_names:
            errors.extend(unknown_field(f"{path}.{k}") for k in raw if k not in LINE_FIELDS)
        parsed = {
            name: _line_value(db, name, value, f"{path}.{name}", errors)
            for name, value in raw.items()
            if name in LINE_FIELDS and not LINE_FIELDS[name].read_only
        }
        position = _line_position(parsed.get("line"), lines, f"{path}.line", errors)
        line = _line(db, parsed, lines[position] if position is not None else None, columns, path, errors)
        if line is None:
            continue
        if position is None:
            lines.append(line)
        else:
            lines[position] = line
    return lines


def _line_value(
    db: sqlite3.Connection, name: str, value: object, path: str, errors: list[ErrorDetail]
) -> object:
    # Price level -1 is "Custom": not a row of the price level list, it means "use the rate I send".
    if name == "price" and isinstance(value, dict) and str(value.get("id")) == CUSTOM_PRICE:
        return CUSTOM_PRICE
    return parse_value(db, LINE_FIELDS[name], value, path, errors)


def _line_position(line: object, lines: list[Line], path: str, errors: list[ErrorDetail]) -> int | None:
    if line is None:
        return None
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        errors.append(invalid(path, line, "line"))
        return None
    return line - 1


def _line(
    db: sqlite3.Connection,
    parsed: dict[str, object],
    before: Line | None,
    columns: dict[str, object],
    path: str,
    errors: list[ErrorDetail],
) -> Line | None:
    item = parsed.get("item") or (before[0] if before else None)
    if item is None:
        if "item" not in parsed:
            errors.append(missing(f"{path}.item", "Item"))
        return None
    kind, description = db.execute("SELECT itemtype, description FROM item WHERE id = ?", (item,)).fetchone()
    if kind not in SELLABLE_ITEM_TYPES:
        errors.append(invalid(f"{path}.item", item, "item"))
        return None
    quantity = parsed.get("quantity", before[1] if before else 1.0)
    if not isinstance(quantity, float) or quantity <= 0:
        if quantity is not None:
            shown = int(quantity) if isinstance(quantity, float) and quantity.is_integer() else quantity
            errors.append(invalid(f"{path}.quantity", shown, "quantity"))
        return None
    rate = parsed.get("rate")
    if rate is None:
        level = str(parsed.get("price") or "1")
        rate = before[2] if before and "price" not in parsed else _price(db, item, level, columns)
    text = parsed.get("description", before[3] if before else description)
    notes = parsed.get("custcol_serial_notes", before[4] if before else None)
    assert isinstance(rate, int | float)
    assert text is None or isinstance(text, str)
    assert notes is None or isinstance(notes, str)
    return (str(item), quantity, float(rate), text, notes)


def _price(db: sqlite3.Connection, item: object, level: str, columns: dict[str, object]) -> float:
    if level == CUSTOM_PRICE:
        return 0.0
    row = db.execute(
        "SELECT unitprice FROM pricing WHERE item = ? AND pricelevel = ? AND currency = ? AND quantity = 0",
        (item, level, columns.get("currency")),
    ).fetchone()
    return float(row[0]) if row else 0.0


def save(db: sqlite3.Connection, order_id: str, write: OrderWrite, today: str) -> None:
    columns = write.columns | {"id": order_id, "type": "SalesOrd", "lastmodifieddate": today}
    columns.setdefault("createddate", today)
    columns["trandate"] = columns.get("trandate") or today
    columns["tranid"] = columns.get("tranid") or f"SO{500 + int(order_id)}"
    write_order(db, columns, write.lines)


def render(
    db: sqlite3.Connection, row: dict[str, object], base_url: str, *, expand: bool
) -> dict[str, object]:
    href = f"{base_url}/services/rest/record/v1/salesOrder/{row['id']}"
    body: dict[str, object] = {"links": [{"rel": "self", "href": href}], "id": str(row["id"])}
    for spec in BODY_FIELDS.values():
        value = row.get(spec.column or "")
        if value is not None and value != "":
            body[spec.name] = render_value(spec, value, base_url, db)
    status = str(row["status"])
    body["status"] = {"id": status, "refName": SALES_ORDER_STATUSES[status]}
    body["orderStatus"] = {"id": status, "refName": SALES_ORDER_STATUSES[status]}
    body["subtotal"] = body.get("total", 0.0)
    body["item"] = {"links": [{"rel": "self", "href": f"{href}/item"}]}
    if expand:
        body["item"] = render_lines(db, str(row["id"]), href, base_url)
    return body


def render_lines(db: sqlite3.Connection, order_id: str, href: str, base_url: str) -> dict[str, object]:
    rows = db.execute(
        "SELECT id, item, -quantity, rate, -netamount, memo, custcol_serial_notes, itemtype"
        " FROM transactionline WHERE \"transaction\" = ? AND mainline = 'F' ORDER BY linesequencenumber",
        (order_id,),
    ).fetchall()
    items = []
    for line, item, quantity, rate, amount, memo, notes, kind in rows:
        element: dict[str, object] = {
            "links": [{"rel": "self", "href": f"{href}/item/{line}"}],
            "line": line,
            "item": ref_json(base_url, "item", item, db),
            "itemType": {"id": kind, "refName": kind},
            "quantity": float(quantity),
            "rate": float(rate),
            "amount": float(amount),
        }
        element |= {
            k: v for k, v in (("description", memo), ("custcol_serial_notes", notes)) if v is not None
        }
        items.append(element)
    links = [{"rel": "self", "href": f"{href}/item"}]
    return {
        "links": links,
        "items": items,
        "count": len(items),
        "hasMore": False,
        "offset": 0,
        "totalResults": len(items),
    }
