"""Every route of the backend, gathered from the modules that own them."""

from __future__ import annotations

from starlette.routing import BaseRoute

from server.web import card_api, draft_api, health, settings_api, workflow_api
from server.web import oauth as hubspot_oauth


def all_routes() -> list[BaseRoute]:
    return [
        *health.routes(),
        *hubspot_oauth.routes(),
        *settings_api.routes(),
        *card_api.routes(),
        *draft_api.routes(),
        *workflow_api.routes(),
    ]
