"""The sandbox NetSuite account: its well-known credentials and its seeded records.

Item SKUs (NetSuite `itemid`, matched from HubSpot line item SKUs), by type:

- InvtPart: WIDGET-1, WIDGET-2, WIDGET-3, WIDGET-4, GADGET-PRO, GADGET-MINI, GADGET-MAX, SPROCKET-10,
  SPROCKET-20, BOLT-M8, NUT-M8, CABLE-5M, CABLE-10M, SENSOR-T1, SENSOR-P1, PANEL-A, PANEL-B, FILTER-S,
  FILTER-L, PUMP-100, VALVE-2, GASKET-SET, MOTOR-1KW, CASE-SMALL, CASE-LARGE;
  DUP-SKU exists twice (ids 117 and 118, both active: an ambiguous SKU);
  OLD-WIDGET and OLD-GADGET are inactive.
- Assembly: ASSEMBLY-100, ASSEMBLY-200, ASSEMBLY-300 (ASSEMBLY-OLD inactive).
- Kit: KIT-STARTER, KIT-PRO, KIT-SPARES.
- NonInvtPart: NI-MANUAL, NI-LICENSE, NI-WARRANTY, NI-DROPSHIP, NI-SUBSCRIPTION (NI-OLD-LICENSE inactive).
- Service: SVC-INSTALL, SVC-TRAINING, SVC-SUPPORT, SVC-CONSULT, SVC-MAINT, SVC-ONSITE, SVC-CALIBRATION
  (SVC-LEGACY inactive).
- OthCharge: SHIP-FEE, HANDLING-FEE, RESTOCK-FEE, EXPEDITE-FEE.
- Discount: DISC-10, DISC-LOYALTY, DISC-PROMO.  Not sellable on their own: GROUP-BUNDLE, GROUP-SERVICE
  (Group), PAYMENT-ITEM (Payment).

Every item has a Base Price (price level 1) in USD, GBP, CAD and EUR, plus Wholesale (2) and Online (5).
Customers 201–230 (Acme Corp / ACME Corporation / Acme Industries look alike; 218, 221, 226 are inactive;
227–230 are individuals); sales orders 501–525 cover every status A–H.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from server.sandbox.netsuite import seed_data as data
from server.sandbox.netsuite.forms import CustomForm, default_forms

ACCOUNT_ID = "1234567_SB1"
HOST = "1234567-sb1"
CONSUMER_KEY = "c0a8f3e1d2b4957f6e1a3c5d7b9f0e2a4c6e8a0b1d3f5a7c9e1b3d5f7a9c1e3b"
CONSUMER_SECRET = "5f2e8d1c4b7a0963e8f1d4c7b0a3968e5d2c1b4a7f0e3d6c9b2a5f8e1d4c7b0a"
TOKEN_ID = "7b3e9f1a5c2d8e4b6a0f3c7d9e1b5a2f8c4d6e0a3b7f9c1e5d2a8b4f6c0e3a9d"
TOKEN_SECRET = "e4a9c2f7b1d6e3a8c5f0b9d2e7a4c1f6b3d8e5a0c7f2b9d4e1a6c3f8b5d0e2a7"
REST_BASE_URL = f"https://{HOST}.suitetalk.api.netsuite.com"
RESTLET_SCRIPT = "customscript_sohs_restlet"
RESTLET_DEPLOY = "customdeploy_sohs_restlet"
RESTLET_URL = (
    f"https://{HOST}.restlets.api.netsuite.com/app/site/hosting/restlet.nl"
    f"?script={RESTLET_SCRIPT}&deploy={RESTLET_DEPLOY}"
)
APP_BASE_URL = f"https://{HOST}.app.netsuite.com"
TOKEN_URL = f"{REST_BASE_URL}/services/rest/auth/oauth2/v1/token"


@dataclass(frozen=True)
class Customer:
    id: str
    entity_id: str
    company_name: str | None
    first_name: str | None
    last_name: str | None
    email: str
    subsidiary: str
    currency: str
    external_id: str | None
    inactive: bool
    date_created: str
    phone: str | None = None

    @property
    def is_person(self) -> bool:
        return self.company_name is None


@dataclass(frozen=True)
class Item:
    id: str
    item_id: str
    display_name: str
    item_type: str
    inactive: bool
    # (price level, currency id) → unit price
    prices: dict[tuple[str, str], float]
    subsidiary: str = "1"


@dataclass(frozen=True)
class OrderLine:
    item: str
    quantity: float
    rate: float
    description: str | None = None


@dataclass(frozen=True)
class SalesOrder:
    id: str
    tran_id: str
    tran_date: str
    status: str
    entity: str
    subsidiary: str
    currency: str
    custom_form: str
    lines: list[OrderLine]
    memo: str | None = None
    external_id: str | None = None
    other_ref_num: str | None = None
    body: dict[str, str | None] = field(default_factory=dict)


@dataclass
class Seed:
    """Everything the sandbox account starts with; tests may edit a `default_seed()` before use."""

    subsidiaries: list[tuple[str, str, str | None, str, str, bool]]
    currencies: list[tuple[str, str, str, bool]]
    customers: list[Customer]
    items: list[Item]
    employees: list[tuple[str, str, str, bool, bool]]
    departments: list[tuple[str, str]]
    classes: list[tuple[str, str]]
    locations: list[tuple[str, str]]
    price_levels: list[tuple[str, str]]
    folders: list[tuple[str, str, str | None]]
    forms: list[CustomForm]
    sales_orders: list[SalesOrder]
    # (customer, currency): currencies a customer trades in besides its primary one.
    customer_currencies: list[tuple[str, str]] = field(default_factory=list)


def _prices(usd: float) -> dict[tuple[str, str], float]:
    return {
        (level, currency): round(usd * factor * fx, 2)
        for level, factor in data.PRICE_LEVEL_FACTORS.items()
        for currency, fx in data.FX_FROM_USD.items()
    }


def _customers() -> list[Customer]:
    currency_of = {s[0]: s[3] for s in data.SUBSIDIARIES}
    people = iter(data.PERSON_NAMES)
    customers = []
    for index, (cid, company, email, subsidiary, inactive, external_id) in enumerate(data.CUSTOMERS):
        first, last = (None, None) if company is not None else next(people)
        customers.append(
            Customer(
                id=cid,
                entity_id=company or f"{first} {last}",
                company_name=company,
                first_name=first,
                last_name=last,
                email=email,
                subsidiary=subsidiary,
                currency=currency_of[subsidiary],
                external_id=external_id,
                inactive=inactive,
                date_created=f"2025-{1 + index % 12:02d}-{1 + index % 27:02d}",
                phone=f"+1 555 01{index:02d}",
            )
        )
    return customers


def _orders(customers: list[Customer], items: list[Item]) -> list[SalesOrder]:
    by_id = {c.id: c for c in customers}
    price = {i.id: i.prices for i in items}
    orders = []
    for oid, tran_id, date, status, entity, form, memo, lines in data.ORDERS:
        customer = by_id[entity]
        body: dict[str, str | None] = {}
        other_ref = None
        if form == "121":
            other_ref, body["custbody_region"] = f"PO-{tran_id[2:]}", "2"
        if form == "135":
            year = int(date[:4])
            body |= {"startdate": date, "enddate": f"{year + 1}{date[4:]}", "custbody_contract_term": "12"}
        orders.append(
            SalesOrder(
                id=oid,
                tran_id=tran_id,
                tran_date=date,
                status=status,
                entity=entity,
                subsidiary=customer.subsidiary,
                currency=customer.currency,
                custom_form=form,
                memo=memo,
                other_ref_num=other_ref,
                lines=[
                    OrderLine(item, qty, rate if rate is not None else price[item][("1", customer.currency)])
                    for item, qty, rate in lines
                ],
                body=body,
            )
        )
    return orders


def default_seed() -> Seed:
    """A fresh, realistic OneWorld account (new objects each call, so tests can change them freely)."""
    customers = _customers()
    items = [
        Item(id=i, item_id=sku, display_name=name, item_type=kind, inactive=inactive, prices=_prices(usd))
        for i, sku, name, kind, usd, inactive in data.ITEMS
    ]
    return Seed(
        subsidiaries=list(data.SUBSIDIARIES),
        currencies=list(data.CURRENCIES),
        customers=customers,
        items=items,
        employees=list(data.EMPLOYEES),
        departments=list(data.DEPARTMENTS),
        classes=list(data.CLASSES),
        locations=list(data.LOCATIONS),
        price_levels=list(data.PRICE_LEVELS),
        folders=list(data.FOLDERS),
        forms=default_forms(),
        sales_orders=_orders(customers, items),
        customer_currencies=list(data.CUSTOMER_CURRENCIES),
    )
