"""The key cabinet's, the mail desk's and the VIP archive's registers (rule R2): they look
like the paper registers, mask IDs and phones (G3) and write real Excel dates. Their
imports: the custody list here, the others in test_register_imports.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import make_operator
from tests.exports.area_month import copy_filled, filled_template  # noqa: F401
from tests.exports.month_helpers import OCTOBER, cells, data_rows
from tests.services.vip_helpers import apply_and_issue
from wuye_desk.domain.errors import FileRejected, PermissionDenied
from wuye_desk.domain.operators import Role
from wuye_desk.domain.periods import month_period
from wuye_desk.services import registers, vip
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database
from wuye_desk.store.models import (
    CabinetKey,
    KeyLoan,
    MailItem,
    Member,
    VipCustomer,
)

NOVEMBER = month_period(2026, 11)
AREA_REGISTERS = {"key-custody": "顾客钥匙清单", "key-lendings": "借用钥匙登记表",
                  "key-emergencies": "钥匙紧急使用登记表", "key-lock-changes": "换锁登记表",
                  "mail": "邮件签收表", "vip-cards": "VIP卡发放登记表",
                  "vip-services": "VIP服务登记表"}


@pytest.fixture
def db_path(filled_template: Path, tmp_path: Path) -> Path:  # noqa: F811
    return copy_filled(filled_template, tmp_path)


def vip_month(desk: Desk) -> dict[str, int]:
    """November's VIP work on top of the demo: two cards issued, one revoked, three
    services of which two are cash aid (300 and 12.50 yuan)."""
    with desk.read() as s:
        homes = s.execute(select(Member.household_id, func.min(Member.name))
                          .where(Member.household_id.not_in(select(VipCustomer.household_id)))
                          .group_by(Member.household_id).order_by(Member.household_id.desc())
                          .limit(2)).all()
    first, _ = apply_and_issue(desk, homes[0][0], name=homes[0][1])
    second, _ = apply_and_issue(desk, homes[1][0], name=homes[1][1])
    at = datetime(2026, 11, 18, 9, 30)
    vip.log_service(desk, first, "紧急现金援助", "住院垫付", amount="300", given_at=at)
    vip.log_service(desk, first, "紧急现金援助", "打车回家", amount="12.50", given_at=at)
    vip.log_service(desk, first, "优先服务", "优先办理装修审批", given_at=at)
    vip.revoke_card(desk, second, "恶意拖欠物业管理费", "连续两年未缴")
    return {"first": first, "second": second}


def test_every_area_register_is_declared_by_name_and_title():
    found = {r.name: r for r in registers.all_registers()}
    for name, title in AREA_REGISTERS.items():
        assert found[name].title == title
        assert registers.get_register(title).name == name


@pytest.mark.parametrize("name", list(AREA_REGISTERS))
def test_R2_each_looks_like_its_paper_register_with_real_dates(desk, tmp_path, name):
    vip_month(desk)
    period = OCTOBER if name in ("key-custody", "key-lendings", "mail") else NOVEMBER
    out = registers.export_register(desk, name, period, tmp_path / f"{name}.xlsx")
    assert out.rows > 0
    wb = load_workbook(out.path)
    ws = wb.worksheets[0]
    assert ws.title == AREA_REGISTERS[name]
    assert ws["A1"].value == f"幸福家园物业管理处 {AREA_REGISTERS[name]}"
    assert ws["A2"].value.startswith(f"期间：{period.label}")
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    register = registers.get_register(name)
    assert [c.value for c in ws[3]] == list(register.headers)
    for col, column in enumerate(register.columns, 1):
        values = [ws.cell(r, col) for r in range(4, ws.max_row + 1)]
        filled = [c for c in values if c.value not in (None, "")]
        if column.kind == "datetime":
            assert all(isinstance(c.value, datetime) and c.number_format == "yyyy-mm-dd hh:mm"
                       for c in filled), column.header
        if column.kind == "date":
            assert all(isinstance(c.value, datetime) and c.number_format == "yyyy-mm-dd"
                       for c in filled), column.header
        if column.kind in ("masked_id", "masked_phone") or column.header == "领取人证件号码":
            filled = [c for c in filled if c.value != "—"]
            assert all("*" in c.value for c in filled), column.header
    wb.close()


def test_R2_lendings_are_the_month_in_order_with_overdue_marked(desk, clock, tmp_path):
    out = registers.export_register(desk, "key-lendings", NOVEMBER, tmp_path / "l.xlsx")
    rows = data_rows(out.path)
    times = [r["借出时间"] for r in rows]
    assert times == sorted(times) and NOVEMBER.contains(times[0].date())
    with desk.read() as s:
        loans = list(s.scalars(select(KeyLoan).where(KeyLoan.out_at >= datetime(2026, 11, 1))))
    assert len(rows) == len(loans)
    late = sum(1 for x in loans if x.returned_late
               or (x.returned_at is None and x.deadline < clock()))
    assert sum(1 for r in rows if r["逾期"] == "是") == late
    assert all(r["逾期"] in ("是", "否") for r in rows)


def test_R2_custody_lists_every_key_held_in_the_month(desk, tmp_path):
    out = registers.export_register(desk, "key-custody", OCTOBER, tmp_path / "c.xlsx")
    rows = data_rows(out.path)
    with desk.read() as s:
        held = s.scalar(select(func.count()).select_from(CabinetKey).where(
            CabinetKey.entrusted_at < datetime(2026, 11, 1),
            (CabinetKey.ended_at.is_(None)) | (CabinetKey.ended_at >= datetime(2026, 10, 1))))
    assert len(rows) == held > 0
    assert all(r["柜位"] and r["钥匙类别"] and isinstance(r["委托时间"], datetime) for r in rows)
    assert registers.export_register(desk, "key-custody", month_period(2025, 1),
                                     tmp_path / "e.xlsx").rows == 0


def test_R2_mail_register_shows_each_item_and_what_became_of_it(desk, tmp_path):
    out = registers.export_register(desk, "mail", OCTOBER, tmp_path / "m.xlsx")
    rows = data_rows(out.path)
    with desk.read() as s:
        live = s.scalar(select(func.count()).select_from(MailItem).where(
            MailItem.status != "已更正", MailItem.received_at >= datetime(2026, 10, 1),
            MailItem.received_at < datetime(2026, 11, 1)))
    assert len(rows) == live
    for r in rows:
        if r["状态"] == "已领取":
            assert r["领取时间"] >= r["收件时间"]
        if r["状态"] == "已退回":
            assert r["退回时间"] and not r["领取时间"]
        if r["状态"] == "待领取":
            assert not r["领取时间"] and not r["退回时间"]


def test_R2_vip_registers_show_cards_and_services_in_yuan(desk, tmp_path):
    vip_month(desk)
    cards = data_rows(registers.export_register(desk, "vip-cards", NOVEMBER,
                                                tmp_path / "c.xlsx").path)
    revoked = [r for r in cards if r["卡状态"] == "已撤销"]
    assert len(revoked) == 1 and revoked[0]["作废/撤销原因"] == "恶意拖欠物业管理费"
    assert len([r for r in cards if r["发卡日期"] == datetime(2026, 11, 18)]) == 2
    services = data_rows(registers.export_register(desk, "vip-services", NOVEMBER,
                                                   tmp_path / "s.xlsx").path)
    aid = [r["金额（元）"] for r in services if r["服务项目"] == "紧急现金援助"]
    assert sorted(aid) == [12.5, 300]
    assert all(r["金额（元）"] is None for r in services if r["服务项目"] != "紧急现金援助")


def test_G3_full_export_needs_the_permission_and_shows_whole_numbers(desk, desk_as, tmp_path):
    masked = data_rows(registers.export_register(desk, "key-lendings", NOVEMBER,
                                                 tmp_path / "m.xlsx").path)
    full = data_rows(registers.export_register(desk, "key-lendings", NOVEMBER,
                                               tmp_path / "f.xlsx", full=True).path)
    assert all("*" in r["证件号码"] for r in masked)
    assert not any("*" in r["证件号码"] for r in full)
    with pytest.raises(PermissionDenied):
        registers.export_register(desk_as(Role.MANAGER), "key-lendings", NOVEMBER,
                                  tmp_path / "x.xlsx", full=True)


def test_R2_every_register_imports_back():
    assert all(r.importer is not None for r in registers.all_registers())


def test_the_month_batch_writes_every_area_register(desk, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    done = registers.export_month(desk, OCTOBER, folder)
    names = {p.name for p in folder.iterdir()}
    for title in AREA_REGISTERS.values():
        assert f"2026-10_{title}.xlsx" in names
    assert {e.register.name for e in done} >= set(AREA_REGISTERS)


def test_a_period_with_nothing_gives_headers_only(desk, tmp_path):
    for name in AREA_REGISTERS:
        out = registers.export_register(desk, name, month_period(2020, 2), tmp_path / "e.xlsx")
        assert out.rows == 0
        assert cells(out.path)[2] == list(registers.get_register(name).headers)


# --- the custody list comes back (an office moving its paper list onto the desk) -----------

def _empty_desk(tmp_path: Path, clock) -> tuple[Desk, object]:
    empty = open_database(tmp_path / "empty.sqlite3")
    return Desk(empty, make_operator(empty, "admin2", "李管理", Role.ADMIN), clock), empty


def _own_keys(desk) -> None:
    """Keys of November, none out on loan: two owners' keys (one given back), a public one."""
    from tests.services.key_helpers import add_household, key_input
    from wuye_desk.services import keys

    add_household(desk, "9栋1单元101")
    add_household(desk, "9栋1单元102")
    keys.take_in(desk, key_input(unit="9栋1单元101", slot="A-01"))
    back = keys.take_in(desk, key_input(unit="9栋1单元102", slot="A-02")).key_id
    keys.return_to_owner(desk, back, receiver="张三")
    keys.take_in(desk, key_input(unit="", kind="公共区域钥匙", tag="9栋天台", slot="A-03",
                                 depositor_name="", depositor_id_type="",
                                 depositor_id_number="", depositor_phone=""))


def test_R2_custody_round_trip_gives_the_same_cells(tmp_path, clock):
    from wuye_desk.services import keys

    source = open_database(tmp_path / "source.sqlite3")
    other_db = None
    try:
        desk = Desk(source, make_operator(source, "admin", "王管理", Role.ADMIN), clock)
        _own_keys(desk)
        first = registers.export_register(desk, "key-custody", NOVEMBER, tmp_path / "a.xlsx")
        assert first.rows == 3
        other, other_db = _empty_desk(tmp_path, clock)
        done = registers.import_register(other, "key-custody", first.path)
        assert done.written == 3
        again = registers.export_register(other, "key-custody", NOVEMBER, tmp_path / "b.xlsx")
        assert cells(first.path)[2:] == cells(again.path)[2:]
        assert "*" in data_rows(again.path)[0]["证件号码"]        # masked stays masked (G3)
        with other.read() as s:
            held = set(s.scalars(select(CabinetKey.held_slot)))
        assert held == {"A-01", "A-03", None}                 # the given-back key holds no slot
        assert any("导入顾客钥匙清单" in text for _, _, text, _ in
                   keys.get_key(other, 1).events)             # its history says so (G4)
        with pytest.raises(FileRejected) as caught:           # the same file twice: slots taken
            registers.import_register(other, "key-custody", first.path)
        assert [p.row for p in caught.value.problems] == [4, 6]
    finally:
        source.dispose()
        if other_db is not None:
            other_db.dispose()


def test_R2_custody_bad_rows_are_named_by_row_and_nothing_is_written(desk, tmp_path, clock):
    out = registers.export_register(desk, "key-custody", OCTOBER, tmp_path / "c.xlsx").path
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[3]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    lent = [r for r in range(4, ws.max_row + 1) if ws.cell(r, col["状态"]).value == "借出"]
    ws.cell(5, col["柜位"]).value = "Z-99"
    ws.cell(6, col["钥匙类别"]).value = "万能钥匙"
    ws.cell(7, col["委托时间"]).value = "昨天"
    ws.cell(8, col["保管结束"]).value = datetime(2020, 1, 1)
    wb.save(out)
    other, empty = _empty_desk(tmp_path, clock)
    try:
        with pytest.raises(FileRejected) as caught:
            registers.import_register(other, "key-custody", out)
        rows = {p.row: p.reason for p in caught.value.problems}
        assert {5, 6, 7, 8} <= set(rows) and set(lent) <= set(rows)
        assert "Z-99" in rows[5] and "万能钥匙" in rows[6] and "委托时间" in rows[7]
        assert "保管结束" in rows[8]
        assert all("规则K3" in rows[r] for r in lent if r not in (5, 6, 7, 8))
        with other.read() as s:
            assert s.scalar(select(func.count()).select_from(CabinetKey)) == 0
    finally:
        empty.dispose()
