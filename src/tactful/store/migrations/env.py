"""Alembic environment: runs on the connection ``tactful.store.migrate`` hands over.

There is no alembic.ini: ``migrate.alembic_config`` points ``script_location`` here
and passes an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from tactful.store.migrate import include_for
from tactful.store.schema import is_modelled, metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table copies to ALTER
        compare_type=True,
        include_name=is_modelled,  # the search index's dialect-specific tables
        include_object=include_for(connection.dialect.name),  # PostgreSQL-only indexes, on SQLite
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("tactful migrations run online only (tactful.store.migrate.upgrade)")
run_migrations_online()
