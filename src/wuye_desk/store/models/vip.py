"""VIP customers: the archive, family, cards, services (rules P1–P6)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wuye_desk.store.base import Base, Recorded, Versioned


class VipCustomer(Recorded, Versioned, Base):
    """A VIP's archive (rule P1): a person of a household, the application and its
    approval (P3), the current card (denormalised for the list), preferences."""

    __tablename__ = "vip_customer"
    __table_args__ = (
        UniqueConstraint("household_id", "name", name="uq_vip_customer_household_name"),
        Index("ix_vip_customer_unit_sort", "unit_sort", "id"),
        Index("ix_vip_customer_valid_to", "card_status", "card_valid_to"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), nullable=False)
    unit_sort: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    level: Mapped[int] = mapped_column(Integer, nullable=False)            # 0, 1, 2 (rule P2)
    birthday: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    preferences: Mapped[str] = mapped_column(Text, nullable=False, default="")
    assistant: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    # the written application and who approved it (rule P3)
    applied_on: Mapped[date] = mapped_column(Date, nullable=False)
    qualification: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    approved_by: Mapped[str] = mapped_column(String(40), nullable=False)
    approved_on: Mapped[date] = mapped_column(Date, nullable=False)
    # the current card (the last issued), kept in step by the services
    card_number: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    card_status: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    card_valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")

    family: Mapped[list[VipFamilyMember]] = relationship(
        back_populates="vip", order_by="VipFamilyMember.position",
        cascade="all, delete-orphan")


class VipFamilyMember(Base):
    """A family member whose birthday family care remembers (rule P6)."""

    __tablename__ = "vip_family_member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vip_id: Mapped[int] = mapped_column(ForeignKey("vip_customer.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    relation: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    birthday: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    vip: Mapped[VipCustomer] = relationship(back_populates="family")


class VipCard(Recorded, Base):
    """One card ever issued (rules P2, P4, P5). Rows are never deleted, so a number is
    never issued twice: the unique number and (prefix, level, sequence) see to it."""

    __tablename__ = "vip_card"
    __table_args__ = (
        UniqueConstraint("prefix", "level", "sequence", name="uq_vip_card_prefix_level_seq"),
        Index("ix_vip_card_issued", "issued_on", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vip_id: Mapped[int] = mapped_column(ForeignKey("vip_customer.id"), nullable=False, index=True)
    number: Mapped[str] = mapped_column(String(10), nullable=False, unique=True)
    prefix: Mapped[str] = mapped_column(String(4), nullable=False)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    valid_to: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(10), nullable=False)   # 新发 / 换发 / 补发
    checked_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    end_reason: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    end_note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("vip_card.id"), nullable=True)


class VipService(Recorded, Base):
    """One service given to a VIP (rule P6), with who gave it and when."""

    __tablename__ = "vip_service"
    __table_args__ = (
        Index("ix_vip_service_vip_given", "vip_id", "given_at", "id"),
        Index("ix_vip_service_given", "given_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vip_id: Mapped[int] = mapped_column(ForeignKey("vip_customer.id"), nullable=False)
    card_number: Mapped[str] = mapped_column(String(10), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    given_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    given_by: Mapped[str] = mapped_column(String(40), nullable=False)
    detail: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
