"""``tactful transparency [--format md|html] [--output F]``: the public notice, from the config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption
from tactful.cli.output import console
from tactful.config import load_config
from tactful.errors import UsageError
from tactful.privacy.transparency import to_html, to_markdown

RENDERERS = {"md": to_markdown, "html": to_html}


def register(app: typer.Typer) -> None:
    @app.command()
    def transparency(
        output_format: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write it here (default: standard output).")
        ] = None,
        config: ConfigOption = DEFAULT_CONFIG,
    ) -> None:
        """Render the transparency notice: what is collected, from where, why, how long, how to opt out."""
        render = RENDERERS.get(output_format)
        if render is None:
            raise UsageError(f"--format {output_format!r}: choose md or html")
        text = render(load_config(config))
        if output is None:
            typer.echo(text, nl=False)
            return
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}", highlight=False)
