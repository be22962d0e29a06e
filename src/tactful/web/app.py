"""The web app: ``create_app(config, store, dev=False)`` and the secret it signs sessions with.

    app = create_app(load_config("tactful.toml"), open_store(url))   # needs TACTFUL_WEB_SECRET
    uvicorn.run(app, host="127.0.0.1", port=8000)

Outside ``dev`` there is no default secret: without ``TACTFUL_WEB_SECRET`` (at
least 32 characters) the app refuses to start, and the session cookie is
``Secure`` (HTTPS only). In ``dev`` a random secret is made per process.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from tactful import __version__
from tactful.config import Config
from tactful.errors import ConfigError
from tactful.store import Store

if TYPE_CHECKING:
    from tactful.pipeline import Pipeline
from tactful.web import api, events, pages
from tactful.web.context import WebContext
from tactful.web.errors import install_error_handlers
from tactful.web.ratelimit import FailureLimiter

SECRET_ENV = "TACTFUL_WEB_SECRET"
MIN_SECRET_LENGTH = 32
SESSION_COOKIE = "tactful_session"
SESSION_HOURS = 12
STATIC = Path(__file__).parent / "static"


def create_app(
    config: Config,
    store: Store,
    *,
    dev: bool = False,
    environ: Mapping[str, str] | None = None,
    limiter: FailureLimiter | None = None,
) -> FastAPI:
    """``limiter``: failed sign-ins and tokens (``web/ratelimit.py``); tests pass one with their own clock."""
    secret = session_secret(environ, dev=dev)
    app = FastAPI(
        title="tactful",
        version=__version__,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        description="Social listening people can trust: insights, inbox, privacy.",
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=not dev,
    )
    app.state.web = WebContext(
        config, store, dev=dev, limiter=limiter or FailureLimiter(b"tactful-throttle:" + secret.encode())
    )
    app.state.store = store
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(events.router)
    app.include_router(pages.router)
    _mount_webhook(app, config, store)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def session_secret(environ: Mapping[str, str] | None = None, *, dev: bool = False) -> str:
    secret = (os.environ if environ is None else environ).get(SECRET_ENV, "")
    if secret:
        if len(secret) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"{SECRET_ENV} is too short: use at least {MIN_SECRET_LENGTH} random characters"
            )
        return secret
    if dev:
        return secrets.token_urlsafe(32)  # sessions do not survive a restart in dev, on purpose
    raise ConfigError(
        f"no web secret: set {SECRET_ENV} (e.g. `python -c 'import secrets; "
        f"print(secrets.token_urlsafe(32))'`), or run with --dev on your own machine"
    )


def _mount_webhook(app: FastAPI, config: Config, store: Store) -> None:
    """The live branch's signed webhook intake (``web/webhook.py``), through the full pipeline."""
    from tactful.web.webhook import webhook_router

    if any(table.get("type") == "webhook" for table in config.sources.values()):
        app.include_router(
            webhook_router(
                config,
                store,
                lambda source: cast("Pipeline", _LazyPipeline(lambda: app.state.web.config, store, source)),
            )
        )


class _LazyPipeline:
    """Builds the pipeline (models, keyring) on the first pushed batch, not when the app starts.

    Built again when the app's config changes (queries saved from the settings page).
    """

    def __init__(self, config: Callable[[], Config], store: Store, source: Any) -> None:
        self._config, self._store, self._source = config, store, source
        self._built_for: Config | None = None
        self._pipeline: Any = None

    def process(self, records: Any) -> Any:
        config = self._config()
        if self._pipeline is None or config is not self._built_for:
            from tactful.engines.local import build_stages, pipeline_for

            self._pipeline = pipeline_for(self._source, build_stages(config, store=self._store, live=True))
            self._built_for = config
        return self._pipeline.process(records)
