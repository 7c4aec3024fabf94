"""Typed views of the HubSpot CRM records the app reads, parsed from HubSpot's v3 JSON."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# The properties we ask HubSpot for, per object type (HubSpot returns only what is asked).
DEAL_PROPERTIES = (
    "dealname",
    "amount",
    "deal_currency_code",
    "dealstage",
    "pipeline",
    "closedate",
    "hubspot_owner_id",
)
LINE_ITEM_PROPERTIES = (
    "name",
    "hs_sku",
    "hs_product_id",
    "quantity",
    "price",
    "amount",
    "discount",
    "hs_discount_percentage",
    "hs_line_item_currency_code",
    "description",
)
PRODUCT_PROPERTIES = ("name", "hs_sku", "price")
COMPANY_PROPERTIES = ("name", "domain", "phone", "address", "city", "state", "zip", "country")
CONTACT_PROPERTIES = (
    "firstname",
    "lastname",
    "email",
    "phone",
    "company",
    "address",
    "city",
    "state",
    "zip",
    "country",
)
NOTE_PROPERTIES = ("hs_attachment_ids", "hs_timestamp")


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


def text(props: dict[str, Any], name: str) -> str | None:
    """HubSpot sends every property as a string, and an unset one as null or ""."""
    value = props.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def decimal(props: dict[str, Any], name: str) -> Decimal | None:
    value = text(props, name)
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class Deal(Model):
    id: str
    name: str | None
    amount: Decimal | None
    currency: str | None
    stage: str | None
    close_date: str | None
    owner_id: str | None
    properties: dict[str, str | None] = Field(default_factory=dict)
    line_items: list[str] = Field(default_factory=list)
    companies: list[str] = Field(default_factory=list)
    contacts: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @classmethod
    def from_hubspot(cls, data: dict[str, Any], associations: dict[str, list[str]]) -> Deal:
        props = data.get("properties") or {}
        close = text(props, "closedate")
        return cls(
            id=str(data["id"]),
            name=text(props, "dealname"),
            amount=decimal(props, "amount"),
            currency=text(props, "deal_currency_code"),
            stage=text(props, "dealstage"),
            close_date=close[:10] if close else None,
            owner_id=text(props, "hubspot_owner_id"),
            properties={str(k): (None if v is None else str(v)) for k, v in props.items()},
            line_items=associations.get("line_items", []),
            companies=associations.get("companies", []),
            contacts=associations.get("contacts", []),
            notes=associations.get("notes", []),
        )


class LineItem(Model):
    id: str
    name: str | None
    sku: str | None
    product_id: str | None
    quantity: Decimal
    price: Decimal | None
    amount: Decimal | None
    discount: Decimal | None
    discount_percentage: Decimal | None
    currency: str | None
    description: str | None = None

    @classmethod
    def from_hubspot(cls, data: dict[str, Any]) -> LineItem:
        props = data.get("properties") or {}
        return cls(
            id=str(data["id"]),
            name=text(props, "name"),
            sku=text(props, "hs_sku"),
            product_id=text(props, "hs_product_id"),
            # A line item without a quantity counts as one, as HubSpot's own deal UI shows it.
            quantity=decimal(props, "quantity") or Decimal(1),
            price=decimal(props, "price"),
            amount=decimal(props, "amount"),
            discount=decimal(props, "discount"),
            discount_percentage=decimal(props, "hs_discount_percentage"),
            currency=text(props, "hs_line_item_currency_code"),
            description=text(props, "description"),
        )


class Product(Model):
    id: str
    name: str | None
    sku: str | None
    price: Decimal | None

    @classmethod
    def from_hubspot(cls, data: dict[str, Any]) -> Product:
        props = data.get("properties") or {}
        return cls(
            id=str(data["id"]),
            name=text(props, "name"),
            sku=text(props, "hs_sku"),
            price=decimal(props, "price"),
        )


class Company(Model):
    id: str
    name: str | None
    domain: str | None
    phone: str | None
    address: str | None
    city: str | None
    state: str | None
    zip: str | None
    country: str | None

    @classmethod
    def from_hubspot(cls, data: dict[str, Any]) -> Company:
        props = data.get("properties") or {}
        return cls(id=str(data["id"]), **{name: text(props, name) for name in COMPANY_PROPERTIES})


class Contact(Model):
    id: str
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    company: str | None
    address: str | None
    city: str | None
    state: str | None
    zip: str | None
    country: str | None

    @classmethod
    def from_hubspot(cls, data: dict[str, Any]) -> Contact:
        props = data.get("properties") or {}
        same = ("email", "phone", "company", "address", "city", "state", "zip", "country")
        return cls(
            id=str(data["id"]),
            first_name=text(props, "firstname"),
            last_name=text(props, "lastname"),
            **{name: text(props, name) for name in same},
        )


class Note(Model):
    id: str
    attachment_ids: list[str]

    @classmethod
    def from_hubspot(cls, data: dict[str, Any]) -> Note:
        raw = text(data.get("properties") or {}, "hs_attachment_ids") or ""
        # HubSpot stores several attachments as one semicolon-separated string.
        ids = [part.strip() for part in raw.split(";") if part.strip().isdigit()]
        return cls(id=str(data["id"]), attachment_ids=ids)


def _size(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class FileInfo(Model):
    id: str
    name: str
    extension: str | None
    size: int | None
    type: str | None
    mime: str | None = None

    @property
    def filename(self) -> str:
        if self.extension and not self.name.lower().endswith("." + self.extension.lower()):
            return f"{self.name}.{self.extension}"
        return self.name

    @classmethod
    def from_hubspot(cls, data: dict[str, Any]) -> FileInfo:
        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or f"file-{data['id']}"),
            extension=data.get("extension") or None,
            size=_size(data.get("size")),
            type=data.get("type") or None,
            mime=data.get("mimeType") or data.get("mime_type") or None,
        )


class DealContext(Model):
    """Everything order building needs from HubSpot for one deal."""

    deal: Deal
    line_items: list[LineItem]
    company: Company | None
    contact: Contact | None
