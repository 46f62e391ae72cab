"""Alembic migrations, run by the app itself at start-up.

Each area of the desk has its own branch of migrations off the foundation, so
the schema is upgraded to all heads. A database holding a revision this build
does not know was written by a newer wuye-desk and is refused, never altered.
"""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from wuye_desk import paths
from wuye_desk.domain.errors import DeskError


class NewerDatabase(DeskError):
    pass


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def known_revisions() -> set[str]:
    return {rev.revision for rev in script().walk_revisions()}


def refuse_newer(engine: Engine) -> None:
    unknown = current_revisions(engine) - known_revisions()
    if unknown:
        raise NewerDatabase(
            "这个数据库由更新版本的 wuye-desk 创建（结构版本 "
            + "、".join(sorted(unknown))
            + "），本程序不能打开它，也没有改动它。请升级 wuye-desk。"
        )


def pending(engine: Engine) -> bool:
    return current_revisions(engine) != set(script().get_heads())


def upgrade(engine: Engine, before_migrate: Callable[[], None] | None = None) -> None:
    refuse_newer(engine)
    if not pending(engine):
        return
    if before_migrate is not None and current_revisions(engine):
        before_migrate()
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def schema_status(engine: Engine) -> tuple[set[str], set[str]]:
    """(revisions in the database, heads of this build)."""
    return current_revisions(engine), set(script().get_heads())
