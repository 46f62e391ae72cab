"""English for head-office auditors: chosen per PC in the settings or with --lang, loaded at start-up."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTableView,
    QWidget,
)

from wuye_desk import app as desk_app
from wuye_desk import language, local_config, paths
from wuye_desk.domain.complaints import ContentType, Severity, State
from wuye_desk.domain.households import Occupancy
from wuye_desk.domain.vip import VipLevel
from wuye_desk.ui.list_panel import ListPanel
from wuye_desk.ui.main_window import MainWindow
from wuye_desk.ui.settings_dialog import SettingsDialog
from wuye_desk.ui.tabs import TABS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _chinese_again() -> Iterator[None]:
    """The session's QApplication is shared: every test leaves it as it found it."""
    yield
    language.use_for_this_run(None)
    instance = QApplication.instance()
    if instance is not None:
        desk_app.remove_translations(instance)


def test_chinese_is_the_default_and_english_is_saved_for_this_pc(qtbot, desk) -> None:
    assert language.current() == "zh"
    dialog = SettingsDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "zh"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert local_config.get("language") == "en"
    assert language.current() == "en"
    again = SettingsDialog(desk)
    qtbot.addWidget(again)
    assert again.language.currentData() == "en"
    again.language.setCurrentIndex(again.language.findData("zh"))
    again.save()
    assert local_config.get("language") is None
    assert language.current() == "zh"


def test_english_window_after_start_up(qtbot, desk) -> None:
    language.save_for_this_pc("en")
    app = desk_app.create_application()
    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("Property desk wuye-desk")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:2] == ["Overview", "Households"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&File" in menus
    panels = window.tab("households").findChildren(ListPanel)
    assert panels
    header = panels[0].model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Unit"
    desk_app.remove_translations(app)


def test_lang_option_is_for_this_run_only(qtbot, desk) -> None:
    language.use_for_this_run("en")
    assert language.current() == "en"
    assert local_config.get("language") is None
    dialog = SettingsDialog(desk)  # the dialog shows and keeps the PC's own choice
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "zh"
    dialog.save()
    assert local_config.get("language") is None
    with pytest.raises(ValueError):
        language.use_for_this_run("klingon")


def test_a_damaged_or_strange_setting_reads_as_chinese() -> None:
    local_config.put("language", "tlh")
    assert language.current() == "zh"
    paths.local_config_file().write_text("{not json", encoding="utf-8")
    assert language.current() == "zh"


def test_a_missing_translation_leaves_the_window_chinese(qtbot, desk, monkeypatch) -> None:
    monkeypatch.setattr(language, "translation_file", lambda _lang: str(paths.data_dir() / "none.qm"))
    language.use_for_this_run("en")
    desk_app.create_application()
    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("物业前台")


def test_the_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    """resources/translations/*.qm are committed for running from source; they must be current."""
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed here")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        fresh = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(fresh)], check=True)
        assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
            f"{ts.name} changed: run scripts/update_translations.py"
        assert "type=\"unfinished\"" not in ts.read_text(encoding="utf-8"), f"{ts.name} has untranslated texts"


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _chinese_left(widget: QWidget, values: tuple[QWidget, ...] = ()) -> list[str]:
    """The window's own words still in Chinese: button, check-box and group titles, labels,
    list headers, filter labels and choices, menus. Example input in placeholders and values
    from the database (names, units, enum values) may stay Chinese; an empty desk has none."""
    found: list[str] = []

    def check(where: str, text: str) -> None:
        if CJK.search(text):
            found.append(f"{where}: {text!r}")

    for button in widget.findChildren(QAbstractButton):
        check(type(button).__name__, button.text())
    for box in widget.findChildren(QGroupBox):
        check("QGroupBox", box.title())
    for label in widget.findChildren(QLabel):
        if label not in values:
            check("QLabel", label.text())
    for view in widget.findChildren(QTableView):
        model = view.model()
        if model is None:
            continue
        for column in range(model.columnCount(QModelIndex())):
            check("header", str(model.headerData(column, Qt.Orientation.Horizontal,
                                                 Qt.ItemDataRole.DisplayRole) or ""))
    for panel in widget.findChildren(ListPanel):
        for key, combo in panel.filters.items():
            check(f"filter {key}", combo.itemText(0))
            for i in range(1, combo.count()):
                if combo.itemData(i) not in ENUM_VALUES:
                    check(f"filter {key}", combo.itemText(i))
    return found


ENUM_VALUES = {m.value for e in (Occupancy, State, Severity, ContentType, VipLevel)
               for m in e}  # stored values; they stay as written


def test_every_tab_speaks_english_when_english_is_on(qtbot, desk) -> None:
    language.use_for_this_run("en")
    app = desk_app.create_application()
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    left: list[str] = []
    for index in range(window.tabs.count()):
        left += [f"tab {index}: {t}" for t in (window.tabs.tabText(index), window.tabs.tabToolTip(index))
                 if CJK.search(t)]
    # the complaint form's proposal line shows the level, reason and handler the rules give
    values = {"complaints": (window.tab("complaints").form.proposal,)}
    for spec in TABS:
        window.show_tab(spec.key)
        left += [f"{spec.key} {line}" for line in _chinese_left(window.tab(spec.key), values.get(spec.key, ()))]
    for action in window.menuBar().actions():
        left += [f"menu: {action.text()}"] if CJK.search(action.text()) else []
        menu = action.menu()
        for item in menu.actions() if menu is not None else ():
            left += [f"menu item: {item.text()}"] if CJK.search(item.text()) else []
    assert not left, "\n".join(left)
    desk_app.remove_translations(app)


def test_every_translation_keeps_its_placeholders_and_shortcuts() -> None:
    """A {name} the code fills, or a shortcut the label names, must survive translation."""
    marks = re.compile(r"\{[^}]*\}|%\w|(?:Ctrl|Alt)\+[A-Z0-9]\b|\bF\d+\b")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            assert sorted(marks.findall(source)) == sorted(marks.findall(translation)), \
                f"{ts.name}: {source!r} -> {translation!r}"


def test_the_dialogs_of_the_new_tabs_speak_english_too(qtbot, desk) -> None:
    from wuye_desk.ui.keys.dialogs import HandoverDialog, TakeInDialog
    from wuye_desk.ui.mail.dialogs import NewspaperDialog, NoticeDialog, PickupDialog
    from wuye_desk.ui.mail.dialogs import ReturnDialog as MailReturnDialog
    from wuye_desk.ui.vip.dialogs import VipDialog

    language.use_for_this_run("en")
    app = desk_app.create_application()
    left: list[str] = []
    for make in (TakeInDialog, HandoverDialog, NoticeDialog, PickupDialog, MailReturnDialog,
                 NewspaperDialog, VipDialog):
        dialog = make(desk)
        qtbot.addWidget(dialog)
        title = dialog.windowTitle()
        left += [f"{make.__name__} title: {title}"] if CJK.search(title) else []
        left += [f"{make.__name__} {line}" for line in _chinese_left(dialog)]
    assert not left, "\n".join(left)
    desk_app.remove_translations(app)


def test_the_key_cabinets_smaller_steps_speak_english_too(qtbot, desk) -> None:
    from tests.services.key_helpers import add_household, key_input
    from wuye_desk.services import keys
    from wuye_desk.ui.keys.tab import KeysTab

    add_household(desk)
    keys.take_in(desk, key_input(slot="A-01"))
    language.use_for_this_run("en")
    app = desk_app.create_application()
    tab = KeysTab(desk, None)
    qtbot.addWidget(tab)
    tab.show()
    tab.focus_first()
    left: list[str] = []
    for step in (tab.return_to_owner, tab.change_lock, tab.record_copy, tab.permit_copy,
                 tab.found_again, tab.correct):
        dialog = step()
        assert dialog is not None, step.__name__
        # the key shown on top is stored values (unit, kind, state): those stay Chinese
        left += [f"{step.__name__} {line}" for line in _chinese_left(dialog, (dialog.info,))]
        dialog.reject()
    assert not left, "\n".join(left)
    desk_app.remove_translations(app)


def test_choices_the_window_adds_read_the_same_in_english(qtbot, desk) -> None:
    """"Auto-detect" and "As suggested" are shown in English and still mean "none chosen";
    the filters show English and filter by the stored value."""
    from wuye_desk.ui.complaints.tab import ComplaintsTab
    from wuye_desk.ui.mail.tab import MailTab

    language.use_for_this_run("en")
    app = desk_app.create_application()
    mail_tab = MailTab(desk, None)
    qtbot.addWidget(mail_tab)
    assert mail_tab.carrier.currentText() == "Auto-detect"
    assert mail_tab._input("ZZ1").carrier == ""
    complaints_tab = ComplaintsTab(desk, None)
    qtbot.addWidget(complaints_tab)
    assert complaints_tab.form.severity.currentText() == "As suggested"
    assert complaints_tab.form.value().severity == ""
    view = complaints_tab.list.filters["view"]
    view.setCurrentIndex(view.findText("Overdue"))
    assert complaints_tab.list.filter_values()["view"] == "已超时"
    desk_app.remove_translations(app)
