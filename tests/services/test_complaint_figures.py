"""The figures the monthly report and the overview use (rules C10, C11, S2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.services.complaint_helpers import household, lift, neighbours
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import complaint_figures as fig
from wuye_desk.services import complaints as svc
from wuye_desk.services.complaints import VisitInput

NOV = (date(2026, 11, 1), date(2026, 11, 30))


def _through(desk, cid: int, rating: str) -> None:
    svc.handle(desk, cid, "联系")
    svc.fix(desk, cid, "修好")
    svc.tell(desk, cid, "告知")
    svc.return_visit(desk, cid, VisitInput("回访", "结果", rating))


def test_counts_by_type_class_severity_and_state(desk):
    a, b = neighbours(desk, 2)
    svc.register_complaint(desk, lift(a))
    svc.register_complaint(desk, lift(b, content_type="工程质量", subtopic="",
                                      resp_class="二类", litigation=True))
    gone = svc.register_complaint(desk, lift(a, subtopic="工作态度")).complaint_id
    svc.mark_invalid(desk, gone, "误会")
    c = fig.counts(desk, *NOV)
    assert c.total == 3
    assert c.by_type["物业管理"] == 2 and c.by_type["工程质量"] == 1
    assert c.by_subtopic["设备设施"] == 1 and c.by_subtopic["工作态度"] == 1
    assert c.by_class["二类"] == 1 and c.by_severity["重大"] == 1
    assert c.by_state == {"受理": 2, "处理中": 0, "已处理": 0, "已回访": 0, "已关闭": 0,
                          "无效": 1}
    assert "投诉 3 宗" in c.lines()[0]
    assert fig.counts(desk, date(2026, 10, 1), date(2026, 10, 31)).total == 0
    with pytest.raises(ValidationError):
        fig.counts(desk, date(2026, 12, 1), date(2026, 11, 1))


def test_C7_on_time_rates_per_clock(desk, clock):
    a, b = neighbours(desk, 2)
    quick = svc.register_complaint(desk, lift(a)).complaint_id
    slow = svc.register_complaint(desk, lift(b)).complaint_id
    svc.handle(desk, quick, "马上联系")                       # within the hour
    svc.fix(desk, quick, "当天修好")
    clock.set(datetime(2026, 11, 25, 9, 0))                  # after the 3-day fix deadline
    svc.handle(desk, slow, "迟了")
    rates = {r.clock: r for r in fig.on_time_rates(desk, *NOV)}
    assert (rates["1小时内联系主管"].on_time, rates["1小时内联系主管"].due) == (1, 2)
    assert rates["处理时限"].rate == 50.0
    assert rates["4小时内上报"].due == 0 and rates["4小时内上报"].rate is None
    assert "及时率50.0%" in rates["处理时限"].text


def test_S2_satisfaction_from_return_visits_and_the_visit_register(desk):
    a, b, c = neighbours(desk, 3)
    ids = [svc.register_complaint(desk, lift(h)).complaint_id for h in (a, b, c)]
    for cid, rating in zip(ids, "ABC", strict=True):
        _through(desk, cid, rating)
    s = fig.satisfaction(desk, *NOV)
    assert (s.a, s.b, s.c, s.rate) == (1, 1, 1, pytest.approx(66.7))
    lines = list(fig.complaints_in_period(desk, *NOV, batch=2))     # crosses a batch edge
    assert [ln.id for ln in lines] == ids
    assert [ln.visits[0].satisfaction for ln in lines] == ["A", "B", "C"]
    assert lines[0].phone == "13812340000"                  # the office's own register


def test_C10_next_months_return_visit_list_and_recurring_and_case_library(desk):
    a, b = neighbours(desk, 2)
    first = svc.register_complaint(desk, lift(a)).complaint_id
    svc.register_complaint(desk, lift(a, subtopic="车辆管理"))
    svc.register_complaint(desk, lift(complainant_kind="匿名"))
    _through(desk, first, "A")
    svc.close(desk, first, case_library=True)
    svc.register_complaint(desk, lift(b), link_ids=[first])
    people = fig.return_visit_list(desk, date(2026, 11, 5))
    assert [(p.name, p.complaints) for p in people] == [("张三", 2), ("李四", 1)]
    assert {c.id for c in fig.recurring(desk, *NOV)} >= {first}
    assert [c[0] for c in fig.case_library(desk)] == [first]
    assert fig.month_range(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_C11_the_office_score_for_a_period(desk):
    a, b, c = neighbours(desk, 3)
    first = svc.register_complaint(desk, lift(a)).complaint_id
    second = svc.register_complaint(desk, lift(b), link_ids=[first]).complaint_id
    svc.register_complaint(desk, lift(c), link_ids=[second])         # 3 on one matter
    svc.register_complaint(desk, lift(a, subtopic="工作态度"))
    lines, points, yuan = fig.office_score(desk, *NOV, praise=1)
    # attitude −2, repeats 2 × −4, 3 customers −5, praise +2
    assert points == -13 and yuan == -650
    assert any("3位客户" in line for line in lines)


def test_the_weekly_summary_covers_last_week(desk, clock):
    hid = household(desk)
    svc.register_complaint(desk, lift(hid))
    clock.set(clock() + timedelta(days=7))
    lines = fig.weekly_summary(desk, clock().date())
    assert lines[0] == "11月16日—11月22日 投诉汇总" and "投诉 1 宗" in lines[1]
