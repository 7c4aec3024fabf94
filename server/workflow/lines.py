"""The deal's line items as the workflow needs them: every line matched to exactly one NetSuite item, or
a message per line saying what to fix (a workflow has no rep to pick an item)."""

from __future__ import annotations

from collections.abc import Sequence

from server.orders.matching import LineMatch
from server.workflow.failures import ActionFailed


def problem(match: LineMatch) -> str | None:
    line = match.line
    sku = (line.sku or "").strip()
    where = f"line '{line.name}'"
    if match.state == "matched":
        return None
    if match.state == "no_sku":
        return f"The {where} has no SKU — set the product's SKU in HubSpot to its NetSuite item name/number"
    if match.state == "ambiguous":
        found = ", ".join(item.title for item in match.candidates)
        return (
            f"SKU {sku} on {where} matches several NetSuite items ({found}) — give each item a unique "
            "name/number in NetSuite"
        )
    if match.message and "has no NetSuite item" not in match.message:
        # Inactive or not sellable: the domain's reason, said for this line.
        reason = match.message.split(";", 1)[0]
        return f"{reason} (on {where}) — fix the item in NetSuite or the SKU in HubSpot"
    return f"SKU {sku} on {where} has no NetSuite item — add the item in NetSuite or fix the SKU in HubSpot"


def check_lines(matches: Sequence[LineMatch]) -> None:
    """Raises ActionFailed naming every line that cannot go on the order."""
    problems = [p for p in (problem(m) for m in matches) if p]
    if problems:
        raise ActionFailed("; ".join(problems) + ".")
