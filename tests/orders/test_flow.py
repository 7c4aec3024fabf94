"""The draft state machine."""

from __future__ import annotations

import pytest

from server.errors import AppError
from server.orders import flow
from server.orders.status import order_status


def test_steps_open_one_after_another() -> None:
    state = flow.initial_state()
    assert flow.reachable(state, "account")
    assert not flow.reachable(state, "customer")
    state = flow.accept(state, "account", {"connectionId": "c"})
    assert flow.reachable(state, "customer")
    assert not flow.reachable(state, "order")
    assert flow.next_step("account") == "customer"
    assert flow.next_step("review") == "review"
    assert [s["complete"] for s in flow.steps_json(state)] == [True, False, False, False]


def test_going_back_with_the_same_values_keeps_later_steps() -> None:
    state = flow.accept(flow.initial_state(), "account", {"a": 1})
    state = flow.accept(state, "customer", {"c": 1})
    state = flow.accept(state, "account", {"a": 1})
    assert flow.complete_steps(state) == ["account", "customer"]


def test_changing_an_earlier_step_keeps_later_values_but_reopens_them() -> None:
    state = flow.accept(flow.initial_state(), "account", {"a": 1})
    state = flow.accept(state, "customer", {"c": 1})
    state = flow.accept(state, "order", {"o": 1})
    state = flow.accept(state, "account", {"a": 2})
    assert flow.complete_steps(state) == ["account"]
    assert flow.values_of(state, "order") == {"o": 1}
    assert flow.first_incomplete(state) == "customer"


def test_accept_does_not_mutate_the_stored_state() -> None:
    state = flow.initial_state()
    flow.accept(state, "account", {"a": 1})
    assert state == flow.initial_state()


def test_status_transitions() -> None:
    assert flow.may_move("open", "submitting")
    assert flow.may_move("failed", "submitting")
    assert flow.may_move("submitting", "created")
    assert flow.may_move("submitting", "failed")
    assert not flow.may_move("created", "submitting")
    assert not flow.may_move("open", "created")


@pytest.mark.parametrize(
    ("status", "state", "code"),
    [
        ("created", {}, "draft_created"),
        ("submitting", {}, "submit_in_progress"),
        ("open", {"discarded": True}, "not_found"),
    ],
)
def test_only_open_or_failed_drafts_are_editable(status: str, state: dict[str, object], code: str) -> None:
    with pytest.raises(AppError) as caught:
        flow.ensure_editable(status, state)
    assert caught.value.code == code
    flow.ensure_editable("open", {})
    flow.ensure_editable("failed", {})


def test_unknown_step_is_not_found() -> None:
    with pytest.raises(AppError):
        flow.parse_step("payment")


@pytest.mark.parametrize(
    ("code", "label", "tone"),
    [
        ("A", "Pending Approval", "warning"),
        ("B", "Pending Fulfillment", "info"),
        ("C", "Cancelled", "danger"),
        ("D", "Partially Fulfilled", "info"),
        ("E", "Pending Billing/Partially Fulfilled", "info"),
        ("F", "Pending Billing", "warning"),
        ("G", "Billed", "success"),
        ("H", "Closed", "default"),
        ("SalesOrd:G", "Billed", "success"),
    ],
)
def test_status_codes_have_labels_and_tones(code: str, label: str, tone: str) -> None:
    status = order_status(code)
    assert (status.label, status.tone) == (label, tone)


def test_unknown_status_keeps_netsuite_label() -> None:
    assert order_status("Z", "Odd").to_json() == {"code": "Z", "label": "Odd", "tone": "default"}
    assert order_status(None).label == "Unknown status"
