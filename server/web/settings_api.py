"""The settings page's API (docs/api.md, "Settings page"): connect, list, test, change and remove NetSuite
accounts, and the option lists the defaults need. The portal is always the signed one; secrets never leave.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.alias_generators import to_camel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server.errors import NotFoundError, ValidationFailedError
from server.netsuite import errors as ns_errors
from server.netsuite.auth import load_private_key
from server.netsuite.connections import ConnectionDraft, ConnectionService
from server.netsuite.urls import (
    account_urls,
    app_url_for,
    check_rest_base_url,
    check_restlet_url,
    normalize_account_id,
)
from server.store.records import NetSuiteConnection
from server.web.auth import identity_of, signed
from server.web.context import services_of

OPTION_KINDS = ("subsidiaries", "forms", "folders")
RESTLET_MISSING = "The NetSuite RESTlet is not set up for this account, so this list is not available."
_Id = Annotated[str, Field(pattern=r"^[0-9]{1,20}$")]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, alias_generator=to_camel)

    @field_validator("account_id", check_fields=False)
    @classmethod
    def _account(cls, value: str) -> str:
        return normalize_account_id(value)

    @field_validator("rest_base_url", check_fields=False)
    @classmethod
    def _rest_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        return check_rest_base_url(value, demo=bool((info.context or {}).get("demo"))) if value else None

    @field_validator("restlet_url", check_fields=False)
    @classmethod
    def _restlet_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        return check_restlet_url(value, demo=bool((info.context or {}).get("demo"))) if value else value


class _NewConnection(_Input):
    label: str = Field(min_length=1, max_length=255)
    account_id: str = Field(max_length=64)
    rest_base_url: str | None = Field(default=None, max_length=512)
    restlet_url: str | None = Field(default=None, max_length=1024)
    concurrency_limit: int | None = Field(default=None, ge=1, le=100)


class TbaConnection(_NewConnection):
    auth_kind: Literal["tba"]
    token_id: str = Field(min_length=1, max_length=512)
    token_secret: str = Field(min_length=1, max_length=512)


class M2MConnection(_NewConnection):
    auth_kind: Literal["m2m"]
    client_id: str = Field(min_length=1, max_length=512)
    certificate_id: str = Field(min_length=1, max_length=512)
    private_key: str = Field(min_length=1, max_length=20_000)

    @field_validator("private_key")
    @classmethod
    def _key(cls, value: str) -> str:
        try:
            load_private_key(value)
        except ValueError:
            raise ValueError(
                "Paste the certificate's private key in PEM form (-----BEGIN PRIVATE KEY-----), unencrypted."
            ) from None
        return value


NEW_CONNECTION: TypeAdapter[TbaConnection | M2MConnection] = TypeAdapter(
    Annotated[TbaConnection | M2MConnection, Field(discriminator="auth_kind")]
)


class DefaultsInput(_Input):
    subsidiary_id: _Id | None = None
    form_id: _Id | None = None
    price_source: Literal["hubspot", "netsuite"] | None = None
    customer_source: Literal["company", "contact"] | None = None
    folder_id: _Id | None = None


class ConnectionChange(_Input):
    label: str | None = Field(default=None, min_length=1, max_length=255)
    defaults: DefaultsInput | None = None
    restlet_url: str | None = Field(default=None, max_length=1024)
    concurrency_limit: int | None = Field(default=None, ge=1, le=100)


def _fields_of(exc: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in exc.errors():
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            fields["authKind"] = "Choose tba (token-based) or m2m (OAuth 2.0 client credentials)."
            continue
        loc = [str(part) for part in error["loc"] if part not in ("tba", "m2m")]
        name = loc[0] if loc else "body"
        if name == "defaults" and len(loc) > 1:
            name = loc[1]
        # Never echo the input back: it may be a secret.
        fields.setdefault(name, str(error["msg"]).removeprefix("Value error, "))
    return fields


async def _parse(request: Request, adapter: TypeAdapter[Any]) -> Any:
    try:
        data = json.loads(await request.body() or b"{}")  # already read and size-checked by the guard
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raise ValidationFailedError("The request body is not JSON.") from None
    try:
        return adapter.validate_python(data, context={"demo": services_of(request).settings.demo})
    except ValidationError as exc:
        raise ValidationFailedError("Some values need fixing.", fields=_fields_of(exc)) from None


def _draft(body: TbaConnection | M2MConnection, default_limit: int) -> ConnectionDraft:
    rest, app = account_urls(body.account_id)
    if isinstance(body, TbaConnection):
        credentials = {"token_id": body.token_id, "token_secret": body.token_secret}
    else:
        credentials = {"client_id": body.client_id, "certificate_id": body.certificate_id,
                       "private_key": body.private_key}  # fmt: skip
    return ConnectionDraft(
        account_id=body.account_id, label=body.label, auth_kind=body.auth_kind, credentials=credentials,
        rest_base_url=body.rest_base_url or rest,
        app_base_url=app_url_for(body.rest_base_url) or app if body.rest_base_url else app,
        restlet_url=body.restlet_url or None, concurrency_limit=body.concurrency_limit or default_limit,
        rest_base_url_overridden=body.rest_base_url is not None,
    )  # fmt: skip


def connection_json(connection: NetSuiteConnection) -> dict[str, object]:
    creds = connection.credentials
    if connection.auth_kind == "tba":
        hint = f"token …{creds.get('token_id', '')[-4:]}"
    else:
        hint = f"client …{creds.get('client_id', '')[-4:]}"
    d = connection.defaults
    return {
        "id": connection.id, "label": connection.label, "accountId": connection.account_id,
        "authKind": connection.auth_kind, "restBaseUrl": connection.rest_base_url,
        "restletUrl": connection.restlet_url, "concurrencyLimit": connection.concurrency_limit,
        "defaults": {"subsidiaryId": d.subsidiary_id, "formId": d.form_id, "priceSource": d.price_source,
                     "customerSource": d.customer_source, "folderId": d.folder_id},
        "credentialHint": hint, "createdAt": connection.created_at.isoformat().replace("+00:00", "Z"),
    }  # fmt: skip


def _service(request: Request) -> ConnectionService:
    services = services_of(request)
    return ConnectionService(services.store, services.netsuite)


@signed("v3")
async def list_connections(request: Request) -> Response:
    connections = await _service(request).list(identity_of(request).portal_id)
    return JSONResponse({"connections": [connection_json(c) for c in connections]})


@signed("v3")
async def add_connection(request: Request) -> Response:
    body = await _parse(request, NEW_CONNECTION)
    draft = _draft(body, services_of(request).settings.netsuite_concurrency)
    saved, test = await _service(request).add_connection(identity_of(request).portal_id, draft)
    return JSONResponse({"connection": connection_json(saved), "test": test.model_dump()}, status_code=201)


@signed("v3")
async def test_connection(request: Request) -> Response:
    result = await _service(request).test_saved(identity_of(request).portal_id, request.path_params["id"])
    return JSONResponse(result.model_dump())


@signed("v3")
async def reload_metadata(request: Request) -> Response:
    portal_id = identity_of(request).portal_id
    result = await _service(request).reload_metadata(portal_id, request.path_params["id"])
    return JSONResponse(result.model_dump())


@signed("v3")
async def change_connection(request: Request) -> Response:
    change: ConnectionChange = await _parse(request, TypeAdapter(ConnectionChange))
    defaults = change.defaults.model_dump(exclude_unset=True) if change.defaults else None
    updated = await _service(request).update_defaults(
        identity_of(request).portal_id, request.path_params["id"], label=change.label, defaults=defaults,
        restlet_url=change.restlet_url, concurrency_limit=change.concurrency_limit,
    )  # fmt: skip
    return JSONResponse(connection_json(updated))


@signed("v3")
async def remove_connection(request: Request) -> Response:
    await _service(request).remove(identity_of(request).portal_id, request.path_params["id"])
    return Response(status_code=204)


@signed("v3")
async def connection_options(request: Request) -> Response:
    services = services_of(request)
    service = _service(request)
    if request.path_params["kind"] not in OPTION_KINDS:
        raise NotFoundError("There is no such list.")
    connection = await service.get(identity_of(request).portal_id, request.path_params["id"])
    client = services.netsuite.client_for(connection)
    kind = request.path_params["kind"]
    notice = None
    if kind == "subsidiaries":
        options = [{"value": s.id, "label": s.name} for s in await client.subsidiaries()]
    else:
        try:
            listed = await client.forms() if kind == "forms" else await client.folders()
            options = [{"value": f.id, "label": f.name} for f in listed]
        except ns_errors.RestletUnavailable:
            notice = RESTLET_MISSING
            # Without the RESTlet, NetSuite's preferred form is the only choice (no customForm sent).
            options = [{"value": "", "label": "Standard"}] if kind == "forms" else []
    body: dict[str, object] = {"options": options}
    if notice:
        body["notice"] = notice
    return JSONResponse(body)


def routes() -> list[BaseRoute]:
    return [
        Route("/api/v1/settings/connections", list_connections, methods=["GET"]),
        Route("/api/v1/settings/connections", add_connection, methods=["POST"]),
        Route("/api/v1/settings/connections/{id}/test", test_connection, methods=["POST"]),
        Route("/api/v1/settings/connections/{id}/reload-metadata", reload_metadata, methods=["POST"]),
        Route("/api/v1/settings/connections/{id}", change_connection, methods=["PATCH"]),
        Route("/api/v1/settings/connections/{id}", remove_connection, methods=["DELETE"]),
        Route("/api/v1/connections/{id}/{kind}", connection_options, methods=["GET"]),
    ]
