"""Plain records the store hands out; secrets arrive already decrypted and never leave the backend."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

AuthKind = Literal["tba", "m2m"]
CreatedVia = Literal["card", "workflow", "linked"]
DraftStatus = Literal["open", "submitting", "created", "failed"]
ExecutionState = Literal["pending", "running", "done", "failed"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class HubSpotInstall(Record):
    portal_id: int
    hub_domain: str | None
    access_token: str
    refresh_token: str
    scopes: list[str]
    expires_at: datetime
    installed_by: str | None
    installed_at: datetime
    updated_at: datetime
    uninstalled_at: datetime | None


class ConnectionDefaults(BaseModel):
    """What the creation flow and workflow action start from for this NetSuite account."""

    subsidiary_id: str | None = None
    form_id: str | None = None
    price_source: Literal["hubspot", "netsuite"] = "hubspot"
    customer_source: Literal["company", "contact"] = "company"
    folder_id: str | None = None
    order_status: Literal["A", "B"] | None = None


class NetSuiteConnection(Record):
    id: str
    portal_id: int
    account_id: str
    label: str
    auth_kind: AuthKind
    credentials: dict[str, str] = Field(repr=False)
    rest_base_url: str
    restlet_url: str | None
    app_base_url: str
    concurrency_limit: int
    defaults: ConnectionDefaults
    created_at: datetime
    updated_at: datetime


class OrderLink(Record):
    id: str
    portal_id: int
    deal_id: str
    connection_id: str
    netsuite_id: str
    tran_id: str | None = None
    external_id: str | None = None
    status_code: str | None = None
    status_label: str | None = None
    total: str | None = None
    currency: str | None = None
    tran_date: str | None = None
    customer_name: str | None = None
    created_via: CreatedVia
    created_by: str | None = None
    refreshed_at: datetime | None = None
    created_at: datetime


class Draft(Record):
    id: str
    portal_id: int
    deal_id: str
    user_id: str | None
    status: DraftStatus
    step: str
    state: dict[str, Any]
    external_id: str
    result: dict[str, Any] | None
    version: int
    lease_until: datetime | None
    created_at: datetime
    updated_at: datetime


class WorkflowExecution(Record):
    id: str
    portal_id: int
    callback_id: str
    deal_id: str
    state: ExecutionState
    attempts: int
    inputs: dict[str, Any]
    external_id: str
    outputs: dict[str, Any] | None
    error: str | None
    callback_sent: bool
    claimed_by: str | None
    claimed_until: datetime | None
    next_attempt_at: datetime
    created_at: datetime
    updated_at: datetime
