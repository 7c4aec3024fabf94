"""The NetSuite customer of a workflow order: the domain's best suggestion for the deal's company or
contact (the same matching the card suggests with), else one created from HubSpot when allowed."""

from __future__ import annotations

import logging

from server.concurrency import together
from server.orders.matching import search_terms, suggest_customer
from server.orders.models import HsParty, NewCustomer, NsCustomer
from server.orders.ports import NetSuitePort
from server.workflow.failures import ActionFailed

log = logging.getLogger(__name__)


async def candidates(netsuite: NetSuitePort, party: HsParty) -> list[NsCustomer]:
    """Customers that may be the party: by our external id, by email, by name or domain."""
    lookups = [netsuite.customers_by_external_ids([party.external_id])]
    if party.email:
        lookups.append(netsuite.customers_by_emails([party.email]))
    lookups.extend(netsuite.search_customers(term) for term in search_terms(party))
    found = await together(*lookups)
    unique: dict[str, NsCustomer] = {}
    for batch in found:
        for customer in batch:
            unique.setdefault(customer.id, customer)
    return list(unique.values())


def new_customer(party: HsParty, subsidiary_id: str) -> NewCustomer:
    is_person = party.kind == "contact"
    return NewCustomer(
        external_id=party.external_id,
        subsidiary_id=subsidiary_id,
        is_person=is_person,
        company_name=None if is_person else party.name,
        first_name=party.first_name if is_person else None,
        last_name=(party.last_name or party.name) if is_person else None,
        email=party.email,
        phone=party.phone,
        addr1=party.addr1,
        city=party.city,
        state=party.state,
        zip=party.zip,
        country=party.country,
    )


async def find_or_create_customer(
    netsuite: NetSuitePort, party: HsParty, *, subsidiary_id: str | None, create: bool
) -> NsCustomer:
    suggestion = suggest_customer(party, await candidates(netsuite, party), subsidiary_id=subsidiary_id)
    if suggestion is not None:
        log.info("customer %s for HubSpot %s %s: %s", suggestion.best.customer.id, party.kind, party.id,
                 suggestion.best.reason)  # fmt: skip
        return suggestion.best.customer
    what = f"the deal's {party.kind} {party.name!r}"
    if not create:
        raise ActionFailed(
            f"No NetSuite customer matches {what} (by external ID, email or name) — create the customer in "
            "NetSuite, or turn on 'Create the customer if none matches' in the action."
        )
    if not subsidiary_id:
        raise ActionFailed(
            f"To create a NetSuite customer for {what}, choose a subsidiary in the action's settings."
        )
    # The external id is the HubSpot record's, so a retry upserts the same customer instead of a second.
    customer_id = await netsuite.create_customer(new_customer(party, subsidiary_id))
    return NsCustomer(
        id=customer_id, name=party.name, email=party.email, subsidiary_id=subsidiary_id,
        external_id=party.external_id, is_person=party.kind == "contact",
    )  # fmt: skip
