"""Signing in, the first administrator, the daily backup, and recovering a damaged database."""

from PySide6.QtWidgets import QMessageBox

from wuye_desk import app as app_module
from wuye_desk.domain.operators import Role
from wuye_desk.services import backups, operators
from wuye_desk.store.database import open_database
from wuye_desk.ui.login_dialog import LoginDialog
from wuye_desk.ui.main_window import daily_work


def test_first_start_creates_the_administrator(qtbot, tmp_path, typist):
    db = open_database(tmp_path / "new.sqlite3")
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.first_start
    typist(dialog.login, "wangli")
    typist(dialog.name, "王丽")
    typist(dialog.password, "secret1")
    typist(dialog.confirm, "secret2")
    dialog.submit()
    assert "不一样" in dialog.form.error_text("confirm") and dialog.operator is None
    dialog.password.setText("secret1")
    dialog.confirm.setText("secret1")
    dialog.submit()
    assert dialog.operator is not None and dialog.operator.role == Role.ADMIN
    assert not operators.needs_first_admin(db)
    db.dispose()


def test_a_wrong_password_is_refused_without_saying_which_part(qtbot, tmp_path, typist):
    db = open_database(tmp_path / "d.sqlite3")
    operators.create_first_admin(db, "admin", "王管理", "secret1")
    dialog = LoginDialog(db, last_login="admin")
    qtbot.addWidget(dialog)
    assert not dialog.first_start
    typist(dialog.password, "wrong-pw")
    dialog.submit()
    assert dialog.operator is None
    assert "用户名或密码不对" in (dialog.form.error_text("password") + dialog.message.text())
    typist(dialog.password, "secret1")
    dialog.submit()
    assert dialog.operator is not None and dialog.operator.name == "王管理"
    db.dispose()


def test_daily_work_makes_a_verified_backup(desk):
    lines = daily_work(desk)
    assert any("已备份" in line for line in lines)
    found = backups.list_backups()
    assert len(found) == 1


def test_a_damaged_database_is_restored_from_the_latest_backup(tmp_path, monkeypatch, qapp):
    path = tmp_path / "office.sqlite3"
    db = open_database(path)
    operators.create_first_admin(db, "admin", "王管理", "secret1")
    backups.backup_now(db)
    db.dispose()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"office.sqlite3{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096          # a power cut scribbled over a page
    path.write_bytes(bytes(data))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: None)
    recovered = app_module.open_or_recover(str(path))
    assert recovered is not None
    assert not operators.needs_first_admin(recovered)
    assert list(tmp_path.glob("office.replaced-*.sqlite3"))
    recovered.dispose()
