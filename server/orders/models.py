"""The domain's own view of NetSuite and HubSpot data: what the ports hand in, in domain terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

# Item types a sales order line may carry (the contract's "sellable" list).
SELLABLE_ITEM_TYPES = frozenset(
    {"InvtPart", "Assembly", "Kit", "NonInvtPart", "Service", "OthCharge", "Discount"}
)


@dataclass(frozen=True)
class Option:
    """One choice of a select field."""

    value: str
    label: str


@dataclass(frozen=True)
class NsSubsidiary:
    id: str
    name: str
    currency_id: str | None = None
    currency: str | None = None  # ISO code
    is_elimination: bool = False
    inactive: bool = False


@dataclass(frozen=True)
class NsCurrency:
    """A currency of the NetSuite account; `code` is its ISO symbol (USD)."""

    id: str
    code: str
    name: str
    is_base: bool = False


@dataclass(frozen=True)
class NsCustomer:
    id: str
    name: str  # company name, or "First Last" for an individual
    email: str | None = None
    phone: str | None = None
    subsidiary_id: str | None = None
    currency_id: str | None = None
    currency: str | None = None
    external_id: str | None = None
    is_person: bool = False
    inactive: bool = False


@dataclass(frozen=True)
class NsItem:
    id: str  # internal id
    item_id: str  # name/number, what HubSpot calls the SKU
    display_name: str | None
    type: str  # NetSuite itemtype code: InvtPart, Assembly, Kit, …
    type_label: str | None = None
    base_price: Decimal | None = None
    inactive: bool = False

    @property
    def sellable(self) -> bool:
        return not self.inactive and self.type in SELLABLE_ITEM_TYPES

    @property
    def title(self) -> str:
        return f"{self.item_id} – {self.display_name}" if self.display_name else self.item_id


@dataclass(frozen=True)
class NsForm:
    id: str
    name: str
    is_default: bool = False


@dataclass(frozen=True)
class FormField:
    """A NetSuite field as the RESTlet (or the metadata catalog) describes it; `type` is NetSuite's."""

    id: str
    label: str
    type: str
    mandatory: bool = False
    displayed: bool = True
    read_only: bool = False
    help: str | None = None
    options: tuple[Option, ...] | None = None
    options_truncated: bool = False
    option_source: str | None = None


@dataclass(frozen=True)
class FormDescription:
    """One custom form's fields; `source` says whether per-form flags are known (RESTlet) or not (catalog)."""

    id: str
    name: str
    body_fields: tuple[FormField, ...]
    item_fields: tuple[FormField, ...] = ()
    source: Literal["restlet", "catalog"] = "restlet"


@dataclass(frozen=True)
class NsFolder:
    id: str
    name: str
    parent_id: str | None = None


@dataclass(frozen=True)
class NsOrderSummary:
    """A sales order as the card lists it; `total` is decimal text as NetSuite returns it."""

    id: str
    number: str | None
    date: str | None
    status_code: str | None
    status_label: str | None
    total: str | None
    currency: str | None
    customer: str | None
    external_id: str | None = None


@dataclass(frozen=True)
class NewCustomer:
    """What the customer tab sends to create a NetSuite customer."""

    external_id: str
    subsidiary_id: str
    is_person: bool
    company_name: str | None
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    addr1: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class HsDeal:
    id: str
    name: str
    amount: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class HsLineItem:
    id: str
    name: str
    sku: str | None
    quantity: Decimal
    price: Decimal | None
    # HubSpot's per-unit discount amount and its percentage discount; at most one is normally set.
    discount_amount: Decimal | None = None
    discount_percent: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class HsParty:
    """The deal's first associated company or contact."""

    kind: Literal["company", "contact"]
    id: str
    name: str
    domain: str | None = None
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    addr1: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None

    @property
    def external_id(self) -> str:
        return f"hubspot-{self.kind}-{self.id}"


@dataclass(frozen=True)
class HsDealContext:
    deal: HsDeal
    line_items: tuple[HsLineItem, ...]
    company: HsParty | None = None
    contact: HsParty | None = None


@dataclass(frozen=True)
class Attachment:
    """A file attached to the deal in HubSpot (through a note)."""

    id: str
    name: str
    size: int | None
    mime_type: str | None = None


@dataclass(frozen=True)
class AttachOutcome:
    name: str
    size: int | None
    status: Literal["attached", "too_large", "failed", "skipped", "pending"]
    message: str | None = None
    file_id: str | None = None
    attachment_id: str | None = None


@dataclass(frozen=True)
class Notice:
    tone: Literal["info", "warning", "danger"]
    message: str


@dataclass(frozen=True)
class Page:
    """A page of search results for an options endpoint."""

    options: list[Option] = field(default_factory=list)
    has_more: bool = False
