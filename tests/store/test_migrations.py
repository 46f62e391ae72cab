"""The migrations build exactly the tables the models describe, on every branch head."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from wuye_desk.store.base import Base
import wuye_desk.store.models  # noqa: F401


def test_migrated_schema_matches_the_models(db):
    with db.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []


def test_reopening_does_not_migrate_again(db_path, db):
    from wuye_desk.store.database import open_database

    called = []
    again = open_database(db_path, before_migrate=lambda d: called.append(d))
    again.dispose()
    assert called == []
