"""Everything the draft will create, re-validated from the stored values of every step: what Review shows
and what submit sends (so the two can never disagree)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.orders import account_step, customer_step, flow, order_step
from server.orders.account_step import AccountChoice
from server.orders.builder import Named, build_sales_order, review_summary
from server.orders.context import STANDARD_FORM, DraftContext
from server.orders.customer_step import CustomerChoice
from server.orders.models import Attachment
from server.orders.order_step import OrderChoice
from server.orders.tab import step_failed


@dataclass(frozen=True)
class Plan:
    account: AccountChoice
    customer: CustomerChoice
    order: OrderChoice
    attachments: list[Attachment]
    max_attachment_bytes: int

    def body(self, *, external_id: str, customer_id: str) -> dict[str, Any]:
        body = build_sales_order(
            external_id=external_id,
            customer_id=customer_id,
            subsidiary_id=self.account.subsidiary.id,
            form_id=self.account.form.id,
            currency_id=self.order.currency.id,
            descriptors=self.order.descriptors,
            values=self.order.values,
            lines=self.order.lines,
            columns=self.order.columns,
        )
        if self.account.form.id == STANDARD_FORM.id:
            # Without the RESTlet we know no form id: NetSuite uses the role's preferred form.
            body.pop("customForm")
        return body

    def attachment_plan(self) -> list[dict[str, Any]]:
        if not self.order.include_attachments:
            return []
        return [
            {
                "name": a.name,
                "size": a.size,
                "status": "too_large"
                if a.size is not None and a.size > self.max_attachment_bytes
                else "will_attach",
            }
            for a in self.attachments
        ]

    def summary(self) -> dict[str, Any]:
        customer = Named(
            self.customer.customer_id or "new",
            self.customer.name + ("" if self.customer.customer_id else " (new)"),
        )
        warnings = list(self.order.warnings)
        too_large = [a["name"] for a in self.attachment_plan() if a["status"] == "too_large"]
        if too_large:
            limit = self.max_attachment_bytes / 1_000_000
            warnings.append(
                f"{', '.join(too_large)} is over {limit:.1f} MB and will not be attached; "
                "attach it in NetSuite."
            )
        return review_summary(
            customer=customer,
            subsidiary=Named(self.account.subsidiary.id, self.account.subsidiary.name),
            form=Named(self.account.form.id, self.account.form.name),
            currency=self.order.currency.code or self.customer.currency,
            lines=self.order.lines,
            descriptors=self.order.descriptors,
            values=self.order.values,
            attachments=self.attachment_plan(),
            warnings=warnings,
            columns=self.order.columns,
        )


async def account_choice(ctx: DraftContext) -> AccountChoice:
    _, choice = await account_step.validate(ctx, ctx.values("account"))
    return choice


async def customer_choice(ctx: DraftContext, account: AccountChoice) -> CustomerChoice:
    _, choice = await customer_step.validate(ctx, account, ctx.values("customer"))
    return choice


async def make_plan(ctx: DraftContext) -> Plan:
    """Validate every step again against NetSuite as it is now; raises StepValidationError with the tab."""
    for step in flow.STEPS[:-1]:
        if step not in flow.complete_steps(ctx.draft.state):
            raise step_failed(step, {}, message=f"Please complete the {flow.LABELS[step]} tab first.")
    account = await account_choice(ctx)
    customer = await customer_choice(ctx, account)
    _, order = await order_step.validate(ctx, account, customer, ctx.values("order"))
    attachments = await ctx.attachments() if order.include_attachments else []
    return Plan(account, customer, order, attachments, ctx.deps.max_attachment_bytes)
