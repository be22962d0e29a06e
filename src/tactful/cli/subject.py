"""``tactful subject export|erase --platform P --handle H``: data-subject requests, audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli._privacy import (
    AccountIdOption,
    ActorOption,
    DevOption,
    HandleOption,
    PlatformOption,
    actor_name,
    keyring_for,
)
from tactful.cli.output import console, print_json
from tactful.privacy.subject import erase_subject, export_subject


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Data-subject requests: export or erase what is held about a person.", no_args_is_help=True
    )
    app.add_typer(group, name="subject")

    @group.command("export")
    def export(
        platform: PlatformOption,
        handle: HandleOption = None,
        account_id: AccountIdOption = None,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="Write the JSON here (default: standard output)."),
        ] = None,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
        actor: ActorOption = None,
        dev: DevOption = False,
    ) -> None:
        """Everything held about a person as JSON: what, when, and why it was kept."""
        logs_to_stderr()
        keyring = keyring_for(config, dev)
        with open_existing_store(database_url(config, db)) as store:
            report = export_subject(
                store.engine,
                keyring,
                platform=platform,
                handle=handle,
                account_id=account_id,
                actor=actor_name(actor),
            )
        if output is None:
            print_json(report)
            return
        output.write_text(
            json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
        )
        console.print(f"wrote {output}", highlight=False)

    @group.command("erase")
    def erase(
        platform: PlatformOption,
        handle: HandleOption = None,
        account_id: AccountIdOption = None,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
        actor: ActorOption = None,
        dev: DevOption = False,
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Delete everything held about a person and report the counts, per table."""
        logs_to_stderr()
        keyring = keyring_for(config, dev)
        with open_existing_store(database_url(config, db)) as store:
            counts = erase_subject(
                store.engine,
                keyring,
                platform=platform,
                handle=handle,
                account_id=account_id,
                actor=actor_name(actor),
            )
        if as_json:
            print_json({"erased": counts})
            return
        for table, n in sorted(counts.items()):
            console.print(f"{table}: {n:,}", highlight=False)
