"""The visitor log (rules V1–V4, G3, G5): register, call the host, admit or refuse, see out."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.services.visitor_helpers import (
    LI_ID,
    ZHAO_ID,
    count,
    host_household,
    resident_id,
    snapshot,
    visitor,
)
from wuye_desk.domain.errors import PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import visitor_forms, visitors, watchlist
from wuye_desk.services.visitors import VisitFilter
from wuye_desk.store.models import AuditEntry, Visit


@pytest.fixture
def host(desk) -> int:
    return host_household(desk)


def refused(desk, data, *, field=None, words="", rule=None) -> ValidationError:
    """Assert the registration is refused naming the field/rule and nothing is written."""
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        visitors.register_visit(desk, data)
    assert words in err.value.message
    if field:
        assert err.value.field == field
    if rule:
        assert err.value.rule == rule or f"规则{rule}" in err.value.message
    assert snapshot(desk) == before
    return err.value


# --- V1: a valid ID document -----------------------------------------------------------

def test_rule_V1_every_visitor_registers_with_a_valid_id_document(desk, host):
    done = visitors.register_visit(desk, visitor())
    view = visitors.get_visit(desk, done.visit_id)
    assert view.id_type == "居民身份证"
    refused(desk, visitor(id_number=""), field="证件号码", words="请填写证件号码")
    refused(desk, visitor(visitor_name="  "), field="访客姓名", words="访客姓名")
    refused(desk, visitor(id_type="学生证"), field="证件类型", words="无法识别")
    refused(desk, visitor(id_type="护照", id_number="护照"), field="证件号码", words="护照号码")
    refused(desk, visitor(id_type="回乡证", id_number="X1234567"), field="证件号码",
            words="H或M")
    # the other documents of the office's list pass
    for id_type, number in [("护照", "E12345678"), ("回乡证", "H12345678"),
                            ("台胞证", "12345678"),
                            ("港澳台居民居住证", resident_id("81000019900101001")),
                            ("居民身份证", "110105491231002")]:  # the 15-digit legacy card
        visitors.register_visit(desk, visitor(id_type=id_type, id_number=number))


def test_an_id_with_a_wrong_last_digit_is_refused_with_a_clear_message(desk, host):
    wrong = ZHAO_ID[:-1] + "1"
    err = refused(desk, visitor(id_number=wrong), field="证件号码", words="校验位不对")
    assert "最后一位" in err.message


def test_a_date_of_birth_in_the_future_is_refused(desk, host):
    future = resident_id("11010520300101001")
    refused(desk, visitor(id_number=future), field="证件号码", words="晚于今天")


def test_a_tired_clerks_nonsense_is_refused_field_by_field(desk, host):
    refused(desk, visitor(phone="12"), field="访客电话")
    refused(desk, visitor(phone=""), field="访客电话")
    refused(desk, visitor(people="两个"), field="人数", words="数字")
    refused(desk, visitor(people=0), field="人数")
    refused(desk, visitor(people=500), field="人数")
    refused(desk, visitor(plate="12345"), field="车牌号")
    refused(desk, visitor(purpose="事" * 300), field="来访事由", words="太长")
    refused(desk, visitor(visitor_name="张\x07三"), field="访客姓名")


# --- V2: the host's unit or department, name and position ---------------------------------

def test_rule_V2_the_visitor_names_the_hosts_unit_or_department_name_and_position(desk, host):
    refused(desk, visitor(host_unit="", host_department=""), field="被访房号", rule="V2")
    refused(desk, visitor(host_name=""), field="被访人姓名", rule="V2")
    refused(desk, visitor(host_unit="9栋9单元909"), field="被访房号", words="档案中没有",
            rule="V2")
    refused(desk, visitor(host_unit="三栋二单元"), field="被访房号")
    # a department host must give the position too
    refused(desk, visitor(host_unit="", host_department="工程部", host_name="王工"),
            field="被访人职位", rule="V2")
    done = visitors.register_visit(desk, visitor(host_unit="", host_department="工程部",
                                                 host_name="王工", host_position="主管"))
    assert visitors.get_visit(desk, done.visit_id).host_place == "工程部"
    # a household host's position is the host's standing in the archive
    done = visitors.register_visit(desk, visitor(host_unit="3-2-1502", host_name="李梅"))
    view = visitors.get_visit(desk, done.visit_id)
    assert (view.host_unit, view.host_position) == ("3栋2单元1502", "家属")


# --- V3, V4: the host is called; consent admits, refusal is recorded ------------------------

def test_rule_V3_the_desk_calls_the_host_with_the_phones_from_the_archive(desk, host):
    contact = visitors.host_contact(desk, "3-2-1502")
    assert contact.unit_display == "3栋2单元1502"
    assert [(p.name, p.phone) for p in contact.phones] == [("张三", "13812345678"),
                                                           ("李梅", "13912345678")]
    with pytest.raises(ValidationError, match="档案中没有"):
        visitors.host_contact(desk, "8栋1单元101")


def test_rule_V3_only_with_consent_the_visitor_enters_with_a_slip(desk, host):
    refused(desk, visitor(host_answer=""), field="被访人答复", rule="V3")
    refused(desk, visitor(answered_by=""), field="接听人", rule="V3")
    refused(desk, visitor(host_answer="也许"), field="被访人答复")
    done = visitors.register_visit(desk, visitor(host_phone="13812345678"))
    assert done.admitted and done.serial == f"FK261118{done.visit_id:06d}"
    view = visitors.get_visit(desk, done.visit_id)
    assert (view.status, view.host_answer, view.answered_by) == ("在访", "同意", "张三")
    record = visitor_forms.visit_slip_record(view)
    assert record["serial"] == done.serial and record["host_place"] == "3栋2单元1502"


def test_rule_V4_a_refused_visit_leaves_a_record_and_no_slip(desk, host, tmp_path):
    done = visitors.register_visit(desk, visitor(host_answer="拒绝", answered_by="张三"))
    assert not done.admitted and done.serial is None
    view = visitors.get_visit(desk, done.visit_id)
    assert (view.status, view.host_answer) == ("未准入", "拒绝")
    out = tmp_path / "slip.pdf"
    with pytest.raises(ValidationError, match="不能开具访客登记单") as err:
        visitor_forms.print_visit_slip(desk, done.visit_id, out)
    assert err.value.rule == "V4"
    assert not out.exists()
    assert visitors.count_inside(desk) == 0
    # nobody answering is no consent either
    done = visitors.register_visit(desk, visitor(host_answer="联系不上", answered_by=""))
    assert not done.admitted
    rows = visitors.list_query(desk, VisitFilter(status="未准入")).page().rows
    assert len(rows) == 2 and all(r.values[0] == "—" for r in rows)


def test_the_still_inside_list_empties_as_slips_are_scanned_back(desk, host, clock):
    serials = []
    for minutes, name in [(0, "赵敏"), (20, "钱多"), (45, "孙悟")]:
        clock.set(datetime(2026, 11, 18, 9, 0) + timedelta(minutes=minutes))
        serials.append(visitors.register_visit(desk, visitor(visitor_name=name)).serial)
    clock.set(datetime(2026, 11, 18, 11, 0))
    inside = visitors.still_inside(desk)
    assert [v.visitor_name for v in inside] == ["赵敏", "钱多", "孙悟"]   # longest first
    assert inside[0].stay_minutes == 120
    assert [r.values[3] for r in visitors.inside_query(desk).page().rows] == ["赵敏", "钱多",
                                                                               "孙悟"]
    visitors.record_exit(desk, serials[1], host_signed=True, slip_returned=True)
    assert [v.visitor_name for v in visitors.still_inside(desk)] == ["赵敏", "孙悟"]
    visitors.record_exit(desk, serials[0].lower(), host_signed=True, slip_returned=True)
    left = visitors.record_exit(desk, serials[2][2:], host_signed=False, slip_returned=False,
                                note="访客说上联丢了")
    assert left.status == "已离开" and left.host_signed is False and left.stay_minutes == 75
    assert visitors.still_inside(desk) == [] and visitors.count_inside(desk) == 0


def test_an_exit_for_a_visit_already_closed_is_refused(desk, host, clock):
    serial = visitors.register_visit(desk, visitor()).serial
    clock.set(datetime(2026, 11, 18, 11, 30))
    visitors.record_exit(desk, serial, host_signed=True, slip_returned=True)
    before = snapshot(desk)
    with pytest.raises(ValidationError, match="已于11月18日 11:30登记离开") as err:
        visitors.record_exit(desk, serial, host_signed=True, slip_returned=True)
    assert err.value.field == "登记单号"
    with pytest.raises(ValidationError, match="没有单号") as err:
        visitors.record_exit(desk, "FK261118999999", host_signed=True, slip_returned=True)
    with pytest.raises(ValidationError, match="格式不对"):
        visitors.record_exit(desk, "hello", host_signed=True, slip_returned=True)
    refused_visit = visitors.register_visit(desk, visitor(host_answer="拒绝"))
    assert refused_visit.serial is None
    assert snapshot(desk)[0] == before[0] + 1


def test_a_slip_not_handed_back_needs_a_note(desk, host):
    serial = visitors.register_visit(desk, visitor()).serial
    before = snapshot(desk)
    with pytest.raises(ValidationError, match="上联未交回") as err:
        visitors.record_exit(desk, serial, host_signed=True, slip_returned=False)
    assert err.value.field == "备注" and err.value.rule == "V3"
    assert snapshot(desk) == before and visitors.count_inside(desk) == 1


# --- returning visitors --------------------------------------------------------------------

def test_a_returning_visitor_is_recognised_by_id_number_and_the_form_prefilled(desk, host):
    assert visitors.returning_visitor(desk, "身份证", ZHAO_ID) is None
    visitors.register_visit(desk, visitor(plate="粤B·D12345", people=2, purpose="送文件"))
    again = visitors.returning_visitor(desk, "身份证", ZHAO_ID.lower())
    assert again is not None
    assert (again.visitor_name, again.phone, again.plate, again.people, again.purpose) == (
        "赵敏", "13700001111", "粤BD12345", 2, "送文件")
    assert (again.host_unit, again.host_name, again.host_answer) == ("3栋2单元1502", "张三", "")
    with pytest.raises(ValidationError, match="校验位"):
        visitors.returning_visitor(desk, "身份证", ZHAO_ID[:-1] + "1")


# --- G5: night registrations under the duty manager -------------------------------------------

def test_rule_G5_night_registrations_are_made_under_the_duty_manager(desk, desk_as, host, clock):
    front = desk_as(Role.FRONT_DESK)
    duty = desk_as(Role.DUTY_MANAGER)
    day = visitors.register_visit(front, visitor())
    assert not day.night and day.duty_manager == ""
    clock.set(datetime(2026, 11, 18, 21, 15))
    refused(front, visitor(), field="值班总值", rule="G5")
    refused(front, visitor(duty_manager_id=front.operator.id), field="值班总值", rule="G5")
    managers = visitors.duty_managers(front)
    assert [m.id for m in managers] == [duty.operator.id]
    night = visitors.register_visit(front, visitor(duty_manager_id=managers[0].id))
    assert night.night and night.duty_manager == duty.operator.name
    view = visitors.get_visit(front, night.visit_id)
    assert view.night and view.duty_manager_name == duty.operator.name
    assert view.operator_name == front.operator.name          # who typed it stays visible
    clock.set(datetime(2026, 11, 19, 6, 0))
    own = visitors.register_visit(duty, visitor())              # the duty manager needs no one
    assert own.night and own.duty_manager == duty.operator.name


# --- G3: ID numbers masked, revealed only on a recorded request, purged after retention --------

def test_rule_G3_id_numbers_are_masked_unless_revealed_with_permission(desk, desk_as, host):
    front = desk_as(Role.FRONT_DESK)
    done = visitors.register_visit(front, visitor())
    view = visitors.get_visit(front, done.visit_id)
    assert view.id_number == "1101**********002X"
    row = visitors.list_query(front).page().rows[0]
    assert row.values[3] == "1101**********002X" and ZHAO_ID not in str(row)
    assert visitor_forms.visit_slip_record(view)["id_text"] == "居民身份证 1101**********002X"
    with pytest.raises(PermissionDenied):
        visitors.get_visit(front, done.visit_id, reveal_id=True)
    full = visitors.get_visit(desk, done.visit_id, reveal_id=True)
    assert full.id_number == ZHAO_ID
    with desk.read() as s:
        views = s.scalars(select(AuditEntry).where(AuditEntry.change == "view")).all()
        assert [(v.entity, v.entity_id, v.operator_name) for v in views] == [
            ("visit", str(done.visit_id), desk.operator.name)]
        trail = " ".join(f"{e.before_json} {e.after_json}" for e in s.scalars(select(AuditEntry)))
    assert ZHAO_ID not in trail and "（已隐藏）" in trail


def test_after_the_retention_period_the_full_id_number_is_no_longer_in_the_database_file(
        desk, db_path, host, clock):
    clock.set(datetime(2026, 1, 5, 10, 0))
    old = visitors.register_visit(desk, visitor())
    clock.set(datetime(2026, 1, 5, 11, 0))
    visitors.record_exit(desk, old.serial, host_signed=True, slip_returned=True)
    clock.set(datetime(2026, 11, 17, 10, 0))
    recent = visitors.register_visit(desk, visitor(visitor_name="李四", id_number=LI_ID))
    _many_recent_visits(desk, host)  # the ID index spans many pages, as in a real office
    watchlist.add_watch(desk, name="某人", note="测试")
    raw = db_path.read_bytes() + _wal(db_path)
    assert ZHAO_ID.encode() in raw                      # within retention it is kept

    clock.set(datetime(2026, 11, 18, 8, 0))
    _secure_delete_off(desk)  # as in SQLite builds where it is off by default
    result = visitors.purge_expired_ids(desk)
    assert result.masked == 1 and result.file_clean
    assert "已遮挡1条" in result.text
    raw = db_path.read_bytes() + _wal(db_path)
    assert ZHAO_ID.encode() not in raw                  # gone from every page of the file
    assert ZHAO_ID[:17].encode() not in raw
    assert LI_ID.encode() in raw                        # the recent one is still there
    view = visitors.get_visit(desk, old.visit_id, reveal_id=True)
    assert view.id_number == "1101**********002X" and view.id_purged
    assert visitors.returning_visitor(desk, "身份证", ZHAO_ID) is None
    assert visitors.returning_visitor(desk, "身份证", LI_ID) is not None
    assert visitors.get_visit(desk, recent.visit_id).status == "在访"
    assert visitors.purge_expired_ids(desk).masked == 0  # nothing left to do


def _many_recent_visits(desk, host_id: int, n: int = 3000) -> None:
    import random

    from wuye_desk.services import visitor_demo

    rng = random.Random(5)
    # numbers that sort before and after the purged one, so its index entry moves page
    persons = [visitor_demo.Person("某某", resident_id(f"110101{19300101 + i:08d}"[:14]
                                                         + f"{i % 1000:03d}"), "13700001111", "")
               for i in range(0, 40000, 40000 // 200)]
    persons += visitor_demo.people(rng, 100, date(2026, 11, 18))
    now = desk.now()
    visitor_demo.bulk_insert_visits(desk, visitor_demo.visit_rows(
        rng, n, now - timedelta(days=30), now, visitor_demo.hosts(desk, [host_id]), persons,
        (None, ""), desk.operator.id, now), "测试数据")


def _secure_delete_off(desk) -> None:
    raw = desk.db.write_engine.raw_connection()   # the one writer connection
    try:
        raw.cursor().execute("PRAGMA secure_delete = OFF")
    finally:
        raw.close()


def _wal(db_path) -> bytes:
    wal = db_path.with_name(db_path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_the_retention_period_is_an_office_setting(desk, host, clock):
    from wuye_desk import settings
    from wuye_desk.services import office_settings

    clock.set(datetime(2026, 11, 1, 10, 0))
    visitors.register_visit(desk, visitor())
    clock.set(datetime(2026, 11, 18, 10, 0))
    assert visitors.purge_expired_ids(desk).masked == 0
    office_settings.put(desk, settings.VISITOR_ID_RETENTION_DAYS, 7)
    assert visitors.purge_expired_ids(desk).masked == 1


# --- the watch list ------------------------------------------------------------------------------

def test_a_watch_list_match_warns_before_the_host_is_called(desk, desk_as, host):
    front = desk_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        watchlist.add_watch(front, name="赵敏", note="曾冒充快递员")
    by_id = watchlist.add_watch(desk, id_type="身份证", id_number=ZHAO_ID, note="曾冒充快递员")
    watchlist.add_watch(desk, name="钱多", note="业主投诉骚扰")
    hits = visitors.watch_warnings(front, "赵敏", "身份证", ZHAO_ID)
    assert [(h.entry_id, h.matched_on) for h in hits] == [(by_id, "证件号码")]
    assert "曾冒充快递员" in hits[0].text
    assert [h.matched_on for h in visitors.watch_warnings(front, "钱多")] == ["姓名"]
    assert visitors.watch_warnings(front, "孙悟", "身份证", LI_ID) == []
    done = visitors.register_visit(front, visitor())
    assert [w.entry_id for w in done.warnings] == [by_id]
    assert visitors.get_visit(front, done.visit_id).watch_note == "曾冒充快递员"
    assert watchlist.watch_entries(front)[1].id_number == "1101**********002X"
    watchlist.end_watch(desk, by_id)
    assert visitors.watch_warnings(front, "赵敏", "身份证", ZHAO_ID) == []
    assert len(watchlist.watch_entries(desk, include_ended=True)) == 2
    with pytest.raises(ValidationError, match="至少一项"):
        watchlist.add_watch(desk, note="没有人")
    with pytest.raises(ValidationError, match="关注原因"):
        watchlist.add_watch(desk, name="某人", note=" ")


# --- the list ------------------------------------------------------------------------------------

def test_the_log_filters_by_date_state_host_and_text_and_pages_by_key(desk, host, clock):
    host_household(desk, "5栋1单元301")
    for day in range(1, 11):
        clock.set(datetime(2026, 11, day, 9, 30))
        visitors.register_visit(desk, visitor(visitor_name=f"访客{day:02d}"))
        clock.set(datetime(2026, 11, day, 10, 30))
        visitors.register_visit(desk, visitor(visitor_name="王芳", host_unit="5-1-301",
                                              host_name="王大", host_answer="拒绝"))
    clock.set(datetime(2026, 11, 11, 9, 0))
    q = visitors.list_query(desk)
    first = q.page(None, 7)
    second = q.page(first.after, 7)
    third = q.page(second.after, 7)
    seen = [r.id for p in (first, second, third) for r in p.rows]
    assert len(seen) == 20 == len(set(seen)) and third.after is None
    times = [r.values[1] for p in (first, second, third) for r in p.rows]
    assert times == sorted(times, reverse=True)

    def names(f: VisitFilter) -> list[str]:
        return [r.values[2] for r in visitors.list_query(desk, f).page().rows]

    assert names(VisitFilter(date(2026, 11, 3), date(2026, 11, 4), status="在访")) == [
        "访客04", "访客03"]
    assert set(names(VisitFilter(status="未准入"))) == {"王芳"}
    assert len(names(VisitFilter(host_unit="5栋1单元301"))) == 10
    assert names(VisitFilter(text="访客07")) == ["访客07"]
    assert len(names(VisitFilter(text="wf"))) == 10            # pinyin initials of 王芳
    assert len(names(VisitFilter(text="王大 5栋1单元301"))) == 10
    assert names(VisitFilter(text="100%_")) == []
    with pytest.raises(ValidationError, match="被访房号"):
        visitors.list_query(desk, VisitFilter(host_unit="??"))
    with pytest.raises(ValidationError, match="开始日期"):
        visitors.list_query(desk, VisitFilter(date(2026, 11, 5), date(2026, 11, 1)))


def test_visitors_still_inside_after_closing_time_reach_the_overview(desk, host, clock):
    clock.set(datetime(2026, 11, 18, 15, 0))
    visitors.register_visit(desk, visitor())
    clock.set(datetime(2026, 11, 18, 19, 0))
    assert visitors.overview_lines(desk) == []
    clock.set(datetime(2026, 11, 18, 20, 5))
    lines = visitors.overview_lines(desk)
    assert len(lines) == 1 and "已过下班时间" in lines[0].text and lines[0].tab == "visitors"
    row = visitors.list_query(desk).page().rows[0]
    assert row.tone.value == "overdue"
    from wuye_desk.services import overview

    assert any(line.area == "访客" for line in overview.gather(desk))


def test_registering_needs_the_register_permission_and_writes_one_row(desk, host):
    visitors.register_visit(desk, visitor())
    assert count(desk) == 1
    with desk.read() as s:
        v = s.scalar(select(Visit))
        assert v.created_by == desk.operator.id and v.created_at == datetime(2026, 11, 18, 10, 0)


def test_the_purge_runs_as_a_daily_job_and_says_how_many(desk, host, clock):
    from wuye_desk.services import daily

    clock.set(datetime(2026, 1, 5, 10, 0))
    visitors.register_visit(desk, visitor())
    clock.set(datetime(2026, 11, 18, 8, 0))
    assert "已遮挡1条2026-05-22以前的访客证件号" in daily.run_all(desk)
    assert not any("访客证件号" in line for line in daily.run_all(desk))


@pytest.mark.parametrize(("text", "found"), [
    ("敏", 1), ("赵敏", 1), ("zm", 1), ("ZM", 1),      # 1–2 characters, pinyin initials
    ("111", 1), ("0001", 1), ("1370000", 1),           # 3–4 digits and more of a phone
    ("yuebd", 0), ("bd123", 1), ("粤b", 1),             # plate fragments
    ("1502", 1), ("zs", 1),                            # the host's unit and initials
    ("999", 0), ("钱", 0),
])
def test_the_log_finds_short_fragments(desk, text, found):
    host_household(desk)
    visitors.register_visit(desk, visitor(plate="粤BD12345"))
    assert visitors.list_query(desk, VisitFilter(text=text)).count() == found
