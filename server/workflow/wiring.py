"""The workflow's ports from the process's services: the same adapters the card's use cases run with."""

from __future__ import annotations

from server.hubspot.adapter import HubSpotPortal
from server.netsuite.adapter import NetSuiteAccounts
from server.orders.context import Deps
from server.services import Services


def workflow_deps(services: Services) -> Deps:
    return Deps(
        store=services.store,
        netsuite=NetSuiteAccounts(services.netsuite, services.store),
        hubspot=HubSpotPortal(services.hubspot),
        clock=services.clock,
    )
