"""The key cabinet's, the mail desk's and the VIP archive's registers come back (rule R2):
export → import into an empty database → export gives the same cells; rows pointing at a
parent (a loan's key, a service's card) find it by what the sheet shows or are bad rows;
bad rows are listed by row number and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.conftest import Clock, make_operator
from tests.exports.month_helpers import cells, data_rows
from tests.services.key_helpers import add_household, key_input, loan_input
from wuye_desk.domain.errors import FileRejected, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.domain.periods import month_period
from wuye_desk.services import keys, registers
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import EmergencyInput
from wuye_desk.store.database import Database, open_database
from wuye_desk.store.models import (
    AuditEntry,
    CabinetKey,
    KeyEmergency,
    KeyEvent,
    KeyLoan,
    LockChange,
    MailItem,
    MailPickup,
    MailReturn,
    VipCard,
    VipCustomer,
    VipService,
)

NOVEMBER = month_period(2026, 11)
MODELS = (CabinetKey, KeyLoan, KeyEmergency, LockChange, KeyEvent, MailItem, MailPickup,
          MailReturn, VipCustomer, VipCard, VipService, AuditEntry)


class Two:
    """A source desk with the month's work, and an empty desk to import into."""

    def __init__(self, tmp_path: Path, clock: Clock, target: str | None = None) -> None:
        self.tmp = tmp_path
        self.dbs: list[Database] = []
        self.source = self._desk("source", "王管理", clock)
        self.target = self._desk("target", "李管理", clock, target)

    def _desk(self, name: str, who: str, clock: Clock, url: str | None = None) -> Desk:
        db = open_database(url or self.tmp / f"{name}.sqlite3")
        self.dbs.append(db)
        return Desk(db, make_operator(db, f"admin-{name}", who, Role.ADMIN), clock)

    def export(self, desk: Desk, name: str, file: str, full: bool = False) -> Path:
        return registers.export_register(desk, name, NOVEMBER, self.tmp / file, full=full).path

    def carry(self, name: str, *, full: bool = False) -> int:
        """Export from the source, import into the target: how many records were written."""
        return registers.import_register(
            self.target, name, self.export(self.source, name, f"{name}.xlsx", full)).written

    def same_cells(self, name: str) -> list[dict[str, Any]]:
        first = self.export(self.source, name, f"{name}-a.xlsx")
        again = self.export(self.target, name, f"{name}-b.xlsx")
        assert cells(first)[2:] == cells(again)[2:]
        return data_rows(again)

    def written(self) -> tuple[int, ...]:
        with self.target.read() as s:
            return tuple(int(s.scalar(select(func.count()).select_from(m)) or 0) for m in MODELS)


@pytest.fixture
def two(tmp_path: Path, clock: Clock, any_db_url: str) -> Iterator[Two]:
    """The target is a SQLite file, then a PostgreSQL database."""
    pair = Two(tmp_path, clock, any_db_url)
    yield pair
    for db in pair.dbs:
        db.dispose()


def edited(path: Path, changes: dict[tuple[int, str], Any]) -> Path:
    """The workbook with some cells changed: {(row, header): value}."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[3]}
    for (row, header), value in changes.items():
        ws.cell(row, col[header]).value = value
    wb.save(path)
    return path


def refused(desk: Desk, name: str, path: Path, before: Callable[[], tuple[int, ...]]
            ) -> dict[int, str]:
    """The import refused with its bad rows (row number → reason); nothing written."""
    counts = before()
    with pytest.raises(FileRejected) as caught:
        registers.import_register(desk, name, path)
    assert before() == counts
    return {p.row: p.reason for p in caught.value.problems}


# --- the key cabinet: lendings, emergencies, lock changes -------------------------------------

def lend(desk: Desk, key_id: int, approver_id: int, **kw: Any) -> None:
    """A loan approved by the manager `approver_id` (a month's history)."""
    keys.lend_approved(desk, key_id, loan_input(None, **kw), approver_id)


def key_month(desk: Desk, clock: Clock) -> None:
    """November at the cabinet: two loans (one back late), an emergency, a lock change whose
    new key reached the duty manager, and one still awaited."""
    manager = make_operator(desk.db, "mgr", "刘经理", Role.MANAGER)
    duty = make_operator(desk.db, "duty", "陈总值", Role.DUTY_MANAGER)
    add_household(desk, "9栋1单元101")
    add_household(desk, "9栋1单元102")
    clock.set(datetime(2026, 11, 2, 9, 0))
    a = keys.take_in(desk, key_input(unit="9栋1单元101", slot="A-01")).key_id
    b = keys.take_in(desk, key_input(unit="9栋1单元102", slot="A-02")).key_id
    p = keys.take_in(desk, key_input(unit="", kind="公共区域钥匙", tag="9栋天台", slot="A-03",
                                     depositor_name="", depositor_id_type="",
                                     depositor_id_number="", depositor_phone="")).key_id
    clock.set(datetime(2026, 11, 3, 10, 0))
    lend(desk, a, manager.id)
    clock.set(datetime(2026, 11, 3, 15, 30))
    keys.return_key(desk, a, condition="完好", receiver="张三")
    clock.set(datetime(2026, 11, 4, 9, 15))
    lend(desk, p, manager.id, borrower_kind="施工单位", borrower_company="安达维修",
         purpose="天台防水", due="16:00")
    clock.set(datetime(2026, 11, 4, 19, 5))
    keys.return_key(desk, p, condition="完好")
    clock.set(datetime(2026, 11, 5, 8, 0))
    keys.record_emergency(desk, a, EmergencyInput(reason="爆管漏水", detail="楼上漏水到楼下",
                                                  told_name="张三", told_phone="13812345678"))
    clock.set(datetime(2026, 11, 5, 22, 40))
    keys.record_emergency(desk, a, EmergencyInput(reason="火灾", told_whom="紧急联系人",
                                                  told_name="王五", owner_unreachable=True))
    clock.set(datetime(2026, 11, 6, 10, 0))
    change = keys.change_lock(desk, b, "业主要求更换锁芯")
    clock.set(datetime(2026, 11, 7, 11, 0))
    keys.hand_new_key(desk, change, duty_manager_id=duty.id, sealed=True)
    clock.set(datetime(2026, 11, 8, 10, 0))
    keys.change_lock(desk, p)
    clock.set(datetime(2026, 11, 18, 10, 0))


KEY_REGISTERS = ("key-lendings", "key-emergencies", "key-lock-changes")


def test_R2_key_registers_round_trip_after_the_custody_list(two, clock):
    key_month(two.source, clock)
    assert two.carry("key-custody") == 4
    assert two.carry("key-lendings") == 2
    assert two.carry("key-emergencies") == 2
    assert two.carry("key-lock-changes") == 2
    for name in ("key-custody", *KEY_REGISTERS):
        two.same_cells(name)
    with two.target.read() as s:
        loans = list(s.scalars(select(KeyLoan).order_by(KeyLoan.out_at)))
        assert [x.approver_name for x in loans] == ["刘经理", "刘经理"]
        assert all(x.approved_by is None for x in loans)          # a name on paper
        assert all("*" in x.borrower_id_number for x in loans)    # masked stays masked (G3)
        assert [x.returned_late for x in loans] == [False, True]
        changes = list(s.scalars(select(LockChange).order_by(LockChange.changed_at)))
        assert changes[0].new_key_id is not None and changes[1].new_key_id is None
        assert changes[0].duty_manager_name == "陈总值" and changes[0].duty_manager_id is None
        events = s.execute(select(KeyEvent.text, KeyEvent.loan_id).where(
            KeyEvent.kind.in_(("借出", "紧急使用", "换锁")))).all()
    assert len(events) == 6 and all(t.startswith("导入") for t, _ in events)    # rule G4
    assert sorted(x for _, x in events if x) == [x.id for x in loans]   # each names its loan


def test_G4_an_imported_loan_with_masked_numbers_can_be_corrected(two, clock):
    """The masked ID and phone of a paper loan are kept as they are; what is corrected is
    checked, and a new masked-looking number typed by hand is still refused."""
    key_month(two.source, clock)
    two.carry("key-custody")
    two.carry("key-lendings")
    with two.target.read() as s:
        loan = s.scalars(select(KeyLoan).order_by(KeyLoan.out_at)).first()
        assert loan is not None and "*" in loan.borrower_phone
        masked_id, masked_phone = loan.borrower_id_number, loan.borrower_phone
    keys.correct_loan(two.target, loan.id, keys.LoanCorrection(
        reason="登记表抄错了事由", purpose="更换水表", borrower_id_number=masked_id,
        borrower_phone=masked_phone))
    with two.target.read() as s:
        fixed = s.get(KeyLoan, loan.id)
        assert fixed is not None and fixed.purpose == "更换水表"
        assert (fixed.borrower_id_number, fixed.borrower_phone) == (masked_id, masked_phone)
    with pytest.raises(ValidationError) as caught:
        keys.correct_loan(two.target, loan.id, keys.LoanCorrection(
            reason="电话", borrower_phone="139****0000"))
    assert caught.value.field == "借用人电话"


def test_R2_a_key_register_names_the_custody_list_when_the_key_is_missing(two, clock):
    key_month(two.source, clock)
    before = two.written
    for name in KEY_REGISTERS:
        path = two.export(two.source, name, f"{name}.xlsx")
        rows = refused(two.target, name, path, before)
        assert set(rows) == set(range(4, 4 + len(data_rows(path))))
        assert all("请先导入顾客钥匙清单" in r and "柜位A-0" in r for r in rows.values())


def test_R2_key_register_bad_rows_are_named_by_row_and_nothing_is_written(two, clock):
    key_month(two.source, clock)
    two.carry("key-custody")
    loans = edited(two.export(two.source, "key-lendings", "l.xlsx"), {
        (4, "借出时间"): "上周", (5, "证件号码"): "12**34", (5, "批准人"): None})
    rows = refused(two.target, "key-lendings", loans, two.written)
    assert set(rows) == {4, 5}
    assert "借出时间" in rows[4] and "证件号码" in rows[5]
    loans = edited(two.export(two.source, "key-lendings", "l2.xlsx"), {
        (4, "归还时间"): None, (5, "批准人"): " "})
    rows = refused(two.target, "key-lendings", loans, two.written)
    assert "未还" in rows[4] and "规则K3" in rows[4] and "批准人" in rows[5]
    emergencies = edited(two.export(two.source, "key-emergencies", "e.xlsx"), {
        (4, "柜位"): "A-09", (5, "业主联系不上"): "否"})
    rows = refused(two.target, "key-emergencies", emergencies, two.written)
    assert "柜位A-09没有9栋1单元101这把钥匙" in rows[4] and "规则K4" in rows[5]
    changes = edited(two.export(two.source, "key-lock-changes", "c.xlsx"), {
        (4, "密封"): "否", (5, "换锁时间"): datetime(2027, 1, 1)})
    rows = refused(two.target, "key-lock-changes", changes, two.written)
    assert "规则K6" in rows[4] and "将来" in rows[5]
    # the same file twice: the records are already there
    assert two.carry("key-lendings") == 2
    rows = refused(two.target, "key-lendings", two.export(two.source, "key-lendings", "x.xlsx"),
                   two.written)
    assert set(rows) == {4, 5} and all("已在系统中" in r for r in rows.values())


def test_R2_a_loan_still_out_is_not_imported(two, clock):
    key_month(two.source, clock)
    two.carry("key-custody")
    manager = make_operator(two.source.db, "mgr2", "周经理", Role.MANAGER)
    key_id = keys.key_in_slot(two.source, "A-01")
    assert key_id is not None
    lend(two.source, key_id, manager.id)
    path = two.export(two.source, "key-lendings", "l.xlsx")
    rows = refused(two.target, "key-lendings", path, two.written)
    assert list(rows) == [6] and "规则K3" in rows[6]


# --- any register: another register's sheet, a file that is not a workbook -------------------

IMPORTING = ("key-lendings", "key-emergencies", "key-lock-changes", "mail", "vip-cards",
             "vip-services")


@pytest.mark.parametrize("name", IMPORTING)
def test_R2_a_sheet_of_another_register_or_not_a_workbook_is_refused(two, name):
    before = two.written()
    other = "visitors" if name != "visitors" else "mail"
    sheet = two.export(two.target, other, "other.xlsx")
    with pytest.raises(ValidationError, match="找不到表头"):
        registers.import_register(two.target, name, sheet)
    text = two.tmp / "register.xlsx"
    text.write_text("柜位,房号\nA-01,1栋101\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="无法读取"):
        registers.import_register(two.target, name, text)
    headers_only = two.export(two.target, name, "empty.xlsx")
    with pytest.raises(ValidationError, match="没有数据行"):
        registers.import_register(two.target, name, headers_only)
    blank = Workbook()
    blank.save(two.tmp / "blank.xlsx")
    with pytest.raises(ValidationError, match="找不到表头"):
        registers.import_register(two.target, name, two.tmp / "blank.xlsx")
    assert two.written() == before


# --- the mail desk ---------------------------------------------------------------------------

def mail_homes(*desks: Desk) -> None:
    from tests.services.mail_helpers import household

    for desk in desks:
        household(desk, "9栋1单元101", "张三")
        household(desk, "9栋1单元102", "赵六")


def mail_month(desk: Desk, clock: Clock) -> None:
    """November's mail: three parcels for 101 (two collected together by a proxy), a damaged
    letter for 102 still waiting, an undeliverable item returned to the post office."""
    from tests.services.mail_helpers import LI_ID, ems, item
    from wuye_desk.services import mail

    with desk.read() as s:
        from wuye_desk.store.models import Household

        home = s.scalar(select(Household.id).where(Household.unit_code.like("%101%")))
    assert home is not None
    clock.set(datetime(2026, 11, 2, 9, 0))
    a = mail.sign_in(desk, item("SF1234567890123", unit="9栋1单元101")).id
    clock.set(datetime(2026, 11, 2, 9, 5))
    b = mail.sign_in(desk, item("YT9876543210987", unit="9栋1单元101", carrier="圆通")).id
    clock.set(datetime(2026, 11, 2, 9, 10))
    mail.sign_in(desk, item("JD0012345678901", unit="9栋1单元101", carrier="京东"))
    mail.sign_in(desk, item(ems("12345678"), unit="9栋1单元102", kind="挂号信",
                            damage="信封破损，已告知"))
    mail.sign_in(desk, item("ZTO778899001122", unit="20栋9单元999", carrier="中通",
                            undeliverable=True, remark="查无此户"))
    clock.set(datetime(2026, 11, 2, 10, 0))
    mail.record_notice(desk, home, "电话")
    clock.set(datetime(2026, 11, 3, 18, 30))
    mail.hand_out(desk, [a, b], mail.PickupInput(collector_name="李梅", collector_kind="代领",
                                                  id_number=LI_ID))
    clock.set(datetime(2026, 11, 4, 11, 0))
    with desk.read() as s:
        back = s.scalar(select(MailItem.id).where(MailItem.undeliverable.is_(True)))
    assert back is not None
    mail.return_items(desk, [back], "邮递员刘")
    clock.set(datetime(2026, 11, 18, 10, 0))


def test_R2_mail_round_trip_keeps_pickups_and_returns(two, clock):
    mail_homes(two.source, two.target)
    mail_month(two.source, clock)
    assert two.carry("mail") == 5
    rows = two.same_cells("mail")
    assert sum(1 for r in rows if r["领取人"] == "李梅") == 2
    assert all("*" in r["领取人证件号码"] for r in rows if r["领取人"])      # rule G3
    with two.target.read() as s:
        pickups = list(s.scalars(select(MailPickup)))
        assert [(p.item_count, p.collector_kind) for p in pickups] == [(2, "代领")]
        assert "*" in pickups[0].id_masked and pickups[0].signature_png is None
        returns = list(s.scalars(select(MailReturn)))
        assert [(r.item_count, r.reason, r.postal_clerk) for r in returns] == [
            (1, "无法投递", "邮递员刘")]
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity == "mail_item")
                         .order_by(AuditEntry.id.desc()).limit(1))
    assert entry is not None and "导入邮件签收表" in entry.action      # rule G4
    from wuye_desk.services import mail

    assert mail.find_item(two.target, "SF1234567890123").status == "已领取"  # searchable


def test_R2_mail_bad_rows_are_named_by_row_and_nothing_is_written(two, clock):
    mail_homes(two.source)
    mail_month(two.source, clock)
    path = two.export(two.source, "mail", "m.xlsx")
    rows = refused(two.target, "mail", path, two.written)            # no households yet
    assert "请先导入业户名册" in rows[4] and 8 not in rows   # the undeliverable item has no unit
    mail_homes(two.target)
    path = edited(path, {(4, "收件时间"): "11月2日", (5, "领取人证件号码"): "****",
                         (7, "单号"): "JD0012345678901", (8, "接收退件人"): None})
    rows = refused(two.target, "mail", path, two.written)
    assert set(rows) == {4, 5, 7, 8}
    assert "收件时间" in rows[4] and "遮蔽" in rows[5] and "与第6行重复" in rows[7]
    assert "规则M5" in rows[8]
    two.carry("mail")
    rows = refused(two.target, "mail", two.export(two.source, "mail", "again.xlsx"), two.written)
    assert len(rows) == 5 and all("已在系统中" in r for r in rows.values())


# --- the VIP archive -------------------------------------------------------------------------

def vip_homes(*desks: Desk) -> list[int]:
    from tests.services.vip_helpers import host_household

    return [host_household(desk, unit) for desk in desks for unit in ("9栋1单元101", "9栋1单元102")]


def vip_month(desk: Desk, homes: list[int]) -> dict[str, str]:
    """November's VIP work: a card lost and replaced, a card revoked, three services (one of
    them cash aid of 12.50 yuan, given on the lost card before it was lost)."""
    from tests.services.vip_helpers import apply_and_issue
    from wuye_desk.services import vip

    first, lost = apply_and_issue(desk, homes[0])
    second, revoked = apply_and_issue(desk, homes[1], name="李梅")
    vip.log_service(desk, first, "紧急现金援助", "打车回家", amount="12.50",
                    given_at=datetime(2026, 11, 18, 9, 30))
    new = vip.replace_lost_card(desk, first, "钱包丢失").number
    vip.log_service(desk, first, "优先服务", "优先办理装修审批")
    vip.log_service(desk, first, "亲情服务", "生日问候，送花")
    vip.revoke_card(desk, second, "恶意拖欠物业管理费", "连续两年未缴")
    return {"lost": lost, "new": new, "revoked": revoked}


def test_R2_vip_registers_round_trip_cards_before_services(two):
    from tests.services.vip_helpers import application
    from wuye_desk.services import vip

    homes = vip_homes(two.source, two.target)
    numbers = vip_month(two.source, homes[:2])
    assert two.carry("vip-cards") == 3
    assert two.carry("vip-services") == 3
    cards = two.same_cells("vip-cards")
    assert {r["卡号"]: r["卡状态"] for r in cards} == {
        numbers["lost"]: "已挂失作废", numbers["new"]: "有效", numbers["revoked"]: "已撤销"}
    services = two.same_cells("vip-services")
    assert sorted(r["金额（元）"] or 0 for r in services) == [0, 0, 12.5]
    with two.target.read() as s:
        holders = list(s.scalars(select(VipCustomer).order_by(VipCustomer.id)))
        assert [(h.name, h.card_number, h.card_status) for h in holders] == [
            ("张三", numbers["new"], "有效"), ("李梅", numbers["revoked"], "已撤销")]
        assert all("纸质档案" in h.note for h in holders)                 # rule P3
        new = s.scalar(select(VipCard).where(VipCard.number == numbers["new"]))
        lost = s.scalar(select(VipCard).where(VipCard.number == numbers["lost"]))
        assert new is not None and lost is not None and new.replaces_id == lost.id
    # rule P2: the next number of the level is past every imported one, never reused
    third = vip.apply(two.target, application(homes[2], name="李梅"))
    issued = vip.issue_card(two.target, third).number
    assert issued not in numbers.values() and issued > max(numbers.values())


def test_R2_a_service_names_the_card_register_when_the_card_is_missing(two):
    homes = vip_homes(two.source, two.target)
    vip_month(two.source, homes[:2])
    path = two.export(two.source, "vip-services", "s.xlsx")
    rows = refused(two.target, "vip-services", path, two.written)
    assert set(rows) == {4, 5, 6}
    assert all("请先导入VIP卡发放登记表" in r for r in rows.values())


def test_R2_vip_bad_rows_are_named_by_row_and_nothing_is_written(two):
    homes = vip_homes(two.source)
    numbers = vip_month(two.source, homes)
    path = two.export(two.source, "vip-cards", "c.xlsx")
    rows = refused(two.target, "vip-cards", path, two.written)        # no households yet
    assert set(rows) == {4, 5, 6} and all("请先导入业户名册" in r for r in rows.values())
    vip_homes(two.target)
    path = edited(path, {(4, "发卡日期"): "去年", (6, "卡号"): numbers["revoked"]})
    rows = refused(two.target, "vip-cards", path, two.written)
    assert set(rows) == {4, 6} and "发卡日期" in rows[4] and "与第5行重复" in rows[6]
    path = edited(two.export(two.source, "vip-cards", "c2.xlsx"),
                  {(4, "持卡人"): None, (5, "作废/撤销原因"): "不喜欢", (6, "级别"): "集团领导级"})
    rows = refused(two.target, "vip-cards", path, two.written)
    assert set(rows) == {4, 5, 6} and "持卡人" in rows[4] and "撤销原因" in rows[5]
    assert "规则P2" in rows[6]
    assert two.carry("vip-cards") == 3
    rows = refused(two.target, "vip-cards", two.export(two.source, "vip-cards", "c3.xlsx"),
                   two.written)                                        # never twice (P2)
    assert len(rows) == 3 and all("已在系统中" in r for r in rows.values())
    services = two.export(two.source, "vip-services", "s.xlsx")
    path = edited(services, {(4, "客户姓名"): "王五", (5, "金额（元）"): 20,
                             (6, "服务时间"): datetime(2026, 10, 1, 9, 0)})
    rows = refused(two.target, "vip-services", path, two.written)
    assert "持卡人是张三" in rows[4] and "规则P6" in rows[5] and "不是有效卡" in rows[6]
