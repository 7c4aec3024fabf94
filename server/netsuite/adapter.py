"""The orders domain's NetSuite port over NetSuiteClient: domain models in, typed domain errors out, and
custom form metadata cached per connection and form in the store (with the catalog as fallback)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any

from server.concurrency import together
from server.netsuite import errors as ns
from server.netsuite import models as nm
from server.netsuite.client import NetSuiteClient
from server.netsuite.coalesce import OrderReadCoalescer
from server.netsuite.pool import NetSuitePool
from server.orders import errors as domain
from server.orders import models as om
from server.orders.ports import ConnectionRecord
from server.store.records import NetSuiteConnection
from server.store.repositories import SqlStore

FORM_CACHE_AGE = timedelta(hours=12)
STANDARD_FORM_ID = "standard"
# NetSuite opens each record rejection with this; the rep needs only what follows.
ACCESS_PREFIX = "Error while accessing resource: "


@asynccontextmanager
async def translated() -> AsyncIterator[None]:
    """NetSuite's typed errors as the domain's (the port's contract)."""
    try:
        yield
    except ns.NetSuiteAuthError as exc:
        raise domain.NetSuiteAuthFailedError(exc.message) from exc
    except ns.NetSuiteConcurrencyLimited as exc:
        raise domain.NetSuiteDownError(exc.message, maybe_done=False) from exc
    except ns.NetSuiteUnavailable as exc:
        raise domain.NetSuiteDownError(exc.message) from exc
    except ns.NetSuiteValidationError as exc:
        rejections = [domain.Rejection(d.path, d.message.removeprefix(ACCESS_PREFIX)) for d in exc.details]
        raise domain.NetSuiteRejectedError(
            exc.netsuite_message or exc.message, path=exc.path, rejections=rejections
        ) from exc
    except ns.RestletUnavailable as exc:
        raise domain.RestletMissingError(exc.message) from exc
    except ns.NetSuiteError as exc:
        raise domain.NetSuiteFailedError(exc.message, status_code=exc.status_code) from exc
    except TimeoutError as exc:
        raise domain.NetSuiteDownError() from exc


def _customer(c: nm.Customer) -> om.NsCustomer:
    return om.NsCustomer(
        id=c.id, name=c.name, email=c.email, phone=c.phone, subsidiary_id=c.subsidiary_id,
        currency_id=c.currency_id, external_id=c.external_id, is_person=c.is_person, inactive=c.inactive,
    )  # fmt: skip


def _item(i: nm.Item) -> om.NsItem:
    # items_by_skus answers active, sellable items only.
    return om.NsItem(
        id=i.id, item_id=i.item_id, display_name=i.display_name, type=i.item_type, type_label=i.type_label
    )


def _order(o: nm.SalesOrderRow) -> om.NsOrderSummary:
    return om.NsOrderSummary(
        id=o.id, number=o.tran_id, date=o.tran_date, status_code=o.status_code, status_label=o.status,
        total=o.total, currency=o.currency, customer=o.customer_name, external_id=o.external_id,
    )  # fmt: skip


def _field(f: nm.FormField) -> om.FormField:
    options = None if f.options is None else tuple(om.Option(o.value, o.text) for o in f.options)
    return om.FormField(
        id=f.id, label=f.label, type=f.type, mandatory=f.mandatory, displayed=f.displayed,
        read_only=f.read_only, help=f.help, options=options, options_truncated=f.options_truncated,
        option_source=f.option_source,
    )  # fmt: skip


def _form(d: nm.FormDescription) -> om.FormDescription:
    return om.FormDescription(
        id=d.id, name=d.name, body_fields=tuple(_field(f) for f in d.body_fields),
        item_fields=tuple(_field(f) for f in d.item_fields), source=d.source,
    )  # fmt: skip


def customer_body(new: om.NewCustomer) -> dict[str, Any]:
    body: dict[str, Any] = {
        "externalId": new.external_id,
        "subsidiary": {"id": new.subsidiary_id},
        "isPerson": new.is_person,
    }
    names = {"firstName": new.first_name, "lastName": new.last_name} if new.is_person else {}
    for key, value in {
        "companyName": new.company_name,
        **names,
        "email": new.email,
        "phone": new.phone,
    }.items():
        if value:
            body[key] = value
    return body


class NetSuiteAccount:
    """One connection's NetSuite account as the orders domain sees it."""

    def __init__(
        self,
        client: NetSuiteClient,
        connection: NetSuiteConnection,
        store: SqlStore,
        *,
        coalescer: OrderReadCoalescer | None = None,
    ) -> None:
        self._client = client
        self._connection = connection
        self._store = store
        self._coalescer = coalescer or OrderReadCoalescer()

    async def sales_orders(self, ids: Sequence[str]) -> list[om.NsOrderSummary]:
        async with translated():
            rows = await self._coalescer.fetch(self._client.sales_orders, ids)
            return [_order(o) for o in rows]

    async def sales_order_by_number(self, number: str) -> om.NsOrderSummary | None:
        async with translated():
            found = await self._client.sales_order_by_number(number)
        return _order(found) if found else None

    async def sales_order_by_external_id(self, external_id: str) -> om.NsOrderSummary | None:
        async with translated():
            found = await self._client.sales_order_by_external_id(external_id)
        return _order(found) if found else None

    async def subsidiaries(self) -> list[om.NsSubsidiary]:
        async with translated():
            found = await self._client.subsidiaries()
        return [om.NsSubsidiary(s.id, s.name, s.currency_id, s.currency) for s in found]

    async def currencies(self) -> list[om.NsCurrency]:
        async with translated():
            found = await self._client.currencies()
        return [om.NsCurrency(c.id, c.symbol, c.name, is_base=c.is_base) for c in found]

    async def forms(self) -> list[om.NsForm]:
        async with translated():
            return [om.NsForm(f.id, f.name, f.is_default) for f in await self._client.forms()]

    async def describe_form(self, form_id: str, *, reload: bool = False) -> om.FormDescription:
        """The form from the RESTlet, cached in the store; the metadata catalog when there is no RESTlet."""
        key = f"form:{form_id}"
        if not reload:
            async with self._store.transaction() as tx:
                cached = await tx.metadata.get(
                    self._connection.portal_id, self._connection.id, key, max_age=FORM_CACHE_AGE
                )
            if cached is not None:
                return _form(nm.FormDescription.model_validate(cached))
        async with translated():
            try:
                if form_id == STANDARD_FORM_ID:
                    raise ns.RestletUnavailable("the standard form is described by the catalog")
                described = await self._client.describe_form(form_id)
            except ns.RestletUnavailable:
                described = await self._client.describe_form_from_catalog(form_id)
        async with self._store.transaction() as tx:
            await tx.metadata.put(
                self._connection.portal_id, self._connection.id, key, described.model_dump(by_alias=True)
            )
        return _form(described)

    async def folders(self) -> list[om.NsFolder]:
        async with translated():
            return [om.NsFolder(f.id, f.name, f.parent_id) for f in await self._client.folders()]

    async def search_customers(self, text: str, *, limit: int = 20) -> list[om.NsCustomer]:
        async with translated():
            return [_customer(c) for c in await self._client.search_customers(text, limit)]

    async def customers_by_ids(self, ids: Sequence[str]) -> list[om.NsCustomer]:
        async with translated():
            found = await together(*(self._client.customer(i) for i in dict.fromkeys(ids)))
        return [_customer(c) for c in found if c is not None]

    async def customers_by_external_ids(self, external_ids: Sequence[str]) -> list[om.NsCustomer]:
        async with translated():
            return [_customer(c) for c in await self._client.customers_by_external_ids(external_ids)]

    async def customers_by_emails(self, emails: Sequence[str]) -> list[om.NsCustomer]:
        async with translated():
            return [_customer(c) for c in await self._client.customers_by_emails(emails)]

    async def create_customer(self, customer: om.NewCustomer) -> str:
        """Idempotent by external id: a retry finds the customer the first attempt created, and of two
        flows creating it at once, the one NetSuite refuses (the external id is taken) finds the other's."""
        async with translated():
            existing = await self._client.customers_by_external_ids([customer.external_id])
            if existing:
                return existing[0].id
            try:
                return await self._client.create_customer(customer_body(customer))
            except ns.NetSuiteValidationError:
                again = await self._client.customers_by_external_ids([customer.external_id])
                if again:
                    return again[0].id
                raise

    async def items_by_skus(self, skus: Sequence[str]) -> list[om.NsItem]:
        async with translated():
            return [_item(i) for i in await self._client.items_by_skus(skus)]

    async def _item_names(self, form_id: str) -> dict[str, str]:
        """Item internal id → name/number from the form's item column options (RESTlet), else nothing."""
        form = await self.describe_form(form_id)
        column = next((f for f in form.item_fields if f.id == "item"), None)
        return {o.value: o.label for o in (column.options or ())} if column else {}

    async def items_by_ids(self, ids: Sequence[str], *, form_id: str) -> list[om.NsItem]:
        names = await self._item_names(form_id)
        skus = [names[i] for i in ids if i in names]
        found = await self.items_by_skus(skus) if skus else []
        return [i for i in found if i.id in ids]

    async def search_items(self, text: str, *, form_id: str, limit: int = 20) -> list[om.NsItem]:
        needle = text.strip().casefold()
        names = await self._item_names(form_id)
        skus = [name for name in names.values() if needle in name.casefold()][:limit]
        # A SKU typed in full finds its item even beyond the RESTlet's first 200 options.
        found = await self.items_by_skus([*skus, text.strip()])
        return found[:limit]

    async def list_prices(self, item_ids: Sequence[str], *, currency_id: str | None) -> dict[str, Decimal]:
        async with translated():
            if currency_id is None:
                base = next((c for c in await self._client.currencies() if c.is_base), None)
                if base is None:
                    return {}
                currency_id = base.id
            return await self._client.list_prices(item_ids, currency_id)

    async def search_options(self, field_id: str, text: str, *, limit: int = 20) -> om.Page:
        needle = text.strip().casefold()
        async with translated():
            answer = await self._client.select_options("salesOrder", [field_id])
        matches = [
            om.Option(str(o.get("id")), str(o.get("refName")))
            for o in answer.get(field_id, [])
            if needle in str(o.get("refName", "")).casefold()
        ]
        return om.Page(matches[:limit], len(matches) > limit)

    async def upsert_sales_order(self, external_id: str, body: Mapping[str, Any]) -> str:
        async with translated():
            return await self._client.upsert_sales_order(external_id, body)

    async def attach_file(
        self, *, order_id: str, folder_id: str, name: str, content: bytes, mime_type: str | None
    ) -> str:
        async with translated():
            return await self._client.attach_file(order_id, folder_id, name, content, mime_type)


class NetSuiteAccounts:
    """The domain's NetSuiteAccounts: the pooled client of each connection, wrapped."""

    def __init__(self, pool: NetSuitePool, store: SqlStore) -> None:
        self._pool = pool
        self._store = store
        # Per NetSuite account (connection), shared by every request this process serves.
        self._coalescers: dict[str, OrderReadCoalescer] = {}

    def account(self, connection: ConnectionRecord) -> NetSuiteAccount:
        # Connections reach the domain from our own store; anything else is a wiring bug.
        assert isinstance(connection, NetSuiteConnection)
        coalescer = self._coalescers.setdefault(connection.id, OrderReadCoalescer())
        return NetSuiteAccount(
            self._pool.client_for(connection), connection, self._store, coalescer=coalescer
        )
