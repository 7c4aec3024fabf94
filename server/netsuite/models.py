"""What the connector hands out: typed NetSuite rows and RESTlet answers, never raw dicts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field

# NetSuite's sales order status codes (REST status.id; SuiteQL transaction.status, sometimes "SalesOrd:B").
STATUS_LABELS: dict[str, str] = {
    "A": "Pending Approval",
    "B": "Pending Fulfillment",
    "C": "Cancelled",
    "D": "Partially Fulfilled",
    "E": "Pending Billing/Partially Fulfilled",
    "F": "Pending Billing",
    "G": "Billed",
    "H": "Closed",
}


def _flag(value: object) -> bool:
    # SuiteQL answers booleans as 'T'/'F'; RESTlet answers are JSON booleans.
    if isinstance(value, str):
        return value.upper() in ("T", "TRUE")
    return bool(value)


def _status_code(value: object) -> object:
    return value.rsplit(":", 1)[-1] if isinstance(value, str) else value


Flag = Annotated[bool, BeforeValidator(_flag)]


class Row(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")


class Subsidiary(Row):
    id: str
    name: str
    parent_id: str | None = Field(default=None, alias="parent")
    currency_id: str | None = Field(default=None, alias="currency")
    currency: str | None = Field(default=None, alias="currencysymbol")
    country: str | None = None


class Currency(Row):
    id: str
    symbol: str
    name: str
    is_base: Flag = Field(default=False, alias="isbasecurrency")


class Customer(Row):
    id: str
    entity_id: str = Field(alias="entityid")
    company_name: str | None = Field(default=None, alias="companyname")
    first_name: str | None = Field(default=None, alias="firstname")
    last_name: str | None = Field(default=None, alias="lastname")
    is_person: Flag = Field(default=False, alias="isperson")
    email: str | None = None
    phone: str | None = None
    subsidiary_id: str | None = Field(default=None, alias="subsidiary")
    subsidiary_name: str | None = Field(default=None, alias="subsidiaryname")
    currency_id: str | None = Field(default=None, alias="currency")
    external_id: str | None = Field(default=None, alias="externalid")
    inactive: Flag = Field(default=False, alias="isinactive")

    @property
    def name(self) -> str:
        if self.company_name:
            return self.company_name
        person = " ".join(p for p in (self.first_name, self.last_name) if p)
        return person or self.entity_id


class Item(Row):
    id: str
    item_id: str = Field(alias="itemid")  # the item's name/number: what HubSpot calls the SKU
    display_name: str | None = Field(default=None, alias="displayname")
    description: str | None = None
    item_type: str = Field(alias="itemtype")
    type_label: str | None = Field(default=None, alias="itemtypelabel")


class SalesOrderRow(Row):
    id: str
    tran_id: str | None = Field(default=None, alias="tranid")
    tran_date: str | None = Field(default=None, alias="trandate")
    status_code: Annotated[str | None, BeforeValidator(_status_code)] = Field(default=None, alias="status")
    status_label: str | None = Field(default=None, alias="statuslabel")
    total: str | None = Field(default=None, alias="foreigntotal")  # decimal text, never a float
    currency: str | None = None  # ISO code (currency.symbol)
    customer_id: str | None = Field(default=None, alias="entity")
    customer_name: str | None = Field(default=None, alias="customername")
    external_id: str | None = Field(default=None, alias="externalid")
    memo: str | None = None
    other_ref_num: str | None = Field(default=None, alias="otherrefnum")

    @property
    def status(self) -> str | None:
        """NetSuite's own label when it gave one, else ours for the code."""
        return self.status_label or STATUS_LABELS.get(self.status_code or "")


class SelectOption(Row):
    id: str
    ref_name: str = Field(alias="refName")


class Form(Row):
    id: str
    name: str
    is_default: bool = Field(default=False, alias="isDefault")


class FieldOption(Row):
    value: str
    text: str


class FormField(Row):
    id: str
    label: str
    type: str
    mandatory: bool = False
    displayed: bool = True
    read_only: bool = Field(default=False, alias="readOnly")
    help: str | None = None
    options: list[FieldOption] | None = None
    options_truncated: bool = Field(default=False, alias="optionsTruncated")
    option_source: str | None = Field(default=None, alias="optionSource")


class FormDescription(Row):
    """A custom form's fields; from the catalog, mandatory/displayed are not per form (it lacks them)."""

    id: str
    name: str
    body_fields: list[FormField] = Field(default_factory=list, alias="bodyFields")
    item_fields: list[FormField] = Field(default_factory=list, alias="itemFields")
    source: Literal["restlet", "catalog"] = "restlet"


class Folder(Row):
    id: str
    name: str
    parent_id: str | None = Field(default=None, validation_alias=AliasChoices("parent", "parent_id"))


class AttachedFile(Row):
    file_id: str = Field(alias="fileId")
    attached: bool = True
