"""The main window: tabs with shortcuts, a status bar, a household search from anywhere."""

from PySide6.QtCore import Qt

from wuye_desk.services import households
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.ui.main_window import MainWindow
from wuye_desk.ui.tabs import TABS


def test_every_tab_has_a_shortcut_and_the_status_bar_names_operator_and_database(qtbot, desk, shown):
    window = shown(MainWindow(desk))
    assert window.tabs.count() == len(TABS)
    for i, spec in enumerate(TABS):
        key = getattr(Qt.Key, f"Key_{spec.shortcut.split('+')[-1]}")
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == i
    assert "王管理" in window.operator_label.text()
    assert str(desk.db.file) in window.db_label.text()


def test_a_tab_is_built_when_first_shown_and_keeps_its_place_title_and_tooltip(qtbot, desk, shown):
    from wuye_desk.ui.list_panel import ListPanel

    window = shown(MainWindow(desk))
    titles = [(window.tabs.tabText(i), window.tabs.tabToolTip(i)) for i in range(window.tabs.count())]
    assert window.tabs.currentIndex() == 0 and not window.findChildren(ListPanel)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)   # 邮件登记
    mail = window.tabs.currentWidget()
    assert window.tabs.currentIndex() == 4 and mail is window.tab("mail") and mail.isVisible()
    assert mail.findChildren(ListPanel)
    window.tabs.setCurrentIndex(1)          # a click on the tab builds it too
    assert window.tabs.currentWidget() is window.tab("households")
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is mail          # built once, kept
    assert [(window.tabs.tabText(i), window.tabs.tabToolTip(i))
            for i in range(window.tabs.count())] == titles


def test_ctrl_f_search_opens_the_household(qtbot, desk, shown):
    households.create_household(desk, HouseholdInput(unit="5栋1单元801",
                                                     members=[MemberInput("赵敏", "业主")]))
    window = shown(MainWindow(desk))
    window.show_tab("overview")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "zm")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.tab("households")
    assert window.tab("households").editor.record.unit_display == "5栋1单元801"


def test_closing_waits_for_the_lists_counts_so_the_file_is_stamped_clean(qtbot, desk, shown):
    from PySide6.QtCore import QThreadPool

    from wuye_desk.store.database import closed_cleanly

    window = shown(MainWindow(desk))
    window.show_tab("households")
    pools = window.findChildren(QThreadPool)
    assert pools, "the lists count their rows in the background"
    window.finish_background_work()
    assert all(p.activeThreadCount() == 0 for p in pools)
    desk.db.dispose()
    assert desk.db.file is not None and closed_cleanly(desk.db.file)
