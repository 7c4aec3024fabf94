"""Request bodies and path ids for the card's JSON API: malformed JSON is 400, invalid fields 422."""

from __future__ import annotations

import json
import re
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from server.errors import BadRequestError, NotFoundError, ValidationFailedError

M = TypeVar("M", bound=BaseModel)
HUBSPOT_ID = re.compile(r"^[0-9]{1,20}$")
OUR_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


async def parse_body(request: Request, model: type[M]) -> M:
    raw = await request.body()  # already read and size-checked by the signature guard
    try:
        data = json.loads(raw) if raw.strip() else {}
        # "\ud800" is valid JSON but no text: it could be neither stored nor sent on (UnicodeEncodeError).
        json.dumps(data, ensure_ascii=False).encode()
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raise BadRequestError("The request body is not valid JSON.", code="invalid_json") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = {
            ".".join(str(p) for p in error["loc"]) or "body": str(error["msg"]) for error in exc.errors()
        }
        raise ValidationFailedError("Some values need fixing.", fields=fields) from None


def deal_id_of(request: Request) -> str:
    deal_id = str(request.path_params["dealId"])
    if not HUBSPOT_ID.fullmatch(deal_id):
        raise NotFoundError("There is no such HubSpot deal.")
    return deal_id


def our_id(request: Request, name: str) -> str:
    value = str(request.path_params[name])
    if not OUR_ID.fullmatch(value):
        raise NotFoundError("Not found.")
    return value
