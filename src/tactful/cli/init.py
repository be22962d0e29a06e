"""``tactful init [PATH]``: write a commented example tactful.toml to start from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from tactful.cli.output import console
from tactful.config import DEFAULT_CONFIG_NAME
from tactful.errors import UsageError


def example_config() -> str:
    return resources.files("tactful.cli").joinpath("tactful.example.toml").read_text(encoding="utf-8")


def write_example_config(path: Path, *, force: bool = False) -> Path:
    """Write the example to ``path`` (a directory gets ``tactful.toml`` inside); never overwrite unasked."""
    if path.is_dir():
        path = path / DEFAULT_CONFIG_NAME
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example_config(), encoding="utf-8")
    return path


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        path: Annotated[Path, typer.Argument(help="Where to write it (file or directory).")] = Path(
            DEFAULT_CONFIG_NAME),
        force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    ) -> None:
        """Write a commented example tactful.toml: brand, handles, queries, store, privacy, policy."""
        written = write_example_config(path, force=force)
        console.print(f"wrote {written}: edit the brand, its handles and the queries, then run "
                      f"'tactful ingest FILE --config {written}'", highlight=False)
