"""The composition root: builds the real adapters once per process; tests pass their own transports."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from server.config import Settings
from server.hubspot.adapter import HubSpotPortal
from server.hubspot.client import HubSpotClient
from server.hubspot.oauth import HubSpotTokens
from server.netsuite.adapter import NetSuiteAccounts
from server.netsuite.pool import NetSuitePool
from server.orders.context import Deps
from server.orders.service import OrdersService
from server.store.crypto import SecretBox
from server.store.database import create_engine
from server.store.repositories import Clock, SqlStore, utc_now


@dataclass
class Transports:
    """Where vendor HTTP goes: None means the real network; tests and the demo mount the sandboxes."""

    netsuite: httpx.AsyncBaseTransport | None = None
    hubspot: httpx.AsyncBaseTransport | None = None


@dataclass
class Services:
    """Everything a request handler or background job needs, registered at start-up."""

    settings: Settings
    store: SqlStore
    clock: Clock = utc_now
    transports: Transports = field(default_factory=Transports)
    # Built from transports (so tests and the demo reach the sandbox); replaceable after start-up.
    netsuite: NetSuitePool = field(init=False)
    hubspot_tokens: HubSpotTokens = field(init=False)
    hubspot: HubSpotClient = field(init=False)
    orders: OrdersService = field(init=False)

    def __post_init__(self) -> None:
        self.netsuite = NetSuitePool(self.settings, transport=self.transports.netsuite)
        # One HubSpot connection pool for tokens, CRM reads, files and callbacks of every portal.
        self._hubspot_http = httpx.AsyncClient(
            base_url=self.settings.hubspot_api_base_url,
            transport=self.transports.hubspot,
            timeout=httpx.Timeout(20.0, connect=5.0),
        )
        self.hubspot_tokens = HubSpotTokens(self.store, self._hubspot_http, self.settings, clock=self.clock)
        self.hubspot = HubSpotClient(self._hubspot_http, self.hubspot_tokens, clock=self.clock)
        self.orders = OrdersService(Deps(
            store=self.store, netsuite=NetSuiteAccounts(self.netsuite, self.store),
            hubspot=HubSpotPortal(self.hubspot), clock=self.clock,
            card_time_budget=self.settings.card_time_budget_seconds,
        ))  # fmt: skip

    async def aclose(self) -> None:
        await self.orders.aclose()  # stop waiting for late NetSuite answers to card loads
        await self.netsuite.aclose()
        await self._hubspot_http.aclose()
        await self.store.engine.dispose()


def build_services(
    settings: Settings, *, transports: Transports | None = None, clock: Clock = utc_now
) -> Services:
    keys = settings.secret_keys
    if not keys:
        # Only reachable outside `serve` (which refuses to start without a key): tests and the demo.
        keys = ["insecure-development-key"]
    store = SqlStore(create_engine(settings.database_url), SecretBox(keys), clock=clock)
    return Services(settings=settings, store=store, clock=clock, transports=transports or Transports())
