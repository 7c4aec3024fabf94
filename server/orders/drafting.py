"""Draft use cases: start or resume, show, answer a step, search a field's options, discard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from server.errors import ConflictError, NotFoundError
from server.orders import account_step, customer_step, flow, order_step
from server.orders.context import Deps, DraftContext
from server.orders.errors import DraftChangedError, NotConnectedError, StepValidationError
from server.orders.models import Option, Page
from server.orders.plan import account_choice, customer_choice, make_plan
from server.orders.ports import DraftRecord
from server.orders.tab import Tab

MAX_QUERY = 100
OPTIONS_LIMIT = 20


async def load_draft(deps: Deps, portal_id: int, draft_id: str) -> DraftRecord:
    async with deps.store.transaction() as tx:
        draft = await tx.drafts.get(portal_id, draft_id)
    if draft is None or draft.state.get("discarded"):
        raise NotFoundError("This sales order draft does not exist (or was discarded).")
    return draft


async def build_tab(ctx: DraftContext, step: flow.Step, errors: Mapping[str, str] | None = None) -> Tab:
    if step == "account":
        return await account_step.tab(ctx, errors)
    account = await account_choice(ctx)
    if step == "customer":
        return await customer_step.tab(ctx, account, errors)
    customer = await customer_choice(ctx, account)
    if step == "order":
        return await order_step.tab(ctx, account, customer, errors)
    plan = await make_plan(ctx)
    return Tab("review", summary=plan.summary())


async def _tab_or_earlier(ctx: DraftContext, step: flow.Step) -> Tab:
    errors: Mapping[str, str] | None = None
    for _ in flow.STEPS:
        try:
            return await build_tab(ctx, step, errors)
        except StepValidationError as exc:
            # A value accepted earlier no longer holds (say the form changed in NetSuite): show that tab.
            earlier = flow.parse_step(exc.tab)
            if flow.STEPS.index(earlier) >= flow.STEPS.index(step):
                raise
            step, errors = earlier, exc.fields
    raise AssertionError("unreachable: each retry moves to an earlier step")


async def draft_json(ctx: DraftContext, *, step: flow.Step | None = None) -> dict[str, Any]:
    """The Draft of docs/api.md with the current step's tab (or `step`'s), from NetSuite as it is now."""
    draft = ctx.draft
    state = draft.state
    if draft.status in ("submitting", "created"):
        tab = Tab("review", summary=state.get("summary"))
    else:
        step = step or flow.parse_step(draft.step)
        if not flow.reachable(state, step):
            step = flow.first_incomplete(state)
        tab = await _tab_or_earlier(ctx, step)
    return {
        "id": draft.id,
        "dealId": draft.deal_id,
        "status": draft.status,
        "version": draft.version,
        "step": tab.step,
        "steps": flow.steps_json(state),
        "tab": tab.to_json(),
        "values": {s: flow.values_of(state, s) for s in ("account", "customer", "order")},
        "result": public_result(draft.result) if draft.status == "created" else None,
        "error": _public_error(state.get("error")),
    }


def public_result(result: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not result:
        return None
    return {
        "order": result.get("order"),
        "attachments": [public_attachment(a) for a in result.get("attachments", [])],
    }


def public_attachment(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {k: entry.get(k) for k in ("name", "size", "status", "message")}


def _public_error(error: Any) -> dict[str, Any] | None:
    if not isinstance(error, dict):
        return None
    return {"message": error.get("message"), "tab": error.get("tab"), "field": error.get("field")}


class Drafts:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def start_or_resume(
        self, portal_id: int, deal_id: str, *, user_id: str | None, restart: bool
    ) -> dict[str, Any]:
        async with self.deps.store.transaction() as tx:
            if not await tx.connections.list(portal_id):
                raise NotConnectedError()
            draft = await tx.drafts.open_for_deal(portal_id, deal_id)
            if draft is not None and restart and not draft.state.get("discarded"):
                await tx.drafts.save(
                    portal_id,
                    draft.id,
                    expected_version=draft.version,
                    state={**draft.state, "discarded": True},
                )
            if draft is None or restart or draft.state.get("discarded"):
                draft = await tx.drafts.create(
                    portal_id, deal_id=deal_id, user_id=user_id, step="account", state=flow.initial_state()
                )
        return await draft_json(DraftContext(self.deps, draft))

    async def show(self, portal_id: int, draft_id: str) -> dict[str, Any]:
        draft = await load_draft(self.deps, portal_id, draft_id)
        return await draft_json(DraftContext(self.deps, draft))

    async def submit_step(
        self, portal_id: int, draft_id: str, step_text: str, *, version: int, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        draft = await load_draft(self.deps, portal_id, draft_id)
        step = flow.parse_step(step_text)
        flow.ensure_editable(draft.status, draft.state)
        ctx = DraftContext(self.deps, draft)
        if draft.version != version:
            raise DraftChangedError(
                "This order was changed in another tab; here it is as it is now.",
                detail=await draft_json(ctx),
            )
        if not flow.reachable(draft.state, step):
            missing = flow.first_incomplete(draft.state)
            raise ConflictError(f"Complete the {flow.LABELS[missing]} tab first.", code="step_locked")
        clean = await self._validate(ctx, step, values)
        state = flow.accept(draft.state, step, clean)
        async with self.deps.store.transaction() as tx:
            saved = await tx.drafts.save(
                portal_id, draft.id, expected_version=version, step=flow.next_step(step), state=state,
                status="open" if draft.status == "failed" else None,
            )  # fmt: skip
        if saved is None:
            current = await load_draft(self.deps, portal_id, draft_id)
            raise DraftChangedError(
                "This order was changed in another tab; here it is as it is now.",
                detail=await draft_json(DraftContext(self.deps, current)),
            )
        return await draft_json(DraftContext(self.deps, saved))

    async def reload_form(self, portal_id: int, draft_id: str) -> dict[str, Any]:
        """The Order tab rebuilt from the chosen form as NetSuite has it now (its cached copy replaced)."""
        draft = await load_draft(self.deps, portal_id, draft_id)
        flow.ensure_editable(draft.status, draft.state)
        if not flow.reachable(draft.state, "order"):
            missing = flow.first_incomplete(draft.state)
            raise ConflictError(f"Complete the {flow.LABELS[missing]} tab first.", code="step_locked")
        return await draft_json(DraftContext(self.deps, draft, reload_forms=True), step="order")

    async def _validate(
        self, ctx: DraftContext, step: flow.Step, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        if step == "account":
            clean, _ = await account_step.validate(ctx, values)
            return clean
        account = await account_choice(ctx)
        if step == "customer":
            clean, _ = await customer_step.validate(ctx, account, values)
            return clean
        customer = await customer_choice(ctx, account)
        if step == "order":
            clean, _ = await order_step.validate(ctx, account, customer, values)
            return clean
        await make_plan(ctx)  # Review: everything must still hold
        return {}

    async def options(self, portal_id: int, draft_id: str, field_id: str, query: str) -> dict[str, Any]:
        draft = await load_draft(self.deps, portal_id, draft_id)
        ctx = DraftContext(self.deps, draft)
        text = query.strip()[:MAX_QUERY]
        account = await account_choice(ctx)
        port = ctx.port(account.connection)
        if field_id == "customerId":
            found = await port.search_customers(text, limit=OPTIONS_LIMIT + 1) if text else []
            usable = [c for c in found if c.subsidiary_id in (None, account.subsidiary.id)]
            options = [Option(c.id, f"{c.name} ({c.email})" if c.email else c.name) for c in usable]
            page = Page(options[:OPTIONS_LIMIT], len(found) > OPTIONS_LIMIT)
        elif field_id in ("item", "itemId", "lines"):
            items = (
                await port.search_items(text, form_id=account.form.id, limit=OPTIONS_LIMIT + 1)
                if text
                else []
            )
            options = [Option(i.id, i.title) for i in items if i.sellable]
            page = Page(options[:OPTIONS_LIMIT], len(items) > OPTIONS_LIMIT)
        else:
            form = await ctx.form(account.connection, account.form.id)
            field = next((f for f in form.body_fields if f.id == field_id and f.option_source), None)
            if field is None or field.option_source is None:
                raise NotFoundError(f"The field {field_id[:40]} has no options to search.")
            page = await port.search_options(field.id, text, limit=OPTIONS_LIMIT)
        return {
            "options": [{"value": o.value, "label": o.label} for o in page.options],
            "hasMore": page.has_more,
        }

    async def discard(self, portal_id: int, draft_id: str) -> None:
        draft = await load_draft(self.deps, portal_id, draft_id)
        if draft.status == "submitting":
            raise ConflictError(
                "The sales order is being created right now; it can't be discarded.",
                code="submit_in_progress",
            )
        if draft.status == "created":
            return  # the order exists; the finished draft stays as its record
        async with self.deps.store.transaction() as tx:
            saved = await tx.drafts.save(
                portal_id, draft.id, expected_version=draft.version, state={**draft.state, "discarded": True}
            )
        if saved is None:
            raise DraftChangedError("This order changed in another tab; reload it before discarding.")
