"""The tabs of the main window, in order. A tab is added here when its area lands."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TabSpec:
    key: str        # stable name, used by overview lines and the global search
    title: str      # Chinese title on the tab
    shortcut: str   # keyboard shortcut that shows the tab
    factory: str    # "module:Class"; the class takes (desk, parent)

    def create(self, desk: Any, parent: Any) -> Any:
        module, _, name = self.factory.partition(":")
        return getattr(importlib.import_module(module), name)(desk, parent)


TABS: list[TabSpec] = [
    TabSpec("overview", "总览", "Ctrl+1", "wuye_desk.ui.overview.tab:OverviewTab"),
    TabSpec("households", "业户档案", "Ctrl+2", "wuye_desk.ui.households.tab:HouseholdsTab"),
    TabSpec("complaints", "投诉受理", "Ctrl+3", "wuye_desk.ui.complaints.tab:ComplaintsTab"),
    TabSpec("keys", "钥匙柜", "Ctrl+4", "wuye_desk.ui.keys.tab:KeysTab"),
    TabSpec("mail", "邮件登记", "Ctrl+5", "wuye_desk.ui.mail.tab:MailTab"),
    TabSpec("visitors", "访客登记", "Ctrl+6", "wuye_desk.ui.visitors.tab:VisitorsTab"),
    TabSpec("vip", "VIP客户", "Ctrl+7", "wuye_desk.ui.vip.tab:VipTab"),
]
