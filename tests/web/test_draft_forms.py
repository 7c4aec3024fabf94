"""The Order tab and the chosen custom form through HTTP against both sandboxes: custom item columns edited
per line and sent on each NetSuite line, and reading the form from NetSuite again (reload)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from server.sandbox.netsuite.app import NetSuiteSandbox
from tests.web.orders_env import Env, env, orders_settings
from tests.web.test_draft_api import FORM_VALUES, external_id_of, ok, orders_with, submit, to_order_tab

__all__ = ["env", "orders_settings"]  # fixtures

SERIAL_NOTES = "custcol_serial_notes"


def require_serial_notes(sandbox: NetSuiteSandbox) -> None:
    """An admin makes form 135's Serial Notes column mandatory in NetSuite."""
    form = sandbox.account.forms["135"]
    columns = tuple(replace(c, mandatory=True) if c.id == SERIAL_NOTES else c for c in form.item_fields)
    sandbox.account.forms["135"] = replace(form, item_fields=columns)


def form_reads(e: Env, form_id: str = "135") -> int:
    return sum(
        1 for r in e.netsuite.requests if (r.query.get("action"), r.query.get("id")) == ("form", form_id)
    )


def line_values(draft: dict[str, Any], notes: dict[int, Any]) -> list[dict[str, Any]]:
    """Every line as the card posts it, with Serial Notes on the lines at the given positions."""
    return [
        {
            "lineId": line["lineId"],
            "itemId": line["item"]["id"],
            "quantity": line["quantity"],
            "rate": None,
            "fields": {SERIAL_NOTES: notes[index]} if index in notes else {},
        }
        for index, line in enumerate(draft["tab"]["lines"])
    ]


async def order_step(e: Env, draft: dict[str, Any], lines: list[dict[str, Any]]) -> Any:
    values = {"priceSource": "hubspot", "includeAttachments": False, **FORM_VALUES["135"], "lines": lines}
    return await e.step(draft, "order", values)


async def test_form_135s_custom_column_is_edited_per_line_and_held_on_the_netsuite_order_line(
    env: Env,
) -> None:
    standard = await to_order_tab(env, "8001", form="68")
    assert {str(line["columns"]) for line in standard["tab"]["lines"]} == {"[]"}
    draft = await to_order_tab(env, "8001", form="135")  # the same draft, its form changed
    lines = draft["tab"]["lines"]
    for line in lines:
        [column] = line["columns"]
        assert column | {"help": None} == {
            "id": SERIAL_NOTES, "label": "Serial Notes", "type": "textarea", "required": False,
            "readOnly": False, "options": None, "optionsEndpoint": None, "default": None, "help": None,
            "error": None, "placeholder": None,
        }  # fmt: skip
        assert line["fields"] == {}
    draft = await ok(await order_step(env, draft, line_values(draft, {0: "  SN-1001, SN-1002 "})))
    summary_lines = draft["tab"]["summary"]["lines"]
    assert summary_lines[0]["fields"] == [
        {"id": SERIAL_NOTES, "label": "Serial Notes", "value": "SN-1001, SN-1002"}
    ]
    assert [line["fields"] for line in summary_lines[1:]] == [[]] * (len(lines) - 1)
    # The Order tab shown again keeps what the rep entered, per line.
    back = await ok(await env.step(draft, "customer", draft["values"]["customer"]))
    assert [line["fields"] for line in back["tab"]["lines"]][:2] == [{SERIAL_NOTES: "SN-1001, SN-1002"}, {}]
    assert back["tab"]["lines"][0]["columns"][0]["default"] == "SN-1001, SN-1002"
    draft = await ok(await order_step(env, back, line_values(back, {0: "SN-1001, SN-1002"})))
    result = await ok(await submit(env, draft))
    assert result["draft"]["status"] == "created"
    [sent] = [r.json for r in env.netsuite.requests if r.method == "PUT" and "/salesOrder/eid:" in r.path]
    assert isinstance(sent, dict)
    items = sent["item"]["items"]
    assert items[0][SERIAL_NOTES] == "SN-1001, SN-1002"
    assert all(SERIAL_NOTES not in item for item in items[1:])
    [stored] = orders_with(env, await external_id_of(env, draft))
    held = env.netsuite.db.execute(
        "SELECT custcol_serial_notes FROM transactionline"
        " WHERE \"transaction\" = ? AND mainline = 'F' ORDER BY linesequencenumber",
        (stored["id"],),
    ).fetchall()
    assert [row[0] for row in held] == ["SN-1001, SN-1002"] + [None] * (len(lines) - 1)


async def test_a_mandatory_column_blocks_review_until_every_line_has_a_valid_value(env: Env) -> None:
    require_serial_notes(env.netsuite)
    draft = await to_order_tab(env, "8001", form="135")
    lines = draft["tab"]["lines"]
    assert {line["columns"][0]["required"] for line in lines} == {True}
    missing = await order_step(env, draft, line_values(draft, {0: "SN-1"}))
    assert missing.status_code == 422
    assert missing.json()["fields"] == {
        f"lines.{line['lineId']}.{SERIAL_NOTES}": "Please enter a value for Serial Notes."
        for line in lines[1:]
    }
    every = {index: f"SN-{index}" for index in range(len(lines))}
    wrong = await order_step(env, draft, line_values(draft, every | {1: ["SN"], 2: "x" * 4001}))
    assert wrong.status_code == 422
    assert wrong.json()["fields"] == {
        f"lines.{lines[1]['lineId']}.{SERIAL_NOTES}": "Serial Notes must be text.",
        f"lines.{lines[2]['lineId']}.{SERIAL_NOTES}": (
            "Serial Notes can be at most 4000 characters (it has 4001)."
        ),
    }
    not_an_object = [{**line, "fields": ["SN"]} for line in line_values(draft, every)]
    refused = await order_step(env, draft, not_an_object)
    assert refused.status_code == 422
    assert refused.json()["fields"][f"lines.{lines[0]['lineId']}"].startswith("The line's column values")
    assert orders_with(env, await external_id_of(env, draft)) == []
    draft = await ok(await order_step(env, draft, line_values(draft, every)))
    assert draft["step"] == "review"
    result = await ok(await submit(env, draft))
    assert result["draft"]["status"] == "created"


async def test_reload_form_reads_the_chosen_form_live_and_answers_with_the_order_tab(env: Env) -> None:
    draft = await to_order_tab(env, "8001", form="135")
    assert form_reads(env) == 1
    require_serial_notes(env.netsuite)
    shown = await ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
    assert shown["tab"]["lines"][0]["columns"][0]["required"] is False  # the cached form
    assert form_reads(env) == 1
    reloaded = await ok(await env.client.post(f"/api/v1/drafts/{draft['id']}/reload-form", {}))
    assert form_reads(env) == 2
    assert (reloaded["step"], reloaded["version"]) == ("order", draft["version"])
    assert reloaded["tab"]["lines"][0]["columns"][0]["required"] is True
    # The new copy is the cached one from now on: the next request reads nothing from NetSuite.
    again = await ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
    assert again["tab"]["lines"][0]["columns"][0]["required"] is True
    assert form_reads(env) == 2
    blocked = await order_step(env, draft, line_values(draft, {}))
    assert blocked.status_code == 422
    # From the Review tab too, reloading shows the Order tab (the rep reviews again after it).
    draft = await ok(await order_step(env, draft, line_values(draft, dict.fromkeys(range(7), "SN"))))
    assert draft["step"] == "review"
    reloaded = await ok(await env.client.post(f"/api/v1/drafts/{draft['id']}/reload-form", {}))
    assert reloaded["tab"]["step"] == "order"
    assert reloaded["tab"]["lines"][0]["fields"] == {SERIAL_NOTES: "SN"}


async def test_reload_form_needs_a_chosen_form_and_the_portals_own_draft(env: Env) -> None:
    draft = await env.draft_for("8001")
    early = await env.client.post(f"/api/v1/drafts/{draft['id']}/reload-form", {})
    assert (early.status_code, early.json()["error"]) == (409, "step_locked")
    ordered = await to_order_tab(env, "8001", form="135")
    other = await env.client.as_portal(777).post(f"/api/v1/drafts/{ordered['id']}/reload-form", {})
    assert other.status_code == 404
    extra = await env.client.post(f"/api/v1/drafts/{ordered['id']}/reload-form", {"values": {}})
    assert extra.status_code == 422
    assert form_reads(env) == 1


async def test_reloading_metadata_in_settings_shows_an_admins_form_change_in_the_open_flow(env: Env) -> None:
    draft = await to_order_tab(env, "8001", form="135")
    require_serial_notes(env.netsuite)
    response = await env.client.post(f"/api/v1/settings/connections/{env.connection_id}/reload-metadata", {})
    assert response.status_code == 200, response.text
    assert response.json()["cleared"] >= 1
    catalog_reads = len([r for r in env.netsuite.requests if "/metadata-catalog/" in r.path])
    shown = await ok(await env.client.get(f"/api/v1/drafts/{draft['id']}"))
    assert form_reads(env) == 2
    assert len([r for r in env.netsuite.requests if "/metadata-catalog/" in r.path]) == catalog_reads + 1
    assert shown["tab"]["lines"][0]["columns"][0]["required"] is True


async def test_netsuite_refusing_a_column_on_create_points_at_that_lines_cell(env: Env) -> None:
    draft = await to_order_tab(env, "8001", form="135")
    second = draft["tab"]["lines"][1]["lineId"]
    draft = await ok(await order_step(env, draft, line_values(draft, {0: "SN-1"})))
    require_serial_notes(env.netsuite)  # in NetSuite, after the flow read (and cached) the form
    refused = await submit(env, draft)
    assert refused.status_code == 422, refused.text
    body = refused.json()
    cell = f"lines.{second}.{SERIAL_NOTES}"
    assert (body["detail"]["tab"], body["detail"]["field"]) == ("order", cell)
    assert "Please enter value(s) for: Serial Notes" in body["fields"][cell]
    assert orders_with(env, await external_id_of(env, draft)) == []
