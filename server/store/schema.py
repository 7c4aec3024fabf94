"""SQLAlchemy Core tables. Every table but none carries portal_id, and every query filters on it."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

UTC_DATETIME = DateTime(timezone=True)

hubspot_installs = Table(
    "hubspot_installs",
    metadata,
    Column("portal_id", BigInteger, primary_key=True, autoincrement=False),
    Column("hub_domain", String(255), nullable=True),
    Column("access_token", Text, nullable=False),  # encrypted
    Column("refresh_token", Text, nullable=False),  # encrypted
    Column("scopes", JSON, nullable=False),
    Column("expires_at", UTC_DATETIME, nullable=False),
    Column("installed_by", String(255), nullable=True),
    Column("installed_at", UTC_DATETIME, nullable=False),
    Column("updated_at", UTC_DATETIME, nullable=False),
    Column("uninstalled_at", UTC_DATETIME, nullable=True),
)

netsuite_connections = Table(
    "netsuite_connections",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("portal_id", BigInteger, nullable=False, index=True),
    Column("account_id", String(64), nullable=False),
    Column("label", String(255), nullable=False),
    Column("auth_kind", String(16), nullable=False),  # "tba" | "m2m"
    Column("credentials", Text, nullable=False),  # encrypted JSON
    Column("rest_base_url", String(512), nullable=False),
    Column("restlet_url", String(1024), nullable=True),
    Column("app_base_url", String(512), nullable=False),
    Column("concurrency_limit", Integer, nullable=False),
    Column("defaults", JSON, nullable=False),
    Column("created_at", UTC_DATETIME, nullable=False),
    Column("updated_at", UTC_DATETIME, nullable=False),
    UniqueConstraint("portal_id", "account_id", name="uq_netsuite_connections_portal_account"),
)

order_links = Table(
    "order_links",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("portal_id", BigInteger, nullable=False),
    Column("deal_id", String(32), nullable=False),
    Column(
        "connection_id",
        String(36),
        ForeignKey("netsuite_connections.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("netsuite_id", String(32), nullable=False),
    Column("tran_id", String(64), nullable=True),
    Column("external_id", String(255), nullable=True),
    Column("status_code", String(8), nullable=True),
    Column("status_label", String(128), nullable=True),
    Column("total", String(32), nullable=True),  # decimal text, never float
    Column("currency", String(16), nullable=True),
    Column("tran_date", String(10), nullable=True),  # ISO date
    Column("customer_name", String(255), nullable=True),
    Column("created_via", String(16), nullable=False),  # "card" | "workflow" | "linked"
    Column("created_by", String(255), nullable=True),
    Column("refreshed_at", UTC_DATETIME, nullable=True),
    Column("created_at", UTC_DATETIME, nullable=False),
    UniqueConstraint("portal_id", "deal_id", "connection_id", "netsuite_id", name="uq_order_links_order"),
    Index("ix_order_links_portal_deal", "portal_id", "deal_id"),
)

drafts = Table(
    "drafts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("portal_id", BigInteger, nullable=False),
    Column("deal_id", String(32), nullable=False),
    Column("user_id", String(64), nullable=True),
    Column("status", String(16), nullable=False),  # open | submitting | created | failed
    Column("step", String(16), nullable=False),
    Column("state", JSON, nullable=False),
    Column("external_id", String(64), nullable=False, unique=True),
    Column("result", JSON, nullable=True),
    Column("version", Integer, nullable=False),
    Column("lease_until", UTC_DATETIME, nullable=True),
    Column("created_at", UTC_DATETIME, nullable=False),
    Column("updated_at", UTC_DATETIME, nullable=False),
    Index("ix_drafts_portal_deal", "portal_id", "deal_id"),
)

workflow_executions = Table(
    "workflow_executions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("portal_id", BigInteger, nullable=False),
    Column("callback_id", String(255), nullable=False, unique=True),
    Column("deal_id", String(32), nullable=False),
    Column("state", String(16), nullable=False),  # pending | running | done | failed
    Column("attempts", Integer, nullable=False),
    Column("inputs", JSON, nullable=False),
    Column("external_id", String(64), nullable=False),
    Column("outputs", JSON, nullable=True),
    Column("error", Text, nullable=True),
    Column("callback_sent", Integer, nullable=False),  # 0/1: HubSpot told of the outcome
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_until", UTC_DATETIME, nullable=True),
    Column("next_attempt_at", UTC_DATETIME, nullable=False),
    Column("created_at", UTC_DATETIME, nullable=False),
    Column("updated_at", UTC_DATETIME, nullable=False),
    Index("ix_workflow_executions_due", "state", "next_attempt_at"),
)

metadata_cache = Table(
    "metadata_cache",
    metadata,
    Column("portal_id", BigInteger, nullable=False),
    Column(
        "connection_id",
        String(36),
        ForeignKey("netsuite_connections.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("key", String(255), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("fetched_at", UTC_DATETIME, nullable=False),
)
