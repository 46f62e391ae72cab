"""A place to sign on screen with a signature pad, a touch screen or the mouse.

The strokes are kept as lines and given back as a PNG (`png()`), or None when
nothing was drawn, so a form without a pad still works on paper.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class SignaturePad(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.setMinimumSize(QSize(260, 80))
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # keyboard work passes it by
        self.setToolTip(self.tr("在此签名（签字板、触摸屏或鼠标）"))

    def clear(self) -> None:
        self.strokes = []
        self.update()

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.strokes.append([event.position()])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#102060"), 2.2, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            for a, b in pairwise(stroke):
                painter.drawLine(a, b)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("#999999"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.is_empty():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("签名处"))
        self._draw(painter)
        painter.end()

    def png(self) -> bytes | None:
        """The signature as a PNG, or None when nothing was signed."""
        if self.is_empty():
            return None
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
        buffer.close()
        return bytes(data.data())
