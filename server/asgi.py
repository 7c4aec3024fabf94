"""The ASGI entry point for `salesorders serve` (uvicorn imports it in each worker)."""

from __future__ import annotations

from server.app import create_app
from server.config import load_settings

app = create_app(load_settings())
