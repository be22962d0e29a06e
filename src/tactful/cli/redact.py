"""``tactful redact``: find and replace PII in a JSON Lines file of texts."""

from __future__ import annotations

from pathlib import Path

import typer

from tactful.cli.output import console_err
from tactful.config import load_config
from tactful.errors import UsageError
from tactful.privacy.pseudonyms import load_keyring
from tactful.privacy.redact_file import redact_jsonl


def register(app: typer.Typer) -> None:
    @app.command()
    def redact(
        input: Path = typer.Option(..., "--input", "-i", help="JSON Lines file; each line has 'text' (and optional 'id')."),
        output: Path = typer.Option(..., "--output", "-o", help="Where to write the redacted JSON Lines."),
        brand_handle: list[str] = typer.Option([], "--brand-handle", help="A brand handle never to redact (repeatable)."),
        config: Path | None = typer.Option(None, "--config", "-c", help="tactful.toml: brand handles and secret_env."),
        dev: bool = typer.Option(False, "--dev", help="Use a throwaway development secret if none is set."),
    ) -> None:
        """Redact PII: each output line is the input plus 'redacted' and 'pii' spans (offsets into 'text')."""
        handles = set(brand_handle)
        secret_env = "TACTFUL_SECRET"
        if config is not None:
            loaded = load_config(config)
            handles |= loaded.brand.all_handles()
            secret_env = loaded.privacy.secret_env
        keyring = load_keyring(secret_env, dev=dev)
        if not input.is_file():
            raise UsageError(f"{input}: no such input file")
        with input.open(encoding="utf-8") as src, output.open("w", encoding="utf-8") as dst:
            counts = redact_jsonl(src, dst, keyring=keyring, brand_handles=frozenset(handles))
        console_err.print(f"redacted {counts.ok} lines, {counts.bad} bad lines -> {output}", highlight=False)
        if counts.bad:  # a UsageError, not typer.Exit: the CLI runs click with standalone_mode=False
            raise UsageError(f"{counts.bad} input lines could not be redacted (see their 'error' objects)")
