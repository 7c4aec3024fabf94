"""The shape of HubSpot's calls to the workflow action: the execution request and the options request.

Execution request [P, partly S]: `{"callbackId", "origin": {"portalId", …}, "context": {…},
"object": {"objectId", "objectType"}, "inputFields": {name: resolved value}}`.

Options request (UNCONFIRMED, secondary sources): `{"origin": {"portalId", …}, "inputFieldName",
"inputFields": {name: {"type": "STATIC_VALUE", "value": …} | {"type": "OBJECT_PROPERTY", …}},
"fetchOptions": {"q", "after"}}`. Plain values in `inputFields` are accepted too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.errors import BadRequestError, ValidationFailedError

CALLBACK_ID = re.compile(r"^[A-Za-z0-9_-]{1,200}$")
OBJECT_ID = re.compile(r"^[0-9]{1,20}$")  # not \d: it matches every script's digits
MAX_PORTAL_ID = 2**63 - 1  # stored as a BIGINT


@dataclass(frozen=True)
class ExecutionRequest:
    callback_id: str
    portal_id: int
    deal_id: str
    input_fields: dict[str, Any]


@dataclass(frozen=True)
class OptionsRequest:
    portal_id: int
    field: str
    input_fields: dict[str, Any]
    query: str
    after: str | None


def load_json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"null")
        # "\ud800" is valid JSON but no text: it could be neither stored nor sent on (UnicodeEncodeError).
        json.dumps(data, ensure_ascii=False).encode()
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raise BadRequestError("The request body is not JSON.") from None
    if not isinstance(data, dict):
        raise BadRequestError("The request body must be a JSON object.")
    return data


def _portal(data: Mapping[str, Any]) -> int:
    origin = data.get("origin")
    portal = origin.get("portalId") if isinstance(origin, dict) else None
    if isinstance(portal, str) and portal.isascii() and portal.isdigit():
        portal = int(portal)
    if not isinstance(portal, int) or isinstance(portal, bool) or not 0 < portal <= MAX_PORTAL_ID:
        raise ValidationFailedError(
            "origin.portalId must be the HubSpot account id.", fields={"origin": "missing"}
        )
    return portal


def parse_execution(body: bytes) -> ExecutionRequest:
    """The execution request, or a 400/422 naming what is wrong with it."""
    data = load_json(body)
    errors: dict[str, str] = {}
    callback = data.get("callbackId")
    if not isinstance(callback, str) or not CALLBACK_ID.fullmatch(callback):
        errors["callbackId"] = "callbackId must be HubSpot's callback id (letters, digits, - and _)."
    obj = data.get("object")
    obj = obj if isinstance(obj, dict) else {}
    object_type = obj.get("objectType")
    if not isinstance(object_type, str) or object_type.upper() not in ("DEAL", "0-3"):
        errors["object.objectType"] = "This action runs on deals only (object.objectType DEAL)."
    object_id = obj.get("objectId")
    deal_id = str(object_id) if isinstance(object_id, int | str) and not isinstance(object_id, bool) else ""
    if not OBJECT_ID.fullmatch(deal_id):
        errors["object.objectId"] = "object.objectId must be the deal's id."
    inputs = data.get("inputFields", {})
    if not isinstance(inputs, dict):
        errors["inputFields"] = "inputFields must be an object."
    try:
        portal = _portal(data)
    except ValidationFailedError as exc:
        errors["origin.portalId"] = exc.message
        portal = 0
    if errors:
        raise ValidationFailedError("This is not a workflow action request: " + "; ".join(errors.values()),
                                    fields=errors)  # fmt: skip
    assert isinstance(callback, str)
    return ExecutionRequest(callback_id=callback, portal_id=portal, deal_id=deal_id, input_fields=inputs)


def _plain(value: object) -> object:
    # Options requests describe each set field as {"type": ..., "value": ...}; a deal property has no
    # value yet at configuration time, so it counts as unset.
    if isinstance(value, dict):
        return value.get("value") if value.get("type", "STATIC_VALUE") == "STATIC_VALUE" else None
    return value


def parse_options(body: bytes, field: str) -> OptionsRequest:
    data = load_json(body)
    inputs = data.get("inputFields")
    fetch = data.get("fetchOptions")
    fetch = fetch if isinstance(fetch, dict) else {}
    query = fetch.get("q")
    after = fetch.get("after")
    return OptionsRequest(
        portal_id=_portal(data),
        field=field,
        input_fields={str(k): _plain(v) for k, v in inputs.items()} if isinstance(inputs, dict) else {},
        query=query.strip()[:200] if isinstance(query, str) else "",
        after=after if isinstance(after, str) and after else None,
    )


def external_id_for(portal_id: int, callback_id: str) -> str:
    """The NetSuite externalId of the order an execution creates: fixed by HubSpot's callback id, so a
    repeated request, a retry or a restart upserts the same NetSuite record."""
    digest = hashlib.sha256(f"{portal_id}:{callback_id}".encode()).hexdigest()[:24]
    return f"hs-{portal_id}-wf-{digest}"


def deal_external_id(portal_id: int, deal_id: str) -> str:
    """The NetSuite externalId of a deal's one workflow order: every enrolment of the deal, even two
    running at the same moment, names the same NetSuite record. An externalId is unique per NetSuite
    account, so the account needs no part in it; the portal does (one account may serve several)."""
    return f"hs-{portal_id}-deal-{deal_id}"


def order_external_id(call: ExecutionRequest, *, one_per_deal: bool) -> str:
    """The deal's id when the action skips deals that already have an order, else the enrolment's."""
    if one_per_deal:
        return deal_external_id(call.portal_id, call.deal_id)
    return external_id_for(call.portal_id, call.callback_id)
