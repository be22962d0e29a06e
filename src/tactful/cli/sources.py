"""``tactful sources status``: each live source's state, last event, lag, errors and cursor."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, database_url_for, logs_to_stderr
from tactful.cli.output import console, print_json
from tactful.config import load_config
from tactful.engines.local import build_stages, pipeline_for
from tactful.records import to_dict
from tactful.sources import builtin  # noqa: F401 - registers the live source types
from tactful.sources.backfill import BackfillQuery, BackfillSource, run_backfill
from tactful.sources.listen import build_sources
from tactful.sources.live import Link
from tactful.sources.status import SourceStatus, source_status
from tactful.store import open_store

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
NameArg = Annotated[str, typer.Argument(help="A configured jetstream or mastodon source.")]
QueryOpt = Annotated[
    str | None, typer.Option("--query", "-q", help="Search text (Mastodon: hashtag timelines when omitted).")
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Bluesky: ISO 8601 time; Mastodon: a status id.")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Bluesky: ISO 8601 time; Mastodon: a status id.")
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Bluesky: only posts in this language.")]
PagesOpt = Annotated[int, typer.Option("--pages", help="At most this many result pages.")]


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Live sources: connector health and backfill.", no_args_is_help=True)
    app.add_typer(group, name="sources")

    @group.command("status")
    def status(config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None, as_json: JsonOpt = False) -> None:
        """Show each configured live source's health; exit 1 when any needs attention."""
        logs_to_stderr()
        settings = load_config(config)
        with open_store(database_url_for(settings, db)) as store:
            statuses = source_status(settings, store)
        if as_json:
            print_json([_as_dict(s) for s in statuses])
        else:
            console.print(_table(statuses))
        if any(s.alert for s in statuses):
            raise typer.Exit(1)

    @group.command("backfill")
    def backfill(
        name: NameArg,
        query: QueryOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        lang: LangOpt = None,
        pages: PagesOpt = 10,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Fetch the recent past from a network's search API through the full pipeline."""
        logs_to_stderr()
        settings = load_config(config)
        source = build_sources(settings, [name])[0]
        records = run_backfill(source, BackfillQuery(query, since, until, lang, pages), Link())
        backfill_source = BackfillSource(source.platform, records, name)
        with open_store(database_url_for(settings, db)) as store:
            pipeline = pipeline_for(backfill_source, build_stages(settings, store=store))
            report = pipeline.run(backfill_source.read(), store)
        console.print(
            f"{name}: {report.read} read, {report.stored} stored, {report.duplicate} duplicate, "
            f"{report.not_matched} not matching, {report.rejected} quarantined",
            highlight=False,
        )


def _as_dict(status: SourceStatus) -> dict[str, Any]:
    health = to_dict(status.health) if status.health is not None else None
    lag = status.health.lag_seconds() if status.health is not None else None
    return {
        "name": status.name,
        "type": status.type,
        "state": status.state,
        "alert": status.alert,
        "lag_seconds": lag,
        "cursor": status.cursor,
        "health": health,
    }


def _table(statuses: list[SourceStatus]) -> Table:
    table = Table("source", "type", "state", "last event", "lag (s)", "events", "errors", "last error")
    for s in statuses:
        h = s.health
        last = h.last_event_at.isoformat(timespec="seconds") if h and h.last_event_at else "-"
        lag = h.lag_seconds() if h else None
        state = f"[bold red]{s.state}[/]" if s.alert else s.state
        table.add_row(
            s.name,
            s.type,
            state,
            last,
            f"{lag:.1f}" if lag is not None else "-",
            str(h.events if h else 0),
            str(h.errors if h else 0),
            (h.last_error if h else "") or "-",
        )
    return table
