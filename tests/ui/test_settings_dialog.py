from wuye_desk import settings
from wuye_desk.services import office_settings
from wuye_desk.ui.settings_dialog import SettingsDialog


def test_the_dialog_lists_every_setting_and_saves(qtbot, desk):
    dialog = SettingsDialog(desk)
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == set(settings.REGISTRY)
    dialog.editors["office.name"].setText("阳光花园管理处")
    dialog.save()
    assert office_settings.get(desk, settings.OFFICE_NAME) == "阳光花园管理处"


def test_a_bad_value_is_shown_beside_its_setting(qtbot, desk):
    dialog = SettingsDialog(desk)
    qtbot.addWidget(dialog)
    dialog.editors["office.name"].setText("名字\x07")
    dialog.save()
    assert "控制字符" in dialog.form.error_text("office.name")
    assert office_settings.get(desk, settings.OFFICE_NAME) == settings.OFFICE_NAME.default
