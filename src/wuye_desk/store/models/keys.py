"""The key cabinet (rules K1–K8, G4): keys, loans, emergencies, lock changes, handovers,
and every event of a key's life, append-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wuye_desk.store.base import Base, Recorded, Versioned


class CabinetKey(Recorded, Versioned, Base):
    """One entrusted key (or bunch) and its slot (rules K1, K2). The inventory
    (顾客钥匙清单) is the list of these in custody."""

    __tablename__ = "cabinet_key"
    __audit_redact__ = frozenset({"depositor_id_number"})  # rule G3
    __table_args__ = (
        Index("ix_cabinet_key_status_slot", "status", "slot", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slot: Mapped[str] = mapped_column(String(12), nullable=False)
    # the slot while the key is in custody; NULL after it left for good: one key per slot
    held_slot: Mapped[str | None] = mapped_column(String(12), unique=True, nullable=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    unit_code: Mapped[str | None] = mapped_column(String(30), nullable=True, index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True,
                                                     index=True)
    key_count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    tag: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    condition: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    # the entrustment (rule K2)
    entrusted_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    depositor_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    depositor_id_type: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    depositor_id_number: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    depositor_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    id_checked_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    keeper: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    # rule K3: the owner's prior consent to use a repair key; rule K5: copies allowed
    owner_consent: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    copy_permission: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class KeyLoan(Recorded, Versioned, Base):
    """《借用钥匙登记表》 one line: out with a manager's approval, back the same day (rule K3)."""

    __tablename__ = "key_loan"
    __audit_redact__ = frozenset({"borrower_id_number"})
    __table_args__ = (
        Index("ix_key_loan_open", "returned_at", "out_at", "id"),
        Index("ix_key_loan_out", "out_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("cabinet_key.id"), nullable=False, index=True)
    borrower_kind: Mapped[str] = mapped_column(String(10), nullable=False)
    borrower_name: Mapped[str] = mapped_column(String(40), nullable=False)
    borrower_company: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    borrower_id_type: Mapped[str] = mapped_column(String(20), nullable=False)
    borrower_id_number: Mapped[str] = mapped_column(String(40), nullable=False)
    borrower_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    purpose: Mapped[str] = mapped_column(String(100), nullable=False)
    repair_works: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    unhanded: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # the approving operator; NULL for a loan imported from an old register, approved on
    # paper by the manager named in approver_name (migration 0012)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    approver_name: Mapped[str] = mapped_column(String(40), nullable=False)
    out_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    deadline: Mapped[datetime] = mapped_column(DateTime, nullable=False)  # when it turns red
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    received_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    return_condition: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    returned_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class KeyEmergency(Recorded, Base):
    """A key used in an emergency, and who was told (rule K4)."""

    __tablename__ = "key_emergency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("cabinet_key.id"), nullable=False, index=True)
    used_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    reason: Mapped[str] = mapped_column(String(10), nullable=False)
    detail: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    told_whom: Mapped[str] = mapped_column(String(10), nullable=False)
    told_name: Mapped[str] = mapped_column(String(40), nullable=False)
    told_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    told_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    told_how: Mapped[str] = mapped_column(String(10), nullable=False)
    owner_unreachable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class LockChange(Recorded, Versioned, Base):
    """After a lock change the new key reaches the duty manager sealed within 24 h (rule K6)."""

    __tablename__ = "lock_change"
    __table_args__ = (Index("ix_lock_change_open", "handed_at", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    old_key_id: Mapped[int] = mapped_column(ForeignKey("cabinet_key.id"), nullable=False,
                                            index=True)
    new_key_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_key.id"), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    handed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    duty_manager_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    duty_manager_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    sealed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    handed_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class KeyHandover(Recorded, Base):
    """A change of keeper, counted slot by slot (rule K7)."""

    __tablename__ = "key_handover"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    from_keeper: Mapped[str] = mapped_column(String(40), nullable=False)
    to_keeper: Mapped[str] = mapped_column(String(40), nullable=False)
    expected: Mapped[int] = mapped_column(Integer, nullable=False)
    counted: Mapped[int] = mapped_column(Integer, nullable=False)
    discrepancies: Mapped[int] = mapped_column(Integer, nullable=False)
    signed_off: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class KeyHandoverItem(Base):
    __tablename__ = "key_handover_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("key_handover.id"), nullable=False,
                                             index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    slot: Mapped[str] = mapped_column(String(12), nullable=False)
    key_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_key.id"), nullable=True)
    expected: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    result: Mapped[str] = mapped_column(String(10), nullable=False)
    discrepancy: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class KeyEvent(Base):
    """Every step of a key's life, append-only (rule G4); a correction is a new event
    pointing at the one it corrects."""

    __tablename__ = "key_event"
    __table_args__ = (Index("ix_key_event_key_at", "key_id", "at", "id"),
                      Index("ix_key_event_kind_at", "kind", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("cabinet_key.id"), nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    operator_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("key_event.id"), nullable=True)
    # the loan a lending, a return or a loan's correction belongs to (rule G4)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("key_loan.id"), nullable=True,
                                                index=True)
