"""`wuye-desk export registers / export register / import register / report monthly|weekly`."""

from __future__ import annotations

from datetime import datetime

from tests.cli.test_visitor_commands import run
from tests.services.visitor_helpers import host_household, visitor
from wuye_desk.services import registers, visitors
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database


def _desk_with_a_visit(tmp_path):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    # the command line runs on the real clock: a visit on the 1st of last month
    now = datetime.now()
    first = (now.replace(day=1) - __import__("datetime").timedelta(days=1)).replace(
        day=1, hour=10, minute=0, second=0, microsecond=0)
    desk = Desk(db, clock=lambda: first)
    host_household(desk)
    visitors.register_visit(desk, visitor())
    db.dispose()
    return ("--db", str(path)), f"{first:%Y-%m}"


def test_export_registers_import_and_reports(tmp_path, capsys):
    db_arg, month = _desk_with_a_visit(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert run("export", "registers", "--month", month, "--out", str(out), *db_arg) == 0
    said = capsys.readouterr().out
    assert "访客登记表：1 行" in said and "业户名册：2 行" in said
    assert len(list(out.glob(f"{month}_*.xlsx"))) == len(registers.REGISTERS)
    one = tmp_path / "v.xlsx"
    assert run("export", "register", "visitors", "--from", f"{month}-01", "--to", f"{month}-28",
               "--out", str(one), *db_arg) == 0
    empty = ("--db", str(tmp_path / "empty.sqlite3"))
    assert run("import", "register", "visitors", str(one), "--dry-run", *empty) == 0
    assert "检查通过" in capsys.readouterr().out
    assert run("import", "register", "visitors", str(one), *empty) == 0
    assert "已导入访客登记表：1 条" in capsys.readouterr().out
    assert run("import", "register", "visitors", str(one), *empty) == 1
    assert "第4行：单号" in capsys.readouterr().out
    assert run("report", "monthly", "--month", month, "--out", str(tmp_path / "m.pdf"),
               *db_arg) == 0
    assert run("report", "weekly", "--out", str(tmp_path / "w.pdf"), *db_arg) == 0
    assert (tmp_path / "m.pdf").stat().st_size > 0 and (tmp_path / "w.pdf").exists()


def test_bad_input_gives_a_chinese_message_and_a_non_zero_exit(tmp_path, capsys):
    db_arg = ("--db", str(tmp_path / "desk.sqlite3"))
    cases = [
        (("report", "monthly", "--month", "2999-01", "--out", str(tmp_path / "m.pdf")), "还没有到"),
        (("report", "monthly", "--month", "2026-13", "--out", str(tmp_path / "m.pdf")), "格式不对"),
        (("report", "monthly", "--month", "2026-01", "--out", str(tmp_path / "m.txt")), ".pdf"),
        (("report", "weekly", "--week", "2026-W60", "--out", str(tmp_path / "w.pdf")), "没有第60周"),
        (("export", "registers", "--month", "2026-01", "--out", str(tmp_path / "nowhere")),
         "文件夹不存在"),
        (("export", "register", "keys", "--month", "2026-01", "--out", str(tmp_path / "k.xlsx")),
         "没有名为“keys”"),
        (("export", "register", "visitors", "--out", str(tmp_path / "k.xlsx")), "--month"),
        (("export", "register", "visitors", "--from", "2026-02-30", "--to", "2026-03-01",
          "--out", str(tmp_path / "k.xlsx")), "不是有效日期"),
        (("import", "register", "visitors", str(tmp_path / "none.xlsx")), "找不到文件"),
    ]
    for args, message in cases:
        assert run(*args, *db_arg) == 2, args
        assert message in capsys.readouterr().err, args
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))
