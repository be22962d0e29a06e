"""``tactful version``."""

from __future__ import annotations

import typer

import tactful
from tactful.cli.output import console


def register(app: typer.Typer) -> None:
    @app.command()
    def version() -> None:
        """Print the tactful version."""
        console.print(f"tactful {tactful.__version__}")
