from __future__ import annotations

import pytest

from server.cli import main
from server.config import ConfigurationError, Settings, load_settings


def test_defaults_use_local_sqlite() -> None:
    assert Settings().database_url == "sqlite+aiosqlite:///./var/salesorders.db"


def test_malformed_database_url_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ConfigurationError, match="SALESORDERS_DATABASE_URL is not a database URL"):
        load_settings(database_url="not a url")
    with pytest.raises(ConfigurationError, match="uses driver 'mysql'"):
        load_settings(database_url="mysql://x@y/z")


def test_secret_key_list_allows_rotation() -> None:
    settings = load_settings(secret_key="new, old")
    assert settings.secret_keys == ["new", "old"]


def test_serve_without_secret_key_names_every_missing_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SECRET_KEY", "HUBSPOT_CLIENT_SECRET", "HUBSPOT_CLIENT_ID", "HUBSPOT_APP_ID"):
        monkeypatch.delenv(f"SALESORDERS_{name}", raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "SALESORDERS_SECRET_KEY" in err
    assert "SALESORDERS_HUBSPOT_CLIENT_SECRET" in err


def test_serve_refuses_plain_http_public_url() -> None:
    settings = load_settings(
        secret_key="k",
        hubspot_client_secret="s",
        hubspot_client_id="c",
        hubspot_app_id="1",
        public_base_url="http://example.com",
    )
    with pytest.raises(ConfigurationError, match="https"):
        settings.require_for_serve()


def test_bad_database_url_in_environment_stops_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SALESORDERS_DATABASE_URL", "::::")
    assert main(["db", "upgrade"]) == 2
    assert "SALESORDERS_DATABASE_URL" in capsys.readouterr().err
