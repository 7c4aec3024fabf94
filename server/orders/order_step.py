"""The Order tab: the custom form's body fields, the deal's line items mapped to NetSuite items, the price
source and attachments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from server.concurrency import together
from server.orders import fields, line_columns, matching
from server.orders.account_step import AccountChoice
from server.orders.builder import LineChoice, PricedLine, PriceSource, price_line
from server.orders.context import DraftContext
from server.orders.currency import CurrencyError, OrderCurrency, hubspot_currencies, mismatch, order_currency
from server.orders.customer_step import CustomerChoice
from server.orders.fields import FieldDescriptor, Value
from server.orders.models import FormDescription, Notice, NsItem, Option
from server.orders.tab import Tab, step_failed
from server.orders.views import line_json

# Chosen on the Account and Customer tabs, or set by us: never asked again on the Order tab.
OWN_FIELDS = frozenset({"entity", "subsidiary", "customform", "currency", "externalid", "item"})
PRICE_SOURCES = (Option("hubspot", "HubSpot line item prices"), Option("netsuite", "NetSuite base prices"))
MAX_LINES = 500
MAX_QUANTITY = Decimal("1e9")
CATALOG_NOTICE = (
    "NetSuite's custom form details are unavailable (no RESTlet), so these fields come from NetSuite's "
    "record catalog: NetSuite may still ask for a field this form makes mandatory when the order is created."
)


@dataclass(frozen=True)
class OrderChoice:
    form: FormDescription
    descriptors: list[FieldDescriptor]
    values: dict[str, Value]
    price_source: PriceSource
    include_attachments: bool
    folder_id: str | None
    lines: list[PricedLine]
    warnings: list[str]
    currency: OrderCurrency
    columns: tuple[FieldDescriptor, ...] = ()


async def descriptors(
    ctx: DraftContext, account: AccountChoice
) -> tuple[FormDescription, list[FieldDescriptor], list[FieldDescriptor]]:
    """(form, its body field descriptors, our own order inputs)."""
    connection = account.connection
    form, folders = await together(ctx.form(connection, account.form.id), ctx.folders(connection))
    body = fields.body_descriptors(
        form.body_fields,
        skip=frozenset(f.id for f in form.body_fields if f.id.lower() in OWN_FIELDS),
        endpoint_for={f.id: ctx.endpoint(f.id) for f in form.body_fields},
    )
    folder_options = tuple(Option(f.id, f.name) for f in folders or ())
    default_folder = (
        connection.defaults.folder_id
        if connection.defaults.folder_id in {o.value for o in folder_options}
        else None
    )
    configured = connection.defaults.price_source
    price_default = configured if configured in ("hubspot", "netsuite") else "hubspot"
    own = [
        FieldDescriptor(
            "priceSource", "Prices from", "select", required=True, options=PRICE_SOURCES,
            default=price_default,
        ),
        FieldDescriptor(
            "includeAttachments", "Attach the deal's files", "checkbox", read_only=folders is None,
            default=folders is not None,
            help=None if folders is not None else "Attachments need the NetSuite bundle (RESTlet).",
        ),
        FieldDescriptor(
            "folderId", "File Cabinet folder", "select", options=folder_options, default=default_folder,
            read_only=folders is None, help="Required when the deal's files are attached.",
        ),
    ]  # fmt: skip
    return form, body, own


def parse_lines(raw: Any) -> tuple[list[LineChoice], dict[str, str]]:
    """The rep's per-line answers, checked as untrusted input."""
    if raw is None:
        return [], {}
    if not isinstance(raw, list) or len(raw) > MAX_LINES:
        return [], {"lines": "Lines must be a list of at most 500 entries."}
    choices: list[LineChoice] = []
    errors: dict[str, str] = {}
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("lineId"), str) or not entry["lineId"]:
            errors["lines"] = "Each line needs its lineId."
            continue
        line_id = entry["lineId"][:64]
        key = f"lines.{line_id}"
        item_id = entry.get("itemId")
        if item_id is not None and (not isinstance(item_id, str) or not fields.INTERNAL_ID.match(item_id)):
            errors[key] = "Choose the NetSuite item from the list."
            continue
        try:
            quantity = None if entry.get("quantity") is None else fields.to_decimal(entry["quantity"])
            rate = None if entry.get("rate") is None else fields.to_decimal(entry["rate"])
        except ValueError:
            errors[key] = "Quantity and rate must be numbers."
            continue
        if quantity is not None and not Decimal(0) < quantity < MAX_QUANTITY:
            errors[key] = "Quantity must be more than 0."
            continue
        if rate is not None and abs(rate) >= fields.MAX_NUMBER:
            errors[key] = "The rate is too large."
            continue
        column_values = line_columns.parse(entry.get("fields"))
        if column_values is None:
            errors[key] = "The line's column values must be an object of at most 100 entries."
            continue
        choices.append(LineChoice(line_id, item_id, quantity, rate, column_values))
    return choices, errors


def stored_lines(choices: Sequence[LineChoice], lines: Sequence[PricedLine] = ()) -> list[dict[str, Any]]:
    """Line choices as JSON for the draft (decimals as text, never floats), with their clean column values."""
    clean = {p.match.line.id: dict(p.fields) for p in lines}
    return [
        {
            "lineId": c.line_id,
            "itemId": c.item_id,
            "quantity": None if c.quantity is None else str(c.quantity),
            "rate": None if c.rate is None else str(c.rate),
            "fields": clean.get(c.line_id, {}),
        }
        for c in choices
    ]


async def resolve_lines(
    ctx: DraftContext,
    account: AccountChoice,
    customer: CustomerChoice,
    choices: Sequence[LineChoice],
    price_source: PriceSource,
) -> tuple[list[PricedLine], list[str], dict[str, str], OrderCurrency]:
    """Every deal line matched (or not), with the rep's picks applied and priced in the order's currency
    (`orders.currency`, as the workflow action prices it); errors block Review."""
    deal = await ctx.deal()
    port = ctx.port(account.connection)
    skus = sorted({li.sku.strip() for li in deal.line_items if li.sku and li.sku.strip()})
    by_line = {c.line_id: c for c in choices}
    picked = sorted({c.item_id for c in choices if c.item_id})
    found, chosen = await together(
        port.items_by_skus(skus) if skus else _none(),
        port.items_by_ids(picked, form_id=account.form.id) if picked else _none(),
    )
    chosen_by_id = {i.id: i for i in chosen}
    matches = matching.match_lines(deal.line_items, found)
    errors: dict[str, str] = {}
    resolved = []
    for match in matches:
        choice = by_line.get(match.line.id)
        if choice and choice.item_id:
            item = chosen_by_id.get(choice.item_id) or next(
                (c for c in match.candidates if c.id == choice.item_id), None
            )
            if item is None or not item.sellable:
                errors[f"lines.{match.line.id}"] = (
                    f"Item {choice.item_id} is not a sellable NetSuite item; choose another."
                )
            else:
                match = matching.choose(match, item)
        if match.state != "matched":
            errors.setdefault(f"lines.{match.line.id}", match.message or "Choose the NetSuite item.")
        resolved.append(match)
    priced_in = hubspot_currencies(
        [m.line for m in resolved], price_source=price_source, deal_currency=deal.deal.currency
    )
    try:
        currencies = await port.currencies() if priced_in else []
        currency = order_currency(priced_in, customer_currency_id=customer.currency_id, currencies=currencies)
    except CurrencyError as exc:
        errors["priceSource"] = f"{exc.message} Or use NetSuite prices."
        currency = order_currency(set(), customer_currency_id=customer.currency_id, currencies=[])
    needs_prices = [
        m.item.id for m in resolved if m.item and (price_source == "netsuite" or m.line.price is None)
    ]
    prices = await port.list_prices(needs_prices, currency_id=currency.id) if needs_prices else {}
    priced: list[PricedLine] = []
    warnings: list[str] = []
    for match in resolved:
        line, line_warnings = price_line(
            match, choice=by_line.get(match.line.id), price_source=price_source,
            list_price=prices.get(match.item.id) if match.item else None,
        )  # fmt: skip
        priced.append(line)
        warnings += line_warnings
    if not deal.line_items:
        errors["lines"] = "The deal has no line items; add them in HubSpot first."
    elif any(k.startswith("lines.") for k in errors):
        count = sum(1 for k in errors if k.startswith("lines."))
        errors["lines"] = f"{count} line(s) need a NetSuite item before you can review the order."
    warning = mismatch(currency, customer.name)
    if warning:
        warnings.append(warning)
    return priced, warnings, errors, currency


async def _none() -> list[NsItem]:
    return []


async def tab(
    ctx: DraftContext,
    account: AccountChoice,
    customer: CustomerChoice,
    errors: Mapping[str, str] | None = None,
) -> Tab:
    stored = ctx.values("order")
    form, body, own = await descriptors(ctx, account)
    choices, _ = parse_lines(stored.get("lines"))
    source = stored.get("priceSource")
    price_source: PriceSource = source if source in ("hubspot", "netsuite") else own[0].default  # type: ignore[assignment]
    priced, warnings, line_errors, _ = await resolve_lines(ctx, account, customer, choices, price_source)
    columns = line_columns.descriptors(form.item_fields)
    priced = line_columns.with_stored(columns, priced, choices)
    notices = [Notice("warning", CATALOG_NOTICE)] if form.source == "catalog" else []
    notices += [Notice("warning", w) for w in warnings]
    notices += [Notice("danger", line_errors[k]) for k in ("lines", "priceSource") if k in line_errors]
    attachments = await ctx.attachments()
    if attachments:
        notices.append(Notice("info", f"The deal has {len(attachments)} attached file(s)."))
    described = fields.with_values([*body, *own], stored, errors)
    return Tab("order", described, notices, lines=[line_json(p, columns, errors) for p in priced])


async def validate(
    ctx: DraftContext, account: AccountChoice, customer: CustomerChoice, raw: Mapping[str, Any]
) -> tuple[dict[str, Any], OrderChoice]:
    form, body, own = await descriptors(ctx, account)
    clean, errors = fields.validate([*body, *own], raw)
    choices, line_errors = parse_lines(raw.get("lines"))
    errors.update(line_errors)
    include = bool(clean.get("includeAttachments"))
    if include and not clean.get("folderId"):
        errors["folderId"] = "Choose the File Cabinet folder for the attachments."
    price_source: PriceSource = "netsuite" if clean.get("priceSource") == "netsuite" else "hubspot"
    if errors:
        raise step_failed("order", errors)
    priced, warnings, line_errors, currency = await resolve_lines(
        ctx, account, customer, choices, price_source
    )
    columns = line_columns.descriptors(form.item_fields)
    priced, column_errors = line_columns.validate(columns, priced, choices)
    if line_errors or column_errors:
        raise step_failed("order", {**line_errors, **column_errors}, message=line_errors.get("lines"))
    body_values = {d.id: clean[d.id] for d in body if d.id in clean}
    stored = {**clean, "lines": stored_lines(choices, priced)}
    folder = clean.get("folderId") if include else None
    choice = OrderChoice(
        form,
        body,
        body_values,
        price_source,
        include,
        folder if isinstance(folder, str) else None,
        priced,
        warnings,
        currency,
        tuple(columns),
    )
    return stored, choice
