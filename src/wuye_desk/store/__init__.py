"""Persistence: typed ORM, engine and pragmas, migrations, backup, read-side queries."""
