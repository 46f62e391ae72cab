"""投诉受理: take a complaint in by keyboard, follow it to the return visit (rules C1–C10).

Right: the intake form — channel, complainant (a household found by unit, name or
phone; or anonymous / not a resident), content type and sub-topic, class,
description, people, flags. While it is filled the software proposes the severity
with its reason and offers complaints of the same matter to link (Space ticks one).
Ctrl+S takes it in. Left: the list (open ones by nearest deadline, overdue in red),
filters, and the selected complaint's history, duties and clocks; the steps of the
flow open small dialogs (Alt+H 处理 … Alt+R 回访), Ctrl+P prints the sheet.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain import periods
from wuye_desk.domain.complaints import (
    Channel,
    ComplainantKind,
    ContentType,
    ResponsibilityClass,
    Severity,
    State,
    Subtopic,
)
from wuye_desk.domain.errors import DeskError
from wuye_desk.services import complaint_forms, complaints, households
from wuye_desk.services.complaints import ComplaintFilter, ComplaintInput, ComplaintView
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery
from wuye_desk.ui.complaints.dialogs import STEPS, StepDialog, StepSpec
from wuye_desk.ui.complaints.lists_dialog import ComplaintListsDialog
from wuye_desk.ui.form_fields import FieldForm, combo
from wuye_desk.ui.household_picker import HouseholdPicker
from wuye_desk.ui.list_panel import Filter, ListPanel
from wuye_desk.ui.print_preview import print_form
from wuye_desk.ui.terms import term
from wuye_desk.ui.vip_badge import VipBadge

W = TypeVar("W", bound=QWidget)
OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
PROPOSAL_STYLE = "background: #fff4d6; padding: 4px;"
STEPS_PER_ROW = 6
VIEW_ALL = "全部（按受理时间）"
OVERDUE = "已超时"
COLUMN_WIDTHS = {"编号": 125, "受理时间": 130, "投诉人": 70, "房号": 110, "类型": 120,
                 "等级": 40, "状态": 50, "处理人": 100, "下一时限": 90}
# the types in the order a desk meets them most, the rule's order otherwise
TYPE_ORDER = [ContentType.PROPERTY, ContentType.CONSTRUCTION, ContentType.SERVICE,
              ContentType.PLANNING, ContentType.SALES, ContentType.OTHER]
KEEP_SEVERITY = "按建议"


class IntakeForm(QWidget):
    """The intake form: every field reached by Enter, in the order the clerk asks."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("投诉受理"), self)
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(heading)
        self.form = FieldForm(self)
        self.channel = self._add("投诉渠道", combo([c.value for c in Channel], parent=self))
        self.kind = self._add("投诉人身份", combo([k.value for k in ComplainantKind], parent=self))
        self.picker = self._add("房号", HouseholdPicker(desk, self))
        self.name = self._add("投诉人", QLineEdit(self))
        self.phone = self._add("联系电话", QLineEdit(self))
        self.content_type = self._add("投诉类型", combo([""] + [t.value for t in TYPE_ORDER],
                                                       parent=self))
        self.subtopic = self._add("子类", combo([""], parent=self))
        self.resp_class = self._add("责任类别", combo([c.value for c in ResponsibilityClass],
                                                      parent=self))
        self.description = self._add("投诉内容", QPlainTextEdit(self))
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("投诉内容（Ctrl+回车 到下一项，Ctrl+S 受理）"))
        self.description.setFixedHeight(90)
        self.people = self._add("人数", QLineEdit("1", self))
        flags = QWidget(self)
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.litigation = QCheckBox(self.tr("已诉讼"), flags)
        self.media = QCheckBox(self.tr("媒体曝光"), flags)
        self.risk = QCheckBox(self.tr("可能诉讼/曝光"), flags)
        self.compensation = QCheckBox(self.tr("索赔"), flags)
        self.needs_help = QCheckBox(self.tr("需其他部门协助"), flags)
        self.office_fault = QCheckBox(self.tr("管理处责任"), flags)
        self.office_fault.setChecked(True)
        self.flags = (self.litigation, self.media, self.risk, self.compensation,
                      self.needs_help, self.office_fault)
        for i, box in enumerate(self.flags):
            grid.addWidget(box, i // 3, i % 3)
        self.form.add("特别情形", QCoreApplication.translate("IntakeForm", "特别情形"), flags)
        self.severity = self._add("投诉等级", combo([term(KEEP_SEVERITY)] + [s.value for s in Severity],
                                                    parent=self))
        self.received = self._add("受理时间", QLineEdit(self))
        self.received.setPlaceholderText(self.tr("现在；来函等较早收到的填 2026-11-18 09:30"))
        layout.addWidget(self.form)
        self.proposal = QLabel(self)
        self.proposal.setWordWrap(True)
        self.proposal.setStyleSheet(PROPOSAL_STYLE)
        layout.addWidget(self.proposal)
        self.candidates_label = QLabel(self.tr("可能是同一事项（空格勾选关联）："), self)
        layout.addWidget(self.candidates_label)
        self.candidates = QListWidget(self)
        self.candidates.setAccessibleName(self.tr("关联投诉"))
        self.candidates.setMaximumHeight(110)
        layout.addWidget(self.candidates)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.content_type.currentTextChanged.connect(self._subtopics)

    def _add(self, key: str, widget: W) -> W:
        self.form.add(key, QCoreApplication.translate("IntakeForm", key), widget)
        return widget

    def _subtopics(self, content: str) -> None:
        self.subtopic.clear()
        if content == ContentType.PROPERTY.value:
            self.subtopic.addItems([""] + [s.value for s in Subtopic])
            self.subtopic.setEnabled(True)
        else:
            self.subtopic.addItem("")
            self.subtopic.setEnabled(False)

    def linked_ids(self) -> list[int]:
        out = []
        for i in range(self.candidates.count()):
            item = self.candidates.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def clear(self) -> None:
        self.channel.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.picker.reset()
        for edit in (self.name, self.phone, self.received):
            edit.clear()
        self.content_type.setCurrentIndex(0)
        self.resp_class.setCurrentIndex(0)
        self.description.clear()
        self.people.setText("1")
        for box in self.flags:
            box.setChecked(box is self.office_fault)
        self.severity.setCurrentIndex(0)
        self.candidates.clear()
        self.proposal.clear()
        self.form.clear_errors()

    def value(self) -> ComplaintInput:
        severity = self.severity.currentText()
        unit = self.picker.text().strip()
        return ComplaintInput(
            channel=self.channel.currentText(), complainant_kind=self.kind.currentText(),
            household_id=self.picker.household_id, unit=unit,
            complainant_name=self.name.text(), complainant_phone=self.phone.text(),
            content_type=self.content_type.currentText(),
            subtopic=self.subtopic.currentText(), resp_class=self.resp_class.currentText(),
            description=self.description.toPlainText(), people=self.people.text(),
            litigation=self.litigation.isChecked(), media=self.media.isChecked(),
            risk=self.risk.isChecked(), compensation=self.compensation.isChecked(),
            needs_help=self.needs_help.isChecked(), office_fault=self.office_fault.isChecked(),
            severity="" if severity == term(KEEP_SEVERITY) else severity,
            received_at=self.received.text())


class ComplaintsTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.last_registered: int | None = None
        self.shown_id: int | None = None     # the complaint in the detail pane
        self.dialog: StepDialog | None = None
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新投诉 (Ctrl+N)"), self)
        self.save_button = QPushButton(self.tr("受理 (Ctrl+S)"), self)
        self.print_button = QPushButton(self.tr("打印处理表 (Ctrl+P)"), self)
        self.visit_print_button = QPushButton(self.tr("打印回访记录"), self)
        self.lists_button = QPushButton(self.tr("名单与案例 (Alt+L)"), self)
        self.lists_button.clicked.connect(self.open_lists)
        lists_key = QShortcut(QKeySequence("Alt+L"), self)
        lists_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        lists_key.activated.connect(self.open_lists)
        for b in (self.new_button, self.save_button, self.print_button, self.visit_print_button,
                  self.lists_button):
            top.addWidget(b)
        top.addStretch(1)
        outer.addLayout(top)
        steps = QGridLayout()  # two rows, so the tab fits a 1024-pixel screen
        self.step_buttons: dict[str, QPushButton] = {}
        for i, spec in enumerate(STEPS):
            button = QPushButton(f"{term(spec.title)} ({spec.shortcut})", self)
            button.clicked.connect(lambda _c=False, s=spec: self.open_step(s))
            steps.addWidget(button, i // STEPS_PER_ROW, i % STEPS_PER_ROW)
            self.step_buttons[spec.key] = button
            shortcut = QShortcut(QKeySequence(spec.shortcut), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=spec: self.open_step(s))
        steps.setColumnStretch(STEPS_PER_ROW, 1)
        outer.addLayout(steps)

        split = QSplitter(self)
        left = QWidget(split)
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        self.list = ListPanel(
            self._query,
            [Filter("view", self.tr("未结（按最近时限）"), [VIEW_ALL, OVERDUE]),
             Filter("state", self.tr("全部状态"), [s.value for s in State]),
             Filter("severity", self.tr("全部等级"), [s.value for s in reversed(Severity)]),
             Filter("type", self.tr("全部类型"), [t.value for t in TYPE_ORDER]),
             Filter("building", self.tr("全部楼栋"), lambda: complaints.buildings(self.desk)),
             Filter("month", self.tr("全部月份"), self._months)],
            placeholder=self.tr("姓名、拼音首字母、电话、房号、内容"), parent=left)
        col.addWidget(self.list, 3)
        self.list.model.modelReset.connect(self._column_widths)
        self._column_widths()
        self.vip_badge = VipBadge(desk, parent=left)  # rules P4, P5: an ended card said so
        col.addWidget(self.vip_badge)
        self.detail = QTextBrowser(left)
        self.detail.setAccessibleName(self.tr("投诉详情"))
        col.addWidget(self.detail, 2)
        self.form = IntakeForm(desk, split)
        scroll = QScrollArea(split)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([760, 440])
        outer.addWidget(split)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self.update_proposal)
        f = self.form
        for signal in (f.content_type.currentTextChanged, f.subtopic.currentTextChanged,
                       f.people.textChanged, f.kind.currentTextChanged):
            signal.connect(lambda *_a: self._preview_timer.start())
        for box in f.flags:
            box.toggled.connect(lambda *_a: self._preview_timer.start())
        f.candidates.itemChanged.connect(lambda *_a: self._preview_timer.start())
        f.picker.chosen.connect(self._household_chosen)
        f.picker.editingFinished.connect(self._resolve_household)
        self.list.current_changed.connect(self._show)
        self.new_button.clicked.connect(self.new_complaint)
        self.save_button.clicked.connect(self.register)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.visit_print_button.clicked.connect(lambda: self.print_visit())
        for keys, slot in (("Ctrl+N", self.new_complaint), ("Ctrl+S", self.register),
                           ("Ctrl+P", self.print_sheet)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.new_complaint()

    # --- the list ---------------------------------------------------------------------
    def _query(self, text: str, filters: dict[str, str]) -> ListQuery:
        view = filters.get("view", "")
        f = ComplaintFilter(open_only=view != VIEW_ALL, overdue=view == OVERDUE,
                            state=filters.get("state") or None,
                            severity=filters.get("severity") or None,
                            content_type=filters.get("type") or None,
                            building=filters.get("building") or None, text=text,
                            month=_month(filters.get("month", "")))
        try:
            return complaints.list_query(self.desk, f)
        except DeskError:
            f.text = ""
            return complaints.list_query(self.desk, f)

    def _months(self) -> list[str]:
        """The last twelve months, newest first, as 2026-11."""
        return periods.recent_months(self.desk.now().date())

    def _column_widths(self) -> None:
        self.list.set_column_widths(COLUMN_WIDTHS)

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self.form.picker.desk = desk
        self.new_complaint()
        self.list.refresh()

    def focus_first(self) -> None:
        self.form.channel.setFocus()

    def open_lists(self) -> ComplaintListsDialog:
        """The return-visit list, the case library and the score (rules C10, C11)."""
        dialog = ComplaintListsDialog(self.desk, self.open_record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_record(self, complaint_id: int) -> None:
        self.list.refresh()
        if not self.list.select_id(complaint_id):
            self._show(complaint_id)
        self.list.view.setFocus()

    def current_id(self) -> int | None:
        """The complaint the steps act on: the one shown in the detail pane."""
        return self.shown_id or self.list.current_id() or self.last_registered

    def _show(self, complaint_id: int | None) -> None:
        if complaint_id is None:
            return
        try:
            view = complaints.get_complaint(self.desk, complaint_id)
            self.detail.setPlainText(describe(view))
            self.vip_badge.set_household(view.household_id)
            self.shown_id = complaint_id
        except DeskError as exc:
            self.detail.setPlainText(str(exc))
            self.vip_badge.set_household(None)

    # --- intake -------------------------------------------------------------------------
    def new_complaint(self) -> None:
        self.form.clear()
        self.form.message.clear()
        self.update_proposal()
        self.form.channel.setFocus()

    def _household_chosen(self, household_id: int, unit: str) -> None:
        try:
            view = households.get_household(self.desk, household_id)
        except DeskError:
            return
        if not self.form.name.text().strip():
            self.form.name.setText(view.primary_name)
        self.form.kind.setCurrentText(ComplainantKind.RESIDENT.value)
        self._preview_timer.start()

    def _resolve_household(self) -> None:
        """Leaving the unit field: a typed unit is looked up (Enter moves on at once)."""
        picker = self.form.picker
        if picker.household_id is not None or not picker.text().strip():
            return
        if self.form.kind.currentText() != ComplainantKind.RESIDENT.value:
            return
        hits = households.search(self.desk, picker.text().strip(), limit=1)
        if hits:
            picker.choose(hits[0].id, hits[0].unit_display)
            popup = picker.completer().popup()
            if popup is not None:
                popup.hide()
        else:
            self.form.message.setStyleSheet(ERROR_STYLE)
            self.form.message.setText(self.tr(
                "档案中找不到“{t}”：如投诉人不是本小区业户，请将投诉人身份选为“非本小区/访客”").format(
                t=picker.text().strip()))

    def update_proposal(self) -> None:
        """The proposed severity with its reason, and the same-matter candidates (rule C4)."""
        self._preview_timer.stop()
        data = self.form.value()
        keep = set(self.form.linked_ids())
        try:
            p = complaints.preview(self.desk, data, sorted(keep))
        except DeskError as exc:
            self.form.proposal.setText(str(exc))
            return
        self.form.proposal.setText(self.tr("建议等级：{s}（{r}）　处理人：{h}").format(
            s=p.severity.value, r=p.reason, h=p.handler))
        box = self.form.candidates
        box.blockSignals(True)
        box.clear()
        for c in p.candidates:
            item = QListWidgetItem(c.label)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.id in keep
                               else Qt.CheckState.Unchecked)
            box.addItem(item)
        box.blockSignals(False)
        self.form.candidates_label.setVisible(bool(p.candidates))
        box.setVisible(bool(p.candidates))

    def register(self) -> bool:
        self.form.message.clear()
        if self.form.picker.household_id is None and self.form.picker.text().strip():
            self._resolve_household()
        try:
            done = complaints.register_complaint(self.desk, self.form.value(),
                                                 self.form.linked_ids())
        except DeskError as exc:
            if not self.form.form.show_error(exc):
                self.form.message.setStyleSheet(ERROR_STYLE)
                self.form.message.setText(str(exc))
            return False
        self.last_registered = done.complaint_id
        self.new_complaint()
        self.list.reload_filters()
        self.list.refresh()
        self.list.select_id(done.complaint_id)
        self._show(done.complaint_id)
        text = self.tr("已受理 {serial}：{sev}（{reason}），处理人 {handler}，处理时限 {due}").format(
            serial=done.serial, sev=done.severity.value, reason=done.reason,
            handler=done.handler, due=f"{done.fix_due:%m-%d %H:%M}")
        if done.raised:
            text += self.tr("；同一事项一并升为热点：") + "、".join(done.raised)
        if done.calendar_warning:
            text += "\n⚠ " + done.calendar_warning
        self.form.message.setStyleSheet(OK_STYLE)
        self.form.message.setText(text)
        return True

    # --- the steps ------------------------------------------------------------------------
    def open_step(self, spec: StepSpec) -> StepDialog | None:
        cid = self.current_id()
        if cid is None:
            self.form.message.setStyleSheet(ERROR_STYLE)
            self.form.message.setText(self.tr("请先在列表中选择一宗投诉"))
            return None
        try:
            view = complaints.get_complaint(self.desk, cid)
        except DeskError as exc:
            self.form.message.setText(str(exc))
            return None
        dialog = StepDialog(self.desk, view, spec, self)
        dialog.finished.connect(lambda _r: self._after_step(cid))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _after_step(self, complaint_id: int) -> None:
        self.list.refresh()
        self.list.select_id(complaint_id)
        self._show(complaint_id)

    def print_sheet(self, complaint_id: int | None = None) -> Path | None:
        target = complaint_id or self.current_id()
        if not target:
            return None
        return print_form(self, self.tr("打印投诉处理表"),
                          lambda out: complaint_forms.print_follow_up_sheet(self.desk, target, out),
                          f"投诉处理表-{target}")

    def print_visit(self, complaint_id: int | None = None) -> Path | None:
        target = complaint_id or self.current_id()
        if not target:
            return None
        return print_form(self, self.tr("打印回访记录"),
                          lambda out: complaint_forms.print_return_visit(self.desk, target, out),
                          f"回访记录-{target}")


def _month(text: str) -> date | None:
    try:
        return date.fromisoformat(f"{text}-01") if text else None
    except ValueError:
        return None


def describe(v: ComplaintView) -> str:
    """The detail pane: the complaint, its clocks, duties, return visits and history."""
    lines = [f"{v.serial}　【{v.state}】　{v.severity}（{v.severity_reason}）　"
             + QCoreApplication.translate("ComplaintDetail", "处理人：{h}").format(h=v.handler),
             QCoreApplication.translate("ComplaintDetail", "{t} {c}受理").format(
                 t=f"{v.received_at:%Y-%m-%d %H:%M}", c=v.channel) + "　"
             f"{v.complainant_name or v.complainant_kind} {v.unit} {v.complainant_phone}　"
             f"{v.topic}　{v.resp_class}"
             + ("　" + QCoreApplication.translate("ComplaintDetail", "{n}人").format(n=v.people)
                if v.people > 1 else ""),
             v.description]
    if v.flags:
        lines.append(QCoreApplication.translate("ComplaintDetail", "特别情形：") + "、".join(v.flags))
    clocks = [QCoreApplication.translate("ComplaintDetail", "处理时限 {t}").format(
        t=f"{v.fix_due:%m-%d %H:%M}")]
    if v.escalate_due:
        clocks.insert(0, QCoreApplication.translate("ComplaintDetail", "上报时限 {t}").format(
            t=f"{v.escalate_due:%m-%d %H:%M}"))
    if v.visit_due:
        clocks.append(QCoreApplication.translate("ComplaintDetail", "回访时限 {t}").format(
            t=f"{v.visit_due:%m-%d %H:%M}"))
    lines.append(QCoreApplication.translate("ComplaintDetail", "时限：") + "　".join(clocks))
    if v.overdue:
        lines.append("⚠ " + QCoreApplication.translate("ComplaintDetail", "已超时：") + "、".join(v.overdue))
    if v.matter:
        lines.append(QCoreApplication.translate("ComplaintDetail", "同一事项：") + "；".join(c.label for c in v.matter))
    if v.recurring:
        lines.append(QCoreApplication.translate("ComplaintDetail", "重复发生的事项（规则C10）"))
    if v.invalid_reason:
        lines.append(QCoreApplication.translate("ComplaintDetail", "无效投诉，解释：") + v.invalid_reason)
    lines.append(QCoreApplication.translate("ComplaintDetail", "通报（规则C6）："))
    for d in v.duties:
        due = f"{d.due:%m-%d %H:%M}" if d.due else QCoreApplication.translate("ComplaintDetail", "结案时")
        mark = "☑" if d.done_at else ("⚠" if d.overdue else "☐")
        done = f"　{d.done_by} {d.done_at:%m-%d %H:%M}" if d.done_at else ""
        lines.append(f"  {mark} {d.what}（{due}）{done}")
    for r in v.visits:
        lines.append(QCoreApplication.translate("ComplaintDetail", "回访 {t} {n}：{r}（{s}）").format(
            t=f"{r.visited_at:%m-%d %H:%M}", n=r.visitor_name, r=r.result, s=r.satisfaction))
    lines.append(QCoreApplication.translate("ComplaintDetail", "处理经过："))
    for e in v.events:
        fix = (QCoreApplication.translate("ComplaintDetail", "（更正 #{n}）").format(n=e.corrects_id)
               if e.corrects_id else "")
        lines.append(f"  #{e.id} {e.at:%m-%d %H:%M} {e.step}{fix} {e.operator}：{e.note}")
    return "\n".join(lines)
