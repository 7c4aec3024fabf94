"""The NetSuite wire protocol: REST record, SuiteQL, metadata and RESTlet calls through the governor.

Each call is mapped to a typed error at once and counted in the vendor metrics. `NetSuiteClient`
builds the domain's reads and writes on top of these primitives.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from server.metrics import VENDOR_CALLS, VENDOR_SECONDS
from server.netsuite import errors
from server.netsuite.governor import Governor

RECORD_PATH = "/services/rest/record/v1"
SUITEQL_PATH = "/services/rest/query/v1/suiteql"
MAX_PAGE = 1000
MAX_SUITEQL_ROWS = 100_000  # "Using SuiteQL queries, you can return a maximum of 100,000 results."
WRITE_HEADERS = {
    "Content-Type": "application/json",
    # NetSuite's default only warns about unknown field names; we want a typo to fail loudly.
    "X-NetSuite-PropertyNameValidation": "error",
}
SELECT_OPTIONS = "application/vnd.oracle.resource+json; type=select-options"


class SuiteQLPage(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    items: list[dict[str, Any]] = Field(default_factory=list)
    has_more: bool = Field(default=False, alias="hasMore")
    total_results: int = Field(default=0, alias="totalResults")
    offset: int = 0


class NetSuiteCalls:
    """One NetSuite account's endpoints over an injected, authenticated httpx.AsyncClient."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        governor: Governor,
        account_id: str,
        rest_base_url: str,
        restlet_url: str | None = None,
        app_base_url: str,
    ) -> None:
        self._http = http
        self.governor = governor
        self.account_id = account_id
        self.rest_base_url = rest_base_url.rstrip("/")
        self.restlet_url = restlet_url or None
        self.app_base_url = app_base_url.rstrip("/")

    async def send(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        operation: str,
        safe: bool,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        restlet: bool = False,
    ) -> httpx.Response:
        """One logical call: governed, retried when safe, mapped to typed errors, measured."""

        async def attempt() -> httpx.Response:
            started = time.perf_counter()
            outcome = "ok"
            try:
                response = await self._http.request(method, url, json=json, headers=headers)
                if response.is_error:
                    raise errors.from_response(response, operation=operation, restlet=restlet)
                return response
            except httpx.TransportError as exc:
                outcome = "unavailable"
                raise errors.from_transport(exc, operation=operation) from None
            except errors.NetSuiteError as exc:
                outcome = type(exc).__name__
                raise
            finally:
                VENDOR_CALLS.labels("netsuite", operation, outcome).inc()
                VENDOR_SECONDS.labels("netsuite", operation).observe(time.perf_counter() - started)

        return await self.governor.run(attempt, safe=safe)

    # REST record service

    def record_url(self, record_type: str, record_id: str | None = None) -> str:
        base = f"{self.rest_base_url}{RECORD_PATH}/{_segment(record_type)}"
        return base if record_id is None else f"{base}/{_segment(record_id)}"

    async def get_record(
        self, record_type: str, record_id: str, *, params: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        url = httpx.URL(self.record_url(record_type, record_id), params=dict(params or {}))
        response = await self.send("GET", url, operation=f"get_{record_type}", safe=True)
        return _json_object(response)

    async def create_record(self, record_type: str, body: Mapping[str, Any]) -> str:
        """POST a new record; NetSuite answers 204 with the new record's URL in Location."""
        response = await self.send(
            "POST", self.record_url(record_type), operation=f"create_{record_type}", safe=False,
            json=dict(body), headers=WRITE_HEADERS,
        )  # fmt: skip
        new_id = location_id(response)
        if new_id is None:
            raise errors.NetSuiteError(
                f"NetSuite created the {record_type} but did not say its id.", operation="create"
            )
        return new_id

    async def upsert_record(self, record_type: str, external_id: str, body: Mapping[str, Any]) -> str | None:
        """PUT …/eid:{externalId} creates or updates, so it is safe to repeat; the id if NetSuite gave it."""
        check_external_id(external_id)
        response = await self.send(
            "PUT", self.record_url(record_type, f"eid:{external_id}"), operation=f"upsert_{record_type}",
            safe=True, json=dict(body), headers=WRITE_HEADERS,
        )  # fmt: skip
        return location_id(response)

    async def patch_record(self, record_type: str, record_id: str, body: Mapping[str, Any]) -> None:
        await self.send(
            "PATCH", self.record_url(record_type, record_id), operation=f"patch_{record_type}",
            safe=False, json=dict(body), headers=WRITE_HEADERS,
        )  # fmt: skip

    async def metadata(self, record_type: str) -> dict[str, Any]:
        """The record type's JSON Schema from the metadata catalog."""
        url = f"{self.rest_base_url}{RECORD_PATH}/metadata-catalog/{_segment(record_type)}"
        response = await self.send(
            "GET", url, operation="metadata", safe=True, headers={"Accept": "application/schema+json"}
        )
        return _json_object(response)

    async def select_options(
        self, record_type: str, fields: Sequence[str], body: Mapping[str, Any] | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """The options NetSuite offers for `fields` given `body` (role- and context-dependent)."""
        url = httpx.URL(self.record_url(record_type), params={"fields": ",".join(fields)})
        response = await self.send(
            # Asks, creates nothing: safe to repeat.
            "POST", url, operation="select_options", safe=True, json=dict(body or {}),
            headers={**WRITE_HEADERS, "Accept": SELECT_OPTIONS},
        )  # fmt: skip
        answer = _json_object(response)
        result: dict[str, list[dict[str, Any]]] = {}
        for name in fields:
            options = answer.get(name, {}).get("_selectOptions", {}).get("items", [])
            result[name] = [o for o in options if isinstance(o, dict)]
        return result

    # SuiteQL

    async def suiteql(
        self, query: str, params: Sequence[object] = (), *, limit: int = MAX_PAGE, offset: int = 0
    ) -> SuiteQLPage:
        if not 1 <= limit <= MAX_PAGE:
            raise ValueError(f"SuiteQL pages hold 1 to {MAX_PAGE} rows")
        if offset % limit:
            raise ValueError("NetSuite requires the offset to be divisible by the limit")
        url = httpx.URL(
            f"{self.rest_base_url}{SUITEQL_PATH}", params={"limit": str(limit), "offset": str(offset)}
        )
        response = await self.send(
            "POST", url, operation="suiteql", safe=True,
            json={"q": query, "params": [str(p) for p in params]},
            headers={"Prefer": "transient", "Content-Type": "application/json"},
        )  # fmt: skip
        return SuiteQLPage.model_validate(_json_object(response))

    async def suiteql_all(
        self, query: str, params: Sequence[object] = (), *, max_rows: int = 10_000, page_size: int = MAX_PAGE
    ) -> list[dict[str, Any]]:
        """Every row up to `max_rows` (NetSuite stops at 100,000), page by page."""
        max_rows = min(max_rows, MAX_SUITEQL_ROWS)
        rows: list[dict[str, Any]] = []
        offset = 0
        while len(rows) < max_rows:
            page = await self.suiteql(query, params, limit=page_size, offset=offset)
            rows.extend(page.items)
            if not page.has_more or not page.items:
                break
            offset += page_size
        return rows[:max_rows]

    # RESTlet

    def _restlet(self) -> httpx.URL:
        if self.restlet_url is None:
            raise errors.RestletUnavailable(
                "No RESTlet is set up for this NetSuite account, so custom forms, folders and attachments "
                "are unavailable. Add the RESTlet URL in the app settings.",
                operation="restlet",
            )
        return httpx.URL(self.restlet_url)

    async def restlet_get(self, action: str, **params: str) -> dict[str, Any]:
        url = self._restlet().copy_merge_params({"action": action, **params})
        # NetSuite answers a RESTlet GET in JSON only when asked with a JSON content type.
        response = await self.send(
            "GET", url, operation=f"restlet_{action}", safe=True, restlet=True,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )  # fmt: skip
        return _json_object(response)

    async def restlet_post(self, body: Mapping[str, Any], *, safe: bool) -> dict[str, Any]:
        action = str(body.get("action", "post"))
        response = await self.send(
            "POST", self._restlet(), operation=f"restlet_{action}", safe=safe, json=dict(body),
            headers={"Content-Type": "application/json"}, restlet=True,
        )  # fmt: skip
        return _json_object(response)


def _segment(value: str) -> str:
    # An id or type goes into the URL path: never let it add a segment or a query.
    from urllib.parse import quote

    return quote(value, safe=":-_.")


def check_external_id(external_id: str) -> None:
    # NetSuite: eid: values may hold letters, digits, "_" and "-" only ("|" breaks the URL form).
    if not external_id or not all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in external_id):
        raise ValueError(f"external id {external_id!r} may hold only letters, digits, '_' and '-'")


def location_id(response: httpx.Response) -> str | None:
    location = response.headers.get("location", "").rstrip("/")
    tail = location.rsplit("/", 1)[-1] if location else ""
    return tail if tail and not tail.startswith("eid:") else None


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise errors.NetSuiteError(
            f"NetSuite answered with something we could not read (HTTP {response.status_code})."
        )
    return body
