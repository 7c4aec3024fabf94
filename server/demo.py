"""`salesorders demo`: the app on 127.0.0.1 with a local SQLite database."""

from __future__ import annotations

from pathlib import Path

from server.config import load_settings

DEMO_DB = Path("var/demo.db")


def run_demo(*, host: str, port: int, reset: bool) -> None:
    import uvicorn

    from server.app import create_app
    from server.logs import configure_logging
    from server.store.database import upgrade_sync

    if reset and DEMO_DB.exists():
        DEMO_DB.unlink()
    database_url = f"sqlite+aiosqlite:///./{DEMO_DB}"
    settings = load_settings(
        database_url=database_url,
        public_base_url=f"http://{host}:{port}",
        log_format="console",
        demo=True,
    )
    configure_logging(settings.log_level, settings.log_format)
    upgrade_sync(database_url)
    print(f"NetSuite Sales Orders for HubSpot (demo) on http://{host}:{port}/", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None)
