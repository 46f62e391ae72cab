"""访客登记: register visitors by keyboard, call the host, see them out (rules V1–V5, G3, G5).

Left: the exit box (scan the slip's number, Enter) and the visitor log with its
views (all, still inside longest first, left, refused) and date ranges. Right:
the registration form — ID first, so a returning visitor fills the form and a
watch-list match warns before the host is called; Ctrl+S registers, and an
admitted visitor's two-part slip prints at once.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.domain.ids import IdType
from wuye_desk.domain.operators import Permission, Role
from wuye_desk.domain.visitors import HostAnswer, stay_text
from wuye_desk.services import visitors
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery
from wuye_desk.services.visitors import VisitFilter, VisitInput
from wuye_desk.ui.form_fields import FieldForm, combo
from wuye_desk.ui.list_panel import Filter, ListPanel
from wuye_desk.ui.print_preview import print_form

W = TypeVar("W", bound=QWidget)
OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a3b00; background: #ffe9c7; font-weight: bold; padding: 4px;"

VIEW_INSIDE, VIEW_LEFT, VIEW_REFUSED = "在访（停留最久在前）", "已离开", "未准入"
COLUMN_WIDTHS = {"单号": 125, "到访时间": 125, "访客": 70, "证件号": 140, "人数": 40, "车牌": 85,
                 "被访": 120, "被访人": 70, "状态": 60, "离开时间": 90, "停留": 90, "电话": 95,
                 "值班总值": 70}
RANGES = {"今天": 0, "最近7天": 6, "最近30天": 29, "最近一年": 364}
PURPOSES = ["", "探亲", "访友", "送货", "快递", "装修洽谈", "维修", "家政服务", "看房", "商务洽谈",
            "面试"]


class VisitForm(QWidget):
    """The registration form: every field reached by Enter, in the order the clerk asks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checked_id = self.checked_unit = ""  # what the last lookups were made for
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("访客登记"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.heading)
        self.night = QLabel(self)
        self.night.setWordWrap(True)
        self.night.setStyleSheet(WARNING_STYLE)
        self.night.hide()
        layout.addWidget(self.night)
        self.form = FieldForm(self)
        # the keys are the field names the services' messages use
        self.id_type = self._add("证件类型", combo([t.value for t in IdType], parent=self))
        self.id_number = self._add("证件号码", QLineEdit(self))
        self.name = self._add("访客姓名", QLineEdit(self))
        self.phone = self._add("访客电话", QLineEdit(self))
        self.people = self._add("人数", QLineEdit("1", self))
        self.plate = self._add("车牌号", QLineEdit(self))
        self.plate.setPlaceholderText(self.tr("没有车可不填；如 京A12345、粤BD12345"))
        self.purpose = self._add("来访事由", combo(PURPOSES, True, self))
        self.host_unit = self._add("被访房号", QLineEdit(self))
        self.host_unit.setPlaceholderText(self.tr("如 3栋2单元1502；访问部门或公司时不填"))
        self.host_department = self._add("被访单位/部门", QLineEdit(self))
        self.host_name = self._add("被访人姓名", QLineEdit(self))
        self.host_position = self._add("被访人职位", QLineEdit(self))
        self.host_position.setPlaceholderText(self.tr("住户可不填（按档案）"))
        self.host_phone = self._add("被访人电话", combo([], True, self))
        self.answer = self._add("被访人答复", combo([""] + [a.value for a in HostAnswer],
                                                    parent=self))
        self.answered_by = self._add("接听人", QLineEdit(self))
        self.duty = self._add("值班总值", QComboBox(self))
        layout.addWidget(self.form)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        layout.addWidget(self.warning)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _add(self, key: str, widget: W) -> W:
        self.form.add(key, QCoreApplication.translate("VisitForm", key), widget)
        return widget

    def clear_error(self, key: str) -> None:
        """Clear one field's message (a lookup on leaving a field leaves the others alone)."""
        field = self.form.field_for(key)
        if field is not None:
            field.error.hide()
            field.error.clear()
            field.widget.setStyleSheet("")

    def clear(self) -> None:
        self.checked_id = self.checked_unit = ""
        for edit in (self.id_number, self.name, self.phone, self.plate, self.host_unit,
                     self.host_department, self.host_name, self.host_position,
                     self.answered_by):
            edit.clear()
        self.id_type.setCurrentIndex(0)
        self.people.setText("1")
        self.purpose.setCurrentText("")
        self.host_phone.clear()
        self.answer.setCurrentIndex(0)
        self.warning.hide()
        self.form.clear_errors()

    def fill(self, data: VisitInput) -> None:
        """Fill the empty fields from a returning visitor's last visit."""
        for edit, value in ((self.name, data.visitor_name), (self.phone, data.phone),
                            (self.plate, data.plate), (self.host_unit, data.host_unit),
                            (self.host_department, data.host_department),
                            (self.host_name, data.host_name),
                            (self.host_position, data.host_position)):
            if not edit.text().strip():
                edit.setText(value)
        self.people.setText(str(data.people))
        if not self.purpose.currentText().strip():
            self.purpose.setCurrentText(data.purpose)

    def value(self) -> VisitInput:
        phone = self.host_phone.currentText().strip().split(" ")[0]
        return VisitInput(
            visitor_name=self.name.text(), id_type=self.id_type.currentText(),
            id_number=self.id_number.text(), phone=self.phone.text(), people=self.people.text(),
            plate=self.plate.text(), purpose=self.purpose.currentText(),
            host_unit=self.host_unit.text(), host_department=self.host_department.text(),
            host_name=self.host_name.text(), host_position=self.host_position.text(),
            host_phone=phone, host_answer=self.answer.currentText(),
            answered_by=self.answered_by.text(),
            duty_manager_id=self.duty.currentData() if self.duty.isEnabled() else None)


class VisitorsTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.last_registered: int | None = None
        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新登记 (Ctrl+N)"), self)
        self.save_button = QPushButton(self.tr("登记 (Ctrl+S)"), self)
        self.print_button = QPushButton(self.tr("打印访客登记单 (Ctrl+P)"), self)
        self.exit_button = QPushButton(self.tr("离开登记 (Ctrl+E)"), self)
        self.goods_button = QPushButton(self.tr("携物出入门证 (Ctrl+G)"), self)
        self.reveal_button = QPushButton(self.tr("显示完整证件号"), self)
        for b in (self.new_button, self.save_button, self.print_button, self.exit_button,
                  self.goods_button, self.reveal_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        split = QSplitter(self)
        left = QWidget(split)
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        scan_row = QHBoxLayout()
        self.scan = QLineEdit(left)
        self.scan.setPlaceholderText(self.tr("离开：扫描或输入登记单号后按回车"))
        self.scan.setAccessibleName(self.tr("登记单号"))
        self.signed = QCheckBox(self.tr("被访人已签字"), left)
        self.returned = QCheckBox(self.tr("上联已交回"), left)
        self.exit_note = QLineEdit(left)
        self.exit_note.setPlaceholderText(self.tr("备注（上联未交回时必填）"))
        self.exit_note.setAccessibleName(self.tr("备注"))
        for w, stretch in ((self.scan, 2), (self.signed, 0), (self.returned, 0),
                           (self.exit_note, 1)):
            scan_row.addWidget(w, stretch)
        col.addLayout(scan_row)
        self.exit_message = QLabel(left)
        self.exit_message.setWordWrap(True)
        col.addWidget(self.exit_message)
        self.list = ListPanel(
            self._query,
            [Filter("view", self.tr("全部登记"), [VIEW_INSIDE, VIEW_LEFT, VIEW_REFUSED]),
             Filter("range", self.tr("全部日期"), list(RANGES))],
            placeholder=self.tr("姓名、拼音首字母、电话、车牌、被访房号、单号"), parent=left)
        col.addWidget(self.list, 1)
        self.list.model.modelReset.connect(self._column_widths)
        self._column_widths()
        self.detail = QLabel(left)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.detail)
        self.form = VisitForm(split)
        scroll = QScrollArea(split)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([700, 480])
        outer.addWidget(split)

        self.signed.setChecked(True)
        self.returned.setChecked(True)
        self.scan.returnPressed.connect(self.record_exit)
        self.list.current_changed.connect(self._show)
        self.form.id_number.editingFinished.connect(self.check_visitor)
        self.form.name.editingFinished.connect(self.check_watch)
        self.form.host_unit.editingFinished.connect(self.look_up_host)
        self.new_button.clicked.connect(self.new_visit)
        self.save_button.clicked.connect(self.register)
        self.print_button.clicked.connect(self.print_slip)
        self.exit_button.clicked.connect(self.focus_exit)
        self.goods_button.clicked.connect(self.open_goods_pass)
        self.reveal_button.clicked.connect(self.reveal_id)
        for keys, slot in (("Ctrl+N", self.new_visit), ("Ctrl+S", self.register),
                           ("Ctrl+P", self.print_slip), ("Ctrl+E", self.focus_exit),
                           ("Ctrl+G", self.open_goods_pass)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.new_visit()
        self._update_permissions()

    # --- the list -------------------------------------------------------------------
    def _query(self, text: str, filters: dict[str, str]) -> ListQuery:
        view = filters.get("view", "")
        if view == VIEW_INSIDE:
            return visitors.inside_query(self.desk)
        status = {VIEW_LEFT: "已离开", VIEW_REFUSED: "未准入"}.get(view)
        days = RANGES.get(filters.get("range", ""))
        start = self.desk.now().date() - timedelta(days=days) if days is not None else None
        try:
            return visitors.list_query(self.desk, VisitFilter(date_from=start, status=status,
                                                              text=text))
        except DeskError:
            return visitors.list_query(self.desk, VisitFilter(date_from=start, status=status))

    def _column_widths(self) -> None:
        self.list.set_column_widths(COLUMN_WIDTHS)

    def _update_permissions(self) -> None:
        self.reveal_button.setEnabled(self.desk.can(Permission.REVEAL_ID))

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self._update_permissions()
        self.new_visit()
        self.list.refresh()

    def focus_first(self) -> None:
        self.form.id_number.setFocus()

    def open_record(self, visit_id: int) -> None:
        box = self.list.filters["view"]
        box.setCurrentIndex(box.findData(VIEW_INSIDE))
        self.list.refresh()
        if not self.list.select_id(visit_id):
            self._show(visit_id)
        self.list.view.setFocus()

    def _show(self, visit_id: int | None) -> None:
        if visit_id is None:
            return
        try:
            self.detail.setText(self._describe(visitors.get_visit(self.desk, visit_id)))
        except DeskError as exc:
            self.detail.setText(str(exc))

    def _describe(self, v: visitors.VisitView) -> str:
        serial = v.serial or self.tr("（未准入，无登记单）")
        lines = [self.tr("{s}　{st}　{n}（{p}人）　{t} {i}").format(
                     s=serial, st=v.status, n=v.visitor_name, p=v.people, t=v.id_type, i=v.id_number),
                 self.tr("被访：{pl} {h}（{pos}）　答复：{a} {by}").format(
                     pl=v.host_place, h=v.host_name, pos=v.host_position, a=v.host_answer, by=v.answered_by),
                 self.tr("到访 {t}").format(t=f"{v.arrived_at:%Y-%m-%d %H:%M}")
                 + (self.tr("　离开 {t}").format(t=f"{v.left_at:%H:%M}") if v.left_at else "")
                 + (self.tr("　停留{s}").format(s=stay_text(v.stay_minutes)) if v.stay_minutes is not None
                    else "")
                 + self.tr("　登记人 {o}").format(o=v.operator_name)]
        if v.night:
            lines.append(self.tr("夜间登记，值班总值：{m}").format(m=v.duty_manager_name))
        if v.watch_note:
            lines.append(self.tr("关注名单：{w}").format(w=v.watch_note))
        if v.slip_returned is False:
            lines.append(self.tr("上联未交回：{n}").format(n=v.exit_note))
        return "\n".join(lines)

    # --- registering ------------------------------------------------------------------
    def new_visit(self) -> None:
        self.form.clear()
        self._night_duty()
        self.form.message.clear()
        self.form.id_number.setFocus()

    def _night_duty(self) -> None:
        """At night the registration is made under the duty manager (rule G5)."""
        box = self.form.duty
        box.clear()
        night = visitors.night_now(self.desk)
        op = self.desk.operator
        if not night:
            box.addItem(self.tr("（白天无需）"), None)
            box.setEnabled(False)
            self.form.night.hide()
            return
        self.form.night.show()
        if op.role is Role.DUTY_MANAGER:
            box.addItem(op.name, op.id)
            box.setEnabled(False)
            self.form.night.setText(self.tr("夜间登记：由您（物业总值）负责（规则G5）"))
            return
        box.addItem("", None)
        for manager in visitors.duty_managers(self.desk):
            box.addItem(manager.name, manager.id)
        box.setEnabled(True)
        self.form.night.setText(self.tr("夜间登记由物业总值负责：请选择当班的物业总值（规则G5）"))

    def check_visitor(self) -> None:
        """The ID typed: a clear message at once, a returning visitor's form filled in."""
        number = self.form.id_number.text().strip()
        typed = f"{self.form.id_type.currentText()} {number}"
        if not number or typed == self.form.checked_id:
            return
        self.form.checked_id = typed
        try:
            last = visitors.returning_visitor(self.desk, self.form.id_type.currentText(), number)
        except DeskError as exc:
            self.form.form.show_error(exc)
            return
        self.form.clear_error("证件号码")
        if last is not None:
            self.form.fill(last)
            self.form.message.setStyleSheet(OK_STYLE)
            self.form.message.setText(self.tr("老访客：已按上次来访填好，请核对"))
        self.check_watch()

    def check_watch(self) -> None:
        """A watch-list match shows before the host is called."""
        hits = visitors.watch_warnings(self.desk, self.form.name.text(),
                                       self.form.id_type.currentText(),
                                       self.form.id_number.text())
        if hits:
            self.form.warning.setText("⚠ " + "\n⚠ ".join(h.text for h in hits))
            self.form.warning.show()
        else:
            self.form.warning.hide()

    def look_up_host(self) -> None:
        """The host's phones from the archive, to call (rule V3)."""
        unit = self.form.host_unit.text().strip()
        if not unit or unit == self.form.checked_unit:
            return
        self.form.checked_unit = unit
        try:
            contact = visitors.host_contact(self.desk, unit)
        except DeskError as exc:
            self.form.form.show_error(exc)
            return
        self.form.clear_error("被访房号")
        self.form.host_unit.setText(contact.unit_display)
        self.form.checked_unit = contact.unit_display
        self.form.host_phone.clear()
        for p in contact.phones:
            self.form.host_phone.addItem(f"{p.phone} {p.name}（{p.role}）")
        if contact.phones and not self.form.host_name.text().strip():
            self.form.host_name.setText(contact.phones[0].name)

    def register(self) -> bool:
        self.form.message.clear()
        try:
            done = visitors.register_visit(self.desk, self.form.value())
        except DeskError as exc:
            if not self.form.form.show_error(exc):
                self.form.message.setStyleSheet(ERROR_STYLE)
                self.form.message.setText(str(exc))
            return False
        self.last_registered = done.visit_id
        self.list.refresh()
        self.new_visit()
        if done.admitted:
            self.form.message.setStyleSheet(OK_STYLE)
            self.form.message.setText(self.tr("已登记，单号 {serial}；正在打印访客登记单").format(
                serial=done.serial))
            self.print_slip(done.visit_id)
        else:
            self.form.message.setStyleSheet(ERROR_STYLE)
            self.form.message.setText(self.tr(
                "被访人未同意，禁止进入；已记录为未准入，不开具访客登记单（规则V4）"))
        return True

    def print_slip(self, visit_id: int | None = None) -> Path | None:
        target = visit_id or self.list.current_id() or self.last_registered
        if not target:
            self.form.message.setText(self.tr("请先在列表中选择一条登记"))
            return None
        return print_form(self, self.tr("打印访客登记单"),
                          lambda out: _forms().print_visit_slip(self.desk, target, out),
                          f"访客登记单-{target}")

    # --- leaving ----------------------------------------------------------------------
    def focus_exit(self) -> None:
        self.signed.setChecked(True)
        self.returned.setChecked(True)
        self.scan.setFocus()
        self.scan.selectAll()

    def record_exit(self) -> bool:
        try:
            view = visitors.record_exit(self.desk, self.scan.text(),
                                        host_signed=self.signed.isChecked(),
                                        slip_returned=self.returned.isChecked(),
                                        note=self.exit_note.text())
        except DeskError as exc:
            self.exit_message.setStyleSheet(ERROR_STYLE)
            self.exit_message.setText(str(exc))
            self.scan.selectAll()
            return False
        self.exit_message.setStyleSheet(OK_STYLE)
        self.exit_message.setText(self.tr("{name} 已离开，停留{stay}").format(
            name=view.visitor_name, stay=stay_text(view.stay_minutes or 0)))
        self.scan.clear()
        self.exit_note.clear()
        self.signed.setChecked(True)
        self.returned.setChecked(True)
        self.list.refresh()
        return True

    # --- the rest ---------------------------------------------------------------------
    def reveal_id(self) -> None:
        visit_id = self.list.current_id()
        if visit_id is None:
            return
        try:
            view = visitors.get_visit(self.desk, visit_id, reveal_id=True)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("不能显示"), str(exc))
            return
        self.detail.setText(self._describe(view))

    def open_goods_pass(self) -> None:
        from wuye_desk.ui.visitors.goods_dialog import GoodsPassDialog

        dialog = GoodsPassDialog(self.desk, self)
        dialog.open()
        self.goods_dialog = dialog


def _forms() -> ModuleType:
    """The printable forms, imported when first printed (reportlab is slow to import: start-up)."""
    from wuye_desk.services import visitor_forms

    return visitor_forms
