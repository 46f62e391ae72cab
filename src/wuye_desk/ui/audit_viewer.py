"""操作日志: a manager filters the audit trail and reads each change field by field (rule G4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.services import audit_log
from wuye_desk.services.desk import Desk
from wuye_desk.ui.list_panel import Filter, ListPanel


class AuditViewer(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None, *, entity: str = "",
                 entity_id: str = "") -> None:
        super().__init__(parent)
        self.desk = desk
        self._entity_id = entity_id
        self.setWindowTitle(self.tr("操作日志"))
        self.resize(1100, 700)
        layout = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.list = ListPanel(
            self._query,
            [Filter("operator", self.tr("全部操作员"), lambda: audit_log.operators_seen(desk)),
             Filter("entity", self.tr("全部类别"), lambda: audit_log.entities_seen(desk))],
            placeholder=self.tr("按操作名称查找，如 修改、借出、导入"),
            parent=split)
        if entity:
            box = self.list.filters["entity"]
            box.setCurrentIndex(max(box.findData(entity), 0))
        self.detail = QPlainTextEdit(split)
        self.detail.setReadOnly(True)
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setSizes([480, 200])
        layout.addWidget(split)
        self.list.current_changed.connect(self._show)
        self.list.refresh()

    def _query(self, text: str, filters: dict[str, str]) -> audit_log.ListQuery:
        return audit_log.audit_query(self.desk, operator=filters.get("operator", ""),
                                     entity=filters.get("entity", ""),
                                     entity_id=self._entity_id, text=text)

    def _show(self, entry_id: int | None) -> None:
        if entry_id is None:
            return
        try:
            d = audit_log.detail(self.desk, entry_id)
        except DeskError as exc:
            self.detail.setPlainText(str(exc))
            return
        head = (f"#{d.id}  {d.at:%Y-%m-%d %H:%M:%S}  {d.operator}\n"
                f"{d.action}（{d.change}{d.entity} {d.entity_id}）\n")
        self.detail.setPlainText(head + "\n".join(d.lines()))
