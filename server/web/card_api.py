"""The Sales orders card's API (docs/api.md, "Sales orders card"): list a deal's orders, link, unlink."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server.web.auth import identity_of, signed
from server.web.bodies import deal_id_of, our_id, parse_body
from server.web.context import services_of


class LinkBody(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    connectionId: str = Field(min_length=1, max_length=64)
    number: str = Field(min_length=1, max_length=64)


@signed("v3")
async def list_orders(request: Request) -> Response:
    identity = identity_of(request)
    refresh = request.query_params.get("refresh") == "1"
    view = await services_of(request).orders.load_deal_orders(
        identity.portal_id, deal_id_of(request), refresh=refresh
    )
    return JSONResponse(view)


@signed("v3")
async def link_order(request: Request) -> Response:
    identity = identity_of(request)
    deal_id = deal_id_of(request)
    body = await parse_body(request, LinkBody)
    answer = await services_of(request).orders.link_existing(
        identity.portal_id, deal_id, connection_id=body.connectionId, number=body.number,
        user_email=identity.user_email,
    )  # fmt: skip
    return JSONResponse(answer, status_code=201)


@signed("v3")
async def unlink_order(request: Request) -> Response:
    identity = identity_of(request)
    await services_of(request).orders.unlink(
        identity.portal_id, deal_id_of(request), our_id(request, "linkId")
    )
    return Response(status_code=204)


def routes() -> list[BaseRoute]:
    return [
        Route("/api/v1/deals/{dealId}/sales-orders", list_orders, methods=["GET"]),
        Route("/api/v1/deals/{dealId}/sales-orders/links", link_order, methods=["POST"]),
        Route("/api/v1/deals/{dealId}/sales-orders/links/{linkId}", unlink_order, methods=["DELETE"]),
    ]
