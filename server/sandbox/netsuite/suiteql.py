"""SuiteQL for real: the query runs on the account's SQLite tables, with NetSuite's paging and answers.

`BUILTIN.DF(expr)` is rewritten into a lookup of the display text of the record `expr` references (known
from the column's name, as NetSuite knows it from its schema). Only reads pass SQLite's authorizer.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.sandbox.netsuite.errors import ErrorDetail, RestError
from server.sandbox.netsuite.state import Account

MAX_LIMIT = 1000
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_COLUMN = re.compile(r"^\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*\.\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*$")
_DF = re.compile(r"builtin\s*\.\s*df\s*\(", re.IGNORECASE)
_RESERVED = re.compile(r"\btransaction\b", re.IGNORECASE)
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ}
# Functions a SuiteQL query may call (Oracle names where SQLite has them); none allocates unbounded memory.
ALLOWED_FUNCTIONS = frozenset(
    {"abs", "avg", "coalesce", "count", "instr", "length", "like", "lower", "ltrim", "max", "min", "nullif"}
    | {"nvl", "replace", "round", "rtrim", "substr", "sum", "trim", "upper", "ifnull", "cast"}
)
# SQLite VM steps between progress checks, and how many checks a query may take (NetSuite times out too).
PROGRESS_STEP = 10_000
MAX_PROGRESS_CHECKS = 2_000
_CUSTOMER_NAME = "(SELECT entityid FROM customer WHERE id = ({}))"
# Column name → the display text of what it references.
DISPLAY_LOOKUPS = {
    "entity": _CUSTOMER_NAME,
    "customer": _CUSTOMER_NAME,
    "status": "(SELECT name FROM transactionstatus WHERE trantype = 'SalesOrd' AND id = ({}))",
    "currency": "(SELECT name FROM currency WHERE id = ({}))",
    "subsidiary": "(SELECT name FROM subsidiary WHERE id = ({}))",
    "parent": "(SELECT name FROM subsidiary WHERE id = ({}))",
    "item": "(SELECT itemid FROM item WHERE id = ({}))",
    "itemtype": "(SELECT name FROM itemtype WHERE id = ({}))",
    "customform": "(SELECT name FROM customform WHERE id = ({}))",
    "pricelevel": "(SELECT name FROM pricelevel WHERE id = ({}))",
    "employee": "(SELECT entityid FROM employee WHERE id = ({}))",
    "salesrep": "(SELECT entityid FROM employee WHERE id = ({}))",
    "department": "(SELECT name FROM department WHERE id = ({}))",
    "class": "(SELECT name FROM classification WHERE id = ({}))",
    "location": "(SELECT name FROM location WHERE id = ({}))",
    "custbody_region": "(SELECT name FROM customlist_sohs_region WHERE id = ({}))",
    "folder": "(SELECT name FROM mediaitemfolder WHERE id = ({}))",
    "transaction": "(SELECT 'Sales Order #' || tranid FROM \"transaction\" WHERE id = ({}))",
    "type": "(CASE ({}) WHEN 'SalesOrd' THEN 'Sales Order' ELSE ({}) END)",
}


@dataclass(frozen=True)
class Page:
    items: list[dict[str, object]]
    total: int


def invalid_query(reason: str) -> RestError:
    # NetSuite's wording for every query it cannot run.
    detail = (
        f"Invalid search query. Detailed unprocessed description follows. Search error occurred: {reason}"
    )
    return RestError(400, ErrorDetail(detail, "INVALID_PARAMETER"))


def _closing_paren(sql: str, start: int) -> int:
    depth, i = 1, start
    while i < len(sql):
        ch = sql[i]
        if ch == "'":
            i = sql.find("'", i + 1)
            if i < 0:
                break
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise invalid_query("Invalid or unsupported search.")


def rewrite_builtin_df(sql: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(sql):
        if sql[i] == "'":
            end = sql.find("'", i + 1)
            while end >= 0 and sql[end + 1 : end + 2] == "'":
                end = sql.find("'", end + 2)
            end = len(sql) - 1 if end < 0 else end
            out.append(sql[i : end + 1])
            i = end + 1
            continue
        match = _DF.match(sql, i)
        if match and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            close = _closing_paren(sql, match.end())
            inner = rewrite_builtin_df(sql[match.end() : close])
            column = _COLUMN.match(inner)
            lookup = DISPLAY_LOOKUPS.get(column.group(1).lower()) if column else None
            out.append(lookup.format(inner, inner) if lookup else f"({inner})")
            i = close + 1
            continue
        out.append(sql[i])
        i += 1
    return "".join(out)


def quote_reserved(sql: str) -> str:
    """Quote NetSuite names that are SQLite keywords (`transaction`), leaving literals untouched."""
    parts = re.split(r"('(?:[^']|'')*'|\"[^\"]*\")", sql)
    return "".join(
        part if part[:1] in ("'", '"') else _RESERVED.sub(lambda m: f'"{m.group(0)}"', part) for part in parts
    )


def _authorize(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_OK if (arg2 or "").lower() in ALLOWED_FUNCTIONS else sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK if action in _READ_ACTIONS else sqlite3.SQLITE_DENY


def _budget() -> Callable[[], int]:
    checks = 0

    def progress() -> int:
        nonlocal checks
        checks += 1
        return 1 if checks > MAX_PROGRESS_CHECKS else 0  # non-zero interrupts the query

    return progress


def _text(value: object) -> object:
    # SuiteQL answers every value as a string; whole numbers without a decimal point.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _describe(error: sqlite3.Error) -> str:
    message = str(error)
    if message.startswith("no such table: "):
        return f"Record '{message.removeprefix('no such table: ')}' was not found."
    if message == "interrupted":
        return "The query took too long to run."
    if message.startswith("no such column: "):
        return f"Field '{message.removeprefix('no such column: ')}' was not found."
    return "Invalid or unsupported search."


def run_query(db: sqlite3.Connection, q: str, params: list[object], *, limit: int, offset: int) -> Page:
    """Run one SELECT; columns with a null value are left out of an item, as NetSuite does."""
    if not re.match(r"^\s*select\b", q, re.IGNORECASE):
        raise invalid_query("Invalid or unsupported search.")
    sql = quote_reserved(rewrite_builtin_df(q.strip().rstrip(";")))
    db.set_authorizer(_authorize)
    db.set_progress_handler(_budget(), PROGRESS_STEP)
    try:
        (total,) = db.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()
        cursor = db.execute(f"SELECT * FROM ({sql}) LIMIT ? OFFSET ?", [*params, limit, offset])
        names = [_column_name(d[0], n) for n, d in enumerate(cursor.description, start=1)]
        rows = cursor.fetchall()
    except sqlite3.ProgrammingError as exc:
        raise invalid_query(f"{exc}.") from None
    except sqlite3.Error as exc:
        raise invalid_query(_describe(exc)) from None
    finally:
        db.set_authorizer(None)
        db.set_progress_handler(None, PROGRESS_STEP)
    items = [
        {"links": [], **{name: _text(v) for name, v in zip(names, row, strict=True) if v is not None}}
        for row in rows
    ]
    return Page(items, int(total))


def _column_name(name: str, position: int) -> str:
    lowered = name.lower()
    return lowered if _IDENTIFIER.match(lowered) else f"expr{position}"


def check_paging(limit_text: str | None, offset_text: str | None) -> tuple[int, int]:
    def number(name: str, text: str | None, default: int) -> int:
        if text is None:
            return default
        if not text.isdigit():
            raise _bad_param(name, f"The value must be a whole number, got '{text}'.")
        return int(text)

    limit = number("limit", limit_text, MAX_LIMIT)
    offset = number("offset", offset_text, 0)
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad_param("limit", f"The value must be between 1 and {MAX_LIMIT}.")
    if offset % limit:
        raise _bad_param("offset", "The offset must be divisible by the limit.")
    return limit, offset


def _bad_param(name: str, reason: str) -> RestError:
    # UNCONFIRMED wording; the code and the named query parameter match NetSuite's documented shape.
    detail = f"Invalid value for the parameter '{name}'. {reason}"
    return RestError(400, ErrorDetail(detail, "INVALID_PARAMETER", query_param=name))


def _page_links(url: str, limit: int, offset: int, total: int) -> list[dict[str, str]]:
    def href(at: int) -> str:
        return f"{url}?limit={limit}&offset={at}"

    last = max(0, (total - 1) // limit * limit)
    links = [{"rel": "first", "href": href(0)}]
    if offset > 0:
        links.append({"rel": "previous", "href": href(max(0, offset - limit))})
    if offset + limit < total:
        links.append({"rel": "next", "href": href(offset + limit)})
    links += [{"rel": "last", "href": href(last)}, {"rel": "self", "href": href(offset)}]
    return links


async def suiteql_endpoint(request: Request) -> Response:
    prefer = [part.strip().lower() for part in request.headers.get("prefer", "").split(",")]
    if "transient" not in prefer:
        # UNCONFIRMED wording; NetSuite documents `Prefer: transient` as required for SuiteQL.
        detail = "Invalid Prefer header: SuiteQL requests must send 'Prefer: transient'."
        raise RestError(400, ErrorDetail(detail, "INVALID_REQUEST", header="Prefer"))
    limit, offset = check_paging(request.query_params.get("limit"), request.query_params.get("offset"))
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise RestError(400, ErrorDetail("The request body is not valid JSON.", "INVALID_REQUEST")) from None
    if not isinstance(body, dict) or not isinstance(body.get("q"), str):
        raise invalid_query("The query text (q) is missing.")
    params = body.get("params", [])
    if not isinstance(params, list) or not all(
        isinstance(p, str | int | float) and not isinstance(p, bool) for p in params
    ):
        raise invalid_query("params must be a list of strings or numbers.")
    account: Account = request.app.state.account
    page = run_query(account.db, body["q"], params, limit=limit, offset=offset)
    url = f"{request.url.scheme}://{request.url.netloc}{request.url.path}"
    answer = {
        "links": _page_links(url, limit, offset, page.total),
        "count": len(page.items),
        "hasMore": offset + len(page.items) < page.total,
        "offset": offset,
        "totalResults": page.total,
        "items": page.items,
    }
    return JSONResponse(answer, media_type="application/vnd.oracle.resource+json; type=collection")
