"""``tactful audit verify|list``: check the audit log's hash chain, read its entries."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
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
from tactful.cli.output import console, console_err, print_json
from tactful.privacy.audit import AuditLog


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The append-only, hash-chained audit log.", no_args_is_help=True)
    app.add_typer(group, name="audit")

    @group.command("verify")
    def verify(config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None) -> None:
        """Check every entry's hash and link; exit 1 naming the first problem."""
        logs_to_stderr()
        with open_existing_store(database_url(config, db)) as store:
            log = AuditLog(store.engine)
            check, head = log.verify(), log.head()
        if not check.ok:
            console_err.print(f"audit log tampered: {check.problem}", highlight=False)
            sys.exit(1)  # SystemExit reaches the exit status; typer.Exit is swallowed outside standalone mode
        console.print(f"audit log intact: {check.checked:,} entries, head {head.hash[:16]}", highlight=False)

    @group.command("list")
    def list_entries(
        limit: Annotated[int, typer.Option("--limit", min=1, help="Show the newest N entries.")] = 50,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """The newest entries, oldest first: seq, time, actor, action, target, detail (tab-separated)."""
        logs_to_stderr()
        with open_existing_store(database_url(config, db)) as store:
            log = AuditLog(store.engine)
            entries = list(log.entries(after=log.head().seq - limit))
        if as_json:
            print_json([asdict(e) for e in entries])
            return
        for e in entries:
            detail = json.dumps(e.detail, sort_keys=True, separators=(",", ":"))
            console.print(
                f"{e.seq}\t{e.at}\t{e.actor}\t{e.action}\t{e.target}\t{detail}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
