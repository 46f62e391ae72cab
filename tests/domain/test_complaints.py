"""Rules C1–C11 and S2 as plain Python."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from wuye_desk.domain.calendar import WorkCalendar
from wuye_desk.domain.complaints import (
    Channel,
    ContentType,
    ResponsibilityClass,
    Satisfaction,
    Severity,
    SeverityFacts,
    State,
    Step,
    Subtopic,
    after_visit,
    check_raise,
    clean_block,
    clocks,
    handler_for,
    next_state,
    notification_duties,
    one_month_after,
    one_month_before,
    parse_people,
    propose_severity,
    satisfaction_rate,
    score,
    score_total,
    subtopic_for,
    time_based_raise,
    visit_due,
)
from wuye_desk.domain.errors import ValidationError

CAL = WorkCalendar()


def test_C1_an_invalid_complaint_is_a_state_of_its_own_reached_only_before_the_fix():
    assert next_state(State.RECEIVED, Step.INVALID) is State.INVALID
    assert not State.INVALID.open
    with pytest.raises(ValidationError, match="不能“无效投诉”"):
        next_state(State.CLOSED, Step.INVALID)


def test_C2_content_types_and_property_subtopics():
    assert [t.value for t in ContentType] == ["工程质量", "规划设计", "销售管理", "物业管理",
                                            "客户服务", "其他"]
    assert Subtopic.parse("工作态度") is Subtopic.ATTITUDE
    assert subtopic_for(ContentType.PROPERTY, "设备设施") is Subtopic.FACILITIES
    with pytest.raises(ValidationError, match="请选择子类") as err:
        subtopic_for(ContentType.PROPERTY, "")
    assert err.value.field == "子类"
    with pytest.raises(ValidationError, match="只有物业管理"):
        subtopic_for(ContentType.CONSTRUCTION, "设备设施")
    assert subtopic_for(ContentType.CONSTRUCTION, "") is None
    with pytest.raises(ValidationError, match="无法识别"):
        ContentType.parse("乱写")


def test_C3_responsibility_classes_name_their_form():
    assert ResponsibilityClass.parse("1") is ResponsibilityClass.OFFICE
    assert ResponsibilityClass.OFFICE.form_name == "客户投诉及建议跟进处理表"
    assert ResponsibilityClass.DEVELOPER.form_name == "客户意见征询表"
    assert ResponsibilityClass.parse("未分类") is ResponsibilityClass.PENDING


@pytest.mark.parametrize(("facts", "severity", "reason"), [
    (SeverityFacts(), Severity.GENERAL, "无加重情形"),
    (SeverityFacts(litigation=True), Severity.MAJOR, "已进入诉讼"),
    (SeverityFacts(media=True), Severity.MAJOR, "已被媒体曝光"),
    (SeverityFacts(people=10), Severity.MAJOR, "10人集体投诉"),
    (SeverityFacts(people=3), Severity.HOT, "3人集体投诉"),
    (SeverityFacts(people=2), Severity.GENERAL, "无加重情形"),
    (SeverityFacts(risk=True), Severity.HOT, "可能引起诉讼或媒体曝光"),
    (SeverityFacts(same_matter_complainants=3), Severity.HOT,
     "一个月内3位不同业主投诉同一事项"),
    (SeverityFacts(repeat_of_closed=True), Severity.IMPORTANT, "已关闭事项再次投诉"),
    (SeverityFacts(needs_help=True), Severity.IMPORTANT, "需其他部门或公司协助"),
])
def test_C4_the_proposal_gives_the_severity_and_the_reason_in_words(facts, severity, reason):
    proposal = propose_severity(facts)
    assert proposal.severity is severity
    assert reason in proposal.reason


def test_C4_the_highest_reason_wins_and_only_its_reasons_are_shown():
    p = propose_severity(SeverityFacts(media=True, needs_help=True, people=4))
    assert p.severity is Severity.MAJOR
    assert p.reason == "已被媒体曝光"


def test_C4_the_clerk_may_raise_never_lower():
    assert check_raise(Severity.IMPORTANT, Severity.MAJOR) is Severity.MAJOR
    with pytest.raises(ValidationError, match="不能降低"):
        check_raise(Severity.HOT, Severity.GENERAL)


def test_C4_time_based_raises_need_the_office_at_fault_and_an_unresolved_matter():
    got = datetime(2026, 1, 31, 9, 0)
    assert time_based_raise(Severity.GENERAL, got, got + timedelta(days=6, hours=23),
                            office_fault=True, state=State.HANDLING) is None
    up = time_based_raise(Severity.GENERAL, got, got + timedelta(days=7), office_fault=True,
                          state=State.RECEIVED)
    assert up is not None and up.severity is Severity.HOT and "一周" in up.reason
    month = time_based_raise(Severity.HOT, got, datetime(2026, 2, 28, 9, 0),
                             office_fault=True, state=State.HANDLING)
    assert month is not None and month.severity is Severity.MAJOR
    assert time_based_raise(Severity.GENERAL, got, got + timedelta(days=40),
                            office_fault=False, state=State.HANDLING) is None
    assert time_based_raise(Severity.GENERAL, got, got + timedelta(days=40),
                            office_fault=True, state=State.FIXED) is None
    assert time_based_raise(Severity.MAJOR, got, got + timedelta(days=40),
                            office_fault=True, state=State.HANDLING) is None


def test_C4_one_month_is_a_calendar_month():
    assert one_month_before(datetime(2026, 3, 31, 8)) == datetime(2026, 2, 28, 8)
    assert one_month_after(datetime(2026, 12, 15)) == datetime(2027, 1, 15)


def test_C5_handler_by_severity_from_the_office_table():
    assert handler_for(Severity.MAJOR) == "总经理"
    assert handler_for(Severity.HOT) == "总经理助理"
    assert handler_for(Severity.IMPORTANT) == "项目经理"
    assert handler_for(Severity.GENERAL) == "客户主管/物管员"
    assert handler_for(Severity.HOT, {"热点": "副总经理"}) == "副总经理"
    assert handler_for(Severity.HOT, {"热点": "  "}) == "总经理助理"   # empty: the default


def test_C6_who_must_be_told_with_due_times():
    got = datetime(2026, 11, 18, 10, 0)  # a Wednesday
    general = notification_duties(Severity.GENERAL, got, CAL)
    assert [d.what for d in general] == ["列入月度报告"]
    assert general[0].due == datetime(2026, 12, 10, 23, 59, 59)
    hot = notification_duties(Severity.HOT, got, CAL)
    assert hot[0].due == datetime(2026, 11, 23, 10, 0)  # 3 working days: Mon
    assert hot[1].due is None and "专题报告" in hot[1].what
    major = notification_duties(Severity.MAJOR, got, CAL)
    assert {"立即报总部", "立即报品质部"} <= {d.what for d in major}
    assert any("原因分析" in d.what for d in major)
    assert "单列" in notification_duties(Severity.IMPORTANT, got, CAL)[0].what


def test_C7_clocks_on_the_working_day_calendar():
    got = datetime(2026, 11, 18, 10, 0)
    k = clocks(got, Severity.GENERAL, ResponsibilityClass.OFFICE, CAL)
    assert k.contact_due == datetime(2026, 11, 18, 11, 0)
    assert k.escalate_due is None
    assert k.fix_due == datetime(2026, 11, 23, 10, 0)  # Wed + 3 working days = Mon
    assert clocks(got, Severity.MAJOR, ResponsibilityClass.OFFICE, CAL).fix_due == \
        datetime(2026, 11, 19, 10, 0)
    pending = clocks(got, Severity.GENERAL, ResponsibilityClass.PENDING, CAL)
    assert pending.escalate_due == datetime(2026, 11, 18, 14, 0)
    assert visit_due(got, Severity.MAJOR) == got + timedelta(weeks=1)
    assert visit_due(got, Severity.GENERAL) == got + timedelta(weeks=2)


def test_C7_mid_autumn_and_national_day_move_a_three_day_deadline():
    # 2025: 1–8 October off (中秋 on 6 October inside it), Sunday 28 September and
    # Saturday 11 October worked
    got = datetime(2025, 9, 30, 10, 0)
    k = clocks(got, Severity.GENERAL, ResponsibilityClass.OFFICE, CAL)
    assert k.fix_due == datetime(2025, 10, 11, 10, 0)
    # received on the make-up Sunday: that Sunday is a working day
    assert clocks(datetime(2025, 9, 28, 9, 0), Severity.MAJOR, ResponsibilityClass.OFFICE,
                  CAL).fix_due == datetime(2025, 9, 29, 9, 0)


def test_C7_a_year_the_package_does_not_know_falls_back_to_weekends_with_a_warning():
    cal = WorkCalendar()
    years = cal.unknown_years(datetime(2099, 1, 1).date(), datetime(2099, 1, 10).date())
    assert years == [2099]
    assert cal.add_workdays(datetime(2099, 1, 2, 10), 3) == datetime(2099, 1, 7, 10)  # Fri→Wed


def test_C8_the_flow_refuses_steps_out_of_order():
    assert next_state(State.RECEIVED, Step.HANDLE) is State.HANDLING
    assert next_state(State.HANDLING, Step.FIX) is State.FIXED
    assert next_state(State.FIXED, Step.TELL) is State.FIXED
    assert next_state(State.FIXED, Step.VISIT) is State.VISITED
    assert next_state(State.VISITED, Step.CLOSE) is State.CLOSED
    for state, step in ((State.RECEIVED, Step.VISIT), (State.RECEIVED, Step.CLOSE),
                        (State.CLOSED, Step.HANDLE), (State.HANDLING, Step.TELL),
                        (State.INVALID, Step.FIX)):
        with pytest.raises(ValidationError, match="规则C8"):
            next_state(state, step)
    assert Channel.parse("热线") is Channel.PHONE
    assert Channel.parse("政府转办") is Channel.REFERRED


def test_C9_a_C_rating_opens_a_follow_up():
    assert after_visit(Satisfaction.C) is State.HANDLING
    assert after_visit(Satisfaction.A) is State.VISITED
    assert Satisfaction.parse("较满意") is Satisfaction.B
    with pytest.raises(ValidationError):
        Satisfaction.parse("D")


def test_C11_scoring_points_and_money():
    items = score(attitude=2, repeats=1, matters_3plus=[3, 5, 9], major=1, praise=1)
    points = [i.points for i in items]
    assert points == [-4, -4, -5, -7, -8, -10, 2]
    assert score_total(items) == (-36, -1800)
    assert score_total(score()) == (0, 0)


def test_S2_satisfaction_rate_leaves_unrated_out():
    assert satisfaction_rate(["A", "B", "C", None, ""]) == pytest.approx(66.7)
    assert satisfaction_rate([]) is None
    assert satisfaction_rate(["C"]) == 0.0


def test_S2_the_complaint_rate_is_the_one_shared_formula():
    from wuye_desk.domain.satisfaction import satisfaction

    ratings = [Satisfaction.A, "B", "C", "满意", None, "A", "C"]
    shared = satisfaction(r.value if isinstance(r, Satisfaction) else r for r in ratings).rate
    assert shared is not None
    assert satisfaction_rate(ratings) == round(shared, 1) == pytest.approx(66.7)


@pytest.mark.parametrize("bad", ["-3", "abc", "0", "100000", "1.5"])
def test_people_count_refuses_nonsense(bad):
    with pytest.raises(ValidationError) as err:
        parse_people(bad)
    assert err.value.field == "人数"


def test_people_count_reads_fullwidth_and_empty():
    assert parse_people("１２") == 12
    assert parse_people("") == 1


def test_description_keeps_lines_and_refuses_control_characters():
    assert clean_block("  电梯\r\n\r\n  坏了  ", "投诉内容") == "电梯\n坏了"
    with pytest.raises(ValidationError, match="请填写投诉内容"):
        clean_block("   ", "投诉内容", required=True)
    with pytest.raises(ValidationError, match="无法显示"):
        clean_block("坏了\x00", "投诉内容")
    with pytest.raises(ValidationError, match="太长"):
        clean_block("字" * 2001, "投诉内容")
