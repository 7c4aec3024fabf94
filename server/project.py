"""`salesorders hubspot-project`: writes the HubSpot developer project (platform 2026.03) for a deployment.

The output is what HubSpot's CLI uploads: `hsproject.json`, the app component filled from hubspot-app.json,
the card and settings components with their sources and `package.json`, and the workflow action rendered from
its one definition. Nothing in it is hand-maintained twice: every part is generated from the repo's sources.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from server.hubspot.app_definition import render_app_definition
from server.workflow.definition import render_component

PLATFORM_VERSION = "2026.03"
CARDS_DIR = Path(__file__).resolve().parents[1] / "cards"
CONFIG_LITERAL = re.compile(r'export const API_BASE_URL = "[^"]*";')
# Sources only: tests, type-check and lint set-up stay in the repo.
SKIPPED_PARTS = {"node_modules", "tests", "__tests__", "preview"}


class ProjectError(Exception):
    """The project cannot be generated as asked; the message says what to change."""


def _check_base_url(base_url: str, *, allow_http: bool) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ProjectError(f"--base-url must be an absolute URL, got {base_url!r}")
    if parts.scheme != "https" and not allow_http:
        raise ProjectError("--base-url must be https:// (hubspot.fetch only calls HTTPS URLs)")
    if parts.hostname in ("localhost", "127.0.0.1") and not allow_http:
        raise ProjectError("--base-url cannot be localhost; use --local-proxy for local development")
    if parts.path not in ("", "/") or parts.query:
        raise ProjectError("--base-url must be an origin (https://host[:port]) without a path")
    return f"{parts.scheme}://{parts.netloc}"


def _package_json(cards: Path, name: str) -> dict[str, Any]:
    source = json.loads((cards / "package.json").read_text(encoding="utf-8"))
    return {
        "name": name,
        "version": source.get("version", "0.1.0"),
        "private": True,
        "dependencies": source["dependencies"],
    }


def _copy_sources(src: Path, dest: Path, base_url: str, *, exclude: set[str]) -> None:
    for path in sorted(src.rglob("*")):
        relative = path.relative_to(src)
        if path.is_dir() or SKIPPED_PARTS & set(relative.parts) or relative.parts[0] in exclude:
            continue
        if path.name.endswith((".test.ts", ".test.tsx", ".spec.ts", ".spec.tsx")):
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative == Path("config.ts"):
            text = path.read_text(encoding="utf-8")
            if not CONFIG_LITERAL.search(text):
                raise ProjectError("cards/src/config.ts no longer holds the API_BASE_URL literal")
            target.write_text(
                CONFIG_LITERAL.sub(f"export const API_BASE_URL = {json.dumps(base_url)};", text),
                encoding="utf-8",
            )
        else:
            shutil.copyfile(path, target)


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def write_project(
    out: Path,
    *,
    base_url: str,
    local_proxy: str | None = None,
    cards: Path = CARDS_DIR,
    name: str = "netsuite-sales-orders",
) -> list[Path]:
    """Write the project into `out` (which must be empty or absent); returns the files written."""
    base = _check_base_url(base_url, allow_http=False)
    if out.exists() and any(out.iterdir()):
        raise ProjectError(f"{out} is not empty; choose an empty folder")
    src = cards / "src"
    if not (src / "SalesOrdersCard.tsx").is_file():
        raise ProjectError(f"no card sources under {src}")
    app = out / "src" / "app"
    _write_json(out / "hsproject.json", {"name": name, "srcDir": "src", "platformVersion": PLATFORM_VERSION})
    _write_json(app / "app-hsmeta.json", render_app_definition(base))

    # Each component folder must be self-contained with its own package.json, so both get the shared code.
    card_dir = app / "cards"
    _copy_sources(src, card_dir, base, exclude={"settings"})
    _write_json(card_dir / "package.json", _package_json(cards, f"{name}-card"))

    settings_dir = app / "settings"
    _copy_sources(src, settings_dir, base, exclude=set())
    meta = json.loads((src / "settings" / "settings-hsmeta.json").read_text(encoding="utf-8"))
    # The page's imports stay relative (../api), so it lives one level down inside its component folder.
    meta["config"]["entrypoint"] = "/app/settings/settings/SettingsPage.tsx"
    (settings_dir / "settings" / "settings-hsmeta.json").unlink()
    for stray in settings_dir.glob("*-hsmeta.json"):
        stray.unlink()  # the card's meta must not appear twice
    _write_json(settings_dir / "settings-hsmeta.json", meta)
    _write_json(settings_dir / "package.json", _package_json(cards, f"{name}-settings"))

    _write_json(app / "workflow-actions" / "create-sales-order-hsmeta.json", render_component(base))

    if local_proxy is not None:
        proxy = _check_base_url(local_proxy, allow_http=True)
        # `hs project dev` maps the HTTPS origin the card calls to the local backend (origin only).
        _write_json(app / "local.json", {"proxy": {base: proxy}})
    return sorted(p for p in out.rglob("*") if p.is_file())
