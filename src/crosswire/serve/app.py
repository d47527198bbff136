"""The FastAPI application: JSON API under /api, web UI at /, OpenAPI at /openapi.json, docs at /docs.

``create_app(settings, store)`` is what ``crosswire serve`` runs under uvicorn. Reads are open (the server
binds 127.0.0.1 by default); writes need the bearer token. Errors are answered as
``{"error": {"code", "message"}}`` (an HTML page for browser routes), never with a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Settings, load_settings
from ..errors import CrosswireError, NotFound
from ..report.briefing import STATUS_LABELS, fmt_value, outlet_name
from ..store.base import Store
from .deps import ApiError

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _too_large(self.max_bytes)(scope, receive, send)
            return
        seen = 0
        exceeded = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    # stop reading: the app sees a disconnect (its handler never runs on a partial body)
                    # and whatever it answers is replaced by the 413 below
                    exceeded = True
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: Message) -> None:
            nonlocal replaced
            if exceeded:
                if not replaced and msg["type"] == "http.response.start":
                    replaced = True
                    await _too_large(self.max_bytes)(scope, receive, send)
                return
            await send(msg)

        await self.app(scope, limited_receive, guarded_send)


def _too_large(limit: int) -> Response:
    return _error(413, "too_large", f"request body larger than {limit} bytes (serve.max_body_bytes)")


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api", "/openapi", "/docs", "/static"))


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt_value"] = fmt_value
    env.filters["outlet"] = outlet_name
    env.globals["STATUS_LABELS"] = STATUS_LABELS
    return Jinja2Templates(env=env)


def _install_errors(app: FastAPI) -> None:
    def respond(request: Request, status: int, code: str, message: str,
                headers: dict[str, str] | None = None) -> Response:
        if _wants_html(request):
            return app.state.templates.TemplateResponse(
                request, "error.html", {"status": status, "code": code, "message": message}, status_code=status)
        return _error(status, code, message, headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, "not_found", exc.message)

    @app.exception_handler(CrosswireError)
    async def crosswire_error(request: Request, exc: CrosswireError) -> Response:
        log.warning("request failed: %s", exc)
        return respond(request, 400 if exc.exit_code == 2 else 500, type(exc).__name__.lower(), exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return respond(request, 422, "invalid_request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return respond(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "internal server error; see the server log")


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The crosswire web app. Without ``store``, opens ``settings.store.url`` at startup and closes it at shutdown."""
    settings = settings or load_settings()
    owns_store = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.store is None:
            from ..store import open_store

            app.state.store = open_store(settings.store.url)
        try:
            yield
        finally:
            if owns_store and app.state.store is not None:
                app.state.store.close()

    app = FastAPI(title="crosswire", version="1", lifespan=lifespan,
                  description="Events, facts with provenance and cross-checks of news coverage. "
                              "Reads are open; writes need `Authorization: Bearer <serve.token>` "
                              "(403 `writes_disabled` when no token is configured).")
    app.state.settings = settings
    app.state.store = store
    app.state.templates = _templates()
    _install_errors(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if isinstance(response, HTMLResponse) or response.headers.get("content-type", "").startswith("text/html"):
            if not request.url.path.startswith("/docs"):
                response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    app.add_middleware(BodyLimit, max_bytes=settings.serve.max_body_bytes)

    from .routes import articles, entities, events, facts, ingest, pages, search

    for mod in (ingest, articles, events, entities, facts, search, pages):
        app.include_router(mod.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/api/health", tags=["meta"], summary="Liveness and store URL scheme")
    def health() -> dict[str, str]:
        url = app.state.store.url if app.state.store is not None else ""
        return {"status": "ok", "store": url.split(":", 1)[0]}

    return app
