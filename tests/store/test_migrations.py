"""The migrations build exactly the tables the models describe, on every branch head."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import wuye_desk.store.models  # noqa: F401
from wuye_desk.store.base import Base


def test_migrated_schema_matches_the_models(db):
    with db.write_engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            # full-text indexes are virtual tables made by the migrations, not models
            "include_name": lambda name, kind, parent: not (kind == "table" and "_fts" in name),
        })
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_reopening_does_not_migrate_again(db_path, db):
    from wuye_desk.store.database import open_database

    called = []
    again = open_database(db_path, before_migrate=lambda d: called.append(d))
    again.dispose()
    assert called == []
