"""The sandbox HubSpot portal: its well-known app credentials and its seeded CRM records.

Portal 90210. SKUs match the NetSuite sandbox's item names; companies and contacts match its customers
(Acme Corp ↔ customer 201 by externalId hubspot-company-9001 and domain acme.example, and so on).

Deals:
- 8001 "Acme Corp – Q4 widget rollout" (USD): 7 line items that all match NetSuite items — WIDGET-1,
  WIDGET-2 (10 % discount), GADGET-PRO, ASSEMBLY-100 (assembly), KIT-STARTER (kit, 5.00 discount),
  SVC-INSTALL (service), SHIP-FEE (other charge); companies 9001 Acme Corp (primary) and 9003 Acme
  Industries; contact 7003 Emma Brown; notes with attachments quote-Q4.pdf (small PDF), site-photo.png
  (~2 MB PNG) and cad-drawings.zip (12 MB, streamed, never held in memory); one note without files.
- 8002 "Globex – replacement parts" (USD): WIDGET-9 (no NetSuite item) and WIDGET-1; company 9004 Globex
  only; a note with packing-list.pdf and a file id that was deleted (40099).
- 8003 "Umbrella Retail – starter kits" (GBP): a line without hs_sku whose product 3005 has SKU
  KIT-STARTER, DUP-SKU (two NetSuite items: ambiguous), OLD-WIDGET (inactive in NetSuite); company 9006
  and contact 7002 John Smith.
- 8004 "Jane Doe – engraving job" (USD): contact 7001 Jane Doe only; a line whose product has no SKU and
  a custom line with neither SKU nor product.
- 8005 "Fabrikam – EUR order" (EUR): company 9014 only; WIDGET-2 and SVC-INSTALL.
- 8006 "Walk-in counter sale" (USD): no company, no contact; WIDGET-1.
- 8007 "Soylent Foods – pilot" (USD): company 9050 and contact 7004, neither known to NetSuite; no lines.
- 8008 "Northwind – bulk order" (USD): company 9011; 120 line items (more than one batch read and more
  than HubSpot embeds in a deal response, so associations page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PORTAL_ID = 90210
HUB_DOMAIN = "sandbox-90210.hubspot.test"
INSTALLING_USER = "admin@sandbox-90210.example"
INSTALLING_USER_ID = 5550001
CLIENT_ID = "5e1f0c2a-8d3b-4c6e-9f7a-1b2c3d4e5f60"
CLIENT_SECRET = "a7d2e9f4-3b1c-4e8a-9d6f-0c5b7a2e1f38"
APP_ID = 4242001
FILES_BASE_URL = "https://files.sandbox-90210.hubspot.test"
ACCESS_TOKEN_SECONDS = 1800  # HubSpot access tokens live 30 minutes


@dataclass(frozen=True)
class SeedFile:
    id: str
    name: str
    extension: str
    type: str  # HubSpot's file type: DOCUMENT, IMG, OTHER…
    kind: str  # how the sandbox makes the bytes: pdf, png, blob
    size: int


@dataclass
class Seed:
    """Records by object type ("deals", "line_items"…) as id → properties, and deal associations."""

    objects: dict[str, dict[str, dict[str, str | None]]] = field(default_factory=dict)
    # (from type, from id, to type, to id, primary)
    associations: list[tuple[str, str, str, str, bool]] = field(default_factory=list)
    files: dict[str, SeedFile] = field(default_factory=dict)

    def add(self, object_type: str, object_id: str, **properties: str | None) -> str:
        self.objects.setdefault(object_type, {})[object_id] = properties
        return object_id

    def link(self, deal_id: str, to_type: str, to_id: str, *, primary: bool = False) -> None:
        self.associations.append(("deals", deal_id, to_type, to_id, primary))


PRODUCTS = [
    ("3001", "Widget, standard", "WIDGET-1", "25.00"),
    ("3002", "Widget, heavy duty", "WIDGET-2", "40.00"),
    ("3003", "Gadget Pro", "GADGET-PRO", "199.00"),
    ("3004", "Assembly 100", "ASSEMBLY-100", "850.00"),
    ("3005", "Starter kit", "KIT-STARTER", "120.00"),
    ("3006", "Installation service", "SVC-INSTALL", "300.00"),
    ("3007", "Shipping", "SHIP-FEE", "45.00"),
    ("3008", "Duplicate SKU part", "DUP-SKU", "10.00"),
    ("3009", "Widget (discontinued)", "OLD-WIDGET", "20.00"),
    ("3010", "Widget 9 (new model)", "WIDGET-9", "30.00"),
    ("3011", "Custom engraving", None, "15.00"),
]
COMPANIES = [
    ("9001", "Acme Corp", "acme.example", "+1 312 555 0100", "100 Market St", "Chicago", "IL", "60601", "US"),
    (
        "9003",
        "Acme Industries",
        "acme.example",
        "+49 30 5550 100",
        "Hauptstr. 5",
        "Berlin",
        None,
        "10115",
        "DE",
    ),
    (
        "9004",
        "Globex Corporation",
        "globex.example",
        "+1 503 555 0199",
        "1 Globex Way",
        "Portland",
        "OR",
        "97201",
        "US",
    ),
    (
        "9006",
        "Umbrella Retail Ltd",
        "umbrella.example",
        "+44 20 7946 0000",
        "12 High St",
        "London",
        None,
        "EC1A 1BB",
        "GB",
    ),
    (
        "9011",
        "Northwind Traders",
        "northwind.example",
        "+1 206 555 0142",
        "9 Pier Rd",
        "Seattle",
        "WA",
        "98101",
        "US",
    ),
    (
        "9014",
        "Fabrikam Maple Inc.",
        "fabrikam.example",
        "+33 1 55 55 01 00",
        "3 Rue de Rivoli",
        "Paris",
        None,
        "75001",
        "FR",
    ),
    ("9050", "Soylent Foods", "soylent.example", None, None, "Austin", "TX", None, "US"),
]
CONTACTS = [
    (
        "7001",
        "Jane",
        "Doe",
        "jane.doe@gmail.example",
        "+1 415 555 0101",
        None,
        "22 Elm St",
        "San Francisco",
        "CA",
        "94103",
        "US",
    ),
    (
        "7002",
        "John",
        "Smith",
        "john.smith@outlook.example",
        "+44 20 7946 0123",
        "Umbrella Retail Ltd",
        None,
        "London",
        None,
        None,
        "GB",
    ),
    (
        "7003",
        "Emma",
        "Brown",
        "emma.brown@acme.example",
        "+1 312 555 0123",
        "Acme Corp",
        "100 Market St",
        "Chicago",
        "IL",
        "60601",
        "US",
    ),
    (
        "7004",
        "Priya",
        "Patel",
        "priya.patel@soylent.example",
        None,
        "Soylent Foods",
        None,
        "Austin",
        "TX",
        None,
        "US",
    ),
]
# deal id, name, currency, stage, close date, owner, company ids (first = primary), contact ids
DEALS = [
    (
        "8001",
        "Acme Corp – Q4 widget rollout",
        "USD",
        "contractsent",
        "2026-12-15",
        "61001",
        ["9001", "9003"],
        ["7003"],
    ),
    ("8002", "Globex – replacement parts", "USD", "qualifiedtobuy", "2026-11-30", "61002", ["9004"], []),
    (
        "8003",
        "Umbrella Retail – starter kits",
        "GBP",
        "presentationscheduled",
        "2027-01-20",
        "61001",
        ["9006"],
        ["7002"],
    ),
    ("8004", "Jane Doe – engraving job", "USD", "appointmentscheduled", "2026-12-01", "61003", [], ["7001"]),
    ("8005", "Fabrikam – EUR order", "EUR", "decisionmakerboughtin", "2026-12-31", "61002", ["9014"], []),
    ("8006", "Walk-in counter sale", "USD", "closedwon", "2026-11-05", "61003", [], []),
    (
        "8007",
        "Soylent Foods – pilot",
        "USD",
        "appointmentscheduled",
        "2027-02-01",
        "61001",
        ["9050"],
        ["7004"],
    ),
    ("8008", "Northwind – bulk order", "USD", "contractsent", "2026-12-20", "61002", ["9011"], []),
]
# deal id → lines of (name, sku, product id, quantity, price, discount amount, discount %)
LINES: dict[str, list[tuple[str, str | None, str | None, str, str, str | None, str | None]]] = {
    "8001": [
        ("Widget, standard", "WIDGET-1", "3001", "10", "25.00", None, None),
        ("Widget, heavy duty", "WIDGET-2", "3002", "5", "40.00", None, "10"),
        ("Gadget Pro", "GADGET-PRO", "3003", "2", "199.00", None, None),
        ("Assembly 100", "ASSEMBLY-100", "3004", "1", "850.00", None, None),
        ("Starter kit", "KIT-STARTER", "3005", "3", "120.00", "5.00", None),
        ("Installation service", "SVC-INSTALL", "3006", "1", "300.00", None, None),
        ("Shipping", "SHIP-FEE", "3007", "1", "45.00", None, None),
    ],
    "8002": [
        ("Widget 9 (new model)", "WIDGET-9", "3010", "4", "30.00", None, None),
        ("Widget, standard", "WIDGET-1", "3001", "2", "25.00", None, None),
    ],
    "8003": [
        ("Starter kit", None, "3005", "2", "95.00", None, None),
        ("Duplicate SKU part", "DUP-SKU", "3008", "10", "8.00", None, None),
        ("Widget (discontinued)", "OLD-WIDGET", "3009", "1", "15.00", None, None),
    ],
    "8004": [
        ("Custom engraving", None, "3011", "1", "15.00", None, None),
        ("Rush handling", None, None, "1", "20.00", None, None),
    ],
    "8005": [
        ("Widget, heavy duty", "WIDGET-2", "3002", "20", "37.00", None, None),
        ("Installation service", "SVC-INSTALL", "3006", "1", "280.00", None, None),
    ],
    "8006": [("Widget, standard", "WIDGET-1", "3001", "1", "25.00", None, None)],
    "8007": [],
    "8008": [
        (
            "Widget, standard" if n % 2 else "Widget, heavy duty",
            "WIDGET-1" if n % 2 else "WIDGET-2",
            "3001" if n % 2 else "3002",
            str(1 + n % 7),
            "25.00" if n % 2 else "40.00",
            None,
            None,
        )
        for n in range(120)
    ],
}
FILES = [
    SeedFile("40001", "quote-Q4", "pdf", "DOCUMENT", "pdf", 0),
    SeedFile("40002", "site-photo", "png", "IMG", "png", 0),
    SeedFile("40003", "cad-drawings", "zip", "OTHER", "blob", 12 * 1024 * 1024 + 345),
    SeedFile("40004", "packing-list", "pdf", "DOCUMENT", "pdf", 0),
]
# note id, deal id, attachment ids (40099 was deleted from the file manager after it was attached)
NOTES = [
    ("60001", "8001", ["40001", "40002"]),
    ("60002", "8001", ["40003"]),
    ("60003", "8001", []),
    ("60004", "8002", ["40004", "40099"]),
]


def default_seed() -> Seed:
    seed = Seed()
    for pid, name, sku, price in PRODUCTS:
        seed.add("products", pid, name=name, hs_sku=sku, price=price)
    for cid, name, domain, phone, address, city, state, zip_code, country in COMPANIES:
        seed.add(
            "companies",
            cid,
            name=name,
            domain=domain,
            phone=phone,
            address=address,
            city=city,
            state=state,
            zip=zip_code,
            country=country,
        )
    for cid, first, last, email, phone, company, address, city, state, zip_code, country in CONTACTS:
        seed.add(
            "contacts",
            cid,
            firstname=first,
            lastname=last,
            email=email,
            phone=phone,
            company=company,
            address=address,
            city=city,
            state=state,
            zip=zip_code,
            country=country,
        )
    line_id = 20001
    for deal_id, name, currency, stage, close, owner, companies, contacts in DEALS:
        total = 0.0
        for item_name, sku, product, quantity, price, discount, percent in LINES[deal_id]:
            unit = float(price) - float(discount or 0)
            amount = float(quantity) * unit * (1 - float(percent or 0) / 100)
            total += amount
            seed.add(
                "line_items",
                str(line_id),
                name=item_name,
                hs_sku=sku,
                hs_product_id=product,
                quantity=quantity,
                price=price,
                amount=f"{amount:.2f}",
                discount=discount,
                hs_discount_percentage=percent,
                hs_line_item_currency_code=currency,
            )
            seed.link(deal_id, "line_items", str(line_id))
            line_id += 1
        seed.add(
            "deals",
            deal_id,
            dealname=name,
            amount=f"{total:.2f}",
            deal_currency_code=currency,
            dealstage=stage,
            pipeline="default",
            closedate=f"{close}T17:00:00Z",
            hubspot_owner_id=owner,
        )
        for index, company in enumerate(companies):
            seed.link(deal_id, "companies", company, primary=index == 0)
        for contact in contacts:
            seed.link(deal_id, "contacts", contact)
    for note_id, deal_id, attachments in NOTES:
        seed.add(
            "notes",
            note_id,
            hs_attachment_ids=";".join(attachments) or None,
            hs_note_body="Files from the customer",
            hs_timestamp="2026-11-02T10:00:00Z",
        )
        seed.link(deal_id, "notes", note_id)
    for file in FILES:
        seed.files[file.id] = file
    return seed
