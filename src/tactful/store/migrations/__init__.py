"""Alembic migrations, shipped inside the package (see docs/storage.md)."""
