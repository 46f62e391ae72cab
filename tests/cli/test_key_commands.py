"""`wuye-desk key …`: take-in, lending, return, overdue, handover, forms, figures."""

import io
from datetime import datetime, timedelta

from sqlalchemy import func, select

from tests.conftest import make_operator
from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.key_helpers import LI_ID, PASSWORD, ZHAO_ID, add_household, give_password
from wuye_desk.cli import main
from wuye_desk.domain.operators import Role
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database
from wuye_desk.store.models import KeyLoan


def password(monkeypatch, typed: str, *, terminal: bool = False) -> list[str]:
    """The approver's password: typed at the prompt (not echoed), or a script's stdin line."""
    stdin = io.StringIO("" if terminal else (typed + "\n" if typed else ""))
    monkeypatch.setattr("sys.stdin", stdin)
    monkeypatch.setattr(stdin, "isatty", lambda: terminal)
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": prompts.append(prompt) or typed)
    return prompts


def loans(path) -> int:
    db = open_database(path)
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(KeyLoan)))
    finally:
        db.dispose()


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_K3_a_key_through_the_command_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    desk = Desk(db, clock=lambda: datetime.now().replace(microsecond=0))
    add_household(desk)
    # the duty manager approves by day and at night (G5)
    give_password(db, make_operator(db, "zong", "刘总值", Role.DUTY_MANAGER))
    give_password(db, make_operator(db, "xiao", "小前台", Role.FRONT_DESK))
    db.dispose()
    db_arg = ("--db", str(path))

    assert run("key", "take-in", "--unit", "3-2-1502", "--name", "张三", "--id-number", ZHAO_ID,
               "--phone", "13812345678", "--slot", "A-07", *db_arg) == 0
    assert "格位 A-07" in capsys.readouterr().out
    # a slot that holds a key cannot take another; a bad ID is refused
    assert run("key", "take-in", "--unit", "3-2-1502", "--name", "张三", "--id-number", "123",
               "--phone", "13812345678", *db_arg) == 2
    assert "错误：" in capsys.readouterr().err
    lend = ("key", "lend", "A-07", "--borrower", "赵工", "--id-number", LI_ID,
            "--phone", "13600001111", "--purpose", "检查漏水")
    password(monkeypatch, PASSWORD)
    assert run(*lend, "--approver", "xiao", *db_arg) == 2          # no right to approve
    assert "规则K3" in capsys.readouterr().err
    password(monkeypatch, PASSWORD)
    assert run(*lend, "--approver", "nobody", *db_arg) == 2
    assert "密码不正确" in capsys.readouterr().err
    password(monkeypatch, "")                                     # no password given
    assert run(*lend, "--approver", "zong", *db_arg) == 2
    assert "请批准人输入自己的密码" in capsys.readouterr().err
    password(monkeypatch, "wrong-one")
    assert run(*lend, "--approver", "zong", *db_arg) == 2
    err = capsys.readouterr().err
    assert "密码不正确" in err and "wrong-one" not in err
    password(monkeypatch, PASSWORD)
    assert run(*lend, "--approver", "zong", "--due", "明天 9:00", *db_arg) == 2
    assert "不得过夜" in capsys.readouterr().err
    assert loans(path) == 0                                       # nothing written so far
    prompts = password(monkeypatch, PASSWORD, terminal=True)     # typed at the prompt
    assert run(*lend, "--approver", "zong", "--due", "23:59", *db_arg) == 0
    assert prompts == ["批准人 zong 的密码："]
    out = capsys.readouterr().out
    assert "已借出" in out and PASSWORD not in out and loans(path) == 1
    password(monkeypatch, PASSWORD)
    assert run(*lend, "--approver", "zong", *db_arg) == 2
    assert "已经借出" in capsys.readouterr().err
    assert run("key", "cabinet", *db_arg) == 0
    assert "A-07" in capsys.readouterr().out
    assert run("key", "overdue", *db_arg) == 0
    capsys.readouterr()
    assert run("key", "return", "A-07", *db_arg) == 0
    assert "已归还" in capsys.readouterr().out
    # rule G4: the return time and the phone corrected; nonsense refused
    yesterday = f"{datetime.now() - timedelta(days=1):%Y-%m-%d %H:%M}"
    assert run("key", "correct-loan", "A-07", "--returned-at", yesterday, "--reason", "记错",
               *db_arg) == 2
    assert "早于借出时间" in capsys.readouterr().err
    assert run("key", "correct-loan", "A-07", "--phone", "13600002222", *db_arg) == 2  # reason
    assert run("key", "correct-loan", "A-07", "--loan", "99", "--phone", "13600002222",
               "--reason", "记错", *db_arg) == 2
    assert "没有这条借用记录" in capsys.readouterr().err
    assert run("key", "correct-loan", "A-07", "--phone", "13600002222", "--reason", "电话记错",
               *db_arg) == 0
    assert "已更正借用记录 #1" in capsys.readouterr().out
    assert run("key", "return", "A-07", *db_arg) == 2
    assert run("key", "return", "A-99", *db_arg) == 2
    assert run("key", "return", "nonsense", *db_arg) == 2
    capsys.readouterr()
    assert run("key", "emergency", "A-07", "--reason", "爆管", "--told-name", "张三", *db_arg) == 0
    assert run("key", "history", "A-07", *db_arg) == 0
    out = capsys.readouterr().out
    assert "收存" in out and "借出" in out and "归还" in out and "紧急使用" in out
    assert "电话 136****1111→136****2222" in out and "#1 " in out and "已更正1次" in out

    assert run("key", "handover", "--from", "李小梅", "--to", "王芳", "--absent", "A-07",
               *db_arg) == 2                                          # not signed
    assert run("key", "handover", "--from", "李小梅", "--to", "王芳", "--absent", "A-07",
               "--signed", "--out", str(tmp_path / "h.pdf"), *db_arg) == 0
    out = capsys.readouterr().out
    assert "实点 0" in out and "A-07 记录在柜，清点时没有找到" in out
    assert "钥匙交接记录" in squeezed(page_texts(tmp_path / "h.pdf")[0])

    for what in ("entrustment", "register", "inventory", "loans", "handover"):
        extra = ("A-07",) if what in ("entrustment", "register") else ()
        assert run("key", "form", what, *extra, "--out", str(tmp_path / f"{what}.pdf"), *db_arg) == 0
    assert run("key", "form", "entrustment", "--out", str(tmp_path / "x.pdf"), *db_arg) == 2
    assert run("key", "figures", "--month", f"{datetime.now():%Y-%m}", *db_arg) == 0
    assert "借出钥匙 1 次" in capsys.readouterr().out
    assert run("key", "figures", "--month", "2026-13", *db_arg) == 2
    assert run("key", "to-owner", "A-07", "--receiver", "张三", *db_arg) == 0


def test_K6_lock_change_and_K8_problems_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    desk = Desk(db, clock=lambda: datetime.now().replace(microsecond=0))
    add_household(desk)
    make_operator(db, "zong", "刘总值", Role.DUTY_MANAGER)
    make_operator(db, "xiao", "小前台", Role.FRONT_DESK)
    db.dispose()
    db_arg = ("--db", str(path))
    assert run("key", "take-in", "--unit", "3-2-1502", "--name", "张三", "--id-number", ZHAO_ID,
               "--phone", "13812345678", "--slot", "A-03", *db_arg) == 0
    assert run("key", "problem", "A-03", "损坏", "--note", "钥匙齿断裂", *db_arg) == 0
    assert run("key", "problem", "A-03", "损坏", *db_arg) == 2                 # --note required
    assert run("key", "new-key", "--duty", "zong", "--sealed", *db_arg) == 2   # nothing pending
    assert run("key", "lock-change", "A-03", "--note", "更换锁芯", *db_arg) == 0
    assert run("key", "new-key", "--duty", "zong", *db_arg) == 2               # not sealed
    assert "规则K6" in capsys.readouterr().err
    assert run("key", "new-key", "--duty", "xiao", "--sealed", *db_arg) == 2   # not a duty manager
    assert run("key", "new-key", "--duty", "zong", "--sealed", *db_arg) == 0
    assert "格位 A-03" in capsys.readouterr().out
