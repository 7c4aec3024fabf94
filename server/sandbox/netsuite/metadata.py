"""Metadata catalog (JSON Schema draft-06) and select-options, built from the records' field specs."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.sandbox.netsuite import customer, salesorder
from server.sandbox.netsuite.errors import ErrorDetail, RestError
from server.sandbox.netsuite.fields import REF_TABLES, FieldSpec
from server.sandbox.netsuite.state import SALES_ORDER_STATUSES, Account

SCHEMA_MEDIA_TYPE = "application/schema+json"
SELECT_OPTIONS_MEDIA_TYPE = "application/vnd.oracle.resource+json; type=select-options"
FIELDS = {"salesOrder": salesorder.BODY_FIELDS, "customer": customer.BODY_FIELDS}
_TYPES = {
    "text": {"type": "string"},
    "email": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "bool": {"type": "boolean"},
    "int": {"type": "integer", "format": "int64"},
    "float": {"type": "number", "format": "double"},
}


def _base(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}/services/rest/record/v1"


def _property(spec: FieldSpec, base: str) -> dict[str, object]:
    prop: dict[str, object] = {"title": spec.title}
    if spec.kind == "ref":
        assert spec.table is not None
        record = REF_TABLES[spec.table][1]
        prop |= {"type": "object", "$ref": f"{base}/metadata-catalog/{record}"}
    else:
        prop |= _TYPES[spec.kind]
    prop["nullable"] = True
    if spec.read_only:
        prop["readOnly"] = True
    if spec.custom:
        prop["x-ns-custom-field"] = True
    return prop


def _enum(title: str, codes: list[str], *, read_only: bool) -> dict[str, object]:
    prop: dict[str, object] = {
        "title": title,
        "type": "object",
        "properties": {"id": {"title": "Internal identifier", "type": "string", "enum": codes}},
    }
    return prop | ({"readOnly": True} if read_only else {})


def schema_for(record_type: str, base: str) -> dict[str, object]:
    properties = {spec.name: _property(spec, base) for spec in FIELDS[record_type].values()}
    properties["id"] = {"title": "Internal ID", "type": "string", "readOnly": True}
    if record_type == "salesOrder":
        properties["status"] = _enum("Status", list(SALES_ORDER_STATUSES), read_only=True)
        properties["orderStatus"] = _enum("Order Status", ["A", "B"], read_only=False)
        line = {spec.name: _property(spec, base) for spec in salesorder.LINE_FIELDS.values()}
        properties["item"] = {
            "title": "Items",
            "type": "object",
            "properties": {
                "items": {
                    "type": "array",
                    "items": {"title": "salesOrder-itemElement", "type": "object", "properties": line},
                }
            },
        }
    return {
        "$schema": "https://json-schema.org/draft-06/hyper-schema#",
        "type": "object",
        "properties": properties,
        "links": [{"rel": "self", "href": f"{base}/metadata-catalog/{record_type}"}],
    }


async def catalog(request: Request) -> Response:
    base = _base(request)
    items = [
        {
            "name": name,
            "links": [
                {
                    "rel": "canonical",
                    "href": f"{base}/metadata-catalog/{name}",
                    "mediaType": "application/json",
                },
                {"rel": "describes", "href": f"{base}/{name}", "mediaType": SCHEMA_MEDIA_TYPE},
            ],
        }
        for name in FIELDS
    ]
    return JSONResponse({"items": items, "links": [{"rel": "self", "href": f"{base}/metadata-catalog"}]})


async def record_schema(request: Request) -> Response:
    raw = str(request.path_params["type"])
    record_type = {"salesorder": "salesOrder", "customer": "customer"}.get(raw.lower())
    if record_type is None:
        raise RestError(404, ErrorDetail(f"The record type {raw} does not exist.", "NONEXISTENT_ID"))
    if SCHEMA_MEDIA_TYPE not in request.headers.get("accept", ""):
        # Without the schema media type NetSuite lists the available representations instead.
        href = f"{_base(request)}/metadata-catalog/{record_type}"
        links = [{"rel": "alternate", "href": href, "mediaType": SCHEMA_MEDIA_TYPE}]
        return JSONResponse({"name": record_type, "links": links})
    return JSONResponse(schema_for(record_type, _base(request)), media_type=SCHEMA_MEDIA_TYPE)


def _options_sql(table: str) -> str:
    name_column, _, _ = REF_TABLES[table]
    extra = " AND issalesrep = 'T'" if table == "employee" else ""
    extra += " AND iselimination = 'F'" if table == "subsidiary" else ""
    return f"SELECT id, {name_column} FROM {table} WHERE isinactive = 'F'{extra} ORDER BY {name_column}"


async def select_options(request: Request, account: Account) -> Response:
    record_type = {"salesorder": "salesOrder", "customer": "customer"}[
        str(request.path_params["type"]).lower()
    ]
    names = [n for n in request.query_params.get("fields", "").split(",") if n]
    specs = FIELDS[record_type]
    if not names:
        raise RestError(
            400,
            ErrorDetail("Specify the fields to list options for.", "INVALID_PARAMETER", query_param="fields"),
        )
    limit = (
        int(request.query_params.get("limit", "1000"))
        if request.query_params.get("limit", "").isdigit()
        else 1000
    )
    offset = (
        int(request.query_params.get("offset", "0"))
        if request.query_params.get("offset", "").isdigit()
        else 0
    )
    answer: dict[str, object] = {}
    for name in names:
        spec = specs.get(name)
        if spec is None or spec.kind != "ref" or spec.table is None:
            detail = f"The field {name} is not a select field of {record_type}."
            raise RestError(400, ErrorDetail(detail, "INVALID_PARAMETER", query_param="fields"))
        rows = account.db.execute(_options_sql(spec.table)).fetchall()
        page = rows[offset : offset + limit]
        answer[name] = {
            "_selectOptions": {
                "items": [{"id": str(i), "refName": str(text)} for i, text in page],
                "count": len(page),
                "offset": offset,
                "hasMore": offset + len(page) < len(rows),
                "totalResults": len(rows),
            }
        }
    return JSONResponse(answer, media_type=SELECT_OPTIONS_MEDIA_TYPE)
