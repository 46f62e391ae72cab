"""Reading and changing the office's settings (declared in wuye_desk.settings)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from sqlalchemy import select

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


def put(desk: Desk, setting: Setting[T], value: T) -> None:
    """Change an office setting; a value of the wrong type or out of range is refused."""
    desk.require(Permission.EDIT_SETTINGS)
    value = setting.validate(value)
    with desk.write(f"修改设置：{setting.label}") as session:
        row = session.get(AppSetting, setting.key)
        text = json.dumps(value, ensure_ascii=False)
        if row is None:
            session.add(AppSetting(key=setting.key, value_json=text))
        else:
            row.value_json = text
