"""Alembic migrations, run by the app itself at start-up.

Each area of the desk has its own branch of migrations off the foundation, so
the schema is upgraded to all heads. A database holding a revision this build
does not know was written by a newer wuye-desk and is refused, never altered.

Alembic itself is imported only when the schema is not already at this build's
heads: on the everyday start the heads are read from the version files' plain
`revision` / `down_revision` lines and compared with the `alembic_version`
table (importing Alembic costs more than the rest of opening the database).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from wuye_desk import paths
from wuye_desk.domain.errors import DeskError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


class NewerDatabase(DeskError):
    pass


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    return cfg


def script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def current_revisions(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def known_revisions() -> set[str]:
    return {rev.revision for rev in script().walk_revisions()}


def refuse_newer(engine: Engine) -> None:
    if at_heads(engine):
        return
    unknown = current_revisions(engine) - known_revisions()
    if unknown:
        raise NewerDatabase(
            "这个数据库由更新版本的 wuye-desk 创建（结构版本 "
            + "、".join(sorted(unknown))
            + "），本程序不能打开它，也没有改动它。请升级 wuye-desk。"
        )


def pending(engine: Engine) -> bool:
    return current_revisions(engine) != set(script().get_heads())


def _plain_value(node: ast.stmt, names: tuple[str, ...]) -> tuple[str, object] | None:
    """`name = <literal>` (or `name: T = <literal>`) at module level, for one of `names`."""
    target: ast.expr | None = None
    value: ast.expr | None = None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    elif isinstance(node, ast.AnnAssign):
        target, value = node.target, node.value
    if not isinstance(target, ast.Name) or target.id not in names or value is None:
        return None
    return target.id, ast.literal_eval(value)


def script_revisions() -> dict[str, tuple[str, ...]] | None:
    """Each revision of this build with the revisions it comes after, read from the version
    files without importing Alembic; None when a file is not plain enough to read so."""
    found: dict[str, tuple[str, ...]] = {}
    files = sorted((paths.migrations_dir() / "versions").glob("*.py"))
    try:
        for path in files:
            values = dict(v for node in ast.parse(path.read_text(encoding="utf-8")).body
                          if (v := _plain_value(node, ("revision", "down_revision"))))
            rev, down = values.get("revision"), values.get("down_revision")
            if not isinstance(rev, str) or rev in found:
                return None
            if down is None:
                found[rev] = ()
            elif isinstance(down, str):
                found[rev] = (down,)
            elif isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
                found[rev] = tuple(down)
            else:
                return None
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    if not found or any(d not in found for downs in found.values() for d in downs):
        return None
    return found


def quick_heads() -> set[str] | None:
    """This build's heads from script_revisions (None when they cannot be read so)."""
    revisions = script_revisions()
    if revisions is None:
        return None
    return set(revisions) - {d for downs in revisions.values() for d in downs}


def at_heads(engine: Engine) -> bool:
    """True when the database is known to be exactly at this build's heads, found without
    Alembic; False when it is not, or when that cannot be told so (then Alembic decides)."""
    heads = quick_heads()
    if not heads:
        return False
    try:
        with engine.connect() as conn:
            current = {r[0] for r in conn.exec_driver_sql(
                "SELECT version_num FROM alembic_version")}
    except SQLAlchemyError:
        return False
    return current == heads


def upgrade(engine: Engine, before_migrate: Callable[[], None] | None = None) -> None:
    if at_heads(engine):   # the everyday start: nothing to do, Alembic not imported
        return
    refuse_newer(engine)
    if not pending(engine):
        return
    if before_migrate is not None and current_revisions(engine):
        before_migrate()
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def schema_status(engine: Engine) -> tuple[set[str], set[str]]:
    """(revisions in the database, heads of this build)."""
    return current_revisions(engine), set(script().get_heads())
