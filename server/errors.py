"""One error hierarchy for everything a caller may see, rendered as JSON by one handler."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse

log = logging.getLogger(__name__)


class AppError(Exception):
    """An error with an HTTP status, a stable code and a message written for a sales rep."""

    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, str] | None = None,
        code: str | None = None,
        status_code: int | None = None,
        detail: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code
        self.detail = detail

    def to_json(self) -> dict[str, object]:
        body: dict[str, object] = {"error": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        if self.detail is not None:
            body["detail"] = self.detail
        return body


class BadRequestError(AppError):
    status_code = 400
    code = "bad_request"


class ValidationFailedError(AppError):
    status_code = 422
    code = "validation_failed"


class UnauthorizedError(AppError):
    status_code = 401
    code = "unauthorized"


class ForbiddenError(AppError):
    status_code = 403
    code = "forbidden"


class NotFoundError(AppError):
    status_code = 404
    code = "not_found"


class ConflictError(AppError):
    status_code = 409
    code = "conflict"


class PayloadTooLargeError(AppError):
    status_code = 413
    code = "payload_too_large"


class UpstreamError(AppError):
    """A vendor (NetSuite, HubSpot) failed in a way the rep can act on or retry."""

    status_code = 502
    code = "upstream_error"


class UpstreamUnavailableError(UpstreamError):
    status_code = 503
    code = "upstream_unavailable"


async def app_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    if exc.status_code >= 500:
        log.warning("request failed: %s %s", exc.code, exc.message)
    return JSONResponse(exc.to_json(), status_code=exc.status_code)


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    # The one place that catches everything: the rep sees a plain message, the log gets the trace.
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    body = {"error": "internal_error", "message": "Something went wrong on our side. Please try again."}
    return JSONResponse(body, status_code=500)
