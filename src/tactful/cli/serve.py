"""``tactful serve``: the web app (dashboard, inbox, privacy center, API) with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, database_url_for, open_existing_store
from tactful.cli.output import console
from tactful.config import load_config

HostOption = Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
DevOption = Annotated[
    bool,
    typer.Option(
        "--dev",
        help="Development mode: a throwaway session secret, cookies "
        "over plain HTTP, the development pseudonym secret.",
    ),
]


def serve(
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    dev: DevOption = False,
) -> None:
    """Serve the web app. Outside --dev it needs TACTFUL_WEB_SECRET and HTTPS in front of it."""
    import uvicorn  # lazy: the rest of the CLI does not need the web stack

    from tactful.web.app import create_app, session_secret

    session_secret(dev=dev)  # refuse to start without a secret before opening anything
    settings = load_config(config)
    store = open_existing_store(database_url_for(settings, db))
    console.print(f"tactful web app on http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    uvicorn.run(create_app(settings, store, dev=dev), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)


__all__ = ["DEFAULT_CONFIG", "serve"]
