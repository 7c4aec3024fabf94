"""The action's text inputs as the form's typed body values: dates in every shape HubSpot may resolve."""

from __future__ import annotations

import pytest

from server.orders.models import FormDescription, FormField
from server.workflow.definition import WorkflowInputs
from server.workflow.failures import ActionFailed
from server.workflow.values import body_values

FORM = FormDescription(
    "121",
    "Wholesale Sales Order",
    (
        FormField("shipDate", "Ship Date", "date"),
        FormField("custbody_due", "Due date", "date", mandatory=True),
    ),
)


def inputs(**additional: str) -> WorkflowInputs:
    return WorkflowInputs(
        connection_id="c-1",
        price_source="hubspot",
        customer_source="company",
        additional_fields={"custbody_due": "2026-12-01", **additional},
    )


@pytest.mark.parametrize(
    ("given", "day"),
    [
        pytest.param("2026-12-15", "2026-12-15", id="date"),
        pytest.param("2026-12-15T17:00:00Z", "2026-12-15", id="datetime-utc"),
        pytest.param("2026-12-15T17:00:00.000Z", "2026-12-15", id="milliseconds"),
        pytest.param("2026-12-15T17:00:00.123456789Z", "2026-12-15", id="nanoseconds"),
        # The day is UTC's: late evening in New York is already the next day in UTC, and vice versa.
        pytest.param("2026-12-15T21:30:00-05:00", "2026-12-16", id="offset-behind-utc"),
        pytest.param("2026-12-16T01:30:00+0200", "2026-12-15", id="offset-ahead-of-utc"),
        pytest.param("2026-12-15T23:59", "2026-12-15", id="no-offset-is-utc"),
        pytest.param("2026-12-15 08:00:00", "2026-12-15", id="space-separated"),
        pytest.param("1765843200000", "2025-12-16", id="epoch-milliseconds"),
        pytest.param(" 2026-12-15T17:00:00Z ", "2026-12-15", id="padded"),
    ],
)
def test_a_date_field_takes_the_utc_day_of_a_date_or_datetime(given: str, day: str) -> None:
    _, values = body_values(FORM, inputs(shipDate=given))
    assert values["shipDate"] == day


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param("banana", "Ship Date must be a date (YYYY-MM-DD) or a date and time (like "
                     "2026-12-15T17:00:00Z), not 'banana'. (shipDate)", id="word"),
        pytest.param("2026-12-15Tnoon", "not '2026-12-15Tnoon'", id="half-a-datetime"),
        pytest.param("15/12/2026", "not '15/12/2026'", id="day-first"),
        pytest.param("2026-02-30T10:00:00Z", "Ship Date: 2026-02-30T10:00:00Z is not a real date and time.",
                     id="no-such-day"),
        pytest.param("2026-12-15T25:00:00Z", "is not a real date and time", id="no-such-hour"),
        pytest.param("2026-02-30", "Ship Date: 2026-02-30 is not a real date.", id="no-such-date"),
        pytest.param("12345", "not '12345'", id="short-number"),
        pytest.param("２０２６-12-15T10:00:00Z", "must be a date (YYYY-MM-DD)", id="fullwidth-digits"),
    ],
)  # fmt: skip
def test_anything_else_in_a_date_field_fails_with_what_to_fix(given: str, expected: str) -> None:
    with pytest.raises(ActionFailed) as failed:
        body_values(FORM, inputs(shipDate=given))
    assert expected in failed.value.message
    assert failed.value.message.endswith("— fix the value in the action's settings.")


def test_a_bad_mandatory_date_is_reported_once_not_also_as_missing() -> None:
    with pytest.raises(ActionFailed) as failed:
        body_values(FORM, inputs(custbody_due="next week"))
    assert failed.value.message == (
        "Due date must be a date (YYYY-MM-DD) or a date and time (like 2026-12-15T17:00:00Z), not "
        "'next week'. (custbody_due) — fix the value in the action's settings."
    )
