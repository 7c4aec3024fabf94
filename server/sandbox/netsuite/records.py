"""REST record service endpoints for salesOrder and customer (`/services/rest/record/v1/...`)."""

from __future__ import annotations

import json
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server.sandbox.netsuite import customer, metadata, salesorder
from server.sandbox.netsuite.errors import ErrorDetail, RestError
from server.sandbox.netsuite.state import Account, next_id

RECORD_MEDIA_TYPE = "application/vnd.oracle.resource+json; type=singular"
_EXTERNAL_ID = re.compile(r"^[A-Za-z0-9_\-]+$")
# NetSuite's docs spell the path both ways; we accept both and answer with the camelCase form.
RECORD_TYPES = {"salesorder": "salesOrder", "customer": "customer"}


def account_of(request: Request) -> Account:
    account: Account = request.app.state.account
    return account


def base_url(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def _record_type(request: Request) -> str:
    raw = str(request.path_params["type"])
    record_type = RECORD_TYPES.get(raw.lower())
    if record_type is None:
        raise RestError(404, ErrorDetail(f"The record type {raw} does not exist.", "NONEXISTENT_ID"))
    return record_type


async def json_body(request: Request) -> object:
    raw = await request.body()
    try:
        return json.loads(raw or b"null")
    except ValueError:
        raise RestError(400, ErrorDetail("The request body is not valid JSON.", "INVALID_REQUEST")) from None


def _strict_names(request: Request) -> bool:
    return request.headers.get("x-netsuite-propertynamevalidation", "warning").lower() == "error"


def _find(account: Account, record_type: str, key: str) -> dict[str, object] | None:
    table, extra = (
        ('"transaction"', " AND type = 'SalesOrd'") if record_type == "salesOrder" else ("customer", "")
    )
    if key.startswith("eid:"):
        return account.row(f"SELECT * FROM {table} WHERE externalid = ?{extra}", (key[4:],))
    if not key.isdigit():
        raise RestError(404, ErrorDetail("Record does not exist.", "NONEXISTENT_ID"))
    return account.row(f"SELECT * FROM {table} WHERE id = ?{extra}", (key,))


def _existing(account: Account, record_type: str, key: str) -> dict[str, object]:
    row = _find(account, record_type, key)
    if row is None:
        raise RestError(404, ErrorDetail("Record does not exist.", "NONEXISTENT_ID"))
    return row


def _save(
    request: Request, record_type: str, body: object, existing: dict[str, object] | None, *, replace: bool
) -> str:
    """Validate and store; returns the internal id. Runs without awaiting, so it is atomic in the sandbox."""
    account = account_of(request)
    strict = _strict_names(request)
    if record_type == "salesOrder":
        write = salesorder.validate(
            account.db, account.forms, body, existing=existing, strict_names=strict, replace_lines=replace
        )
        _unique_external_id(account, '"transaction"', write.columns, existing)
        record_id = str(existing["id"]) if existing else next_id(account.db, '"transaction"', start=501)
        salesorder.save(account.db, record_id, write, account.today())
        return record_id
    columns = customer.validate(account.db, body, existing=existing, strict_names=strict)
    _unique_external_id(account, "customer", columns, existing)
    record_id = str(existing["id"]) if existing else next_id(account.db, "customer", start=201)
    customer.save(account.db, record_id, columns, account.today())
    return record_id


def _unique_external_id(
    account: Account, table: str, columns: dict[str, object], existing: dict[str, object] | None
) -> None:
    external_id = columns.get("externalid")
    if external_id is None:
        return
    row = account.row(f"SELECT id FROM {table} WHERE externalid = ?", (external_id,))
    if row is not None and (existing is None or row["id"] != existing["id"]):
        text = f"A record with the external ID {external_id} already exists."
        raise RestError(400, ErrorDetail(text, "INVALID_CONTENT", path="externalId"))


def _created(request: Request, record_type: str, record_id: str) -> Response:
    # NetSuite answers a create with 204 and the new record's URL in Location.
    location = f"{base_url(request)}/services/rest/record/v1/{record_type}/{record_id}"
    return Response(status_code=204, headers={"Location": location})


async def create(request: Request) -> Response:
    record_type = _record_type(request)
    if "type=select-options" in request.headers.get("accept", ""):
        return await metadata.select_options(request, account_of(request))
    body = await json_body(request)
    return _created(request, record_type, _save(request, record_type, body, None, replace=True))


async def upsert(request: Request) -> Response:
    record_type = _record_type(request)
    key = str(request.path_params["id"])
    if not key.startswith("eid:"):
        detail = "PUT is supported only with an external ID in the URL (eid:...)."  # UNCONFIRMED wording
        raise RestError(400, ErrorDetail(detail, "INVALID_REQUEST"))
    if not _EXTERNAL_ID.match(key[4:]):
        detail = f"The external ID {key[4:]} contains characters other than letters, digits, _ and -."
        raise RestError(400, ErrorDetail(detail, "INVALID_REQUEST"))
    body = await json_body(request)
    if isinstance(body, dict):
        body = body | {"externalId": key[4:]}
    existing = _find(account_of(request), record_type, key)
    return _created(request, record_type, _save(request, record_type, body, existing, replace=True))


async def update(request: Request) -> Response:
    record_type = _record_type(request)
    existing = _existing(account_of(request), record_type, str(request.path_params["id"]))
    body = await json_body(request)
    replace = "item" in request.query_params.get("replace", "").split(",")
    _save(request, record_type, body, existing, replace=replace)
    return Response(status_code=204)


async def read(request: Request) -> Response:
    record_type = _record_type(request)
    account = account_of(request)
    row = _existing(account, record_type, str(request.path_params["id"]))
    if record_type == "salesOrder":
        expand = request.query_params.get("expandSubResources", "false").lower() == "true"
        body = salesorder.render(account.db, row, base_url(request), expand=expand)
    else:
        body = customer.render(account.db, row, base_url(request))
    fields = request.query_params.get("fields")
    if fields:
        wanted = {"links", "id", *fields.split(",")}
        body = {k: v for k, v in body.items() if k in wanted}
    return JSONResponse(body, media_type=RECORD_MEDIA_TYPE)


async def read_lines(request: Request) -> Response:
    account = account_of(request)
    row = _existing(account, "salesOrder", str(request.path_params["id"]))
    href = f"{base_url(request)}/services/rest/record/v1/salesOrder/{row['id']}"
    body = salesorder.render_lines(account.db, str(row["id"]), href, base_url(request))
    return JSONResponse(body, media_type=RECORD_MEDIA_TYPE)


ROUTES = [
    Route("/services/rest/record/v1/metadata-catalog", metadata.catalog, methods=["GET"]),
    Route("/services/rest/record/v1/metadata-catalog/{type}", metadata.record_schema, methods=["GET"]),
    Route("/services/rest/record/v1/{type}", create, methods=["POST"]),
    Route("/services/rest/record/v1/{type}/{id}", read, methods=["GET"]),
    Route("/services/rest/record/v1/{type}/{id}", upsert, methods=["PUT"]),
    Route("/services/rest/record/v1/{type}/{id}", update, methods=["PATCH"]),
    Route("/services/rest/record/v1/salesOrder/{id}/item", read_lines, methods=["GET"]),
]
