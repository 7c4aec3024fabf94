"""Automation actions v4 callbacks: completing a blocked workflow action, recorded for tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from server.sandbox.hubspot.limits import api, hubspot_error

if TYPE_CHECKING:
    from server.sandbox.hubspot.app import HubSpotSandbox

STATES = {"SUCCESS", "FAIL_CONTINUE", "BLOCK"}


@dataclass(frozen=True)
class CompletedCallback:
    callback_id: str
    output_fields: dict[str, Any]
    body: dict[str, Any]


def _check(entry: Any) -> str | None:
    """Why HubSpot would refuse this completion, or None."""
    if not isinstance(entry, dict) or not isinstance(entry.get("outputFields"), dict):
        return "outputFields is required"
    state = entry["outputFields"].get("hs_execution_state")
    if state is not None and state not in STATES:
        return f"hs_execution_state must be one of {sorted(STATES)}"
    return None


@api("automation")
async def complete(request: Request) -> Response:
    sandbox: HubSpotSandbox = request.app.state.sandbox
    try:
        body = await request.json()
    except ValueError:
        return hubspot_error(400, "VALIDATION_ERROR", "Invalid input JSON")
    problem = _check(body)
    if problem:
        return hubspot_error(400, "VALIDATION_ERROR", problem)
    callback_id = request.path_params["callback_id"]
    sandbox.callbacks.append(CompletedCallback(callback_id, dict(body["outputFields"]), body))
    return Response(status_code=204)


@api("automation")
async def complete_batch(request: Request) -> Response:
    sandbox: HubSpotSandbox = request.app.state.sandbox
    try:
        body = await request.json()
    except ValueError:
        return hubspot_error(400, "VALIDATION_ERROR", "Invalid input JSON")
    inputs = body.get("inputs") if isinstance(body, dict) else None
    if not isinstance(inputs, list) or not inputs:
        return hubspot_error(400, "VALIDATION_ERROR", "inputs is required")
    for entry in inputs:
        problem = _check(entry) or (None if entry.get("callbackId") else "callbackId is required")
        if problem:
            return hubspot_error(400, "VALIDATION_ERROR", problem)
    for entry in inputs:
        sandbox.callbacks.append(
            CompletedCallback(str(entry["callbackId"]), dict(entry["outputFields"]), entry)
        )
    return Response(status_code=204)


def routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    # The v4 paths and their date-versioned twins.
    for prefix in ("/automation/v4/actions/callbacks", "/automation/actions/callbacks/2026-03"):
        routes += [
            Route(f"{prefix}/complete", complete_batch, methods=["POST"]),
            Route(f"{prefix}/{{callback_id}}/complete", complete, methods=["POST"]),
        ]
    return routes
