"""The orders domain's HubSpot port over HubSpotClient: deals, line items, parties and files as domain
models; transient HubSpot failures as the domain's HubSpotFailedError."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from server.hubspot.client import HubSpotClient
from server.hubspot.errors import HubSpotError, HubSpotFileTooLarge, HubSpotRateLimited
from server.hubspot.models import Company, Contact, DealContext, FileInfo
from server.orders import models as om
from server.orders.errors import HubSpotFailedError


@asynccontextmanager
async def translated() -> AsyncIterator[None]:
    # Install, scope and not-found errors already speak to the rep (403 "Reinstall", 404): they pass.
    try:
        yield
    except (HubSpotError, HubSpotRateLimited) as exc:
        raise HubSpotFailedError(exc.message) from exc


def _company(c: Company) -> om.HsParty:
    return om.HsParty(
        kind="company", id=c.id, name=c.name or f"Company {c.id}", domain=c.domain, phone=c.phone,
        addr1=c.address, city=c.city, state=c.state, zip=c.zip, country=c.country,
    )  # fmt: skip


def _contact(c: Contact) -> om.HsParty:
    name = " ".join(p for p in (c.first_name, c.last_name) if p) or c.email or f"Contact {c.id}"
    return om.HsParty(
        kind="contact", id=c.id, name=name, email=c.email, phone=c.phone, first_name=c.first_name,
        last_name=c.last_name, addr1=c.address, city=c.city, state=c.state, zip=c.zip, country=c.country,
    )  # fmt: skip


def deal_context(found: DealContext) -> om.HsDealContext:
    deal = found.deal
    lines = tuple(
        om.HsLineItem(
            id=li.id,
            name=li.name or li.sku or f"Line item {li.id}",
            sku=li.sku,
            quantity=li.quantity,
            price=li.price,
            discount_amount=li.discount,
            discount_percent=li.discount_percentage,
            currency=li.currency or deal.currency,
        )
        for li in found.line_items
    )
    return om.HsDealContext(
        deal=om.HsDeal(deal.id, deal.name or f"Deal {deal.id}", deal.amount, deal.currency),
        line_items=lines,
        company=_company(found.company) if found.company else None,
        contact=_contact(found.contact) if found.contact else None,
    )


class HubSpotPortal:
    """Satisfies the orders domain's HubSpotPort."""

    def __init__(self, client: HubSpotClient) -> None:
        self._client = client

    async def deal_context(self, portal_id: int, deal_id: str) -> om.HsDealContext:
        async with translated():
            return deal_context(await self._client.deal_context(portal_id, deal_id))

    async def attachments(self, portal_id: int, deal_id: str) -> list[om.Attachment]:
        async with translated():
            files = await self._client.attachments(portal_id, deal_id)
        return [om.Attachment(f.id, f.filename, f.size, f.mime) for f in files]

    async def download(self, portal_id: int, attachment: om.Attachment, *, max_bytes: int) -> bytes | None:
        info = FileInfo(
            id=attachment.id, name=attachment.name, extension=None, size=attachment.size, type=None,
            mime=attachment.mime_type,
        )  # fmt: skip
        try:
            async with translated():
                return await self._client.download(portal_id, info, max_bytes=max_bytes)
        except HubSpotFileTooLarge:
            return None
