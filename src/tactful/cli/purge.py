"""``tactful purge [--now ISO]``: apply the retention limits in ``[retention]``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url_for,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli.output import console, print_json
from tactful.config import load_config
from tactful.errors import UsageError
from tactful.privacy.purge import purge as purge_store


def register(app: typer.Typer) -> None:
    @app.command()
    def purge(
        now: Annotated[
            str | None, typer.Option("--now", help="Purge as of this ISO 8601 time (default: now).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Blank old post text, delete expired sealed contacts, inbox items and audit entries."""
        logs_to_stderr()
        settings = load_config(config)
        with open_existing_store(database_url_for(settings, db)) as store:
            counts = purge_store(store.engine, settings.retention, now=parse_now(now))
        if as_json:
            print_json(counts)
            return
        for kind, n in counts.items():
            console.print(f"{kind}: {n:,}", highlight=False)


def parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now {value!r} is not an ISO 8601 time (e.g. 2026-12-01T00:00:00Z)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
