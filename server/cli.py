"""The `salesorders` command: serve, demo, db upgrade."""

from __future__ import annotations

import argparse
import sys

from server.config import ConfigurationError, Settings, load_settings


def _serve(settings: Settings, host: str, port: int, workers: int) -> None:
    import uvicorn

    from server.logs import configure_logging
    from server.store.database import upgrade_sync

    configure_logging(settings.log_level, settings.log_format)
    upgrade_sync(settings.database_url)
    uvicorn.run(
        "server.asgi:app",
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips="*",
        log_config=None,
    )


def _demo(host: str, port: int, reset: bool) -> None:
    from server.demo import run_demo

    run_demo(host=host, port=port, reset=reset)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="salesorders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the backend (production)")
    serve.add_argument("--host", default="0.0.0.0")  # noqa: S104 - a server binds where its operator says
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    demo = sub.add_parser("demo", help="run the app with its sandboxes on 127.0.0.1:8000")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--reset", action="store_true", help="start from fresh demo data")

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply Alembic migrations up to head")

    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            settings = load_settings()
            settings.require_for_serve()
            _serve(settings, args.host, args.port, args.workers)
        elif args.command == "demo":
            _demo(args.host, args.port, args.reset)
        elif args.command == "db":
            from server.store.database import upgrade_sync

            upgrade_sync(load_settings().database_url)
            print("database is at the latest schema")
    except ConfigurationError as exc:
        print(f"salesorders: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
