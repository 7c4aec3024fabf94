"""The options HubSpot shows for the action's dynamic fields: connected accounts, and the chosen
account's subsidiaries, sales order forms and File Cabinet folders.

Any NetSuite reader with `subsidiaries()`, `forms()` and `folders()` serves (the NetSuite client, or the
orders domain's NetSuite port); only id, name and a few optional attributes are read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from server.netsuite.errors import RestletUnavailable
from server.orders.context import STANDARD_FORM
from server.orders.errors import RestletMissingError
from server.store.records import NetSuiteConnection
from server.store.repositories import SqlStore
from server.workflow.request import OptionsRequest


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class OptionSource(Protocol):
    async def subsidiaries(self) -> Sequence[Named]: ...
    async def forms(self) -> Sequence[Named]: ...
    async def folders(self) -> Sequence[Named]: ...


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
    # `after` is one of our offsets, echoed back by HubSpot: anything else starts from the top.
    start = int(after) if after and after.isascii() and after.isdigit() and len(after) < 10 else 0
    chunk = matching[start : start + PAGE_SIZE]
    page: dict[str, Any] = {"options": [c.to_json() for c in chunk], "searchable": True}
    if start + PAGE_SIZE < len(matching):
        page["after"] = str(start + PAGE_SIZE)
    return page


async def field_options(
    store: SqlStore, source_for: Callable[[NetSuiteConnection], OptionSource], call: OptionsRequest
) -> dict[str, Any]:
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
            log.info("options for %s: portal %s has no connection %r", call.field, call.portal_id, chosen)
        return {"options": [], "searchable": False}
    return page_of(await _choices(source_for(connection), call.field), query=call.query, after=call.after)


async def _choices(netsuite: OptionSource, field: str) -> list[Choice]:
    if field == "subsidiary":
        return [
            Choice(s.id, s.name, getattr(s, "currency", None))
            for s in await netsuite.subsidiaries()
            if not getattr(s, "inactive", False) and not getattr(s, "is_elimination", False)
        ]
    try:
        listed = await (netsuite.forms() if field == "custom_form" else netsuite.folders())
    except (RestletUnavailable, RestletMissingError):
        # Without the RESTlet NetSuite lists no forms (its preferred one is used) and takes no files.
        if field == "custom_form":
            return [Choice(STANDARD_FORM.id, "Standard (NetSuite's preferred form)")]
        return []
    if field == "custom_form":
        return [
            Choice(f.id, f.name, "Default form" if getattr(f, "is_default", False) else None) for f in listed
        ]
    names = {f.id: f.name for f in listed}
    choices = [
        Choice(f.id, _folder_label(f.name, names.get(getattr(f, "parent_id", None) or ""))) for f in listed
    ]
    return sorted(choices, key=lambda c: c.label.casefold())


def _folder_label(name: str, parent: str | None) -> str:
    return f"{parent} / {name}" if parent else name


def _parent(folder: Named) -> str:
    parent = getattr(folder, "parent_id", None)
    return parent if isinstance(parent, str) else ""
