"""Both sandboxes behind the real services: the NetSuite account and the HubSpot portal mounted through
`Transports`, the portal's HubSpot install and a NetSuite connection stored as the product stores them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pydantic import SecretStr

from server.config import Settings
from server.sandbox.hubspot import seed as hs_seed
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.netsuite import seed as ns_seed
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.services import Services, Transports, build_services

PORTAL_ID = hs_seed.PORTAL_ID


@dataclass
class MovableClock:
    """Real time plus an offset a test moves forward (leases, token expiry)."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


def sandbox_settings(settings: Settings, **overrides: Any) -> Settings:
    """The test settings with the NetSuite sandbox's integration record (consumer key and secret)."""
    return settings.model_copy(
        update={
            "netsuite_consumer_key": ns_seed.CONSUMER_KEY,
            "netsuite_consumer_secret": SecretStr(ns_seed.CONSUMER_SECRET),
            **overrides,
        }
    )


@dataclass
class Sandboxes:
    """One NetSuite account and one HubSpot portal, shared by every app instance of a test."""

    netsuite: NetSuiteSandbox
    hubspot: HubSpotSandbox

    @classmethod
    def for_settings(cls, settings: Settings, *, hubspot_seed: hs_seed.Seed | None = None) -> Sandboxes:
        hubspot = HubSpotSandbox(
            client_id=settings.hubspot_client_id,
            client_secret=settings.hubspot_client_secret.get_secret_value(),
            app_id=int(settings.hubspot_app_id),
            seed=hubspot_seed,
        )
        return cls(NetSuiteSandbox(), hubspot)

    def transports(self) -> Transports:
        return Transports(
            netsuite=httpx.ASGITransport(app=self.netsuite.app),
            hubspot=httpx.ASGITransport(app=self.hubspot.app),
        )

    def services(self, settings: Settings, *, clock: Callable[[], datetime] | None = None) -> Services:
        """A fresh set of the real services (its own engine and HTTP pools), as a new process has."""
        if clock is None:
            return build_services(settings, transports=self.transports())
        return build_services(settings, transports=self.transports(), clock=clock)


async def install_portal(services: Services, hubspot: HubSpotSandbox) -> None:
    """The portal's HubSpot install, as the OAuth callback stores it."""
    refresh, access = hubspot.grant_tokens()
    async with services.store.transaction() as tx:
        await tx.installs.save(
            hubspot.portal_id, access_token=access, refresh_token=refresh,
            expires_at=services.clock() + timedelta(minutes=30), scopes=hubspot.required_scopes,
        )  # fmt: skip


async def connect_netsuite(
    services: Services,
    *,
    portal_id: int = PORTAL_ID,
    label: str = "Sandbox",
    token_secret: str = ns_seed.TOKEN_SECRET,
) -> str:
    """A TBA connection to the sandbox account (a wrong `token_secret` makes one NetSuite refuses)."""
    async with services.store.transaction() as tx:
        connection = await tx.connections.add(
            portal_id,
            account_id=ns_seed.ACCOUNT_ID,
            label=label,
            auth_kind="tba",
            credentials={"token_id": ns_seed.TOKEN_ID, "token_secret": token_secret},
            rest_base_url=ns_seed.REST_BASE_URL,
            restlet_url=ns_seed.RESTLET_URL,
            app_base_url=ns_seed.APP_BASE_URL,
        )
    return connection.id
