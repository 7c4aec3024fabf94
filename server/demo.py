"""`salesorders demo`: the backend and both sandboxes in one process, over loopback HTTP.

One asyncio loop serves three uvicorn servers: the backend (with the preview page) on 127.0.0.1:8000,
the NetSuite sandbox on :8001 and the HubSpot sandbox on :8002. The backend reaches the sandboxes at their
own base URLs, so the production connectors (TBA signing, OAuth, rate limiting) run unchanged. Data lives in
var/demo.db; the NetSuite sandbox's records are snapshotted next to it on exit, so a restart resumes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import signal
import socket
import sqlite3
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from server.config import Settings, load_settings
from server.sandbox.hubspot import seed as hubspot_seed
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.netsuite import seed as netsuite_seed
from server.sandbox.netsuite.app import NetSuiteSandbox

log = logging.getLogger(__name__)

DEMO_DB = Path("var/demo.db")


@dataclass(frozen=True)
class DemoOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    netsuite_port: int = 8001
    hubspot_port: int = 8002
    database: Path = DEMO_DB
    reset: bool = False

    @property
    def netsuite_snapshot(self) -> Path:
        return self.database.with_name(self.database.stem + "-netsuite.sqlite")

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to serve on")
    parser.add_argument("--port", type=int, default=8000, help="the app and its preview page")
    parser.add_argument("--netsuite-port", type=int, default=8001, help="the NetSuite sandbox")
    parser.add_argument("--hubspot-port", type=int, default=8002, help="the HubSpot sandbox")
    parser.add_argument("--database", type=Path, default=DEMO_DB, help="SQLite file of the demo")
    parser.add_argument("--reset", action="store_true", help="delete the demo data and start fresh")


def options_from(args: argparse.Namespace) -> DemoOptions:
    return DemoOptions(
        host=args.host, port=args.port, netsuite_port=args.netsuite_port, hubspot_port=args.hubspot_port,
        database=args.database, reset=args.reset,
    )  # fmt: skip


def demo_settings(options: DemoOptions) -> Settings:
    hubspot = options.url(options.hubspot_port)
    return load_settings(
        database_url=f"sqlite+aiosqlite:///{options.database}",
        public_base_url=options.url(options.port),
        hubspot_api_base_url=hubspot,
        hubspot_auth_base_url=hubspot,
        hubspot_app_id=str(hubspot_seed.APP_ID),
        hubspot_client_id=hubspot_seed.CLIENT_ID,
        hubspot_client_secret=hubspot_seed.CLIENT_SECRET,
        netsuite_consumer_key=netsuite_seed.CONSUMER_KEY,
        netsuite_consumer_secret=netsuite_seed.CONSUMER_SECRET,
        log_format="console",
        demo=True,
    )


class SandboxRouting(httpx.AsyncBaseTransport):
    """The demo's stand-in for DNS and TLS: the sandbox account's NetSuite domains go to the loopback sandbox.

    So an admin who connects account 1234567_SB1 on the settings page with its default URLs reaches the
    sandbox. The original Host and scheme travel in Host and X-Forwarded-Proto, which uvicorn honours from
    loopback, so the sandbox checks TBA signatures against the very URL the connector signed.
    """

    def __init__(self, netsuite: str) -> None:
        self._netsuite = httpx.URL(netsuite)
        self._hosts = {httpx.URL(netsuite_seed.REST_BASE_URL).host, httpx.URL(netsuite_seed.RESTLET_URL).host}
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host in self._hosts:
            original = request.url
            request.url = original.copy_with(
                scheme=self._netsuite.scheme, host=self._netsuite.host, port=self._netsuite.port
            )
            request.headers["Host"] = original.netloc.decode("ascii")
            request.headers["X-Forwarded-Proto"] = original.scheme
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        # Every pooled NetSuite client shares this transport and closes it with itself (a connection test's
        # client does so at once): only the demo, at exit, may close the connections underneath.
        return None

    async def shutdown(self) -> None:
        await self._inner.aclose()


class PortTakenError(Exception):
    pass


def bind(host: str, port: int, what: str) -> socket.socket:
    """Bind before anything starts, so a taken port is one clear message instead of a half-started demo."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        reason = "is already in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        raise PortTakenError(
            f"port {port} on {host} (for {what}) {reason}. Stop what runs there or pick another port "
            f"(salesorders demo --port/--netsuite-port/--hubspot-port)."
        ) from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server without its own signal handling: the demo stops all three servers together."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def _restore(sandbox: NetSuiteSandbox, snapshot: Path) -> bool:
    if not snapshot.is_file():
        return False
    with contextlib.closing(sqlite3.connect(snapshot)) as saved:
        saved.backup(sandbox.db)
    return True


def _snapshot(sandbox: NetSuiteSandbox, snapshot: Path) -> None:
    partial = snapshot.with_suffix(".partial")
    with contextlib.closing(sqlite3.connect(partial)) as disk:
        sandbox.db.backup(disk)
    partial.replace(snapshot)


async def serve_demo(
    options: DemoOptions, sockets: Sequence[socket.socket], *, stop: asyncio.Event | None = None
) -> None:
    """Run the three servers until `stop` is set (or SIGINT/SIGTERM), seeding the demo once they listen."""
    from server.app import create_app
    from server.demo_seed import seed_demo
    from server.services import Transports, build_services
    from server.web.preview import PreviewSetup, install_preview
    from server.web.preview_proxy import PreviewUser

    settings = demo_settings(options)
    netsuite = NetSuiteSandbox()
    if _restore(netsuite, options.netsuite_snapshot):
        log.info("NetSuite sandbox resumed from %s", options.netsuite_snapshot)
    hubspot = HubSpotSandbox(redirect_urls=[f"{settings.public_base_url}/oauth/callback"])
    routing = SandboxRouting(options.url(options.netsuite_port))
    services = build_services(settings, transports=Transports(netsuite=routing))
    app = create_app(settings, services=services)
    user = PreviewUser(
        portal_id=hubspot.portal_id,
        user_id=str(hubspot_seed.INSTALLING_USER_ID),
        user_email=hubspot_seed.INSTALLING_USER,
    )
    deal_ids = [deal[0] for deal in hubspot_seed.DEALS]
    install_preview(app, PreviewSetup(user=user, deal_ids=deal_ids, netsuite=netsuite))

    servers = [
        _Server(uvicorn.Config(app, log_config=None, lifespan="on")),
        _Server(uvicorn.Config(netsuite.app, log_config=None, lifespan="off", access_log=False)),
        _Server(uvicorn.Config(hubspot.app, log_config=None, lifespan="off", access_log=False)),
    ]
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)

    async def stopper() -> None:
        await stop.wait()
        for server in servers:
            server.should_exit = True

    tasks = [asyncio.create_task(s.serve(sockets=[sock])) for s, sock in zip(servers, sockets, strict=True)]
    watcher = asyncio.create_task(stopper())
    try:
        while not all(s.started for s in servers):
            if any(t.done() for t in tasks):
                break
            await asyncio.sleep(0.05)
        if all(s.started for s in servers):
            await seed_demo(app, settings, hubspot=hubspot, netsuite_url=options.url(options.netsuite_port))
            _announce(options)
        await asyncio.gather(*tasks)
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        watcher.cancel()
        await services.aclose()  # given to create_app, so not closed by its lifespan
        await routing.shutdown()
        _snapshot(netsuite, options.netsuite_snapshot)


def _announce(options: DemoOptions) -> None:
    print(
        "\nNetSuite Sales Orders for HubSpot — demo is ready\n"
        f"  open            {options.url(options.port)}/   (a deal record with the Sales orders card)\n"
        f"  settings page   {options.url(options.port)}/settings\n"
        f"  NetSuite sandbox {options.url(options.netsuite_port)}   account {netsuite_seed.ACCOUNT_ID}\n"
        f"  HubSpot sandbox  {options.url(options.hubspot_port)}   portal {hubspot_seed.PORTAL_ID}\n"
        f"  data            {options.database} (start over with --reset)\n"
        "  Ctrl+C stops it.\n",
        flush=True,
    )


def run_demo(options: DemoOptions) -> int:
    from server.logs import configure_logging
    from server.store.database import upgrade_sync

    if options.reset:
        for path in (options.database, options.netsuite_snapshot):
            path.unlink(missing_ok=True)
    sockets: list[socket.socket] = []
    try:
        for port, what in [
            (options.port, "the app"),
            (options.netsuite_port, "the NetSuite sandbox"),
            (options.hubspot_port, "the HubSpot sandbox"),
        ]:
            sockets.append(bind(options.host, port, what))
    except PortTakenError as exc:
        for sock in sockets:
            sock.close()
        print(f"salesorders demo: {exc}", file=sys.stderr)
        return 2
    options.database.parent.mkdir(parents=True, exist_ok=True)
    settings = demo_settings(options)
    configure_logging(settings.log_level, settings.log_format)
    upgrade_sync(settings.database_url)
    try:
        asyncio.run(serve_demo(options, sockets))
    finally:
        for sock in sockets:
            sock.close()
    return 0
