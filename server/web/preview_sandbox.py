"""Demo-only endpoints behind the preview page's sandbox control panel: turn the NetSuite sandbox's knobs.

They act on the in-process NetSuite sandbox the demo runs (change an order's status as if someone worked it
in NetSuite, add latency, take the account offline), so a rep can watch the card react: new status after
Refresh, the stale notice when NetSuite is slow or down.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from server.errors import BadRequestError, NotFoundError

MAX_LATENCY_SECONDS = 30.0
STATUS_CODES = "ABCDEFGH"


class NetSuiteKnobs(Protocol):
    """What the panel needs of the NetSuite sandbox (server.sandbox.netsuite.NetSuiteSandbox has it)."""

    latency: float
    down: bool

    def set_order_status(self, order_id: str, code: str) -> None: ...

    def sales_orders(self) -> list[dict[str, object]]: ...


def _knobs(request: Request) -> NetSuiteKnobs:
    knobs: NetSuiteKnobs | None = getattr(request.app.state, "netsuite_knobs", None)
    if knobs is None:
        raise NotFoundError("This preview runs without a NetSuite sandbox.", code="no_sandbox")
    return knobs


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body() or b"{}")
    except ValueError:
        raise BadRequestError("Send a JSON object.") from None
    if not isinstance(data, dict):
        raise BadRequestError("Send a JSON object.")
    return data


def state_of(knobs: NetSuiteKnobs) -> dict[str, object]:
    orders = [
        {"id": str(row["id"]), "number": row.get("tranid"), "status": row.get("status")}
        for row in knobs.sales_orders()
    ]
    return {"latency": knobs.latency, "down": knobs.down, "orders": orders}


async def sandbox_state(request: Request) -> JSONResponse:
    """GET /preview/sandbox/netsuite → {latency, down, orders: [{id, number, status}]}."""
    return JSONResponse(state_of(_knobs(request)))


async def set_knobs(request: Request) -> JSONResponse:
    """POST /preview/sandbox/netsuite {"latency"?: seconds, "down"?: bool} → the new state."""
    knobs = _knobs(request)
    data = await _json_object(request)
    if "latency" in data:
        latency = data["latency"]
        if isinstance(latency, bool) or not isinstance(latency, int | float):
            raise BadRequestError("latency must be a number of seconds.", fields={"latency": "A number"})
        if not 0 <= latency <= MAX_LATENCY_SECONDS:
            raise BadRequestError(
                f"latency must be between 0 and {MAX_LATENCY_SECONDS:g} s.",
                fields={"latency": f"0 to {MAX_LATENCY_SECONDS:g}"},
            )
        knobs.latency = float(latency)
    if "down" in data:
        if not isinstance(data["down"], bool):
            raise BadRequestError("down must be true or false.", fields={"down": "true or false"})
        knobs.down = data["down"]
    return JSONResponse(state_of(knobs))


async def set_order_status(request: Request) -> JSONResponse:
    """POST /preview/sandbox/netsuite/orders/{order_id}/status {"status": "G"} → the new state."""
    knobs = _knobs(request)
    code = (await _json_object(request)).get("status")
    if not isinstance(code, str) or len(code) != 1 or code not in STATUS_CODES:
        raise BadRequestError("status must be a NetSuite sales order status code A–H.")
    try:
        knobs.set_order_status(request.path_params["order_id"], code)
    except KeyError:
        raise NotFoundError(f"NetSuite has no sales order {request.path_params['order_id']}.") from None
    return JSONResponse(state_of(knobs))


def routes() -> list[BaseRoute]:
    return [
        Route("/preview/sandbox/netsuite", sandbox_state, methods=["GET"]),
        Route("/preview/sandbox/netsuite", set_knobs, methods=["POST"]),
        Route("/preview/sandbox/netsuite/orders/{order_id}/status", set_order_status, methods=["POST"]),
    ]
