from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx

from server.config import Settings
from server.hubspot import app_definition
from server.hubspot.app_definition import render_app_definition
from server.hubspot.oauth import HubSpotTokens
from server.store.repositories import SqlStore


async def test_authorize_url_asks_for_exactly_the_scopes_the_app_definition_requires(
    settings: Settings, store: SqlStore
) -> None:
    async with httpx.AsyncClient() as http:
        url = urlsplit(HubSpotTokens(store, http, settings).authorize_url("state-value"))
    query = parse_qs(url.query)
    definition = render_app_definition(settings.public_base_url)
    assert set(query["scope"][0].split(" ")) == set(definition["config"]["auth"]["requiredScopes"])
    assert query["redirect_uri"] == [f"{settings.public_base_url}/oauth/callback"]
    assert definition["config"]["auth"]["redirectUrls"] == query["redirect_uri"]
    assert query["client_id"] == [settings.hubspot_client_id]
    assert "optional_scope" not in query  # no optional scopes are configured


def test_rendered_definition_has_no_placeholders_and_points_at_the_deployment() -> None:
    definition = render_app_definition("https://orders.example.com/", support_email="help@example.com")
    text = json.dumps(definition)
    assert "{{" not in text
    assert definition["config"]["permittedUrls"]["fetch"] == ["https://orders.example.com"]
    assert definition["config"]["support"]["supportEmail"] == "help@example.com"


def test_marketplace_app_uses_oauth_with_the_least_read_scopes() -> None:
    definition = render_app_definition("https://orders.example.com")
    config = definition["config"]
    assert definition["type"] == "app"
    # HubSpot: a marketplace-distributed app must authenticate with OAuth.
    assert (config["distribution"], config["auth"]["type"]) == ("marketplace", "oauth")
    scopes = app_definition.required_scopes()
    assert "oauth" in scopes
    assert "automation" in scopes
    assert not [s for s in scopes if s.endswith(".write")]


def test_a_base_url_with_quotes_cannot_break_the_json() -> None:
    definition = render_app_definition('https://orders.example.com/"x')
    assert definition["config"]["auth"]["redirectUrls"] == ['https://orders.example.com/"x/oauth/callback']
