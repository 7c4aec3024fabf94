"""One Settings object for the whole process, read from SALESORDERS_* environment variables."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/salesorders.db"
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


class ConfigurationError(Exception):
    """The configuration cannot run the app; the message names what to fix."""


class Settings(BaseSettings):
    """Everything the backend reads from its environment; built once and passed down."""

    model_config = SettingsConfigDict(env_prefix="SALESORDERS_", env_file=None, extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # Comma-separated: the first key encrypts and signs, every key decrypts (rotation).
    secret_key: SecretStr | None = None
    public_base_url: str = "http://127.0.0.1:8000"

    hubspot_app_id: str = ""
    hubspot_client_id: str = ""
    hubspot_client_secret: SecretStr = SecretStr("")
    hubspot_api_base_url: str = "https://api.hubapi.com"
    hubspot_auth_base_url: str = "https://app.hubspot.com"

    # The NetSuite integration record used for token-based authentication.
    netsuite_consumer_key: str = ""
    netsuite_consumer_secret: SecretStr = SecretStr("")
    netsuite_concurrency: int = Field(default=4, ge=1, le=100)

    card_time_budget_seconds: float = Field(default=2.0, gt=0, le=14)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    # Demo-only: enables the preview page and its HubSpot-signing proxy. Never set in production.
    demo: bool = False

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"SALESORDERS_DATABASE_URL is not a database URL: {exc}") from None
        if url.drivername not in SUPPORTED_DRIVERS:
            raise ValueError(
                f"SALESORDERS_DATABASE_URL uses driver {url.drivername!r}; "
                f"use one of {', '.join(SUPPORTED_DRIVERS)}"
            )
        return value

    @field_validator("public_base_url", "hubspot_api_base_url", "hubspot_auth_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} must start with http:// or https://")
        return value.rstrip("/")

    @property
    def secret_keys(self) -> list[str]:
        if self.secret_key is None:
            return []
        return [key.strip() for key in self.secret_key.get_secret_value().split(",") if key.strip()]

    def require_for_serve(self) -> None:
        """Refuse to serve production traffic with settings that cannot work, naming every gap."""
        missing = []
        if not self.secret_keys:
            missing.append("SALESORDERS_SECRET_KEY")
        if not self.hubspot_client_secret.get_secret_value():
            missing.append("SALESORDERS_HUBSPOT_CLIENT_SECRET")
        if not self.hubspot_client_id:
            missing.append("SALESORDERS_HUBSPOT_CLIENT_ID")
        if not self.hubspot_app_id:
            missing.append("SALESORDERS_HUBSPOT_APP_ID")
        if missing:
            raise ConfigurationError("missing required settings: " + ", ".join(missing))
        if not self.public_base_url.startswith("https://") and not self.demo:
            raise ConfigurationError(
                "SALESORDERS_PUBLIC_BASE_URL must be https:// (HubSpot only calls HTTPS)"
            )


def load_settings(**overrides: object) -> Settings:
    """Build Settings from the environment, turning validation errors into one readable message."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from None
