"""Who outside the office saw customer data, on what basis, approved by whom (rule G3)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wuye_desk.store.base import Base


class OfficialAccess(Base):
    """An access by government or judicial officers: recorded once, never changed (rule G4)."""

    __tablename__ = "official_access"
    __table_args__ = (Index("ix_official_access_at", "accessed_at"),)
    __audit_redact__ = frozenset({"officer_id_number"})  # rule G3: numbers stay out of the trail

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accessed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    officer_name: Mapped[str] = mapped_column(String(40), nullable=False)
    officer_org: Mapped[str] = mapped_column(String(100), nullable=False)
    officer_id_type: Mapped[str] = mapped_column(String(20), nullable=False)
    officer_id_number: Mapped[str] = mapped_column(String(40), nullable=False)
    legal_basis: Mapped[str] = mapped_column(String(200), nullable=False)
    records: Mapped[str] = mapped_column(Text, nullable=False)
    approved_by: Mapped[int] = mapped_column(ForeignKey("operator.id", name="fk_official_access_approver"),
                                             nullable=False)
    approver_name: Mapped[str] = mapped_column(String(40), nullable=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id", name="fk_official_access_operator"),
                                                   nullable=True)
