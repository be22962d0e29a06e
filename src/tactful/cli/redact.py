"""``tactful redact``: find and replace PII in a JSON Lines file of texts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli.output import console_err
from tactful.config import load_config
from tactful.errors import UsageError
from tactful.privacy.pseudonyms import load_keyring
from tactful.privacy.redact_file import redact_jsonl

InputOpt = Annotated[
    Path, typer.Option("--input", "-i", help="JSON Lines; each line has 'text' (and optional 'id').")
]
OutputOpt = Annotated[Path, typer.Option("--output", "-o", help="Where to write the redacted JSON Lines.")]
BrandOpt = Annotated[
    list[str], typer.Option("--brand-handle", help="A brand handle never to redact (repeatable).")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="tactful.toml: brand handles, secret_env.")
]
DevOpt = Annotated[bool, typer.Option("--dev", help="Use a throwaway development secret if none is set.")]


def register(app: typer.Typer) -> None:
    @app.command()
    def redact(
        input: InputOpt,
        output: OutputOpt,
        brand_handle: BrandOpt = [],  # noqa: B006 (typer reads it)
        config: ConfigOpt = None,
        dev: DevOpt = False,
    ) -> None:
        """Redact PII: each output line is the input plus 'redacted' and 'pii' spans (offsets into 'text')."""
        handles = set(brand_handle)
        secret_env = "TACTFUL_SECRET"
        if config is not None:
            loaded = load_config(config)
            handles |= loaded.brand.all_handles()
            secret_env = loaded.privacy.secret_env
        if not input.is_file():
            raise UsageError(f"{input}: no such input file")
        keyring = load_keyring(secret_env, dev=dev)
        with input.open(encoding="utf-8") as src, output.open("w", encoding="utf-8") as dst:
            counts = redact_jsonl(src, dst, keyring=keyring, brand_handles=frozenset(handles))
        console_err.print(f"redacted {counts.ok} lines, {counts.bad} bad lines -> {output}", highlight=False)
        if counts.bad:  # a UsageError, not typer.Exit: the CLI runs click with standalone_mode=False
            raise UsageError(f"{counts.bad} input lines could not be redacted (see their 'error' objects)")
