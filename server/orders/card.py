"""Card use cases: list a deal's linked orders live (one NetSuite query per account, within the time
budget, stale values otherwise), link an existing order, unlink one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from server.concurrency import together
from server.errors import AppError, BadRequestError, NotFoundError
from server.orders.context import Deps
from server.orders.errors import (
    AlreadyLinkedError,
    NetSuiteAuthFailedError,
    NetSuiteDownError,
    OrderNotFoundError,
)
from server.orders.models import NsOrderSummary
from server.orders.ports import ConnectionRecord, LinkRecord
from server.orders.views import age_text, iso, order_json

log = logging.getLogger(__name__)


def link_fields(order: NsOrderSummary) -> dict[str, Any]:
    """The stored copy of an order's live values (what a stale card shows)."""
    return {
        "tran_id": order.number,
        "status_code": order.status_code,
        "status_label": order.status_label,
        "total": order.total,
        "currency": order.currency,
        "tran_date": order.date,
        "customer_name": order.customer,
    }


@dataclass
class _Account:
    connection: ConnectionRecord
    links: list[LinkRecord]
    state: str = "ok"
    message: str | None = None
    stale_reason: str | None = None


class CardOrders:
    """The card's reads and link edits; background refreshes outlive a timed-out request."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._background: set[asyncio.Task[None]] = set()

    async def aclose(self) -> None:
        """Stop waiting for late NetSuite answers (shutdown): they only refresh stored copies."""
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*list(self._background), return_exceptions=True)

    async def wait_idle(self) -> None:
        """Let late NetSuite answers finish writing (tests, shutdown)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    async def load(self, portal_id: int, deal_id: str, *, refresh: bool = False) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deps.card_time_budget
        async with self.deps.store.transaction() as tx:
            connections = list(await tx.connections.list(portal_id))
            links = list(await tx.links.for_deal(portal_id, deal_id))
        if not connections:
            return {"dealId": deal_id, "connected": False, "connections": [], "orders": [], "stale": None}
        accounts = {
            c.id: _Account(c, [link for link in links if link.connection_id == c.id]) for c in connections
        }
        fresh: dict[str, NsOrderSummary] = {}
        await together(*(self._read(portal_id, a, fresh, deadline) for a in accounts.values() if a.links))
        if fresh:
            await self._store(portal_id, [link for link in links if link.netsuite_id in fresh], fresh)
            async with self.deps.store.transaction() as tx:
                links = list(await tx.links.for_deal(portal_id, deal_id))
        return self._view(deal_id, accounts, links)

    async def _read(
        self, portal_id: int, account: _Account, fresh: dict[str, NsOrderSummary], deadline: float
    ) -> None:
        port = self.deps.netsuite.account(account.connection)
        ids = [link.netsuite_id for link in account.links]
        call = asyncio.ensure_future(port.sales_orders(ids))
        remaining = max(0.0, deadline - asyncio.get_running_loop().time())
        done, _ = await asyncio.wait({call}, timeout=remaining)
        if not done:
            # Keep the NetSuite call running: when it answers, the stored values are refreshed for next time.
            self._finish_later(portal_id, account.links, call)
            budget = self.deps.card_time_budget
            account.state, account.stale_reason = "stale", f"NetSuite did not answer within {budget:g} s"
            return
        try:
            orders = call.result()
        except NetSuiteAuthFailedError:
            account.state, account.message = "needs_reconnect", "Reconnect NetSuite in the app settings."
            account.stale_reason = "NetSuite refused the connection"
            return
        except NetSuiteDownError:
            account.state, account.stale_reason = "stale", "NetSuite is not answering"
            return
        except AppError as exc:
            log.warning("card load failed for connection %s: %s", account.connection.id, exc.message)
            account.state, account.message, account.stale_reason = (
                "error",
                exc.message,
                "NetSuite answered with an error",
            )
            return
        fresh.update({o.id: o for o in orders})

    def _finish_later(
        self, portal_id: int, links: Sequence[LinkRecord], call: asyncio.Future[list[NsOrderSummary]]
    ) -> None:
        async def finish() -> None:
            try:
                orders = await call
            except AppError as exc:
                log.info("late NetSuite answer failed: %s", exc.message)
                return
            by_id = {o.id: o for o in orders}
            await self._store(portal_id, [link for link in links if link.netsuite_id in by_id], by_id)

        task = asyncio.ensure_future(finish())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _store(
        self, portal_id: int, links: Sequence[LinkRecord], orders: dict[str, NsOrderSummary]
    ) -> None:
        # Most loads change nothing: those links get one bulk timestamp, only changed ones a full write.
        unchanged = []
        async with self.deps.store.transaction() as tx:
            for link in links:
                fields = link_fields(orders[link.netsuite_id])
                if all(getattr(link, name) == value for name, value in fields.items()):
                    unchanged.append(link.id)
                else:
                    await tx.links.refresh(portal_id, link.id, **fields)
            await tx.links.touch(portal_id, unchanged)

    def _view(
        self, deal_id: str, accounts: dict[str, _Account], links: Sequence[LinkRecord]
    ) -> dict[str, Any]:
        now = self.deps.clock()
        stale_links = [link for link in links if accounts[link.connection_id].stale_reason]
        stale = None
        for account in accounts.values():
            if not account.stale_reason:
                continue
            times = [link.refreshed_at for link in account.links if link.refreshed_at]
            oldest = min(times) if times else None
            shown = (
                f"showing values from {age_text((now - oldest).total_seconds())}"
                if oldest
                else "showing the values saved when the orders were linked"
            )
            account.message = account.message or f"{account.stale_reason}; {shown}."
        if stale_links:
            times = [link.refreshed_at for link in stale_links if link.refreshed_at]
            oldest = min(times) if times else None
            reasons = sorted({accounts[link.connection_id].stale_reason or "" for link in stale_links})
            stale = {
                "asOf": iso(oldest),
                "ageSeconds": int((now - oldest).total_seconds()) if oldest else None,
                "reason": "; ".join(reasons),
            }
        return {
            "dealId": deal_id,
            "connected": True,
            "connections": [
                {
                    "id": a.connection.id,
                    "label": a.connection.label,
                    "accountId": a.connection.account_id,
                    "state": a.state,
                    "message": a.message,
                }
                for a in accounts.values()
            ],
            "orders": [order_json(link, accounts[link.connection_id].connection) for link in links],
            "stale": stale,
        }

    async def link_existing(
        self, portal_id: int, deal_id: str, *, connection_id: str, number: str, user_email: str | None
    ) -> dict[str, Any]:
        number = number.strip()
        if not number or len(number) > 64:
            raise BadRequestError(
                "Enter the sales order number, like SO1042.", fields={"number": "Enter the order number."}
            )
        async with self.deps.store.transaction() as tx:
            connection = await tx.connections.get(portal_id, connection_id)
        if connection is None:
            raise NotFoundError(
                "That NetSuite account is not connected.",
                fields={"connectionId": "Choose a connected account."},
            )
        order = await self.deps.netsuite.account(connection).sales_order_by_number(number)
        if order is None:
            raise OrderNotFoundError(
                f"No sales order {number} in {connection.label}.", fields={"number": "No such order."}
            )
        async with self.deps.store.transaction() as tx:
            existing = await tx.links.for_deal(portal_id, deal_id)
            if any(link.connection_id == connection.id and link.netsuite_id == order.id for link in existing):
                raise AlreadyLinkedError(f"{order.number or number} is already linked to this deal.")
            link = await tx.links.link(
                portal_id, deal_id=deal_id, connection_id=connection.id, netsuite_id=order.id,
                created_via="linked", created_by=user_email, external_id=order.external_id,
                **link_fields(order),
            )  # fmt: skip
        return {"order": order_json(link, connection)}

    async def unlink(self, portal_id: int, deal_id: str, link_id: str) -> None:
        async with self.deps.store.transaction() as tx:
            link = await tx.links.get(portal_id, link_id)
            if link is None or link.deal_id != deal_id:
                raise NotFoundError("That sales order is not linked to this deal.")
            await tx.links.unlink(portal_id, link_id)
