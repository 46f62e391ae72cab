"""The key cabinet on a real SQLite file (rules K1–K8, G3, G4)."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.services.key_helpers import (
    PASSWORD,
    ZHAO_ID,
    add_household,
    key_input,
    loan_input,
    snapshot,
)
from wuye_desk import settings
from wuye_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import key_figures, key_register, keys, office_settings, operators, overview
from wuye_desk.services.keys import EmergencyInput, HandoverInput, LoanCorrection, SlotState
from wuye_desk.store.models import AuditEntry, KeyEvent


@pytest.fixture
def manager(desk_as):
    return desk_as(Role.MANAGER)


@pytest.fixture
def clerk(desk_as):
    return desk_as(Role.FRONT_DESK)


def refused(desk, fn, *args, rule: str | None = None, **kw) -> ValidationError:
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        fn(*args, **kw)
    assert snapshot(desk) == before, "nothing is written on a refusal"
    if rule:
        assert err.value.rule == rule, err.value.message
        assert f"规则{rule}" in err.value.message
    return err.value


# --- K1, K2: taking a key in -------------------------------------------------------------

def test_K2_take_in_from_the_archive_with_the_id_checked_and_masked(desk, clerk):
    add_household(desk)
    assert keys.propose_slot(clerk) == "A-01"
    done = keys.take_in(clerk, key_input())
    assert done.slot == "A-01" and done.unit == "3栋2单元1502"
    view = keys.get_key(clerk, done.key_id)
    assert view.depositor_id == "居民身份证 1101**********002X"          # rule G3
    assert view.id_checked_by == clerk.operator.name and view.key_count == 2
    assert view.events[0][1] == "收存" and ZHAO_ID not in view.events[0][2]
    assert keys.propose_slot(clerk) == "A-02"
    with clerk.read() as s:                                               # rule G3
        trail = " ".join(a or "" for a in s.scalars(select(AuditEntry.after_json)))
    assert ZHAO_ID not in trail


def test_K2_full_id_needs_the_right_and_is_recorded(desk, clerk):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    with pytest.raises(PermissionDenied):
        keys.get_key(clerk, key_id, reveal_id=True)
    assert ZHAO_ID in keys.get_key(desk, key_id, reveal_id=True).depositor_id
    with desk.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.change == "view",
                                                 AuditEntry.entity == "cabinet_key"))


def test_K2_bad_input_is_refused_and_nothing_written(desk):
    add_household(desk)
    assert refused(desk, keys.take_in, desk, key_input(unit="9栋9单元9999"), rule="K2").field == "房号"
    assert refused(desk, keys.take_in, desk, key_input(depositor_id_number="110105194912310021")
                   ).field == "委托人证件号码"
    assert refused(desk, keys.take_in, desk, key_input(depositor_name=""), rule="K2")
    assert refused(desk, keys.take_in, desk, key_input(condition="  "), rule="K2")
    assert refused(desk, keys.take_in, desk, key_input(key_count="many")).field == "钥匙数量"
    assert refused(desk, keys.take_in, desk, key_input(slot="Z-999")).field == "格位"
    assert refused(desk, keys.take_in, desk, key_input(kind="车钥匙")).field == "钥匙类别"
    assert refused(desk, keys.take_in, desk, key_input(tag="a\x00b")).field == "钥匙标签"
    assert refused(desk, keys.take_in, desk, key_input(unit="")).field == "房号"


def test_K2_a_slot_that_holds_a_key_cannot_take_another(desk):
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    keys.take_in(desk, key_input(slot="A-05"))
    err = refused(desk, keys.take_in, desk, key_input(unit="3栋2单元1503", slot="a5"), rule="K2")
    assert "A-05" in err.message and err.field == "格位"
    # the same household's same kind is one record, corrected rather than doubled
    refused(desk, keys.take_in, desk, key_input(slot="A-06"), rule="K2")


def test_K2_full_cabinet(desk):
    office_settings.put(desk, settings.KEY_SLOT_COUNT, 1)
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    keys.take_in(desk, key_input())
    assert keys.propose_slot(desk) is None
    assert "已满" in refused(desk, keys.take_in, desk, key_input(unit="3栋2单元1503")).message


def test_K1_public_area_and_unhanded_keys(desk):
    add_household(desk, "5栋1单元101", occupancy="未入伙")
    add_household(desk)
    pub = keys.take_in(desk, key_input(unit="", kind="公共区域钥匙", tag="配电房",
                                       depositor_name="", depositor_id_number=""))
    assert keys.get_key(desk, pub.key_id).unit == "" and pub.unit == "配电房"
    refused(desk, keys.take_in, desk, key_input(unit="", kind="公共区域钥匙", tag=""), rule="K1")
    keys.take_in(desk, key_input(unit="5栋1单元101", kind="未入伙钥匙"))
    refused(desk, keys.take_in, desk, key_input(kind="未入伙钥匙"), rule="K1")


def test_K2_inventory_is_derived_from_the_records(desk):
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    a = keys.take_in(desk, key_input(slot="A-10")).key_id
    keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-02"))
    rows = keys.inventory(desk)
    assert [r.slot for r in rows] == ["A-02", "A-10"]
    keys.return_to_owner(desk, a, receiver="张三")
    assert [r.slot for r in keys.inventory(desk)] == ["A-02"]
    assert keys.get_key(desk, a).status == "已退还业主"           # the history stays
    assert [e[1] for e in keys.get_key(desk, a).events] == ["收存", "退还业主"]
    assert keys.propose_slot(desk) == "A-01"
    keys.take_in(desk, key_input(slot="A-10"))                     # the slot is free again


# --- K3: lending ----------------------------------------------------------------------------

def test_K3_lend_and_return_with_approval(desk, clerk, manager, clock):
    add_household(desk)
    key_id = keys.take_in(clerk, key_input()).key_id
    assert manager.operator.name in [a.name for a in keys.approvers(clerk)]   # whom to ask
    lent = keys.lend(clerk, key_id, loan_input(manager))
    assert lent.due_at == datetime(2026, 11, 18, 18, 0)
    assert keys.get_key(clerk, key_id).status == "借出"
    clock.set(datetime(2026, 11, 18, 15, 0))
    back = keys.return_key(clerk, key_id, condition="完好")
    assert back.late is None
    view = keys.get_key(clerk, key_id)
    assert view.status == "在柜" and view.loans[0].received_by == clerk.operator.name
    assert view.loans[0].borrower_id.startswith("居民身份证 3101")        # masked


def test_K3_refusals_name_the_rule_and_write_nothing(desk, clerk, manager):
    add_household(desk)
    key_id = keys.take_in(clerk, key_input()).key_id
    assert refused(clerk, keys.lend, clerk, key_id, loan_input(None), rule="K3").field == "批准人"
    assert refused(clerk, keys.lend, clerk, key_id, loan_input(clerk),
                   rule="K3").field == "批准人"                          # a clerk cannot approve
    refused(clerk, keys.lend, clerk, key_id, loan_input(manager, due="明天 9:00"),
            rule="K3")                                                  # overnight
    refused(clerk, keys.lend, clerk, key_id, loan_input(manager, purpose=""),
            rule="K3")
    refused(clerk, keys.lend, clerk, key_id, loan_input(manager, borrower_id_number="123"))
    refused(clerk, keys.lend, clerk, key_id, loan_input(manager, due="later"))
    refused(clerk, keys.lend, clerk, key_id, loan_input(manager, borrower_kind="施工单位"),
            rule="K3")                                                  # company missing
    keys.lend(clerk, key_id, loan_input(manager))
    err = refused(clerk, keys.lend, clerk, key_id, loan_input(manager), rule="K3")
    assert "已经借出" in err.message
    with pytest.raises(NotFound):
        keys.lend(clerk, 9999, loan_input(manager))


@pytest.mark.parametrize(("who", "typed", "field"), [
    ("", {}, "批准人"),                                         # nobody named
    ("manager", {"approver_login": "  "}, "批准人"),
    ("manager", {"approver_password": ""}, "批准人密码"),
    ("manager", {"approver_password": "jingli-2025"}, "批准人密码"),    # wrong password
    ("manager", {"approver_login": "nobody"}, "批准人密码"),     # the same words: no hint
    ("clerk", {}, "批准人"),                                    # 前台 has not the right
    ("disabled", {}, "批准人密码"),                             # a deactivated manager
])
def test_K3_the_manager_approves_with_their_own_password_or_nothing_is_written(
        desk, clerk, manager, desk_as, who, typed, field):
    add_household(desk)
    key_id = keys.take_in(clerk, key_input()).key_id
    approving = {"manager": manager, "clerk": clerk, "disabled": manager}.get(who)
    data = loan_input(approving, **typed)
    if who == "disabled":
        operators.deactivate(desk, manager.operator.login)
    err = refused(clerk, keys.lend, clerk, key_id, data, rule="K3")
    assert err.field == field and "规则K3" in err.message
    assert PASSWORD not in err.message and keys.get_key(clerk, key_id).status == "在柜"


def test_K3_the_password_goes_nowhere_and_the_loan_names_the_manager(desk, clerk, manager):
    add_household(desk)
    key_id = keys.take_in(clerk, key_input()).key_id
    keys.lend(clerk, key_id, loan_input(manager))
    view = keys.get_key(clerk, key_id)
    assert view.open_loan is not None and view.open_loan.approver == manager.operator.name
    assert f"{manager.operator.name}批准" in view.events[-1][2]
    with desk.read() as s:
        trail = [(e.action, e.before_json, e.after_json) for e in s.scalars(select(AuditEntry))]
        events = " ".join(s.scalars(select(KeyEvent.text)))
    assert PASSWORD not in repr(trail) and PASSWORD not in events
    assert PASSWORD not in repr(loan_input(manager))           # nor in a traceback's locals


def test_K3_repair_works_may_stay_out_overnight_with_a_due_time(desk, manager):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    refused(desk, keys.lend, desk, key_id, loan_input(manager, repair_works=True),
            rule="K3")
    lent = keys.lend(desk, key_id, loan_input(manager, repair_works=True,
                                              due="明天 17:00", borrower_kind="施工单位",
                                              borrower_company="宏达水电"))
    assert lent.due_at == datetime(2026, 11, 19, 17, 0)


def test_K3_unhanded_key_twelve_hours(desk, manager, clock):
    add_household(desk, "5栋1单元101", occupancy="未入伙")
    key_id = keys.take_in(desk, key_input(unit="5栋1单元101", kind="未入伙钥匙")).key_id
    err = refused(desk, keys.lend, desk, key_id,
                  loan_input(manager, repair_works=True, due="明天 9:00"), rule="K3")
    assert "12小时" in err.message
    keys.lend(desk, key_id, loan_input(manager, repair_works=True, due="21:00"))
    clock.set(datetime(2026, 11, 18, 22, 30))   # out at 10:00, 12 h → 22:00
    cell = next(c for c in keys.cabinet(desk) if c.key_id == key_id)
    assert cell.state is SlotState.OVERDUE and cell.late == "1小时30分钟"


def test_K3_repair_key_of_a_moved_in_owner_needs_prior_consent(desk, manager):
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    without = keys.take_in(desk, key_input(kind="返修钥匙")).key_id
    err = refused(desk, keys.lend, desk, without, loan_input(manager), rule="K3")
    assert err.field == "业主事先同意"
    with_consent = keys.take_in(desk, key_input(unit="3栋2单元1503", kind="返修钥匙",
                                                owner_consent="业主张三书面同意维修使用")).key_id
    keys.lend(desk, with_consent, loan_input(manager))


def test_K3_returning_a_key_that_is_not_out_is_refused(desk):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    refused(desk, keys.return_key, desk, key_id, rule="K3")
    refused(desk, keys.return_key, desk, key_id, condition="")


def test_K3_alarms_red_on_the_grid_and_the_overview_with_how_late(desk, manager, clock):
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-03")).key_id
    keys.lend(desk, key_id, loan_input(manager))
    assert next(c for c in keys.cabinet(desk) if c.label == "A-03").state is SlotState.LENT
    assert not [ln for ln in overview.gather(desk) if ln.area == "钥匙"]
    clock.set(datetime(2026, 11, 18, 20, 15))
    cell = next(c for c in keys.cabinet(desk) if c.label == "A-03")
    assert cell.state is SlotState.OVERDUE and cell.late == "2小时15分钟"
    lines = [ln for ln in overview.gather(desk) if ln.area == "钥匙"]
    assert len(lines) == 1 and lines[0].tone.value == "overdue"
    assert "过了下班时间" in lines[0].text and "2小时15分钟" in lines[0].text
    assert lines[0].tab == "keys" and lines[0].record_id == key_id
    q = keys.list_query(desk, view="超时未还")
    assert [r.id for r in q.page().rows] == [key_id]
    back = keys.return_key(desk, key_id)
    assert back.late is not None and back.late.minutes == 135
    assert not [ln for ln in overview.gather(desk) if ln.area == "钥匙"]


# --- K4 emergencies -------------------------------------------------------------------------

def test_K4_emergency_owner_first_then_contact_from_the_archive(desk):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    contacts = keys.emergency_contacts(desk, key_id)
    assert [(c.whom.value, c.name) for c in contacts] == [("业主", "张三"), ("紧急联系人", "王五")]
    refused(desk, keys.record_emergency, desk, key_id,
            EmergencyInput(reason="爆管", told_whom="紧急联系人", told_name="王五"), rule="K4")
    refused(desk, keys.record_emergency, desk, key_id,
            EmergencyInput(reason="爆管", told_whom="紧急联系人", told_name="路人甲",
                           owner_unreachable=True), rule="K4")
    refused(desk, keys.record_emergency, desk, key_id,
            EmergencyInput(reason="其他", told_name="张三"), rule="K4")
    refused(desk, keys.record_emergency, desk, key_id, EmergencyInput(reason="地震了", told_name="张三"))
    refused(desk, keys.record_emergency, desk, key_id, EmergencyInput(reason="火灾", told_name=""),
            rule="K4")
    keys.record_emergency(desk, key_id, EmergencyInput(reason="火灾", told_name="张三",
                                                       told_at="09:55"))
    keys.record_emergency(desk, key_id, EmergencyInput(
        reason="爆管", told_whom="紧急联系人", told_name="王五", owner_unreachable=True))
    texts = [e[2] for e in keys.get_key(desk, key_id).events if e[1] == "紧急使用"]
    assert "09:55 电话通知业主张三" in texts[0] and "业主联系不上" in texts[1]


# --- K5 copies ------------------------------------------------------------------------------

def test_K5_no_copies_without_permission(desk):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    refused(desk, keys.record_copy, desk, key_id, 1, rule="K5")
    refused(desk, keys.permit_copy, desk, key_id, "", rule="K5")
    keys.permit_copy(desk, key_id, "业主张三电话同意")
    keys.record_copy(desk, key_id, 1)
    assert keys.get_key(desk, key_id).key_count == 3


# --- K6 lock change -------------------------------------------------------------------------

def test_K6_new_key_to_the_duty_manager_sealed_within_24_hours(desk, desk_as, clock):
    duty = desk_as(Role.DUTY_MANAGER)
    add_household(desk)
    old = keys.take_in(desk, key_input(slot="A-04")).key_id
    change = keys.change_lock(desk, old, "业主要求更换锁芯")
    assert keys.get_key(desk, old).status == "已停用"
    assert keys.open_lock_changes(desk)[0][0] == change
    clock.set(datetime(2026, 11, 19, 11, 0))         # 25 hours later
    alarm = [ln for ln in overview.gather(desk) if ln.area == "钥匙"]
    assert len(alarm) == 1 and "24小时" in alarm[0].text and "1小时" in alarm[0].text
    refused(desk, keys.hand_new_key, desk, change, duty_manager_id=duty.operator.id, sealed=False,
            rule="K6")
    refused(desk, keys.hand_new_key, desk, change, duty_manager_id=desk.operator.id, sealed=True,
            rule="K6")                                # an administrator is not the duty manager
    new = keys.hand_new_key(desk, change, duty_manager_id=duty.operator.id, sealed=True)
    view = keys.get_key(desk, new)
    assert view.slot == "A-04" and "封存" in view.condition
    assert "超过24小时" in view.events[-1][2]
    assert not [ln for ln in overview.gather(desk) if ln.area == "钥匙"]
    refused(desk, keys.hand_new_key, desk, change, duty_manager_id=duty.operator.id, sealed=True,
            rule="K6")


# --- K7 handover ----------------------------------------------------------------------------

def test_K7_handover_lists_the_missing_key(desk, manager):
    for unit in ("3栋2单元1502", "3栋2单元1503", "3栋2单元1504"):
        add_household(desk, unit)
    a = keys.take_in(desk, key_input(slot="A-01")).key_id
    keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-02"))
    c = keys.take_in(desk, key_input(unit="3栋2单元1504", slot="A-03")).key_id
    keys.lend(desk, c, loan_input(manager))
    sheet = keys.handover_sheet(desk)
    assert [(ln.slot, ln.in_cabinet) for ln in sheet] == [("A-01", True), ("A-02", True),
                                                          ("A-03", False)]
    refused(desk, keys.record_handover, desk, HandoverInput("李小梅", "王芳", absent=["A-02"]),
            rule="K7")                                 # not signed off
    refused(desk, keys.record_handover, desk, HandoverInput("李小梅", "李小梅", signed_off=True),
            rule="K7")
    refused(desk, keys.record_handover, desk, HandoverInput("李小梅", "王芳", absent=["A-09"],
                                                          signed_off=True), rule="K7")
    refused(desk, keys.record_handover, desk, HandoverInput("李小梅", "王芳", extra=["A-01"],
                                                          signed_off=True), rule="K7")
    done = keys.record_handover(desk, HandoverInput("李小梅", "王芳", absent=["a2"],
                                                    extra=["A-07"], signed_off=True))
    assert (done.expected, done.counted) == (2, 1)
    assert len(done.discrepancies) == 2 and "A-02" in done.discrepancies[0]
    assert "A-07" in done.discrepancies[1]
    assert keys.current_keeper(desk) == "王芳"
    assert keys.get_key(desk, a).events[-1][1] == "交接清点"


# --- K8, G4 ---------------------------------------------------------------------------------

def test_G4_correction_is_a_new_entry_pointing_at_the_old(desk):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    refused(desk, keys.correct_key, desk, key_id, reason="", key_count_text=3, rule="G4")
    refused(desk, keys.correct_key, desk, key_id, reason="点错", key_count_text=2)  # no change
    event_id = keys.correct_key(desk, key_id, reason="实际为3把", key_count_text=3)
    with desk.read() as s:
        events = list(s.scalars(select(KeyEvent).where(KeyEvent.key_id == key_id)
                                .order_by(KeyEvent.id)))
    assert events[0].kind == "收存" and "2把" in events[0].text   # the old entry unchanged
    assert events[1].id == event_id and events[1].corrects_id == events[0].id
    assert keys.get_key(desk, key_id).key_count == 3


def _lent_and_returned_late(desk, manager, clock) -> tuple[int, int]:
    """A key lent at 10:00 and registered back at 19:00 — after the end of the day."""
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-04")).key_id
    loan_id = keys.lend(desk, key_id, loan_input(manager)).loan_id
    clock.set(datetime(2026, 11, 18, 19, 0))
    assert keys.return_key(desk, key_id).late is not None
    return key_id, loan_id


def test_G4_a_loan_corrected_by_a_new_entry_and_the_register_and_figures_read_it(
        desk, clerk, manager, clock):
    key_id, loan_id = _lent_and_returned_late(desk, manager, clock)
    assert key_figures.month_figures(desk, 2026, 11).overdue_returns == 1
    clock.set(datetime(2026, 11, 19, 9, 10))
    # the key really came back at 17:30; the clerk registered it when the shift ended
    event_id = keys.correct_loan(clerk, loan_id, LoanCorrection(
        reason="钥匙17:30已交回，下班前补登记", returned_at="17:30"))
    with desk.read() as s:
        events = list(s.scalars(select(KeyEvent).where(KeyEvent.key_id == key_id)
                                .order_by(KeyEvent.id)))
    lent, back, fix = events[1], events[2], events[3]
    assert (lent.kind, back.kind, fix.kind) == ("借出", "归还", "更正")
    assert "已超时" in back.text                                   # the old entry unchanged
    assert fix.id == event_id and fix.corrects_id == back.id and fix.loan_id == loan_id
    assert "归还时间 11-18 19:00→11-18 17:30" in fix.text and "下班前补登记" in fix.text
    assert fix.operator_name == clerk.operator.name and fix.at == datetime(2026, 11, 19, 9, 10)
    view = keys.get_key(desk, key_id)
    loan = view.loans[0]
    assert loan.returned_at == datetime(2026, 11, 18, 17, 30) and loan.late == ""
    assert len(loan.corrections) == 1 and clerk.operator.name in loan.corrections[0]
    assert key_figures.month_figures(desk, 2026, 11).overdue_returns == 0
    [row] = list(key_register.loan_rows(desk, date(2026, 11, 1), date(2026, 11, 30)))
    assert row[13] == datetime(2026, 11, 18, 17, 30) and row[16] == "否"
    # the borrower's phone and the due time, in one entry pointing at the lending
    keys.correct_loan(clerk, loan_id, LoanCorrection(reason="电话记错，应还时间写错",
                                                     borrower_phone="13600002222", due="17:00"))
    view = keys.get_key(desk, key_id)
    loan = view.loans[0]
    assert loan.due_at == datetime(2026, 11, 18, 17, 0) and loan.late.startswith("逾期归还")
    assert loan.borrower_phone == "136****2222" and len(loan.corrections) == 2
    assert "电话 136****1111→136****2222" in view.events[-1][2]     # masked in the history
    assert "应还时间 11-18 18:00→11-18 17:00" in view.events[-1][2]
    with desk.read() as s:
        fix = s.scalars(select(KeyEvent).order_by(KeyEvent.id.desc()).limit(1)).one()
    assert fix.corrects_id == lent.id
    assert key_figures.month_figures(desk, 2026, 11).overdue_returns == 1   # 17:30 > 17:00


def test_G4_a_return_condition_corrected_is_the_keys_condition_too(desk, manager, clock):
    key_id, loan_id = _lent_and_returned_late(desk, manager, clock)
    keys.correct_loan(desk, loan_id, LoanCorrection(reason="看错了", return_condition="钥匙牌缺失",
                                                    received_by="王芳"))
    view = keys.get_key(desk, key_id)
    assert view.condition == "钥匙牌缺失"
    assert (view.loans[0].return_condition, view.loans[0].received_by) == ("钥匙牌缺失", "王芳")


def test_G4_loan_corrections_that_make_no_sense_are_refused_and_nothing_written(
        desk, manager, clock):
    key_id, loan_id = _lent_and_returned_late(desk, manager, clock)
    clock.set(datetime(2026, 11, 19, 9, 0))
    second = keys.lend(desk, key_id, loan_input(manager)).loan_id       # out again at 09:00
    clock.set(datetime(2026, 11, 19, 11, 0))

    def fix(loan, **typed):
        return refused(desk, keys.correct_loan, desk, loan, LoanCorrection(**typed))

    assert fix(loan_id, returned_at="17:30").field == "更正原因"                    # no reason
    assert fix(loan_id, reason="   ", returned_at="17:30").rule == "G4"
    assert "早于借出时间" in fix(loan_id, reason="x", returned_at="09:30").message
    assert "下一次借出" in fix(loan_id, reason="x", returned_at="明天 10:00").message
    assert "晚于现在" in fix(loan_id, reason="x", returned_at="2026-11-19 11:30").message
    assert fix(loan_id, reason="x", returned_at="later").field == "归还时间"
    assert fix(loan_id, reason="x", returned_at="").field == "归还时间"
    assert fix(loan_id, reason="x", received_by="").field == "接收人"
    assert fix(loan_id, reason="x", return_condition=" ").field == "归还时状况"
    assert fix(second, reason="x", returned_at="10:00").field == "归还时间"         # still out
    assert fix(loan_id, reason="x", due="明天 9:00").rule == "K3"                    # overnight
    assert fix(loan_id, reason="x", due="09:00").field == "应还时间"                 # before out
    assert fix(loan_id, reason="x", borrower_phone="12345").field == "借用人电话"
    assert fix(loan_id, reason="x", borrower_name="").field == "借用人姓名"
    assert fix(loan_id, reason="x", borrower_id_number="110105194912310021").field \
        == "借用人证件号码"
    assert fix(loan_id, reason="x", returned_at="19:00").field == "更正原因"        # no change
    assert fix(loan_id, reason="x").field == "更正原因"                             # nothing
    before = snapshot(desk)
    with pytest.raises(NotFound):
        keys.correct_loan(desk, 9999, LoanCorrection(reason="x", returned_at="17:30"))
    assert snapshot(desk) == before
    assert keys.get_key(desk, key_id).loans[1].returned_at == datetime(2026, 11, 18, 19, 0)


def test_K8_missing_and_damaged_keys_and_the_month_figures(desk, manager, clock):
    for unit in ("3栋2单元1502", "3栋2单元1503", "3栋2单元1504"):
        add_household(desk, unit)
    a = keys.take_in(desk, key_input()).key_id
    b = keys.take_in(desk, key_input(unit="3栋2单元1503")).key_id
    c = keys.take_in(desk, key_input(unit="3栋2单元1504")).key_id
    keys.lend(desk, a, loan_input(manager))
    clock.set(datetime(2026, 11, 18, 19, 0))
    keys.return_key(desk, a)                                   # late
    keys.lend(desk, b, loan_input(manager))
    keys.return_key(desk, b)
    refused(desk, keys.report_problem, desk, c, "遗失", "", rule="K8")
    keys.report_problem(desk, c, "遗失", "交接时未找到")
    keys.report_problem(desk, b, "损坏", "钥匙齿断裂")
    keys.record_emergency(desk, a, EmergencyInput(reason="火灾", told_name="张三"))
    keys.change_lock(desk, a)
    f = key_figures.month_figures(desk, 2026, 11)
    assert (f.lendings, f.overdue_returns, f.emergencies, f.lock_changes) == (2, 1, 1, 1)
    assert (f.missing, f.damaged, f.taken_in) == (1, 1, 3)
    assert f.missing_keys[0].startswith("A-03")
    assert any("借出钥匙 2 次" in line for line in f.lines())
    assert key_figures.month_figures(desk, 2026, 10).lendings == 0
    with pytest.raises(ValidationError):
        key_figures.month_figures(desk, 2026, 13)
    keys.found_again(desk, c)
    assert keys.get_key(desk, c).status == "在柜"


def test_K3_list_views_and_search(desk, manager):
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    a = keys.take_in(desk, key_input(slot="A-100")).key_id
    b = keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-9", depositor_name="李四")).key_id
    assert [r.id for r in keys.list_query(desk).page().rows] == [b, a]   # A-09 before A-100
    keys.lend(desk, a, loan_input(manager))
    assert [r.id for r in keys.list_query(desk, view="借出").page().rows] == [a]
    assert [r.id for r in keys.list_query(desk, "李四").page().rows] == [b]
    assert [r.id for r in keys.list_query(desk, "ls").page().rows] == [b]    # pinyin initials
    with pytest.raises(ValidationError):
        keys.list_query(desk, view="whatever")
    assert keys.find_keys(desk, "3-2-1503")[0][0] == b


def test_K2_a_clerk_without_register_rights_cannot_write(desk):
    from wuye_desk.services.desk import Desk, OperatorInfo
    add_household(desk)
    nobody = Desk(desk.db, OperatorInfo(None, "x", "x", Role.FRONT_DESK), desk.clock)
    assert keys.take_in(nobody, key_input()).slot == "A-01"   # every role may register


def test_K3_due_time_in_the_past_or_nonsense(desk, manager, clock):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    refused(desk, keys.lend, desk, key_id, loan_input(manager, due="09:00"))
    refused(desk, keys.lend, desk, key_id, loan_input(manager, due="99:99"))
    clock.set(clock.current + timedelta(minutes=1))
    keys.lend(desk, key_id, loan_input(manager, due="12:00"))
    refused(desk, keys.return_key, desk, key_id, at="23:00")       # in the future
    refused(desk, keys.return_key, desk, key_id, at="08:00")       # before it went out


def test_K2_demo_on_a_tiny_archive(db, clock):
    from wuye_desk.services import demo
    from wuye_desk.services.desk import Desk

    clock.set(datetime(2026, 11, 18, 0, 10))      # just after midnight
    demo.fill(Desk(db, clock=clock), households=3, seed=2)


def test_K2_demo_cabinet_is_realistic(desk):
    from wuye_desk.services import demo

    demo.fill(desk, households=150, seed=4)   # DEMO_STEPS includes the key cabinet
    states = [s.state for s in keys.cabinet(desk)]
    assert states.count(SlotState.HOLDING) > 50
    assert SlotState.OVERDUE in states and SlotState.LENT in states and SlotState.MISSING in states
    assert keys.open_lock_changes(desk) and keys.current_keeper(desk) == "李小梅"
    f = key_figures.month_figures(desk, 2026, 11)
    assert f.lendings > 3 and f.emergencies <= 1


def test_G5_at_night_the_duty_manager_approves_a_loan(desk, desk_as, manager, clock):
    duty = desk_as(Role.DUTY_MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    clock.set(datetime(2026, 11, 18, 21, 0))
    err = refused(desk, keys.lend, desk, key_id, loan_input(manager), rule="G5")
    assert err.field == "批准人"
    lent = keys.lend(desk, key_id, loan_input(duty))
    assert lent.due_at == datetime(2026, 11, 18, 23, 59)
    view = keys.get_key(desk, key_id)
    assert duty.operator.name in view.events[-1][2]        # every record names its people


def test_K2_keys_stay_on_the_grid_when_the_cabinet_settings_shrink(desk):
    add_household(desk)
    keys.take_in(desk, key_input(slot="A-100"))
    office_settings.put(desk, settings.KEY_SLOT_COUNT, 20)
    office_settings.put(desk, settings.KEY_SLOT_PREFIX, "B-")
    cells = keys.cabinet(desk)
    assert len(cells) == 21 and cells[-1].label == "A-100"
    assert cells[-1].state is SlotState.HOLDING and "不在当前钥匙柜设置中" in cells[-1].tip
    assert [ln.slot for ln in keys.handover_sheet(desk)] == ["A-100"]
    assert keys.propose_slot(desk) == "B-01"
