"""`wuye-desk import register NAME FILE.xlsx` for the registers that point at a parent: the
documented order (households, then VIP cards, then their services) works; the wrong
order names the register to import first and exits non-zero, writing nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from tests.cli.test_visitor_commands import run
from tests.services.vip_helpers import application
from tests.services.visitor_helpers import host_household
from wuye_desk.services import vip
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database
from wuye_desk.store.models import VipCard, VipService


def _desk_with_a_vip(tmp_path):
    """A card issued and a service given on the 1st of last month (the command line runs
    on the real clock)."""
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    first = (datetime.now().replace(day=1) - timedelta(days=1)).replace(
        day=1, hour=10, minute=0, second=0, microsecond=0)
    desk = Desk(db, clock=lambda: first)
    home = host_household(desk)
    day = f"{first:%Y-%m-%d}"
    vip_id = vip.apply(desk, application(home, applied_on=day, approved_on=day))
    number = vip.issue_card(desk, vip_id).number
    vip.log_service(desk, vip_id, "紧急现金援助", "住院垫付", amount="300")
    db.dispose()
    return ("--db", str(path)), f"{first:%Y-%m}", number


def _count(path, model) -> int:
    db = open_database(path)
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        db.dispose()


def test_import_vip_registers_in_the_documented_order(tmp_path, capsys):
    db_arg, month, number = _desk_with_a_vip(tmp_path)
    files = {}
    for name in ("households", "vip-cards", "vip-services"):
        files[name] = tmp_path / f"{name}.xlsx"
        extra = ("--full-ids",) if name == "households" else ()
        assert run("export", "register", name, "--month", month, "--out", str(files[name]),
                   *extra, *db_arg) == 0
    capsys.readouterr()
    target = tmp_path / "empty.sqlite3"
    empty = ("--db", str(target))
    assert run("import", "register", "vip-services", str(files["vip-services"]), *empty) == 1
    said = capsys.readouterr().out
    assert f"第4行：卡号{number}不在系统中，请先导入VIP卡发放登记表" in said
    assert run("import", "register", "vip-cards", str(files["vip-cards"]), *empty) == 1
    assert "请先导入业户名册" in capsys.readouterr().out
    assert _count(target, VipCard) == 0
    for name in ("households", "vip-cards", "vip-services"):
        assert run("import", "register", name, str(files[name]), *empty) == 0
    said = capsys.readouterr().out
    assert "已导入VIP卡发放登记表：1 条" in said and "已导入VIP服务登记表：1 条" in said
    assert (_count(target, VipCard), _count(target, VipService)) == (1, 1)
    assert run("import", "register", "vip-cards", str(files["vip-cards"]), "--dry-run",
               *empty) == 1
    assert "卡号不能重复使用" in capsys.readouterr().out


def test_a_key_loan_before_the_custody_list_names_it(tmp_path, capsys):
    sheet = tmp_path / "loans.xlsx"
    from openpyxl import Workbook

    from wuye_desk.services.key_register import LENDINGS

    wb = Workbook()
    ws = wb.active
    ws.append(["借用钥匙登记表"])
    ws.append([])
    ws.append(list(LENDINGS.headers))
    ws.append([datetime(2026, 1, 5, 9, 0), "A-01", "3栋2单元1502", "业主委托钥匙", "赵工",
               "员工", "", "居民身份证", "1101**********002X", "", "检查漏水", "刘经理",
               datetime(2026, 1, 5, 17, 0), datetime(2026, 1, 5, 15, 0), "张三", "完好", "否"])
    wb.save(sheet)
    assert run("import", "register", "key-lendings", str(sheet), "--db",
               str(tmp_path / "empty.sqlite3")) == 1
    said = capsys.readouterr().out
    assert "第4行：柜位A-01没有3栋2单元1502这把钥匙" in said and "请先导入顾客钥匙清单" in said
