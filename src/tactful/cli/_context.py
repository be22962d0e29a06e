"""What several commands share: the --config and --db options and how they resolve.

The config path comes from ``--config``, else ``TACTFUL_CONFIG``, else ./tactful.toml.
The database URL comes from ``--db``, else ``TACTFUL_DATABASE_URL``, else the config's
``[store] url`` (``Config.database_url``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import structlog
import typer
from sqlalchemy.engine import make_url

from tactful.config import DEFAULT_CONFIG_NAME, Config, load_config
from tactful.errors import UsageError
from tactful.log import configure_logging
from tactful.store import Store, open_store

ConfigOption = Annotated[
    Path, typer.Option("--config", "-c", envvar="TACTFUL_CONFIG", help="The config file.")
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", show_default=False,
                 help="Database URL; overrides TACTFUL_DATABASE_URL and the config's store url."),
]
DEFAULT_CONFIG = Path(DEFAULT_CONFIG_NAME)


def database_url(config_path: Path, db: str | None) -> str:
    """The URL to use; the config is read only when neither --db nor TACTFUL_DATABASE_URL says."""
    if db:
        return db
    return os.environ.get("TACTFUL_DATABASE_URL") or load_config(config_path).database_url()


def database_url_for(config: Config, db: str | None) -> str:
    return db or config.database_url()


def open_existing_store(url: str) -> Store:
    """Open a store that must exist already (a typo should not create an empty SQLite file)."""
    path = _sqlite_file(url)
    if path is not None and not path.exists():
        raise UsageError(f"no database at {path}: run 'tactful ingest' first")
    return open_store(url)


def _sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except Exception:  # open_store reports an unparseable URL
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()  # type: ignore[arg-type]


def logs_to_stderr() -> None:
    """Keep stdout for the command's output (tables, --json): log events go to stderr, warnings and worse."""
    if not structlog.is_configured():
        configure_logging()
