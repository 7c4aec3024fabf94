"""The options HubSpot shows for the action's dynamic fields: connected accounts, and the chosen
account's subsidiaries, sales order forms and File Cabinet folders."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from server.orders.ports import NetSuiteAccounts
from server.store.repositories import SqlStore
from server.workflow.request import OptionsRequest

log = logging.getLogger(__name__)
PAGE_SIZE = 100


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    description: str | None = None

    def to_json(self) -> dict[str, str]:
        data = {"label": self.label, "value": self.value}
        if self.description:
            data["description"] = self.description
        return data


def page_of(choices: Sequence[Choice], *, query: str, after: str | None) -> dict[str, Any]:
    """Filter by the typed text, then one page; `after` is the offset of the next page."""
    wanted = query.casefold()
    matching = [c for c in choices if not wanted or wanted in c.label.casefold() or wanted == c.value]
    start = int(after) if after and after.isdigit() else 0
    chunk = matching[start : start + PAGE_SIZE]
    page: dict[str, Any] = {"options": [c.to_json() for c in chunk], "searchable": True}
    if start + PAGE_SIZE < len(matching):
        page["after"] = str(start + PAGE_SIZE)
    return page


async def field_options(store: SqlStore, accounts: NetSuiteAccounts, call: OptionsRequest) -> dict[str, Any]:
    async with store.transaction() as tx:
        connections = await tx.connections.list(call.portal_id)
    if call.field == "netsuite_account":
        choices = [Choice(c.id, c.label, f"NetSuite account {c.account_id}") for c in connections]
        return page_of(choices, query=call.query, after=call.after)
    chosen = call.input_fields.get("netsuite_account")
    connection = next((c for c in connections if c.id == chosen), None)
    if connection is None:
        # No account chosen yet (or one this portal does not have): nothing to offer.
        if chosen:
            log.info(
                "options for %s asked with a foreign connection by portal %s", call.field, call.portal_id
            )
        return {"options": [], "searchable": False}
    netsuite = accounts.account(connection)
    if call.field == "subsidiary":
        subsidiaries = await netsuite.subsidiaries()
        choices = [
            Choice(s.id, s.name, s.currency) for s in subsidiaries if not s.inactive and not s.is_elimination
        ]
    elif call.field == "custom_form":
        choices = [
            Choice(f.id, f.name, "Default form" if f.is_default else None) for f in await netsuite.forms()
        ]
    else:
        folders = await netsuite.folders()
        names = {f.id: f.name for f in folders}
        choices = [Choice(f.id, _folder_label(f.name, names.get(f.parent_id or ""))) for f in folders]
        choices.sort(key=lambda c: c.label.casefold())
    return page_of(choices, query=call.query, after=call.after)


def _folder_label(name: str, parent: str | None) -> str:
    return f"{parent} / {name}" if parent else name
