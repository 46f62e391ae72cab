"""Chinese must show on a PC with no Chinese fonts: the bundled font is registered with Qt."""

from PySide6.QtGui import QFont, QFontMetrics

from wuye_desk.ui import fonts


def test_bundled_font_is_registered_and_covers_chinese(qtbot):
    family = fonts.bundled_family()
    assert family
    metrics = QFontMetrics(QFont(family))
    for ch in "物业管理处投诉钥匙邮件访客":
        assert metrics.inFontUcs4(ord(ch))
