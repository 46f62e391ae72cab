"""The mail tab's dialogs: notice (M2), pickup (M4), public notice and return (M5),
newspapers (M6). Each is worked by keyboard; errors show in the dialog, nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.domain.ids import IdType
from wuye_desk.domain.mail import CollectorKind, NoticeMethod
from wuye_desk.domain.privacy import mask_id
from wuye_desk.services import mail, mail_forms
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import CopyInput, PickupInput
from wuye_desk.ui.households.editor import RowsTable
from wuye_desk.ui.print_preview import print_form
from wuye_desk.ui.signature_pad import SignaturePad
from wuye_desk.ui.terms import term
from wuye_desk.ui.vip_badge import VipBadge

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels([term(h) for h in headers])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: object, checkable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    if checkable:
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
    return item


class _Dialog(QDialog):
    def __init__(self, desk: Desk, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(title)
        self.resize(820, 520)
        self.layout_ = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

    def showEvent(self, event: QShowEvent) -> None:
        # Enter belongs to the field (a scan, the next field), never to a default button
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        super().showEvent(event)

    def ok(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)

    def fail(self, exc: DeskError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def shortcut(self, keys: str, slot: Callable[[], object]) -> None:
        s = QShortcut(QKeySequence(keys), self)
        s.activated.connect(slot)


# --- notice (rule M2) --------------------------------------------------------------------

class NoticeDialog(_Dialog):
    """Households with items nobody has told yet, with the archive's phones; mark how and
    when they were told, and print the notice slip with its pickup code."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, self.tr("通知业户领取邮件"), parent)
        self.rows: list[mail.HouseholdToTell] = []
        self.last_notice: mail.NoticeDone | None = None
        self.table = _table(["房号", "业户", "件数", "最早登记", "电话（档案）"], self)
        self.table.setAccessibleName(self.tr("待通知的业户"))
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.method = QComboBox(self)
        self.method.addItems([m.value for m in NoticeMethod])
        self.method.setAccessibleName(self.tr("通知方式"))
        self.told_at = QDateTimeEdit(self)
        self.told_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.told_at.setAccessibleName(self.tr("通知时间"))
        self.record_button = QPushButton(self.tr("记录已通知 (Ctrl+S)"), self)
        self.print_button = QPushButton(self.tr("记录并打印领取通知单 (Ctrl+P)"), self)
        for w in (QLabel(self.tr("通知方式"), self), self.method,
                  QLabel(self.tr("通知时间"), self), self.told_at, self.record_button,
                  self.print_button):
            row.addWidget(w)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.record_button.clicked.connect(lambda: self.record(print_slip=False))
        self.print_button.clicked.connect(lambda: self.record(print_slip=True))
        self.shortcut("Ctrl+S", lambda: self.record(print_slip=False))
        self.shortcut("Ctrl+P", lambda: self.record(print_slip=True))
        self.reload()

    def reload(self) -> None:
        self.rows = mail.households_to_tell(self.desk)
        self.table.setRowCount(len(self.rows))
        for i, h in enumerate(self.rows):
            for col, value in enumerate((h.unit_display, h.name, self.tr("{n}件").format(n=h.items),
                                         f"{h.oldest:%m-%d %H:%M}", mail.phones_text(h.phones))):
                self.table.setItem(i, col, _cell(value))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.selectRow(0)
        now = self.desk.now()
        self.told_at.setDateTime(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0))
        if not self.rows:
            self.ok(self.tr("所有待领邮件都已通知业户"))

    def record(self, print_slip: bool) -> Path | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.setText(self.tr("请先选择一户"))
            return None
        h = self.rows[row]
        qt = self.told_at.dateTime()
        d, t = qt.date(), qt.time()
        when = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        try:
            done = mail.record_notice(self.desk, h.household_id, self.method.currentText(),
                                      told_at=when)
        except DeskError as exc:
            self.fail(exc)
            return None
        self.last_notice = done
        self.reload()
        self.table.setFocus()
        self.ok(self.tr("已记录：{unit} {n}件，{how}通知；取件码 {code}").format(
            unit=done.unit_display, n=done.items, how=self.method.currentText(), code=done.code))
        if print_slip:
            return print_form(self, self.tr("打印领取通知单"),
                              lambda out: mail_forms.print_notice_slip(self.desk,
                                                                       done.notice_id, out),
                              f"邮件领取通知单-{done.code}")
        return None


# --- pickup (rule M4) --------------------------------------------------------------------

class PickupDialog(_Dialog):
    """Scan the slip, an item or type a unit; tick the items going out; check the collector's
    ID (shown masked); hand out and print the 邮件签收表 to sign."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, self.tr("邮件领取"), parent)
        self.found: mail.PickupSet | None = None
        self.last_pickup: mail.PickupDone | None = None
        self.scan = QLineEdit(self)
        self.scan.setPlaceholderText(self.tr("扫描领取通知单或邮件条码，或输入房号，回车"))
        self.scan.setAccessibleName(self.tr("领取扫描"))
        self.layout_.addWidget(self.scan)
        self.household = QLabel(self)
        self.vip_badge = VipBadge(desk, parent=self)  # rules P4, P5: an ended card said so
        head = QHBoxLayout()
        head.addWidget(self.household)
        head.addWidget(self.vip_badge)
        head.addStretch(1)
        self.layout_.addLayout(head)
        self.table = _table(["领取", "运单号", "类别", "快递公司", "登记时间", "位置", "破损"], self)
        self.table.setAccessibleName(self.tr("待领邮件"))
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("领取人姓名"))
        self.kind = QComboBox(self)
        self.kind.addItems([k.value for k in CollectorKind])
        self.kind.setAccessibleName(self.tr("领取人"))
        self.id_type = QComboBox(self)
        self.id_type.addItems([t.value for t in IdType])
        self.id_type.setAccessibleName(self.tr("证件类型"))
        self.id_number = QLineEdit(self)
        self.id_number.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # masked on screen
        self.id_number.setAccessibleName(self.tr("证件号码"))
        self.id_shown = QLabel(self)
        for label, w in (("领取人姓名", self.name), ("本人/代领", self.kind),
                         ("证件类型", self.id_type), ("证件号码", self.id_number)):
            row.addWidget(QLabel(self.tr(label), self))
            row.addWidget(w)
        row.addWidget(self.id_shown)
        self.layout_.addLayout(row)
        sign_row = QHBoxLayout()
        self.signature = SignaturePad(self)
        self.clear_signature = QPushButton(self.tr("重签"), self)
        self.clear_signature.clicked.connect(self.signature.clear)
        sign_row.addWidget(QLabel(self.tr("屏幕签名（有签字板或触摸屏时；\n否则在打印的签收表上签名）"),
                                  self))
        sign_row.addWidget(self.signature, 1)
        sign_row.addWidget(self.clear_signature)
        self.layout_.addLayout(sign_row)
        self.hand_button = QPushButton(self.tr("确认领取并打印签收表 (Ctrl+S)"), self)
        self.layout_.addWidget(self.hand_button)
        self.layout_.addWidget(self.message)
        self.scan.returnPressed.connect(self.look_up)
        self.name.returnPressed.connect(self.id_number.setFocus)
        self.id_number.editingFinished.connect(self._show_masked)
        self.id_number.returnPressed.connect(self.hand_out)
        self.hand_button.clicked.connect(self.hand_out)
        self.shortcut("Ctrl+S", self.hand_out)
        self.scan.setFocus()

    def look_up(self) -> None:
        try:
            found = mail.pickup_set(self.desk, self.scan.text())
        except DeskError as exc:
            self.vip_badge.set_household(None)
            self.fail(exc)
            self.scan.selectAll()
            return
        self.found = found
        self.vip_badge.set_household(found.household_id)
        self.household.setText(self.tr("{unit}　{name}　待领 {n} 件").format(
            unit=found.unit_display, name=found.household_name, n=len(found.items)))
        self.table.setRowCount(len(found.items))
        for i, it in enumerate(found.items):
            for col, value in enumerate(("", it.tracking_no, it.kind, it.carrier,
                                         f"{it.received_at:%m-%d %H:%M}", it.position,
                                         it.damage)):
                self.table.setItem(i, col, _cell(value, checkable=col == 0))
        self.table.resizeColumnsToContents()
        self.ok(self.tr("请查验领取人证件"))
        if not self.name.text().strip():
            self.name.setText(found.household_name)
        self.name.setFocus()
        self.name.selectAll()

    def _show_masked(self) -> None:
        text = self.id_number.text().strip()
        self.id_shown.setText(mask_id(text) if text else "")

    def chosen_ids(self) -> list[int]:
        if self.found is None:
            return []
        out = []
        for i, it in enumerate(self.found.items):
            cell = self.table.item(i, 0)
            if cell is not None and cell.checkState() == Qt.CheckState.Checked:
                out.append(it.id)
        return out

    def hand_out(self) -> Path | None:
        if self.found is None:
            self.message.setText(self.tr("请先扫描领取通知单、邮件条码或输入房号"))
            self.scan.setFocus()
            return None
        data = PickupInput(self.name.text(), self.kind.currentText(), self.id_type.currentText(),
                           self.id_number.text(), self.signature.png())
        try:
            done = mail.hand_out(self.desk, self.chosen_ids(), data)
        except DeskError as exc:
            self.fail(exc)
            if exc.field == "证件号码":
                self.id_number.setFocus()
            elif exc.field == "领取人姓名":
                self.name.setFocus()
            return None
        self.last_pickup = done
        self.found = None
        self.table.setRowCount(0)
        self.scan.clear()
        self.id_number.clear()
        self.id_shown.clear()
        self.signature.clear()
        self.name.clear()
        self.household.clear()
        self.ok(self.tr("已领取 {n} 件，领取人 {who}，证件 {masked}；请在签收表上签名").format(
            n=done.items, who=done.collector, masked=done.id_masked))
        self.scan.setFocus()
        return print_form(self, self.tr("打印邮件签收表"),
                          lambda out: mail_forms.print_pickup_sheet(self.desk, done.pickup_id,
                                                                    out),
                          f"邮件签收表-领取{done.pickup_id}")


# --- public notice and return (rule M5) -----------------------------------------------------

class ReturnDialog(_Dialog):
    """Items a month unclaimed go on the public notice; items past it, and undeliverable ones,
    go back to the post office with the postal clerk's name on the printed list."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, self.tr("公示与退回邮局"), parent)
        self.items: list[mail.ItemView] = []
        self.last_return: mail.ReturnDone | None = None
        top = QHBoxLayout()
        self.notice_info = QLabel(self)
        self.notice_button = QPushButton(self.tr("列入公示并打印招领公示"), self)
        top.addWidget(self.notice_info, 1)
        top.addWidget(self.notice_button)
        self.layout_.addLayout(top)
        self.layout_.addWidget(QLabel(self.tr("应退回邮局的邮件（无法投递的，公示期满未领的）："),
                                      self))
        self.table = _table(["退回", "运单号", "类别", "快递公司", "房号/地址", "登记", "公示",
                             "备注"], self)
        self.table.setAccessibleName(self.tr("应退回的邮件"))
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.clerk = QLineEdit(self)
        self.clerk.setAccessibleName(self.tr("邮局经办人"))
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("备注"))
        self.return_button = QPushButton(self.tr("退回并打印退回邮局清单 (Ctrl+S)"), self)
        for label, w in (("邮局经办人", self.clerk), ("备注", self.note)):
            row.addWidget(QLabel(self.tr(label), self))
            row.addWidget(w)
        row.addWidget(self.return_button)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.notice_button.clicked.connect(self.post_notice)
        self.return_button.clicked.connect(self.return_items)
        self.clerk.returnPressed.connect(self.return_items)
        self.shortcut("Ctrl+S", self.return_items)
        self.reload()

    def reload(self) -> None:
        waiting = mail.list_query(self.desk, mail.MailFilter(view=mail.VIEW_DUE)).count()
        on_notice = len(mail.on_public_notice(self.desk))
        self.notice_info.setText(self.tr("逾期、公示中或应退回的邮件 {n} 件，其中正在公示 {m} 件")
                                 .format(n=waiting, m=on_notice))
        self.items = mail.due_for_return(self.desk)
        self.table.setRowCount(len(self.items))
        for i, it in enumerate(self.items):
            remark = (self.tr("无法投递：{r}").format(r=it.remark) if it.undeliverable
                      else self.tr("公示期满未领"))
            notice = f"{it.public_notice_at:%m-%d}" if it.public_notice_at else ""
            for col, value in enumerate(("", it.tracking_no, it.kind, it.carrier, it.unit_display,
                                         f"{it.received_at:%m-%d}", notice, remark)):
                self.table.setItem(i, col, _cell(value, checkable=col == 0))
        self.table.resizeColumnsToContents()

    def post_notice(self) -> Path | None:
        try:
            n = mail.post_public_notice(self.desk)
        except DeskError as exc:
            self.fail(exc)
            return None
        self.reload()
        self.ok(self.tr("新列入公示 {n} 件").format(n=n))
        return print_form(self, self.tr("打印邮件招领公示"),
                          lambda out: mail_forms.print_public_notice(self.desk, out),
                          "邮件招领公示")

    def chosen_ids(self) -> list[int]:
        out = []
        for i, it in enumerate(self.items):
            cell = self.table.item(i, 0)
            if cell is not None and cell.checkState() == Qt.CheckState.Checked:
                out.append(it.id)
        return out

    def return_items(self) -> Path | None:
        try:
            done = mail.return_items(self.desk, self.chosen_ids(), self.clerk.text(),
                                     self.note.text())
        except DeskError as exc:
            self.fail(exc)
            if exc.field == "邮局经办人":
                self.clerk.setFocus()
            return None
        self.last_return = done
        self.reload()
        self.ok(self.tr("已退回 {n} 件，请邮局经办人在清单上签名").format(n=done.items))
        return print_form(self, self.tr("打印退回邮局清单"),
                          lambda out: mail_forms.print_return_list(self.desk, done.return_id,
                                                                   out),
                          f"退回邮局清单-{done.return_id}")


# --- newspapers (rule M6) -------------------------------------------------------------------

class NewspaperDialog(_Dialog):
    """Sign for a title's delivery and count; copies handed to subscribers are signed for,
    the absent ones' are kept at the desk until collected."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, self.tr("报纸签收"), parent)
        self.kept: list[mail.KeptCopy] = []
        row = QHBoxLayout()
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("报刊名称"))
        self.count = QLineEdit(self)
        self.count.setAccessibleName(self.tr("份数"))
        for label, w in (("报刊名称", self.title), ("份数", self.count)):
            row.addWidget(QLabel(self.tr(label), self))
            row.addWidget(w)
        self.layout_.addLayout(row)
        self.layout_.addWidget(QLabel(self.tr("分发（订户不在时签收人留空，报纸留存前台）："), self))
        self.copies = RowsTable(("订户房号", "订户份数", "签收人"), self)
        self.layout_.addWidget(self.copies, 1)
        self.save_button = QPushButton(self.tr("签收 (Ctrl+S)"), self)
        self.print_button = QPushButton(self.tr("打印今日报纸签收表"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(QLabel(self.tr("留存前台待领："), self))
        self.kept_table = _table(["日期", "报刊名称", "房号", "份数"], self)
        self.layout_.addWidget(self.kept_table)
        row2 = QHBoxLayout()
        self.collector = QLineEdit(self)
        self.collector.setAccessibleName(self.tr("签收人"))
        self.collect_button = QPushButton(self.tr("所选已领取"), self)
        row2.addWidget(QLabel(self.tr("领取人签收"), self))
        row2.addWidget(self.collector)
        row2.addWidget(self.collect_button)
        self.layout_.addLayout(row2)
        self.layout_.addWidget(self.message)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_sheet)
        self.collect_button.clicked.connect(self.collect)
        self.shortcut("Ctrl+S", self.save)
        self.reload()

    def reload(self) -> None:
        self.kept = mail.kept_copies(self.desk)
        self.kept_table.setRowCount(len(self.kept))
        for i, k in enumerate(self.kept):
            for col, value in enumerate((f"{k.day:%m-%d}", k.title, k.unit_display, k.count)):
                self.kept_table.setItem(i, col, _cell(value))

    def save(self) -> bool:
        copies = [CopyInput(r[0], r[1] or 1, r[2]) for r in self.copies.rows() if any(r)]
        try:
            mail.receive_newspapers(self.desk, self.title.text(), self.count.text(), copies)
        except DeskError as exc:
            self.fail(exc)
            return False
        self.ok(self.tr("已签收 {title} {n}份").format(title=self.title.text().strip(),
                                                      n=self.count.text().strip()))
        self.title.clear()
        self.count.clear()
        self.copies.set_rows([])
        self.reload()
        self.title.setFocus()
        return True

    def collect(self) -> bool:
        row = self.kept_table.currentRow()
        if not 0 <= row < len(self.kept):
            self.message.setText(self.tr("请先选择留存的报纸"))
            return False
        try:
            mail.collect_kept(self.desk, self.kept[row].id, self.collector.text())
        except DeskError as exc:
            self.fail(exc)
            return False
        self.collector.clear()
        self.reload()
        self.ok(self.tr("已领取"))
        return True

    def print_sheet(self) -> Path | None:
        day = self.desk.now().date()
        return print_form(self, self.tr("打印报纸签收表"),
                          lambda out: mail_forms.print_newspaper_sheet(self.desk, day, out),
                          f"报纸签收表-{day:%Y%m%d}")
