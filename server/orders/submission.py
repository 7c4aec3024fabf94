"""Creating the sales order from a draft, exactly once.

- The draft's externalId is fixed at creation and sent as `PUT salesOrder/eid:{externalId}`: NetSuite's
  upsert cannot make a second order for it.
- `claim_for_submit` is a compare-and-set with a lease: of concurrent submitters one proceeds, the others
  poll the draft and return its result (or 409 while it is still running).
- After NetSuite answers, the link and the result are committed together. A crash before that commit
  leaves the draft `submitting`; once the lease runs out a retry claims it again and, because it is not
  the first attempt, looks the order up by externalId first — the order is linked, never created twice.
- Attachments go after that commit, one by one, each outcome recorded, so a retry never repeats one
  that is recorded as done.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from typing import Any

from server.errors import AppError, ValidationFailedError
from server.orders import flow
from server.orders.card import link_fields
from server.orders.context import Deps, DraftContext
from server.orders.drafting import draft_json, load_draft, public_attachment, public_result
from server.orders.errors import (
    DraftChangedError,
    HubSpotFailedError,
    NetSuiteDownError,
    NetSuiteRejectedError,
    RestletMissingError,
    StepValidationError,
    SubmitInProgressError,
)
from server.orders.models import Attachment, NsOrderSummary
from server.orders.plan import Plan, make_plan
from server.orders.ports import DraftRecord, NetSuitePort
from server.orders.views import order_json

POLL_SECONDS = 0.05
LINE_PATH = re.compile(r"^item(?:\.items)?\[(\d+)\]")
ACCOUNT_PATHS = {"subsidiary": "subsidiaryId", "customform": "formId"}
CUSTOMER_PATHS = {"entity": "customerId", "currency": "customerId"}


def locate(path: str | None, plan: Plan) -> tuple[flow.Step, str | None]:
    """NetSuite's o:errorPath → the tab and our field id it belongs to."""
    if not path:
        return "review", None
    head = path.split(".", 1)[0].split("[", 1)[0].lower()
    if head in ACCOUNT_PATHS:
        return "account", ACCOUNT_PATHS[head]
    if head in CUSTOMER_PATHS:
        return "customer", CUSTOMER_PATHS[head]
    if head == "item":
        found = LINE_PATH.match(path)
        index = int(found.group(1)) if found else -1
        if 0 <= index < len(plan.order.lines):
            line_id = plan.order.lines[index].match.line.id
            # item.items[1].custcol_serial_notes: that line's cell, where the card shows the column.
            column = path[found.end() :].removeprefix(".") if found else ""
            if column in {c.id for c in plan.order.columns}:
                return "order", f"lines.{line_id}.{column}"
            return "order", f"lines.{line_id}"
        return "order", "lines"
    for descriptor in plan.order.descriptors:
        if descriptor.id.lower() == head:
            return "order", descriptor.id
    return "order", None


def _rejected(exc: NetSuiteRejectedError, plan: Plan) -> StepValidationError:
    """Every problem NetSuite named, on our field ids; the card jumps to the first one's tab."""
    fields: dict[str, str] = {}
    for rejection in exc.rejections:
        _, field = locate(rejection.path, plan)
        key = field or "order"
        fields[key] = f"{fields[key]}; {rejection.message}" if key in fields else rejection.message
    tab, field = locate(exc.path, plan)
    return StepValidationError(
        exc.message, tab=tab, fields=fields, field=field, netsuite_message=exc.netsuite_message
    )


class Submitter:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def submit(
        self, portal_id: int, draft_id: str, *, version: int, user_email: str | None
    ) -> dict[str, Any]:
        draft = await load_draft(self.deps, portal_id, draft_id)
        if draft.status == "created":
            return await self._response(draft)  # a repeat (double click, HubSpot's retry): same answer
        if (
            draft.status in flow.EDITABLE_STATUSES
            and draft.version != version
            and not _resubmit(draft, version)
        ):
            raise DraftChangedError(
                "This order was changed in another tab; review it again before creating it.",
                detail=await draft_json(DraftContext(self.deps, draft)),
            )
        claimed = await self._claim(draft, version)
        if claimed is None:
            return await self._wait(portal_id, draft_id)
        return await self._run(claimed, user_email)

    async def _claim(self, draft: DraftRecord, version: int) -> DraftRecord | None:
        async with self.deps.store.transaction() as tx:
            claimed = await tx.drafts.claim_for_submit(
                draft.portal_id, draft.id, lease=self.deps.submit_lease
            )
            if claimed is None:
                return None
            state = {**claimed.state, "attempts": int(claimed.state.get("attempts", 0)) + 1, "error": None,
                     "submittedVersion": version}  # fmt: skip
            return await tx.drafts.save(
                draft.portal_id, draft.id, expected_version=claimed.version, state=state
            )

    async def _wait(self, portal_id: int, draft_id: str) -> dict[str, Any]:
        """Another submitter holds the draft: return its outcome when it has one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deps.submit_wait
        while loop.time() < deadline:
            await asyncio.sleep(POLL_SECONDS)
            draft = await load_draft(self.deps, portal_id, draft_id)
            if draft.status == "created":
                return await self._response(draft)
            if draft.status in flow.EDITABLE_STATUSES:
                raise _stored_error(draft.state.get("error"))
        raise SubmitInProgressError(
            "This sales order is already being created; check the card again in a moment."
        )

    async def _release(
        self,
        draft: DraftRecord,
        *,
        status: str,
        error: AppError,
        tab: str | None = None,
        field: str | None = None,
    ) -> None:
        stored: dict[str, Any] = {
            "message": error.message,
            "tab": tab,
            "field": field,
            "code": error.code,
            "status": error.status_code,
            # Until someone else writes the draft, the submit that failed may be sent again (_resubmit).
            "releasedVersion": draft.version + 1,
        }
        if isinstance(error, StepValidationError):
            stored["fields"] = error.fields
            stored["detail"] = error.detail
        async with self.deps.store.transaction() as tx:
            await tx.drafts.save(
                draft.portal_id, draft.id, expected_version=draft.version, status=status,
                step=tab if tab in flow.STEPS else None, state=flow.with_error(draft.state, stored),
                clear_lease=True,
            )  # fmt: skip

    async def _run(self, draft: DraftRecord, user_email: str | None) -> dict[str, Any]:
        if not (draft.result or {}).get("order"):
            created = await self._create(draft, user_email)
            if created is None:
                return await self._wait(draft.portal_id, draft.id)
            draft = created
        return await self._attach_all(draft)

    async def _create(self, draft: DraftRecord, user_email: str | None) -> DraftRecord | None:
        ctx = DraftContext(self.deps, draft)
        try:
            plan = await make_plan(ctx)
        except StepValidationError as exc:
            await self._release(draft, status="open", error=exc, tab=exc.tab, field=exc.field)
            raise
        except AppError as exc:
            await self._release(draft, status="open", error=exc)
            raise
        port = ctx.port(plan.account.connection)
        try:
            order = await self._send(draft, plan, port)
        except NetSuiteRejectedError as exc:
            rejected = _rejected(exc, plan)
            await self._release(
                draft, status="failed", error=rejected, tab=rejected.tab, field=rejected.field
            )
            raise rejected from exc
        except AppError as exc:
            # The outcome may be unknown (a timeout after NetSuite stored it): a retry upserts or finds it.
            await self._release(draft, status="failed", error=exc)
            raise
        connection = plan.account.connection
        attachments = [_pending(a, self.deps.max_attachment_bytes) for a in plan.attachments]
        if plan.order.include_attachments and attachments and plan.account.restlet is False:
            attachments = [
                {**a, "status": "skipped", "message": "Attachments need the NetSuite bundle (RESTlet)."}
                for a in attachments
            ]
        async with self.deps.store.transaction() as tx:
            link = await tx.links.link(
                draft.portal_id, deal_id=draft.deal_id, connection_id=connection.id, netsuite_id=order.id,
                created_via="card", created_by=user_email, external_id=draft.external_id,
                **link_fields(order),
            )  # fmt: skip
            result = {
                "order": order_json(link, connection),
                "attachments": attachments,
                "connectionId": connection.id,
                "folderId": plan.order.folder_id,
            }
            state = {**draft.state, "summary": plan.summary()}
            return await tx.drafts.save(
                draft.portal_id, draft.id, expected_version=draft.version, result=result, state=state,
                lease_until=self.deps.clock() + self.deps.submit_lease,
            )  # fmt: skip

    async def _send(self, draft: DraftRecord, plan: Plan, port: NetSuitePort) -> NsOrderSummary:
        existing = None
        if int(draft.state.get("attempts", 1)) > 1:
            # Not the first attempt: an earlier one may have reached NetSuite before we could record it.
            existing = await port.sales_order_by_external_id(draft.external_id)
        if existing is not None:
            return existing
        customer_id = plan.customer.customer_id
        if customer_id is None:
            assert plan.customer.new is not None  # a choice without an id is a new customer
            customer_id = await port.create_customer(plan.customer.new)
        order_id = await port.upsert_sales_order(
            draft.external_id, plan.body(external_id=draft.external_id, customer_id=customer_id)
        )
        found = await port.sales_orders([order_id])
        return (
            found[0]
            if found
            else NsOrderSummary(
                order_id, None, None, None, None, None, plan.customer.currency, plan.customer.name
            )
        )

    async def _attach_all(self, draft: DraftRecord) -> dict[str, Any]:
        result = dict(draft.result or {})
        entries = [dict(a) for a in result.get("attachments", [])]
        connection_id = result.get("connectionId")
        port = None
        for index, entry in enumerate(entries):
            if entry.get("status") == "sending":
                # An earlier attempt sent it and stopped before it recorded the outcome: sending it again
                # could store it twice (the RESTlet's attachFile is not idempotent).
                entries[index] = {**entry, "status": "failed", "message": _unconfirmed(entry["name"])}
            elif entry.get("status") == "pending":
                if port is None:
                    ctx = DraftContext(self.deps, draft)
                    port = ctx.port(await ctx.connection(connection_id))
                entries[index] = {**entry, "status": "sending"}
                marked = await self._save_attachments(draft, result, entries)
                if marked is None:
                    return await self._wait(draft.portal_id, draft.id)  # our lease ran out; another took over
                draft = marked
                entries[index] = await self._attach(draft, port, entry, result)
            else:
                continue
            saved = await self._save_attachments(draft, result, entries)
            if saved is None:
                return await self._wait(draft.portal_id, draft.id)
            draft = saved
        async with self.deps.store.transaction() as tx:
            saved = await tx.drafts.save(
                draft.portal_id,
                draft.id,
                expected_version=draft.version,
                status="created",
                result=result,
                clear_lease=True,
            )
        if saved is None:
            return await self._wait(draft.portal_id, draft.id)
        return await self._response(saved)

    async def _save_attachments(
        self, draft: DraftRecord, result: dict[str, Any], entries: list[dict[str, Any]]
    ) -> DraftRecord | None:
        """Record where the attachments are, renewing our lease for the next one; None if we lost it."""
        result["attachments"] = list(entries)
        async with self.deps.store.transaction() as tx:
            return await tx.drafts.save(
                draft.portal_id, draft.id, expected_version=draft.version, result=result,
                lease_until=self.deps.clock() + self.deps.submit_lease,
            )  # fmt: skip

    async def _attach(
        self, draft: DraftRecord, port: NetSuitePort, entry: dict[str, Any], result: Mapping[str, Any]
    ) -> dict[str, Any]:
        attachment = Attachment(
            entry["attachmentId"], entry["name"], entry.get("size"), entry.get("mimeType")
        )
        limit = self.deps.max_attachment_bytes
        order_id = result["order"]["netsuiteId"]
        try:
            content = await self.deps.hubspot.download(draft.portal_id, attachment, max_bytes=limit)
        except HubSpotFailedError as exc:
            return {
                **entry,
                "status": "failed",
                "message": f"Could not download {attachment.name} from HubSpot: {exc.message}",
            }
        if content is None:
            return {**entry, "status": "too_large", "message": _too_large(attachment.name, limit)}
        try:
            file_id = await port.attach_file(
                order_id=order_id, folder_id=str(result.get("folderId")), name=attachment.name,
                content=content, mime_type=attachment.mime_type,
            )  # fmt: skip
        except RestletMissingError:
            return {
                **entry,
                "status": "skipped",
                "message": "Attachments need the NetSuite bundle (RESTlet).",
            }
        except NetSuiteDownError as exc:
            # A timeout or 5xx may come after NetSuite stored the file; only a refusal to start did not.
            message = f"NetSuite did not store {attachment.name}: {exc.message}"
            return {**entry, "status": "failed",
                    "message": _unconfirmed(attachment.name) if exc.maybe_done else message}  # fmt: skip
        except AppError as exc:
            return {
                **entry,
                "status": "failed",
                "message": f"NetSuite did not store {attachment.name}: {exc.message}",
            }
        return {**entry, "status": "attached", "message": None, "fileId": file_id}

    async def _response(self, draft: DraftRecord) -> dict[str, Any]:
        result = public_result(draft.result) or {}
        return {
            "draft": await draft_json(DraftContext(self.deps, draft)),
            "order": result.get("order"),
            "attachments": [public_attachment(a) for a in result.get("attachments", [])],
        }


def _unconfirmed(name: str) -> str:
    return (
        f"NetSuite did not confirm that {name} was attached; check the order's files in NetSuite "
        "before attaching it again."
    )


def _too_large(name: str, limit: int) -> str:
    return (
        f"{name} is larger than {limit / 1_000_000:.1f} MB, the most NetSuite accepts here; "
        "attach it in NetSuite."
    )


def _pending(attachment: Attachment, limit: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": attachment.name, "size": attachment.size, "attachmentId": attachment.id,
        "mimeType": attachment.mime_type, "status": "pending", "message": None,
    }  # fmt: skip
    if attachment.size is not None and attachment.size > limit:
        entry.update(status="too_large", message=_too_large(attachment.name, limit))
    return entry


def _resubmit(draft: DraftRecord, version: int) -> bool:
    """The same submit again after it failed (HubSpot repeats a 5xx, the card's Retry): our failure moved
    the version on, but nobody changed the draft since, so it may be created as it was reviewed."""
    error = draft.state.get("error")
    return (
        isinstance(error, dict)
        and error.get("releasedVersion") == draft.version
        and draft.state.get("submittedVersion") == version
    )


def _stored_error(error: Any) -> AppError:
    """The error the submitter that held the draft ran into, for the ones that waited on it."""
    if not isinstance(error, dict):
        return SubmitInProgressError("The other attempt to create this order stopped; try again.")
    if error.get("fields"):
        return ValidationFailedError(
            str(error.get("message")), fields=dict(error["fields"]), detail=error.get("detail")
        )
    return AppError(
        str(error.get("message")),
        code=str(error.get("code") or "netsuite_error"),
        status_code=int(error.get("status") or 502),
    )
