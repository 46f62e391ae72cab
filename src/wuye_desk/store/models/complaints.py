"""Complaints, their history, notification duties and return visits (rules C1–C11, G4)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wuye_desk.store.base import Base, Recorded, Versioned


class Complaint(Recorded, Versioned, Base):
    """One complaint as received; its steps are ComplaintEvent rows, never overwritten (G4)."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_received", "received_at", "id"),
        Index("ix_complaint_open_due", "is_open", "next_due", "id"),
        Index("ix_complaint_state_received", "state", "received_at", "id"),
        Index("ix_complaint_severity_received", "severity", "received_at", "id"),
        Index("ix_complaint_matter_lookup", "building", "content_type", "subtopic",
              "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    channel: Mapped[str] = mapped_column(String(10), nullable=False)
    # the complainant: a household of the archive, or anonymous / not a resident
    complainant_kind: Mapped[str] = mapped_column(String(10), nullable=False)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True,
                                                     index=True)
    unit_code: Mapped[str | None] = mapped_column(String(30), nullable=True)
    building: Mapped[str | None] = mapped_column(String(10), nullable=True)
    complainant_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    complainant_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    # classification (rules C2, C3)
    content_type: Mapped[str] = mapped_column(String(10), nullable=False)
    subtopic: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    resp_class: Mapped[str] = mapped_column(String(10), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    people: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    litigation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    media: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    risk: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    compensation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    needs_help: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    office_fault: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # severity (rule C4) and handler (rule C5)
    severity: Mapped[str] = mapped_column(String(10), nullable=False)
    proposed_severity: Mapped[str] = mapped_column(String(10), nullable=False)
    severity_reason: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    handler: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    # the same matter: the first complaint's id; a repeat on a closed matter points at it
    matter_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), nullable=True)
    # the flow (rule C8) and the clocks (rule C7)
    state: Mapped[str] = mapped_column(String(10), nullable=False)
    is_open: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    next_due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    contact_due: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    escalate_due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answer_due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    fix_due: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    fixed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    told_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    visit_due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    visited_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    satisfaction: Mapped[str] = mapped_column(String(1), nullable=False, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    invalid_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    follow_ups: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # rule C10
    case_library: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    recurring: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ComplaintEvent(Base):
    """One step in a complaint's history (rules C8, G4): appended, never changed.

    A correction is a new event whose ``corrects_id`` points at the old one.
    """

    __tablename__ = "complaint_event"
    __table_args__ = (Index("ix_complaint_event_complaint", "complaint_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    step: Mapped[str] = mapped_column(String(20), nullable=False)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), nullable=True)
    operator_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    state_after: Mapped[str] = mapped_column(String(10), nullable=False)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_event.id"),
                                                    nullable=True)


class ComplaintDuty(Base):
    """Who must be told (rule C6): one line of the checklist, ticked when done."""

    __tablename__ = "complaint_duty"
    __table_args__ = (Index("ix_complaint_duty_open", "done_at", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), nullable=False,
                                              index=True)
    what: Mapped[str] = mapped_column(String(100), nullable=False)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    done_by: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class ReturnVisit(Recorded, Base):
    """回访记录 (rule C9): content and result, A/B/C, who visited, when."""

    __tablename__ = "return_visit"
    __table_args__ = (Index("ix_return_visit_at", "visited_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), nullable=False,
                                              index=True)
    visited_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    method: Mapped[str] = mapped_column(String(10), nullable=False, default="电话")
    visitor_name: Mapped[str] = mapped_column(String(40), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    result: Mapped[str] = mapped_column(Text, nullable=False)
    satisfaction: Mapped[str] = mapped_column(String(1), nullable=False)
