"""邮件登记: sign parcels in at scanner speed, tell households, hand out, send back
(rules M1–M6, G3, G4).

Top: the scan line. The scanner types the tracking number and Enter; the item is
saved at once and the cursor is back in the scan box. The unit is typed or picked
(name, phone or pinyin initials find it too); the last unit is offered again,
selected, so Enter accepts it and typing replaces it; with “同一房号连续登记” the
unit stays and each scan saves on its own. Kind, carrier (recognised from the
number where reliable), shelf position and damage sit beside it.
Below: the mail log with its views, and the dialogs for notice, pickup, public
notice and return, and newspapers.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain import units
from wuye_desk.domain.errors import DeskError, ValidationError
from wuye_desk.domain.mail import (
    Carrier,
    MailKind,
    clean_tracking,
    kind_hint,
    recognise_carrier,
)
from wuye_desk.services import mail, mail_forms
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import MailFilter, SignInInput
from wuye_desk.services.paging import ListQuery
from wuye_desk.ui.household_picker import HouseholdPicker
from wuye_desk.ui.list_panel import Filter, ListPanel
from wuye_desk.ui.print_preview import print_form
from wuye_desk.ui.terms import term
from wuye_desk.ui.vip_badge import VipBadge

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"
AUTO = "自动识别"
RANGES = {"今天": 0, "最近7天": 6, "最近30天": 29, "最近一年": 364}
LIST_DELAY_MS = 300   # the list catches up after a pause in scanning, never in between
COLUMN_WIDTHS = {"登记时间": 130, "运单号": 160, "类别": 70, "快递公司": 65, "房号": 115,
                 "收件人": 65, "位置": 50, "状态": 55, "通知": 135, "待领": 45}


class _EnterFilter(QObject):
    """Enter in the unit box: a whole unit is taken as typed (no search can change it);
    anything else (a name, a phone) is left to the household picker."""

    def __init__(self, tab: MailTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return self.tab.unit_entered()
        return False


class MailTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.pending = ""             # a number scanned before its unit was given
        self.last_unit = ""
        self.saved_today = 0
        self.last_saved: mail.SignedIn | None = None
        self.dialog: QDialog | None = None
        outer = QVBoxLayout(self)

        buttons = QHBoxLayout()
        self.notice_button = QPushButton(self.tr("通知业户 (Ctrl+T)"), self)
        self.pickup_button = QPushButton(self.tr("领取 (Ctrl+E)"), self)
        self.return_button = QPushButton(self.tr("公示与退回 (Ctrl+R)"), self)
        self.paper_button = QPushButton(self.tr("报纸 (Ctrl+B)"), self)
        self.print_button = QPushButton(self.tr("打印今日签收表 (Ctrl+P)"), self)
        self.correct_button = QPushButton(self.tr("更正所选"), self)
        self.undeliverable_button = QPushButton(self.tr("所选无法投递"), self)
        for b in (self.notice_button, self.pickup_button, self.return_button, self.paper_button,
                  self.print_button, self.correct_button, self.undeliverable_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        # --- the scan line ---------------------------------------------------------
        row1 = QHBoxLayout()
        self.scan = QLineEdit(self)
        self.scan.setPlaceholderText(self.tr("扫描运单号（回车即登记）"))
        self.scan.setAccessibleName(self.tr("运单号"))
        self.scan.setStyleSheet("font-size: 15px; padding: 3px;")
        self.unit = HouseholdPicker(desk, self)
        self.unit.setAccessibleName(self.tr("房号"))
        self.unit.setPlaceholderText(self.tr("房号，或姓名、电话、拼音首字母"))
        self.batch = QCheckBox(self.tr("同一房号连续登记"), self)
        row1.addWidget(QLabel(self.tr("运单号"), self))
        row1.addWidget(self.scan, 3)
        row1.addWidget(QLabel(self.tr("房号"), self))
        row1.addWidget(self.unit, 2)
        row1.addWidget(self.batch)
        outer.addLayout(row1)
        row2 = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.addItems([k.value for k in MailKind])
        self.kind.setCurrentText(MailKind.PARCEL.value)
        self.kind.setAccessibleName(self.tr("类别"))
        self.carrier = QComboBox(self)
        self.carrier.addItems([term(AUTO)] + [c.value for c in Carrier])
        self.carrier.setAccessibleName(self.tr("快递公司"))
        self.position = QLineEdit(self)
        self.position.setPlaceholderText(self.tr("如 A3、柜12"))
        self.position.setAccessibleName(self.tr("存放位置"))
        self.addressee = QLineEdit(self)
        self.addressee.setAccessibleName(self.tr("收件人"))
        self.damage = QLineEdit(self)
        self.damage.setPlaceholderText(self.tr("完好不填"))
        self.damage.setAccessibleName(self.tr("破损情况"))
        self.undeliverable = QCheckBox(self.tr("无法投递"), self)
        self.remark = QLineEdit(self)
        self.remark.setPlaceholderText(self.tr("无法投递的原因，如 查无此户"))
        self.remark.setAccessibleName(self.tr("备注"))
        for label, w, stretch in (("类别", self.kind, 0), ("快递公司", self.carrier, 0),
                                  ("位置", self.position, 1), ("收件人", self.addressee, 1),
                                  ("破损", self.damage, 2)):
            row2.addWidget(QLabel(self.tr(label), self))
            row2.addWidget(w, stretch)
        row2.addWidget(self.undeliverable)
        row2.addWidget(self.remark, 2)
        outer.addLayout(row2)
        self.fields: dict[str, QWidget] = {
            "运单号": self.scan, "房号": self.unit, "类别": self.kind, "快递公司": self.carrier,
            "存放位置": self.position, "收件人": self.addressee, "破损情况": self.damage,
            "备注": self.remark}
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        outer.addWidget(self.message)

        # --- the list --------------------------------------------------------------
        self.list = ListPanel(
            self._query,
            [Filter("view", self.tr("全部邮件"), list(mail.VIEWS)),
             Filter("range", self.tr("全部日期"), list(RANGES))],
            placeholder=self.tr("运单号、房号、姓名、拼音首字母"), parent=self)
        outer.addWidget(self.list, 1)
        self.list.model.modelReset.connect(self._column_widths)
        self._column_widths()
        self.vip_badge = VipBadge(desk, parent=self)  # rules P4, P5: an ended card said so
        outer.addWidget(self.vip_badge)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.detail)
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(LIST_DELAY_MS)
        self._list_timer.timeout.connect(self.list.refresh)

        self.scan.returnPressed.connect(self.scanned)
        self.scan.textEdited.connect(self._scan_edited)
        self.unit.installEventFilter(_EnterFilter(self))
        self.unit.chosen.connect(self._unit_chosen)
        self.list.current_changed.connect(self._show)
        self.notice_button.clicked.connect(self.open_notice)
        self.pickup_button.clicked.connect(self.open_pickup)
        self.return_button.clicked.connect(self.open_returns)
        self.paper_button.clicked.connect(self.open_newspapers)
        self.print_button.clicked.connect(self.print_day)
        self.correct_button.clicked.connect(self.correct_selected)
        self.undeliverable_button.clicked.connect(self.mark_undeliverable)
        for keys, slot in (("Ctrl+T", self.open_notice), ("Ctrl+E", self.open_pickup),
                           ("Ctrl+R", self.open_returns), ("Ctrl+B", self.open_newspapers),
                           ("Ctrl+P", self.print_day), ("Ctrl+N", self.focus_first),
                           ("F2", self.focus_unit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setTabOrder(self.scan, self.unit)

    # --- the list ------------------------------------------------------------------------
    def _query(self, text: str, filters: dict[str, str]) -> ListQuery:
        days = RANGES.get(filters.get("range", ""))
        start = self.desk.now().date() - timedelta(days=days) if days is not None else None
        f = MailFilter(view=filters.get("view", ""), text=text, date_from=start)
        try:
            return mail.list_query(self.desk, f)
        except DeskError:
            f.text = ""
            return mail.list_query(self.desk, f)

    def _column_widths(self) -> None:
        self.list.set_column_widths(COLUMN_WIDTHS)

    def _show(self, item_id: int | None) -> None:
        if item_id is None:
            return
        try:
            v = mail.get_item(self.desk, item_id)
        except DeskError as exc:
            self.detail.setText(str(exc))
            self.vip_badge.set_household(None)
            return
        self.vip_badge.set_household(v.household_id)
        addressee = self.tr("　收件人 {a}").format(a=v.addressee) if v.addressee else ""
        notice = (self.tr("　通知 {m} {t}").format(m=v.notice_method, t=f"{v.notified_at:%m-%d %H:%M}")
                  if v.notified_at else self.tr("　未通知"))
        lines = [f"{v.tracking_no}　{v.kind}　{v.carrier}　{v.unit_display}{addressee}　{v.status}",
                 self.tr("登记 {t}（{o}）　位置 {p}").format(
                     t=f"{v.received_at:%Y-%m-%d %H:%M}", o=v.operator_name, p=v.position or "—")
                 + notice]
        if v.damage:
            lines.append(self.tr("破损：{d}").format(d=v.damage))
        if v.undeliverable:
            lines.append(self.tr("无法投递：{r}").format(r=v.remark))
        if v.public_notice_at:
            lines.append(self.tr("{d} 列入公示").format(d=f"{v.public_notice_at:%Y-%m-%d}"))
        if v.picked_up_at:
            lines.append(self.tr("{t} 由 {c} 领取").format(t=f"{v.picked_up_at:%Y-%m-%d %H:%M}", c=v.collector))
        if v.returned_at:
            lines.append(self.tr("{d} 退回邮局").format(d=f"{v.returned_at:%Y-%m-%d}"))
        if v.corrected_by:
            lines.append(self.tr("已更正，见新登记（第{n}号）").format(n=v.corrected_by))
        if v.correction_of:
            lines.append(self.tr("更正第{n}号登记").format(n=v.correction_of))
        self.detail.setText("\n".join(lines))

    def refresh_soon(self) -> None:
        self._list_timer.start()

    # --- the scan line ---------------------------------------------------------------
    def focus_first(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def focus_unit(self) -> None:
        self.unit.setFocus()
        self.unit.selectAll()

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self.unit.desk = desk
        self.list.refresh()

    def open_record(self, item_id: int) -> None:
        self.list.filters["view"].setCurrentIndex(0)
        self.list.refresh()
        if not self.list.select_id(item_id):
            self._show(item_id)
        self.list.view.setFocus()

    def _scan_edited(self, text: str) -> None:
        """Show the carrier the number names, as soon as it is recognised."""
        try:
            number = clean_tracking(text)
        except ValidationError:
            return
        found = recognise_carrier(number)
        if found is not None:
            self.carrier.setCurrentText(found.value)
        hint = kind_hint(number)
        if hint is not None:
            self.kind.setCurrentText(hint.value)

    def _fail(self, exc: DeskError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))
        target = self.fields.get(exc.field or "")
        if exc.rule == "M5" and exc.field == "房号":
            self.undeliverable.setFocus()
            return
        if target is not None:
            target.setFocus()
            if isinstance(target, QLineEdit):
                target.selectAll()

    def scanned(self) -> None:
        """Enter in the scan box: save now when the unit is known, else ask for it."""
        text = self.scan.text()
        try:
            number = clean_tracking(text)
        except ValidationError as exc:
            self._fail(exc)
            return
        self._scan_edited(number)
        if self.batch.isChecked() and self.unit.text().strip():
            self.save(number)
            return
        self.pending = number
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(self.tr("{number}：请输入房号后回车").format(number=number))
        if not self.unit.text().strip() and self.last_unit:
            self.unit.setText(self.last_unit)
        self.unit.setFocus()
        self.unit.selectAll()

    def unit_entered(self) -> bool:
        """Enter in the unit box. True when handled here (the picker does not search)."""
        text = self.unit.text().strip()
        if not text:
            return False
        try:
            units.parse_unit(text)
        except ValidationError:
            return False   # a name or phone: the picker finds the household, then chosen
        self._after_unit()
        return True

    def _unit_chosen(self, _household_id: int, unit_display: str) -> None:
        QTimer.singleShot(0, self, self._after_unit)

    def _after_unit(self) -> None:
        if self.pending:
            self.save(self.pending)
        else:
            self.scan.setFocus()

    def _input(self, number: str) -> SignInInput:
        carrier = self.carrier.currentText()
        found = recognise_carrier(number)
        if found is not None:       # a reliable format wins over a choice left from before
            carrier = found.value
        elif carrier == term(AUTO):
            carrier = ""
        hint = kind_hint(number)
        return SignInInput(
            tracking_no=number, unit=self.unit.unit_display or self.unit.text(),
            kind=hint.value if hint else self.kind.currentText(), carrier=carrier,
            position=self.position.text(), damage=self.damage.text(),
            addressee=self.addressee.text(), undeliverable=self.undeliverable.isChecked(),
            remark=self.remark.text())

    def save(self, number: str) -> bool:
        try:
            done = mail.sign_in(self.desk, self._input(number))
        except DeskError as exc:
            self.pending = number
            self._fail(exc)
            return False
        self.pending = ""
        self.last_saved = done
        self.saved_today += 1
        self.last_unit = done.unit_display
        self.scan.clear()
        self.damage.clear()
        self.addressee.clear()
        self.remark.clear()
        self.undeliverable.setChecked(False)
        if not self.batch.isChecked():
            self.unit.reset()
        self.scan.setFocus()
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(self.tr("✓ 已登记 {number}　{unit}　{carrier} {kind}{damaged}"
                                     "　（本次第{n}件）").format(
            number=done.tracking_no, unit=done.unit_display, carrier=done.carrier,
            kind=done.kind, damaged="　有破损，请告知业户" if done.damaged else "",
            n=self.saved_today))
        self.refresh_soon()
        return True

    # --- actions on the selected item --------------------------------------------------------
    def correct_selected(self) -> None:
        """Correct the selected item by a new entry (rule G4): the form's values replace it."""
        item_id = self.list.current_id()
        if item_id is None:
            self.message.setText(self.tr("请先在列表中选择要更正的邮件"))
            return
        try:
            old = mail.get_item(self.desk, item_id)
            data = self._input(clean_tracking(self.scan.text() or old.tracking_no))
            if not data.unit.strip():
                data.unit = old.unit_display
            done = mail.correct_item(self.desk, item_id, data)
        except DeskError as exc:
            self._fail(exc)
            return
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(self.tr("已更正：新登记 {number} {unit}，原登记保留为“已更正”").format(
            number=done.tracking_no, unit=done.unit_display))
        self.scan.clear()
        self.list.refresh()

    def mark_undeliverable(self) -> None:
        item_id = self.list.current_id()
        if item_id is None:
            self.message.setText(self.tr("请先在列表中选择邮件"))
            return
        reason, ok = QInputDialog.getText(self, self.tr("无法投递"),
                                          self.tr("原因（记入签收表备注，一周内退回邮局）："))
        if not ok:
            return
        try:
            mail.mark_undeliverable(self.desk, item_id, reason)
        except DeskError as exc:
            self._fail(exc)
            return
        self.list.refresh()

    def print_day(self) -> Path | None:
        day = self.desk.now().date()
        return print_form(self, self.tr("打印邮件签收表"),
                          lambda out: mail_forms.print_day_register(self.desk, day, out),
                          f"邮件签收表-{day:%Y%m%d}")

    # --- dialogs ------------------------------------------------------------------------
    def open_notice(self) -> None:
        from wuye_desk.ui.mail.dialogs import NoticeDialog

        self.dialog = NoticeDialog(self.desk, self)
        self.dialog.finished.connect(lambda _r: self.list.refresh())
        self.dialog.open()

    def open_pickup(self) -> None:
        from wuye_desk.ui.mail.dialogs import PickupDialog

        self.dialog = PickupDialog(self.desk, self)
        self.dialog.finished.connect(lambda _r: self.list.refresh())
        self.dialog.open()

    def open_returns(self) -> None:
        from wuye_desk.ui.mail.dialogs import ReturnDialog

        self.dialog = ReturnDialog(self.desk, self)
        self.dialog.finished.connect(lambda _r: self.list.refresh())
        self.dialog.open()

    def open_newspapers(self) -> None:
        from wuye_desk.ui.mail.dialogs import NewspaperDialog

        self.dialog = NewspaperDialog(self.desk, self)
        self.dialog.open()
