"""Composition root of the window: QApplication, fonts, logging, the database, the main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from typing import Any

from wuye_desk import __version__, paths


def setup_logging() -> None:
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir() / "wuye-desk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _excepthook(exc_type: Any, exc: BaseException, tb: Any) -> None:
    """Unexpected errors: logged to the file, shown plainly, the window stays."""
    logging.getLogger("wuye_desk").error("未预料的错误", exc_info=(exc_type, exc, tb))
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None:
        QMessageBox.critical(None, "出错了",
                             f"程序遇到意外错误，已记录在日志中：\n{exc}\n\n"
                             f"日志目录：{paths.log_dir()}")


def create_application(argv: list[str] | None = None) -> Any:
    from PySide6.QtWidgets import QApplication

    from wuye_desk.ui import fonts

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("wuye-desk")
    app.setApplicationVersion(__version__)
    fonts.install(app)
    return app


def sign_in(db: Any, parent: Any = None, shift_change: bool = False) -> Any:
    """The login dialog (the first administrator on a new database); None if cancelled."""
    from wuye_desk import settings
    from wuye_desk.ui.login_dialog import LoginDialog

    dialog = LoginDialog(db, parent, last_login=settings.load_local()["last_login"],
                         shift_change=shift_change)
    if not dialog.exec() or dialog.operator is None:
        return None
    settings.save_local(last_login=dialog.operator.login)
    return dialog.operator


def run_gui(db_target: str | None) -> int:
    setup_logging()
    app = create_application()
    from PySide6.QtWidgets import QMessageBox

    from wuye_desk.domain.errors import DeskError
    from wuye_desk.services.desk import Desk
    from wuye_desk.store.database import open_database
    from wuye_desk.ui.main_window import MainWindow

    sys.excepthook = _excepthook
    try:
        db = open_database(db_target)
    except DeskError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 1
    operator = sign_in(db)
    if operator is None:
        db.dispose()
        return 0
    desk = Desk(db, operator)
    from wuye_desk.services.startup import run_startup_tasks

    started = run_startup_tasks(Desk(db))  # the desk's own work, recorded as 系统
    window = MainWindow(desk)
    if started:
        window.statusBar().showMessage("；".join(started), 30_000)
    window.show()
    code = int(app.exec())
    db.dispose()
    return code
