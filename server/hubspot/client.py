"""Typed access to one HubSpot portal's CRM records, deal attachments and workflow callbacks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import httpx

from server.concurrency import together
from server.hubspot import models
from server.hubspot.errors import HubSpotError, HubSpotFileTooLarge, HubSpotNotFound
from server.hubspot.limiter import Sleep, SlidingWindowLimiter
from server.hubspot.models import Company, Contact, Deal, DealContext, FileInfo, LineItem, Note, Product
from server.hubspot.oauth import HubSpotTokens
from server.hubspot.requester import HubSpotRequester
from server.store.repositories import Clock, utc_now

log = logging.getLogger(__name__)

BATCH_LIMIT = 100  # HubSpot batch endpoints take at most 100 inputs
ASSOCIATION_PAGE = 500  # the v4 associations API's maximum page size
DEAL_ASSOCIATIONS = ("line_items", "companies", "contacts", "notes")
# Where the workflow action's failure reason goes; the action definition declares this output field.
FAILURE_REASON_FIELD = "error_message"
DEAL_GONE = "This deal no longer exists in HubSpot."
T = TypeVar("T")


def _checked_id(value: str | int, what: str = "deal") -> str:
    # Ids reach us from URLs and bodies: only digits may go into a HubSpot path.
    text = str(value).strip()
    if not text.isdigit() or len(text) > 20:
        raise HubSpotNotFound(f"There is no HubSpot {what} {text[:40]!r}.")
    return text


def _association_key(name: str) -> str:
    # HubSpot names associated types in responses with spaces ("line items") or as asked ("line_items").
    return name.replace(" ", "_")


class HubSpotClient:
    """Reads deals and what hangs off them for one portal at a time; maps HubSpot errors to ours."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        tokens: HubSpotTokens,
        *,
        clock: Clock = utc_now,
        limiter: SlidingWindowLimiter | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._clock = clock
        self._requests = HubSpotRequester(http, tokens, limiter=limiter, sleep=sleep)
        self._http = http

    # -- CRM ------------------------------------------------------------------------------------------

    async def deal(self, portal_id: int, deal_id: str) -> Deal:
        deal_id = _checked_id(deal_id)
        response = await self._requests.send(
            portal_id,
            "GET",
            f"/crm/v3/objects/deals/{deal_id}",
            params={
                "properties": ",".join(models.DEAL_PROPERTIES),
                "associations": ",".join(DEAL_ASSOCIATIONS),
            },
            operation="deal.get",
            not_found=DEAL_GONE,
        )
        data = self._json(response)
        associations: dict[str, list[str]] = {}
        for name, block in (data.get("associations") or {}).items():
            key = _association_key(str(name))
            results = block.get("results") or []
            ordered = sorted(results, key=lambda r: 0 if _is_primary(r) else 1)
            ids = list(dict.fromkeys(str(r["id"]) for r in ordered if "id" in r))
            if (block.get("paging") or {}).get("next"):
                # The embedded list is cut short; the v4 associations API pages through all of them.
                ids = list(dict.fromkeys(ids + await self._associated(portal_id, deal_id, key)))
            associations[key] = ids
        return Deal.from_hubspot(data, associations)

    async def _associated(self, portal_id: int, deal_id: str, to_type: str) -> list[str]:
        ids: list[str] = []
        after: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": ASSOCIATION_PAGE}
            if after:
                params["after"] = after
            response = await self._requests.send(
                portal_id,
                "GET",
                f"/crm/v4/objects/deals/{deal_id}/associations/{to_type}",
                params=params,
                operation="associations.list",
                not_found=DEAL_GONE,
            )
            data = self._json(response)
            ids.extend(str(r["toObjectId"]) for r in data.get("results") or [] if "toObjectId" in r)
            after = ((data.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                return ids

    async def line_items(self, portal_id: int, ids: Sequence[str]) -> list[LineItem]:
        properties = models.LINE_ITEM_PROPERTIES
        return await self._batch(portal_id, "line_items", ids, properties, LineItem.from_hubspot)

    async def products(self, portal_id: int, ids: Sequence[str]) -> list[Product]:
        return await self._batch(portal_id, "products", ids, models.PRODUCT_PROPERTIES, Product.from_hubspot)

    async def companies(self, portal_id: int, ids: Sequence[str]) -> list[Company]:
        return await self._batch(portal_id, "companies", ids, models.COMPANY_PROPERTIES, Company.from_hubspot)

    async def contacts(self, portal_id: int, ids: Sequence[str]) -> list[Contact]:
        return await self._batch(portal_id, "contacts", ids, models.CONTACT_PROPERTIES, Contact.from_hubspot)

    async def notes(self, portal_id: int, ids: Sequence[str]) -> list[Note]:
        return await self._batch(portal_id, "notes", ids, models.NOTE_PROPERTIES, Note.from_hubspot)

    async def _batch(
        self,
        portal_id: int,
        object_type: str,
        ids: Sequence[str],
        properties: Sequence[str],
        parse: Callable[[dict[str, Any]], T],
    ) -> list[T]:
        """Batch read in chunks of 100, in the order asked; ids HubSpot no longer has are left out."""
        wanted = list(dict.fromkeys(_checked_id(i, object_type) for i in ids))
        found: dict[str, T] = {}
        for start in range(0, len(wanted), BATCH_LIMIT):
            chunk = wanted[start : start + BATCH_LIMIT]
            response = await self._requests.send(
                portal_id,
                "POST",
                f"/crm/v3/objects/{object_type}/batch/read",
                json={"inputs": [{"id": i} for i in chunk], "properties": list(properties)},
                operation=f"{object_type}.batch_read",
            )
            # 207 Multi-Status: the found records in `results`, the missing ones in `errors`.
            for record in self._json(response).get("results") or []:
                found[str(record["id"])] = parse(record)
        return [found[i] for i in wanted if i in found]

    async def deal_context(self, portal_id: int, deal_id: str) -> DealContext:
        """The deal, its line items (SKU from the product when the line has none), first company and contact.

        Round trips: the deal, then line items, company and contact at once, then products only when a
        line item lacks a SKU.
        """
        deal = await self.deal(portal_id, deal_id)

        async def first_company() -> Company | None:
            found = await self.companies(portal_id, deal.companies[:1]) if deal.companies else []
            return found[0] if found else None

        async def first_contact() -> Contact | None:
            found = await self.contacts(portal_id, deal.contacts[:1]) if deal.contacts else []
            return found[0] if found else None

        line_items, company, contact = await together(
            self.line_items(portal_id, deal.line_items), first_company(), first_contact()
        )
        lacking = [line.product_id for line in line_items if not line.sku and line.product_id]
        if lacking:
            products = {p.id: p for p in await self.products(portal_id, lacking)}
            line_items = [
                line.model_copy(update={"sku": products[line.product_id].sku})
                if not line.sku and line.product_id in products
                else line
                for line in line_items
            ]
        return DealContext(deal=deal, line_items=line_items, company=company, contact=contact)

    # -- files ----------------------------------------------------------------------------------------

    async def attachments(self, portal_id: int, deal_id: str) -> list[FileInfo]:
        """Files attached to the deal's notes, newest note first as HubSpot lists them."""
        deal_id = _checked_id(deal_id)
        note_ids = await self._associated(portal_id, deal_id, "notes")
        notes = await self.notes(portal_id, note_ids)
        file_ids = list(dict.fromkeys(fid for note in notes for fid in note.attachment_ids))
        files = await together(*(self.file(portal_id, fid) for fid in file_ids))
        return [f for f in files if f is not None]

    async def file(self, portal_id: int, file_id: str) -> FileInfo | None:
        """A file's metadata, or None when it was deleted since it was attached."""
        file_id = _checked_id(file_id, "file")
        try:
            response = await self._requests.send(
                portal_id, "GET", f"/files/v3/files/{file_id}", operation="files.get", not_found="gone"
            )
        except HubSpotNotFound:
            log.info("attachment %s of portal %s no longer exists", file_id, portal_id)
            return None
        return FileInfo.from_hubspot(self._json(response))

    async def download(self, portal_id: int, file: FileInfo, *, max_bytes: int) -> bytes:
        """The file's bytes through a signed URL; refuses (never truncates) a file over `max_bytes`."""
        if file.size is not None and file.size > max_bytes:
            raise HubSpotFileTooLarge(file.filename, size=file.size, max_bytes=max_bytes)
        response = await self._requests.send(
            portal_id,
            "GET",
            f"/files/v3/files/{_checked_id(file.id, 'file')}/signed-url",
            params={"expirationSeconds": 300},
            operation="files.signed_url",
            not_found=f"The file {file.filename!r} no longer exists in HubSpot.",
        )
        signed = self._json(response)
        url = signed.get("url")
        size = signed.get("size")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise HubSpotError(f"HubSpot gave no download link for {file.filename!r}. Try again.")
        if isinstance(size, int) and size > max_bytes:
            raise HubSpotFileTooLarge(file.filename, size=size, max_bytes=max_bytes)
        return await self._fetch_signed(url, file, max_bytes=max_bytes)

    async def _fetch_signed(self, url: str, file: FileInfo, *, max_bytes: int) -> bytes:
        # The signed URL carries its own authorization, so no bearer token travels to the file host.
        chunks: list[bytes] = []
        received = 0
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code != 200:
                    log.warning("signed URL of file %s answered %s", file.id, response.status_code)
                    raise HubSpotError(f"HubSpot did not hand over {file.filename!r}. Try again.")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise HubSpotFileTooLarge(file.filename, size=int(declared), max_bytes=max_bytes)
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        raise HubSpotFileTooLarge(file.filename, size=None, max_bytes=max_bytes)
                    chunks.append(chunk)
        except httpx.HTTPError as exc:
            log.warning("download of file %s failed: %s", file.id, type(exc).__name__)
            raise HubSpotError(f"The download of {file.filename!r} from HubSpot failed. Try again.") from None
        return b"".join(chunks)

    # -- workflow callbacks ---------------------------------------------------------------------------

    async def complete_callback(
        self,
        portal_id: int,
        callback_id: str,
        output_fields: dict[str, Any],
        *,
        failure_reason: str | None = None,
    ) -> None:
        """Finish a blocked workflow action: SUCCESS with outputs, or FAIL_CONTINUE with the reason."""
        if not (0 < len(callback_id) <= 200 and all(c.isalnum() or c in "-_" for c in callback_id)):
            raise HubSpotError("The workflow callback id is not valid.")
        fields = dict(output_fields)
        if failure_reason is not None:
            fields["hs_execution_state"] = "FAIL_CONTINUE"
            fields[FAILURE_REASON_FIELD] = failure_reason
        else:
            fields.setdefault("hs_execution_state", "SUCCESS")
        await self._requests.send(
            portal_id,
            "POST",
            f"/automation/v4/actions/callbacks/{callback_id}/complete",
            json={"outputFields": fields},
            operation="callbacks.complete",
            idempotent=False,
            not_found="HubSpot no longer waits for this workflow action (it expired or was completed).",
        )

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            raise HubSpotError() from None
        if not isinstance(data, dict):
            raise HubSpotError()
        return data


def _is_primary(result: dict[str, Any]) -> bool:
    # HubSpot lists a primary association twice: as "deal_to_company" and as "..._unlabeled".
    kind = str(result.get("type", ""))
    return bool(kind) and not kind.endswith("_unlabeled")
