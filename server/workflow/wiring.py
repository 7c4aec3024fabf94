"""The workflow's ports from the process's services: the very adapters the card's use cases run with."""

from __future__ import annotations

from server.orders.context import Deps
from server.services import Services


def workflow_deps(services: Services) -> Deps:
    # One set of adapters per process: the workflow shares the card's NetSuite pools, read coalescing and
    # form metadata cache instead of building a second copy of each.
    return services.orders.deps
