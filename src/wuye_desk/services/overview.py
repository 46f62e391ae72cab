"""The overview (总览): what is due and overdue today, gathered from every area.

Each area contributes lines through one provider function, named here as
"module:function" and imported only when the overview is built.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import Tone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OverviewLine:
    area: str                 # 投诉 / 钥匙 / 邮件 / 访客 / VIP …
    tone: Tone                # OVERDUE (red), DUE (amber), NORMAL (for information)
    due: datetime | None      # when it is/was due, for ordering
    text: str                 # one line in words, e.g. "3栋2单元1502 钥匙借出已超时 2小时"
    tab: str = ""             # key of the tab that opens the record
    record_id: int | None = None


# Each area adds its provider: def lines(desk: Desk) -> list[OverviewLine]
PROVIDERS: list[str] = [
    "wuye_desk.services.complaints:overview_lines",
    "wuye_desk.services.visitors:overview_lines",
    "wuye_desk.services.mail:overview_lines",
    "wuye_desk.services.vip:overview_lines",
    "wuye_desk.services.keys:overview_lines",
]

_ORDER = {Tone.OVERDUE: 0, Tone.WARNING: 1, Tone.DUE: 2, Tone.NORMAL: 3, Tone.DONE: 4}


def _load(spec: str) -> Callable[[Desk], list[OverviewLine]]:
    module, _, name = spec.partition(":")
    fn: Callable[[Desk], list[OverviewLine]] = getattr(importlib.import_module(module), name)
    return fn


def gather(desk: Desk) -> list[OverviewLine]:
    """Every area's lines, overdue first, then by due time."""
    lines: list[OverviewLine] = []
    for spec in PROVIDERS:
        lines.extend(_load(spec)(desk))
    return sorted(lines, key=lambda ln: (_ORDER[ln.tone], ln.due or datetime.max, ln.area))
