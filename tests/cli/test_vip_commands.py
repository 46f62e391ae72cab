"""`wuye-desk vip …`: apply, issue with the form, replace, services, reminders, figures."""

from datetime import date

from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.visitor_helpers import host_household
from wuye_desk.cli import main
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_a_vip_from_application_to_services_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    host_household(Desk(db))
    db.dispose()
    db_arg = ("--db", str(path))
    today = date.today().isoformat()

    assert run("vip", "apply", "--unit", "3-2-1502", "--name", "王五", "--level", "其他级",
               "--qualification", "业委会", "--approved-by", "刘经理", *db_arg) == 2
    assert "不是3栋2单元1502档案中的成员" in capsys.readouterr().err
    assert run("vip", "apply", "--unit", "3-2-1502", "--name", "张三", "--level", "2",
               "--qualification", "业委会主任", "--approved-by", "刘经理",
               "--birthday", "八月十五", "--lunar", "--applied-on", today, *db_arg) == 0
    capsys.readouterr()
    form = tmp_path / "vip.pdf"
    assert run("vip", "issue", "--unit", "3栋2单元1502", "--name", "张三", "--form", str(form),
               *db_arg) == 0
    assert "已发卡 JK2001" in capsys.readouterr().out
    assert "卡号：JK2001" in squeezed(page_texts(form)[0])
    assert run("vip", "issue", "--card", "JK2001", *db_arg) == 2
    assert "一人只能持一张有效卡" in capsys.readouterr().err
    assert run("vip", "replace", "--card", "JK2001", "--note", "遗失", *db_arg) == 0
    assert "已补发新卡 JK2002，原卡 JK2001 作废" in capsys.readouterr().out
    assert run("vip", "status", "--unit", "3-2-1502", *db_arg) == 0
    assert capsys.readouterr().out.strip() == "VIP JK2002 有效"
    assert run("vip", "service", "--card", "JK2002", "--kind", "紧急现金援助",
               "--detail", "被盗", "--amount", "9999", *db_arg) == 2
    assert "超过限额2000元" in capsys.readouterr().err
    assert run("vip", "service", "--card", "JK2002", "--kind", "援助", "--detail", "被盗",
               "--amount", "800", *db_arg) == 0
    assert run("vip", "show", "--card", "jk2001", *db_arg) == 0
    out = capsys.readouterr().out
    assert "JK2001" in out and "已挂失作废" in out and "紧急现金援助 800元" in out
    assert run("vip", "list", "--status", "有效", *db_arg) == 0
    assert "共 1 位VIP客户" in capsys.readouterr().out
    assert run("vip", "reminders", "--days", "366", *db_arg) == 0
    assert "中秋节" in capsys.readouterr().out
    assert run("vip", "figures", "--from", today, "--to", today, *db_arg) == 0
    assert "紧急现金援助 1 次，共 800元" in capsys.readouterr().out
    assert run("vip", "revoke", "--card", "JK2002", "--reason", "看不顺眼", "--note", "x",
               *db_arg) == 2
    assert "撤销原因" in capsys.readouterr().err


def test_nonsense_on_the_command_line_is_refused(tmp_path, capsys):
    db_arg = ("--db", str(tmp_path / "d.sqlite3"))
    assert run("vip", "show", *db_arg) == 2
    assert "请用 --card" in capsys.readouterr().err
    assert run("vip", "show", "--card", "JK12", *db_arg) == 2
    assert run("vip", "show", "--card", "JK2001", *db_arg) == 2
    assert "没有卡号为JK2001" in capsys.readouterr().err
    assert run("vip", "status", "--unit", "9-9-9999", *db_arg) == 2
    assert run("vip", "figures", "--from", "2026-13-01", "--to", "2026-12-01", *db_arg) == 2
    assert run("vip", "list", "--status", "冻结", *db_arg) == 2
    assert run("vip", "reminders", "--days", "-3", *db_arg) == 2
