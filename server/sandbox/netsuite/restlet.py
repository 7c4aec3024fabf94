"""The deployed `suiteapp/` RESTlet, as the sandbox account runs it: forms, one form, folders, attachFile."""

from __future__ import annotations

import base64
import binascii
import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server.sandbox.netsuite.errors import RestletError
from server.sandbox.netsuite.forms import CustomForm, FormField
from server.sandbox.netsuite.seed import RESTLET_DEPLOY, RESTLET_SCRIPT
from server.sandbox.netsuite.state import SELLABLE_ITEM_TYPES, Account, StoredFile, next_id

OPTIONS_LIMIT = 200
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = frozenset(
    {
        "PDF",
        "PLAINTEXT",
        "CSV",
        "PNGIMAGE",
        "JPGIMAGE",
        "GIFIMAGE",
        "EXCEL",
        "WORD",
        "POWERPOINT",
        "ZIP",
        "MISCBINARY",
    }
)
_SELLABLE = ", ".join(f"'{kind}'" for kind in sorted(SELLABLE_ITEM_TYPES))
# Option queries per source table: only what a rep could pick on the form.
OPTION_QUERIES = {
    "customer": "SELECT id, entityid FROM customer WHERE isinactive = 'F' ORDER BY entityid",
    "employee": "SELECT id, entityid FROM employee WHERE isinactive = 'F' AND issalesrep = 'T'"
    " ORDER BY entityid",
    "item": f"SELECT id, itemid FROM item WHERE isinactive = 'F' AND itemtype IN ({_SELLABLE})"
    " ORDER BY itemid",
    "subsidiary": "SELECT id, name FROM subsidiary WHERE isinactive = 'F' AND iselimination = 'F'"
    " ORDER BY name",
    "department": "SELECT id, name FROM department WHERE isinactive = 'F' ORDER BY name",
    "classification": "SELECT id, name FROM classification WHERE isinactive = 'F' ORDER BY name",
    "location": "SELECT id, name FROM location WHERE isinactive = 'F' ORDER BY name",
}


def _account(request: Request) -> Account:
    account: Account = request.app.state.account
    return account


def _field(account: Account, field: FormField) -> dict[str, object]:
    options: list[dict[str, str]] | None = None
    truncated = False
    if field.options is not None:
        options = [{"value": value, "text": text} for value, text in field.options]
    elif field.option_table is not None:
        rows = account.db.execute(OPTION_QUERIES[field.option_table]).fetchmany(OPTIONS_LIMIT + 1)
        truncated = len(rows) > OPTIONS_LIMIT
        options = [{"value": str(i), "text": str(text)} for i, text in rows[:OPTIONS_LIMIT]]
    return {
        # SuiteScript names standard fields in lower case (otherrefnum); REST uses camelCase (otherRefNum).
        "id": field.id.lower(),
        "label": field.label,
        "type": field.type,
        "mandatory": field.mandatory,
        "displayed": field.displayed,
        "readOnly": field.read_only,
        "help": field.help,
        "options": options,
        "optionsTruncated": truncated,
        "optionSource": field.option_source,
    }


def _form(account: Account, form: CustomForm) -> dict[str, object]:
    return {
        "id": form.id,
        "name": form.name,
        "bodyFields": [_field(account, f) for f in form.body_fields],
        "itemFields": [_field(account, f) for f in form.item_fields],
    }


def _get(account: Account, params: dict[str, str]) -> dict[str, object]:
    action = params.get("action")
    if action == "forms":
        forms = [{"id": f.id, "name": f.name, "isDefault": f.is_default} for f in account.forms.values()]
        return {"forms": forms}
    if action == "form":
        form = account.forms.get(params.get("id", ""))
        if form is None:
            # The same answer as suiteapp/'s RESTlet for a form the role cannot use.
            raise RestletError(
                "INVALID_REQUEST",
                f"The custom form {params.get('id')} is not a sales order form available to this role.",
            )
        return _form(account, form)
    if action == "folders":
        rows = account.db.execute("SELECT id, name, parent FROM mediaitemfolder ORDER BY id").fetchall()
        folders = [{"id": str(i), "name": n, "parent": None if p is None else str(p)} for i, n, p in rows]
        return {"folders": folders}
    raise RestletError(
        "UNKNOWN_ACTION", f"Unknown action {action!r}: use forms, form, folders or attachFile."
    )


def _required(body: dict[str, object], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise RestletError("SSS_MISSING_REQD_ARGUMENT", f"Missing a required argument: {name}")
    return value


def attach_file(account: Account, body: dict[str, object]) -> dict[str, object]:
    order_id, folder_id = _required(body, "salesOrderId"), _required(body, "folderId")
    name, file_type = _required(body, "fileName"), _required(body, "fileType")
    encoded = _required(body, "contents")
    raw_description = body.get("description")
    description = raw_description if isinstance(raw_description, str) else None
    if file_type not in FILE_TYPES:
        raise RestletError("SSS_INVALID_TYPE_ARG", f"The file type {file_type} is not a valid N/file type.")
    order = account.row("SELECT id FROM \"transaction\" WHERE id = ? AND type = 'SalesOrd'", (order_id,))
    if order is None or not order_id.isdigit():
        raise RestletError("RCRD_DSNT_EXIST", f"That record does not exist: sales order {order_id}.")
    if account.row("SELECT id FROM mediaitemfolder WHERE id = ?", (folder_id,)) is None:
        raise RestletError("INVALID_FOLDER", f"The folder {folder_id} does not exist")
    try:
        contents = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise RestletError("INVALID_FILE_CONTENTS", "The file contents are not valid base64.") from None
    if len(contents) > MAX_FILE_BYTES:
        raise RestletError(
            "SSS_FILE_CONTENT_SIZE_EXCEEDED",
            "The file content you are attempting to access exceeds the maximum allowed size of 10 MB.",
        )
    file_id = next_id(account.db, "file", start=990)
    account.db.execute(
        "INSERT INTO file VALUES (?, ?, ?, ?, ?, ?, ?)",
        (file_id, name, folder_id, file_type, len(contents), description, account.today()),
    )
    account.db.execute("INSERT INTO filelink VALUES (?, ?)", (file_id, order_id))
    account.files.append(StoredFile(file_id, name, folder_id, file_type, contents, description, [order_id]))
    return {"fileId": file_id, "attached": True}


def _check_deployment(request: Request) -> None:
    script, deploy = request.query_params.get("script"), request.query_params.get("deploy")
    if not _account(request).restlet_deployed or (script, deploy) != (RESTLET_SCRIPT, RESTLET_DEPLOY):
        # What NetSuite answers for a script or deployment id it does not know (UNCONFIRMED status).
        raise RestletError(
            "SSS_INVALID_SCRIPTLET_ID", "That Suitelet is invalid, disabled, or no longer exists."
        )


async def restlet(request: Request) -> Response:
    _check_deployment(request)
    account = _account(request)
    if request.method == "GET":
        return JSONResponse(_get(account, dict(request.query_params)))
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise RestletError("SYNTAX_ERROR", "SyntaxError: the request body is not valid JSON.") from None
    if not isinstance(body, dict) or body.get("action") != "attachFile":
        action = body.get("action") if isinstance(body, dict) else None
        raise RestletError("UNKNOWN_ACTION", f"Unknown action {action!r}: POST supports attachFile only.")
    return JSONResponse(attach_file(account, body))


ROUTES = [Route("/app/site/hosting/restlet.nl", restlet, methods=["GET", "POST"])]
