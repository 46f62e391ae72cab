"""The key cabinet's rules as plain Python (rules K1–K3)."""

from datetime import datetime

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.keys import (
    CountResult,
    KeyKind,
    KeyStatus,
    LendingCase,
    check_lending,
    check_prefix,
    key_count,
    late_text,
    lateness,
    parse_slot,
    parse_time,
    slot_labels,
)

NOON = datetime(2026, 11, 18, 12, 0)


def case(**kw) -> LendingCase:
    base = dict(kind=KeyKind.OWNER, status=KeyStatus.IN_CABINET, occupancy="已入伙",
                approved=True, repair_works=False, owner_consent=False, out_at=NOON,
                due_at=None, end_of_day_hour=18)
    base.update(kw)
    return LendingCase(**base)


def refusal(**kw) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        check_lending(case(**kw))
    assert err.value.rule == "K3"
    assert "规则K3" in err.value.message or "晚于" in err.value.message
    return err.value


def test_K1_kinds_and_their_synonyms():
    assert [k.value for k in KeyKind] == ["业主委托钥匙", "未入伙钥匙", "返修钥匙", "公共区域钥匙"]
    assert KeyKind.parse("返修") is KeyKind.REPAIR
    assert KeyKind.parse("公区") is KeyKind.PUBLIC
    with pytest.raises(ValidationError):
        KeyKind.parse("汽车钥匙")


def test_K2_slot_labels_from_a_prefix_and_a_count():
    labels = slot_labels(120, "A-")
    assert labels[0] == "A-01" and labels[-1] == "A-120" and len(labels) == 120
    assert slot_labels(9, "B")[8] == "B09"
    assert slot_labels(1000, "")[0] == "01" and slot_labels(1000, "")[-1] == "1000"
    for bad in (0, -1, 100000):
        with pytest.raises(ValidationError):
            slot_labels(bad)


def test_K2_slots_typed_loosely():
    labels = slot_labels(120, "A-")
    assert parse_slot("a-07", labels) == "A-07"
    assert parse_slot("７", labels) == "A-07"          # full-width digit
    assert parse_slot("A7", labels) == "A-07"
    assert parse_slot("A-120", labels) == "A-120"
    for bad in ("", "A-121", "0", "Z-5", "格子", "A-7-7"):
        with pytest.raises(ValidationError):
            parse_slot(bad, labels)


def test_K2_slot_prefix_setting_is_checked():
    assert check_prefix("B-") == "B-"
    for bad in ("A B", "'; drop", "ABCDEFGH"):
        with pytest.raises(ValidationError):
            check_prefix(bad)


def test_K3_same_day_by_default_due_at_end_of_day():
    assert check_lending(case()) == datetime(2026, 11, 18, 18, 0)


def test_K3_approval_is_needed_first():
    assert refusal(approved=False).field == "批准人"


def test_K3_a_key_that_is_out_cannot_be_lent_again():
    assert "已经借出" in refusal(status=KeyStatus.LENT).message
    assert "不在柜中" in refusal(status=KeyStatus.MISSING).message
    assert "不在柜中" in refusal(status=KeyStatus.RETURNED_TO_OWNER).message


def test_K3_never_overnight_except_repair_works():
    tomorrow = datetime(2026, 11, 19, 9, 0)
    assert "不得过夜" in refusal(due_at=tomorrow).message
    assert check_lending(case(due_at=tomorrow, repair_works=True)) == tomorrow


def test_K3_repair_works_need_a_due_time():
    assert refusal(repair_works=True).field == "应还时间"


def test_K3_due_time_after_out_time():
    assert refusal(due_at=datetime(2026, 11, 18, 11, 0)).field == "应还时间"


def test_K3_unhanded_key_at_most_12_hours():
    due = datetime(2026, 11, 19, 0, 1)
    err = refusal(kind=KeyKind.UNHANDED, occupancy="未入伙", repair_works=True, due_at=due)
    assert "12小时" in err.message
    ok = datetime(2026, 11, 19, 0, 0)
    assert check_lending(case(kind=KeyKind.UNHANDED, occupancy="未入伙", repair_works=True,
                              due_at=ok)) == ok
    # an owner's key of a unit the archive still calls 未入伙 counts too
    assert "12小时" in refusal(occupancy="未入伙", repair_works=True, due_at=due).message


def test_K3_moved_in_owners_repair_key_needs_prior_consent():
    err = refusal(kind=KeyKind.REPAIR, occupancy="已入伙")
    assert err.field == "业主事先同意"
    assert check_lending(case(kind=KeyKind.REPAIR, occupancy="已入伙", owner_consent=True))
    assert check_lending(case(kind=KeyKind.REPAIR, occupancy="未入伙"))  # not moved in yet


def test_K3_lent_after_the_end_of_day_is_due_by_midnight():
    late = datetime(2026, 11, 18, 19, 30)
    assert check_lending(case(out_at=late)) == datetime(2026, 11, 18, 23, 59)


def test_K3_lateness_in_words():
    out = datetime(2026, 11, 18, 9, 0)
    assert lateness(out, datetime(2026, 11, 18, 18), datetime(2026, 11, 18, 17, 59),
                    repair_works=False, unhanded_key=False, end_of_day_hour=18) is None
    lt = lateness(out, datetime(2026, 11, 18, 12), datetime(2026, 11, 18, 14, 15),
                  repair_works=False, unhanded_key=False, end_of_day_hour=18)
    assert lt is not None and lt.minutes == 135 and lt.text == "超过应还时间，已超时2小时15分钟"
    lt = lateness(out, datetime(2026, 11, 20, 9), datetime(2026, 11, 18, 22, 0),
                  repair_works=True, unhanded_key=True, end_of_day_hour=18)
    assert lt is not None and "12小时" in lt.reason and lt.minutes == 60
    lt = lateness(out, datetime(2026, 11, 18, 18), datetime(2026, 11, 19, 19, 0),
                  repair_works=False, unhanded_key=False, end_of_day_hour=18)
    assert lt is not None and late_text(lt.minutes) == "1天1小时"
    assert late_text(5) == "5分钟" and late_text(120) == "2小时" and late_text(-3) == "0分钟"


def test_K3_times_typed_by_a_clerk():
    assert parse_time("17:30", NOON, field="t") == datetime(2026, 11, 18, 17, 30)
    assert parse_time("１７：３０", NOON, field="t") == datetime(2026, 11, 18, 17, 30)
    assert parse_time("明天 9:00", NOON, field="t") == datetime(2026, 11, 19, 9, 0)
    assert parse_time("2026-11-20 08:05", NOON, field="t") == datetime(2026, 11, 20, 8, 5)
    assert parse_time("", NOON, field="t") is None
    for bad in ("25:00", "soon", "2026-02-30 10:00", "17:30; drop table"):
        with pytest.raises(ValidationError):
            parse_time(bad, NOON, field="t")


def test_K7_count_results_typed_loosely():
    assert CountResult.parse("有") is CountResult.PRESENT
    assert CountResult.parse("×") is CountResult.ABSENT


def test_K2_key_count_bounds():
    assert key_count("") == 1 and key_count("３") == 3
    for bad in ("0", "51", "two", "-1"):
        with pytest.raises(ValidationError):
            key_count(bad)
