"""Figures of the VIP register for the month-end report (rules P2–P6, G2): cards issued,
expired and revoked, services by kind, the cash aid paid; and the archive's segments —
households per family-structure segment, VIPs per level and per building."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.households import Segment
from wuye_desk.domain.vip import CardStatus, ServiceKind, VipLevel, yuan_text
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Household, VipCard, VipCustomer, VipService


@dataclass(frozen=True)
class VipFigures:
    start: date
    end: date                              # inclusive
    issued: dict[str, int]                 # 新发 / 换发 / 补发 → cards
    expired: int                           # cards whose validity ended in the period (P4)
    revoked: int                           # rule P5
    lost: int                              # voided on replacement (P4)
    services: dict[str, int]               # per ServiceKind value (P6)
    cash_aid_fen: int
    cash_aid_count: int

    def lines(self) -> list[str]:
        issued = "，".join(f"{k}{v}张" for k, v in self.issued.items() if v) or "0张"
        services = "，".join(f"{k}{v}次" for k, v in self.services.items() if v) or "无"
        return [
            f"发放VIP卡：{issued}",
            f"到期作废 {self.expired} 张，挂失作废 {self.lost} 张，撤销 {self.revoked} 张",
            f"VIP服务：{services}",
            f"紧急现金援助 {self.cash_aid_count} 次，共 {yuan_text(self.cash_aid_fen)}",
        ]


def vip_figures(desk: Desk, start: date, end: date) -> VipFigures:
    """The register's figures for `start` to `end` inclusive."""
    if start > end:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    lo, hi = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
    with desk.read() as session:
        issued = dict(session.execute(
            select(VipCard.reason, func.count()).where(VipCard.issued_on >= start,
                                                       VipCard.issued_on <= end)
            .group_by(VipCard.reason)).all())
        # a card expired in the period if its validity ended then and it was neither
        # replaced before nor revoked before its end
        expired = session.scalar(select(func.count()).select_from(VipCard).where(
            VipCard.valid_to >= start - timedelta(days=1), VipCard.valid_to < end,
            (VipCard.ended_at.is_(None)) | (VipCard.status == CardStatus.RENEWED.value)))
        ended = dict(session.execute(
            select(VipCard.status, func.count()).where(VipCard.ended_at >= lo,
                                                       VipCard.ended_at < hi)
            .group_by(VipCard.status)).all())
        in_range = (VipService.given_at >= lo, VipService.given_at < hi)
        services = dict(session.execute(select(VipService.kind, func.count()).where(*in_range)
                                        .group_by(VipService.kind)).all())
        aid = session.execute(select(func.coalesce(func.sum(VipService.amount_fen), 0),
                                     func.count()).where(
            *in_range, VipService.kind == ServiceKind.CASH_AID.value)).one()
    return VipFigures(
        start, end, {k: int(issued.get(k, 0)) for k in ("新发", "换发", "补发")},
        int(expired or 0), int(ended.get(CardStatus.REVOKED.value, 0)),
        int(ended.get(CardStatus.LOST.value, 0)),
        {k.value: int(services.get(k.value, 0)) for k in ServiceKind},
        int(aid[0] or 0), int(aid[1] or 0))


@dataclass(frozen=True)
class Segments:
    """The archive in figures (rule G2): households per family-structure segment, and
    VIPs (with a card not revoked) per level and per building."""

    households_per_segment: dict[str, int]     # "未填" for households without one
    vips_per_level: dict[str, int]
    vips_per_building: dict[str, int]
    vip_households_per_segment: dict[str, int]

    def lines(self) -> list[str]:
        out = ["家庭结构（户）：" + "，".join(f"{k}{v}" for k, v in
                                        self.households_per_segment.items())]
        out.append("VIP客户（按级别）：" + "，".join(f"{k}{v}" for k, v in
                                            self.vips_per_level.items()))
        out.append("VIP客户（按楼栋）：" + ("，".join(
            f"{k}{'座' if k.isalpha() else '栋'}{v}" for k, v in
            self.vips_per_building.items()) or "无"))
        return out


def segments(desk: Desk) -> Segments:
    with desk.read() as session:
        per_segment = dict(session.execute(select(Household.segment, func.count())
                                           .group_by(Household.segment)).all())
        live = VipCustomer.card_status == CardStatus.VALID.value
        per_level = dict(session.execute(select(VipCustomer.level, func.count()).where(live)
                                         .group_by(VipCustomer.level)).all())
        per_building = session.execute(
            select(Household.building, func.count())
            .join(VipCustomer, VipCustomer.household_id == Household.id).where(live)
            .group_by(Household.building).order_by(Household.building)).all()
        vip_segments = dict(session.execute(
            select(Household.segment, func.count(func.distinct(Household.id)))
            .join(VipCustomer, VipCustomer.household_id == Household.id).where(live)
            .group_by(Household.segment)).all())

    def by_segment(counts: dict[str | None, int]) -> dict[str, int]:
        out = {s.value: int(counts.get(s.value, 0)) for s in Segment}
        out["未填"] = int(counts.get(None, 0))
        return out

    def building_key(b: str) -> tuple[int, str]:
        return (0, f"{int(b):05d}") if b.isdigit() else (1, b)

    return Segments(
        by_segment(per_segment),
        {level.value: int(per_level.get(level.digit, 0)) for level in VipLevel},
        dict(sorted(((str(b), int(n)) for b, n in per_building), key=lambda p: building_key(p[0]))),
        by_segment(vip_segments))
