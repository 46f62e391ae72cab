"""Reading and changing the office's settings (declared in wuye_desk.settings)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.services.desk import Desk
from wuye_desk.settings import REGISTRY, Setting
from wuye_desk.store.models import AppSetting

T = TypeVar("T")


def get(desk: Desk, setting: Setting[T]) -> T:
    with desk.read() as session:
        row = session.get(AppSetting, setting.key)
        if row is None:
            return setting.default
        return setting.coerce(json.loads(row.value_json))


def get_all(desk: Desk) -> dict[str, Any]:
    values = {key: spec.default for key, spec in REGISTRY.items()}
    with desk.read() as session:
        for row in session.scalars(select(AppSetting)):
            spec = REGISTRY.get(row.key)
            if spec is not None:
                values[row.key] = spec.coerce(json.loads(row.value_json))
    return values


# Checks beyond the type, for settings whose values must have a form (key -> checker).
CHECKS: dict[str, Callable[[Any], None]] = {}


def check(setting: Setting[Any], value: Any) -> Any:
    """The value as it will be stored, or ValidationError naming the setting."""
    kind = type(setting.default)
    if kind is int and isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError as exc:
            raise ValidationError(f"“{setting.label}”应为整数", field=setting.key) from exc
    if kind is list and isinstance(value, str):
        value = [p.strip() for p in value.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    if kind is bool and isinstance(value, str):
        if value.strip().lower() not in ("1", "0", "true", "false", "是", "否"):
            raise ValidationError(f"“{setting.label}”应为 是/否", field=setting.key)
        value = value.strip().lower() in ("1", "true", "是")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValidationError(f"“{setting.label}”的值类型不对", field=setting.key)
    if kind is int and value < 0:
        raise ValidationError(f"“{setting.label}”不能为负数", field=setting.key)
    if kind is str:
        value = value.strip()
        if len(value) > 200 or any(ord(ch) < 32 for ch in value):
            raise ValidationError(f"“{setting.label}”太长或含有控制字符", field=setting.key)
    if setting.key in CHECKS:
        CHECKS[setting.key](value)
    return value


def put(desk: Desk, setting: Setting[T], value: T) -> None:
    put_many(desk, {setting.key: value})


def put_many(desk: Desk, values: dict[str, Any]) -> None:
    """Change several settings in one transaction; all are checked before any is written."""
    desk.require(Permission.EDIT_SETTINGS)
    unknown = [k for k in values if k not in REGISTRY]
    if unknown:
        raise ValidationError(f"没有这个设置项：{'、'.join(unknown)}", field="设置项")
    checked = {key: check(REGISTRY[key], value) for key, value in values.items()}
    current = get_all(desk)
    changed = {k: v for k, v in checked.items() if current.get(k) != v}
    if not changed:
        return
    labels = "、".join(REGISTRY[k].label for k in changed)
    with desk.write(f"修改设置：{labels}") as session:
        for key, value in changed.items():
            row = session.get(AppSetting, key)
            text = json.dumps(value, ensure_ascii=False)
            if row is None:
                session.add(AppSetting(key=key, value_json=text))
            else:
                row.value_json = text
