"""The draft's state machine: steps account → customer → order → review, statuses open → submitting →
created | failed. Pure: it rewrites the draft's `state` dict and says what is allowed."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Literal

from server.errors import ConflictError, NotFoundError

Step = Literal["account", "customer", "order", "review"]
STEPS: tuple[Step, ...] = ("account", "customer", "order", "review")
LABELS: dict[Step, str] = {"account": "Account", "customer": "Customer", "order": "Order", "review": "Review"}
EDITABLE_STATUSES = frozenset({"open", "failed"})
# Which status may follow which; "failed" may be retried, "created" is final.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"submitting"}),
    "failed": frozenset({"submitting", "open"}),
    "submitting": frozenset({"created", "failed", "open", "submitting"}),
    "created": frozenset(),
}


def initial_state() -> dict[str, Any]:
    return {"values": {}, "complete": [], "attempts": 0, "error": None, "discarded": False}


def parse_step(text: str) -> Step:
    for step in STEPS:
        if step == text:
            return step
    raise NotFoundError(f"There is no step {text[:20]!r}; the steps are {', '.join(STEPS)}.")


def values_of(state: Mapping[str, Any], step: Step) -> dict[str, Any]:
    stored = state.get("values", {}).get(step)
    return dict(stored) if isinstance(stored, dict) else {}


def complete_steps(state: Mapping[str, Any]) -> list[Step]:
    done = state.get("complete", [])
    return [s for s in STEPS if s in done]


def reachable(state: Mapping[str, Any], step: Step) -> bool:
    """A step can be shown or answered once every step before it is complete."""
    done = set(complete_steps(state))
    return all(s in done for s in STEPS[: STEPS.index(step)])


def first_incomplete(state: Mapping[str, Any]) -> Step:
    done = set(complete_steps(state))
    return next((s for s in STEPS[:-1] if s not in done), "review")


def next_step(step: Step) -> Step:
    return STEPS[min(STEPS.index(step) + 1, len(STEPS) - 1)]


def accept(state: Mapping[str, Any], step: Step, values: Mapping[str, Any]) -> dict[str, Any]:
    """Store a step's validated values and mark it complete.

    When the values differ from what was stored, later steps keep their values (they prefill the tabs)
    but are no longer complete: they depend on this one (form → fields, subsidiary → customer) and must be
    validated again before Review.
    """
    new = copy.deepcopy(dict(state))
    stored = new.setdefault("values", {})
    changed = stored.get(step) != dict(values)
    if step != "review":
        stored[step] = dict(values)
    done = [s for s in complete_steps(new) if s != step]
    if changed:
        later = set(STEPS[STEPS.index(step) + 1 :])
        done = [s for s in done if s not in later]
    done.append(step)
    new["complete"] = [s for s in STEPS if s in done]
    new["error"] = None
    return new


def invalidate(state: Mapping[str, Any], step: Step) -> dict[str, Any]:
    """Mark a step (and so Review) incomplete, e.g. when a re-validation found a stale value."""
    new = copy.deepcopy(dict(state))
    later = set(STEPS[STEPS.index(step) :])
    new["complete"] = [s for s in complete_steps(new) if s not in later]
    return new


def ensure_editable(status: str, state: Mapping[str, Any]) -> None:
    if state.get("discarded"):
        raise NotFoundError("This draft was discarded. Start a new sales order from the card.")
    if status == "created":
        raise ConflictError(
            "This sales order was already created; start a new one from the card.", code="draft_created"
        )
    if status not in EDITABLE_STATUSES:
        raise ConflictError(
            "The sales order is being created right now; wait a moment.", code="submit_in_progress"
        )


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def with_error(state: Mapping[str, Any], error: Mapping[str, Any] | None) -> dict[str, Any]:
    new = copy.deepcopy(dict(state))
    new["error"] = dict(error) if error else None
    return new


def steps_json(state: Mapping[str, Any]) -> list[dict[str, Any]]:
    done = set(complete_steps(state))
    return [{"id": s, "label": LABELS[s], "complete": s in done} for s in STEPS]
