"""What the privacy commands share: who is acting, the installation keyring, naming a person."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated

import typer

from tactful.config import load_config
from tactful.privacy.pseudonyms import Keyring, load_keyring

ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        envvar="TACTFUL_ACTOR",
        show_default=False,
        help="Who is acting, for the audit log (default: cli:<your login>).",
    ),
]
PlatformOption = Annotated[str, typer.Option("--platform", help="The person's platform, e.g. bluesky.")]
HandleOption = Annotated[
    str | None,
    typer.Option(
        "--handle",
        show_default=False,
        help="Their handle (used only to compute keyed pseudonyms; never stored or logged).",
    ),
]
AccountIdOption = Annotated[
    str | None,
    typer.Option(
        "--account-id",
        show_default=False,
        help="Their platform account id (DID, account number), when known.",
    ),
]
DevOption = Annotated[bool, typer.Option("--dev", help="Use the throwaway development secret.")]


def actor_name(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def keyring_for(config_path: Path, dev: bool) -> Keyring:
    secret_env = load_config(config_path).privacy.secret_env if config_path.exists() else "TACTFUL_SECRET"
    return load_keyring(secret_env, dev=dev or os.environ.get("TACTFUL_DEV") == "1")
