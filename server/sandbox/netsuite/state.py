"""The account's records in one in-memory SQLite database with NetSuite's table and column names.

SuiteQL runs on these tables and the REST record endpoints read and write them, so an order created over
REST is visible to SuiteQL at once, as in NetSuite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from server.sandbox.netsuite.forms import CustomForm
from server.sandbox.netsuite.seed import Customer, Seed
from server.sandbox.netsuite.seed_data import REGIONS

SCHEMA = """
CREATE TABLE subsidiary (id INTEGER PRIMARY KEY, name TEXT, parent INTEGER, currency INTEGER, country TEXT,
  isinactive TEXT DEFAULT 'F', iselimination TEXT DEFAULT 'F');
CREATE TABLE currency (id INTEGER PRIMARY KEY, symbol TEXT, name TEXT, isbasecurrency TEXT, isinactive TEXT);
CREATE TABLE customer (id INTEGER PRIMARY KEY, entityid TEXT, companyname TEXT, firstname TEXT,
  lastname TEXT, isperson TEXT, email TEXT, phone TEXT, subsidiary INTEGER, currency INTEGER,
  externalid TEXT UNIQUE, isinactive TEXT, datecreated TEXT);
-- The customer record's Currencies subtab (Multiple Currencies): what it trades in besides its primary
-- currency. Our own table name: nothing of the product reads it through SuiteQL.
CREATE TABLE customercurrency (customer INTEGER, currency INTEGER, PRIMARY KEY (customer, currency));
CREATE TABLE item (id INTEGER PRIMARY KEY, itemid TEXT, displayname TEXT, description TEXT, itemtype TEXT,
  isinactive TEXT, upccode TEXT, subsidiary INTEGER);
CREATE TABLE itemtype (id TEXT PRIMARY KEY, name TEXT);
CREATE TABLE pricelevel (id INTEGER PRIMARY KEY, name TEXT, isinactive TEXT DEFAULT 'F');
CREATE TABLE pricing (item INTEGER, pricelevel INTEGER, currency INTEGER, quantity REAL, unitprice REAL);
CREATE TABLE employee (id INTEGER PRIMARY KEY, entityid TEXT, firstname TEXT, lastname TEXT,
  issalesrep TEXT, isinactive TEXT);
CREATE TABLE department (id INTEGER PRIMARY KEY, name TEXT, isinactive TEXT DEFAULT 'F');
CREATE TABLE classification (id INTEGER PRIMARY KEY, name TEXT, isinactive TEXT DEFAULT 'F');
CREATE TABLE location (id INTEGER PRIMARY KEY, name TEXT, isinactive TEXT DEFAULT 'F');
CREATE TABLE customlist_sohs_region (id INTEGER PRIMARY KEY, name TEXT, isinactive TEXT DEFAULT 'F');
CREATE TABLE customform (id INTEGER PRIMARY KEY, name TEXT, recordtype TEXT, isinactive TEXT DEFAULT 'F');
CREATE TABLE transactionstatus (id TEXT, trantype TEXT, name TEXT, fullname TEXT);
CREATE TABLE mediaitemfolder (id INTEGER PRIMARY KEY, name TEXT, parent INTEGER);
CREATE TABLE file (id INTEGER PRIMARY KEY, name TEXT, folder INTEGER, filetype TEXT, filesize INTEGER,
  description TEXT, createddate TEXT);
CREATE TABLE "transaction" (id INTEGER PRIMARY KEY, tranid TEXT, trandate TEXT, type TEXT, status TEXT,
  entity INTEGER, subsidiary INTEGER, currency INTEGER, foreigntotal REAL, externalid TEXT UNIQUE,
  memo TEXT, otherrefnum TEXT, customform INTEGER, employee INTEGER, department INTEGER, class INTEGER,
  location INTEGER, shipdate TEXT, startdate TEXT, enddate TEXT, custbody_region INTEGER,
  custbody_rush TEXT DEFAULT 'F', custbody_contract_term INTEGER, createddate TEXT, lastmodifieddate TEXT);
CREATE TABLE transactionline (id INTEGER, "transaction" INTEGER, linesequencenumber INTEGER, item INTEGER,
  quantity REAL, rate REAL, netamount REAL, itemtype TEXT, mainline TEXT, taxline TEXT, memo TEXT,
  custcol_serial_notes TEXT, isclosed TEXT DEFAULT 'F', PRIMARY KEY ("transaction", id));
CREATE TABLE filelink (file INTEGER, "transaction" INTEGER);
"""

# item, quantity, rate, description, serial notes
Line = tuple[str, float, float, str | None, str | None]
SALES_ORDER_STATUSES = {
    "A": "Pending Approval",
    "B": "Pending Fulfillment",
    "C": "Cancelled",
    "D": "Partially Fulfilled",
    "E": "Pending Billing/Partially Fulfilled",
    "F": "Pending Billing",
    "G": "Billed",
    "H": "Closed",
}
ITEM_TYPE_LABELS = {
    "InvtPart": "Inventory Item",
    "Assembly": "Assembly",
    "Kit": "Kit/Package",
    "NonInvtPart": "Non-inventory Item",
    "Service": "Service",
    "OthCharge": "Other Charge",
    "Discount": "Discount",
    "Group": "Item Group",
    "Payment": "Payment",
}
SELLABLE_ITEM_TYPES = frozenset(
    {"InvtPart", "Assembly", "Kit", "NonInvtPart", "Service", "OthCharge", "Discount"}
)


def tf(flag: bool) -> str:
    """NetSuite's booleans in SuiteQL are the characters T and F."""
    return "T" if flag else "F"


@dataclass
class StoredFile:
    """A File Cabinet file created through the RESTlet, with its decoded contents."""

    id: str
    name: str
    folder_id: str
    file_type: str
    contents: bytes
    description: str | None
    attached_to: list[str]


@dataclass
class Account:
    """The account's mutable state shared by every endpoint: records, forms, files and the clock."""

    db: sqlite3.Connection
    forms: dict[str, CustomForm]
    clock: Callable[[], float]
    files: list[StoredFile] = field(default_factory=list)
    restlet_deployed: bool = True

    def today(self) -> str:
        return datetime.fromtimestamp(self.clock(), UTC).date().isoformat()

    def row(self, sql: str, params: tuple[object, ...]) -> dict[str, object] | None:
        cursor = self.db.execute(sql, params)
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))


def open_database(seed: Seed) -> sqlite3.Connection:
    # One connection, used only from the event loop's thread; the sandbox never awaits mid-transaction.
    db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    db.executescript(SCHEMA)
    # Oracle's LIKE is case-sensitive and it has NVL; SuiteQL written for NetSuite must work unchanged.
    db.execute("PRAGMA case_sensitive_like = ON")
    db.create_function(
        "NVL", 2, lambda value, default: default if value is None else value, deterministic=True
    )
    _load(db, seed)
    return db


def _customer_row(c: Customer) -> tuple[object, ...]:
    names = (c.id, c.entity_id, c.company_name, c.first_name, c.last_name, tf(c.is_person))
    return (*names, c.email, c.phone, c.subsidiary, c.currency, c.external_id, tf(c.inactive), c.date_created)


def _load(db: sqlite3.Connection, seed: Seed) -> None:
    ins = db.executemany
    ins(
        "INSERT INTO subsidiary VALUES (?, ?, ?, ?, ?, 'F', ?)",
        [(i, n, p, c, country, tf(elim)) for i, n, p, c, country, elim in seed.subsidiaries],
    )
    ins("INSERT INTO currency VALUES (?, ?, ?, ?, 'F')", [(*c[:3], tf(c[3])) for c in seed.currencies])
    ins(
        "INSERT INTO customer VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_customer_row(c) for c in seed.customers],
    )
    ins("INSERT INTO customercurrency VALUES (?, ?)", seed.customer_currencies)
    ins(
        "INSERT INTO item VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
        [
            (i.id, i.item_id, i.display_name, i.display_name, i.item_type, tf(i.inactive), i.subsidiary)
            for i in seed.items
        ],
    )
    ins(
        "INSERT INTO pricing VALUES (?, ?, ?, 0, ?)",
        [(i.id, level, cur, price) for i in seed.items for (level, cur), price in i.prices.items()],
    )
    ins("INSERT INTO itemtype VALUES (?, ?)", list(ITEM_TYPE_LABELS.items()))
    ins("INSERT INTO pricelevel (id, name) VALUES (?, ?)", seed.price_levels)
    ins(
        "INSERT INTO employee VALUES (?, ?, ?, ?, ?, ?)",
        [(i, f"{f} {n}", f, n, tf(rep), tf(off)) for i, f, n, rep, off in seed.employees],
    )
    ins("INSERT INTO department (id, name) VALUES (?, ?)", seed.departments)
    ins("INSERT INTO classification (id, name) VALUES (?, ?)", seed.classes)
    ins("INSERT INTO location (id, name) VALUES (?, ?)", seed.locations)
    ins("INSERT INTO customlist_sohs_region (id, name) VALUES (?, ?)", REGIONS)
    ins(
        "INSERT INTO customform (id, name, recordtype) VALUES (?, ?, 'salesorder')",
        [(f.id, f.name) for f in seed.forms],
    )
    ins(
        "INSERT INTO transactionstatus VALUES (?, 'SalesOrd', ?, ?)",
        [(code, name, f"Sales Order : {name}") for code, name in SALES_ORDER_STATUSES.items()],
    )
    ins("INSERT INTO mediaitemfolder VALUES (?, ?, ?)", seed.folders)
    for order in seed.sales_orders:
        body = {
            "id": order.id,
            "tranid": order.tran_id,
            "trandate": order.tran_date,
            "type": "SalesOrd",
            "status": order.status,
            "entity": order.entity,
            "subsidiary": order.subsidiary,
            "currency": order.currency,
            "externalid": order.external_id,
            "memo": order.memo,
            "otherrefnum": order.other_ref_num,
            "customform": order.custom_form,
            "createddate": order.tran_date,
            "lastmodifieddate": order.tran_date,
        } | order.body
        lines: list[Line] = [(ln.item, ln.quantity, ln.rate, ln.description, None) for ln in order.lines]
        write_order(db, dict(body), lines)


def write_order(
    db: sqlite3.Connection,
    body: dict[str, object],
    lines: list[Line],
) -> None:
    """Insert or replace one sales order with its lines (item, quantity, rate, description, serial notes).

    Like NetSuite, item lines carry negative quantity and net amount (a sales order credits income), and a
    main line (`mainline = 'T'`) carries the order total.
    """
    total = round(sum(qty * rate for _, qty, rate, _, _ in lines), 2)
    body = body | {"foreigntotal": total}
    columns = ", ".join(body)
    marks = ", ".join("?" for _ in body)
    db.execute(f'INSERT OR REPLACE INTO "transaction" ({columns}) VALUES ({marks})', list(body.values()))
    db.execute('DELETE FROM transactionline WHERE "transaction" = ?', (body["id"],))
    db.execute(
        'INSERT INTO transactionline (id, "transaction", linesequencenumber, item, quantity, rate, netamount,'
        " itemtype, mainline, taxline) VALUES (0, ?, 0, NULL, NULL, NULL, ?, NULL, 'T', 'F')",
        (body["id"], total),
    )
    for number, (item, qty, rate, description, notes) in enumerate(lines, start=1):
        db.execute(
            'INSERT INTO transactionline (id, "transaction", linesequencenumber, item, quantity, rate,'
            " netamount, itemtype, mainline, taxline, memo, custcol_serial_notes)"
            " SELECT ?, ?, ?, id, ?, ?, ?, itemtype, 'F', 'F', ?, ? FROM item WHERE id = ?",
            (number, body["id"], number, -qty, rate, -round(qty * rate, 2), description, notes, item),
        )


def next_id(db: sqlite3.Connection, table: str, *, start: int) -> str:
    (current,) = db.execute(f"SELECT MAX(id) FROM {table}").fetchone()
    return str(max(int(current or 0) + 1, start))


def forms_by_id(seed: Seed) -> dict[str, CustomForm]:
    return {form.id: form for form in seed.forms}
