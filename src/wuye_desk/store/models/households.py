"""The household archive (rules G1, G2): every register links to it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wuye_desk.store.base import Base, Recorded, Versioned


class Household(Recorded, Versioned, Base):
    __tablename__ = "household"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(30), unique=True, nullable=False)
    unit_sort: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    building: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    occupancy: Mapped[str] = mapped_column(String(10), nullable=False)
    tenure: Mapped[str] = mapped_column(String(10), nullable=False)  # 业主 / 租户
    move_in_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    segment: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    primary_name: Mapped[str] = mapped_column(String(40), nullable=False, default="", index=True)
    primary_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")

    members: Mapped[list[Member]] = relationship(
        back_populates="household", order_by="Member.position", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[EmergencyContact]] = relationship(
        back_populates="household", order_by="EmergencyContact.position",
        cascade="all, delete-orphan",
    )


class Member(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False)  # 业主 / 租户 / 家属
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    id_type: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    id_number: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    is_primary: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    household: Mapped[Household] = relationship(back_populates="members")


class EmergencyContact(Base):
    """业户紧急联系表 (G2); key emergencies (K4) call these when the owner cannot be reached."""

    __tablename__ = "emergency_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    phone: Mapped[str] = mapped_column(String(30), nullable=False)
    relation: Mapped[str] = mapped_column(String(20), nullable=False, default="")

    household: Mapped[Household] = relationship(back_populates="contacts")
