"""The VIP archive's section of the monthly report (rules R1, P2–P6): cards issued,
expired, voided and revoked, services by kind and the emergency cash aid paid, beside
last month and the same month a year earlier (services/vip_figures.py; every figure
can be recounted from the VIP卡发放登记表 and VIP服务登记表 rows of the period)."""

from __future__ import annotations

from wuye_desk.domain.periods import Period
from wuye_desk.domain.vip import ServiceKind, yuan_text
from wuye_desk.reports.blocks import BarChart, Block, Section, Text
from wuye_desk.services.desk import Desk
from wuye_desk.services.period_reports import Number, comparison_table, names
from wuye_desk.services.vip_figures import VipFigures, vip_figures


def figures(desk: Desk, period: Period) -> VipFigures:
    return vip_figures(desk, period.start, period.end)


def _yuan(fen: int) -> Number:
    return fen // 100 if fen % 100 == 0 else fen / 100


def _rows(f: VipFigures) -> list[Number]:
    return [f.issued["新发"], f.issued["换发"], f.issued["补发"], f.expired, f.lost, f.revoked,
            *[f.services[k.value] for k in ServiceKind], _yuan(f.cash_aid_fen)]


LABELS = ("新发卡（张，规则P2）", "换发卡（张，规则P4）", "补发卡（张，规则P4）",
          "到期（张，规则P4）", "挂失作废（张）", "撤销（张，规则P5）",
          *[f"{k.value}（次）" for k in ServiceKind],
          "现金援助金额（元，规则P6）")


def monthly_section(desk: Desk, period: Period) -> Section:
    now, before, year = (figures(desk, p) for p in
                         (period, period.previous(), period.year_before()))
    table = [(label, a, b, c) for label, a, b, c in
             zip(LABELS, _rows(now), _rows(before), _rows(year), strict=True)]
    this, last, _ = names(period)
    blocks: list[Block] = [
        comparison_table(period, table),
        Text(f"{this}紧急现金援助 {now.cash_aid_count} 次，共 {yuan_text(now.cash_aid_fen)}。"),
    ]
    kinds = [k.value for k in ServiceKind]
    if any(now.services.values()) or any(before.services.values()):
        blocks.append(BarChart(f"VIP服务（{this}与{last}，次）", kinds,
                               [(this, [float(now.services[k]) for k in kinds]),
                                (last, [float(before.services[k]) for k in kinds])]))
    return Section("VIP客户", blocks, area="VIP", order=60)
