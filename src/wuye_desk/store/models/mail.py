"""The mail log: items signed for, notices, pickups, returns, newspapers (rules M1–M6, G4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from wuye_desk.store.base import Base, Recorded, Versioned

LIVE_ITEM = text("status <> '已更正'")


class MailNotice(Recorded, Base):
    """The household was told (rule M2): how, when, for how many items; the slip's code."""

    __tablename__ = "mail_notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), nullable=False,
                                              index=True)
    unit_code: Mapped[str] = mapped_column(String(30), nullable=False)
    method: Mapped[str] = mapped_column(String(10), nullable=False)
    told_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    item_count: Mapped[int] = mapped_column(Integer, nullable=False)


class MailPickup(Recorded, Base):
    """Items handed out together to one collector, who signs the 邮件签收表 (rule M4)."""

    __tablename__ = "mail_pickup"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True,
                                                     index=True)
    unit_code: Mapped[str | None] = mapped_column(String(30), nullable=True)
    picked_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    collector_name: Mapped[str] = mapped_column(String(40), nullable=False)
    collector_kind: Mapped[str] = mapped_column(String(10), nullable=False)  # 本人 / 代领
    id_type: Mapped[str] = mapped_column(String(20), nullable=False)
    # only the masked number is kept: the desk checked it, nobody needs it again (rule G3)
    id_masked: Mapped[str] = mapped_column(String(40), nullable=False)
    item_count: Mapped[int] = mapped_column(Integer, nullable=False)
    # signed on screen where a signature pad or touch screen exists (PNG); else on paper
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class MailReturn(Recorded, Base):
    """A batch of items handed back to the post office or courier (rule M5)."""

    __tablename__ = "mail_return"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason: Mapped[str] = mapped_column(String(10), nullable=False)  # 逾期未领 / 无法投递
    returned_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    postal_clerk: Mapped[str] = mapped_column(String(40), nullable=False)
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    item_count: Mapped[int] = mapped_column(Integer, nullable=False)


class MailItem(Recorded, Versioned, Base):
    """One item signed for at the desk (rules M1, M2), until it is picked up or returned."""

    __tablename__ = "mail_item"
    __table_args__ = (
        Index("ix_mail_item_received", "received_at", "id"),
        Index("ix_mail_item_status_received", "status", "received_at", "id"),
        Index("ix_mail_item_unit_received", "unit_code", "received_at", "id"),
        Index("ix_mail_item_household_status", "household_id", "status"),
        # a tracking number is never signed in twice; a corrected entry makes way (rule G4)
        Index("uq_mail_item_tracking_live", "tracking_no", unique=True,
              sqlite_where=LIVE_ITEM, postgresql_where=LIVE_ITEM),
        Index("ix_mail_item_tracking", "tracking_no"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(40), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    carrier: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    received_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    unit_code: Mapped[str | None] = mapped_column(String(30), nullable=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True)
    addressee: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    address_text: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    position: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    damage: Mapped[str] = mapped_column(String(200), nullable=False, default="")  # rule M2
    undeliverable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    remark: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("mail_notice.id"), nullable=True,
                                                  index=True)
    notified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    notice_method: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    public_notice_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    pickup_id: Mapped[int | None] = mapped_column(ForeignKey("mail_pickup.id"), nullable=True,
                                                  index=True)
    picked_up_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    return_id: Mapped[int | None] = mapped_column(ForeignKey("mail_return.id"), nullable=True,
                                                  index=True)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    correction_of: Mapped[int | None] = mapped_column(ForeignKey("mail_item.id"), nullable=True,
                                                      index=True)
    corrected_by: Mapped[int | None] = mapped_column(ForeignKey("mail_item.id"), nullable=True)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class NewspaperDelivery(Recorded, Base):
    """The post's delivery of one title on one day: the desk signs for the count (rule M6)."""

    __tablename__ = "newspaper_delivery"
    __table_args__ = (Index("ix_newspaper_delivery_day", "day", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(60), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class NewspaperCopy(Recorded, Versioned, Base):
    """A subscriber's copies of a delivery: signed for, or kept at the desk (rule M6)."""

    __tablename__ = "newspaper_copy"
    __table_args__ = (Index("ix_newspaper_copy_kept", "kept", "delivery_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("newspaper_delivery.id"), nullable=False,
                                             index=True)
    unit_code: Mapped[str] = mapped_column(String(30), nullable=False)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), nullable=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False)
    kept: Mapped[bool] = mapped_column(Boolean, nullable=False)   # waiting at the desk
    signed_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    collected_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
