"""Why an execution attempt failed, as the executor needs it: retry later, or fail with a message a
workflow owner can act on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from server.errors import AppError, UpstreamUnavailableError
from server.hubspot.errors import (
    HubSpotAuthRevoked,
    HubSpotError,
    HubSpotNotFound,
    HubSpotNotInstalled,
    HubSpotRateLimited,
)
from server.orders.errors import (
    HubSpotFailedError,
    NetSuiteAuthFailedError,
    NetSuiteDownError,
    NetSuiteRejectedError,
    RestletMissingError,
)

AUTH = "NetSuite refused our credentials — reconnect NetSuite in the app settings."
HUBSPOT_ACCESS = "HubSpot no longer accepts this app's access — reinstall the app in HubSpot."
DEAL_GONE = "The deal no longer exists in HubSpot."
UNEXPECTED = (
    "Something went wrong on our side while creating the sales order. Re-enrol the deal to try again."
)


class ActionFailed(Exception):
    """A reason the order cannot be created that retrying will not change; the message says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Failure:
    transient: bool
    message: str


def classify(exc: BaseException) -> Failure:
    """Transient: NetSuite down or at its concurrency limit, HubSpot 429/5xx, our database blinking."""
    if isinstance(exc, ActionFailed):
        return Failure(False, exc.message)
    if isinstance(exc, NetSuiteAuthFailedError):
        return Failure(False, AUTH)
    if isinstance(exc, HubSpotNotInstalled | HubSpotAuthRevoked):
        return Failure(False, HUBSPOT_ACCESS)
    if isinstance(exc, HubSpotNotFound):
        return Failure(False, exc.message or DEAL_GONE)
    if isinstance(exc, NetSuiteRejectedError):
        # NetSuite names each field by its label; the action's additional fields take its id.
        problems = "; ".join(
            f"{r.message} (NetSuite field {r.path})" if r.path else r.message for r in exc.rejections
        )
        them = "them" if len(exc.rejections) > 1 else "it"
        return Failure(
            False,
            f"NetSuite rejected the order: {problems} — fix {them} in the deal or the action's settings.",
        )
    if isinstance(exc, RestletMissingError):
        return Failure(False, exc.message)
    if isinstance(exc, NetSuiteDownError | HubSpotFailedError | HubSpotRateLimited | HubSpotError):
        return Failure(True, exc.message)
    if isinstance(exc, UpstreamUnavailableError):
        return Failure(True, exc.message)
    if isinstance(exc, SQLAlchemyError | OSError):
        return Failure(True, "Our database did not answer.")
    if isinstance(exc, AppError):
        return Failure(False, exc.message)
    return Failure(False, UNEXPECTED)
