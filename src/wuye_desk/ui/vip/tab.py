"""VIP客户: the VIP register (rules P1–P6, G3).

Left: the VIPs by unit with their card's state (有效 / 即将到期 / 已过期 / 已撤销 / 待发卡).
Right: the VIP's page — archive, family with next birthdays (lunar ones converted),
card history, service history. Keys: Ctrl+N application, Ctrl+E archive, Ctrl+I issue
(the 《VIP 客户登记表》 prints at once), Ctrl+R renew, Ctrl+B replace a lost card,
Ctrl+K revoke, Ctrl+J log a service, Ctrl+P print the form. Operators without
Permission.VIEW_VIP see the tab locked (rule G3).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wuye_desk import settings
from wuye_desk.domain.errors import DeskError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.vip import RevokeReason, ServiceKind, VipLevel, yuan_text
from wuye_desk.services import office_settings, vip, vip_forms
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery
from wuye_desk.ui.form_fields import combo
from wuye_desk.ui.list_panel import Filter, ListPanel
from wuye_desk.ui.print_preview import print_form
from wuye_desk.ui.terms import term
from wuye_desk.ui.vip.dialogs import ActionDialog, VipDialog

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
COLUMN_WIDTHS = {"卡号": 70, "级别": 80, "姓名": 70, "房号": 120, "卡状态": 80, "有效期至": 90,
                 "电话": 100, "客户助理": 70}
LOCKED_TEXT = ("VIP客户档案只限客户助理和经理查看（规则G3：客户资料保密）。\n"
               "其他登记簿会显示客户的VIP卡号和状态。")


class VipTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.dialog: VipDialog | ActionDialog | None = None
        self.current: vip.VipView | None = None
        self.last_printed: Path | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        self.locked = QLabel(self.tr(LOCKED_TEXT), self)
        self.locked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked.setStyleSheet("font-size: 15px; color: #555;")
        self.main = QWidget(self)
        self.stack.addWidget(self.locked)
        self.stack.addWidget(self.main)
        layout = QVBoxLayout(self.main)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, shortcut, slot in (
                ("new", self.tr("VIP申请"), "Ctrl+N", self.new_application),
                ("edit", self.tr("修改档案"), "Ctrl+E", self.edit_archive),
                ("issue", self.tr("发卡"), "Ctrl+I", self.issue),
                ("renew", self.tr("换发"), "Ctrl+R", self.renew),
                ("replace", self.tr("补发"), "Ctrl+B", self.replace),
                ("revoke", self.tr("撤销"), "Ctrl+K", self.revoke),
                ("service", self.tr("登记服务"), "Ctrl+J", self.service),
                ("print", self.tr("打印登记表"), "Ctrl+P", self.print_form)):
            button = QPushButton(f"{text} ({shortcut})", self.main)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
            sc = QShortcut(QKeySequence(shortcut), self.main)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel(self.main)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        split = QSplitter(self.main)
        self.list = ListPanel(
            self._query,
            [Filter("status", self.tr("全部卡状态"), list(vip.STATUS_FILTERS)),
             Filter("level", self.tr("全部级别"), [v.value for v in VipLevel])],
            placeholder=self.tr("姓名、拼音首字母、房号、卡号、电话"), parent=split)
        self.list.model.modelReset.connect(self._column_widths)
        self.page = QTextBrowser(split)
        self.page.setOpenLinks(False)
        split.addWidget(self.list)
        split.addWidget(self.page)
        split.setSizes([640, 560])
        layout.addWidget(split, 1)
        self.list.current_changed.connect(self._show)
        self._column_widths()
        self._update_permissions()

    # --- permissions (rule G3) -----------------------------------------------------------
    def _update_permissions(self) -> None:
        visible = self.desk.can(Permission.VIEW_VIP)
        self.stack.setCurrentWidget(self.main if visible else self.locked)
        manage = self.desk.can(Permission.MANAGE_VIP)
        for key in ("new", "edit", "issue", "renew", "replace", "revoke", "print"):
            self.buttons[key].setEnabled(manage)

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self.current = None
        self.page.clear()
        self._update_permissions()
        self.list.refresh()   # a locked tab keeps no rows of the archive (rule G3)

    def focus_first(self) -> None:
        if self.desk.can(Permission.VIEW_VIP):
            if self.current is None and self.list.model.rowCount():
                self.list.view.selectRow(0)
            self.list.search.setFocus()

    def open_record(self, vip_id: int | None) -> None:
        if vip_id is None or not self.desk.can(Permission.VIEW_VIP):
            self.focus_first()
            return
        self.list.filters["status"].setCurrentIndex(0)
        self.list.search.clear()
        self.list.refresh()
        if not self.list.select_id(vip_id):
            self._show(vip_id)
        self.list.view.setFocus()

    # --- the list and the page -------------------------------------------------------------
    def _query(self, text: str, filters: dict[str, str]) -> ListQuery:
        if not self.desk.can(Permission.VIEW_VIP):
            return vip.nothing_query(self.desk)  # the locked tab lists nothing (rule G3)
        f = vip.VipFilter(status=filters.get("status", ""), level=filters.get("level", ""),
                          text=text)
        try:
            return vip.list_query(self.desk, f)
        except DeskError:
            return vip.list_query(self.desk, vip.VipFilter(status=f.status, level=f.level))

    def _column_widths(self) -> None:
        self.list.set_column_widths(COLUMN_WIDTHS)

    def _show(self, vip_id: int | None) -> None:
        if vip_id is None:
            return
        try:
            self.current = vip.get_vip(self.desk, vip_id)
        except DeskError as exc:
            self.page.setPlainText(str(exc))
            return
        self.page.setHtml(page_html(self.current, self.desk))

    def _reload(self, vip_id: int | None = None) -> None:
        target = vip_id or (self.current.id if self.current else None)
        self.list.refresh()
        if target is not None:
            if not self.list.select_id(target):
                self._show(target)
            else:
                self._show(target)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def _selected(self) -> vip.VipView | None:
        vip_id = self.list.current_id() or (self.current.id if self.current else None)
        if vip_id is None:
            self._say(self.tr("请先在列表中选择一位VIP客户"), ok=False)
            return None
        if self.current is None or self.current.id != vip_id:
            self._show(vip_id)
        return self.current

    # --- actions ---------------------------------------------------------------------------
    def _open(self, dialog: VipDialog | ActionDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._after(dialog))
        dialog.open()
        first = dialog.form.widget(next(iter(dialog.form._fields)))
        if isinstance(dialog, VipDialog) and dialog.record is not None:
            first = dialog.phone
        first.setFocus()

    def _after(self, dialog: VipDialog | ActionDialog) -> None:
        self._say(getattr(dialog, "done_text", ""))
        saved = dialog.saved_id if isinstance(dialog, VipDialog) else None
        self._reload(saved)
        self.list.view.setFocus()
        if getattr(dialog, "print_after", False) and self.current is not None:
            self.print_form()

    def new_application(self) -> None:
        if not self.desk.can(Permission.MANAGE_VIP):
            return
        self._open(VipDialog(self.desk, self))

    def edit_archive(self) -> None:
        current = self._selected()
        if current is not None and self.desk.can(Permission.MANAGE_VIP):
            self._open(VipDialog(self.desk, self, current))

    def issue(self) -> bool:
        current = self._selected()
        if current is None:
            return False
        try:
            done = vip.issue_card(self.desk, current.id)
        except DeskError as exc:
            self._say(str(exc), ok=False)
            return False
        self._reload(current.id)
        self._say(self.tr("已发卡 {number}，有效期至 {to}；正在打印VIP客户登记表，请客户签名").format(
            number=done.number, to=f"{done.valid_to:%Y-%m-%d}"))
        self.print_form()
        return True

    def renew(self) -> None:
        current = self._selected()
        if current is None:
            return

        def act(d: ActionDialog) -> str:
            done = vip.renew_card(self.desk, current.id, d.text("资格复核人"), d.text("VIP级别"))
            return self.tr("已换发新卡 {new}，原卡 {old} 已换发作废；有效期至 {to}").format(
                new=done.number, old=done.voided, to=f"{done.valid_to:%Y-%m-%d}")

        d = ActionDialog(self.tr("换发VIP卡"), self.tr("换发"), act, self)
        d.heading.setText(self.tr("{name} {badge}：到期后重新审核资格，换发新卡（规则P4）").format(
            name=current.name, badge=current.badge))
        d.add("资格复核人", self.tr("资格复核人"), QLineEdit(d))
        level = combo([v.value for v in VipLevel], parent=d)
        level.setCurrentText(current.level)
        d.add("VIP级别", self.tr("新卡级别"), level)
        d.print_after = True
        d.finish_layout()
        self._open(d)

    def replace(self) -> None:
        current = self._selected()
        if current is None:
            return

        def act(d: ActionDialog) -> str:
            done = vip.replace_lost_card(self.desk, current.id, d.text("备注"))
            return self.tr("已补发新卡 {new}，原卡 {old} 已作废").format(new=done.number,
                                                               old=done.voided)

        d = ActionDialog(self.tr("补发VIP卡"), self.tr("补发"), act, self)
        d.heading.setText(self.tr("{name} {badge}：卡丢失，补发新卡号，原卡号作废（规则P4）").format(
            name=current.name, badge=current.badge))
        d.add("备注", self.tr("备注"), QLineEdit(d))
        d.print_after = True
        d.finish_layout()
        self._open(d)

    def revoke(self) -> None:
        current = self._selected()
        if current is None:
            return

        def act(d: ActionDialog) -> str:
            number = vip.revoke_card(self.desk, current.id, d.text("撤销原因"), d.text("撤销说明"))
            return self.tr("已撤销VIP卡 {number}").format(number=number)

        d = ActionDialog(self.tr("撤销VIP资格"), self.tr("撤销"), act, self)
        d.heading.setText(self.tr("{name} {badge}：只因恶意拖欠物业管理费或损害集团利益撤销"
                                  "（规则P5）").format(name=current.name, badge=current.badge))
        d.add("撤销原因", self.tr("撤销原因"), combo([""] + [r.value for r in RevokeReason],
                                                 parent=d))
        d.add("撤销说明", self.tr("撤销说明"), QLineEdit(d))
        d.finish_layout()
        self._open(d)

    def service(self) -> None:
        current = self._selected()
        if current is None:
            return

        def act(d: ActionDialog) -> str:
            vip.log_service(self.desk, current.id, d.text("服务类别"), d.text("服务内容"),
                            amount=d.text("金额"), given_by=d.text("服务人"))
            return self.tr("已登记{kind}：{name}").format(kind=d.text("服务类别"), name=current.name)

        limit = office_settings.get(self.desk, settings.VIP_CASH_AID_LIMIT)
        d = ActionDialog(self.tr("登记VIP服务"), self.tr("登记"), act, self)
        d.heading.setText(self.tr("{name} {badge}").format(name=current.name, badge=current.badge))
        d.add("服务类别", self.tr("服务类别"), combo([k.value for k in ServiceKind], parent=d))
        d.add("服务内容", self.tr("服务内容"), QLineEdit(d))
        amount = QLineEdit(d)
        amount.setPlaceholderText(self.tr("仅紧急现金援助填写；限额{limit}元").format(limit=limit))
        d.add("金额", self.tr("金额（元）"), amount)
        d.add("服务人", self.tr("服务人"), QLineEdit(self.desk.operator.name, d))
        d.finish_layout()
        self._open(d)

    def print_form(self) -> Path | None:
        current = self._selected()
        if current is None:
            return None
        out = print_form(self, self.tr("打印VIP客户登记表"),
                         lambda path: vip_forms.print_vip_form(self.desk, current.id, path),
                         f"VIP客户登记表-{current.card_number or current.id}")
        self.last_printed = out
        return out


def page_html(v: vip.VipView, desk: Desk) -> str:
    """The VIP's page: archive, family, cards, services (rule P1)."""
    e = escape
    colour = {"有效": "#1b5e20", "已过期": "#b00020", "已撤销": "#777"}.get(v.card_status, "#8a3b00")
    def head(*names: str) -> str:
        return ("<table border='1' cellspacing='0' cellpadding='3'><tr>"
                + "".join(f"<th>{e(term(n))}</th>" for n in names) + "</tr>")

    parts = [f"<h3>{e(v.name)} <span style='color:{colour}'>{e(v.badge)}</span></h3>",
             f"<p>{e(v.level)}　{e(v.unit)}　"
             + e(QCoreApplication.translate("VipPage", "电话 {p}")).format(p=e(v.phone))
             + (e(QCoreApplication.translate("VipPage", "　家庭结构 {s}")).format(s=e(v.segment))
                if v.segment else "") + "</p>"]
    if v.birthday:
        parts.append("<p>" + e(QCoreApplication.translate("VipPage", "生日 {b}（下次 {n}）")).format(
            b=e(v.birthday.text), n=f"{v.next_birthday:%Y-%m-%d}") + "</p>")
    parts.append("<p>" + e(QCoreApplication.translate("VipPage", "客户助理 {a}　申请 {d}　批准 {b} {o}")).format(
        a=e(v.assistant), d=v.applied_on, b=e(v.approved_by), o=v.approved_on)
        + "<br>" + e(QCoreApplication.translate("VipPage", "入选理由：{q}")).format(q=e(v.qualification))
        + "</p>")
    if v.preferences:
        parts.append("<p>" + e(QCoreApplication.translate("VipPage", "喜好与习惯：{p}")).format(
            p=e(v.preferences)) + "</p>")
    if v.note:
        parts.append("<p>" + e(QCoreApplication.translate("VipPage", "备注：{n}")).format(n=e(v.note)) + "</p>")
    parts.append("<h4>" + e(QCoreApplication.translate("VipPage", "家庭成员")) + "</h4>")
    if v.family:
        rows = "".join(
            f"<tr><td>{e(f.relation)}</td><td>{e(f.name)}</td>"
            f"<td>{e(f.birthday.text) if f.birthday else ''}</td>"
            f"<td>{f'{f.next_birthday:%Y-%m-%d}' if f.next_birthday else ''}</td>"
            f"<td>{e(f.note)}</td></tr>" for f in v.family)
        parts.append(head("关系", "姓名", "生日", "下次生日", "备注") + f"{rows}</table>")
    else:
        parts.append("<p>" + e(QCoreApplication.translate("VipPage", "（未登记）")) + "</p>")
    parts.append("<h4>" + e(QCoreApplication.translate("VipPage", "VIP卡记录")) + "</h4>")
    if v.cards:
        checked = QCoreApplication.translate("VipPage", "（复核：{c}）")
        rows = "".join(
            f"<tr><td>{e(c.number)}</td><td>{e(c.reason)}</td><td>{e(c.level)}</td>"
            f"<td>{c.issued_on}</td><td>{c.valid_to}</td><td>{e(c.status)}</td>"
            f"<td>{e(c.end_reason)}{'：' + e(c.end_note) if c.end_note else ''}"
            f"{e(checked.format(c=c.checked_by)) if c.checked_by else ''}</td>"
            f"<td>{e(c.operator_name)}</td></tr>" for c in v.cards)
        parts.append(head("卡号", "类别", "级别", "发卡", "有效期至", "状态", "说明", "经办") + f"{rows}</table>")
    else:
        parts.append("<p>" + e(QCoreApplication.translate("VipPage", "已批准，待发卡（Ctrl+I）")) + "</p>")
    parts.append("<h4>" + e(QCoreApplication.translate("VipPage", "服务记录")) + "</h4>")
    if v.services:
        rows = "".join(
            f"<tr><td>{s.given_at:%Y-%m-%d %H:%M}</td><td>{e(s.kind)}</td>"
            f"<td>{e(s.detail)}</td><td>{yuan_text(s.amount_fen) if s.amount_fen else ''}</td>"
            f"<td>{e(s.given_by)}</td><td>{e(s.card_number)}</td></tr>" for s in v.services)
        parts.append(head("时间", "服务", "内容", "金额", "服务人", "卡号") + f"{rows}</table>")
    else:
        parts.append("<p>" + e(QCoreApplication.translate("VipPage", "（暂无）")) + "</p>")
    return "".join(parts)
