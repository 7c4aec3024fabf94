"""Errors the ports raise and the use cases speak in; adapters translate vendor errors into these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from server.errors import (
    AppError,
    ConflictError,
    NotFoundError,
    UpstreamError,
    UpstreamUnavailableError,
    ValidationFailedError,
)


class NetSuiteAuthFailedError(UpstreamError):
    """NetSuite refused our credentials: only an admin reconnecting helps."""

    code = "netsuite_auth"

    def __init__(
        self, message: str = "NetSuite refused the connection. Reconnect NetSuite in the app settings."
    ) -> None:
        super().__init__(message)


class NetSuiteDownError(UpstreamUnavailableError):
    """NetSuite did not answer (outage, timeout, concurrency exhausted): retrying later may work.

    `maybe_done` is False only when NetSuite refused to start the call (its concurrency limit): then a
    write certainly did not happen and may be sent again; after a timeout or a 5xx it may have happened."""

    code = "netsuite_unavailable"

    def __init__(
        self,
        message: str = "NetSuite is not answering right now. Please try again in a minute.",
        *,
        maybe_done: bool = True,
    ) -> None:
        super().__init__(message)
        self.maybe_done = maybe_done


class NetSuiteFailedError(UpstreamError):
    """NetSuite answered with an error that is neither ours to fix nor a rejection of the data."""

    code = "netsuite_error"


class Rejection(NamedTuple):
    """One problem NetSuite named: its `o:errorPath` (e.g. `item.items[0].item`) and its words."""

    path: str | None
    message: str


class NetSuiteRejectedError(UpstreamError):
    """NetSuite refused the data we sent; `rejections` is every problem it named, `path` and
    `netsuite_message` the first one's (`detail` at `path` when `rejections` is not given)."""

    code = "netsuite_rejected"

    def __init__(self, detail: str, *, path: str | None = None, rejections: Sequence[Rejection] = ()) -> None:
        self.rejections = tuple(rejections) or (Rejection(path, detail),)
        super().__init__("NetSuite rejected the order: " + "; ".join(r.message for r in self.rejections))
        self.path = self.rejections[0].path
        self.netsuite_message = self.rejections[0].message


class RestletMissingError(UpstreamError):
    """The RESTlet (forms, folders, attachments) is not deployed or not configured for this account."""

    code = "restlet_unavailable"


class HubSpotFailedError(UpstreamUnavailableError):
    code = "hubspot_error"


class NotConnectedError(ConflictError):
    code = "not_connected"

    def __init__(self) -> None:
        super().__init__("Connect NetSuite in the app settings first.")


class DraftChangedError(ConflictError):
    code = "draft_changed"


class AlreadyLinkedError(ConflictError):
    code = "already_linked"


class OrderNotFoundError(NotFoundError):
    code = "order_not_found"


class SubmitInProgressError(ConflictError):
    code = "submit_in_progress"


class StepValidationError(ValidationFailedError):
    """Values a rep entered (or NetSuite refused) are wrong; `fields` maps our field ids to sentences and
    `tab`/`field` say where the card should take the rep."""

    def __init__(
        self,
        message: str,
        *,
        tab: str,
        fields: dict[str, str],
        field: str | None = None,
        netsuite_message: str | None = None,
    ) -> None:
        self.tab = tab
        self.field = field or next(iter(fields), None)
        detail: dict[str, str | None] = {"tab": tab, "field": self.field}
        if netsuite_message is not None:
            detail["netsuiteMessage"] = netsuite_message
        super().__init__(message, fields=fields, detail=detail)


__all__ = [
    "AlreadyLinkedError",
    "AppError",
    "DraftChangedError",
    "HubSpotFailedError",
    "NetSuiteAuthFailedError",
    "NetSuiteDownError",
    "NetSuiteFailedError",
    "NetSuiteRejectedError",
    "NotConnectedError",
    "OrderNotFoundError",
    "Rejection",
    "RestletMissingError",
    "StepValidationError",
    "SubmitInProgressError",
]
