"""The Customer tab: the suggested NetSuite customer (and why), a search, or a new customer from HubSpot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.concurrency import together
from server.orders import fields, matching
from server.orders.account_step import AccountChoice
from server.orders.context import DraftContext
from server.orders.fields import FieldDescriptor
from server.orders.models import NewCustomer, Notice, NsCustomer, Option
from server.orders.tab import Tab, step_failed

MODES = (Option("existing", "An existing NetSuite customer"), Option("new", "A new customer from HubSpot"))
NEW_FIELDS = (
    ("companyName", "Company name", "text"),
    ("email", "Email", "email"),
    ("phone", "Phone", "phone"),
    ("firstName", "First name", "text"),
    ("lastName", "Last name", "text"),
    ("addr1", "Address", "text"),
    ("city", "City", "text"),
    ("state", "State/Province", "text"),
    ("zip", "Zip", "text"),
    ("country", "Country (2-letter code)", "text"),
)


@dataclass(frozen=True)
class CustomerChoice:
    customer_id: str | None  # None until a new customer is created at submit
    name: str
    currency_id: str | None
    currency: str | None
    new: NewCustomer | None = None


async def suggestion(ctx: DraftContext, account: AccountChoice) -> matching.CustomerSuggestion | None:
    party = await ctx.party(account.connection)
    if party is None:
        return None
    port = ctx.port(account.connection)
    lookups = [port.customers_by_external_ids([party.external_id])]
    if party.email:
        lookups.append(port.customers_by_emails([party.email]))
    lookups += [port.search_customers(term, limit=20) for term in matching.search_terms(party)]
    found: list[NsCustomer] = [c for batch in await together(*lookups) for c in batch]
    return matching.suggest_customer(party, found, subsidiary_id=account.subsidiary.id)


async def descriptors(
    ctx: DraftContext, account: AccountChoice, suggested: matching.CustomerSuggestion | None
) -> list[FieldDescriptor]:
    deal = await ctx.deal()
    company, contact = deal.company, deal.contact
    prefill: dict[str, Any] = {
        "companyName": company.name if company else None,
        "email": (contact.email if contact else None) or (company.email if company else None),
        "phone": (company.phone if company else None) or (contact.phone if contact else None),
        "firstName": contact.first_name if contact else None,
        "lastName": contact.last_name if contact else None,
    }
    address_source = company or contact
    for key in ("addr1", "city", "state", "zip", "country"):
        prefill[key] = getattr(address_source, key) if address_source else None
    described = [
        FieldDescriptor(
            "customerMode", "Customer", "select", required=True, options=MODES,
            default="existing" if suggested else "new",
        ),
        FieldDescriptor(
            "customerId", "NetSuite customer", "searchable_select",
            options_endpoint=ctx.endpoint("customerId"),
            default=suggested.best.customer.id if suggested else None,
            help="Search by name or email; required for an existing customer.",
        ),
        FieldDescriptor(
            "isPerson", "Individual (not a company)", "checkbox",
            default=company is None and contact is not None,
        ),
    ]  # fmt: skip
    for field_id, label, kind in NEW_FIELDS:
        base = fields.describe_type(field_id, label, kind)
        described.append(fields.with_default(base, prefill.get(field_id)))
    return described


async def tab(ctx: DraftContext, account: AccountChoice, errors: Mapping[str, str] | None = None) -> Tab:
    suggested = await suggestion(ctx, account)
    described = await descriptors(ctx, account, suggested)
    notices = []
    if suggested is None:
        party = await ctx.party(account.connection)
        who = f"{party.name}" if party else "the deal (it has no company or contact)"
        notices.append(Notice("info", f"No NetSuite customer matches {who}; search for one or create it."))
    return Tab(
        "customer",
        fields.with_values(described, ctx.values("customer"), errors),
        notices,
        suggestion=suggested,
    )


async def validate(
    ctx: DraftContext, account: AccountChoice, raw: Mapping[str, Any]
) -> tuple[dict[str, Any], CustomerChoice]:
    described = await descriptors(ctx, account, None)
    clean, errors = fields.validate(described, raw)
    if errors:
        raise step_failed("customer", errors)
    if clean["customerMode"] == "existing":
        return clean, await _existing(ctx, account, clean)
    return clean, await _new(ctx, account, clean)


async def _existing(ctx: DraftContext, account: AccountChoice, clean: dict[str, Any]) -> CustomerChoice:
    customer_id = clean.get("customerId")
    if not isinstance(customer_id, str):
        raise step_failed("customer", {"customerId": "Choose the NetSuite customer, or create a new one."})
    found = await ctx.port(account.connection).customers_by_ids([customer_id])
    customer = next((c for c in found if c.id == customer_id), None)
    if customer is None or customer.inactive:
        raise step_failed(
            "customer", {"customerId": "That customer does not exist or is inactive in NetSuite."}
        )
    if customer.subsidiary_id and customer.subsidiary_id != account.subsidiary.id:
        raise step_failed(
            "customer",
            {
                "customerId": f"{customer.name} belongs to another subsidiary; choose a customer of "
                f"{account.subsidiary.name} or change the subsidiary on the Account tab."
            },
        )
    return CustomerChoice(
        customer.id, customer.name, customer.currency_id, customer.currency or account.subsidiary.currency
    )


async def _new(ctx: DraftContext, account: AccountChoice, clean: dict[str, Any]) -> CustomerChoice:
    errors: dict[str, str] = {}
    person = bool(clean.get("isPerson"))
    if person:
        for key, label in (("firstName", "First name"), ("lastName", "Last name")):
            if not clean.get(key):
                errors[key] = f"Please enter a value for {label}."
    elif not clean.get("companyName"):
        errors["companyName"] = "Please enter a value for Company name."
    country = clean.get("country")
    if isinstance(country, str):
        clean["country"] = country = country.upper()
        if len(country) != 2 or not country.isalpha():
            errors["country"] = "Use the 2-letter country code, like US or DE."
    if errors:
        raise step_failed("customer", errors)
    party = await ctx.party(account.connection)
    external_id = party.external_id if party else f"hubspot-deal-{ctx.draft.deal_id}"
    known = await ctx.port(account.connection).customers_by_external_ids([external_id])
    if known:
        # NetSuite keeps one customer per external id: creating "new" would silently reuse it.
        what = party.kind if party else "deal"
        raise step_failed(
            "customer",
            {"customerMode": f"This {what} is already in NetSuite as {known[0].name}; choose that customer."},
        )

    def text(key: str) -> str | None:
        value = clean.get(key)
        return value if isinstance(value, str) else None

    new = NewCustomer(
        external_id=external_id, subsidiary_id=account.subsidiary.id, is_person=person,
        company_name=text("companyName"), first_name=text("firstName"), last_name=text("lastName"),
        email=text("email"), phone=text("phone"), addr1=text("addr1"), city=text("city"),
        state=text("state"), zip=text("zip"), country=text("country"),
    )  # fmt: skip
    name = " ".join(p for p in (new.first_name, new.last_name) if p) if person else (new.company_name or "")
    return CustomerChoice(None, name, account.subsidiary.currency_id, account.subsidiary.currency, new)
