"""The Account tab: which NetSuite account, subsidiary and custom form the order goes to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.orders import fields
from server.orders.context import DraftContext
from server.orders.fields import FieldDescriptor
from server.orders.models import Notice, NsForm, NsSubsidiary, Option
from server.orders.ports import ConnectionRecord
from server.orders.tab import Tab, step_failed

RESTLET_MISSING = (
    "The NetSuite bundle (RESTlet) is not set up for this account: only the standard form is offered, "
    "its mandatory fields are not known in advance, and attachments can't be sent. An admin can add the "
    "RESTlet URL in the app settings."
)


@dataclass(frozen=True)
class AccountChoice:
    connection: ConnectionRecord
    subsidiary: NsSubsidiary
    form: NsForm
    restlet: bool


def _default(options: list[Option], preferred: str | None) -> str | None:
    values = [o.value for o in options]
    if preferred in values:
        return preferred
    return values[0] if len(values) == 1 else None


async def descriptors(
    ctx: DraftContext, connection_id: str | None
) -> tuple[list[FieldDescriptor], list[Notice]]:
    connections = await ctx.connections()
    connection = await ctx.connection(connection_id)
    subsidiaries = await ctx.subsidiaries(connection)
    forms, restlet = await ctx.forms(connection)
    account_options = [Option(c.id, f"{c.label} ({c.account_id})") for c in connections]
    subsidiary_options = [Option(s.id, s.name) for s in subsidiaries]
    form_options = [Option(f.id, f.name) for f in forms]
    default_form = connection.defaults.form_id or next((f.id for f in forms if f.is_default), None)
    notices = [] if restlet else [Notice("warning", RESTLET_MISSING)]
    return [
        FieldDescriptor(
            "connectionId", "NetSuite account", "select", required=True, options=tuple(account_options),
            default=connection.id, help="The connected NetSuite account the order is created in.",
        ),
        FieldDescriptor(
            "subsidiaryId", "Subsidiary", "select", required=True, options=tuple(subsidiary_options),
            default=_default(subsidiary_options, connection.defaults.subsidiary_id),
            help="The subsidiary that sells; the customer must belong to it.",
        ),
        FieldDescriptor(
            "formId", "Sales order form", "select", required=True, options=tuple(form_options),
            default=_default(form_options, default_form) or (form_options[0].value if form_options else None),
            help="The NetSuite custom form decides which fields the Order tab asks for.",
        ),
    ], notices  # fmt: skip


async def tab(ctx: DraftContext, errors: Mapping[str, str] | None = None) -> Tab:
    stored = ctx.values("account")
    described, notices = await descriptors(ctx, None)
    return Tab("account", fields.with_values(described, stored, errors), notices)


async def validate(ctx: DraftContext, raw: Mapping[str, Any]) -> tuple[dict[str, Any], AccountChoice]:
    """Check the account first (its subsidiaries and forms depend on it), then the rest."""
    connections = await ctx.connections()
    wanted = raw.get("connectionId")
    if not isinstance(wanted, str) or wanted not in {c.id for c in connections}:
        raise step_failed("account", {"connectionId": "Choose one of the connected NetSuite accounts."})
    described, _ = await descriptors(ctx, wanted)
    clean, errors = fields.validate(described, raw)
    if errors:
        raise step_failed("account", errors)
    connection = await ctx.connection(wanted)
    subsidiary = next(s for s in await ctx.subsidiaries(connection) if s.id == clean["subsidiaryId"])
    forms, restlet = await ctx.forms(connection)
    form = next(f for f in forms if f.id == clean["formId"])
    return clean, AccountChoice(connection, subsidiary, form, restlet)
