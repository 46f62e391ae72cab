"""The cabinet as a grid of slots, painted by hand so 500 slots stay quick and readable.

Each cell shows the slot's label and the unit; the colour says the state at a glance:
free (grey), holding a key (green), lent (amber), overdue (red, with how late),
missing (purple). Arrow keys move, Home/End jump, Enter activates the slot.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wuye_desk.services.keys import SlotState, SlotView

CELL_W, CELL_H, GAP = 96, 50, 4

# (background, text) per state
COLOURS: dict[SlotState, tuple[str, str]] = {
    SlotState.FREE: ("#f1f1f1", "#9a9a9a"),
    SlotState.HOLDING: ("#d9f2df", "#1b5e20"),
    SlotState.LENT: ("#ffe9b3", "#7a4d00"),
    SlotState.OVERDUE: ("#e53935", "#ffffff"),
    SlotState.MISSING: ("#e3d7f3", "#4a148c"),
}
# a corner mark for the kinds other than an owner's entrusted key (rule K1)
KIND_MARKS = {"未入伙钥匙": "未入伙", "返修钥匙": "返修", "公共区域钥匙": "公共"}
STATE_NAMES: dict[SlotState, str] = {
    SlotState.FREE: "空", SlotState.HOLDING: "在柜", SlotState.LENT: "借出",
    SlotState.OVERDUE: "超时未还", SlotState.MISSING: "遗失",
}


class SlotGrid(QWidget):
    current_changed = Signal(int)   # index of the slot
    activated = Signal(int)         # Enter or double-click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slots: list[SlotView] = []
        self.current = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("钥匙柜"))
        self._brushes = {s: (QColor(bg), QColor(fg)) for s, (bg, fg) in COLOURS.items()}
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    # --- data -------------------------------------------------------------------------
    def set_slots(self, slots: list[SlotView]) -> None:
        self.slots = slots
        self.current = min(self.current, max(0, len(slots) - 1))
        self.updateGeometry()
        self.update()

    def current_slot(self) -> SlotView | None:
        return self.slots[self.current] if 0 <= self.current < len(self.slots) else None

    def select_label(self, label: str) -> bool:
        for i, s in enumerate(self.slots):
            if s.label == label:
                self.set_current(i)
                return True
        return False

    def select_key(self, key_id: int) -> bool:
        for i, s in enumerate(self.slots):
            if s.key_id == key_id:
                self.set_current(i)
                return True
        return False

    def set_current(self, index: int) -> None:
        if not self.slots:
            return
        index = max(0, min(index, len(self.slots) - 1))
        old = self.current
        self.current = index
        self.update(self.cell_rect(old).adjusted(-2, -2, 2, 2))
        self.update(self.cell_rect(index).adjusted(-2, -2, 2, 2))
        self.current_changed.emit(index)

    # --- geometry ----------------------------------------------------------------------
    def columns(self) -> int:
        return max(1, (self.width() - GAP) // (CELL_W + GAP))

    def cell_rect(self, index: int) -> QRect:
        cols = self.columns()
        row, col = divmod(index, cols)
        return QRect(GAP + col * (CELL_W + GAP), GAP + row * (CELL_H + GAP), CELL_W, CELL_H)

    def index_at(self, pos: QPoint) -> int | None:
        col = (pos.x() - GAP) // (CELL_W + GAP)
        row = (pos.y() - GAP) // (CELL_H + GAP)
        if col < 0 or col >= self.columns() or row < 0:
            return None
        index = row * self.columns() + col
        if index >= len(self.slots) or not self.cell_rect(index).contains(pos):
            return None
        return index

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cols = max(1, (width - GAP) // (CELL_W + GAP))
        rows = (len(self.slots) + cols - 1) // cols
        return GAP + rows * (CELL_H + GAP)

    def sizeHint(self) -> QSize:
        return QSize(10 * (CELL_W + GAP) + GAP, self.heightForWidth(10 * (CELL_W + GAP) + GAP))

    def resizeEvent(self, event: object) -> None:
        self.setMinimumHeight(self.heightForWidth(self.width()))

    # --- painting (only the cells in the exposed rectangle) -------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = event.rect()
        cols = self.columns()
        first_row = max(0, (exposed.top() - GAP) // (CELL_H + GAP))
        last_row = (exposed.bottom() - GAP) // (CELL_H + GAP)
        start = first_row * cols
        stop = min(len(self.slots), (last_row + 1) * cols)
        focus = self.hasFocus()
        for index in range(start, stop):
            self._paint_cell(painter, index, focus)
        painter.end()

    def _paint_cell(self, painter: QPainter, index: int, focus: bool) -> None:
        slot = self.slots[index]
        rect = self.cell_rect(index)
        bg, fg = self._brushes[slot.state]
        painter.fillRect(rect, bg)
        if index == self.current:
            painter.setPen(QPen(QColor("#1565c0"), 3 if focus else 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        else:
            painter.setPen(QColor("#c8c8c8"))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.setPen(fg)
        painter.setFont(self._bold)
        inner = rect.adjusted(5, 3, -4, -3)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, slot.label)
        if slot.state is SlotState.FREE:
            return
        painter.setFont(self._small)
        corner = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        if slot.late:
            painter.drawText(inner, corner,
                             "超" + slot.late.replace("小时", "时").replace("分钟", "分"))
        elif slot.kind in KIND_MARKS:
            painter.drawText(inner, corner, KIND_MARKS[slot.kind])
        elided = painter.fontMetrics().elidedText(slot.unit, Qt.TextElideMode.ElideLeft,
                                                  inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, elided)

    # --- keyboard and mouse ------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        cols = self.columns()
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -cols,
                 Qt.Key.Key_Down: cols}
        if key in moves:
            self.set_current(self.current + moves[key])
        elif key == Qt.Key.Key_Home:
            self.set_current(0)
        elif key == Qt.Key.Key_End:
            self.set_current(len(self.slots) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.slots:
                self.activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().toPoint())
        if index is not None:
            self.setFocus()
            self.set_current(index)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().toPoint())
        if index is not None:
            self.activated.emit(index)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.pos())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.slots[index].tip, self)
            return True
        return super().event(event)

    def focusInEvent(self, event: object) -> None:
        self.update(self.cell_rect(self.current).adjusted(-2, -2, 2, 2))

    def focusOutEvent(self, event: object) -> None:
        self.update(self.cell_rect(self.current).adjusted(-2, -2, 2, 2))
