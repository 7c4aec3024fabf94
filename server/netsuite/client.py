"""Typed access to one NetSuite account: the reads and writes the app needs, as pydantic models."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import httpx

from server.netsuite import errors, queries
from server.netsuite.calls import NetSuiteCalls
from server.netsuite.catalog import describe_from_schema, rest_names
from server.netsuite.files import MAX_FILE_BYTES, file_type
from server.netsuite.governor import Governor
from server.netsuite.models import (
    AttachedFile,
    Currency,
    Customer,
    Folder,
    Form,
    FormDescription,
    FormField,
    Item,
    SalesOrderRow,
    Subsidiary,
)


def _distinct(values: Iterable[str], *, lower: bool = False) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        cleaned = value.strip().lower() if lower else value.strip()
        if cleaned:
            seen.setdefault(cleaned)
    return list(seen)


class NetSuiteClient(NetSuiteCalls):
    """Typed access to one NetSuite account's REST record, SuiteQL and RESTlet endpoints."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        governor: Governor,
        account_id: str,
        rest_base_url: str,
        restlet_url: str | None = None,
        app_base_url: str,
    ) -> None:
        super().__init__(
            http, governor=governor, account_id=account_id, rest_base_url=rest_base_url,
            restlet_url=restlet_url, app_base_url=app_base_url,
        )  # fmt: skip
        self._names: tuple[dict[str, str], dict[str, str]] | None = None
        self._names_lock = asyncio.Lock()

    async def _rows_in(self, build: Any, values: Sequence[str], *extra: object) -> list[dict[str, Any]]:
        # One query per 1000 values (one query in practice): never one request per value.
        rows: list[dict[str, Any]] = []
        for chunk in queries.chunks(values):
            rows += await self.suiteql_all(build(len(chunk)), [*extra, *chunk])
        return rows

    async def ping(self) -> None:
        """The cheapest authenticated call there is: proves account, credentials and role at once."""
        await self.suiteql(queries.FIRST_SUBSIDIARY, limit=1)

    async def subsidiaries(self) -> list[Subsidiary]:
        return [Subsidiary.model_validate(r) for r in await self.suiteql_all(queries.SUBSIDIARIES)]

    async def currencies(self) -> list[Currency]:
        return [Currency.model_validate(r) for r in await self.suiteql_all(queries.CURRENCIES)]

    async def search_customers(self, text: str, limit: int = 20) -> list[Customer]:
        needle = text.strip().lower()[:100]
        page = await self.suiteql(queries.search_customers(), [needle] * 3, limit=max(1, min(limit, 1000)))
        return [Customer.model_validate(r) for r in page.items]

    async def customers_by_emails(self, emails: Iterable[str]) -> list[Customer]:
        rows = await self._rows_in(queries.customers_by_emails, _distinct(emails, lower=True))
        return [Customer.model_validate(r) for r in rows]

    async def customers_by_external_ids(self, external_ids: Iterable[str]) -> list[Customer]:
        rows = await self._rows_in(queries.customers_by_external_ids, _distinct(external_ids))
        return [Customer.model_validate(r) for r in rows]

    async def customer(self, customer_id: str) -> Customer | None:
        page = await self.suiteql(queries.CUSTOMER_BY_ID, [customer_id], limit=1)
        return Customer.model_validate(page.items[0]) if page.items else None

    async def create_customer(self, body: Mapping[str, Any]) -> str:
        return await self.create_record("customer", body)

    async def items_by_skus(self, skus: Iterable[str]) -> list[Item]:
        """Every active, sellable item whose name/number matches a SKU, ignoring case; duplicates included
        so the caller can tell an ambiguous SKU from a matched one."""
        rows = await self._rows_in(queries.items_by_skus, _distinct(skus, lower=True))
        return [Item.model_validate(r) for r in rows]

    async def list_prices(self, item_ids: Iterable[str], currency_id: str) -> dict[str, Decimal]:
        """Base Price per item in the currency; items without one are absent."""
        rows = await self._rows_in(queries.list_prices, _distinct(item_ids), currency_id)
        prices: dict[str, Decimal] = {}
        for row in rows:
            try:
                prices[str(row["item"])] = Decimal(str(row["unitprice"]))
            except (KeyError, InvalidOperation):
                continue
        return prices

    async def sales_orders(self, ids: Iterable[str]) -> list[SalesOrderRow]:
        rows = await self._rows_in(queries.sales_orders_by_id, _distinct(ids))
        return [SalesOrderRow.model_validate(r) for r in rows]

    async def sales_order_by_external_id(self, external_id: str) -> SalesOrderRow | None:
        page = await self.suiteql(queries.SALES_ORDER_BY_EXTERNAL_ID, [external_id], limit=1)
        return SalesOrderRow.model_validate(page.items[0]) if page.items else None

    async def sales_order_by_number(self, tran_id: str) -> SalesOrderRow | None:
        page = await self.suiteql(queries.SALES_ORDER_BY_NUMBER, [tran_id.strip().upper()], limit=1)
        return SalesOrderRow.model_validate(page.items[0]) if page.items else None

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        """Create-or-update by external id (so a retry never makes a second order); the internal id."""
        found = await self.upsert_record("salesOrder", external_id, body)
        if found is not None:
            return found
        # UNCONFIRMED that an update answers with Location: find the order by its external id instead.
        order = await self.sales_order_by_external_id(external_id)
        if order is None:
            raise errors.NetSuiteError("NetSuite accepted the order but we could not find it afterwards.")
        return order.id

    # RESTlet (suiteapp/): custom forms, File Cabinet folders, attachments

    async def forms(self) -> list[Form]:
        answer = await self.restlet_get("forms")
        return [Form.model_validate(f) for f in answer.get("forms", [])]

    async def describe_form(self, form_id: str) -> FormDescription:
        """The form's fields as the RESTlet sees them, with ids renamed to the REST record service's."""
        answer = await self.restlet_get("form", id=form_id)
        form = FormDescription.model_validate({**answer, "source": "restlet"})
        body_names, item_names = await self._rest_names()

        def renamed(fields: list[FormField], names: dict[str, str]) -> list[FormField]:
            return [f.model_copy(update={"id": names.get(f.id.lower(), f.id)}) for f in fields]

        return form.model_copy(
            update={
                "body_fields": renamed(form.body_fields, body_names),
                "item_fields": renamed(form.item_fields, item_names),
            }
        )

    def forget_catalog(self) -> None:
        """Read the metadata catalog again on the next form description (an admin's "reload")."""
        self._names = None

    async def _rest_names(self) -> tuple[dict[str, str], dict[str, str]]:
        # One catalog read per account (this client lives as long as its pooled connection).
        async with self._names_lock:
            if self._names is None:
                self._names = rest_names(await self.metadata("salesOrder"))
            return self._names

    async def describe_form_from_catalog(self, form_id: str, form_name: str = "Standard") -> FormDescription:
        """Without the RESTlet: labels and types from the metadata catalog, no per-form flags."""
        schema = await self.metadata("salesOrder")
        return describe_from_schema(schema, form_id=form_id, form_name=form_name)

    async def folders(self) -> list[Folder]:
        answer = await self.restlet_get("folders")
        return [Folder.model_validate(f) for f in answer.get("folders", [])]

    async def attach_file(
        self,
        sales_order_id: str,
        folder_id: str,
        file_name: str,
        content: bytes,
        content_type: str | None,
        *,
        description: str | None = None,
    ) -> str:
        """Store the file in the folder and attach it to the order; the new file's id."""
        if len(content) > MAX_FILE_BYTES:
            raise errors.FileTooLarge(
                f"{file_name} is {len(content) / 1_048_576:.1f} MB; NetSuite accepts files up to 10 MB."
            )
        body = {
            "action": "attachFile",
            "salesOrderId": sales_order_id,
            "folderId": folder_id,
            "fileName": file_name,
            "fileType": file_type(file_name, content_type),
            "contents": base64.b64encode(content).decode("ascii"),
            "description": description,
        }
        # Not safe to repeat: a retry after a lost answer would store the file twice.
        answer = await self.restlet_post(body, safe=False)
        return AttachedFile.model_validate(answer).file_id

    def order_url(self, internal_id: str) -> str:
        return f"{self.app_base_url}/app/accounting/transactions/salesord.nl?id={quote(internal_id, safe='')}"
