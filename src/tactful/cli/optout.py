"""``tactful optout add --platform P --handle H``: erase a person and stop listening to them."""

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
from tactful.privacy.identity import identity_hashes
from tactful.privacy.optouts import load_opted_out, opt_out


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="The opt-out registry: people tactful no longer listens to.", no_args_is_help=True
    )
    app.add_typer(group, name="optout")

    @group.command("add")
    def add(
        platform: PlatformOption,
        handle: HandleOption = None,
        account_id: AccountIdOption = None,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
        actor: ActorOption = None,
        dev: DevOption = False,
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Erase everything held about a person, and withhold their future posts before storage."""
        logs_to_stderr()
        hashes = identity_hashes(keyring_for(config, dev), platform, handle=handle, account_id=account_id)
        with open_existing_store(database_url(config, db)) as store:
            counts = opt_out(store.engine, hashes, via="cli", actor=actor_name(actor))
        if as_json:
            print_json({"opted_out": True, "erased": counts})
        else:
            console.print(
                f"opted out; erased {counts.get('posts', 0):,} posts ({sum(counts.values()):,} rows in all)",
                highlight=False,
            )

    @group.command("count")
    def count(config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None) -> None:
        """How many keyed hashes the registry holds (nothing else is kept)."""
        logs_to_stderr()
        with open_existing_store(database_url(config, db)) as store:
            console.print(f"{len(load_opted_out(store.engine)):,} keyed hashes", highlight=False)
