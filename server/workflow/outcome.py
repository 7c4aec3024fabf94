"""What an execution ends with, in HubSpot's callback terms: SUCCESS with the order's outputs, or
FAIL_CONTINUE with a message a human can act on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from server.store.records import WorkflowExecution
from server.workflow.definition import EXPIRATION, OUTPUTS

State = Literal["SUCCESS", "FAIL_CONTINUE"]
OUTPUT_NAMES = frozenset(out.name for out in OUTPUTS)


@dataclass(frozen=True)
class OrderRef:
    """The NetSuite sales order an execution created (or found linked to the deal)."""

    id: str
    number: str | None
    url: str
    status: str | None


@dataclass(frozen=True)
class Outcome:
    state: State
    order: OrderRef | None = None
    message: str | None = None

    def output_fields(self) -> dict[str, str]:
        """The callback's outputFields: every declared output present (empty when not applicable)."""
        fields = {name: "" for name in OUTPUT_NAMES}
        if self.order is not None:
            fields |= {
                "sales_order_id": self.order.id,
                "sales_order_number": self.order.number or "",
                "sales_order_url": self.order.url,
                "sales_order_status": self.order.status or "",
            }
        fields["error_message"] = self.message or ""
        return {"hs_execution_state": self.state, **dict(sorted(fields.items()))}


def success(order: OrderRef, *, note: str | None = None) -> Outcome:
    return Outcome("SUCCESS", order=order, message=note)


def failure(message: str) -> Outcome:
    return Outcome("FAIL_CONTINUE", message=message)


def blocked() -> dict[str, Any]:
    """The immediate answer to an execution request: HubSpot waits for our callback."""
    return {"outputFields": {"hs_execution_state": "BLOCK", "hs_expiration_duration": EXPIRATION}}


def callback_fields(stored: Mapping[str, Any]) -> dict[str, str]:
    """The stored final outputs as HubSpot takes them (progress notes kept alongside are left out)."""
    return {
        key: str(value) for key, value in stored.items() if key == "hs_execution_state" or key in OUTPUT_NAMES
    }


def final_answer(execution: WorkflowExecution) -> dict[str, Any] | None:
    """For a repeated request of a finished execution: its outputs, so HubSpot needs no callback."""
    if execution.state not in ("done", "failed") or not execution.outputs:
        return None
    return {"outputFields": callback_fields(execution.outputs)}
