"""Composition root of the window: QApplication, fonts, logging, the database, the main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from typing import Any

from wuye_desk import __version__, paths
from wuye_desk import language as language_module


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


def remove_translations(app: Any) -> None:
    for old in getattr(app, "_desk_translators", []):
        app.removeTranslator(old)
    app._desk_translators = []


def install_translations(app: Any, language: str) -> list[Any]:
    """Qt's own texts (Yes/Cancel …) in the chosen language, and the desk's English
    translation when English is chosen. The translators are kept on the application."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    remove_translations(app)
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if language == "zh" and qt_base.load("qtbase_zh_CN", qt_folder):
        installed.append(qt_base)
    own_file = language_module.translation_file(language)
    if own_file is not None:
        own = QTranslator(app)
        if own.load(own_file):
            installed.append(own)
        else:
            logging.getLogger("wuye_desk").error("translation not found: %s", own_file)
    for translator in installed:
        app.installTranslator(translator)
    app._desk_translators = installed
    return installed


def create_application(argv: list[str] | None = None) -> Any:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from wuye_desk.ui import fonts

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("wuye-desk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "wuye-desk.png")))
    install_translations(app, language_module.current())
    fonts.install(app)
    return app


def sign_in(db: Any, parent: Any = None, shift_change: bool = False) -> Any:
    """The login dialog (the first administrator on a new database); None if cancelled."""
    from wuye_desk import local_config
    from wuye_desk.ui.login_dialog import LoginDialog

    dialog = LoginDialog(db, parent, last_login=str(local_config.get("last_login", "")),
                         shift_change=shift_change)
    if not dialog.exec() or dialog.operator is None:
        return None
    local_config.put("last_login", dialog.operator.login)
    return dialog.operator


def open_or_recover(db_target: str | None) -> Any:
    """Open the database; a damaged file is never written to, and the latest good backup
    is offered instead (trust: a few clicks from a corrupted file to a working desk)."""
    from PySide6.QtWidgets import QMessageBox

    from wuye_desk.domain.errors import DeskError
    from wuye_desk.services import backups
    from wuye_desk.store.database import DatabaseError, open_database, resolve_url

    try:
        return open_database(db_target, before_migrate=backups.backup_before_migrate)
    except DatabaseError as exc:
        url = resolve_url(db_target)
        file = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
        good = backups.latest_good_backup() if file else None
        if good is None or file is None:
            QMessageBox.critical(None, "无法打开数据库", str(exc))
            return None
        answer = QMessageBox.question(
            None, "数据库已损坏",
            f"{exc}\n\n最近的完好备份：{good.name}\n要用它恢复吗？"
            "（损坏的文件会保留，改名为 .replaced-…）")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            result = backups.restore_backup(file, good)
        except DeskError as err:
            QMessageBox.critical(None, "恢复失败", str(err))
            return None
        QMessageBox.information(None, "已恢复", f"已从备份恢复。原文件保存在：{result.kept_as}")
        return open_database(db_target, before_migrate=backups.backup_before_migrate)
    except DeskError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return None


def run_gui(db_target: str | None) -> int:
    setup_logging()
    app = create_application()
    from wuye_desk.services.desk import Desk
    from wuye_desk.ui.main_window import MainWindow

    sys.excepthook = _excepthook
    db = open_or_recover(db_target)
    if db is None:
        return 1
    operator = sign_in(db)
    if operator is None:
        db.dispose()
        return 0
    desk = Desk(db, operator)
    window = MainWindow(desk)
    window.show()
    window.start_daily_work()
    code = int(app.exec())
    window.finish_background_work()
    db.dispose()
    return code
