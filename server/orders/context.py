"""What a use case runs with (`Deps`) and the per-request, memoised view of one draft's NetSuite account
and HubSpot deal (`DraftContext`): each vendor read happens at most once per request."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from server.errors import NotFoundError
from server.orders import flow
from server.orders.errors import NotConnectedError, RestletMissingError
from server.orders.models import (
    Attachment,
    FormDescription,
    HsDealContext,
    HsParty,
    NsFolder,
    NsForm,
    NsSubsidiary,
)
from server.orders.ports import (
    ConnectionRecord,
    DraftRecord,
    HubSpotPort,
    NetSuiteAccounts,
    NetSuitePort,
    Store,
)

T = TypeVar("T")
# Without the RESTlet NetSuite cannot list custom forms: the account's standard form is the only choice.
STANDARD_FORM = NsForm(id="standard", name="Standard", is_default=True)
# NetSuite's RESTlet strings are 10 MB; base64 makes a file 4/3 larger, so files above ~7.5 MB can't pass.
MAX_ATTACHMENT_BYTES = 7_500_000


@dataclass
class Deps:
    """The ports and knobs every orders use case runs with (wired by the composition root or a test)."""

    store: Store
    netsuite: NetSuiteAccounts
    hubspot: HubSpotPort
    clock: Callable[[], datetime]
    card_time_budget: float = 2.0
    submit_lease: timedelta = timedelta(seconds=90)
    submit_wait: float = 10.0
    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES


class DraftContext:
    """Lazily loaded, memoised facts for one draft during one request."""

    def __init__(self, deps: Deps, draft: DraftRecord, *, reload_forms: bool = False) -> None:
        self.deps = deps
        self.draft = draft
        # The rep asked for the form as NetSuite has it now: read it live once, then this request shares it.
        self.reload_forms = reload_forms
        self._memo: dict[str, asyncio.Future[Any]] = {}

    async def _once(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        # A shared future: concurrent awaits of the same fact make one vendor call.
        if key not in self._memo:
            self._memo[key] = asyncio.ensure_future(load())
        result: T = await self._memo[key]
        return result

    @property
    def portal_id(self) -> int:
        return self.draft.portal_id

    def values(self, step: flow.Step) -> dict[str, Any]:
        return flow.values_of(self.draft.state, step)

    def endpoint(self, field_id: str) -> str:
        return f"/api/v1/drafts/{self.draft.id}/options/{field_id}"

    async def connections(self) -> list[ConnectionRecord]:
        async def load() -> list[ConnectionRecord]:
            async with self.deps.store.transaction() as tx:
                return list(await tx.connections.list(self.portal_id))

        return await self._once("connections", load)

    async def connection(self, connection_id: str | None = None) -> ConnectionRecord:
        """The chosen connection (account tab), or the only/first one before anything is chosen."""
        connections = await self.connections()
        if not connections:
            raise NotConnectedError()
        wanted = connection_id or self.values("account").get("connectionId")
        for connection in connections:
            if connection.id == wanted:
                return connection
        if wanted and connection_id:
            raise NotFoundError("That NetSuite account is no longer connected.")
        return connections[0]

    def port(self, connection: ConnectionRecord) -> NetSuitePort:
        return self.deps.netsuite.account(connection)

    async def subsidiaries(self, connection: ConnectionRecord) -> list[NsSubsidiary]:
        async def load() -> list[NsSubsidiary]:
            found = await self.port(connection).subsidiaries()
            return [s for s in found if not s.inactive and not s.is_elimination]

        return await self._once(f"subsidiaries:{connection.id}", load)

    async def forms(self, connection: ConnectionRecord) -> tuple[list[NsForm], bool]:
        """The account's sales order forms and whether the RESTlet answered (else the standard form only)."""

        async def load() -> tuple[list[NsForm], bool]:
            try:
                return await self.port(connection).forms(), True
            except RestletMissingError:
                return [STANDARD_FORM], False

        return await self._once(f"forms:{connection.id}", load)

    async def form(self, connection: ConnectionRecord, form_id: str) -> FormDescription:
        return await self._once(
            f"form:{connection.id}:{form_id}",
            lambda: self.port(connection).describe_form(form_id, reload=self.reload_forms),
        )

    async def folders(self, connection: ConnectionRecord) -> list[NsFolder] | None:
        """File Cabinet folders, or None when the RESTlet (needed for attachments) is missing."""

        async def load() -> list[NsFolder] | None:
            try:
                return await self.port(connection).folders()
            except RestletMissingError:
                return None

        return await self._once(f"folders:{connection.id}", load)

    async def deal(self) -> HsDealContext:
        return await self._once(
            "deal", lambda: self.deps.hubspot.deal_context(self.portal_id, self.draft.deal_id)
        )

    async def attachments(self) -> list[Attachment]:
        return await self._once(
            "attachments", lambda: self.deps.hubspot.attachments(self.portal_id, self.draft.deal_id)
        )

    async def party(self, connection: ConnectionRecord) -> HsParty | None:
        """The deal's first company (or contact, as the connection's defaults prefer), else the other."""
        deal = await self.deal()
        prefer_contact = getattr(connection.defaults, "customer_source", "company") == "contact"
        first, second = (deal.contact, deal.company) if prefer_contact else (deal.company, deal.contact)
        return first or second
