"""A tab of the creation flow as the card renders it, and the error a failed step raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from server.orders import flow
from server.orders.errors import StepValidationError
from server.orders.fields import FieldDescriptor
from server.orders.matching import CustomerSuggestion
from server.orders.models import Notice


@dataclass
class Tab:
    step: flow.Step
    fields: list[FieldDescriptor] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    lines: list[dict[str, Any]] | None = None
    summary: dict[str, Any] | None = None
    suggestion: CustomerSuggestion | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "fields": [f.to_json() for f in self.fields],
            "notices": [{"tone": n.tone, "message": n.message} for n in self.notices],
            "lines": self.lines,
            "summary": self.summary,
            "suggestion": self.suggestion.to_json() if self.suggestion else None,
        }


def step_failed(
    step: flow.Step, errors: Mapping[str, str], *, message: str | None = None
) -> StepValidationError:
    """422 validation_failed for one tab, naming the first field so the card can take the rep there."""
    first = next(iter(errors), None)
    text = message or (
        f"Please correct {len(errors)} fields on the {flow.LABELS[step]} tab."
        if len(errors) > 1
        else (next(iter(errors.values())) if errors else f"Please check the {flow.LABELS[step]} tab.")
    )
    return StepValidationError(text, tab=step, fields=dict(errors), field=first)
