"""The sandbox's OAuth server: authorize (auto-consent), token grants, introspection and revocation.

Error bodies follow what HubSpot's token endpoint answers (`status` codes such as BAD_AUTH_CODE and
BAD_REFRESH_TOKEN, a message and a correlationId).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from server.sandbox.hubspot.seed import ACCESS_TOKEN_SECONDS, HUB_DOMAIN, INSTALLING_USER, INSTALLING_USER_ID

if TYPE_CHECKING:
    from server.sandbox.hubspot.app import HubSpotSandbox


@dataclass
class AccessToken:
    portal_id: int
    scopes: list[str]
    expires_at: float


@dataclass
class PendingCode:
    redirect_uri: str
    scopes: list[str]
    expires_at: float


def _error(status: str, message: str, code: int = 400) -> JSONResponse:
    body = {"status": status, "message": message, "correlationId": str(uuid.uuid4())}
    return JSONResponse(body, status_code=code)


async def _form(request: Request) -> dict[str, str]:
    # application/x-www-form-urlencoded, parsed here so the sandbox needs no multipart library.
    return dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))


def _sandbox(request: Request) -> HubSpotSandbox:
    sandbox: HubSpotSandbox = request.app.state.sandbox
    return sandbox


async def authorize(request: Request) -> Response:
    """HubSpot's consent screen, consenting at once for the sandbox portal (or refusing, by knob)."""
    sandbox = _sandbox(request)
    query = request.query_params
    if query.get("client_id") != sandbox.client_id:
        return HTMLResponse("<h1>Authorization failed</h1><p>Invalid client_id.</p>", status_code=400)
    redirect_uri = query.get("redirect_uri", "")
    if redirect_uri not in sandbox.redirect_urls:
        return HTMLResponse("<h1>Authorization failed</h1><p>The redirect URL does not match.</p>", 400)
    asked = set(query.get("scope", "").split())
    # HubSpot refuses an install whose scopes differ from the app's configured required scopes.
    if asked != set(sandbox.required_scopes):
        return HTMLResponse("<h1>Authorization failed</h1><p>Scope mismatch.</p>", status_code=400)
    state = query.get("state")
    if sandbox.deny_consent:
        params = {"error": "access_denied", "error_description": "The user declined the install."}
    else:
        optional = set(query.get("optional_scope", "").split()) & set(sandbox.optional_scopes)
        code = f"na1-{secrets.token_hex(16)}"
        sandbox.codes[code] = PendingCode(
            redirect_uri=redirect_uri, scopes=sorted(asked | optional), expires_at=sandbox.clock() + 600
        )
        params = {"code": code}
    if state is not None:
        params["state"] = state
    return RedirectResponse(f"{redirect_uri}?{urlencode(params)}", status_code=302)


async def token(request: Request) -> Response:
    sandbox = _sandbox(request)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return _error("BAD_REQUEST", "The request must be application/x-www-form-urlencoded.")
    fields = await _form(request)
    grant = fields.get("grant_type", "")
    sandbox.token_requests.append(grant)
    if fields.get("client_id") != sandbox.client_id:
        return _error("BAD_CLIENT_ID", "missing or invalid client_id")
    if fields.get("client_secret") != sandbox.client_secret:
        return _error("BAD_CLIENT_SECRET", "missing or invalid client_secret")
    if grant == "authorization_code":
        pending = sandbox.codes.pop(fields.get("code", ""), None)
        if pending is None or pending.expires_at < sandbox.clock():
            return _error("BAD_AUTH_CODE", "missing or unknown auth code")
        if fields.get("redirect_uri") != pending.redirect_uri:
            return _error("BAD_REDIRECT_URI", "redirect_uri does not match the one used to authorize")
        refresh = f"na1-{uuid.uuid4()}"
        sandbox.refresh_tokens[refresh] = pending.scopes
        return _issue(sandbox, refresh, pending.scopes)
    if grant == "refresh_token":
        refresh = fields.get("refresh_token", "")
        scopes = sandbox.refresh_tokens.get(refresh)
        if scopes is None:
            return _error("BAD_REFRESH_TOKEN", "missing or invalid refresh token")
        return _issue(sandbox, refresh, scopes)
    return _error("BAD_GRANT_TYPE", "grant_type must be authorization_code or refresh_token")


def _issue(sandbox: HubSpotSandbox, refresh: str, scopes: list[str]) -> JSONResponse:
    sandbox.issued += 1
    access = f"CK{sandbox.issued:04d}{secrets.token_urlsafe(40)}"
    sandbox.access_tokens[access] = AccessToken(
        portal_id=sandbox.portal_id, scopes=scopes, expires_at=sandbox.clock() + ACCESS_TOKEN_SECONDS
    )
    body = {
        "token_type": "bearer",
        "access_token": access,
        "refresh_token": refresh,
        "expires_in": ACCESS_TOKEN_SECONDS,
        "hub_id": sandbox.portal_id,
        "scopes": scopes,
    }
    return JSONResponse(body)


async def introspect(request: Request) -> Response:
    sandbox = _sandbox(request)
    form = await _form(request)
    if form.get("client_id") != sandbox.client_id or form.get("client_secret") != sandbox.client_secret:
        return _error("BAD_CLIENT_ID", "missing or invalid client credentials")
    value = str(form.get("token", ""))
    access = sandbox.access_tokens.get(value)
    if access is not None and access.expires_at > sandbox.clock():
        return JSONResponse(
            {
                "active": True,
                "token_use": "access_token",
                "token": value,
                "hub_id": access.portal_id,
                "hub_domain": HUB_DOMAIN,
                "user": INSTALLING_USER,
                "user_id": INSTALLING_USER_ID,
                "client_id": sandbox.client_id,
                "app_id": sandbox.app_id,
                "scopes": access.scopes,
                "token_type": "bearer",
                "expires_in": int(access.expires_at - sandbox.clock()),
                "is_private_distribution": False,
            }
        )
    if value in sandbox.refresh_tokens:
        return JSONResponse(
            {
                "active": True,
                "token_use": "refresh_token",
                "token": value,
                "hub_id": sandbox.portal_id,
                "client_id": sandbox.client_id,
                "user": INSTALLING_USER,
                "user_id": INSTALLING_USER_ID,
                "scopes": sandbox.refresh_tokens[value],
            }
        )
    return JSONResponse({"active": False})


async def revoke(request: Request) -> Response:
    sandbox = _sandbox(request)
    form = await _form(request)
    if form.get("client_id") != sandbox.client_id or form.get("client_secret") != sandbox.client_secret:
        return _error("BAD_CLIENT_ID", "missing or invalid client credentials")
    sandbox.refresh_tokens.pop(str(form.get("token", "")), None)
    return Response(status_code=204)


def routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = [Route("/oauth/authorize", authorize, methods=["GET"])]
    for version in ("2026-03", "v3"):
        routes += [
            Route(f"/oauth/{version}/token", token, methods=["POST"]),
            Route(f"/oauth/{version}/token/introspect", introspect, methods=["POST"]),
            Route(f"/oauth/{version}/token/revoke", revoke, methods=["POST"]),
        ]
    return routes
