"""``tactful users add|list|token``: people who sign in to the web app, and API tokens for machines."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, database_url, logs_to_stderr
from tactful.cli.output import console, print_json
from tactful.errors import UsageError
from tactful.store import open_store
from tactful.web.users import ROLES, add_user, issue_token, list_users

PASSWORD_ENV = "TACTFUL_USER_PASSWORD"


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Web app users (roles: viewer, agent, privacy_officer, admin) and API tokens.",
        no_args_is_help=True,
    )
    app.add_typer(group, name="users")

    @group.command("add")
    def add(
        username: Annotated[str, typer.Argument(help="The sign-in name.")],
        role: Annotated[str, typer.Option("--role", help=f"One of: {', '.join(ROLES)}.")] = "viewer",
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Add a user; the password is read from TACTFUL_USER_PASSWORD or asked for (never a flag)."""
        logs_to_stderr()
        password = os.environ.get(PASSWORD_ENV) or _ask_password()
        with open_store(database_url(config, db)) as store:
            user = add_user(store.engine, username, password, role=role)
        console.print(f"added {user.role} {user.username}", highlight=False)

    @group.command("list")
    def list_(
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """The users and their roles."""
        logs_to_stderr()
        with open_store(database_url(config, db)) as store:
            found = list_users(store.engine)
        if as_json:
            print_json(found)
            return
        for u in found:
            console.print(
                f"{u['username']}\t{u['role']}{'  (disabled)' if u['disabled'] else ''}", highlight=False
            )

    @group.command("token")
    def token(
        username: Annotated[str, typer.Argument(help="Whose token it is.")],
        name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "api",
        days: Annotated[int, typer.Option("--days", min=1, max=366, help="Days until it expires.")] = 30,
        scope: Annotated[
            list[str] | None,
            typer.Option(
                "--scope", help="Limit to an area (insights, inbox, privacy, admin); repeat for more."
            ),
        ] = None,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Issue an API token (sent as 'Authorization: Bearer ...'); printed once, stored as a hash."""
        logs_to_stderr()
        with open_store(database_url(config, db)) as store:
            secret = issue_token(store.engine, username, name=name, days=days, scopes=scope or None)
        console.print(secret, highlight=False, soft_wrap=True)


def _ask_password() -> str:
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise UsageError("the passwords differ")
    return first
