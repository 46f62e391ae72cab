"""Every setting of the desk, declared once: key, type, default, Chinese label.

Office settings live in the database (every desk of the office shares them) and
are read and written through services.office_settings. Values that were never
set come from the defaults here, so a new setting needs no migration.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.keys import check_prefix as check_slot_prefix
from wuye_desk.domain.plain_text import clean_line, has_control_chars

T = TypeVar("T")

MAX_TEXT_LENGTH = 200  # one line of text (an office name, an address)
MAX_LIST_LENGTH = 1000


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    label: str
    minimum: float | None = None  # for numbers
    maximum: float | None = None
    check: Callable[[T], T] | None = None  # the area's own rule, raising ValidationError

    def validate(self, value: object) -> T:
        """The value as it will be stored, or ValidationError naming the setting."""
        kind = type(self.default)
        wrong = ValidationError(f"“{self.label}”的值类型不对", field=self.key)
        if kind is bool:
            if not isinstance(value, bool):
                raise wrong
        elif kind in (int, float):
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or (kind is int and not isinstance(value, int)):
                raise wrong
            if not math.isfinite(value):
                raise wrong
            if (self.minimum is not None and value < self.minimum) or \
                    (self.maximum is not None and value > self.maximum):
                raise ValidationError(
                    f"“{self.label}”应在 {_num(self.minimum)} 到 {_num(self.maximum)} 之间",
                    field=self.key)
        elif kind is str:
            try:
                value = clean_line(value, field=f"“{self.label}”", max_length=MAX_TEXT_LENGTH,
                                   required=False)
            except ValidationError as exc:
                raise ValidationError(exc.message, field=self.key) from None
        elif kind in (list, dict):
            if not isinstance(value, kind) or not isinstance(value, list | dict):
                raise wrong
            if len(value) > MAX_LIST_LENGTH:
                raise ValidationError(f"“{self.label}”的项目太多", field=self.key)
            try:
                text = json.dumps(value, ensure_ascii=False, allow_nan=False)
            except (TypeError, ValueError) as exc:
                raise wrong from exc
            if json.loads(text) != value:
                raise wrong
            if _has_bad_text(value):
                raise ValidationError(f"“{self.label}”含有不能保存的控制字符", field=self.key)
        if self.check is not None:
            value = self.check(value)  # type: ignore[arg-type]
        return value  # type: ignore[return-value]

    def coerce(self, value: Any) -> T:
        """Read a stored value back as this setting's type, falling back to the default."""
        kind = type(self.default)
        try:
            if kind is bool:
                return value if isinstance(value, bool) else self.default  # type: ignore[return-value]
            if kind in (int, float, str):
                return kind(value)  # type: ignore[call-arg]
            if kind in (list, dict):
                return value if isinstance(value, kind) else self.default
        except (TypeError, ValueError):
            return self.default
        return value  # type: ignore[no-any-return]


def _num(value: float | None) -> str:
    return "不限" if value is None else f"{value:g}"


def _has_bad_text(value: Any) -> bool:
    if isinstance(value, str):
        return has_control_chars(value)
    if isinstance(value, list):
        return any(_has_bad_text(item) for item in value)
    if isinstance(value, dict):
        return any(_has_bad_text(k) or _has_bad_text(v) for k, v in value.items())
    return False


REGISTRY: dict[str, Setting[Any]] = {}


def declare(key: str, default: T, label: str, *, minimum: float | None = None,
            maximum: float | None = None, check: Callable[[T], T] | None = None) -> Setting[T]:
    if key in REGISTRY:
        raise ValueError(f"setting {key} declared twice")
    setting = Setting(key, default, label, minimum, maximum, check)
    REGISTRY[key] = setting
    return setting


# --- the office -------------------------------------------------------------
OFFICE_NAME = declare("office.name", "幸福家园物业管理处", "管理处名称")
COMPANY_NAME = declare("office.company", "幸福物业服务有限公司", "公司名称")
OFFICE_ADDRESS = declare("office.address", "", "管理处地址")
OFFICE_PHONE = declare("office.phone", "", "服务电话")

# --- night duty (rule G5) ---------------------------------------------------
NIGHT_START_HOUR = declare("duty.night_start_hour", 20, "夜间值班开始（时）", minimum=0, maximum=23)
NIGHT_END_HOUR = declare("duty.night_end_hour", 8, "夜间值班结束（时）", minimum=0, maximum=23)

# --- privacy (rule G3) ------------------------------------------------------
VISITOR_ID_RETENTION_DAYS = declare("privacy.visitor_id_retention_days", 180,
                                    "访客证件号保留天数", minimum=1, maximum=3650)

# --- backups (trust) --------------------------------------------------------
BACKUP_DAILY_KEEP = declare("backup.keep_daily", 7, "保留每日备份份数", minimum=1, maximum=366)
BACKUP_WEEKLY_KEEP = declare("backup.keep_weekly", 4, "保留每周备份份数", minimum=0, maximum=520)
BACKUP_MONTHLY_KEEP = declare("backup.keep_monthly", 12, "保留每月备份份数",
                              minimum=0, maximum=1200)

# --- working-day calendar (rule C7) -----------------------------------------
EXTRA_HOLIDAYS = declare("calendar.extra_holidays", list[str](), "自定义节假日（YYYY-MM-DD）")
EXTRA_WORKDAYS = declare("calendar.extra_workdays", list[str](), "自定义调休上班日（YYYY-MM-DD）")


# --- mail (rule M5) ---------------------------------------------------------
MAIL_NOTICE_DAYS = declare("mail.public_notice_days", 15, "邮件公示期（天），期满仍未领取退回邮局",
                           minimum=1, maximum=90)
MAIL_KEEPER = declare("mail.keeper", "", "邮件保管人（专人上锁保管，规则M3）")
MAIL_WAITING_WARN_DAYS = declare("mail.waiting_warn_days", 7, "邮件待领超过几天在总览提醒",
                                 minimum=1, maximum=60)

# --- vip (rules P2, P4, P6) ---------------------------------------------------


def _card_prefix(value: str) -> str:
    from wuye_desk.domain.vip import check_prefix

    return check_prefix(value)


VIP_CARD_PREFIX = declare("vip.card_prefix", "JK", "VIP卡号前缀（集团字母缩写）",
                          check=_card_prefix)
VIP_CASH_AID_LIMIT = declare("vip.cash_aid_limit_yuan", 2000, "VIP紧急现金援助限额（元/次）",
                             minimum=0, maximum=1_000_000)
VIP_EXPIRY_WARNING_DAYS = declare("vip.expiry_warning_days", 60, "VIP卡到期提前提醒天数",
                                  minimum=1, maximum=365)
VIP_GREETING_DAYS = declare("vip.greeting_days", 7, "VIP生日、节日问候提前提醒天数",
                            minimum=0, maximum=60)

# --- complaints (rule C5: who handles a complaint of each severity) ----------
COMPLAINT_HANDLER_MAJOR = declare("complaints.handler_major", "总经理", "重大投诉处理人")
COMPLAINT_HANDLER_HOT = declare("complaints.handler_hot", "总经理助理", "热点投诉处理人")
COMPLAINT_HANDLER_IMPORTANT = declare("complaints.handler_important", "项目经理", "重要投诉处理人")
COMPLAINT_HANDLER_GENERAL = declare("complaints.handler_general", "客户主管/物管员",
                                    "一般投诉处理人")

# --- keys (rules K2, K3, K6, K7) ---------------------------------------------
KEY_SLOT_COUNT = declare("keys.slot_count", 120, "钥匙柜格位数", minimum=1, maximum=2000)
KEY_SLOT_PREFIX = declare("keys.slot_prefix", "A-", "钥匙柜格位前缀（如 A-，格位为 A-01…）",
                          check=check_slot_prefix)
KEY_KEEPER = declare("keys.keeper", "", "钥匙保管人")
KEY_END_OF_DAY_HOUR = declare("keys.end_of_day_hour", 18, "借出钥匙当天归还时间（时）",
                              minimum=8, maximum=23)
