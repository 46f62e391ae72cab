"""Every setting of the desk, declared once: key, type, default, Chinese label.

Office settings live in the database (every desk of the office shares them) and
are read and written through services.office_settings. Values that were never
set come from the defaults here, so a new setting needs no migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    label: str

    def coerce(self, value: Any) -> T:
        """Read a stored value back as this setting's type, falling back to the default."""
        kind = type(self.default)
        try:
            if kind is bool:
                return value if isinstance(value, bool) else self.default  # type: ignore[return-value]
            if kind in (int, float, str):
                return kind(value)  # type: ignore[no-any-return]
            if kind in (list, dict):
                return value if isinstance(value, kind) else self.default  # type: ignore[return-value]
        except (TypeError, ValueError):
            return self.default
        return value  # type: ignore[no-any-return]


REGISTRY: dict[str, Setting[Any]] = {}


def declare(key: str, default: T, label: str) -> Setting[T]:
    if key in REGISTRY:
        raise ValueError(f"setting {key} declared twice")
    setting = Setting(key, default, label)
    REGISTRY[key] = setting
    return setting


# --- the office -------------------------------------------------------------
OFFICE_NAME = declare("office.name", "幸福家园物业管理处", "管理处名称")
COMPANY_NAME = declare("office.company", "幸福物业服务有限公司", "公司名称")
OFFICE_ADDRESS = declare("office.address", "", "管理处地址")
OFFICE_PHONE = declare("office.phone", "", "服务电话")

# --- night duty (rule G5) ---------------------------------------------------
NIGHT_START_HOUR = declare("duty.night_start_hour", 20, "夜间值班开始（时）")
NIGHT_END_HOUR = declare("duty.night_end_hour", 8, "夜间值班结束（时）")

# --- privacy (rule G3) ------------------------------------------------------
VISITOR_ID_RETENTION_DAYS = declare("privacy.visitor_id_retention_days", 180,
                                    "访客证件号保留天数")

# --- backups (trust) --------------------------------------------------------
BACKUP_DAILY_KEEP = declare("backup.keep_daily", 7, "保留每日备份份数")
BACKUP_WEEKLY_KEEP = declare("backup.keep_weekly", 4, "保留每周备份份数")
BACKUP_MONTHLY_KEEP = declare("backup.keep_monthly", 12, "保留每月备份份数")

# --- working-day calendar (rule C7) -----------------------------------------
EXTRA_HOLIDAYS = declare("calendar.extra_holidays", list[str](), "自定义节假日（YYYY-MM-DD）")
EXTRA_WORKDAYS = declare("calendar.extra_workdays", list[str](), "自定义调休上班日（YYYY-MM-DD）")


# --- this PC only (a JSON file in the user's config folder) ------------------
LOCAL_DEFAULTS: dict[str, Any] = {
    "last_login": "",        # offered at the next sign-in
    "language": "zh_CN",     # zh_CN or en
    "backup_dir": "",        # empty: the data folder's backups/
}


def load_local() -> dict[str, Any]:
    import json

    from wuye_desk import paths

    values = dict(LOCAL_DEFAULTS)
    try:
        stored = json.loads(paths.local_config_file().read_text(encoding="utf-8"))
        if isinstance(stored, dict):
            values.update({k: v for k, v in stored.items()
                           if k in LOCAL_DEFAULTS and isinstance(v, type(LOCAL_DEFAULTS[k]))})
    except (OSError, ValueError):
        pass  # a missing or broken file means the defaults
    return values


def save_local(**changes: Any) -> None:
    import json

    from wuye_desk import paths

    values = load_local()
    values.update({k: v for k, v in changes.items() if k in LOCAL_DEFAULTS})
    path = paths.local_config_file()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
