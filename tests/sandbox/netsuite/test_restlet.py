"""The RESTlet contract: forms, one form's fields, folders and attachFile, with N/error-shaped failures."""

from __future__ import annotations

import base64

import httpx
import pytest

from server.sandbox.netsuite.app import NetSuiteSandbox
from server.sandbox.netsuite.seed import RESTLET_DEPLOY, RESTLET_SCRIPT
from tests.sandbox.netsuite.conftest import suiteql

PATH = "/app/site/hosting/restlet.nl"
DEPLOYMENT = {"script": RESTLET_SCRIPT, "deploy": RESTLET_DEPLOY}
Body = dict[str, object]


async def get(restlet: httpx.AsyncClient, **params: str) -> httpx.Response:
    return await restlet.get(PATH, params=DEPLOYMENT | params)


def attachment(**overrides: object) -> Body:
    body: Body = {
        "action": "attachFile",
        "salesOrderId": "502",
        "folderId": "12",
        "fileName": "quote.pdf",
        "fileType": "PDF",
        "contents": base64.b64encode(b"%PDF-1.7 quote").decode(),
        "description": "Signed quote",
    }
    return body | overrides


async def attach(restlet: httpx.AsyncClient, body: Body) -> httpx.Response:
    return await restlet.post(PATH, params=DEPLOYMENT, json=body)


def error_of(response: httpx.Response) -> tuple[str, str]:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    return error["code"], error["message"]


async def test_forms_lists_the_three_sales_order_forms_with_the_default(restlet: httpx.AsyncClient) -> None:
    forms = (await get(restlet, action="forms")).json()["forms"]
    assert forms == [
        {"id": "68", "name": "Standard Sales Order", "isDefault": True},
        {"id": "121", "name": "Wholesale Order", "isDefault": False},
        {"id": "135", "name": "Service Contract Order", "isDefault": False},
    ]


async def test_form_describes_its_mandatory_fields_options_and_columns(restlet: httpx.AsyncClient) -> None:
    form = (await get(restlet, action="form", id="121")).json()
    fields = {f["id"]: f for f in form["bodyFields"]}
    assert fields["custbody_region"] == {
        "id": "custbody_region",
        "label": "Region",
        "type": "select",
        "mandatory": True,
        "displayed": True,
        "readOnly": False,
        "help": "Sales region for commissions.",
        "options": [
            {"value": "1", "text": "West"},
            {"value": "2", "text": "East"},
            {"value": "3", "text": "Central"},
            {"value": "4", "text": "International"},
        ],
        "optionsTruncated": False,
        "optionSource": None,
    }
    # Standard ids come in SuiteScript's lower case, as from the real RESTlet; custom ids are unchanged.
    assert fields["otherrefnum"]["mandatory"] is True
    assert fields["memo"]["mandatory"] is False
    assert fields["salesrep"]["optionSource"] == "employee"
    assert "Farid Haddad" not in [o["text"] for o in fields["salesrep"]["options"]]
    assert [c["id"] for c in form["itemFields"]] == ["item", "quantity", "rate", "amount", "description"]
    items = next(c for c in form["itemFields"] if c["id"] == "item")["options"]
    assert "OLD-WIDGET" not in [o["text"] for o in items]
    assert "GROUP-BUNDLE" not in [o["text"] for o in items]


async def test_long_option_lists_are_truncated_at_200(
    restlet: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    sandbox.db.executemany(
        "INSERT INTO employee VALUES (?, ?, ?, ?, 'T', 'F')",
        [(1000 + n, f"Rep {n:03d}", "Rep", f"{n:03d}") for n in range(250)],
    )
    form = (await get(restlet, action="form", id="68")).json()
    rep = next(f for f in form["bodyFields"] if f["id"] == "salesrep")
    assert (len(rep["options"]), rep["optionsTruncated"], rep["optionSource"]) == (200, True, "employee")


async def test_service_contract_form_adds_serial_notes_column(restlet: httpx.AsyncClient) -> None:
    form = (await get(restlet, action="form", id="135")).json()
    assert form["itemFields"][-1]["id"] == "custcol_serial_notes"
    mandatory = [f["id"] for f in form["bodyFields"] if f["mandatory"]]
    assert mandatory == ["entity", "memo", "startdate", "enddate", "custbody_contract_term"]


async def test_unknown_form_is_an_error(restlet: httpx.AsyncClient) -> None:
    assert error_of(await get(restlet, action="form", id="999")) == (
        "INVALID_REQUEST",
        "The custom form 999 is not a sales order form available to this role.",
    )


async def test_folders_lists_the_file_cabinet(restlet: httpx.AsyncClient) -> None:
    folders = (await get(restlet, action="folders")).json()["folders"]
    assert {"id": "12", "name": "Sales Orders", "parent": "3"} in folders
    assert {"id": "3", "name": "Documents", "parent": None} in folders


async def test_attach_file_stores_decoded_contents_and_links_the_order(
    restlet: httpx.AsyncClient, rest: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    response = await attach(restlet, attachment())
    assert response.json() == {"fileId": "990", "attached": True}
    (stored,) = sandbox.files
    assert (stored.contents, stored.folder_id, stored.attached_to, stored.name) == (
        b"%PDF-1.7 quote",
        "12",
        ["502"],
        "quote.pdf",
    )
    (row,) = (await suiteql(rest, "SELECT name, filesize FROM file WHERE id = ?", ["990"])).json()["items"]
    assert (row["name"], row["filesize"]) == ("quote.pdf", "14")


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        ({"folderId": "99"}, "INVALID_FOLDER", "The folder 99 does not exist"),
        ({"salesOrderId": "9999"}, "RCRD_DSNT_EXIST", "That record does not exist: sales order 9999."),
        ({"fileType": "EXE"}, "SSS_INVALID_TYPE_ARG", "The file type EXE is not a valid N/file type."),
        ({"contents": "not base64!"}, "INVALID_FILE_CONTENTS", "The file contents are not valid base64."),
        ({"fileName": ""}, "SSS_MISSING_REQD_ARGUMENT", "Missing a required argument: fileName"),
    ],
)
async def test_bad_attachments_are_refused(
    restlet: httpx.AsyncClient, sandbox: NetSuiteSandbox, overrides: Body, code: str, message: str
) -> None:
    assert error_of(await attach(restlet, attachment(**overrides))) == (code, message)
    assert sandbox.files == []


async def test_files_over_10_mb_are_refused(restlet: httpx.AsyncClient) -> None:
    big = base64.b64encode(b"\0" * (10 * 1024 * 1024 + 1)).decode()
    assert error_of(await attach(restlet, attachment(contents=big)))[0] == "SSS_FILE_CONTENT_SIZE_EXCEEDED"


async def test_unknown_script_and_undeployed_restlet_answer_like_netsuite(
    restlet: httpx.AsyncClient, sandbox: NetSuiteSandbox
) -> None:
    wrong = await restlet.get(PATH, params={"script": "customscript_other", "deploy": "1", "action": "forms"})
    assert error_of(wrong)[0] == "SSS_INVALID_SCRIPTLET_ID"
    sandbox.restlet_deployed = False
    assert error_of(await get(restlet, action="forms"))[0] == "SSS_INVALID_SCRIPTLET_ID"
