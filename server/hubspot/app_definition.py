"""The HubSpot `app` component (hubspot-app.json): the single source of the app's OAuth scopes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

APP_DEFINITION_PATH = Path(__file__).resolve().parents[2] / "hubspot-app.json"


@cache
def _template() -> str:
    return APP_DEFINITION_PATH.read_text(encoding="utf-8")


def _auth() -> dict[str, Any]:
    auth: dict[str, Any] = json.loads(_template())["config"]["auth"]
    return auth


def required_scopes() -> list[str]:
    """The scopes every install must grant; the authorize URL must ask for exactly these."""
    return list(_auth()["requiredScopes"])


def optional_scopes() -> list[str]:
    return list(_auth().get("optionalScopes", []))


def render_app_definition(base_url: str, *, support_email: str | None = None) -> dict[str, Any]:
    """The app component for a deployment at `base_url`, placeholders filled."""
    base = base_url.rstrip("/")
    host = urlsplit(base).hostname or "localhost"
    values = {"{{PUBLIC_BASE_URL}}": base, "{{SUPPORT_EMAIL}}": support_email or f"support@{host}"}

    # Fill inside parsed strings, not the raw text, so no value can break the JSON around it.
    def fill(node: Any) -> Any:
        if isinstance(node, str):
            for placeholder, value in values.items():
                node = node.replace(placeholder, value)
            return node
        if isinstance(node, list):
            return [fill(item) for item in node]
        if isinstance(node, dict):
            return {key: fill(item) for key, item in node.items()}
        return node

    definition: dict[str, Any] = fill(json.loads(_template()))
    return definition
