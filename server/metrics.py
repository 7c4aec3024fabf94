"""Prometheus metrics: request latency by route, and vendor calls by operation and outcome."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

registry = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "salesorders_http_request_seconds",
    "Time to answer an HTTP request, by route template and status class.",
    ["method", "route", "status"],
    registry=registry,
)
VENDOR_CALLS = Counter(
    "salesorders_vendor_calls_total",
    "Calls to NetSuite and HubSpot, by vendor, operation and outcome.",
    ["vendor", "operation", "outcome"],
    registry=registry,
)
VENDOR_SECONDS = Histogram(
    "salesorders_vendor_call_seconds",
    "Latency of calls to NetSuite and HubSpot, by vendor and operation.",
    ["vendor", "operation"],
    registry=registry,
)


def render() -> bytes:
    return generate_latest(registry)
