"""HubSpot → backend calls of the workflow action (signed v2): execute, and the options of its fields."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from server.errors import BadRequestError, NotFoundError, ValidationFailedError
from server.store.repositories import DuplicateError
from server.web.auth import identity_of, signed
from server.web.context import services_of
from server.workflow import options
from server.workflow.definition import EXECUTE_PATH, OPTION_FIELDS, OPTIONS_PATH, validate_inputs
from server.workflow.outcome import blocked, failure, final_answer
from server.workflow.request import order_external_id, parse_execution, parse_options

log = logging.getLogger(__name__)
NOT_CONNECTED = (
    "The NetSuite account chosen in this action is not connected to this HubSpot account. "
    "Choose a connected account in the action's settings (connect one in the app settings first)."
)


@signed("v2")
async def execute(request: Request) -> JSONResponse:
    """Record the execution once per callback id and answer at once; the worker does the rest."""
    identity = identity_of(request)
    call = parse_execution(await request.body())
    if call.portal_id != identity.portal_id:
        raise BadRequestError("origin.portalId is not the signed HubSpot account.")
    try:
        inputs = validate_inputs(call.input_fields)
    except ValidationFailedError as exc:
        # The workflow's settings are wrong: nothing to retry, so fail now with what to fix.
        log.info("workflow action of portal %s refused: %s", call.portal_id, exc.fields)
        return JSONResponse({"outputFields": failure(exc.message).output_fields()})
    services = services_of(request)
    async with services.store.transaction() as tx:
        if await tx.connections.get(call.portal_id, inputs.connection_id) is None:
            return JSONResponse({"outputFields": failure(NOT_CONNECTED).output_fields()})
        try:
            execution, created = await tx.executions.record(
                call.portal_id,
                callback_id=call.callback_id,
                deal_id=call.deal_id,
                inputs=inputs.to_json(),
                external_id=order_external_id(call, one_per_deal=inputs.skip_if_linked),
            )
        except DuplicateError:
            raise BadRequestError("This callback id belongs to another HubSpot account.") from None
    if not created:
        log.info("workflow callback %s repeated (execution %s, %s)", call.callback_id, execution.id,
                 execution.state)  # fmt: skip
        finished = final_answer(execution)
        if finished is not None:
            return JSONResponse(finished)
    wake = getattr(request.app.state, "wake_workflow", None)
    if callable(wake):
        wake()
    return JSONResponse(blocked())


@signed("v2")
async def field_options(request: Request) -> JSONResponse:
    """Options of a field whose definition has an optionsUrl, for the signed portal only."""
    field = request.path_params["field"]
    if field not in OPTION_FIELDS:
        raise NotFoundError(f"The action has no field {field[:40]!r} with options.")
    call = parse_options(await request.body(), field)
    if call.portal_id != identity_of(request).portal_id:
        raise BadRequestError("origin.portalId is not the signed HubSpot account.")
    services = services_of(request)
    page = await options.field_options(services.store, services.netsuite.client_for, call)
    return JSONResponse(page)


def routes() -> list[BaseRoute]:
    return [
        Route(EXECUTE_PATH, execute, methods=["POST"]),
        Route(OPTIONS_PATH, field_options, methods=["POST"]),
    ]
