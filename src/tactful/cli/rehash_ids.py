"""``tactful rehash-ids``: take DIDs and account names out of ids stored before they were hashed."""

from __future__ import annotations

import typer

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli._privacy import ActorOption, DevOption, actor_name, keyring_for
from tactful.cli.output import console, print_json
from tactful.privacy.rehash_ids import rehash_ids


def register(app: typer.Typer) -> None:
    @app.command("rehash-ids")
    def rehash(
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
        actor: ActorOption = None,
        dev: DevOption = False,
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Rewrite post, reply and thread ids that still hold a DID or an account name (once, after
        upgrading); audited."""
        logs_to_stderr()
        keyring = keyring_for(config, dev)
        with open_existing_store(database_url(config, db)) as store:
            counts = rehash_ids(store.engine, keyring, actor=actor_name(actor))
        if as_json:
            print_json(counts)
        else:
            console.print(
                f"rewrote {counts['posts']:,} posts and {counts['threads']:,} inbox threads; "
                f"{counts['merged']:,} raw duplicates of stored posts erased",
                highlight=False,
            )
