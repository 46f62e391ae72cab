"""The VIP badge shown beside a customer in the complaint, mail and key tabs (rules P4, P5):
"VIP JK2001 有效" on gold, and an expired or revoked card said as such, in red, so the
desk does not give a former VIP's privileges. Hidden for a household without a card."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from wuye_desk.domain.errors import DeskError
from wuye_desk.domain.vip import EXPIRED, CardStatus
from wuye_desk.services import vip
from wuye_desk.services.desk import Desk

VALID_STYLE = ("QLabel { background: #fff4c2; color: #6b4f00; border: 1px solid #d4a800;"
               " border-radius: 3px; padding: 1px 6px; font-weight: bold; }")
ENDED_STYLE = ("QLabel { background: #fde7e9; color: #b00020; border: 1px solid #b00020;"
               " border-radius: 3px; padding: 1px 6px; }")
ENDED = (EXPIRED, CardStatus.REVOKED.value, CardStatus.LOST.value, CardStatus.RENEWED.value)


def _all_ended(text: str) -> bool:
    """Every card named in the badge ("VIP JK1 有效；VIP JK2 已撤销") has ended."""
    return all(any(part.endswith(status) or f"{status}（" in part for status in ENDED)
               for part in text.split("；"))


class VipBadge(QLabel):
    """Give it the desk and a household (or None); it looks up the card itself."""

    def __init__(self, desk: Desk, household_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.household_id: int | None = None
        self.setAccessibleName(self.tr("VIP卡状态"))
        self.set_household(household_id)

    def set_household(self, household_id: int | None) -> None:
        self.household_id = household_id
        try:
            text = vip.card_status_for_household(self.desk, household_id) \
                if household_id is not None else ""
        except DeskError:
            text = ""
        self.setText(self._shown(text))
        self.setVisible(bool(text))

    @property
    def ended(self) -> bool:
        """The household's card is expired, revoked or voided (no VIP privileges)."""
        return bool(self.text()) and _all_ended(self.text())

    def _shown(self, text: str) -> str:
        if not text:
            return ""
        if _all_ended(text):
            self.setStyleSheet(ENDED_STYLE)
            self.setToolTip(self.tr("VIP卡已失效：不享受VIP服务（规则P4、P5）"))
            return self.tr("{badge}（不享受VIP服务）").format(badge=text)
        self.setStyleSheet(VALID_STYLE)
        self.setToolTip(self.tr("VIP客户：优先服务（规则P6）"))
        return text
