"""Card-load latency in process: the real app over ASGITransport, both sandboxes, NetSuite at 300 ms.

    .venv/bin/python -m bench.card_load [--reps 50] [--latency 0.3]

For 1, 10 and 50 linked orders per deal, 50 reps load their deal's card at the same moment; prints p50/p95,
the share answered stale (NetSuite's governor allows 4 requests in flight per account) and NetSuite
requests per card load.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from pydantic import SecretStr

from server.app import create_app
from server.config import Settings
from server.sandbox.hubspot.app import HubSpotSandbox
from server.sandbox.hubspot.seed import PORTAL_ID
from server.sandbox.netsuite import seed as ns_seed
from server.sandbox.netsuite.app import NetSuiteSandbox
from server.services import Transports, build_services
from server.store.database import upgrade_sync
from tests.support.signed import SignedClient

SECRET = "bench-secret"  # noqa: S105 - the fake HubSpot app's signing secret, shared with the app
NEW_ORDER = """INSERT INTO "transaction" (id, tranid, trandate, type, status, entity, subsidiary, currency,
  foreigntotal, customform) VALUES (?, ?, '2026-03-01', 'SalesOrd', 'B', 201, 1, 1, 12.5, 68)"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(orders_per_deal: int, reps: int, latency: float, workdir: Path) -> str:
    db = workdir / f"bench-{orders_per_deal}-{reps}.db"  # a fresh database per run
    with ThreadPoolExecutor(1) as pool:
        pool.submit(upgrade_sync, f"sqlite+aiosqlite:///{db}").result()
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{db}",
        secret_key=SecretStr("bench-key-" + SECRET),
        public_base_url="https://bench.test",
        hubspot_app_id="424242",
        hubspot_client_id="bench",
        hubspot_client_secret=SecretStr(SECRET),
        netsuite_consumer_key=ns_seed.CONSUMER_KEY,
        netsuite_consumer_secret=SecretStr(ns_seed.CONSUMER_SECRET),
        log_level="ERROR",
        log_format="console",
    )
    netsuite = NetSuiteSandbox(concurrency_limit=5)
    hubspot = HubSpotSandbox(client_id="bench", client_secret=SECRET, app_id=424242)
    services = build_services(
        settings,
        transports=Transports(
            netsuite=httpx.ASGITransport(app=netsuite.app), hubspot=httpx.ASGITransport(app=hubspot.app)
        ),
    )
    refresh, access = hubspot.grant_tokens()
    async with services.store.transaction() as tx:
        await tx.installs.save(
            PORTAL_ID,
            access_token=access,
            refresh_token=refresh,
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
            scopes=hubspot.required_scopes,
        )
        connection = await tx.connections.add(
            PORTAL_ID,
            account_id=ns_seed.ACCOUNT_ID,
            label="Sandbox",
            auth_kind="tba",
            credentials={"token_id": ns_seed.TOKEN_ID, "token_secret": ns_seed.TOKEN_SECRET},
            rest_base_url=ns_seed.REST_BASE_URL,
            restlet_url=ns_seed.RESTLET_URL,
            app_base_url=ns_seed.APP_BASE_URL,
        )
        order_id = 10_000
        for rep in range(reps):
            for _ in range(orders_per_deal):
                order_id += 1
                netsuite.db.execute(NEW_ORDER, (order_id, f"SO{order_id}"))
                await tx.links.link(
                    PORTAL_ID,
                    deal_id=str(100_000 + rep),
                    connection_id=connection.id,
                    netsuite_id=str(order_id),
                    created_via="linked",
                )
    netsuite.latency = latency
    app = create_app(settings, services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=settings.public_base_url
    ) as http:
        client = SignedClient(http, secret=SECRET, portal_id=PORTAL_ID, app_id="424242")
        netsuite.requests.clear()

        async def load(rep: int) -> tuple[float, bool]:
            started = time.perf_counter()
            response = await client.get(f"/api/v1/deals/{100_000 + rep}/sales-orders")
            assert response.status_code == 200, response.text
            body = response.json()
            assert len(body["orders"]) == orders_per_deal
            return time.perf_counter() - started, body["stale"] is not None

        results = await asyncio.gather(*(load(rep) for rep in range(reps)))
        requests_during = len(netsuite.requests)
    await services.aclose()
    times = [t for t, _ in results]
    stale = sum(1 for _, s in results if s)
    return (
        f"{orders_per_deal:>3} orders/deal, {reps} reps: p50 {statistics.median(times) * 1000:6.0f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:6.0f} ms, stale {stale}/{reps}, "
        f"NetSuite requests {requests_during} (≤1 per card load)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        for count in (1, 10, 50):
            print(await run(count, args.reps, args.latency, Path(workdir)))
        alone = await run(10, 1, args.latency, Path(workdir))
        print(alone.replace("reps", "rep (alone)"))


if __name__ == "__main__":
    asyncio.run(main())
