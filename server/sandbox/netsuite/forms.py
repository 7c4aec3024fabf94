"""The sandbox's sales order custom forms (68, 121, 135): body fields and item columns the RESTlet reads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from server.sandbox.netsuite.seed_data import REGIONS


@dataclass(frozen=True)
class FormField:
    """One field of a form; `option_table` names the SQLite table a select's options come from."""

    id: str
    label: str
    type: str
    mandatory: bool = False
    displayed: bool = True
    read_only: bool = False
    help: str | None = None
    options: tuple[tuple[str, str], ...] | None = None
    option_table: str | None = None
    # The record type the RESTlet names for searching (`optionSource`), e.g. "employee".
    option_source: str | None = None


@dataclass(frozen=True)
class CustomForm:
    """A sales order entry form: which fields it shows and which it makes mandatory."""

    id: str
    name: str
    is_default: bool = False
    body_fields: tuple[FormField, ...] = field(default_factory=tuple)
    item_fields: tuple[FormField, ...] = field(default_factory=tuple)

    def body_field(self, field_id: str) -> FormField | None:
        return next((f for f in self.body_fields if f.id == field_id), None)


def _select(field_id: str, label: str, table: str, source: str, help_text: str) -> FormField:
    return FormField(field_id, label, "select", help=help_text, option_table=table, option_source=source)


ENTITY = FormField(
    "entity",
    "Customer",
    "select",
    mandatory=True,
    help="The customer this order is for.",
    option_table="customer",
    option_source="customer",
)
SUBSIDIARY = _select("subsidiary", "Subsidiary", "subsidiary", "subsidiary", "Defaults to the customer's.")
TRAN_DATE = FormField("tranDate", "Date", "date", help="The order date; today when left empty.")
OTHER_REF_NUM = FormField("otherRefNum", "PO #", "text", help="The customer's purchase order number.")
MEMO = FormField("memo", "Memo", "text", help="Shown on the order and in searches.")
DEPARTMENT = _select("department", "Department", "department", "department", "Department to report under.")
CLASS = _select("class", "Class", "classification", "classification", "Product line for reporting.")
LOCATION = _select("location", "Location", "location", "location", "Warehouse that ships the order.")
SALES_REP = _select("salesRep", "Sales Rep", "employee", "employee", "The employee credited with the sale.")
SHIP_DATE = FormField("shipDate", "Ship Date", "date", help="The date the order should ship.")
RUSH = FormField("custbody_rush", "Rush order", "checkbox", help="Tick to expedite fulfilment.")
REGION = FormField(
    "custbody_region", "Region", "select", help="Sales region for commissions.", options=tuple(REGIONS)
)
START_DATE = FormField("startDate", "Start Date", "date", help="First day of the contract.")
END_DATE = FormField("endDate", "End Date", "date", help="Last day of the contract.")
TERM = FormField("custbody_contract_term", "Contract Term (months)", "integer", help="Length in months.")

ITEM_COLUMNS = (
    FormField("item", "Item", "select", mandatory=True, option_table="item", option_source="item"),
    FormField("quantity", "Quantity", "float", mandatory=True),
    FormField("rate", "Rate", "currency", help="Unit price; defaults to the item's base price."),
    FormField("amount", "Amount", "currency", read_only=True),
    FormField("description", "Description", "textarea"),
)
SERIAL_NOTES = FormField(
    "custcol_serial_notes", "Serial Notes", "textarea", help="Serial numbers to service."
)


def _mandatory(f: FormField) -> FormField:
    return replace(f, mandatory=True)


COMMON: tuple[FormField, ...] = (ENTITY, SUBSIDIARY, TRAN_DATE, OTHER_REF_NUM, MEMO, DEPARTMENT, CLASS)
COMMON += (LOCATION, SALES_REP, SHIP_DATE, RUSH)


def _with(base: tuple[FormField, ...], *overrides: FormField) -> tuple[FormField, ...]:
    """The base fields with some replaced by id (keeping order) and the rest appended."""
    by_id = {f.id: f for f in overrides}
    fields = tuple(by_id.pop(f.id, f) for f in base)
    return fields + tuple(by_id.values())


def default_forms() -> list[CustomForm]:
    return [
        CustomForm("68", "Standard Sales Order", True, COMMON, ITEM_COLUMNS),
        CustomForm(
            "121",
            "Wholesale Order",
            False,
            _with(COMMON, _mandatory(OTHER_REF_NUM), _mandatory(REGION)),
            ITEM_COLUMNS,
        ),
        CustomForm(
            "135",
            "Service Contract Order",
            False,
            _with(COMMON, _mandatory(MEMO), _mandatory(START_DATE), _mandatory(END_DATE), _mandatory(TERM)),
            (*ITEM_COLUMNS, SERIAL_NOTES),
        ),
    ]
