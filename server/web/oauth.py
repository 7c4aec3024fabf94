"""The browser side of installing the app: /oauth/install sends the admin to HubSpot, /oauth/callback
finishes the install and says how it went. The signed `state` is bound to a cookie set on this browser,
so nobody can slip their own HubSpot account into someone else's install (login CSRF)."""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.templating import Jinja2Templates

from server.errors import AppError
from server.hubspot.errors import HubSpotOAuthError
from server.web.context import services_of

log = logging.getLogger(__name__)

NONCE_COOKIE = "hs_install_nonce"
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _page(request: Request, name: str, status: int, **context: object) -> Response:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.delete_cookie(NONCE_COOKIE, path="/oauth")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _error(request: Request, title: str, message: str, status: int = 400) -> Response:
    return _page(request, "oauth_error.html", status, title=title, message=message)


async def install(request: Request) -> Response:
    services = services_of(request)
    state, nonce = services.hubspot_tokens.new_state()
    response = RedirectResponse(services.hubspot_tokens.authorize_url(state), status_code=302)
    response.set_cookie(
        NONCE_COOKIE,
        nonce,
        max_age=600,
        path="/oauth",
        httponly=True,
        secure=services.settings.public_base_url.startswith("https://"),
        # Lax: the cookie must come back on HubSpot's top-level redirect to the callback.
        samesite="lax",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def callback(request: Request) -> Response:
    tokens = services_of(request).hubspot_tokens
    query = request.query_params
    if "error" in query:
        log.info("HubSpot install not completed: %s", (query.get("error") or "")[:64])
        return _error(
            request,
            "The app was not installed",
            "The install was cancelled or refused in HubSpot. Nothing was changed. "
            "To try again, start the install from HubSpot's marketplace.",
        )
    try:
        tokens.check_state(query.get("state"), request.cookies.get(NONCE_COOKIE))
        install = await tokens.exchange_code(query.get("code", ""))
    except HubSpotOAuthError as exc:
        return _error(request, "The app was not installed", exc.message)
    except AppError as exc:
        return _error(request, "The app was not installed", exc.message, status=502)
    return _page(
        request,
        "oauth_success.html",
        200,
        portal_id=install.portal_id,
        hub_domain=install.hub_domain,
    )


def routes() -> list[BaseRoute]:
    return [
        Route("/oauth/install", install, methods=["GET"]),
        Route("/oauth/callback", callback, methods=["GET"]),
    ]
