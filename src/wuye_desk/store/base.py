"""The declarative base every table derives from, and the columns most tables share."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=False)}


class Recorded:
    """Who made a record and when (rules G4, G5): set by the writing session."""

    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)

    @declared_attr
    def created_by(cls) -> Mapped[int | None]:
        return mapped_column(Integer, ForeignKey("operator.id"), nullable=True, index=False)


class Versioned:
    """Optimistic locking: a save based on a stale copy is refused, never silently applied."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.version}
