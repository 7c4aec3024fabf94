"""Every SuiteQL statement the connector runs. User input only ever travels as bound `?` parameters.

Column names are those of docs/netsuite-contract.md; SuiteQL answers every value as a string and leaves
null columns out of a row, so the models give every optional column a default.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

MAX_IN_LIST = 1000  # Oracle (under SuiteQL) refuses more than 1000 expressions in one IN list
SELLABLE_ITEM_TYPES = ("InvtPart", "Assembly", "Kit", "NonInvtPart", "Service", "OthCharge", "Discount")


def placeholders(count: int) -> str:
    """`?, ?, ?` for an IN list of `count` bound values (at least one, at most MAX_IN_LIST)."""
    if not 1 <= count <= MAX_IN_LIST:
        raise ValueError(f"an IN list holds 1 to {MAX_IN_LIST} values, not {count}")
    return ", ".join("?" * count)


def chunks(values: Sequence[T], size: int = MAX_IN_LIST) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


FIRST_SUBSIDIARY = "SELECT id FROM subsidiary"

SUBSIDIARIES = """
SELECT s.id, s.name, s.parent, s.currency, c.symbol AS currencysymbol, s.country
FROM subsidiary s LEFT JOIN currency c ON c.id = s.currency
WHERE s.isinactive = 'F' AND s.iselimination = 'F'
ORDER BY s.name, s.id
"""

CURRENCIES = "SELECT id, symbol, name, isbasecurrency FROM currency ORDER BY symbol"

_CUSTOMER = """
SELECT c.id, c.entityid, c.companyname, c.firstname, c.lastname, c.isperson, c.email, c.phone,
       c.subsidiary, BUILTIN.DF(c.subsidiary) AS subsidiaryname, c.currency, c.externalid, c.isinactive
FROM customer c
"""


def search_customers() -> str:
    # INSTR instead of LIKE: a rep's "%" or "_" is text, not a wildcard.
    return (
        _CUSTOMER + "WHERE c.isinactive = 'F' AND (INSTR(LOWER(c.entityid), ?) > 0"
        " OR INSTR(LOWER(c.companyname), ?) > 0 OR INSTR(LOWER(c.email), ?) > 0)"
        " ORDER BY c.entityid, c.id"
    )


def customers_by_emails(count: int) -> str:
    return _CUSTOMER + f"WHERE c.isinactive = 'F' AND LOWER(c.email) IN ({placeholders(count)}) ORDER BY c.id"


def customers_by_external_ids(count: int) -> str:
    return _CUSTOMER + f"WHERE c.isinactive = 'F' AND c.externalid IN ({placeholders(count)}) ORDER BY c.id"


CUSTOMER_BY_ID = _CUSTOMER + "WHERE c.id = ?"


# Spelled out (not joined from SELLABLE_ITEM_TYPES) so the statement is a plain constant.
_ITEMS = """
SELECT i.id, i.itemid, i.displayname, i.description, i.itemtype, BUILTIN.DF(i.itemtype) AS itemtypelabel
FROM item i
WHERE i.isinactive = 'F' AND i.itemtype IN ('InvtPart', 'Assembly', 'Kit', 'NonInvtPart', 'Service',
  'OthCharge', 'Discount')
"""
# Base Price (level 1) at quantity 0 is the list price; quantity tiers above it are not ours to choose.
_PRICES = """
SELECT p.item, p.unitprice FROM pricing p
WHERE p.pricelevel = '1' AND p.currency = ? AND p.quantity = 0
"""


def items_by_skus(count: int) -> str:
    return _ITEMS + f"AND LOWER(i.itemid) IN ({placeholders(count)}) ORDER BY i.itemid, i.id"


def list_prices(count: int) -> str:
    return _PRICES + f"AND p.item IN ({placeholders(count)})"


_SALES_ORDER = """
SELECT t.id, t.tranid, t.trandate, t.status, BUILTIN.DF(t.status) AS statuslabel, t.foreigntotal,
       c.symbol AS currency, t.entity, BUILTIN.DF(t.entity) AS customername, t.externalid, t.memo,
       t.otherrefnum
FROM transaction t LEFT JOIN currency c ON c.id = t.currency
WHERE t.type = 'SalesOrd'
"""


def sales_orders_by_id(count: int) -> str:
    return _SALES_ORDER + f"AND t.id IN ({placeholders(count)}) ORDER BY t.id"


SALES_ORDER_BY_EXTERNAL_ID = _SALES_ORDER + "AND t.externalid = ?"
SALES_ORDER_BY_NUMBER = _SALES_ORDER + "AND UPPER(t.tranid) = ?"
