"""`wuye-desk complaint …`: take in, list, show, steps, return visit, check, figures, print."""

from __future__ import annotations

import argparse
from datetime import datetime

import pytest

from tests.conftest import Clock
from tests.services.complaint_helpers import household
from wuye_desk.cli import common, main
from wuye_desk.cli import complaints as complaint_cli
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database

# a Wednesday morning in office hours: the clocks, the month and "today" never straddle
# midnight or a month end while the test runs
FIXED = datetime(2026, 11, 18, 10, 0, 0)


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The command line's desk (cli/common.py open_desk) on a fixed clock."""
    clock = Clock(FIXED)

    def open_desk(args: argparse.Namespace) -> Desk:
        return Desk(common.open_desk(args).db, clock=clock)

    monkeypatch.setattr(complaint_cli, "open_desk", open_desk)
    return clock


def test_a_complaint_from_intake_to_close_on_the_command_line(tmp_path, capsys, fixed_clock):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    household(Desk(db, clock=fixed_clock))
    db.dispose()
    db_arg = ("--db", str(path))
    add = ("complaint", "add", "--channel", "电话", "--unit", "3栋2单元1502", "--type", "物业管理",
           "--subtopic", "设备设施", "--text", "电梯坏了", *db_arg)
    assert run(*add) == 0
    out = capsys.readouterr().out
    assert "已受理 TS" in out and "一般" in out
    serial = out.split("已受理 ")[1].split("：")[0]
    assert run(*add) == 0
    assert "可能是同一事项" in capsys.readouterr().out

    assert run("complaint", "list", *db_arg) == 0
    assert "共 2 宗" in capsys.readouterr().out
    assert run("complaint", "step", serial, "close", *db_arg) == 2
    assert "不能“关闭”" in capsys.readouterr().err
    for action, note in (("handle", "已联系"), ("fix", "修好了"), ("tell", "已告知")):
        assert run("complaint", "step", serial, action, "--note", note, *db_arg) == 0
    capsys.readouterr()
    assert run("complaint", "visit", serial, "--rating", "A", "--content", "电梯",
               "--result", "正常", *db_arg) == 0
    assert "已回访" in capsys.readouterr().out
    assert run("complaint", "step", serial, "close", "--case-library", *db_arg) == 0
    capsys.readouterr()
    assert run("complaint", "cases", *db_arg) == 0
    assert serial in capsys.readouterr().out
    assert run("complaint", "revisit-list", "--month", f"{FIXED:%Y-%m}", *db_arg) == 0
    out = capsys.readouterr().out
    assert "3栋2单元1502  张三" in out and "反映2次" in out
    assert run("complaint", "revisit-list", "--month", "2026-13", *db_arg) == 2
    assert run("complaint", "show", serial, *db_arg) == 0
    out = capsys.readouterr().out
    assert "已关闭" in out and "告知投诉人" in out and "138****5678" in out
    assert run("complaint", "print", serial, "--out", str(tmp_path / "s.pdf"), *db_arg) == 0
    assert (tmp_path / "s.pdf").stat().st_size > 1000
    assert run("complaint", "check", *db_arg) == 0
    today = FIXED.date().isoformat()
    capsys.readouterr()
    assert run("complaint", "figures", "--from", today, "--to", today, *db_arg) == 0
    out = capsys.readouterr().out
    assert "投诉 2 宗" in out and "满意率100.0%" in out


def test_bad_input_on_the_command_line_names_the_field(tmp_path, capsys):
    db_arg = ("--db", str(tmp_path / "desk.sqlite3"))
    assert run("complaint", "add", "--channel", "电话", "--unit", "9栋1单元0101", "--type",
               "物业管理", "--subtopic", "设备设施", "--text", "吵", *db_arg) == 2
    assert "非本小区/访客" in capsys.readouterr().err
    assert run("complaint", "add", "--channel", "电话", "--kind", "匿名", "--type", "物业管理",
               "--text", "吵", *db_arg) == 2
    assert "子类" in capsys.readouterr().err
    assert run("complaint", "add", "--channel", "电话", "--kind", "匿名", "--type", "其他",
               "--text", "吵", "--people", "-5", *db_arg) == 2
    assert "负数" in capsys.readouterr().err
    anon = ("complaint", "add", "--channel", "来函", "--kind", "匿名", "--type", "其他",
            "--text", "信", *db_arg)
    assert run(*anon, "--received", "2999-01-01 09:00") == 2
    assert "不能晚于现在" in capsys.readouterr().err
    assert run(*anon, "--received", "昨天") == 2
    assert "格式不对" in capsys.readouterr().err
    assert run("complaint", "show", "TS404", *db_arg) == 2
    assert run("complaint", "figures", "--from", "2026-13-01", "--to", "2026-01-01",
               *db_arg) == 2
