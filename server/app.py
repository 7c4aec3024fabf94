"""create_app(settings, services=None): the Starlette application and its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware

from server.config import Settings
from server.errors import AppError, app_error_handler, unexpected_error_handler
from server.services import Services, build_services
from server.web import preview
from server.web.middleware import RequestContextMiddleware
from server.web.routes import all_routes
from server.workflow.wiring import workflow_deps
from server.workflow.worker import running_worker


def create_app(settings: Settings, services: Services | None = None) -> Starlette:
    """Build the app; when services are given (tests) they are used as they are and not closed."""
    owned = services is None
    resolved = services or build_services(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.services = resolved
        try:
            deps = workflow_deps(resolved)
            async with running_worker(app, resolved.store, deps, resolved.hubspot):
                yield
        finally:
            if owned:
                await resolved.aclose()

    app = Starlette(
        # The preview page and its HubSpot-signing proxy exist only in the demo.
        routes=[*all_routes(), *(preview.routes() if settings.demo else [])],
        middleware=[Middleware(RequestContextMiddleware)],
        exception_handlers={AppError: app_error_handler, Exception: unexpected_error_handler},
        lifespan=lifespan,
    )
    app.state.services = resolved
    return app
