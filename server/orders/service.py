"""The orders use cases in one place, over the ports in `Deps`.

Transaction boundaries are the use cases' own here, on purpose: creating an order must commit its claim
before calling NetSuite and commit the link after, and no use case may hold a database transaction open
across a NetSuite or HubSpot call (seconds, under a shared concurrency limit).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from server.orders.card import CardOrders
from server.orders.context import Deps
from server.orders.drafting import Drafts
from server.orders.submission import Submitter


class OrdersService:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._card = CardOrders(deps)
        self._drafts = Drafts(deps)
        self._submitter = Submitter(deps)

    async def load_deal_orders(
        self, portal_id: int, deal_id: str, *, refresh: bool = False
    ) -> dict[str, Any]:
        return await self._card.load(portal_id, deal_id, refresh=refresh)

    async def link_existing(
        self, portal_id: int, deal_id: str, *, connection_id: str, number: str, user_email: str | None
    ) -> dict[str, Any]:
        return await self._card.link_existing(
            portal_id, deal_id, connection_id=connection_id, number=number, user_email=user_email
        )

    async def unlink(self, portal_id: int, deal_id: str, link_id: str) -> None:
        await self._card.unlink(portal_id, deal_id, link_id)

    async def start_or_resume_draft(
        self, portal_id: int, deal_id: str, *, user_id: str | None, restart: bool = False
    ) -> dict[str, Any]:
        return await self._drafts.start_or_resume(portal_id, deal_id, user_id=user_id, restart=restart)

    async def show_draft(self, portal_id: int, draft_id: str) -> dict[str, Any]:
        return await self._drafts.show(portal_id, draft_id)

    async def submit_step(
        self, portal_id: int, draft_id: str, step: str, *, version: int, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        return await self._drafts.submit_step(portal_id, draft_id, step, version=version, values=values)

    async def reload_form(self, portal_id: int, draft_id: str) -> dict[str, Any]:
        return await self._drafts.reload_form(portal_id, draft_id)

    async def field_options(self, portal_id: int, draft_id: str, field_id: str, query: str) -> dict[str, Any]:
        return await self._drafts.options(portal_id, draft_id, field_id, query)

    async def submit_draft(
        self, portal_id: int, draft_id: str, *, version: int, user_email: str | None
    ) -> dict[str, Any]:
        return await self._submitter.submit(portal_id, draft_id, version=version, user_email=user_email)

    async def discard_draft(self, portal_id: int, draft_id: str) -> None:
        await self._drafts.discard(portal_id, draft_id)

    async def aclose(self) -> None:
        await self._card.aclose()

    async def wait_idle(self) -> None:
        """Background card refreshes done (tests and shutdown)."""
        await self._card.wait_idle()
