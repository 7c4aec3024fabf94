"""Sales order status codes → the label and StatusTag tone the card shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Tone = Literal["default", "info", "success", "warning", "danger"]

STATUSES: dict[str, tuple[str, Tone]] = {
    "A": ("Pending Approval", "warning"),
    "B": ("Pending Fulfillment", "info"),
    "C": ("Cancelled", "danger"),
    "D": ("Partially Fulfilled", "info"),
    "E": ("Pending Billing/Partially Fulfilled", "info"),
    "F": ("Pending Billing", "warning"),
    "G": ("Billed", "success"),
    "H": ("Closed", "default"),
}


@dataclass(frozen=True)
class OrderStatus:
    code: str | None
    label: str
    tone: Tone

    def to_json(self) -> dict[str, str | None]:
        return {"code": self.code, "label": self.label, "tone": self.tone}


def order_status(code: str | None, label: str | None = None) -> OrderStatus:
    """Our label for a known code; NetSuite's own label (or "Unknown") and a neutral tone otherwise."""
    if code and ":" in code:
        # Some SuiteQL views answer "SalesOrd:B"; the letter after the colon is the status.
        code = code.rsplit(":", 1)[1]
    code = code.strip().upper() if code else None
    known = STATUSES.get(code or "")
    if known:
        return OrderStatus(code, known[0], known[1])
    return OrderStatus(code, label or "Unknown status", "default")
