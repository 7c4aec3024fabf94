"""How a handler reaches the process's services (registered on app.state at start-up)."""

from __future__ import annotations

from starlette.requests import Request

from server.services import Services


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services
