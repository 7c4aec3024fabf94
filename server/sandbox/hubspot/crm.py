"""CRM objects v3 (get one, batch read) and associations v4, answering as HubSpot does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server.sandbox.hubspot.limits import api, hubspot_error

if TYPE_CHECKING:
    from server.sandbox.hubspot.app import HubSpotSandbox

# Object type ids HubSpot accepts in place of names.
TYPE_IDS = {"0-3": "deals", "0-8": "line_items", "0-7": "products", "0-2": "companies", "0-1": "contacts"}
TYPE_IDS["0-46"] = "notes"
READ_SCOPES = {
    "deals": ("crm.objects.deals.read",),
    "line_items": ("crm.objects.line_items.read", "e-commerce"),
    "products": ("crm.objects.products.read", "e-commerce"),
    "companies": ("crm.objects.companies.read",),
    "contacts": ("crm.objects.contacts.read",),
    # Notes are read under the contacts scope, per HubSpot's published API spec.
    "notes": ("crm.objects.contacts.read",),
}
SINGULAR = {"deals": "deal", "line_items": "line_item", "products": "product", "companies": "company"}
SINGULAR |= {"contacts": "contact", "notes": "note"}
EMBEDDED_LIMIT = 100  # associations embedded in a v3 object before HubSpot pages them
V4_TYPE_IDS = {"companies": 341, "contacts": 3, "line_items": 19, "notes": 214}
CREATED = "2026-10-01T09:00:00.000Z"


def _sandbox(request: Request) -> HubSpotSandbox:
    sandbox: HubSpotSandbox = request.app.state.sandbox
    return sandbox


def _type(name: str) -> str | None:
    name = TYPE_IDS.get(name, name)
    return name if name in READ_SCOPES else None


def _not_found(object_id: str) -> JSONResponse:
    return hubspot_error(
        404,
        "OBJECT_NOT_FOUND",
        "Object not found.  objectId are usually numeric.",
        context={"id": [object_id]},
    )


def render(
    object_type: str, object_id: str, props: dict[str, str | None], wanted: list[str] | None
) -> dict[str, Any]:
    names = wanted if wanted else [n for n in props if props[n] is not None]
    properties: dict[str, str | None] = {name: props.get(name) for name in names}
    properties |= {"hs_object_id": object_id, "createdate": CREATED, "hs_lastmodifieddate": CREATED}
    return {
        "id": object_id,
        "properties": properties,
        "createdAt": CREATED,
        "updatedAt": CREATED,
        "archived": False,
    }


def _embedded(sandbox: HubSpotSandbox, object_type: str, object_id: str, to_type: str) -> dict[str, Any]:
    edges = sandbox.associated(object_type, object_id, to_type)
    singular_from, singular_to = SINGULAR[object_type], SINGULAR[to_type]
    results: list[dict[str, str]] = []
    for to_id, primary in edges[:EMBEDDED_LIMIT]:
        if primary:
            results.append({"id": to_id, "type": f"{singular_from}_to_{singular_to}"})
        results.append({"id": to_id, "type": f"{singular_from}_to_{singular_to}_unlabeled"})
    block: dict[str, Any] = {"results": results}
    if len(edges) > EMBEDDED_LIMIT:
        after = str(EMBEDDED_LIMIT)
        link = f"/crm/v4/objects/{object_type}/{object_id}/associations/{to_type}?after={after}"
        block["paging"] = {"next": {"after": after, "link": link}}
    return block


async def get_object(request: Request) -> Response:
    sandbox = _sandbox(request)
    object_type = _type(request.path_params["object_type"])
    object_id = request.path_params["object_id"]
    if object_type is None:
        return hubspot_error(400, "VALIDATION_ERROR", "Unable to infer object type from: " + object_id)
    props = sandbox.objects.get(object_type, {}).get(object_id)
    if props is None:
        return _not_found(object_id)
    wanted = [p for p in request.query_params.get("properties", "").split(",") if p]
    body = render(object_type, object_id, props, wanted)
    asked = [a for a in request.query_params.get("associations", "").split(",") if a]
    associations = {}
    for to_name in asked:
        to_type = _type(to_name)
        if to_type is None or to_type == object_type:
            continue
        block = _embedded(sandbox, object_type, object_id, to_type)
        if block["results"]:
            # HubSpot keys the block by the type's display name: "line items", not "line_items".
            associations[to_type.replace("_", " ")] = block
    if associations:
        body["associations"] = associations
    return JSONResponse(body)


async def batch_read(request: Request) -> Response:
    sandbox = _sandbox(request)
    object_type = _type(request.path_params["object_type"])
    try:
        payload = await request.json()
    except ValueError:
        return hubspot_error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1")
    inputs = payload.get("inputs") if isinstance(payload, dict) else None
    if object_type is None or not isinstance(inputs, list):
        return hubspot_error(400, "VALIDATION_ERROR", "Invalid input: inputs is required")
    if len(inputs) > 100:
        return hubspot_error(400, "VALIDATION_ERROR", "Batch input limit exceeded: at most 100 inputs")
    wanted = [str(p) for p in payload.get("properties") or []]
    store = sandbox.objects.get(object_type, {})
    results, missing = [], []
    for entry in inputs:
        object_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        if object_id in store:
            results.append(render(object_type, object_id, store[object_id], wanted))
        else:
            missing.append(object_id)
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    body: dict[str, Any] = {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}
    if not missing:
        return JSONResponse(body)
    body["numErrors"] = 1
    body["errors"] = [
        {
            "status": "error",
            "category": "OBJECT_NOT_FOUND",
            "message": f"Could not get some {object_type.upper()} objects, they may be deleted or not exist. "
            "Check that ids are valid.",
            "context": {"ids": missing},
        }
    ]
    return JSONResponse(body, status_code=207)


async def list_associations(request: Request) -> Response:
    sandbox = _sandbox(request)
    object_type = _type(request.path_params["object_type"])
    to_type = _type(request.path_params["to_type"])
    object_id = request.path_params["object_id"]
    if object_type is None or to_type is None:
        return hubspot_error(400, "VALIDATION_ERROR", "Unknown object type")
    if object_id not in sandbox.objects.get(object_type, {}):
        return _not_found(object_id)
    try:
        limit = min(max(int(request.query_params.get("limit", "500")), 1), 500)
        start = int(request.query_params.get("after", "0") or 0)
    except ValueError:
        return hubspot_error(400, "VALIDATION_ERROR", "limit and after must be numbers")
    edges = sandbox.associated(object_type, object_id, to_type)
    page = edges[start : start + limit]
    results = []
    for to_id, primary in page:
        kinds = [{"category": "HUBSPOT_DEFINED", "typeId": V4_TYPE_IDS.get(to_type, 1), "label": None}]
        if primary:
            kinds.insert(0, {"category": "HUBSPOT_DEFINED", "typeId": 5, "label": "Primary"})
        results.append({"toObjectId": int(to_id), "associationTypes": kinds})
    body: dict[str, Any] = {"results": results}
    if start + limit < len(edges):
        after = str(start + limit)
        link = f"/crm/v4/objects/{object_type}/{object_id}/associations/{to_type}?after={after}"
        body["paging"] = {"next": {"after": after, "link": link}}
    return JSONResponse(body)


def _guarded(endpoint: Any, param: str) -> Any:
    """Check the scope of the object type named in the path, as HubSpot does per object type."""

    async def endpoint_with_scope(request: Request) -> Response:
        object_type = _type(request.path_params[param]) or ""
        scoped = api(*READ_SCOPES.get(object_type, ("crm.objects.deals.read",)))(endpoint)
        response: Response = await scoped(request)
        return response

    return endpoint_with_scope


def routes() -> list[BaseRoute]:
    return [
        Route(
            "/crm/v3/objects/{object_type}/batch/read", _guarded(batch_read, "object_type"), methods=["POST"]
        ),
        Route(
            "/crm/v3/objects/{object_type}/{object_id}", _guarded(get_object, "object_type"), methods=["GET"]
        ),
        Route(
            "/crm/v4/objects/{object_type}/{object_id}/associations/{to_type}",
            _guarded(list_associations, "object_type"),
            methods=["GET"],
        ),
    ]
