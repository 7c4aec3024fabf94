"""Options of the action's dynamic fields, for the signed portal's connections only."""

from __future__ import annotations

import json
from typing import Any

from server.orders.errors import RestletMissingError
from server.orders.models import NsFolder
from server.workflow.options import OptionSource, field_options
from server.workflow.request import parse_options
from tests.workflow.conftest import OTHER_PORTAL, PORTAL, World, add_connection


def request(field: str, portal: int = PORTAL, **extra: Any) -> bytes:
    return json.dumps({"origin": {"portalId": portal}, "inputFieldName": field, **extra}).encode()


async def options(world: World, field: str, **extra: Any) -> dict[str, Any]:
    def source(connection: Any) -> OptionSource:
        return world.netsuite

    return await field_options(world.store, source, parse_options(request(field, **extra), field))


def chosen(world: World, **more: Any) -> dict[str, Any]:
    return {
        "inputFields": {"netsuite_account": {"type": "STATIC_VALUE", "value": world.connection.id}},
        **more,
    }


async def test_accounts_are_the_portals_connections_only(world: World) -> None:
    await add_connection(world.store, OTHER_PORTAL, account_id="7654321")
    page = await options(world, "netsuite_account")
    assert page == {
        "options": [{"label": "Production 1234567", "value": world.connection.id,
                     "description": "NetSuite account 1234567"}],
        "searchable": True,
    }  # fmt: skip


async def test_subsidiaries_of_the_chosen_account_leave_out_eliminations(world: World) -> None:
    page = await options(world, "subsidiary", **chosen(world))
    assert [(o["value"], o["label"]) for o in page["options"]] == [("1", "Parent Co"), ("3", "UK Ltd")]


async def test_forms_mark_the_default_and_folders_show_their_parent(world: World) -> None:
    forms = await options(world, "custom_form", **chosen(world))
    assert forms["options"][0] == {
        "label": "Standard Sales Order",
        "value": "128",
        "description": "Default form",
    }
    folders = await options(world, "attachment_folder", **chosen(world))
    assert [o["label"] for o in folders["options"]] == ["SuiteScripts", "SuiteScripts / Orders"]


async def test_search_text_and_paging(world: World) -> None:
    world.netsuite.folder_list = [NsFolder(str(n), f"Folder {n:03}") for n in range(150)]
    first = await options(world, "attachment_folder", **chosen(world))
    assert (len(first["options"]), first["after"]) == (100, "100")
    rest = await options(world, "attachment_folder", **chosen(world, fetchOptions={"after": "100"}))
    assert (len(rest["options"]), "after" in rest) == (50, False)
    found = await options(world, "attachment_folder", **chosen(world, fetchOptions={"q": "folder 14"}))
    assert [o["label"] for o in found["options"]] == [f"Folder 14{n}" for n in range(10)]


async def test_no_or_foreign_account_offers_nothing(world: World) -> None:
    theirs = await add_connection(world.store, OTHER_PORTAL, account_id="7654321")
    assert await options(world, "subsidiary") == {"options": [], "searchable": False}
    foreign = {"inputFields": {"netsuite_account": theirs.id}}
    assert await options(world, "subsidiary", **foreign) == {"options": [], "searchable": False}
    assert world.netsuite.faults.calls == []


async def test_without_the_restlet_forms_offer_the_standard_form_and_no_folders(world: World) -> None:
    world.netsuite.faults.add("forms", RestletMissingError("no RESTlet"))
    world.netsuite.faults.add("folders", RestletMissingError("no RESTlet"))
    forms = await options(world, "custom_form", **chosen(world))
    assert [o["value"] for o in forms["options"]] == ["standard"]
    assert (await options(world, "attachment_folder", **chosen(world)))["options"] == []
