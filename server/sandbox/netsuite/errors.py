"""NetSuite's error bodies, verbatim where the reference quotes them (REST, RESTlet, OAuth 2.0)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import JSONResponse, Response

from server.sandbox.netsuite.seed import ACCOUNT_ID

ERROR_MEDIA_TYPE = "application/vnd.oracle.resource+json; type=error"
RFC2616 = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html"
# NetSuite's `type` points into RFC 2616 section 10 for the status it answers.
_SECTIONS = {400: "#sec10.4.1", 403: "#sec10.4.4", 404: "#sec10.4.5", 409: "#sec10.4.10", 500: "#sec10.5.1"}
_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict"}
_TITLES |= {500: "Internal Server Error", 503: "Service Unavailable"}
LOGIN_DETAIL = (
    "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at "
    "Setup > Users/Roles > User Management > View Login Audit Trail."
)
ACCESS_PREFIX = "Error while accessing resource: "


@dataclass(frozen=True)
class ErrorDetail:
    detail: str
    code: str
    path: str | None = None
    query_param: str | None = None
    header: str | None = None

    def to_json(self) -> dict[str, str]:
        body = {"detail": self.detail, "o:errorCode": self.code}
        if self.path is not None:
            body["o:errorPath"] = self.path
        if self.query_param is not None:
            body["o:errorQueryParam"] = self.query_param
        if self.header is not None:
            body["o:errorHeader"] = self.header
        return body


class RestError(Exception):
    """Raised inside REST handlers; rendered as NetSuite's `o:errorDetails` body."""

    def __init__(self, status: int, *details: ErrorDetail) -> None:
        super().__init__(details[0].detail if details else str(status))
        self.status = status
        self.details = details


class RestletError(Exception):
    """Raised inside the RESTlet; rendered as a thrown N/error (`{"error": {"code", "message"}}`)."""

    def __init__(self, code: str, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def invalid(field_path: str, value: object, field_name: str | None = None) -> ErrorDetail:
    """NetSuite's wording for a value that does not name an existing, usable record or choice."""
    name = field_name or field_path.rsplit(".", 1)[-1]
    text = f"You have entered an Invalid Field Value {value} for the following field: {name}"
    return ErrorDetail(ACCESS_PREFIX + text, "INVALID_CONTENT", path=field_path)


def rest_error_response(status: int, details: tuple[ErrorDetail, ...]) -> JSONResponse:
    body = {
        "type": RFC2616 + _SECTIONS.get(status, ""),
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "o:errorDetails": [d.to_json() for d in details],
    }
    return JSONResponse(body, status_code=status, media_type=ERROR_MEDIA_TYPE)


def restlet_error_response(code: str, message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def concurrency_response() -> JSONResponse:
    # Verbatim from the reference (§2.5), including the title "Bad Request" and a top-level code.
    body = {
        "title": "Bad Request",
        "status": 429,
        "o:errorCode": "USER_ERROR",
        "o:errorDetails": [
            {
                "detail": "Concurrent request limit exceeded. Request blocked.",
                "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED",
            }
        ],
    }
    return JSONResponse(body, status_code=429, media_type=ERROR_MEDIA_TYPE)


def restlet_concurrency_response() -> JSONResponse:
    message = "The request could not be processed because the concurrency limit for the account was exceeded."
    return restlet_error_response("SSS_REQUEST_LIMIT_EXCEEDED", message)


def login_failed_response(*, restlet: bool, bearer: bool) -> JSONResponse:
    headers = {}
    if bearer:
        headers["WWW-Authenticate"] = (
            f'Bearer realm="{ACCOUNT_ID}", error="invalid_token", error_description="Invalid login attempt."'
        )
    if restlet:
        body: dict[str, object] = {
            "error": {"code": "INVALID_LOGIN_ATTEMPT", "message": "Invalid login attempt."}
        }
        return JSONResponse(body, status_code=401, headers=headers)
    body = {
        "type": RFC2616,
        "title": "Unauthorized",
        "status": 401,
        "o:errorDetails": [{"detail": LOGIN_DETAIL, "o:errorCode": "INVALID_LOGIN"}],
    }
    return JSONResponse(body, status_code=401, headers=headers, media_type=ERROR_MEDIA_TYPE)


def oauth_error_response(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


OUTAGE_HTML = (
    "<html><head><title>NetSuite is unavailable</title></head><body><h1>Service Unavailable</h1>"
    "<p>NetSuite is currently undergoing maintenance or is temporarily unavailable. "
    "Please try again later.</p></body></html>"
)


def outage_response() -> Response:
    return Response(OUTAGE_HTML, status_code=503, media_type="text/html", headers={"Retry-After": "30"})


def missing(path: str, label: str) -> ErrorDetail:
    return ErrorDetail(ACCESS_PREFIX + f"Please enter value(s) for: {label}", "INVALID_CONTENT", path=path)
