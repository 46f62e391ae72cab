"""Reading and changing the office's settings (declared in wuye_desk.settings)."""

from __future__ import annotations

import json
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


def check(setting: Setting[Any], value: Any) -> Any:
    """Text typed on the command line converted to the setting's type, then validated."""
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
    return setting.validate(value)  # type, range, text and the setting's own check


def put(desk: Desk, setting: Setting[T], value: T) -> None:
    """Change an office setting; a value of the wrong type or out of range is refused."""
    desk.require(Permission.EDIT_SETTINGS)
    _store(desk, {setting.key: setting.validate(value)})


def put_many(desk: Desk, values: dict[str, Any]) -> None:
    """Change several settings (typed or as text from a form or the command line) in one
    transaction; all are checked before any is written."""
    desk.require(Permission.EDIT_SETTINGS)
    unknown = [k for k in values if k not in REGISTRY]
    if unknown:
        raise ValidationError(f"没有这个设置项：{'、'.join(unknown)}", field="设置项")
    _store(desk, {key: check(REGISTRY[key], value) for key, value in values.items()})


def _store(desk: Desk, checked: dict[str, Any]) -> None:
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
