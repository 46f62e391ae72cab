"""`wuye-desk backup`, `restore` and `operator …` from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.trust_helpers import add_households, unit_codes
from wuye_desk.cli import main
from wuye_desk.services import backups, operators
from wuye_desk.store.database import open_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    add_households(db, "1-1-101")
    db.dispose()
    return path


def test_operator_add_list_reset_deactivate(db_file: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = str(db_file)
    code, out, _ = run(capsys, "--db", db, "operator", "add", "Li", "李四", "--role", "前台",
                       "--password", "chushi01")
    assert code == 0 and "已添加操作员 li（李四，前台）" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("zhiban99\n"))
    code, out, _ = run(capsys, "operator", "add", "zhao", "赵六", "--role", "物业总值", "--db", db)
    assert code == 0
    check = open_database(db_file)
    assert operators.authenticate(check, "zhao", "zhiban99").name == "赵六"
    check.dispose()

    code, out, _ = run(capsys, "operator", "list", "--db", db)
    assert code == 0
    assert "li\t李四\t前台\t在用（须改密码）" in out and "zhao\t赵六\t物业总值" in out

    monkeypatch.setattr("sys.stdin", io.StringIO("linshi88\n"))
    code, out, _ = run(capsys, "operator", "reset-password", "li", "--db", db)
    assert code == 0 and "已为 li 设置新密码" in out
    code, out, _ = run(capsys, "operator", "deactivate", "li", "--db", db)
    assert code == 0 and "已停用操作员 li" in out
    code, out, _ = run(capsys, "operator", "list", "--db", db)
    assert "li\t李四\t前台\t已停用" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["operator", "add", "li si", "李四", "--role", "前台", "--password", "chushi01"],
     "登录名只能用字母"),
    (["operator", "add", "li", "李四", "--role", "保安", "--password", "chushi01"],
     "角色只能是"),
    (["operator", "add", "li", "李四", "--role", "前台", "--password", "123"], "初始密码太短"),
    (["operator", "add", "li", "李四", "--role", "前台"], "请给出初始密码"),
    (["operator", "reset-password", "nobody", "--password", "chushi01"], "没有登录名为“nobody”"),
    (["operator", "deactivate", "nobody"], "没有登录名为“nobody”"),
    (["backup", "--to", "/nonexistent/usb/备份"], "备份文件夹不存在"),
    (["restore", "/nonexistent/backup.sqlite3"], "找不到备份文件"),
])
def test_bad_input_prints_a_chinese_error_and_fails(db_file: Path, capsys, monkeypatch,  # type: ignore[no-untyped-def]
                                                    argv: list[str], message: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    before = db_file.read_bytes()
    code, out, err = run(capsys, "--db", str(db_file), *argv)
    assert code != 0 and err.startswith("错误：") and message in err
    assert out == ""
    assert unit_codes(db_file) == ["1-1-101"]
    assert db_file.read_bytes() == before or "operator" in argv


def test_backup_then_restore(db_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, _ = run(capsys, "--db", str(db_file), "backup", "--to", str(usb))
    assert code == 0 and "已备份到：" in out and "已通过完整性检查" in out
    [made] = list(usb.iterdir())
    db = open_database(db_file)
    add_households(db, "1-1-102")
    db.dispose()

    code, out, _ = run(capsys, "--db", str(db_file), "restore", str(made))
    assert code == 0
    assert f"已用备份 {made} 恢复数据库 {db_file}" in out
    kept = next(db_file.parent.glob("desk.replaced-*.sqlite3"))
    assert f"被替换的数据库已另存为：{kept}" in out
    assert unit_codes(db_file) == ["1-1-101"]
    assert unit_codes(kept) == ["1-1-101", "1-1-102"]


def test_restore_refuses_a_file_that_is_no_backup(db_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "notes.sqlite3"
    text.write_text("这不是数据库", encoding="utf-8")
    before = db_file.read_bytes()
    code, _, err = run(capsys, "--db", str(db_file), "restore", str(text))
    assert code == 2 and "不是 wuye-desk 的数据库备份" in err
    assert db_file.read_bytes() == before
    assert not list(db_file.parent.glob("*.replaced-*"))


@pytest.mark.postgres
def test_backup_on_postgres_says_whose_job_it_is(pg_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "--db", pg_url, "backup")
    assert code == 2 and "备份由服务器负责" in err
    code, _, err = run(capsys, "--db", pg_url, "restore", "x.sqlite3")
    assert code == 2 and "备份由服务器负责" in err


def test_backup_goes_to_the_folder_set_for_this_pc(
        db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    share = tmp_path / "share"
    share.mkdir()
    backups.set_backup_folder(share)
    code, out, _ = run(capsys, "--db", str(db_file), "backup")
    assert code == 0 and str(share) in out
