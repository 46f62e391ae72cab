"""The mail log on a real SQLite file (rules M1–M6, G3, G4)."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from tests.services.mail_helpers import LI_ID, ZHAO_ID, count, ems, household, item, snapshot
from wuye_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import mail, overview
from wuye_desk.services.mail import CopyInput, MailFilter, PickupInput
from wuye_desk.store.models import AuditEntry, MailItem, MailPickup, NewspaperCopy


@pytest.fixture
def home(desk):
    return household(desk)


def _ids(desk, view="", text=""):
    return [r.id for r in mail.list_query(desk, MailFilter(view=view, text=text)).page().rows]


# --- M1, M2: signing in ---------------------------------------------------------------

def test_M1_sign_in_links_household_and_recognises_carrier(desk, home):
    done = mail.sign_in(desk, item("SF1234567890123"))
    assert done.carrier == "顺丰" and done.household_id == home
    assert done.unit_display == "3栋2单元1502"
    view = mail.get_item(desk, done.id)
    assert view.status == "待领取" and view.position == "A1" and view.operator_name == "王管理"


def test_M1_s10_number_gives_carrier_and_kind(desk, home):
    done = mail.sign_in(desk, item(ems("12345678", "RR"), kind=""))
    assert (done.carrier, done.kind) == ("中国邮政", "挂号信")


def test_M1_unknown_carrier_must_be_chosen(desk, home):
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        mail.sign_in(desk, item("773123456789012"))
    assert err.value.field == "快递公司"
    assert snapshot(desk) == before
    assert mail.sign_in(desk, item("773123456789012", carrier="中通")).carrier == "中通"


def test_M2_damage_noted_at_receipt(desk, home):
    done = mail.sign_in(desk, item(damage="外包装破损，已拍照"))
    assert done.damaged
    rows = mail.list_query(desk, MailFilter()).page().rows
    assert "破损：外包装破损" in rows[0].values[-1]


def test_M2_duplicate_tracking_number_caught(desk, home):
    mail.sign_in(desk, item("SF1234567890123"))
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        mail.sign_in(desk, item("sf 1234 5678 90123"))
    assert err.value.field == "运单号" and "已于" in err.value.message
    assert "不能重复登记" in err.value.message
    assert snapshot(desk) == before


def test_M2_duplicate_caught_by_the_database_too(desk, home):
    mail.sign_in(desk, item("SF1234567890123"))
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), desk.write("x") as s:
        s.add(MailItem(tracking_no="SF1234567890123", kind="快递包裹", carrier="顺丰",
                       status="待领取", received_at=desk.now(), notice_method="",
                       search_text=""))


@pytest.mark.parametrize("field,kw", [
    ("运单号", {"tracking": ""}),
    ("运单号", {"tracking": "SF12"}),
    ("运单号", {"tracking": "顺丰单号"}),
    ("房号", {"unit": ""}),
    ("房号", {"unit": "楼下那家"}),
    ("类别", {"kind": "炸弹"}),
    ("快递公司", {"carrier": "飞鸽"}),
    ("存放位置", {"position": "X" * 30}),
    ("破损情况", {"damage": "坏" * 300}),
])
def test_M2_bad_input_refused_nothing_written(desk, home, field, kw):
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        mail.sign_in(desk, item(**kw))
    assert err.value.field == field
    assert snapshot(desk) == before


def test_M5_unknown_unit_offered_as_undeliverable(desk, home):
    with pytest.raises(ValidationError) as err:
        mail.sign_in(desk, item(unit="9栋1单元101"))
    assert "查无此户" in err.value.message and err.value.rule == "M5"
    with pytest.raises(ValidationError) as err:
        mail.sign_in(desk, item(unit="9栋1单元101", undeliverable=True))
    assert err.value.field == "备注"
    done = mail.sign_in(desk, item(unit="9栋1单元101", undeliverable=True, remark="查无此户"))
    assert done.household_id is None and done.unit_display == "9栋1单元101"


def test_M1_front_desk_may_sign_in(desk_as, home):
    clerk = desk_as(Role.FRONT_DESK)
    assert mail.sign_in(clerk, item()).id


def test_G4_correction_is_a_new_entry_pointing_at_the_old(desk, home):
    household(desk, "3栋2单元1503", "钱七", "13600001111")
    old = mail.sign_in(desk, item("SF1234567890123"))
    new = mail.correct_item(desk, old.id, item("SF1234567890123", unit="3栋2单元1503"))
    a, b = mail.get_item(desk, old.id), mail.get_item(desk, new.id)
    assert a.status == "已更正" and a.corrected_by == b.id
    assert b.correction_of == a.id and b.unit_display == "3栋2单元1503"
    assert b.received_at == a.received_at
    with pytest.raises(ValidationError):
        mail.correct_item(desk, old.id, item("SF1234567890123"))
    with pytest.raises(NotFound):
        mail.correct_item(desk, 999, item())
    # the old entry is still there and in the audit trail
    with desk.read() as s:
        assert s.scalar(select(MailItem.tracking_no).where(MailItem.id == old.id))
        assert s.query(AuditEntry).filter(AuditEntry.entity == "mail_item").count() >= 3


# --- M2: notice ------------------------------------------------------------------------

def test_M2_households_to_tell_with_archive_phones(desk, home, clock):
    mail.sign_in(desk, item("SF1234567890123"))
    mail.sign_in(desk, item("SF1234567890124"))
    todo = mail.households_to_tell(desk)
    assert len(todo) == 1 and todo[0].items == 2
    assert [p.phone for p in todo[0].phones] == ["13812345678", "13912345678"]
    assert _ids(desk, mail.VIEW_NOT_NOTIFIED)
    done = mail.record_notice(desk, home, "短信")
    assert done.items == 2 and done.code.startswith("QJ")
    assert mail.households_to_tell(desk) == []
    assert _ids(desk, mail.VIEW_NOT_NOTIFIED) == []
    view = mail.get_item(desk, _ids(desk)[0])
    assert view.notice_method == "短信" and view.notified_at == clock()


def test_M2_notice_bad_input(desk, home, clock):
    with pytest.raises(ValidationError):          # nothing waiting
        mail.record_notice(desk, home, "电话")
    mail.sign_in(desk, item())
    with pytest.raises(ValidationError) as err:
        mail.record_notice(desk, home, "托梦")
    assert err.value.field == "通知方式"
    with pytest.raises(ValidationError) as err:
        mail.record_notice(desk, home, "电话", told_at=clock() + timedelta(hours=2))
    assert err.value.field == "通知时间"
    with pytest.raises(NotFound):
        mail.record_notice(desk, 999, "电话")


# --- M4: pickup ------------------------------------------------------------------------

def test_M4_three_parcels_out_with_one_slip_scan(desk, home):
    for n in range(3):
        mail.sign_in(desk, item(f"SF123456789012{n}"))
    code = mail.record_notice(desk, home, "通知单").code
    found = mail.pickup_set(desk, code.lower())
    assert found.unit_display == "3栋2单元1502" and len(found.items) == 3
    done = mail.hand_out(desk, [i.id for i in found.items],
                         PickupInput("李梅", "代领", "居民身份证", LI_ID))
    assert done.items == 3 and done.id_masked != LI_ID and "*" in done.id_masked
    assert {mail.get_item(desk, i.id).status for i in found.items} == {"已领取"}
    with desk.read() as s:   # only the masked number is kept (rule G3)
        assert s.scalar(select(MailPickup.id_masked)) == done.id_masked
    assert mail.get_item(desk, found.items[0].id).collector == "李梅（代领）"


def test_M4_scan_item_or_unit_finds_the_household(desk, home):
    a = mail.sign_in(desk, item("SF1234567890123"))
    mail.sign_in(desk, item("SF1234567890124"))
    by_item = mail.pickup_set(desk, "SF1234567890123")
    assert by_item.scanned_id == a.id and len(by_item.items) == 2
    assert len(mail.pickup_set(desk, "3-2-1502").items) == 2


def test_M4_item_handed_out_twice_refused(desk, home):
    a = mail.sign_in(desk, item())
    mail.hand_out(desk, [a.id], PickupInput("张三", "本人", "身份证", ZHAO_ID))
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        mail.hand_out(desk, [a.id], PickupInput("张三", "本人", "身份证", ZHAO_ID))
    assert err.value.rule == "M4" and "不能重复领取" in err.value.message
    with pytest.raises(ValidationError) as err:
        mail.pickup_set(desk, "SF1234567890123")
    assert "已于" in err.value.message and "领取" in err.value.message
    assert snapshot(desk) == before


@pytest.mark.parametrize("field,data", [
    ("证件号码", PickupInput("张三", "本人", "居民身份证", "")),
    ("证件号码", PickupInput("张三", "本人", "居民身份证", "110105194912310021")),
    ("领取人姓名", PickupInput("", "代领", "居民身份证", ZHAO_ID)),
    ("领取人", PickupInput("张三", "路人", "居民身份证", ZHAO_ID)),
    ("证件类型", PickupInput("张三", "本人", "学生证", ZHAO_ID)),
])
def test_M4_pickup_without_valid_id_refused(desk, home, field, data):
    a = mail.sign_in(desk, item())
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        mail.hand_out(desk, [a.id], data)
    assert err.value.field == field
    assert snapshot(desk) == before


def test_M4_only_one_household_at_a_time(desk, home):
    household(desk, "3栋2单元1503", "钱七", "13600001111")
    a = mail.sign_in(desk, item("SF1234567890123"))
    b = mail.sign_in(desk, item("SF1234567890124", unit="3栋2单元1503"))
    with pytest.raises(ValidationError) as err:
        mail.hand_out(desk, [a.id, b.id], PickupInput("张三", "本人", "身份证", ZHAO_ID))
    assert "同一户" in err.value.message
    with pytest.raises(ValidationError):
        mail.hand_out(desk, [], PickupInput("张三", "本人", "身份证", ZHAO_ID))


@pytest.mark.parametrize("scan", ["", "QJ99999999", "9栋1单元101", "SF0000000000000", "!!!"])
def test_M4_bad_scans_named(desk, home, scan):
    with pytest.raises(ValidationError) as err:
        mail.pickup_set(desk, scan)
    assert err.value.field == "领取扫描"


# --- M5: unclaimed and undeliverable ----------------------------------------------------

def test_M5_month_old_parcel_on_notice_then_back_to_post_office(desk, home, clock):
    a = mail.sign_in(desk, item())
    clock.set(clock() + timedelta(days=20))
    assert mail.post_public_notice(desk) == 0
    clock.set(datetime(2026, 12, 18, 10, 0))
    lines = [ln.text for ln in overview.gather(desk)]
    assert any("逾期一个月未领" in t for t in lines)
    assert mail.post_public_notice(desk) == 1
    assert [i.id for i in mail.on_public_notice(desk)] == [a.id]
    with pytest.raises(ValidationError) as err:     # notice period not over
        mail.return_items(desk, [a.id], "邮局王五")
    assert err.value.rule == "M5"
    clock.set(datetime(2027, 1, 3, 10, 0))
    assert any("公示期满" in ln.text for ln in overview.gather(desk))
    assert [i.id for i in mail.due_for_return(desk)] == [a.id]
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:     # no postal clerk
        mail.return_items(desk, [a.id], "  ")
    assert err.value.field == "邮局经办人" and snapshot(desk) == before
    done = mail.return_items(desk, [a.id], "邮局王五")
    assert done.items == 1 and mail.get_item(desk, a.id).status == "已退回"
    assert _ids(desk, mail.VIEW_RETURNED) == [a.id]
    with pytest.raises(ValidationError):
        mail.return_items(desk, [a.id], "邮局王五")


def test_M5_not_yet_noticed_item_cannot_go_back(desk, home):
    a = mail.sign_in(desk, item())
    with pytest.raises(ValidationError) as err:
        mail.return_items(desk, [a.id], "邮局王五")
    assert "还没有公示" in err.value.message


def test_M5_undeliverable_back_within_a_week(desk, home, clock):
    a = mail.sign_in(desk, item())
    with pytest.raises(ValidationError):
        mail.mark_undeliverable(desk, a.id, "")
    mail.mark_undeliverable(desk, a.id, "地址不详，查无此人")
    lines = [ln for ln in overview.gather(desk) if "无法投递" in ln.text]
    assert lines and lines[0].due == clock() + timedelta(days=7)
    with pytest.raises(ValidationError):             # it cannot be handed out
        mail.hand_out(desk, [a.id], PickupInput("张三", "本人", "身份证", ZHAO_ID))
    assert [i.id for i in mail.due_for_return(desk)] == [a.id]
    done = mail.return_items(desk, [a.id], "邮局王五", note="退回寄件人")
    assert done.items == 1


# --- M6: newspapers ---------------------------------------------------------------------

def test_M6_newspapers_signed_for_and_kept_for_absent(desk, home):
    household(desk, "3栋2单元1503", "钱七", "13600001111")
    mail.receive_newspapers(desk, "人民日报", 3, [CopyInput("3栋2单元1502", 1, "张三"),
                                                CopyInput("3栋2单元1503", 2, "")])
    kept = mail.kept_copies(desk)
    assert [(k.unit_display, k.count, k.title) for k in kept] == [("3栋2单元1503", 2, "人民日报")]
    mail.collect_kept(desk, kept[0].id, "钱七")
    assert mail.kept_copies(desk) == []
    with pytest.raises(ValidationError):
        mail.collect_kept(desk, kept[0].id, "钱七")


@pytest.mark.parametrize("title,total,copies,field", [
    ("", 3, [], "报刊名称"),
    ("人民日报", "三", [], "份数"),
    ("人民日报", 0, [], "份数"),
    ("人民日报", 1, [CopyInput("3栋2单元1502", 2, "张三")], "订户份数"),
    ("人民日报", 3, [CopyInput("9栋9单元909", 1, "")], "订户房号"),
])
def test_M6_bad_newspaper_input(desk, home, title, total, copies, field):
    before = count(desk, NewspaperCopy)
    with pytest.raises(ValidationError) as err:
        mail.receive_newspapers(desk, title, total, copies)
    assert err.value.field == field
    assert count(desk, NewspaperCopy) == before


# --- lists and search -------------------------------------------------------------------

def test_list_views_and_search(desk, home):
    household(desk, "5栋1单元801", "欧阳娜娜", "13600002222")
    a = mail.sign_in(desk, item("SF1234567890123"))
    b = mail.sign_in(desk, item("YT1234567890123", unit="5栋1单元801", addressee="欧阳娜娜"))
    assert set(_ids(desk, mail.VIEW_WAITING)) == {a.id, b.id}
    assert _ids(desk, text="欧阳") == [b.id]
    assert _ids(desk, text="oynn") == [b.id]
    assert _ids(desk, text="sf123") == [a.id]
    assert _ids(desk, text="1502") == [a.id]
    with pytest.raises(ValidationError):
        mail.list_query(desk, MailFilter(view="乱七八糟"))


def test_permission_needed(db, clock, home):
    from wuye_desk.domain.operators import ROLE_PERMISSIONS, Permission
    from wuye_desk.services.desk import Desk, OperatorInfo

    assert Permission.REGISTER in ROLE_PERMISSIONS[Role.FRONT_DESK]
    nobody = Desk(db, OperatorInfo(None, "x", "x", Role.FRONT_DESK), clock)
    ROLE_PERMISSIONS[Role.FRONT_DESK] = frozenset()
    try:
        with pytest.raises(PermissionDenied):
            mail.sign_in(nobody, item())
    finally:
        ROLE_PERMISSIONS[Role.FRONT_DESK] = frozenset({Permission.REGISTER})


def test_G3_collector_id_never_stored_in_full_nor_in_the_audit_trail(desk, home):
    a = mail.sign_in(desk, item())
    mail.hand_out(desk, [a.id], PickupInput("李梅", "代领", "身份证", LI_ID))
    with desk.read() as s:
        for (after,) in s.execute(select(AuditEntry.after_json)):
            assert LI_ID not in (after or "")
        assert LI_ID not in s.scalar(select(MailPickup.id_masked))


def test_M4_a_tower_unit_typed_short_at_pickup(desk):
    household(desk, "A座1203", "孙总", "13600003333")
    mail.sign_in(desk, item(unit="A座1203"))
    assert mail.pickup_set(desk, "a-1203").unit_display == "A座1203"
