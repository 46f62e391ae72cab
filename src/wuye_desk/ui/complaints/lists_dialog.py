"""名单与案例 (Alt+L in the complaint tab): the month's return-visit list (rule C10), the
case library (C10) and the office's score (C11), for the clerk who calls the customers
and the manager who reads the month.

The same figures go into the monthly report; here they are at hand during the month.
A case opens its complaint in the tab (Enter or a double click).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain import periods
from wuye_desk.services import complaint_figures
from wuye_desk.services.desk import Desk
from wuye_desk.ui.readonly_table import ReadOnlyTable
from wuye_desk.ui.terms import term


class ComplaintListsDialog(QDialog):
    def __init__(self, desk: Desk, open_complaint: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.open_complaint = open_complaint
        self.setWindowTitle(self.tr("名单与案例"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份"), self))
        self.month = QComboBox(self)
        self.month.setAccessibleName(self.tr("月份"))
        self.month.addItems(periods.recent_months(self.desk.now().date()))
        self.month.setCurrentIndex(1)   # last month: the customers to call back this month
        top.addWidget(self.month)
        top.addStretch(1)
        layout.addLayout(top)

        self.pages = QTabWidget(self)
        revisit = QWidget(self.pages)
        col = QVBoxLayout(revisit)
        self.revisit_note = QLabel(revisit)
        self.revisit_note.setWordWrap(True)
        col.addWidget(self.revisit_note)
        self.revisit = ReadOnlyTable([term(h) for h in ("房号", "姓名", "电话", "反映次数")], revisit)
        col.addWidget(self.revisit)
        self.pages.addTab(revisit, self.tr("回访名单"))

        cases = QWidget(self.pages)
        col = QVBoxLayout(cases)
        col.addWidget(QLabel(self.tr("值得借鉴的已关闭投诉，最新的在前；回车打开"), cases))
        self.cases = ReadOnlyTable([term(h) for h in ("单号", "类别", "投诉内容")], cases)
        self.cases.activated.connect(lambda index: self._open_case(index.row()))
        col.addWidget(self.cases)
        self.pages.addTab(cases, self.tr("案例库"))

        self.score = QTextBrowser(self.pages)
        self.pages.addTab(self.score, self.tr("考核扣分"))
        layout.addWidget(self.pages)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.case_ids: list[int] = []
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()
        self.month.setFocus()

    def refresh(self) -> None:
        period = periods.parse_month(self.month.currentText(), self.desk.now().date())
        people = complaint_figures.return_visit_list(self.desk, period.start)
        self.revisit_note.setText(self.tr(
            "{month} 反映过意见的客户，下月逐一回访（规则C10）：共 {n} 位；匿名投诉无法回访，不列入").format(
                month=self.month.currentText(), n=len(people)))
        self.revisit.set_rows([(p.unit or "—", p.name or "—", p.phone or "—", p.complaints)
                             for p in people])
        found = complaint_figures.case_library(self.desk)
        self.case_ids = [c[0] for c in found]
        self.cases.set_rows([(serial, topic, text) for _id, serial, topic, text in found])
        lines, points, yuan = complaint_figures.office_score(self.desk, period.start, period.end)
        body = "<br>".join(lines) or self.tr("本月没有扣分或加分的事项")
        self.score.setHtml(self.tr("<b>{month} 管理处考核（规则C11，1分 = 50元）</b><br>{body}"
                                   "<br><br>合计 {points:+d} 分，{yuan:+d} 元").format(
            month=self.month.currentText(), body=body, points=points, yuan=yuan))

    def _open_case(self, row: int) -> None:
        if 0 <= row < len(self.case_ids):
            self.open_complaint(self.case_ids[row])
            self.accept()

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.cases.hasFocus():
                self._open_case(self.cases.currentRow())
            return   # Esc or 关闭 closes; Enter never does by accident
        super().keyPressEvent(event)  # type: ignore[arg-type]
