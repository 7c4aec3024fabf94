"""The JSON shapes of docs/api.md for orders, lines and items (camelCase, decimals as text)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from server.orders import line_columns
from server.orders.builder import PricedLine, json_number, money, rate_text
from server.orders.fields import FieldDescriptor
from server.orders.models import NsItem
from server.orders.ports import ConnectionRecord, LinkRecord
from server.orders.status import order_status


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def order_url(app_base_url: str, netsuite_id: str) -> str:
    return (
        f"{app_base_url.rstrip('/')}/app/accounting/transactions/salesord.nl?id={quote(netsuite_id, safe='')}"
    )


def order_json(link: LinkRecord, connection: ConnectionRecord) -> dict[str, Any]:
    return {
        "linkId": link.id,
        "connectionId": link.connection_id,
        "accountLabel": connection.label,
        "netsuiteId": link.netsuite_id,
        "number": link.tran_id,
        "date": link.tran_date,
        "status": order_status(link.status_code, link.status_label).to_json(),
        "total": link.total,
        "currency": link.currency,
        "customer": link.customer_name,
        "url": order_url(connection.app_base_url, link.netsuite_id),
        "createdVia": link.created_via,
        "createdBy": link.created_by,
        "refreshedAt": iso(link.refreshed_at),
    }


def item_json(item: NsItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "itemId": item.item_id,
        "displayName": item.display_name,
        "type": item.type,
        "typeLabel": item.type_label,
        "basePrice": None if item.base_price is None else rate_text(item.base_price),
    }


def line_json(
    priced: PricedLine, columns: Sequence[FieldDescriptor] = (), errors: Mapping[str, str] | None = None
) -> dict[str, Any]:
    match = priced.match
    line = match.line
    discount = None
    if line.discount_amount:
        discount = rate_text(line.discount_amount)
    elif line.discount_percent:
        discount = f"{line.discount_percent.normalize()}%"
    net = priced.net_rate
    return {
        "lineId": line.id,
        "name": line.name,
        "sku": line.sku,
        "quantity": json_number(priced.quantity),  # a number, as docs/api.md and the card expect
        "hubspotPrice": None if line.price is None else rate_text(line.price),
        "discount": discount,
        "currency": line.currency,
        "match": match.state,
        "item": item_json(match.item) if match.item else None,
        "candidates": [item_json(c) for c in match.candidates],
        "rate": None if net is None else rate_text(net),
        "amount": money(priced.amount),
        "message": match.message if match.state != "matched" else priced.message,
        "columns": line_columns.columns_json(columns, priced, errors),
        "fields": dict(priced.fields),
    }


def age_text(seconds: float) -> str:
    seconds = int(max(0, seconds))
    if seconds < 60:
        return f"{seconds} seconds ago"
    if seconds < 3600:
        minutes = seconds // 60
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    if seconds < 86400:
        hours = seconds // 3600
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = seconds // 86400
    return "1 day ago" if days == 1 else f"{days} days ago"
