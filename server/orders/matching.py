"""Matching HubSpot to NetSuite: line items to items by SKU, the deal's company or contact to a customer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from server.orders.models import HsLineItem, HsParty, NsCustomer, NsItem

MatchState = Literal["matched", "unmatched", "ambiguous", "no_sku"]
Reason = Literal["external_id", "email", "name"]
# Words that only say what legal form a company has: "Acme Corp." and "ACME Corporation" are one name.
LEGAL_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "pty",
        "pte",
        "kg",
        "oy",
        "ab",
        "as",
        "srl",
        "spa",
    ]
)
MAX_ALTERNATIVES = 5


def sku_key(sku: str) -> str:
    """SKU = NetSuite item name/number, compared trimmed and case-insensitively."""
    return sku.strip().casefold()


@dataclass(frozen=True)
class LineMatch:
    """One HubSpot line item and what it maps to; unmatched and ambiguous lines are kept, never dropped."""

    line: HsLineItem
    state: MatchState
    item: NsItem | None = None
    candidates: tuple[NsItem, ...] = ()
    message: str | None = None


def match_lines(lines: Sequence[HsLineItem], items: Iterable[NsItem]) -> list[LineMatch]:
    """Map each line by SKU against every NetSuite item found for the deal's SKUs."""
    by_sku: dict[str, list[NsItem]] = {}
    for item in items:
        by_sku.setdefault(sku_key(item.item_id), []).append(item)
    return [match_line(line, by_sku.get(sku_key(line.sku or ""), [])) for line in lines]


def match_line(line: HsLineItem, found: Sequence[NsItem]) -> LineMatch:
    sku = (line.sku or "").strip()
    if not sku:
        return LineMatch(
            line, "no_sku", message=f"{line.name} has no SKU in HubSpot; choose the NetSuite item."
        )
    usable = tuple(i for i in found if i.sellable)
    if len(usable) == 1:
        return LineMatch(line, "matched", item=usable[0], candidates=usable)
    if len(usable) > 1:
        names = ", ".join(i.title for i in usable)
        return LineMatch(
            line, "ambiguous", candidates=usable,
            message=f"SKU {sku} matches {len(usable)} NetSuite items ({names}); choose one.",
        )  # fmt: skip
    if any(i.inactive for i in found):
        message = f"SKU {sku} matches only an inactive NetSuite item; choose another item."
    elif found:
        kind = found[0].type_label or found[0].type
        message = (
            f"SKU {sku} is a {kind} in NetSuite, which can't be a sales order line; choose another item."
        )
    else:
        message = f"SKU {sku} has no NetSuite item; choose the item or add it in NetSuite."
    return LineMatch(line, "unmatched", message=message)


def choose(match: LineMatch, item: NsItem) -> LineMatch:
    """The rep's pick for a line (any sellable item; for ambiguous lines usually one of the candidates)."""
    return LineMatch(match.line, "matched", item=item, candidates=match.candidates)


def normalise_name(name: str) -> str:
    """Case, accents, punctuation and legal suffixes removed: "Acme, Inc." → "acme"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = text.replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def email_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().casefold() or None


def web_domain(domain: str | None) -> str | None:
    if not domain:
        return None
    text = domain.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text).split("/", 1)[0]
    return text.removeprefix("www.") or None


@dataclass(frozen=True)
class CustomerMatch:
    customer: NsCustomer
    reason: Reason
    explanation: str

    def to_json(self) -> dict[str, str]:
        return {
            "customerId": self.customer.id,
            "name": self.customer.name,
            "reason": self.reason,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class CustomerSuggestion:
    best: CustomerMatch
    alternatives: tuple[CustomerMatch, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {**self.best.to_json(), "alternatives": [a.to_json() for a in self.alternatives]}


def _why(party: HsParty, customer: NsCustomer) -> tuple[int, Reason, str] | None:
    """How strongly a customer matches the party (lower rank is stronger), or None."""
    what = "company" if party.kind == "company" else "contact"
    if customer.external_id and customer.external_id == party.external_id:
        return 0, "external_id", f"Created from this HubSpot {what} (external ID {party.external_id})"
    if party.email and customer.email and party.email.strip().casefold() == customer.email.strip().casefold():
        return 1, "email", f"Same email as the deal's {what} ({customer.email})"
    domain = web_domain(party.domain) or (email_domain(party.email) if party.kind == "company" else None)
    if domain and email_domain(customer.email) == domain:
        return 2, "email", f"Same email domain as the deal's {what} ({domain})"
    wanted = normalise_name(party.name)
    if wanted and normalise_name(customer.name) == wanted:
        return 3, "name", f"Same name as the deal's {what} ({party.name})"
    return None


def suggest_customer(
    party: HsParty | None, candidates: Iterable[NsCustomer], *, subsidiary_id: str | None = None
) -> CustomerSuggestion | None:
    """The best active customer for the party, with the reason, plus alternatives; None when nothing fits.

    Customers of another subsidiary are left out: NetSuite refuses an order whose customer is not the
    order's subsidiary's.
    """
    if party is None:
        return None
    ranked: dict[str, tuple[int, CustomerMatch]] = {}
    for customer in candidates:
        if customer.inactive or (subsidiary_id and customer.subsidiary_id not in (None, subsidiary_id)):
            continue
        why = _why(party, customer)
        if why is None:
            continue
        rank, reason, explanation = why
        current = ranked.get(customer.id)
        if current is None or rank < current[0]:
            ranked[customer.id] = (rank, CustomerMatch(customer, reason, explanation))
    if not ranked:
        return None
    ordered = [m for _, m in sorted(ranked.values(), key=lambda pair: (pair[0], pair[1].customer.name))]
    return CustomerSuggestion(ordered[0], tuple(ordered[1 : 1 + MAX_ALTERNATIVES]))


def search_terms(party: HsParty) -> list[str]:
    """What to search NetSuite customers for: the core name and the web/email domain."""
    terms = []
    core = normalise_name(party.name)
    if core:
        terms.append(core)
    domain = web_domain(party.domain) or email_domain(party.email)
    if domain and domain not in terms:
        terms.append(domain)
    return terms
