"""NetSuite failures as typed AppErrors: each says what happened and what to do, keeping NetSuite's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import httpx

from server.errors import UpstreamError, UpstreamUnavailableError

CONCURRENCY_CODES = frozenset({"CONCURRENCY_LIMIT_EXCEEDED", "SSS_REQUEST_LIMIT_EXCEEDED"})
# How NetSuite answers a RESTlet URL whose script or deployment does not exist or is not released.
UNDEPLOYED_CODES = frozenset({"SSS_INVALID_SCRIPTLET_ID", "INVALID_SCRIPTLET_ID", "SSS_INVALID_SCRIPT_ID"})


class NetSuiteError(UpstreamError):
    """NetSuite refused or failed a call; `netsuite_code`/`netsuite_message` are NetSuite's own."""

    status_code = 502
    code = "netsuite_error"

    def __init__(
        self,
        message: str,
        *,
        operation: str = "",
        http_status: int | None = None,
        netsuite_code: str | None = None,
        netsuite_message: str | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, fields=fields)
        self.operation = operation
        self.http_status = http_status
        self.netsuite_code = netsuite_code
        self.netsuite_message = netsuite_message


class NetSuiteAuthError(NetSuiteError):
    code = "netsuite_auth"

    def __init__(self, **kw: Any) -> None:
        super().__init__("NetSuite refused our credentials. Reconnect NetSuite in the app settings.", **kw)


class NetSuitePermissionError(NetSuiteError):
    code = "netsuite_permission"


class NetSuiteNotFoundError(NetSuiteError):
    status_code = 404
    code = "netsuite_not_found"


class ErrorDetail(NamedTuple):
    """One entry of NetSuite's `o:errorDetails`: its o:errorPath, `detail` and o:errorCode."""

    path: str | None
    message: str
    code: str | None


class NetSuiteValidationError(NetSuiteError):
    """NetSuite rejected values; `details` holds every problem it named (one per o:errorDetails entry),
    `path`/`netsuite_message` the first one's (`path` is its o:errorPath, e.g. `item.items[0].item`)."""

    status_code = 422
    code = "validation_failed"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        details: Sequence[ErrorDetail] = (),
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        if not details and kw.get("netsuite_message"):
            details = [ErrorDetail(path, str(kw["netsuite_message"]), kw.get("netsuite_code"))]
        self.details = list(details)
        self.path = self.details[0].path if self.details else path
        fields: dict[str, str] = {}
        for d in self.details:
            if d.path:
                fields[d.path] = f"{fields[d.path]}; {d.message}" if d.path in fields else d.message
        if fields:
            self.fields = fields


class NetSuiteConcurrencyLimited(NetSuiteError):
    status_code = 503
    code = "netsuite_unavailable"

    def __init__(self, **kw: Any) -> None:
        super().__init__(
            "NetSuite is busy: the account's limit of simultaneous requests was reached. "
            "Try again in a moment.",
            **kw,
        )


class NetSuiteUnavailable(NetSuiteError):
    status_code = UpstreamUnavailableError.status_code
    code = "netsuite_unavailable"


class RestletUnavailable(NetSuiteError):
    code = "restlet_unavailable"


class NetSuiteNotConfigured(NetSuiteError):
    """The app itself lacks what NetSuite needs (the TBA integration record's consumer key and secret)."""

    status_code = 500
    code = "netsuite_not_configured"


class NetSuiteFeatureDisabled(NetSuiteError):
    code = "netsuite_feature_disabled"


class FileTooLarge(NetSuiteError):
    status_code = 413
    code = "file_too_large"


def error_details(response: httpx.Response) -> tuple[str | None, str | None, str | None]:
    """(code, detail, path) from a REST error body or a RESTlet's thrown N/error, whichever it is."""
    try:
        body = response.json()
    except ValueError:
        return None, None, None
    if not isinstance(body, dict):
        return None, None, None
    details = body.get("o:errorDetails")
    if isinstance(details, list) and details and isinstance(details[0], dict):
        first = details[0]
        return _text(first.get("o:errorCode")), _text(first.get("detail")), _text(first.get("o:errorPath"))
    thrown = body.get("error")
    if isinstance(thrown, dict):
        return _text(thrown.get("code")), _text(thrown.get("message")), None
    return _text(body.get("o:errorCode")), _text(body.get("title")), None


def validation_details(response: httpx.Response) -> list[ErrorDetail]:
    """Every `o:errorDetails` entry that has a `detail`, in NetSuite's order: a rejected record names each
    violation (every missing mandatory field, every bad value) in an entry of its own."""
    try:
        body = response.json()
    except ValueError:
        return []
    entries = body.get("o:errorDetails") if isinstance(body, dict) else None
    found: list[ErrorDetail] = []
    for entry in entries if isinstance(entries, list) else []:
        message = _text(entry.get("detail")) if isinstance(entry, dict) else None
        if message is not None:
            found.append(
                ErrorDetail(_text(entry.get("o:errorPath")), message, _text(entry.get("o:errorCode")))
            )
    return found


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def from_response(response: httpx.Response, *, operation: str, restlet: bool = False) -> NetSuiteError:
    """Map a non-2xx NetSuite answer to the typed error a caller (and finally the rep) can act on."""
    status = response.status_code
    code, detail, path = error_details(response)
    kw: dict[str, Any] = {
        "operation": operation,
        "http_status": status,
        "netsuite_code": code,
        "netsuite_message": detail,
    }
    said = f" NetSuite said: {detail}" if detail else ""
    if status == 429 or code in CONCURRENCY_CODES:
        return NetSuiteConcurrencyLimited(**kw)
    if code and "FEATURE" in code.upper():  # FEATURE_DISABLED, FeatureDisabled…
        return NetSuiteFeatureDisabled(
            "A NetSuite feature this needs is not enabled." + said
            + " Ask your NetSuite admin to enable it at Setup > Company > Enable Features > SuiteCloud.",
            **kw,
        )  # fmt: skip
    if code == "SSS_FILE_CONTENT_SIZE_EXCEEDED":
        return FileTooLarge("NetSuite refused the file: it is larger than NetSuite accepts." + said, **kw)
    if status == 401:
        return NetSuiteAuthError(**kw)
    if status >= 500:
        return NetSuiteUnavailable(
            f"NetSuite is not answering properly right now (HTTP {status}). Try again in a few minutes.",
            **kw,
        )
    if restlet and (status == 404 or code in UNDEPLOYED_CODES or (code is None and status >= 400)):
        return RestletUnavailable(
            "The sales order RESTlet is not deployed in this NetSuite account. Ask your NetSuite admin to "
            "install the SuiteApp, or remove the RESTlet URL in the app settings." + said,
            **kw,
        )
    if status == 403 or code == "INSUFFICIENT_PERMISSION":
        return NetSuitePermissionError(
            "NetSuite's integration role is missing a permission for this." + said
            + " Ask your NetSuite admin to add it to the role.",
            **kw,
        )  # fmt: skip
    if status == 404 or code in ("NONEXISTENT_ID", "RCRD_DSNT_EXIST"):
        return NetSuiteNotFoundError("NetSuite has no such record." + said, **kw)
    if status in (400, 422) and detail:
        details = validation_details(response)
        all_said = "; ".join(d.message for d in details) or detail
        return NetSuiteValidationError(
            f"NetSuite rejected the request: {all_said}", path=path, details=details, **kw
        )
    return NetSuiteError(f"NetSuite answered with an error (HTTP {status}).{said}", **kw)


def from_token_response(response: httpx.Response) -> NetSuiteError:
    """The OAuth 2.0 token endpoint's refusals (invalid_client, invalid_grant…) all mean: reconnect."""
    if response.status_code >= 500:
        return from_response(response, operation="token")
    return NetSuiteAuthError(operation="token", http_status=response.status_code)


def from_transport(exc: httpx.TransportError, *, operation: str) -> NetSuiteUnavailable:
    kind = "did not answer in time" if isinstance(exc, httpx.TimeoutException) else "could not be reached"
    return NetSuiteUnavailable(
        f"NetSuite {kind}. Try again in a few minutes.", operation=operation, netsuite_code=type(exc).__name__
    )
