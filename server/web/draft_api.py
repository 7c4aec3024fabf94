"""The creation flow's API (docs/api.md, "Creation flow"): drafts, steps, option searches, submit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server.web.auth import identity_of, signed
from server.web.bodies import deal_id_of, our_id, parse_body
from server.web.context import services_of

MAX_VERSION = 2**31 - 1


class StartBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    restart: bool = False


class StepBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=MAX_VERSION)
    values: dict[str, Any] = Field(default_factory=dict)


class ReloadBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SubmitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=MAX_VERSION)


@signed("v3")
async def start_draft(request: Request) -> Response:
    identity = identity_of(request)
    deal_id = deal_id_of(request)
    body = await parse_body(request, StartBody)
    draft = await services_of(request).orders.start_or_resume_draft(
        identity.portal_id, deal_id, user_id=identity.user_id, restart=body.restart
    )
    return JSONResponse(draft)


@signed("v3")
async def show_draft(request: Request) -> Response:
    identity = identity_of(request)
    return JSONResponse(
        await services_of(request).orders.show_draft(identity.portal_id, our_id(request, "draftId"))
    )


@signed("v3")
async def submit_step(request: Request) -> Response:
    identity = identity_of(request)
    draft_id = our_id(request, "draftId")
    body = await parse_body(request, StepBody)
    draft = await services_of(request).orders.submit_step(
        identity.portal_id,
        draft_id,
        str(request.path_params["step"]),
        version=body.version,
        values=body.values,
    )
    return JSONResponse(draft)


@signed("v3")
async def reload_form(request: Request) -> Response:
    identity = identity_of(request)
    await parse_body(request, ReloadBody)  # `{}`: refuses anything else like every other route
    return JSONResponse(
        await services_of(request).orders.reload_form(identity.portal_id, our_id(request, "draftId"))
    )


@signed("v3")
async def field_options(request: Request) -> Response:
    identity = identity_of(request)
    field_id = str(request.path_params["fieldId"])[:64]
    answer = await services_of(request).orders.field_options(
        identity.portal_id, our_id(request, "draftId"), field_id, request.query_params.get("q", "")
    )
    return JSONResponse(answer)


@signed("v3")
async def submit_draft(request: Request) -> Response:
    identity = identity_of(request)
    draft_id = our_id(request, "draftId")
    body = await parse_body(request, SubmitBody)
    answer = await services_of(request).orders.submit_draft(
        identity.portal_id, draft_id, version=body.version, user_email=identity.user_email
    )
    return JSONResponse(answer)


@signed("v3")
async def discard_draft(request: Request) -> Response:
    identity = identity_of(request)
    await services_of(request).orders.discard_draft(identity.portal_id, our_id(request, "draftId"))
    return Response(status_code=204)


def routes() -> list[BaseRoute]:
    return [
        Route("/api/v1/deals/{dealId}/drafts", start_draft, methods=["POST"]),
        Route("/api/v1/drafts/{draftId}", show_draft, methods=["GET"]),
        Route("/api/v1/drafts/{draftId}/steps/{step}", submit_step, methods=["POST"]),
        Route("/api/v1/drafts/{draftId}/reload-form", reload_form, methods=["POST"]),
        Route("/api/v1/drafts/{draftId}/options/{fieldId}", field_options, methods=["GET"]),
        Route("/api/v1/drafts/{draftId}/submit", submit_draft, methods=["POST"]),
        Route("/api/v1/drafts/{draftId}/discard", discard_draft, methods=["POST"]),
    ]
