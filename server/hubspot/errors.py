"""What can go wrong talking to HubSpot, as AppErrors a rep (or the card) can act on."""

from __future__ import annotations

from server.errors import AppError, ForbiddenError, NotFoundError, UpstreamError, UpstreamUnavailableError


class HubSpotNotInstalled(ForbiddenError):
    """The portal never installed the app (or we lost its tokens)."""

    code = "hubspot_not_installed"

    def __init__(self, portal_id: int) -> None:
        super().__init__(
            "The app is not installed in this HubSpot account. Install it from the HubSpot marketplace."
        )
        self.portal_id = portal_id


class HubSpotAuthRevoked(ForbiddenError):
    """HubSpot no longer accepts our tokens for the portal: only a new install fixes it."""

    code = "hubspot_reinstall"

    def __init__(self, portal_id: int) -> None:
        super().__init__(
            "HubSpot no longer accepts this app's access. Reinstall the app in HubSpot "
            "(Marketplace ▸ Connected apps) and try again."
        )
        self.portal_id = portal_id


class HubSpotMissingScope(ForbiddenError):
    """HubSpot refused a call for lack of a scope: reinstalling grants the app's current scopes."""

    code = "hubspot_reinstall"

    def __init__(self) -> None:
        super().__init__(
            "The app is missing a HubSpot permission it needs. Reinstall the app in HubSpot to grant it."
        )


class HubSpotRateLimited(UpstreamUnavailableError):
    """HubSpot kept answering 429 after our backoff; the caller may retry after `retry_after` seconds."""

    code = "hubspot_rate_limited"

    def __init__(self, retry_after: float) -> None:
        wait = max(1, round(retry_after))
        super().__init__(f"HubSpot is limiting requests from this app right now. Try again in {wait} s.")
        self.retry_after = retry_after


class HubSpotNotFound(NotFoundError):
    code = "hubspot_not_found"

    def __init__(self, message: str = "This deal no longer exists in HubSpot.") -> None:
        super().__init__(message)


class HubSpotError(UpstreamError):
    """HubSpot failed or answered something we cannot use; the technical detail goes to the log."""

    code = "hubspot_error"

    def __init__(self, message: str = "HubSpot did not answer as expected. Try again in a moment.") -> None:
        super().__init__(message)


class HubSpotFileTooLarge(AppError):
    """A file is larger than the caller accepts; refused rather than truncated."""

    status_code = 413
    code = "file_too_large"

    def __init__(self, name: str, *, size: int | None, max_bytes: int) -> None:
        limit_mb = max_bytes / 1_048_576
        super().__init__(f"The file {name!r} is larger than {limit_mb:.0f} MB and was not downloaded.")
        self.size = size
        self.max_bytes = max_bytes


class HubSpotOAuthError(AppError):
    """The install could not be completed (bad state, denied consent, failed code exchange)."""

    status_code = 400
    code = "hubspot_oauth_failed"
