"""Storage: schema, migrations and the one storage interface (SQLite, PostgreSQL)."""
