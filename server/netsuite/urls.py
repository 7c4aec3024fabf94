"""NetSuite account ids and the URLs derived from them, and the checks on URLs an admin overrides."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

# Production 1234567, sandboxes 1234567_SB1, release preview 1234567_RP, demo/test drives TSTDRV1234567.
ACCOUNT_ID = re.compile(r"^(TSTDRV)?[0-9]+(_[A-Z0-9]+)?$", re.IGNORECASE)
RESTLET_PATH = "/app/site/hosting/restlet.nl"
NETSUITE_DOMAIN = ".netsuite.com"


def normalize_account_id(value: str) -> str:
    """`1234567_sb1` → `1234567_SB1`: the realm NetSuite expects is upper case."""
    cleaned = value.strip()
    if not ACCOUNT_ID.match(cleaned):
        raise ValueError("Enter the NetSuite account ID, like 1234567 or 1234567_SB1 (Setup > Company > "
                         "Company Information).")  # fmt: skip
    return cleaned.upper()


def host_of(account_id: str) -> str:
    # Hostnames are lower case with a hyphen where the account id has an underscore (1234567-sb1).
    return account_id.lower().replace("_", "-")


def account_urls(account_id: str) -> tuple[str, str]:
    """(REST base URL, UI base URL) for an account, per NetSuite's account-specific domains."""
    host = host_of(account_id)
    return f"https://{host}.suitetalk.api.netsuite.com", f"https://{host}.app.netsuite.com"


def app_url_for(rest_base_url: str) -> str | None:
    """The UI domain that goes with an overridden REST domain, when it follows NetSuite's pattern."""
    parts = urlsplit(rest_base_url)
    host = parts.hostname or ""
    if host.endswith(".suitetalk.api.netsuite.com"):
        return f"https://{host.removesuffix('.suitetalk.api.netsuite.com')}.app.netsuite.com"
    return None


def _check_host(url: str, what: str, *, demo: bool) -> None:
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValueError(f"The {what} must not contain a user name or password.")
    if demo:
        # The demo's sandbox answers on loopback over plain HTTP; nothing real is at stake there.
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"The {what} must be an http(s) URL.")
        return
    # We send signed requests and bearer tokens to this host: only NetSuite's own domain may receive
    # them, so a mistyped or malicious URL cannot collect credentials or reach internal hosts.
    if parts.scheme != "https" or not (parts.hostname or "").endswith(NETSUITE_DOMAIN):
        raise ValueError(f"The {what} must be an https:// address on netsuite.com.")


def check_rest_base_url(value: str, *, demo: bool) -> str:
    url = value.strip().rstrip("/")
    _check_host(url, "REST base URL", demo=demo)
    parts = urlsplit(url)
    if parts.path or parts.query or parts.fragment:
        raise ValueError("The REST base URL is the scheme and host only, like "
                         "https://1234567.suitetalk.api.netsuite.com.")  # fmt: skip
    return url


def check_restlet_url(value: str, *, demo: bool) -> str:
    url = value.strip()
    _check_host(url, "RESTlet URL", demo=demo)
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.path != RESTLET_PATH or "script" not in query or "deploy" not in query:
        raise ValueError(
            "Paste the deployment's External URL: …/app/site/hosting/restlet.nl?script=…&deploy=…"
        )
    return url
