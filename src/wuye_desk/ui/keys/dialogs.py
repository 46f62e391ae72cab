"""The keeper's forms, one dialog each, by keyboard: Enter moves on, Ctrl+S saves, Esc closes.

收存钥匙 (rule K2), 借出钥匙 and 归还钥匙 (rule K3), 更正借用记录 (rule G4),
紧急使用 (rule K4), 钥匙交接 (rule K7). A refusal from the service shows beside its field; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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

from wuye_desk.domain.errors import DeskError, ValidationError
from wuye_desk.domain.ids import IdType
from wuye_desk.domain.keys import BorrowerKind, EmergencyReason, KeyKind, ToldHow, ToldWhom
from wuye_desk.domain.operators import Role
from wuye_desk.services import households, keys
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import (
    EmergencyInput,
    HandoverInput,
    KeyInput,
    LoanCorrection,
    LoanInput,
)
from wuye_desk.ui.approver_fields import ApproverFields
from wuye_desk.ui.form_fields import FieldForm, combo
from wuye_desk.ui.household_picker import HouseholdPicker

W = TypeVar("W", bound=QWidget)
OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
INFO_STYLE = "background: #eef3fb; padding: 4px;"
CONDITIONS = ["完好", "轻微磨损", "钥匙牌缺失", "损坏"]
PURPOSES = ["检查漏水", "维修水电", "维修门窗", "开荒保洁", "验房", "抄表", "装修巡查"]


class KeyDialog(QDialog):
    """A form of labelled fields with Ctrl+S to save; subclasses say what saving does."""

    title = ""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.result_value: Any = None
        self.setWindowTitle(self.title)
        self.outer = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setStyleSheet(INFO_STYLE)
        self.info.hide()
        self.outer.addWidget(self.info)
        self.form = FieldForm(self)
        self.outer.addWidget(self.form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"), self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.outer.addLayout(row)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def add(self, key: str, widget: W) -> W:
        self.form.add(key, QCoreApplication.translate("KeyDialog", key), widget)
        return widget

    def show_info(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))

    def attempt(self) -> Any:
        raise NotImplementedError

    def show_error(self, exc: DeskError) -> bool:
        """Beside its field; False (and every field cleared) when no field is named."""
        if self.form.show_error(exc):
            return True
        self.form.clear_errors()
        return False

    def save(self) -> bool:
        """Run the service; a refusal shows beside its field and the dialog stays."""
        self.message.clear()
        try:
            self.result_value = self.attempt()
        except DeskError as exc:
            if not self.show_error(exc):
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(str(exc))
            return False
        self.accept()
        return True


def _id_types(parent: QWidget) -> QComboBox:
    return combo([t.value for t in IdType], parent=parent)


class TakeInDialog(KeyDialog):
    """收存钥匙 (rules K1, K2): household from the archive, the depositor's ID checked."""

    title = "收存钥匙"

    def __init__(self, desk: Desk, parent: QWidget | None = None, slot: str = "") -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("收存钥匙"))
        self.unit = self.add("房号", HouseholdPicker(desk, self))
        self.kind = self.add("钥匙类别", combo([k.value for k in KeyKind], parent=self))
        self.count = self.add("钥匙数量", QLineEdit("1", self))
        self.tag = self.add("钥匙标签", QLineEdit(self))
        self.tag.setPlaceholderText(self.tr("钥匙牌上的字；公共区域钥匙写区域，如 配电房"))
        self.condition = self.add("钥匙状况", combo(CONDITIONS, True, self))
        self.slot = self.add("格位", QLineEdit(slot or keys.propose_slot(desk) or "", self))
        self.depositor = self.add("委托人姓名", QLineEdit(self))
        self.id_type = self.add("证件类型", _id_types(self))
        self.id_number = self.add("委托人证件号码", QLineEdit(self))
        self.phone = self.add("委托人电话", QLineEdit(self))
        self.consent = self.add("业主事先同意", QLineEdit(self))
        self.consent.setPlaceholderText(self.tr("返修钥匙：业主同意管理处维修时使用，写明谁、何时同意"))
        self.copy = self.add("复制许可", QLineEdit(self))
        self.copy.setPlaceholderText(self.tr("业主许可复制时填写；不填即不得复制（规则K5）"))
        self.unit.chosen.connect(self._household_chosen)
        self.unit.editingFinished.connect(self._resolve_unit)
        self.save_button.setText(self.tr("收存并打印委托书 (Ctrl+S)"))
        self.resize(520, 560)
        self.unit.setFocus()

    def _resolve_unit(self) -> None:
        """A unit typed in full and left with Enter links the household too."""
        text = self.unit.text().strip()
        if self.unit.household_id is not None or not text:
            return
        try:
            view = households.find_by_unit(self.desk, text)
        except DeskError as exc:
            self.form.show_error(exc)
            return
        if view is None:
            self.show_info(self.tr("档案中没有这一户，请先在业户档案中建档"))
            return
        self.unit.choose(view.id, view.unit_display)

    def _household_chosen(self, household_id: int, unit: str) -> None:
        view = households.get_household(self.desk, household_id)
        if not self.depositor.text().strip():
            self.depositor.setText(view.primary_name)
        if not self.phone.text().strip():
            self.phone.setText(view.primary_phone)
        self.show_info(self.tr("{unit}：{occ}，{tenure}").format(
            unit=unit, occ=view.occupancy, tenure=view.tenure))
        if view.occupancy == "未入伙":
            self.kind.setCurrentText(KeyKind.UNHANDED.value)

    def value(self) -> KeyInput:
        return KeyInput(unit=self.unit.text(), kind=self.kind.currentText(),
                        key_count=self.count.text(), tag=self.tag.text(),
                        condition=self.condition.currentText(), slot=self.slot.text(),
                        depositor_name=self.depositor.text(),
                        depositor_id_type=self.id_type.currentText(),
                        depositor_id_number=self.id_number.text(),
                        depositor_phone=self.phone.text(), owner_consent=self.consent.text(),
                        copy_permission=self.copy.text())

    def attempt(self) -> keys.TakenIn:
        return keys.take_in(self.desk, self.value())


class LendDialog(KeyDialog):
    """借出钥匙 (rule K3): the borrower's ID, the purpose, the approving manager."""

    title = "借出钥匙"

    def __init__(self, desk: Desk, key_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("借出钥匙"))
        self.key_id = key_id
        view = keys.get_key(desk, key_id)
        night = keys.night_now(desk)
        who = "、".join(f"{a.name}（{a.role}）" for a in keys.approvers(desk)
                       if not night or a.role == Role.DUTY_MANAGER.value)
        self.show_info(f"{view.slot}　{view.unit or view.tag}　{view.kind}×{view.key_count}　"
                       f"{view.status}" + ("\n" + self.tr("业主事先同意：{o}").format(o=view.owner_consent)
                                           if view.owner_consent else "")
                       + ("\n" + self.tr("夜间：须由当班物业总值批准（规则G5）") if night else "")
                       + "\n" + self.tr("批准人在本机输入自己的登录名和密码（规则K3）；可批准：{who}")
                       .format(who=who or self.tr("无")))
        self.borrower_kind = self.add("借用人类别", combo([b.value for b in BorrowerKind],
                                                         parent=self))
        self.name = self.add("借用人姓名", QLineEdit(self))
        self.company = self.add("借用人单位", QLineEdit(self))
        self.company.setPlaceholderText(self.tr("施工单位必填"))
        self.id_type = self.add("证件类型", _id_types(self))
        self.id_number = self.add("借用人证件号码", QLineEdit(self))
        self.phone = self.add("借用人电话", QLineEdit(self))
        self.purpose = self.add("借用事由", combo(["", *PURPOSES], True, self))
        self.repair = self.add("维修施工", QCheckBox(self.tr("维修施工（可隔夜，须填应还时间）"),
                                                      self))
        self.due = self.add("应还时间", QLineEdit(self))
        self.due.setPlaceholderText(self.tr("如 17:30 或 明天 9:00；不填为当天下班时间"))
        # rule K3: the manager approves here, with their own login and password
        self.approval = ApproverFields(self.form)
        self.approver, self.password = self.approval.login, self.approval.password
        self.save_button.setText(self.tr("借出 (Ctrl+S)"))
        self.resize(500, 540)
        self.borrower_kind.setFocus()

    def value(self) -> LoanInput:
        return LoanInput(borrower_kind=self.borrower_kind.currentText(),
                         borrower_name=self.name.text(), borrower_company=self.company.text(),
                         borrower_id_type=self.id_type.currentText(),
                         borrower_id_number=self.id_number.text(),
                         borrower_phone=self.phone.text(), purpose=self.purpose.currentText(),
                         repair_works=self.repair.isChecked(), due=self.due.text(),
                         approver_login=self.approval.typed()[0],
                         approver_password=self.approval.typed()[1])

    def attempt(self) -> keys.Lent:
        try:
            return keys.lend(self.desk, self.key_id, self.value())
        finally:
            self.approval.forget_password()   # saved or refused, the password is not kept


class ReturnDialog(KeyDialog):
    """归还钥匙 (rule K3): time, receiver, condition."""

    title = "归还钥匙"

    def __init__(self, desk: Desk, key_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("归还钥匙"))
        self.key_id = key_id
        view = keys.get_key(desk, key_id)
        loan = view.open_loan
        text = f"{view.slot}　{view.unit or view.tag}　{view.kind}×{view.key_count}"
        if loan is not None:
            text += ("\n" + self.tr("借用人：{b}　{o}借出　应还 {d}").format(
                b=loan.borrower, o=f"{loan.out_at:%m-%d %H:%M}", d=f"{loan.due_at:%m-%d %H:%M}")
                + (f"\n⚠ {loan.late}" if loan.late else ""))
        self.show_info(text)
        self.condition = self.add("归还时状况", combo(CONDITIONS, True, self))
        self.receiver = self.add("接收人", QLineEdit(desk.operator.name, self))
        self.at = self.add("归还时间", QLineEdit(self))
        self.at.setPlaceholderText(self.tr("不填为现在"))
        self.save_button.setText(self.tr("归还 (Ctrl+S)"))
        self.condition.setFocus()

    def attempt(self) -> keys.Returned:
        return keys.return_key(self.desk, self.key_id, condition=self.condition.currentText(),
                               receiver=self.receiver.text(), at=self.at.text())


class LoanCorrectionDialog(KeyDialog):
    """更正借用记录 (rule G4): a loan's details corrected by a new entry with its reason;
    the lending and the return entries stay as written. Only the fields the clerk
    changed are sent; the return's fields wait until the key is back."""

    title = "更正借用记录"
    FIELDS = (("借用人姓名", "borrower_name"), ("借用人单位", "borrower_company"),
              ("借用人电话", "borrower_phone"), ("借用人证件号码", "borrower_id_number"),
              ("借用事由", "purpose"), ("应还时间", "due"), ("归还时间", "returned_at"),
              ("接收人", "received_by"), ("归还时状况", "return_condition"))
    RETURN_FIELDS = ("returned_at", "received_by", "return_condition")

    def __init__(self, desk: Desk, key_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("更正借用记录"))
        view = keys.get_key(desk, key_id)
        self.heading = f"{view.slot}　{view.unit or view.tag}　{view.kind}×{view.key_count}"
        self.loans = list(view.loans)
        self.loan = self.add("借用记录", combo(
            [f"{ln.out_at:%Y-%m-%d %H:%M} {ln.borrower} {ln.purpose}" for ln in self.loans],
            parent=self))
        self.edits = {attr: self.add(label, QLineEdit(self)) for label, attr in self.FIELDS}
        self.edits["borrower_id_number"].setPlaceholderText(self.tr("证件号码有误时填写正确的号码"))
        self.edits["due"].setPlaceholderText(self.tr("如 17:00、明天 9:00（按借出当天算）"))
        self.reason = self.add("更正原因", QLineEdit(self))
        self.reason.setPlaceholderText(self.tr("必填：为什么更正"))
        self.shown: dict[str, str] = {}
        self.loan.currentIndexChanged.connect(self._fill)
        self._fill(0)
        self.save_button.setText(self.tr("更正 (Ctrl+S)"))
        self.resize(520, 560)
        (self.loan if len(self.loans) > 1 else self.edits["borrower_name"]).setFocus()

    def _fill(self, index: int) -> None:
        if not 0 <= index < len(self.loans):
            self.show_info(self.heading + "\n" + self.tr("这把钥匙没有借用记录"))
            for edit in self.edits.values():
                edit.setEnabled(False)
            return
        ln = self.loans[index]
        self.shown = {
            "borrower_name": ln.borrower_name, "borrower_company": ln.borrower_company,
            "borrower_phone": ln.borrower_phone, "borrower_id_number": "",
            "purpose": ln.purpose, "due": f"{ln.due_at:%Y-%m-%d %H:%M}",
            "returned_at": f"{ln.returned_at:%Y-%m-%d %H:%M}" if ln.returned_at else "",
            "received_by": ln.received_by, "return_condition": ln.return_condition}
        for attr, edit in self.edits.items():
            edit.setText(self.shown[attr])
            edit.setEnabled(attr not in self.RETURN_FIELDS or ln.returned_at is not None)
        lines = [self.heading, self.tr("{a}批准，证件 {i}").format(a=ln.approver, i=ln.borrower_id)]
        if ln.returned_at is None:
            lines.append(self.tr("尚未归还：归还情况在归还时登记"))
        lines += [self.tr("已更正：{c}").format(c=c) for c in ln.corrections]
        self.show_info("\n".join(lines))

    def value(self) -> LoanCorrection:
        changed = {attr: edit.text() for attr, edit in self.edits.items()
                   if edit.isEnabled() and edit.text() != self.shown.get(attr, "")}
        return LoanCorrection(reason=self.reason.text(), **changed)

    def attempt(self) -> int:
        index = self.loan.currentIndex()
        if not 0 <= index < len(self.loans):
            raise ValidationError(self.tr("这把钥匙没有借用记录"), field="借用记录")
        return keys.correct_loan(self.desk, self.loans[index].id, self.value())


class EmergencyDialog(KeyDialog):
    """紧急使用 (rule K4): the reason, who was told (owner or emergency contact), when, how."""

    title = "紧急使用钥匙"

    def __init__(self, desk: Desk, key_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("紧急使用钥匙"))
        self.key_id = key_id
        view = keys.get_key(desk, key_id)
        self.contacts = keys.emergency_contacts(desk, key_id)
        lines = [f"{c.whom.value}：{c.name}（{c.relation}） {c.phone}" for c in self.contacts]
        self.show_info(f"{view.slot}　{view.unit or view.tag}\n"
                       + ("\n".join(lines) if lines else self.tr("档案中没有联系人")))
        self.reason = self.add("紧急原因", combo([r.value for r in EmergencyReason], parent=self))
        self.detail = self.add("情况说明", QLineEdit(self))
        self.whom = self.add("通知对象", combo([w.value for w in ToldWhom], parent=self))
        self.name = self.add("通知了谁", combo([], True, self))
        self.unreachable = self.add("业主联系不上", QCheckBox(self.tr("业主联系不上，已通知紧急联系人"),
                                                           self))
        self.how = self.add("通知方式", combo([h.value for h in ToldHow], parent=self))
        self.told_at = self.add("通知时间", QLineEdit(self))
        self.told_at.setPlaceholderText(self.tr("不填为现在"))
        self.whom.currentTextChanged.connect(self._names)
        self._names(self.whom.currentText())
        self.save_button.setText(self.tr("登记 (Ctrl+S)"))
        self.reason.setFocus()

    def _names(self, whom: str) -> None:
        self.name.clear()
        for c in self.contacts:
            if c.whom.value == whom:
                self.name.addItem(c.name, c.phone)
        self.unreachable.setChecked(whom == ToldWhom.CONTACT.value)

    def value(self) -> EmergencyInput:
        phone = self.name.currentData() if self.name.currentIndex() >= 0 else ""
        return EmergencyInput(reason=self.reason.currentText(), detail=self.detail.text(),
                              told_whom=self.whom.currentText(), told_name=self.name.currentText(),
                              told_phone=phone or "", told_how=self.how.currentText(),
                              told_at=self.told_at.text(),
                              owner_unreachable=self.unreachable.isChecked())

    def attempt(self) -> int:
        return keys.record_emergency(self.desk, self.key_id, self.value())


class HandoverDialog(KeyDialog):
    """钥匙交接 (rule K7): every slot that should hold a key, ticked off one by one
    (Space marks a key missing); discrepancies listed and signed off by both keepers."""

    title = "钥匙交接"

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.setWindowTitle(self.tr("钥匙交接"))
        self.giver = self.add("交出保管人", QLineEdit(keys.current_keeper(desk), self))
        self.taker = self.add("接收保管人", QLineEdit(self))
        self.sheet = keys.handover_sheet(desk)
        self.table = QTableWidget(len(self.sheet), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("格位"), self.tr("记录"), self.tr("清点")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 300)
        for row, line in enumerate(self.sheet):
            self.table.setItem(row, 0, QTableWidgetItem(line.slot))
            self.table.setItem(row, 1, QTableWidgetItem(line.expected))
            item = QTableWidgetItem(self.tr("在") if line.in_cabinet else self.tr("（不在柜）"))
            if line.in_cabinet:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 2, item)
        self.table.setAccessibleName(self.tr("逐格清点"))
        self.table.installEventFilter(self)
        self.outer.insertWidget(2, QLabel(self.tr("逐格清点：↑↓ 移动，空格键 标记为缺"), self))
        self.outer.insertWidget(3, self.table)
        self.after = FieldForm(self)   # below the count, reached by Tab after the table
        self.outer.insertWidget(4, self.after)
        self.extra = self._after("多出的格位", QLineEdit(self))
        self.extra.setPlaceholderText(self.tr("柜中有钥匙但没有记录的格位，如 A-07, A-12"))
        self.note = self._after("备注", QLineEdit(self))
        self.signed = self._after("双方已签字", QCheckBox(self.tr("交接双方已核对并签字"), self))
        self.save_button.setText(self.tr("完成交接并打印 (Ctrl+S)"))
        self.resize(600, 640)
        self.giver.setFocus()

    def _after(self, key: str, widget: W) -> W:
        self.after.add(key, QCoreApplication.translate("KeyDialog", key), widget)
        return widget

    def show_error(self, exc: DeskError) -> bool:
        self.after.clear_errors()
        if self.form.show_error(exc):
            return True
        self.form.clear_errors()
        return self.after.show_error(exc)

    def eventFilter(self, obj: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space):
            self.toggle(self.table.currentRow())
            return True
        return False

    def toggle(self, row: int) -> None:
        item = self.table.item(row, 2)
        if item is None or not self.sheet[row].in_cabinet:
            return
        present = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
        item.setText(self.tr("在") if present else self.tr("缺"))

    def absent(self) -> list[str]:
        out = []
        for row, line in enumerate(self.sheet):
            item = self.table.item(row, 2)
            if line.in_cabinet and item is not None and item.checkState() != Qt.CheckState.Checked:
                out.append(line.slot)
        return out

    def value(self) -> HandoverInput:
        extra = [p for p in self.extra.text().replace("，", ",").replace("、", ",").split(",")
                 if p.strip()]
        return HandoverInput(from_keeper=self.giver.text(), to_keeper=self.taker.text(),
                             absent=self.absent(), extra=extra, signed_off=self.signed.isChecked(),
                             note=self.note.text())

    def attempt(self) -> keys.HandoverDone:
        return keys.record_handover(self.desk, self.value())


class TextDialog(KeyDialog):
    """One or two lines of text for the smaller steps (return to owner, lock change …)."""

    def __init__(self, desk: Desk, title: str, fields: list[tuple[str, str]],
                 action: Callable[..., Any], info: str = "", parent: QWidget | None = None,
                 checkbox: str = "") -> None:
        self.title = title
        super().__init__(desk, parent)
        self.setWindowTitle(title)
        self.show_info(info)
        self.action = action
        self.edits = [self.add(key, QLineEdit(default, self)) for key, default in fields]
        self.check = self.add(checkbox, QCheckBox(self)) if checkbox else None
        if self.edits:
            self.edits[0].setFocus()

    def attempt(self) -> Any:
        values = [e.text() for e in self.edits]
        if self.check is not None:
            return self.action(*values, self.check.isChecked())
        return self.action(*values)
