"""One household's record: unit, occupancy, members, emergency contacts."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.households import Occupancy, Segment, Tenure
from wuye_desk.services.households import (
    ContactInput,
    HouseholdInput,
    HouseholdView,
    MemberInput,
)
from wuye_desk.ui.form_fields import FieldForm, combo, date_edit
from wuye_desk.ui.terms import term

MEMBER_HEADERS = ("姓名", "身份", "手机", "证件类型", "证件号码")
CONTACT_HEADERS = ("紧急联系人", "关系", "电话")


def _cell_text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item is not None else ""


class RowsTable(QTableWidget):
    """A small editable table (members, contacts) with add/remove by keyboard."""

    def __init__(self, headers: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels([term(h) for h in headers])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setMinimumHeight(110)

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def add_row(self, values: tuple[str, ...] = ()) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for col in range(self.columnCount()):
            self.setItem(row, col, QTableWidgetItem(values[col] if col < len(values) else ""))
        self.setCurrentCell(row, 0)

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def rows(self) -> list[tuple[str, ...]]:
        out = []
        for r in range(self.rowCount()):
            values = tuple(_cell_text(self.item(r, c)) for c in range(self.columnCount()))
            if any(values):
                out.append(values)
        return out


class HouseholdEditor(QWidget):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: HouseholdView | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.heading)
        self.form = FieldForm(self)
        self.unit = self.form.add("unit", self.tr("房号"), QLineEdit(self))
        self.unit.setPlaceholderText(self.tr("如 3栋2单元1502、3-2-1502、A座1203"))
        self.occupancy = self.form.add("occupancy", self.tr("入伙状态"),
                                       combo([o.value for o in Occupancy], parent=self))
        self.tenure = self.form.add("tenure", self.tr("业主/租户"),
                                    combo([t.value for t in Tenure], parent=self))
        self.move_in = self.form.add("move_in", self.tr("入伙日期"), date_edit(self))
        self.segment = self.form.add("segment", self.tr("家庭结构"),
                                     combo([""] + [s.value for s in Segment], parent=self))
        self.note = self.form.add("note", self.tr("备注"), QPlainTextEdit(self))
        self.note.setMaximumHeight(60)
        layout.addWidget(self.form)

        layout.addWidget(QLabel(self.tr("家庭成员（第一位为户主/主租户）"), self))
        self.members = RowsTable(MEMBER_HEADERS, self)
        layout.addWidget(self.members)
        layout.addLayout(self._row_buttons(self.members, self.tr("添加成员")))
        layout.addWidget(QLabel(self.tr("紧急联系人（业户紧急联系表）"), self))
        self.contacts = RowsTable(CONTACT_HEADERS, self)
        layout.addWidget(self.contacts)
        layout.addLayout(self._row_buttons(self.contacts, self.tr("添加联系人")))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        self.clear()

    def _row_buttons(self, table: RowsTable, add_text: str) -> QHBoxLayout:
        row = QHBoxLayout()
        add = QPushButton(add_text, self)
        add.clicked.connect(lambda: table.add_row())
        remove = QPushButton(self.tr("删除所选行"), self)
        remove.clicked.connect(table.remove_current)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    # --- values ---------------------------------------------------------------
    def clear(self) -> None:
        self.record = None
        self.heading.setText(self.tr("新建业户档案"))
        self.unit.setText("")
        self.occupancy.setCurrentText("已入伙")
        self.tenure.setCurrentText("业主")
        self.move_in.setDate(self.move_in.minimumDate())
        self.segment.setCurrentIndex(0)
        self.note.setPlainText("")
        self.members.set_rows([])
        self.members.add_row(("", "业主", "", "居民身份证", ""))
        self.contacts.set_rows([])
        self.message.clear()
        self.form.clear_errors()

    def show_record(self, view: HouseholdView) -> None:
        self.record = view
        self.heading.setText(view.unit_display)
        self.unit.setText(view.unit_display)
        self.occupancy.setCurrentText(view.occupancy)
        self.tenure.setCurrentText(view.tenure)
        if view.move_in_date:
            self.move_in.setDate(QDate(view.move_in_date.year, view.move_in_date.month,
                                       view.move_in_date.day))
        else:
            self.move_in.setDate(self.move_in.minimumDate())
        self.segment.setCurrentText(view.segment or "")
        self.note.setPlainText(view.note)
        self.members.set_rows([(m.name, m.role, m.phone, m.id_type, m.id_number)
                               for m in view.members])
        self.contacts.set_rows([(c.name, c.relation, c.phone) for c in view.contacts])
        self.message.clear()
        self.form.clear_errors()

    def value(self) -> HouseholdInput:
        qd = self.move_in.date()
        move_in = None if qd == self.move_in.minimumDate() else qd.toPython()
        return HouseholdInput(
            unit=self.unit.text(),
            occupancy=self.occupancy.currentText(),
            tenure=self.tenure.currentText(),
            move_in_date=move_in,  # type: ignore[arg-type]
            segment=self.segment.currentText() or None,
            note=self.note.toPlainText(),
            members=[MemberInput(*row) for row in self.members.rows()],
            contacts=[ContactInput(name=r[0], relation=r[1], phone=r[2])
                      for r in self.contacts.rows()],
        )

    def show_error(self, error: Exception) -> None:
        from wuye_desk.domain.errors import DeskError

        if isinstance(error, DeskError) and self.form.show_error(error):
            self.message.clear()
            return
        self.message.setText(str(error))
