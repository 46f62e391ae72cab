"""Opening the desk's database: engine, pragmas, one writer, migrations, sessions.

SQLite (the default, one file per office PC) runs in WAL mode with
synchronous=FULL, foreign keys on and a busy timeout. All writes go through a
single connection that starts its transactions with BEGIN IMMEDIATE, so writers
queue instead of failing. PostgreSQL (several desks on one server) uses one
engine with ordinary pooling.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import QueuePool

from wuye_desk import paths
from wuye_desk.domain.errors import ConflictError, DeskError
from wuye_desk.store import audit, migrate
from wuye_desk.store.audit import Actor

BUSY_TIMEOUT_MS = 10_000


class DatabaseError(DeskError):
    """The database cannot be used (unreadable, damaged, newer than this app)."""


def resolve_url(target: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from --db, WUYE_DESK_DB or the default file in the data folder."""
    value = str(target) if target is not None else os.environ.get("WUYE_DESK_DB", "")
    if not value:
        return f"sqlite:///{paths.default_database_file()}"
    if "://" in value:
        try:
            make_url(value)
        except ArgumentError as exc:
            raise DatabaseError(f"数据库地址无法识别：{value}") from exc
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is switched off; we issue BEGIN ourselves
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_engine(url: str, *, writer: bool) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 10}}
    if writer:
        kwargs.update(poolclass=QueuePool, pool_size=1, max_overflow=0, pool_timeout=60)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


class _DeskSession(Session):
    """Sessions of the desk: audited (rule G4)."""


audit.install(_DeskSession)


@dataclass
class Database:
    url: str
    read_engine: Engine
    write_engine: Engine
    checked: bool = False   # passed the full integrity check (or was closed cleanly after one)

    @property
    def is_sqlite(self) -> bool:
        return self.read_engine.dialect.name == "sqlite"

    @property
    def file(self) -> Path | None:
        db = make_url(self.url).database
        return Path(db) if self.is_sqlite and db and db != ":memory:" else None

    def describe(self) -> str:
        return str(self.file) if self.file else make_url(self.url).render_as_string(hide_password=True)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.read_engine, class_=_DeskSession, expire_on_commit=False)
        self._writer = sessionmaker(self.write_engine, class_=_DeskSession, expire_on_commit=False)
        self._write_lock = threading.RLock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self, actor: Actor, action: str, now: datetime | None = None) -> Iterator[Session]:
        """One audited transaction: committed as a whole or not at all."""
        with self._write_lock, self._writer() as session:
            session.info.update(actor=actor, action=action,
                                now=(now or datetime.now()).replace(microsecond=0))
            try:
                with session.begin():
                    yield session
            except StaleDataError as exc:
                raise ConflictError("这条记录已被其他工作站修改，请刷新后再保存。") from exc

    def dispose(self) -> None:
        self.read_engine.dispose()
        self.write_engine.dispose()
        if self.file is not None and self.checked:
            _stamp_clean_close(self.file)


def open_database(target: str | os.PathLike[str] | None = None, *, upgrade: bool = True,
                  before_migrate: Any = None) -> Database:
    """Open (creating if needed) and migrate the database.

    A database written by a newer wuye-desk is refused and left untouched. A
    database that fails SQLite's quick_check is refused before anything writes.
    `before_migrate(db)` runs when a migration is about to change an existing
    database (the backup hook).
    """
    url = resolve_url(target)
    if url.startswith("sqlite"):
        file = make_url(url).database
        if file and file != ":memory:":
            Path(file).parent.mkdir(parents=True, exist_ok=True)
        db = Database(url, _sqlite_engine(url, writer=False), _sqlite_engine(url, writer=True))
    else:
        engine = create_engine(url, pool_pre_ping=True)
        db = Database(url, engine, engine)
    try:
        check_readable(db)
        if upgrade:
            migrate.upgrade(db.write_engine, before_migrate=(lambda: before_migrate(db))
                            if before_migrate else None)
        else:
            migrate.refuse_newer(db.write_engine)
    except Exception:
        db.dispose()
        raise
    return db


# --- the integrity check at opening ---------------------------------------------------
# SQLite's quick_check reads the whole file: about five seconds on ten years of data.
# A file left exactly as this PC closed it (same size and modification time, nothing in
# its write-ahead log) was checked when it was opened and has been written only by
# SQLite since: it is opened with a light check. Any other file — after a crash, a copy,
# another desk's writes, a restore — is checked in full before anything writes.

CLEAN_CLOSE_KEY = "clean_close"


def _file_state(file: Path) -> list[int] | None:
    try:
        wal = file.with_name(file.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            return None
        st = file.stat()
        return [st.st_size, st.st_mtime_ns]
    except OSError:
        return None


def _stamp_clean_close(file: Path) -> None:
    from wuye_desk import local_config

    state = _file_state(file)
    try:
        stamps = dict(local_config.get(CLEAN_CLOSE_KEY) or {})
        if state is None:
            stamps.pop(str(file.resolve()), None)
        else:
            stamps[str(file.resolve())] = state
        local_config.put(CLEAN_CLOSE_KEY, stamps)
    except (OSError, ValueError, TypeError):
        pass  # a stamp only saves time; without it the next opening checks in full


def closed_cleanly(file: Path) -> bool:
    """The file is as this PC left it at its last clean close (see above)."""
    from wuye_desk import local_config

    try:
        stamps = local_config.get(CLEAN_CLOSE_KEY) or {}
        recorded = stamps.get(str(file.resolve())) if isinstance(stamps, dict) else None
    except (OSError, ValueError, TypeError):
        return False
    state = _file_state(file)
    return state is not None and recorded == state


def check_readable(db: Database) -> None:
    full = not (db.file is not None and closed_cleanly(db.file))
    try:
        with db.read_engine.connect() as conn:
            if db.is_sqlite and not full:
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
                db.checked = True
            elif db.is_sqlite:
                result = conn.execute(text("PRAGMA quick_check")).scalars().all()
                if result != ["ok"]:
                    raise DatabaseError(
                        "数据库文件已损坏（完整性检查未通过），程序不会写入它。"
                        "请从最近的备份恢复。", rule="G4")
                db.checked = True
            else:
                conn.execute(text("SELECT 1"))
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(f"无法打开数据库 {db.describe()}：{exc}") from exc
