"""Alembic environment: the app passes its own connection in; no alembic.ini is needed."""

from alembic import context

import wuye_desk.store.models  # noqa: F401  (registers every table)
from wuye_desk.store.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app runs migrations
    raise RuntimeError("wuye-desk runs its migrations itself (wuye-desk check / start-up)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
