"""The local preview (demo only): a HubSpot-like deal record page that runs the real card bundle.

`GET /` shows a deal from the HubSpot sandbox, read with the production HubSpotClient, with the Sales orders
card mounted by the real card code (built by cards/preview/build.mjs into static/preview/). `GET /settings`
mounts the real settings page. The card's `hubspot.fetch` calls go through `POST /preview/fetch`, which signs
them like HubSpot. None of this is mounted unless `settings.demo` is true.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from server.concurrency import together
from server.errors import AppError
from server.hubspot.client import HubSpotClient
from server.hubspot.models import Company, Contact, Deal, LineItem
from server.web import preview_sandbox
from server.web.context import services_of
from server.web.preview_proxy import PreviewUser, fetch_proxy
from server.web.preview_sandbox import NetSuiteKnobs

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
BUNDLE_DIR = STATIC_DIR / "preview"
ASSETS_PATH = "/preview/assets"
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
DEAL_LIST_TTL_SECONDS = 60.0  # the picker's names; a page load should not cost the portal 8 API calls
DEAL_OBJECT_TYPE = "0-3"
APP_NAME = "NetSuite Sales Orders"


@dataclass
class PreviewSetup:
    """What the demo tells the preview: who the page acts as, which deals to offer, the sandbox knobs."""

    user: PreviewUser
    deal_ids: list[str]
    netsuite: NetSuiteKnobs | None = None
    timezone: str = "America/New_York"
    _deals: list[Deal] = field(default_factory=list)
    _deals_at: float = 0.0


def install_preview(app: Starlette, setup: PreviewSetup) -> None:
    """Give a demo app its preview identity and sandbox knobs (the routes exist only with settings.demo)."""
    app.state.preview = setup
    app.state.preview_user = setup.user
    app.state.netsuite_knobs = setup.netsuite


def _setup(request: Request) -> PreviewSetup:
    setup: PreviewSetup | None = getattr(request.app.state, "preview", None)
    if setup is None:
        raise AppError("The preview is not set up: start it with `salesorders demo`.", code="no_preview")
    return setup


def _hubspot(request: Request) -> HubSpotClient:
    return services_of(request).hubspot


async def _deal_list(client: HubSpotClient, setup: PreviewSetup) -> list[Deal]:
    if setup._deals and time.monotonic() - setup._deals_at < DEAL_LIST_TTL_SECONDS:
        return setup._deals
    portal = setup.user.portal_id
    deals = await together(*(client.deal(portal, deal_id) for deal_id in setup.deal_ids))
    setup._deals, setup._deals_at = list(deals), time.monotonic()
    return setup._deals


@dataclass(frozen=True)
class DealRecord:
    deal: Deal
    line_items: list[LineItem]
    companies: list[Company]
    contacts: list[Contact]


async def _deal_record(client: HubSpotClient, portal_id: int, deal_id: str) -> DealRecord:
    deal = await client.deal(portal_id, deal_id)
    line_items, companies, contacts = await together(
        client.line_items(portal_id, deal.line_items),
        client.companies(portal_id, deal.companies),
        client.contacts(portal_id, deal.contacts),
    )
    return DealRecord(deal, line_items, companies, contacts)


def money(value: Decimal | None, currency: str | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f} {currency or ''}".strip()


def quantity(value: Decimal) -> str:
    return format(value.normalize(), "f")  # 10, not 1E+1


templates.env.filters["money"] = money
templates.env.filters["quantity"] = quantity


def _context(setup: PreviewSetup, *, app_id: str, location: str, deal_id: str | None) -> dict[str, Any]:
    """The extension context HubSpot hands a card or settings page (CrmContext of @hubspot/ui-extensions)."""
    user = setup.user
    name, _, _domain = user.user_email.partition("@")
    context: dict[str, Any] = {
        "location": location,
        "user": {
            "id": int(user.user_id) if user.user_id.isdigit() else user.user_id,
            "email": user.user_email,
            "emails": [user.user_email],
            "firstName": name.split(".")[0].title(),
            "lastName": "",
            "teams": [],
            "permissions": [],
            "locale": "en-US",
        },
        "portal": {"id": user.portal_id, "timezone": setup.timezone},
        "extension": {
            "appId": int(app_id) if app_id.isdigit() else app_id,
            "appName": "NetSuite Sales Orders",
        },
    }
    if deal_id is not None:
        context["crm"] = {"objectId": int(deal_id), "objectTypeId": DEAL_OBJECT_TYPE}
    return context


def _bundle(name: str) -> str | None:
    path = BUNDLE_DIR / f"{name}.js"
    if not path.is_file():
        return None
    # Cache-busting by build time: a rebuilt bundle is picked up on reload.
    return f"{ASSETS_PATH}/preview/{name}.js?v={int(path.stat().st_mtime)}"


async def record_page(request: Request) -> Response:
    """GET /?deal=ID: the deal record with the Sales orders card."""
    setup = _setup(request)
    client = _hubspot(request)
    deals = await _deal_list(client, setup)
    deal_id = request.query_params.get("deal") or (setup.deal_ids[0] if setup.deal_ids else "")
    if deal_id not in setup.deal_ids:
        return RedirectResponse("/", status_code=303)
    record = await _deal_record(client, setup.user.portal_id, deal_id)
    settings = services_of(request).settings
    preview = {
        "mountId": "sales-orders-card",
        "fetchProxy": "/preview/fetch",
        "context": _context(
            setup, app_id=settings.hubspot_app_id, location="crm.record.tab", deal_id=deal_id
        ),
        "properties": {k: v or "" for k, v in record.deal.properties.items()},
    }
    return templates.TemplateResponse(
        request,
        "preview.html",
        {
            "tab": "record",
            "deals": deals,
            "record": record,
            "deal_id": deal_id,
            "preview_json": json.dumps(preview),
            "bundle": _bundle("card"),
            "assets": ASSETS_PATH,
            "sandbox": setup.netsuite is not None,
        },
    )


async def settings_page(request: Request) -> Response:
    """GET /settings: the app's settings page (connect NetSuite accounts)."""
    setup = _setup(request)
    settings = services_of(request).settings
    preview = {
        "mountId": "settings-page",
        "fetchProxy": "/preview/fetch",
        "context": _context(setup, app_id=settings.hubspot_app_id, location="settings", deal_id=None),
        "properties": {},
    }
    return templates.TemplateResponse(
        request,
        "preview_settings.html",
        {
            "tab": "settings",
            "deal_id": request.query_params.get("deal"),
            "preview_json": json.dumps(preview),
            "bundle": _bundle("settings"),
            "assets": ASSETS_PATH,
        },
    )


def routes() -> list[BaseRoute]:
    return [
        Route("/", record_page, methods=["GET"]),
        Route("/settings", settings_page, methods=["GET"]),
        Route("/preview/fetch", fetch_proxy, methods=["POST"]),
        *preview_sandbox.routes(),
        Mount(ASSETS_PATH, app=StaticFiles(directory=STATIC_DIR, check_dir=False), name="preview-assets"),
    ]
