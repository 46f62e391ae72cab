"""`wuye-desk visitor …`: who is still inside, the purge, exits, figures."""

from datetime import datetime, timedelta

from tests.services.visitor_helpers import host_household, visitor
from wuye_desk.cli import main
from wuye_desk.services import visitors
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_inside_exit_purge_and_figures(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    # the command line runs on the real clock: the old visit is a year and more ago
    long_ago = (datetime.now() - timedelta(days=400)).replace(hour=10, microsecond=0)
    desk = Desk(db, clock=lambda: long_ago)
    host_household(desk)
    old = visitors.register_visit(desk, visitor()).serial
    desk = Desk(db, clock=lambda: datetime.now().replace(hour=10, microsecond=0))
    now = visitors.register_visit(desk, visitor(visitor_name="钱多")).serial
    db.dispose()
    db_arg = ("--db", str(path))

    assert run("visitor", "inside", *db_arg) == 0
    out = capsys.readouterr().out
    assert "在访访客 2 人次" in out and old in out and now in out
    assert out.index(old) < out.index(now)                      # longest first

    assert run("visitor", "exit", old, "--not-returned", *db_arg) == 2
    assert "上联未交回" in capsys.readouterr().err
    assert run("visitor", "exit", old, *db_arg) == 0
    assert "已登记离开：赵敏" in capsys.readouterr().out
    assert run("visitor", "exit", old, *db_arg) == 2
    assert "不能重复登记" in capsys.readouterr().err

    assert run("visitor", "purge", *db_arg) == 0
    assert "已遮挡1条" in capsys.readouterr().out
    assert run("visitor", "purge", *db_arg) == 0
    assert "没有需要遮挡" in capsys.readouterr().out

    day = long_ago.date().isoformat()
    assert run("visitor", "figures", "--from", day, "--to", day, *db_arg) == 0
    assert "访客登记 1 次" in capsys.readouterr().out
    assert run("visitor", "figures", "--from", "2026-13-01", "--to", "2026-01-31", *db_arg) == 2
    assert "格式不对" in capsys.readouterr().err
    assert run("visitor", "slip", "FK000", "--out", str(tmp_path / "x.pdf"), *db_arg) == 2
    assert "登记单号" in capsys.readouterr().err


def test_the_watch_list_from_the_command_line(tmp_path, capsys):
    db_arg = ("--db", str(tmp_path / "desk.sqlite3"))
    assert run("visitor", "watch", "add", "--id-number", "11010519491231002X",
               "--note", "曾冒充快递员", *db_arg) == 0
    assert "记录号 1" in capsys.readouterr().out
    assert run("visitor", "watch", "list", *db_arg) == 0
    out = capsys.readouterr().out
    assert "1101**********002X" in out and "11010519491231002X" not in out
    assert run("visitor", "watch", "add", "--name", "某人", *db_arg) == 2
    assert "关注原因" in capsys.readouterr().err
    assert run("visitor", "watch", "end", "--entry", "1", *db_arg) == 0
    assert run("visitor", "watch", "end", "--entry", "1", *db_arg) == 2
    assert "已经移出" in capsys.readouterr().err
