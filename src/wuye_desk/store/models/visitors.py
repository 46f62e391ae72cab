"""The visitor log, goods passes and the watch list (rules V1–V5, G3, G5)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wuye_desk.store.base import Base, Recorded, Versioned


class Visit(Recorded, Versioned, Base):
    """One registration at the desk: admitted (在访/已离开) or refused (未准入)."""

    __tablename__ = "visit"
    # the full ID number never reaches the audit trail (rule G3): it is purged here later
    __audit_redact__ = frozenset({"id_number"})
    __table_args__ = (
        Index("ix_visit_arrived", "arrived_at", "id"),
        Index("ix_visit_status_arrived", "status", "arrived_at", "id"),
        Index("ix_visit_host_unit_arrived", "host_unit_code", "arrived_at", "id"),
        Index("ix_visit_id_number_arrived", "id_number", "arrived_at"),
        Index("ix_visit_purge", "id_purged", "arrived_at"),  # the retention purge (G3)
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    arrived_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    left_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # the visitor (rule V1)
    visitor_name: Mapped[str] = mapped_column(String(40), nullable=False)
    id_type: Mapped[str] = mapped_column(String(20), nullable=False)
    id_number: Mapped[str] = mapped_column(String(40), nullable=False)
    id_purged: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    people: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    plate: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    purpose: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    # the host (rule V2)
    host_unit_code: Mapped[str | None] = mapped_column(String(30), nullable=True)
    host_household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id"), nullable=True, index=True)
    host_department: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    host_name: Mapped[str] = mapped_column(String(40), nullable=False)
    host_position: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    # the call to the host (rules V3, V4)
    host_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    host_answer: Mapped[str] = mapped_column(String(10), nullable=False)
    answered_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    watch_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # night registrations are made under the duty manager (rule G5)
    night: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    duty_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("operator.id"), nullable=True, index=True)
    duty_manager_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    # leaving (rule V3: the upper part comes back signed by the host)
    host_signed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    slip_returned: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    exit_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    exit_note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class GoodsPass(Recorded, Base):
    """《携物出入门证》: a two-part pass for goods carried in or out (rule V5)."""

    __tablename__ = "goods_pass"
    __table_args__ = (
        Index("ix_goods_pass_created", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False)  # 放行 / 拒绝
    direction: Mapped[str] = mapped_column(String(10), nullable=False)
    carried_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    unit_code: Mapped[str | None] = mapped_column(String(30), nullable=True, index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True,
                                                     index=True)
    company: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    carrier_name: Mapped[str] = mapped_column(String(40), nullable=False)
    carrier_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    sealed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    signed_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    refusal: Mapped[str] = mapped_column(Text, nullable=False, default="")
    night: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    duty_manager_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    duty_manager_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")

    items: Mapped[list[GoodsItem]] = relationship(
        back_populates="goods_pass", order_by="GoodsItem.position", cascade="all, delete-orphan")


class GoodsItem(Base):
    __tablename__ = "goods_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pass_id: Mapped[int] = mapped_column(ForeignKey("goods_pass.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    description: Mapped[str] = mapped_column(String(100), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    measure: Mapped[str] = mapped_column(String(10), nullable=False, default="件")
    category: Mapped[str] = mapped_column(String(20), nullable=False)

    goods_pass: Mapped[GoodsPass] = relationship(back_populates="items")


class WatchEntry(Recorded, Versioned, Base):
    """A person the office asks the desk to look out for: a name or an ID number, and why."""

    __tablename__ = "watch_entry"
    __audit_redact__ = frozenset({"id_number"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False, default="", index=True)
    id_number: Mapped[str] = mapped_column(String(40), nullable=False, default="", index=True)
    note: Mapped[str] = mapped_column(String(200), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
