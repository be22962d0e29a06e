"""``tactful insights timeseries|sov|drivers|topics|spikes|breakdown|alerts``: dashboard figures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import sqlalchemy as sa
import typer
from rich.table import Table

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli.output import console, print_json
from tactful.errors import UsageError
from tactful.insights import aggregates, alerts, breakdown, delivery, emerging
from tactful.insights.buckets import INTERVALS
from tactful.insights.filters import BRAND, Filters, as_tuple
from tactful.insights.spikes import SpikeSettings

FromOption = Annotated[
    str | None, typer.Option("--from", help="Start (inclusive): YYYY-MM-DD or ISO time, UTC.")
]
ToOption = Annotated[str | None, typer.Option("--to", help="End (exclusive): YYYY-MM-DD or ISO time, UTC.")]
GroupOption = Annotated[list[str] | None, typer.Option("--group", "-g", help="Query group (repeatable).")]
PlatformOption = Annotated[list[str] | None, typer.Option("--platform", "-p", help="Platform (repeatable).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
WEBHOOK_SECRET_ENV = "TACTFUL_ALERT_WEBHOOK_SECRET"


def parse_time(value: str | None, flag: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date (YYYY-MM-DD) or an ISO time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def make_filters(
    since: str | None, until: str | None, groups: list[str] | None = None, platforms: list[str] | None = None
) -> Filters:
    filters = Filters(
        parse_time(since, "--from"), parse_time(until, "--to"), as_tuple(groups), as_tuple(platforms)
    )
    if filters.since and filters.until and filters.since >= filters.until:
        raise UsageError("--from must be before --to")
    return filters


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _net(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def register(app: typer.Typer) -> None:
    insights = typer.Typer(
        help="Dashboard figures: time series, share of voice, drivers, topics, spikes.", no_args_is_help=True
    )
    app.add_typer(insights, name="insights")

    @insights.command("timeseries")
    def timeseries_command(
        since: FromOption = None,
        until: ToOption = None,
        group: GroupOption = None,
        platform: PlatformOption = None,
        interval: Annotated[str, typer.Option(help=f"One of {', '.join(INTERVALS)}.")] = "day",
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Volume, sentiment shares, net sentiment and intent mix per bucket and query group."""
        filters = make_filters(since, until, group, platform)
        with _connect(config, db) as conn:
            points = aggregates.timeseries(conn, filters, interval)  # type: ignore[arg-type]
        if as_json:
            print_json([p.to_dict() for p in points])
            return
        table = _table(
            f"posts per {interval}", "start", "group", "posts", "positive", "negative", "net", "top intent"
        )
        for p in points:
            top = max(p.intent.items(), key=lambda kv: kv[1])[0] if p.intent else "-"
            table.add_row(
                p.start.strftime("%Y-%m-%d %H:00" if interval == "hour" else "%Y-%m-%d"),
                p.group,
                f"{p.posts:,}",
                _percent(p.sentiment_share("positive")),
                _percent(p.sentiment_share("negative")),
                _net(p.net_sentiment),
                top,
            )
        console.print(table)

    @insights.command("sov")
    def sov_command(
        since: FromOption = None,
        until: ToOption = None,
        platform: PlatformOption = None,
        brand: Annotated[str, typer.Option(help="The brand's query group.")] = BRAND,
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Share of voice: the brand against each competitor:* group, overall and by sentiment."""
        filters = make_filters(since, until, None, platform)
        with _connect(config, db) as conn:
            voices = aggregates.share_of_voice(conn, filters, brand)
        if as_json:
            print_json([v.to_dict() for v in voices])
            return
        table = _table("share of voice", "group", "posts", "share", "of positive", "of negative", "net")
        for v in voices:
            table.add_row(
                v.group,
                f"{v.posts:,}",
                _percent(v.share),
                _percent(v.sentiment_share["positive"]),
                _percent(v.sentiment_share["negative"]),
                _net(v.net_sentiment),
            )
        console.print(table)

    @insights.command("drivers")
    def drivers_command(
        since: FromOption = None,
        until: ToOption = None,
        brand: Annotated[str, typer.Option(help="The brand's query group.")] = BRAND,
        limit: int = 10,
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Complaint drivers: aspects x sentiment for the brand, against the period before, with examples."""
        filters = make_filters(since, until)
        with _connect(config, db) as conn:
            found = aggregates.drivers(conn, filters, brand=brand, limit=limit)
        if as_json:
            print_json([d.to_dict() for d in found])
            return
        table = _table("complaint drivers", "aspect", "negative", "change", "negative share", "example")
        for d in found:
            example = d.examples[0].text[:80] if d.examples else ""
            table.add_row(d.aspect, f"{d.negative:,}", f"{d.change:+,}", _percent(d.negative_share), example)
        console.print(table)

    @insights.command("topics")
    def topics_command(
        since: FromOption = None,
        until: ToOption = None,
        group: GroupOption = None,
        platform: PlatformOption = None,
        limit: int = 10,
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Emerging topics: phrases new or growing this period against the four periods before."""
        filters = make_filters(since, until, group, platform)
        if filters.since is None or filters.until is None:
            raise UsageError("topics need --from and --to (the period to compare with the ones before)")
        with _connect(config, db) as conn:
            found = emerging.topics(conn, filters, limit=limit)
        if as_json:
            print_json([t.to_dict() for t in found])
            return
        table = _table("emerging topics", "phrase", "posts", "before", "net sentiment", "example")
        for t in found:
            example = t.examples[0].text[:80] if t.examples else ""
            table.add_row(
                t.topic.phrase,
                str(t.topic.current),
                str(t.topic.baseline),
                _net(t.topic.net_sentiment),
                example,
            )
        console.print(table)

    @insights.command("spikes")
    def spikes_command(
        since: FromOption = None,
        until: ToOption = None,
        group: Annotated[str, typer.Option("--group", "-g", help="Query group.")] = BRAND,
        platform: PlatformOption = None,
        baseline: Annotated[int, typer.Option(help="Hours of baseline before each hour.")] = 12,
        sensitivity: Annotated[float, typer.Option(help="Standard deviations above the baseline.")] = 3.0,
        cooldown: Annotated[int, typer.Option(help="Hours before the same kind is raised again.")] = 6,
        min_volume: Annotated[int, typer.Option(help="Ignore hours with fewer posts.")] = 10,
        record: Annotated[bool, typer.Option("--record", help="Store new alerts and deliver them.")] = False,
        webhook: Annotated[
            str | None, typer.Option(help=f"POST new alerts here, signed with ${WEBHOOK_SECRET_ENV}.")
        ] = None,
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Spike alerts: hours whose volume or negative share stands out from the hours before."""
        logs_to_stderr()
        filters = make_filters(since, until, None, platform)
        settings = SpikeSettings(baseline, sensitivity, cooldown, min_volume)
        with open_existing_store(database_url(config, db)) as store:
            with store.engine.connect() as conn:
                found = alerts.find_spikes(conn, filters, settings, group=group)
            if record:
                secret = os.environ.get(WEBHOOK_SECRET_ENV, "").encode() or None
                delivery.deliver(
                    alerts.record_alerts(store.engine, found), webhook_url=webhook, secret=secret
                )
        if as_json:
            print_json([a.to_dict() for a in found])
            return
        table = _table(f"spikes in {group}", "hour (UTC)", "kind", "observed", "expected", "sd", "top terms")
        for a in found:
            s = a.spike
            table.add_row(
                s.start.strftime("%Y-%m-%d %H:00"),
                s.kind,
                _figure(s.kind, s.observed),
                _figure(s.kind, s.expected),
                f"{s.zscore:.1f}",
                ", ".join(a.terms[:3]),
            )
        console.print(table)

    @insights.command("breakdown")
    def breakdown_command(
        since: FromOption = None,
        until: ToOption = None,
        group: GroupOption = None,
        platform: PlatformOption = None,
        by: Annotated[list[str] | None, typer.Option(help="lang, platform (repeatable).")] = None,
        k: Annotated[int, typer.Option("--k", "-k", help="Hide cells with fewer distinct authors.")] = 10,
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Posts by author attributes, small cells suppressed, sensitive-category posts left out."""
        dims = tuple(by or ["lang"])
        filters = make_filters(since, until, group, platform)
        with _connect(config, db) as conn:
            rows = breakdown.to_rows(breakdown.breakdown(conn, filters, dims, k=k), dims)
        if as_json:
            print_json(rows)
            return
        table = _table(
            f"posts by {' x '.join(dims)} (cells under {k} authors hidden)", *dims, "posts", "authors"
        )
        for row in rows:
            shown = (
                ("hidden", "hidden") if row["suppressed"] else (f"{row['posts']:,}", f"{row['authors']:,}")
            )
            table.add_row(*[str(row[d]) for d in dims], *shown)
        console.print(table)

    @insights.command("alerts")
    def alerts_command(
        limit: int = 20,
        as_json: JsonOption = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """The stored alerts, newest first (what the dashboard shows)."""
        with _connect(config, db) as conn:
            rows = alerts.stored_alerts(conn, limit=limit)
        if as_json:
            print_json(rows)
            return
        table = _table("alerts", "hour (UTC)", "group", "kind", "summary")
        for row in rows:
            table.add_row(
                row["bucket_start"].strftime("%Y-%m-%d %H:00"),
                row["query_group"],
                row["kind"],
                row["summary"],
            )
        console.print(table)


def _figure(kind: str, value: float) -> str:
    return f"{value:.0%}" if kind == "negative_share" else f"{value:,.0f}"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    return table


@contextmanager
def _connect(config: Path, db: str | None) -> Iterator[sa.Connection]:
    """An open connection to an existing store, closed with it."""
    logs_to_stderr()
    with open_existing_store(database_url(config, db)) as store, store.engine.connect() as conn:
        yield conn
