"""Client overhead per SuiteQL call against the in-process NetSuite sandbox.

Rows: TBA signing alone; raw httpx (signed, so the sandbox accepts it) posting SuiteQL; the same query
through NetSuiteClient.suiteql (governor, error mapping, metrics); and NetSuiteClient.currencies()
(plus pydantic models). The difference between rows is what our code adds to each call.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

import httpx

from server.netsuite.auth import TbaAuth
from server.netsuite.client import NetSuiteClient
from server.netsuite.governor import Governor
from server.sandbox.netsuite import seed
from server.sandbox.netsuite.app import NetSuiteSandbox

CALLS = 500
QUERY = "SELECT id, symbol, name, isbasecurrency FROM currency ORDER BY symbol"


def tba() -> TbaAuth:
    return TbaAuth(
        account_id=seed.ACCOUNT_ID,
        consumer_key=seed.CONSUMER_KEY,
        consumer_secret=seed.CONSUMER_SECRET,
        token_id=seed.TOKEN_ID,
        token_secret=seed.TOKEN_SECRET,
    )


async def measure(call: Callable[[], Awaitable[object]], calls: int = CALLS) -> list[float]:
    for _ in range(20):  # warm up connections, caches and the sandbox's SQLite
        await call()
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(name: str, samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return f"{name:<44} {cuts[49]:>9.3f} {cuts[94]:>9.3f} {statistics.fmean(samples):>9.3f}"


async def main() -> None:
    sandbox = NetSuiteSandbox()
    url = f"{seed.REST_BASE_URL}/services/rest/query/v1/suiteql"
    auth = tba()
    signing_url = httpx.URL(url, params={"limit": "1000", "offset": "0"})

    async def sign_only() -> None:
        auth.authorization("POST", signing_url)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app), auth=tba()) as http:
        client = NetSuiteClient(
            http, governor=Governor(4), account_id=seed.ACCOUNT_ID, rest_base_url=seed.REST_BASE_URL,
            restlet_url=seed.RESTLET_URL, app_base_url=seed.APP_BASE_URL,
        )  # fmt: skip

        async def raw() -> None:
            response = await http.post(
                url, params={"limit": "1000", "offset": "0"}, json={"q": QUERY, "params": []},
                headers={"Prefer": "transient"},
            )  # fmt: skip
            response.raise_for_status()
            response.json()

        async def through_client() -> None:
            await client.suiteql(QUERY)

        async def typed() -> None:
            await client.currencies()

        results = [
            ("TBA signature only", await measure(sign_only)),
            ("raw httpx + TBA -> sandbox", await measure(raw)),
            ("NetSuiteClient.suiteql (governor, mapping)", await measure(through_client)),
            ("NetSuiteClient.currencies (+ pydantic)", await measure(typed)),
        ]
    print(f"{CALLS} sequential calls per row, milliseconds per call")
    print(f"{'path':<44} {'p50':>9} {'p95':>9} {'mean':>9}")
    for name, samples in results:
        print(row(name, samples))
    raw_p50 = statistics.median(results[1][1])
    client_p50 = statistics.median(results[2][1])
    print(f"client overhead over raw httpx (p50): {client_p50 - raw_p50:+.3f} ms per call")


if __name__ == "__main__":
    asyncio.run(main())
