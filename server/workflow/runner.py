"""One execution of the action, built with the orders domain the card uses (matching, pricing, body):
deal → customer → lines → `PUT salesOrder/eid:{execution.external_id}` → link → attachments.

With "skip deals that already have a sales order" on, the external id is the deal's
(`request.deal_external_id`): two enrolments of a deal running at once name the same NetSuite record, and
the one that finds it already there finishes with it instead of upserting it again.

Raises `ActionFailed` for what only a human can fix, and the ports' typed errors for the rest (the
executor decides what is retried). What an attempt achieved is checkpointed, so a later attempt never
creates the order twice nor attaches a file twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from server.orders.builder import build_sales_order, price_line
from server.orders.context import STANDARD_FORM, Deps
from server.orders.errors import (
    AppError,
    NetSuiteDownError,
    NetSuiteFailedError,
    NetSuiteRejectedError,
    RestletMissingError,
)
from server.orders.matching import match_lines
from server.orders.models import HsDealContext, HsParty, NsOrderSummary
from server.orders.ports import ConnectionRecord, NetSuitePort
from server.orders.status import order_status
from server.store.records import WorkflowExecution
from server.workflow import currency
from server.workflow.customer import find_or_create_customer
from server.workflow.definition import WorkflowInputs, validate_inputs
from server.workflow.failures import ActionFailed
from server.workflow.lines import check_lines
from server.workflow.outcome import OrderRef, Outcome, success
from server.workflow.values import body_values

log = logging.getLogger(__name__)
NOT_CONNECTED = (
    "The NetSuite account chosen in this action is no longer connected — choose another account in the "
    "action's settings or reconnect it in the app settings."
)
UNCONFIRMED = "NetSuite did not confirm it; check the order's files in NetSuite, it may be attached already"


@dataclass(frozen=True)
class Progress:
    """What earlier attempts of one execution achieved (kept in the execution's outputs)."""

    order: dict[str, Any] | None = None
    attached: tuple[str, ...] = ()
    not_attached: dict[str, str] = field(default_factory=dict)
    # The file whose upload was sent and whose outcome is not recorded yet (sending it again could store
    # it twice, since the RESTlet's attachFile is not idempotent).
    sending: str | None = None
    # The upsert of the deal's one order was sent: an order found under its external id may be ours.
    order_sent: bool = False

    @classmethod
    def of(cls, execution: WorkflowExecution) -> Progress:
        stored = (execution.outputs or {}).get("progress") or {}
        return cls(
            order=stored.get("order"),
            attached=tuple(stored.get("attached", ())),
            not_attached=dict(stored.get("not_attached", {})),
            sending=stored.get("sending"),
            order_sent=bool(stored.get("order_sent")),
        )

    def to_json(self) -> dict[str, Any]:
        return {"order": self.order, "attached": list(self.attached), "not_attached": self.not_attached,
                "sending": self.sending, "order_sent": self.order_sent}  # fmt: skip


class Checkpoint(Protocol):
    """Commits progress as the claiming worker; `order_created` also links the order to the deal."""

    async def order_created(self, progress: Progress, *, link: dict[str, Any]) -> None: ...

    async def saved(self, progress: Progress) -> None: ...


def order_url(connection: ConnectionRecord, order_id: str) -> str:
    return f"{connection.app_base_url.rstrip('/')}/app/accounting/transactions/salesord.nl?id={order_id}"


def order_ref(connection: ConnectionRecord, order: NsOrderSummary) -> OrderRef:
    status = order_status(order.status_code, order.status_label) if order.status_code else None
    return OrderRef(
        id=order.id,
        number=order.number,
        url=order_url(connection, order.id),
        status=status.label if status else order.status_label,
    )


class OrderRunner:
    """Creates the sales order of one execution; holds no database transaction across vendor calls."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def run(self, execution: WorkflowExecution, checkpoint: Checkpoint) -> Outcome:
        inputs = validate_inputs(execution.inputs)
        portal = execution.portal_id
        progress = Progress.of(execution)
        async with self._deps.store.transaction() as tx:
            connection = await tx.connections.get(portal, inputs.connection_id)
            links = await tx.links.for_deal(portal, execution.deal_id)
            linked_connections = {c.id: c for c in await tx.connections.list(portal)}
        if connection is None:
            raise ActionFailed(NOT_CONNECTED)
        netsuite = self._deps.netsuite.account(connection)
        if progress.order is None and inputs.skip_if_linked and links:
            link = links[0]  # the newest
            owner = linked_connections.get(link.connection_id, connection)
            log.info("deal %s of portal %s already has order %s; skipped", execution.deal_id, portal,
                     link.netsuite_id)  # fmt: skip
            summary = NsOrderSummary(
                id=link.netsuite_id, number=link.tran_id, date=link.tran_date, status_code=link.status_code,
                status_label=link.status_label, total=link.total, currency=link.currency,
                customer=link.customer_name,
            )  # fmt: skip
            return success(order_ref(owner, summary))
        if progress.order is None:
            order, ours = await self._create(execution, inputs, connection, netsuite, progress, checkpoint)
            if not ours:
                # Another enrolment of the deal created the deal's one order after we looked for links:
                # finish with it, linked, and leave its files to that enrolment.
                log.info("deal %s of portal %s got order %s from another enrolment; skipped",
                         execution.deal_id, portal, order.id)  # fmt: skip
                await checkpoint.order_created(progress, link=_link_fields(execution, connection, order))
                return success(order_ref(connection, order))
            progress = replace(progress, order=_summary_json(order))
            await checkpoint.order_created(progress, link=_link_fields(execution, connection, order))
        order = NsOrderSummary(**(progress.order or {}))
        note = None
        if inputs.include_attachments and inputs.folder_id:
            progress = await self._attach(execution, inputs.folder_id, netsuite, order, progress, checkpoint)
            if progress.not_attached:
                names = ", ".join(f"{n} ({why})" for n, why in progress.not_attached.items())
                note = f"The order was created, but these files were not attached: {names}."
        return success(order_ref(connection, order), note=note)

    async def created_anyway(self, execution: WorkflowExecution, problem: str) -> Outcome | None:
        """SUCCESS with a note when an earlier step of this execution already created the order."""
        progress = Progress.of(execution)
        if progress.order is None:
            return None
        connection_id = str(execution.inputs.get("netsuite_account", ""))
        async with self._deps.store.transaction() as tx:
            connection = await tx.connections.get(execution.portal_id, connection_id)
        if connection is None:
            return None
        order = NsOrderSummary(**progress.order)
        note = f"The sales order was created, but a later step failed: {problem}"
        return success(order_ref(connection, order), note=note)

    async def _create(
        self,
        execution: WorkflowExecution,
        inputs: WorkflowInputs,
        connection: ConnectionRecord,
        netsuite: NetSuitePort,
        progress: Progress,
        checkpoint: Checkpoint,
    ) -> tuple[NsOrderSummary, bool]:
        """The order, and whether this execution upserted it (False: another enrolment of the deal did)."""
        deal = await self._deps.hubspot.deal_context(execution.portal_id, execution.deal_id)
        party = _party(deal, inputs)
        if not deal.line_items:
            raise ActionFailed("The deal has no line items — add the products to the deal in HubSpot.")
        skus = sorted({line.sku.strip() for line in deal.line_items if line.sku and line.sku.strip()})
        matches = match_lines(deal.line_items, await netsuite.items_by_skus(skus) if skus else [])
        check_lines(matches)
        subsidiary_id = inputs.subsidiary_id or connection.defaults.subsidiary_id
        customer = await find_or_create_customer(
            netsuite, party, subsidiary_id=subsidiary_id, create=inputs.create_customer
        )
        subsidiary_id = subsidiary_id or customer.subsidiary_id
        if not subsidiary_id:
            raise ActionFailed(
                f"NetSuite names no subsidiary for the customer {customer.name} — choose a subsidiary in "
                "the action's settings."
            )
        form_id = inputs.form_id or connection.defaults.form_id or await _default_form(netsuite)
        form = await netsuite.describe_form(form_id) if form_id != STANDARD_FORM.id else None
        descriptors, values = body_values(form, inputs)
        order_currency = await currency.choose(
            netsuite, deal, matches, customer, price_source=inputs.price_source
        )
        # NetSuite prices where the action asks for them, and where HubSpot has none (as the card does).
        needs = [
            m.item.id
            for m in matches
            if m.item and (inputs.price_source == "netsuite" or m.line.price is None)
        ]
        prices = await netsuite.list_prices(needs, currency_id=order_currency.id) if needs else {}
        priced = [
            price_line(m, choice=None, price_source=inputs.price_source,
                       list_price=prices.get(m.item.id) if m.item else None)[0]
            for m in matches
        ]  # fmt: skip
        body = build_sales_order(
            external_id=execution.external_id,
            customer_id=customer.id,
            subsidiary_id=subsidiary_id,
            form_id=form_id,
            currency_id=order_currency.id,
            descriptors=descriptors,
            values=values,
            lines=priced,
        )
        if form is None:
            # Without the RESTlet there is no custom form to name: NetSuite uses the account's standard one.
            body.pop("customForm", None)
        if inputs.skip_if_linked and not progress.order_sent:
            # The external id is the deal's: an enrolment of the same deal running at the same time may
            # have created the order since we looked for links, and upserting again would overwrite it.
            existing = await netsuite.sales_order_by_external_id(execution.external_id)
            if existing is not None:
                return existing, False
            await checkpoint.saved(replace(progress, order_sent=True))
        try:
            order_id = await netsuite.upsert_sales_order(execution.external_id, body)
        except NetSuiteRejectedError as exc:
            reason = currency.refusal(exc, order_currency, customer)
            if reason is None:
                raise
            raise ActionFailed(reason) from exc
        found = await netsuite.sales_orders([order_id])
        if found:
            return found[0], True
        # NetSuite acknowledged the order but SuiteQL does not show it yet (indexing lag): keep what we know.
        return NsOrderSummary(id=order_id, number=None, date=None, status_code=inputs.order_status,
                              status_label=None, total=None, currency=order_currency.code,
                              customer=customer.name, external_id=execution.external_id), True  # fmt: skip

    async def _attach(
        self,
        execution: WorkflowExecution,
        folder_id: str,
        netsuite: NetSuitePort,
        order: NsOrderSummary,
        progress: Progress,
        checkpoint: Checkpoint,
    ) -> Progress:
        files = await self._deps.hubspot.attachments(execution.portal_id, execution.deal_id)
        for file in files:
            if file.id in progress.attached or file.name in progress.not_attached:
                continue
            if progress.sending == file.id:
                # An earlier attempt sent it and died or timed out before it learnt the outcome.
                progress = replace(
                    progress, sending=None, not_attached={**progress.not_attached, file.name: UNCONFIRMED}
                )
                await checkpoint.saved(progress)
                continue
            content = await self._deps.hubspot.download(
                execution.portal_id, file, max_bytes=self._deps.max_attachment_bytes
            )
            if content is None:
                progress = replace(progress, not_attached={**progress.not_attached, file.name: "too large"})
            else:
                await checkpoint.saved(replace(progress, sending=file.id))
                try:
                    await netsuite.attach_file(
                        order_id=order.id, folder_id=folder_id, name=file.name, content=content,
                        mime_type=file.mime_type,
                    )  # fmt: skip
                except NetSuiteDownError as exc:
                    if not exc.maybe_done:
                        await checkpoint.saved(progress)  # refused before it started: safe to send again
                    raise  # else `sending` stays: the next attempt reports the file instead of resending it
                except RestletMissingError:
                    why = "the NetSuite RESTlet for attachments is not deployed"
                    left = {f.name: why for f in files if f.id not in progress.attached}
                    progress = replace(progress, not_attached={**progress.not_attached, **left})
                    await checkpoint.saved(progress)
                    return progress
                except (NetSuiteRejectedError, NetSuiteFailedError) as exc:
                    # NetSuite refused this file (unknown folder, size…): the order stands, the file is
                    # reported. Outages and auth still propagate, to be retried or failed as a whole.
                    why = exc.netsuite_message if isinstance(exc, NetSuiteRejectedError) else exc.message
                    progress = replace(progress, not_attached={**progress.not_attached, file.name: why})
                except AppError:
                    await checkpoint.saved(progress)  # NetSuite answered with a refusal: nothing was stored
                    raise
                else:
                    progress = replace(progress, attached=(*progress.attached, file.id))
            await checkpoint.saved(progress)
        return progress


def _party(deal: HsDealContext, inputs: WorkflowInputs) -> HsParty:
    party = deal.company if inputs.customer_source == "company" else deal.contact
    if party is None:
        other = "contact" if inputs.customer_source == "company" else "company"
        raise ActionFailed(
            f"The deal has no associated {inputs.customer_source} — associate one with the deal, or set "
            f"'Customer from' to the first associated {other} in the action."
        )
    return party


async def _default_form(netsuite: NetSuitePort) -> str:
    try:
        forms = await netsuite.forms()
    except RestletMissingError:
        return STANDARD_FORM.id
    chosen = next((f for f in forms if f.is_default), forms[0] if forms else STANDARD_FORM)
    return chosen.id


def _summary_json(order: NsOrderSummary) -> dict[str, Any]:
    return {k: getattr(order, k) for k in NsOrderSummary.__dataclass_fields__}


def _link_fields(
    execution: WorkflowExecution, connection: ConnectionRecord, order: NsOrderSummary
) -> dict[str, Any]:
    return {
        "deal_id": execution.deal_id,
        "connection_id": connection.id,
        "netsuite_id": order.id,
        "created_via": "workflow",
        "tran_id": order.number,
        "external_id": execution.external_id,
        "status_code": order.status_code,
        "status_label": order.status_label,
        "total": order.total,
        "currency": order.currency,
        "tran_date": order.date,
        "customer_name": order.customer,
    }
