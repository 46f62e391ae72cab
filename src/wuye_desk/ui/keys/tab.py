"""钥匙柜: the cabinet at a glance, and every step of a key by keyboard (rules K1–K8).

Left: the grid of slots — free, holding a key, lent, overdue in red with how late,
missing. Arrow keys move; Enter on a free slot takes a key in, on a key lends it,
on a lent key returns it. Right: the selected key's details and history, and the
list of keys (views: in the cabinet, lent, overdue, missing, ended) with a search box.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.services import key_forms, keys
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import SlotState
from wuye_desk.services.paging import ListQuery
from wuye_desk.ui.keys.dialogs import (
    EmergencyDialog,
    HandoverDialog,
    KeyDialog,
    LendDialog,
    LoanCorrectionDialog,
    ReturnDialog,
    TakeInDialog,
    TextDialog,
)
from wuye_desk.ui.keys.grid import COLOURS, STATE_NAMES, SlotGrid
from wuye_desk.ui.list_panel import Filter, ListPanel
from wuye_desk.ui.print_preview import print_form
from wuye_desk.ui.terms import term
from wuye_desk.ui.vip_badge import VipBadge

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
ALARM_STYLE = "color: #ffffff; background: #e53935; font-weight: bold; padding: 3px;"
REFRESH_MS = 60_000  # the grid turns red by itself when a key becomes overdue
COLUMN_WIDTHS = {"格位": 55, "房号/区域": 115, "类别": 90, "数量": 40, "状况": 70, "状态": 50,
                 "委托人": 60, "收存日期": 85, "借用情况": 160}



# the field labels of the smaller steps, shown through KeyDialog.add (context "KeyDialog")
STEP_FIELDS = (QT_TRANSLATE_NOOP("KeyDialog", "领回人"), QT_TRANSLATE_NOOP("KeyDialog", "换锁说明"),
               QT_TRANSLATE_NOOP("KeyDialog", "复制数量"), QT_TRANSLATE_NOOP("KeyDialog", "物业总值"),
               QT_TRANSLATE_NOOP("KeyDialog", "已封存"))

class KeysTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.dialog: KeyDialog | None = None
        self.last_printed: list[Path] = []
        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.take_button = QPushButton(self.tr("收存 (Ctrl+N)"), self)
        self.lend_button = QPushButton(self.tr("借出 (Ctrl+B)"), self)
        self.return_button = QPushButton(self.tr("归还 (Ctrl+R)"), self)
        self.emergency_button = QPushButton(self.tr("紧急使用 (Ctrl+E)"), self)
        self.handover_button = QPushButton(self.tr("保管人交接 (Ctrl+H)"), self)
        self.print_button = QPushButton(self.tr("打印 (Ctrl+P)"), self)
        self.more_button = QPushButton(self.tr("更多…"), self)
        for b in (self.take_button, self.lend_button, self.return_button, self.emergency_button,
                  self.handover_button, self.print_button, self.more_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        legend = QHBoxLayout()
        for state, (bg, fg) in COLOURS.items():
            chip = QLabel(term(STATE_NAMES[state]), self)
            chip.setStyleSheet(f"background: {bg}; color: {fg}; padding: 2px 8px;")
            legend.addWidget(chip)
        self.summary = QLabel(self)
        legend.addWidget(self.summary)
        legend.addStretch(1)
        self.keeper_label = QLabel(self)
        legend.addWidget(self.keeper_label)
        outer.addLayout(legend)
        self.alarm = QLabel(self)
        self.alarm.setStyleSheet(ALARM_STYLE)
        self.alarm.setWordWrap(True)
        self.alarm.hide()
        outer.addWidget(self.alarm)

        split = QSplitter(self)
        self.grid = SlotGrid()
        self.scroller = QScrollArea(split)
        self.scroller.setWidget(self.grid)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFocusProxy(self.grid)
        right = QWidget(split)
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel(right)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(150)
        self.vip_badge = VipBadge(desk, parent=right)  # rules P4, P5: an ended card said so
        col.addWidget(self.vip_badge)
        col.addWidget(self.detail)
        self.message = QLabel(right)
        self.message.setWordWrap(True)
        col.addWidget(self.message)
        self.list = ListPanel(self._query, [Filter("view", self.tr("保管中"), list(keys.VIEWS))],
                              placeholder=self.tr("格位、房号、委托人、拼音首字母"), parent=right)
        col.addWidget(self.list, 1)
        self.list.model.modelReset.connect(self._column_widths)
        self._column_widths()
        split.addWidget(self.scroller)
        split.addWidget(right)
        split.setSizes([760, 520])
        outer.addWidget(split, 1)

        self.grid.current_changed.connect(self._slot_changed)
        self.grid.activated.connect(self._slot_activated)
        self.list.current_changed.connect(self._list_changed)
        self.list.activated.connect(self.open_record)
        self.take_button.clicked.connect(lambda: self.take_in())
        self.lend_button.clicked.connect(self.lend)
        self.return_button.clicked.connect(self.return_key)
        self.emergency_button.clicked.connect(self.emergency)
        self.handover_button.clicked.connect(self.handover)
        self.print_button.clicked.connect(self.print_register)
        menu = QMenu(self)
        for text, slot in ((self.tr("打印业户钥匙委托书"), self.print_entrustment),
                           (self.tr("打印顾客钥匙清单"), self.print_inventory),
                           (self.tr("打印今天的借用钥匙登记表"), self.print_loans),
                           (self.tr("打印最近一次交接记录"), self.print_last_handover),
                           (self.tr("退还业主…"), self.return_to_owner),
                           (self.tr("换锁…"), self.change_lock),
                           (self.tr("换锁后新钥匙交物业总值…"), self.hand_new_key),
                           (self.tr("复制许可…"), self.permit_copy),
                           (self.tr("登记复制…"), self.record_copy),
                           (self.tr("登记遗失…"), lambda: self.report_problem("遗失")),
                           (self.tr("遗失钥匙找回…"), self.found_again),
                           (self.tr("登记损坏…"), lambda: self.report_problem("损坏")),
                           (self.tr("更正记录…"), self.correct),
                           (self.tr("更正借用记录…"), self.correct_loan),
                           (self.tr("显示委托人完整证件号"), self.reveal_id)):
            menu.addAction(text).triggered.connect(slot)
        self.more_button.setMenu(menu)
        for keys_text, handler in (("Ctrl+N", lambda: self.take_in()), ("Ctrl+B", self.lend),
                                   ("Ctrl+R", self.return_key), ("Ctrl+E", self.emergency),
                                   ("Ctrl+H", self.handover), ("Ctrl+P", self.print_register),
                                   ("F5", self.refresh)):
            shortcut = QShortcut(QKeySequence(keys_text), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_grid)
        self.timer.start()
        self.refresh()

    # --- showing ------------------------------------------------------------------------
    def _column_widths(self) -> None:
        self.list.set_column_widths(COLUMN_WIDTHS)

    def _query(self, text: str, filters: dict[str, str]) -> ListQuery:
        try:
            return keys.list_query(self.desk, text, filters.get("view", ""))
        except DeskError:
            return keys.list_query(self.desk)

    def refresh_grid(self) -> None:
        slots = keys.cabinet(self.desk)
        self.grid.set_slots(slots)
        counts = {s: 0 for s in SlotState}
        for s in slots:
            counts[s.state] += 1
        self.summary.setText(self.tr("共{n}格：在柜{h}　借出{l}　超时{o}　遗失{m}　空{f}").format(
            n=len(slots), h=counts[SlotState.HOLDING], l=counts[SlotState.LENT],
            o=counts[SlotState.OVERDUE], m=counts[SlotState.MISSING], f=counts[SlotState.FREE]))
        keeper = keys.current_keeper(self.desk)
        self.keeper_label.setText(self.tr("保管人：{k}").format(k=keeper or self.tr("（未指定）")))
        alarms = keys.alarms(self.desk)
        self.alarm.setText("\n".join(f"⚠ {a.text}" for a in alarms[:5])
                           + (self.tr("\n……共{n}条").format(n=len(alarms)) if len(alarms) > 5 else ""))
        self.alarm.setVisible(bool(alarms))
        self._slot_changed(self.grid.current)

    def refresh(self) -> None:
        self.refresh_grid()
        self.list.refresh()

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self.refresh()

    def focus_first(self) -> None:
        self.refresh_grid()
        self.grid.setFocus()

    def open_record(self, key_id: int) -> None:
        """Show a key (from the overview or the list): its slot selected on the grid."""
        self.refresh_grid()
        if self.grid.select_key(key_id):
            self._ensure_visible()
            self.grid.setFocus()
        self._describe(key_id)

    def _ensure_visible(self) -> None:
        rect = self.grid.cell_rect(self.grid.current)
        self.scroller.ensureVisible(rect.center().x(), rect.center().y(), 10, rect.height())

    def _slot_changed(self, index: int) -> None:
        slot = self.grid.current_slot()
        if slot is None:
            self.detail.clear()
            return
        self._ensure_visible()
        if slot.key_id is None:
            self.detail.setText(self.tr("{label}：空格位。按回车收存钥匙。").format(label=slot.label))
            return
        self._describe(slot.key_id)

    def _list_changed(self, key_id: int | None) -> None:
        if key_id is not None:
            self._describe(key_id)

    def _describe(self, key_id: int) -> None:
        try:
            v = keys.get_key(self.desk, key_id)
        except DeskError as exc:
            self.detail.setText(str(exc))
            self.vip_badge.set_household(None)
            return
        none = self.tr("无")
        self.vip_badge.set_household(v.household_id)
        lines = [f"<b>{v.slot}　{v.unit or v.tag}　{v.kind}×{v.key_count}　{v.status}</b>",
                 self.tr("状况：{c}　委托人：{d} {i}　证件核验：{k}").format(
                     c=v.condition, d=v.depositor_name or "—", i=v.depositor_id, k=v.id_checked_by or "—"),
                 self.tr("业主事先同意（返修）：{o}　复制许可：{p}").format(
                     o=v.owner_consent or none, p=v.copy_permission or none)]
        if v.open_loan is not None:
            ln = v.open_loan
            colour = "#b00020" if ln.late else "#7a4d00"
            loan = self.tr("借给{b}（{p}），{a}批准，{o}借出，应还{d}").format(
                b=ln.borrower, p=ln.purpose, a=ln.approver, o=f"{ln.out_at:%m-%d %H:%M}",
                d=f"{ln.due_at:%m-%d %H:%M}")
            lines.append(f"<span style='color:{colour}'>{loan}"
                         + (f"，{ln.late}" if ln.late else "")
                         + (self.tr("（已更正{n}次）").format(n=len(ln.corrections))
                            if ln.corrections else "") + "</span>")
        lines += [f"{at:%m-%d %H:%M} {kind}：{text}（{who}）" for at, kind, text, who in v.events[-8:]]
        self.detail.setText("<br>".join(lines))
        self.current_key = key_id

    def selected_key(self) -> int | None:
        """The key of the selected slot, else the list's current row."""
        if self.list.view.hasFocus() and self.list.current_id() is not None:
            return self.list.current_id()
        slot = self.grid.current_slot()
        if slot is not None and slot.key_id is not None:
            return slot.key_id
        return self.list.current_id()

    def _need_key(self) -> int | None:
        key_id = self.selected_key()
        if key_id is None:
            self._say(self.tr("请先在钥匙柜或列表中选择一把钥匙"), error=True)
        return key_id

    def _after(self, text: str) -> Any:
        def done(_result: object) -> None:
            self.refresh()
            self._say(text)
        return done

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    # --- the grid's Enter ----------------------------------------------------------------------
    def _slot_activated(self, index: int) -> None:
        slot = self.grid.slots[index]
        if slot.state is SlotState.FREE:
            self.take_in(slot.label)
        elif slot.state is SlotState.HOLDING:
            self.lend()
        elif slot.state in (SlotState.LENT, SlotState.OVERDUE):
            self.return_key()

    # --- dialogs ------------------------------------------------------------------------------
    def _open(self, dialog: KeyDialog, done: Any) -> KeyDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: done(dialog.result_value))
        dialog.open()
        return dialog

    def take_in(self, slot: str = "") -> KeyDialog:
        return self._open(TakeInDialog(self.desk, self, slot), self._taken_in)

    def _taken_in(self, done: keys.TakenIn) -> None:
        self.refresh()
        self.grid.select_key(done.key_id)
        self._say(self.tr("已收存：{unit}，格位 {slot}；请业主在委托书和登记表上签字").format(
            unit=done.unit, slot=done.slot))
        self.last_printed = [p for p in (
            print_form(self, self.tr("打印业户钥匙委托书"),
                       lambda out: key_forms.print_entrustment(self.desk, done.key_id, out),
                       f"业户钥匙委托书-{done.slot}"),
            print_form(self, self.tr("打印顾客委托钥匙登记表"),
                       lambda out: key_forms.print_register(self.desk, done.key_id, out),
                       f"顾客委托钥匙登记表-{done.slot}")) if p is not None]
        self.grid.setFocus()

    def lend(self) -> KeyDialog | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        return self._open(LendDialog(self.desk, key_id, self), self._lent)

    def _lent(self, done: keys.Lent) -> None:
        self.refresh()
        self._say(self.tr("已借出，应还时间 {due:%m-%d %H:%M}").format(due=done.due_at))
        self.grid.setFocus()

    def return_key(self) -> KeyDialog | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        return self._open(ReturnDialog(self.desk, key_id, self), self._returned)

    def _returned(self, done: keys.Returned) -> None:
        self.refresh()
        if done.late is not None:
            self._say(self.tr("已归还（{late}）").format(late=done.late.text), error=True)
        else:
            self._say(self.tr("已归还"))
        self.grid.setFocus()

    def emergency(self) -> KeyDialog | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        return self._open(EmergencyDialog(self.desk, key_id, self),
                          self._after(self.tr("已登记紧急使用")))

    def handover(self) -> KeyDialog:
        return self._open(HandoverDialog(self.desk, self), self._handed_over)

    def _handed_over(self, done: keys.HandoverDone) -> None:
        self.refresh()
        gaps = "；".join(done.discrepancies)
        self._say(self.tr("交接完成：应在柜{e}，实点{c}").format(e=done.expected, c=done.counted)
                  + (self.tr("，差异：{g}").format(g=gaps) if gaps else ""), error=bool(gaps))
        path = print_form(self, self.tr("打印钥匙交接记录"),
                          lambda out: key_forms.print_handover(self.desk, done.handover_id, out),
                          "钥匙交接记录")
        self.last_printed = [path] if path else []

    def _text_step(self, title: str, fields: list[tuple[str, str]], action: Any,
                   checkbox: str = "") -> KeyDialog | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        v = keys.get_key(self.desk, key_id)
        info = f"{v.slot}　{v.unit or v.tag}　{v.kind}×{v.key_count}　{v.status}"
        dialog = TextDialog(self.desk, title, fields,
                            lambda *a: action(key_id, *a), info, self, checkbox)
        return self._open(dialog, self._after(title + self.tr("：已登记")))

    def return_to_owner(self) -> KeyDialog | None:
        return self._text_step(self.tr("退还业主"), [("领回人", ""), ("备注", "")],
                               lambda k, who, note: keys.return_to_owner(
                                   self.desk, k, receiver=who, note=note))

    def change_lock(self) -> KeyDialog | None:
        return self._text_step(self.tr("换锁"), [("换锁说明", "")],
                               lambda k, note: keys.change_lock(self.desk, k, note))

    def report_problem(self, kind: str) -> KeyDialog | None:
        return self._text_step(self.tr("登记{k}").format(k=kind), [("情况说明", "")],
                               lambda k, note: keys.report_problem(self.desk, k, kind, note))

    def reveal_id(self) -> None:
        """The depositor's full ID number: only with the right, and the look is recorded
        (rule G3)."""
        key_id = self._need_key()
        if key_id is None:
            return
        try:
            view = keys.get_key(self.desk, key_id, reveal_id=True)
        except DeskError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("委托人证件：{id}").format(id=view.depositor_id))

    def permit_copy(self) -> KeyDialog | None:
        return self._text_step(self.tr("复制许可"), [("复制许可", "")],
                               lambda k, who: keys.permit_copy(self.desk, k, who))

    def record_copy(self) -> KeyDialog | None:
        return self._text_step(self.tr("登记复制"), [("复制数量", "1"), ("备注", "")],
                               lambda k, n, note: keys.record_copy(self.desk, k, n, note))

    def found_again(self) -> KeyDialog | None:
        return self._text_step(self.tr("遗失钥匙找回"), [("备注", "")],
                               lambda k, note: keys.found_again(self.desk, k, note))

    def correct(self) -> KeyDialog | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        v = keys.get_key(self.desk, key_id)
        return self._text_step(
            self.tr("更正记录"), [("钥匙数量", str(v.key_count)), ("钥匙标签", v.tag),
                                 ("钥匙状况", v.condition), ("更正原因", "")],
            lambda k, n, tag, cond, why: keys.correct_key(
                self.desk, k, reason=why, key_count_text=n, tag=tag, condition=cond))

    def correct_loan(self) -> KeyDialog | None:
        """A loan's details corrected by a new entry (rule G4)."""
        key_id = self._need_key()
        if key_id is None:
            return None
        return self._open(LoanCorrectionDialog(self.desk, key_id, self),
                          self._after(self.tr("借用记录已更正（原记录保留）")))

    def hand_new_key(self) -> KeyDialog | None:
        pending = keys.open_lock_changes(self.desk)
        if not pending:
            self._say(self.tr("没有等待交物业总值的新钥匙"), error=True)
            return None
        change_id, place, due = pending[0]
        managers = {m.name: m.id for m in keys.duty_managers(self.desk)}
        dialog = TextDialog(
            self.desk, self.tr("新钥匙交物业总值"), [("物业总值", ""), ("钥匙数量", "1")],
            lambda name, n, sealed: keys.hand_new_key(
                self.desk, change_id, duty_manager_id=managers.get(name.strip()), sealed=sealed,
                key_count_text=n),
            self.tr("{place}：换锁后新钥匙须在 {due:%m-%d %H:%M} 前封存交物业总值（{names}）").format(
                place=place, due=due, names="、".join(managers) or self.tr("无物业总值")),
            self, checkbox="已封存")
        return self._open(dialog, self._after(self.tr("新钥匙已封存入柜")))

    # --- printing -------------------------------------------------------------------------------
    def print_register(self) -> Path | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        return print_form(self, self.tr("打印顾客委托钥匙登记表"),
                          lambda out: key_forms.print_register(self.desk, key_id, out),
                          f"顾客委托钥匙登记表-{key_id}")

    def print_entrustment(self) -> Path | None:
        key_id = self._need_key()
        if key_id is None:
            return None
        return print_form(self, self.tr("打印业户钥匙委托书"),
                          lambda out: key_forms.print_entrustment(self.desk, key_id, out),
                          f"业户钥匙委托书-{key_id}")

    def print_inventory(self) -> Path | None:
        return print_form(self, self.tr("打印顾客钥匙清单"),
                          lambda out: key_forms.print_inventory(self.desk, out), "顾客钥匙清单")

    def print_loans(self) -> Path | None:
        today = self.desk.now().date()
        return print_form(self, self.tr("打印借用钥匙登记表"),
                          lambda out: key_forms.print_loans(self.desk, today - timedelta(days=0),
                                                            today, out), "借用钥匙登记表")

    def print_last_handover(self) -> Path | None:
        handover_id = key_forms.latest_handover(self.desk)
        if handover_id is None:
            self._say(self.tr("还没有交接记录"), error=True)
            return None
        return print_form(self, self.tr("打印钥匙交接记录"),
                          lambda out: key_forms.print_handover(self.desk, handover_id, out),
                          "钥匙交接记录")
