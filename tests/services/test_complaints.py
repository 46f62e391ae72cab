"""Complaint intake and handling on a real SQLite file (rules C1–C10, G4)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.services.complaint_helpers import count, household, lift, neighbours, snapshot
from wuye_desk import settings
from wuye_desk.domain.errors import PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import complaints as svc
from wuye_desk.services import daily, office_settings, overview
from wuye_desk.services.complaints import ComplaintFilter, ComplaintInput, VisitInput
from wuye_desk.services.paging import Tone
from wuye_desk.store.models import ComplaintDuty, ReturnVisit


def test_a_phone_complaint_from_a_household_is_registered_with_handler_and_clocks(desk):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid))
    assert done.serial.startswith("TS202611")
    assert done.severity.value == "一般" and done.handler == "客户主管/物管员"
    assert done.fix_due == datetime(2026, 11, 23, 10, 0)   # Wed + 3 working days
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.unit == "3栋2单元1502" and view.complainant_name == "张三"
    assert view.complainant_phone == "138****5678"          # masked on screen (G3)
    assert view.state == "受理" and view.topic == "物业管理/设备设施"
    assert [e.step for e in view.events] == ["受理"]
    assert view.events[0].operator == "王管理"


def test_a_unit_typed_instead_of_picked_is_found_in_the_archive(desk):
    household(desk, "5栋1单元0302", "周八")
    done = svc.register_complaint(desk, lift(unit="5-1-0302"))
    assert svc.get_complaint(desk, done.complaint_id).complainant_name == "周八"


@pytest.mark.parametrize(("change", "field"), [
    ({"content_type": ""}, "投诉类型"),
    ({"description": "   "}, "投诉内容"),
    ({"channel": ""}, "投诉渠道"),
    ({"channel": "飞鸽传书"}, "投诉渠道"),
    ({"subtopic": ""}, "子类"),
    ({"people": "-2"}, "人数"),
    ({"people": "很多"}, "人数"),
    ({"severity": "一般", "litigation": True}, "投诉等级"),
    ({"complainant_phone": "12"}, "联系电话"),
    ({"resp_class": "四类"}, "责任类别"),
])
def test_bad_input_is_refused_with_the_field_named_and_nothing_written(desk, change, field):
    hid = household(desk)
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        svc.register_complaint(desk, lift(hid, **change))
    assert err.value.field == field
    assert snapshot(desk) == before


def test_a_unit_not_in_the_archive_is_offered_as_non_resident_not_created(desk):
    before = snapshot(desk)
    with pytest.raises(ValidationError, match="非本小区/访客") as err:
        svc.register_complaint(desk, lift(unit="9栋1单元0101"))
    assert err.value.field == "房号"
    assert snapshot(desk) == before
    done = svc.register_complaint(desk, lift(unit="9栋1单元0101", complainant_kind="非本小区/访客",
                                             complainant_name="路人甲"))
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.household_id is None and view.complainant_kind == "非本小区/访客"


def test_an_anonymous_complaint_needs_no_name_but_a_non_resident_does(desk):
    done = svc.register_complaint(desk, lift(complainant_kind="匿名"))
    assert svc.get_complaint(desk, done.complaint_id).complainant_kind == "匿名"
    with pytest.raises(ValidationError, match="姓名") as err:
        svc.register_complaint(desk, lift(complainant_kind="非本小区/访客"))
    assert err.value.field == "投诉人"


def test_dates_in_the_future_are_refused(desk, clock):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid, received_at="２０２６-11-17 09:30"))
    assert svc.get_complaint(desk, done.complaint_id).received_at == datetime(2026, 11, 17, 9, 30)
    for bad in ("昨天", "2026-13-01 09:00"):
        with pytest.raises(ValidationError, match="格式不对") as err:
            svc.register_complaint(desk, lift(hid, received_at=bad))
        assert err.value.field == "受理时间"
    with pytest.raises(ValidationError, match="一年前"):
        svc.register_complaint(desk, lift(hid, received_at="2020-01-01 09:00"))
    with pytest.raises(ValidationError, match="不能晚于现在") as err:
        svc.register_complaint(desk, lift(hid, received_at=clock() + timedelta(hours=1)))
    assert err.value.field == "受理时间"
    assert count(desk) == 1


def test_C4_three_households_on_the_same_lift_within_a_month_turn_all_of_them_hot(desk, clock):
    a, b, c = neighbours(desk, 3)
    first = svc.register_complaint(desk, lift(a))
    clock.set(clock() + timedelta(days=10))
    found = svc.candidates(desk, "物业管理", "设备设施", "3栋1单元0201")
    assert [x.id for x in found] == [first.complaint_id]
    second = svc.register_complaint(desk, lift(b), link_ids=[first.complaint_id])
    assert second.severity.value == "一般"
    clock.set(clock() + timedelta(days=5))
    p = svc.preview(desk, lift(c), link_ids=[second.complaint_id])
    assert p.severity.value == "热点" and p.reason == "一个月内3位不同业主投诉同一事项"
    third = svc.register_complaint(desk, lift(c), link_ids=[second.complaint_id])
    assert third.severity.value == "热点"
    assert third.reason == "一个月内3位不同业主投诉同一事项"
    assert set(third.raised) == {first.serial, second.serial}
    for cid in (first.complaint_id, second.complaint_id):
        view = svc.get_complaint(desk, cid)
        assert view.severity == "热点" and view.handler == "总经理助理"
        assert any(e.step == "等级提升" and "3位不同业主" in e.note for e in view.events)
        assert any(d.what == "3个工作日内报品质部" for d in view.duties)


def test_C4_the_same_household_twice_is_one_complainant(desk):
    a, b = neighbours(desk, 2)
    first = svc.register_complaint(desk, lift(a))
    second = svc.register_complaint(desk, lift(a), link_ids=[first.complaint_id])
    third = svc.register_complaint(desk, lift(b), link_ids=[second.complaint_id])
    assert third.severity.value == "一般"


def test_C4_candidates_are_same_type_same_building_within_a_month(desk, clock):
    a, b = neighbours(desk, 2)
    other = household(desk, "4栋1单元0101", "孙九", "13812349999")
    old = svc.register_complaint(desk, lift(a))
    svc.register_complaint(desk, lift(other))                         # another building
    svc.register_complaint(desk, lift(a, subtopic="车辆管理"))         # another sub-topic
    clock.set(clock() + timedelta(days=32))
    assert svc.candidates(desk, "物业管理", "设备设施", "3栋") == []  # over a month ago
    clock.set(clock() - timedelta(days=5))
    assert [x.id for x in svc.candidates(desk, "物业管理", "设备设施", "3栋1单元0201")] == \
        [old.complaint_id]
    assert svc.candidates(desk, "", "", "3栋") == []
    assert svc.candidates(desk, "乱写", "", "3栋") == []
    assert b


def _close(desk, cid: int, rating: str = "A") -> None:
    svc.handle(desk, cid, "已联系工程部")
    svc.fix(desk, cid, "电梯已修好")
    svc.tell(desk, cid, "电话告知张先生")
    svc.return_visit(desk, cid, VisitInput("电梯运行情况", "运行正常", rating))
    svc.close(desk, cid, "结案")


def test_C4_a_complaint_on_a_closed_matter_is_important_and_linked(desk):
    a, b = neighbours(desk, 2)
    first = svc.register_complaint(desk, lift(a))
    _close(desk, first.complaint_id)
    again = svc.register_complaint(desk, lift(b), link_ids=[first.complaint_id])
    assert again.severity.value == "重要" and "已关闭事项再次投诉" in again.reason
    view = svc.get_complaint(desk, again.complaint_id)
    assert view.repeat_of_id == first.complaint_id and view.recurring        # rule C10
    assert view.matter_id == first.complaint_id
    assert svc.get_complaint(desk, first.complaint_id).recurring


def test_C4_the_clerk_may_raise_the_proposal_with_the_reason_kept(desk):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid, severity="重要"))
    assert done.severity.value == "重要" and "受理人提高等级" in done.reason
    svc.raise_severity(desk, done.complaint_id, "重大", "业主称将找媒体")
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.severity == "重大" and view.handler == "总经理"
    with pytest.raises(ValidationError, match="只能提高"):
        svc.raise_severity(desk, done.complaint_id, "热点", "降级试试")


def test_C4_the_daily_check_raises_after_a_week_and_a_month_and_records_it(desk, clock):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid))
    outside = svc.register_complaint(desk, lift(hid, office_fault=False))
    clock.set(clock() + timedelta(days=6))
    assert svc.daily_check(desk) == ""
    clock.set(clock() + timedelta(days=1))
    line = svc.daily_check(desk)
    assert "1宗" in line and "热点" in line
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.severity == "热点" and view.severity_reason == "投诉一周仍未解决（管理处责任）"
    assert view.events[-1].step == "等级提升" and view.events[-1].operator == "王管理"
    assert svc.daily_check(desk) == ""                            # once only
    clock.set(datetime(2026, 12, 18, 10, 0))
    assert "重大" in daily.run_all(desk)[0]                         # registered as a daily job
    assert svc.get_complaint(desk, done.complaint_id).severity == "重大"
    assert svc.get_complaint(desk, outside.complaint_id).severity == "一般"


def test_C4_a_fixed_complaint_is_not_raised(desk, clock):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid))
    svc.fix(desk, done.complaint_id, "当场解决")
    clock.set(clock() + timedelta(days=8))
    assert svc.daily_check(desk) == ""


def test_C5_the_handler_comes_from_the_settings(desk):
    office_settings.put(desk, settings.COMPLAINT_HANDLER_GENERAL, "物管员小陈")
    hid = household(desk)
    assert svc.register_complaint(desk, lift(hid)).handler == "物管员小陈"
    with pytest.raises(ValidationError):
        office_settings.put(desk, settings.COMPLAINT_HANDLER_HOT, "总经理\x07")


def test_C6_the_duties_appear_as_a_checklist_and_are_ticked_once(desk):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid, media=True))
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.severity == "重大"
    duty = next(d for d in view.duties if d.what == "立即报总部")
    assert duty.due == datetime(2026, 11, 18, 11, 0)
    svc.notify_done(desk, duty.id, "已电话报总部值班室")
    view = svc.get_complaint(desk, done.complaint_id)
    assert next(d for d in view.duties if d.id == duty.id).done_by == "王管理"
    assert view.events[-1].step == "通报"
    with pytest.raises(ValidationError, match="已于"):
        svc.notify_done(desk, duty.id)


def test_C7_an_unclassified_matter_goes_up_within_four_hours(desk, clock):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid, resp_class="待定"))
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.escalate_due == datetime(2026, 11, 18, 14, 0)
    clock.set(datetime(2026, 11, 18, 14, 30))
    assert "4小时内上报" in svc.get_complaint(desk, done.complaint_id).overdue
    svc.escalate(desk, done.complaint_id, "初步判断为开发商遗留问题", "项目经理")
    clock.set(datetime(2026, 11, 18, 18, 31))                # the answer is 4 hours late
    assert "4小时内答复" in svc.get_complaint(desk, done.complaint_id).overdue
    svc.answer(desk, done.complaint_id, "属二类，报开发商", resp_class="二类")
    view = svc.get_complaint(desk, done.complaint_id)
    assert view.resp_class == "二类" and "4小时内上报" not in view.overdue
    assert "4小时内答复" not in view.overdue
    from datetime import date

    from wuye_desk.services import complaint_figures
    rates = {r.clock: r for r in complaint_figures.on_time_rates(
        desk, date(2026, 11, 1), date(2026, 11, 30))}
    assert (rates["4小时内上报"].on_time, rates["4小时内上报"].due) == (0, 1)
    assert (rates["4小时内答复"].on_time, rates["4小时内答复"].due) == (0, 1)


def test_C8_the_whole_flow_is_kept_in_the_history(desk):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid)).complaint_id
    _close(desk, cid)
    view = svc.get_complaint(desk, cid)
    assert view.state == "已关闭"
    assert [e.step for e in view.events] == ["受理", "处理", "处理完毕", "告知投诉人", "回访",
                                             "关闭"]
    assert [e.state_after for e in view.events] == ["受理", "处理中", "已处理", "已处理",
                                                    "已回访", "已关闭"]
    assert view.visits[0].satisfaction == "A"


def test_C8_steps_out_of_order_are_refused_and_nothing_written(desk):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid)).complaint_id
    before = snapshot(desk)
    with pytest.raises(ValidationError, match="规则C8"):
        svc.close(desk, cid, "直接关")
    with pytest.raises(ValidationError, match="规则C8"):
        svc.return_visit(desk, cid, VisitInput("内容", "结果", "A"))
    svc.fix(desk, cid, "修好了")
    with pytest.raises(ValidationError, match="先告知投诉人"):
        svc.return_visit(desk, cid, VisitInput("内容", "结果", "A"))
    with pytest.raises(ValidationError, match="请填写处理结果"):
        svc.fix(desk, cid, "")
    assert snapshot(desk)[0] == before[0]


def test_C8_a_compensation_claim_is_recorded_and_proposed_for_escalation(desk):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid, compensation=True))
    assert done.severity.value == "重要" and "索赔" in done.reason
    assert "索赔" in svc.get_complaint(desk, done.complaint_id).flags


def test_C9_a_C_return_visit_reopens_the_matter_as_a_follow_up(desk, clock):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid)).complaint_id
    svc.fix(desk, cid, "换了按钮")
    svc.tell(desk, cid, "已告知")
    state = svc.return_visit(desk, cid, VisitInput("电梯情况", "仍然时好时坏", "C", "刘回访"))
    assert state.value == "处理中"
    view = svc.get_complaint(desk, cid)
    assert view.follow_ups == 1 and view.fixed_at is None
    assert view.events[-1].step.startswith("跟进")
    assert view.visits[0].visitor_name == "刘回访" and view.visits[0].satisfaction == "C"
    with pytest.raises(ValidationError):
        svc.return_visit(desk, cid, VisitInput("a", "b", "D"))
    assert count(desk, ReturnVisit) == 1


def test_C1_an_invalid_complaint_is_kept_with_its_explanation(desk):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid)).complaint_id
    with pytest.raises(ValidationError, match="解释说明"):
        svc.mark_invalid(desk, cid, " ")
    svc.mark_invalid(desk, cid, "经核实电梯当日年检停运，已提前公告，已向业主解释")
    view = svc.get_complaint(desk, cid)
    assert view.state == "无效" and "年检" in view.invalid_reason
    assert count(desk) == 1


def test_G4_a_correction_is_a_new_entry_pointing_at_the_old_one(desk):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid)).complaint_id
    svc.handle(desk, cid, "已联系工程部李工")
    old = svc.get_complaint(desk, cid).events[-1]
    svc.correct(desk, old.id, "应为工程部王工")
    events = svc.get_complaint(desk, cid).events
    assert events[-2].note == "已联系工程部李工"             # still there
    assert events[-1].corrects_id == old.id and events[-1].step == "更正"


def test_C10_only_closed_complaints_go_to_the_case_library(desk):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid)).complaint_id
    with pytest.raises(ValidationError, match="案例库"):
        svc.set_case_library(desk, cid, True)
    _close(desk, cid)
    svc.set_case_library(desk, cid, True)
    assert svc.get_complaint(desk, cid).case_library


def test_a_front_desk_clerk_registers_but_does_not_fix(desk_as):
    clerk = desk_as(Role.FRONT_DESK)
    hid = household(desk_as(Role.ADMIN))
    cid = svc.register_complaint(clerk, lift(hid)).complaint_id
    with pytest.raises(PermissionDenied):
        svc.fix(clerk, cid, "修好了")


def test_the_list_shows_open_ones_by_nearest_deadline_overdue_in_red(desk, clock):
    a, b = neighbours(desk, 2)
    general = svc.register_complaint(desk, lift(a)).complaint_id
    major = svc.register_complaint(desk, lift(b, litigation=True)).complaint_id
    closed = svc.register_complaint(desk, lift(a, subtopic="车辆管理")).complaint_id
    svc.mark_invalid(desk, closed, "重复登记")
    page = svc.list_query(desk).page()
    assert [r.id for r in page.rows] == [general, major]   # both contact at 11:00; id order
    svc.handle(desk, general, "联系中")
    svc.handle(desk, major, "联系中")
    clock.set(datetime(2026, 11, 19, 12, 0))              # the 重大 fix (1 day) has passed
    rows = svc.list_query(desk).page().rows
    assert [r.id for r in rows] == [major, general]
    assert rows[0].tone is Tone.OVERDUE and rows[1].tone is not Tone.OVERDUE
    assert [r.id for r in svc.list_query(desk, ComplaintFilter(overdue=True)).page().rows] == \
        [major]
    every = svc.list_query(desk, ComplaintFilter(open_only=False)).page().rows
    assert {r.id for r in every} == {general, major, closed}
    assert [r.id for r in svc.list_query(desk, ComplaintFilter(state="无效")).page().rows] == \
        [closed]
    assert [r.id for r in svc.list_query(desk, ComplaintFilter(severity="重大")).page().rows] == \
        [major]
    assert svc.list_query(desk, ComplaintFilter(building="3", text="电梯")).count() == 2
    assert svc.list_query(desk, ComplaintFilter(text="李四")).count() == 1
    with pytest.raises(ValidationError):
        svc.list_query(desk, ComplaintFilter(state="乱"))


def test_the_overview_shows_due_and_overdue_complaint_duties(desk, clock):
    hid = household(desk)
    cid = svc.register_complaint(desk, lift(hid, media=True)).complaint_id
    clock.set(datetime(2026, 11, 18, 12, 0))
    lines = [ln for ln in overview.gather(desk) if ln.area == "投诉"]
    assert lines and all(ln.record_id == cid for ln in lines)
    assert any("已超时" in ln.text and ln.tone is Tone.OVERDUE for ln in lines)
    assert any("立即报总部" in ln.text for ln in lines)
    assert count(desk, ComplaintDuty) >= 3


def test_find_by_serial_and_missing_records(desk):
    hid = household(desk)
    done = svc.register_complaint(desk, lift(hid))
    assert svc.find_by_serial(desk, done.serial.lower()) == done.complaint_id
    with pytest.raises(ValidationError):
        svc.find_by_serial(desk, "TS000")
    from wuye_desk.domain.errors import NotFound
    with pytest.raises(NotFound):
        svc.handle(desk, 999, "x")


def test_linking_an_unknown_complaint_is_refused(desk):
    hid = household(desk)
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        svc.register_complaint(desk, lift(hid), link_ids=[4242])
    assert err.value.field == "关联投诉"
    assert snapshot(desk) == before


def test_input_is_a_plain_dataclass():
    assert ComplaintInput().complainant_kind == "业户"


def test_C7_a_year_the_package_does_not_know_warns_and_office_dates_count(desk, clock):
    hid = household(desk)
    clock.set(datetime(2099, 1, 5, 10, 0))                     # a Monday
    done = svc.register_complaint(desk, lift(hid, received_at=datetime(2099, 1, 5, 10, 0)))
    assert done.fix_due == datetime(2099, 1, 8, 10, 0)         # weekends only
    assert "2099年的法定节假日安排尚未收录" in done.calendar_warning
    office_settings.put(desk, settings.EXTRA_HOLIDAYS, ["2099-01-06"])
    again = svc.register_complaint(desk, lift(hid))
    assert again.fix_due == datetime(2099, 1, 9, 10, 0)        # the office's day off skipped
    assert again.calendar_warning == ""                         # the office has entered 2099
