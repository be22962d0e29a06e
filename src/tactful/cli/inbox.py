"""``tactful inbox list|show|claim|assign|note|reply|resolve|metrics``: the triage inbox, with ``--json``.

Every command first takes in new respond/route decisions from the store
(``Inbox.sync``). Who you are comes from ``--as``, else ``TACTFUL_AGENT``, else
your login name; it is recorded in the history and the audit log.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from rich.table import Table

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, logs_to_stderr, open_existing_store
from tactful.cli.output import console, console_err, print_json
from tactful.config import Config, load_config
from tactful.engage.conversation import Conversation
from tactful.engage.inbox import Inbox
from tactful.engage.metrics import MetricsRow, inbox_metrics
from tactful.engage.policy import build_policy
from tactful.engage.replies import Suggestion, first_name, load_templates, suggest
from tactful.engage.sending import SendSettings, find_connector, send_reply
from tactful.errors import ConfigError, NotFound, UsageError
from tactful.records import StoredPost, to_dict
from tactful.store import Store

if TYPE_CHECKING:
    from tactful.privacy.pseudonyms import Keyring

inbox_app = typer.Typer(
    help="The triage inbox: what the policy says to answer or route.", no_args_is_help=True
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AgentOption = Annotated[
    str | None,
    typer.Option(
        "--as", envvar="TACTFUL_AGENT", show_default=False, help="Who you are (default: your login name)."
    ),
]
IdArgument = Annotated[int, typer.Argument(help="The inbox item's number.")]


class Session:
    """The config (if any), the store and the inbox one command works with."""

    def __init__(self, config_path: Path, db: str | None) -> None:
        logs_to_stderr()
        self.config: Config | None = load_config(config_path) if config_path.exists() else None
        url = (
            db
            or os.environ.get("TACTFUL_DATABASE_URL")
            or (self.config.database_url() if self.config else None)
        )
        if url is None:
            raise UsageError("no database: pass --db, set TACTFUL_DATABASE_URL or write a tactful.toml")
        self.store: Store = open_existing_store(url)
        inbox_settings = self.config.inbox if self.config else None
        self.inbox = Inbox(
            self.store.engine,
            sla=inbox_settings.sla if inbox_settings else None,
            brand_handles=sorted(self.config.brand.all_handles()) if self.config else (),
        )
        self.inbox.sync()
        self._warn_about_policy(config_path)

    def _warn_about_policy(self, config_path: Path) -> None:
        if self.config is not None:
            for warning in build_policy(self.config.policy, source=str(config_path)).warnings:
                console_err.print(f"[bold yellow]warning:[/] {warning}", highlight=False)

    def send_settings(self) -> SendSettings:
        if self.config is None:
            return SendSettings()
        return SendSettings.from_config(self.config.inbox)

    def keyring(self) -> Keyring | None:
        """The installation keyring, to open the contact vault (reply targets, first names); None
        without a config or a secret (the vault then stays shut)."""
        if self.config is None:
            return None
        try:
            from tactful.privacy.pseudonyms import load_keyring

            return load_keyring(self.config.privacy.secret_env)
        except (ImportError, ConfigError):
            return None

    def suggestions(self, item: Conversation) -> list[Suggestion]:
        posts = [p for p in self.inbox.posts(item.id) if p.analysis is not None]
        if not posts:
            return []
        templates = load_templates(
            [t.model_dump() for t in self.config.inbox.templates] if self.config else None
        )
        brand = self.config.brand.name if self.config else "us"
        name = self.public_first_name(posts[-1], actor=_agent(None))
        return suggest(posts[-1], templates, brand=brand, team=item.team, first_name=name)

    def public_first_name(self, post: StoredPost, *, actor: str) -> str:
        """The author's public first name from the contact vault (audited), or '' when none is kept."""
        keyring = self.keyring()
        if keyring is None:
            return ""
        from tactful.privacy.contact_vault import open_card_for

        try:
            card = open_card_for(self.store.engine, keyring, post.key, actor=actor, why="reply.greeting")
        except NotFound:
            return ""
        return first_name(card.display_name, card.handle)


def _agent(agent: str | None) -> str:
    return agent or getpass.getuser()


@inbox_app.command("list")
def list_items(
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    team: Annotated[str | None, typer.Option(help="Only this team.")] = None,
    assignee: Annotated[str | None, typer.Option(help="Only items assigned to this person.")] = None,
    include_resolved: Annotated[bool, typer.Option("--all", help="Include resolved items.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """Open items, most urgent first, with their SLA state."""
    with _session(config, db) as session:
        items = session.inbox.items(
            status=status, team=team, assignee=assignee, include_resolved=include_resolved, limit=limit
        )
        rows = [(item, session.inbox.sla(item)) for item in items]
    if as_json:
        print_json([item.to_json(report) for item, report in rows])
        return
    table = Table(title=f"inbox: {len(rows)} items", title_justify="left")
    for column in ("#", "prio", "status", "team", "assignee", "1st reply", "opened (UTC)", "rule"):
        table.add_column(column, overflow="fold", min_width=len(column) if len(column) <= 6 else None)
    for item, report in rows:
        rule = next((r.removeprefix("rule.") for r in item.reasons if r.startswith("rule.")), "")
        table.add_row(
            str(item.id),
            str(item.priority),
            item.status,
            item.team or "",
            item.assignee or "",
            report.first_response,
            f"{item.opened_at:%m-%d %H:%M}",
            rule,
        )
    console.print(table)


@inbox_app.command("show")
def show(
    item_id: IdArgument,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """One item: its posts (redacted), decision, SLA, suggested replies, notes, replies and history."""
    with _session(config, db) as session:
        item = session.inbox.get(item_id)
        data = item.to_json(session.inbox.sla(item))
        data["posts"] = [
            {"platform_id": p.platform_id, "created_at": p.created_at.isoformat(), "text": p.text}
            for p in session.inbox.posts(item_id)
        ]
        data["suggested_replies"] = [asdict(s) for s in session.suggestions(item)]
        data["notes"] = [to_dict(n) for n in session.inbox.notes(item_id)]
        data["replies"] = [to_dict(r) for r in session.inbox.replies(item_id)]
        data["history"] = [to_dict(e) for e in session.inbox.history(item_id)]
    if as_json:
        print_json(data)
    else:
        _print_item(data)


def _print_item(data: dict[str, Any]) -> None:
    say = _say
    sla = data["sla"]
    say(
        f"#{data['id']} {data['status']}  priority {data['priority']}  team {data['team'] or '-'}  "
        f"assignee {data['assignee'] or '-'}"
    )
    say(
        f"SLA: first response {sla['first_response']}, next response {sla['next_response'] or '-'}, "
        f"resolution {sla['resolution']}"
    )
    say(f"why: {data['explanation']} [{', '.join(data['reasons'])}]")
    for post in data["posts"]:
        say(f"  {post['created_at'][:16]}  {post['text']}")
    for n, suggestion in enumerate(data["suggested_replies"], start=1):
        say(f"suggested reply {n} (edit before sending): {suggestion['text']}")
    for note in data["notes"]:
        say(f"note {note['at'][:16]} {note['author']}: {note['text']}")
    for reply in data["replies"]:
        say(f"reply {reply['at'][:16]} {reply['author']} via {reply['via']}: {reply['text']}")
    for event in data["history"]:
        say(f"  history {event['at'][:16]} {event['actor']} {event['kind']}")


@inbox_app.command("assign")
def assign(
    item: Annotated[
        str, typer.Argument(help="The item's number, or 'next' for the most urgent unowned one.")
    ],
    to: Annotated[str | None, typer.Option("--to", help="A person.")] = None,
    team: Annotated[
        str | None, typer.Option("--team", help="A team (moves the item; clears the person).")
    ] = None,
    agent: AgentOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """Assign an item to a person or a team; 'next' claims the most urgent unowned item for you."""
    with _session(config, db) as session:
        actor = _agent(agent)
        if item == "next":
            _claimed(session.inbox.claim_next(actor=to or actor, team=team), as_json)
            return
        found = session.inbox.assign(_number(item), actor=actor, person=to, team=team)
    _done(
        found.to_json(),
        as_json,
        f"#{found.id} is {found.status}, team {found.team or '-'}, assignee {found.assignee or '-'}",
    )


@inbox_app.command("claim")
def claim(
    team: Annotated[str | None, typer.Option("--team", help="Only this team's items.")] = None,
    agent: AgentOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """Take the most urgent unowned item for yourself; two agents claiming at once never get the same one."""
    with _session(config, db) as session:
        _claimed(session.inbox.claim_next(actor=_agent(agent), team=team), as_json)


def _claimed(found: Conversation | None, as_json: bool) -> None:
    if found is None:
        _done(None, as_json, "nothing to claim")
        return
    message = f"#{found.id} is {found.status}, team {found.team or '-'}, assignee {found.assignee or '-'}"
    _done(found.to_json(), as_json, message)


@inbox_app.command("note")
def note(
    item_id: IdArgument,
    text: Annotated[str, typer.Argument(help="The note (PII is masked).")],
    agent: AgentOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """Add an internal note; e-mails, phone numbers, handles and the like are masked before storing."""
    with _session(config, db) as session:
        added = session.inbox.note(item_id, text, actor=_agent(agent))
    _done(to_dict(added), as_json, f"note added: {added.text}")


@inbox_app.command("reply")
def reply(
    item_id: IdArgument,
    text: Annotated[
        str | None, typer.Argument(help="The reply; default: the chosen suggestion, edited.")
    ] = None,
    suggestion: Annotated[
        int | None, typer.Option("--suggestion", "-s", help="Start from suggestion N.")
    ] = None,
    confirm: Annotated[
        bool, typer.Option("--confirm", help="Post through the platform without asking.")
    ] = False,
    agent: AgentOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """Record a reply; where a connector can post it, it is posted only after confirmation."""
    with _session(config, db) as session:
        item = session.inbox.get(item_id)
        body = text or _edited_suggestion(session, item, suggestion)
        connector = find_connector(item.platform, session.send_settings())
        confirmed = confirm or (
            connector is not None and _ask(f"Post this reply publicly on {item.platform}?")
        )
        sent = send_reply(
            session.inbox,
            item_id,
            body,
            actor=_agent(agent),
            settings=session.send_settings(),
            connector=connector,
            confirmed=confirmed,
            keyring=session.keyring() if connector is not None else None,
        )
    how = "posted" if sent.via != "manual" else "recorded as sent by hand (post it yourself)"
    _done(to_dict(sent), as_json, f"reply {how}")


def _edited_suggestion(session: Session, item: Conversation, number: int | None) -> str:
    suggestions = session.suggestions(item)
    if number is None or not 1 <= number <= len(suggestions):
        raise UsageError(f"give the reply text, or --suggestion 1..{len(suggestions)}")
    draft = suggestions[number - 1].text
    if not sys.stdin.isatty():
        raise UsageError("a suggestion is edited before sending: run in a terminal, or pass the text")
    edited = click.edit(draft)
    return (edited or "").strip()


def _ask(question: str) -> bool:
    return sys.stdin.isatty() and typer.confirm(question, default=False)


@inbox_app.command("resolve")
def resolve(
    item_id: IdArgument,
    agent: AgentOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = DEFAULT_CONFIG,
    db: DbOption = None,
) -> None:
    """Mark an item resolved (a later customer post reopens it)."""
    with _session(config, db) as session:
        done = session.inbox.resolve(item_id, actor=_agent(agent))
    _done(done.to_json(), as_json, f"#{done.id} resolved")


@inbox_app.command("metrics")
def metrics(as_json: JsonOption = False, config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None) -> None:
    """First-response time (median, p90), resolution rate and SLA breaches, per team and per day."""
    with _session(config, db) as session:
        result = inbox_metrics(session.inbox.all(), session.inbox.sla_policy, session.inbox.now())
    if as_json:
        print_json(asdict(result))
        return
    table = Table(title="inbox metrics", title_justify="left")
    for column in (
        "",
        "items",
        "answered",
        "first response median (min)",
        "p90 (min)",
        "resolved",
        "breaches",
    ):
        table.add_column(column)
    for row in [result.overall, *result.by_team, *result.by_day]:
        table.add_row(*_metrics_cells(row))
    console.print(table)


def _metrics_cells(row: MetricsRow) -> list[str]:
    def minutes(value: float | None) -> str:
        return "-" if value is None else f"{value:,.1f}"

    return [
        row.key,
        str(row.conversations),
        str(row.answered),
        minutes(row.first_response_median_minutes),
        minutes(row.first_response_p90_minutes),
        f"{row.resolution_rate:.0%}",
        str(row.breaches),
    ]


class _session:  # noqa: N801  (used as a context manager, reads like a function)
    def __init__(self, config: Path, db: str | None) -> None:
        self.session = Session(config, db)

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *exc: object) -> None:
        self.session.store.close()


def _number(value: str) -> int:
    if not value.isdigit():
        raise UsageError(f"{value!r} is not an item number (or 'next')")
    return int(value)


def _done(data: Any, as_json: bool, message: str) -> None:
    if as_json:
        print_json(data)
    else:
        _say(message)


def _say(line: str) -> None:
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(inbox_app, name="inbox")
