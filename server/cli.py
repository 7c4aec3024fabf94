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


def _demo(args: argparse.Namespace) -> int:
    from server.demo import options_from, run_demo

    return run_demo(options_from(args))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="salesorders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the backend (production)")
    serve.add_argument("--host", default="0.0.0.0")  # noqa: S104 - a server binds where its operator says
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    demo = sub.add_parser("demo", help="run the app with its sandboxes on 127.0.0.1:8000")
    from server.demo import add_arguments as add_demo_arguments

    add_demo_arguments(demo)

    project = sub.add_parser("hubspot-project", help="write the HubSpot developer project to upload")
    project.add_argument("--base-url", required=True, help="the backend's public HTTPS origin")
    project.add_argument("--out", required=True, help="an empty folder to write into")
    project.add_argument("--local-proxy", help="also write local.json pointing `hs project dev` here")

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
            return _demo(args)
        elif args.command == "hubspot-project":
            from pathlib import Path

            from server.project import ProjectError, write_project

            try:
                files = write_project(Path(args.out), base_url=args.base_url, local_proxy=args.local_proxy)
            except ProjectError as exc:
                print(f"salesorders: {exc}", file=sys.stderr)
                return 2
            print(f"wrote {len(files)} files to {args.out}; upload with `hs project upload`")
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
