"""What a report section is made of: plain data an area builds, the PDF layer draws.

An area's section function (services/period_reports.py SECTIONS) returns a
`Section` of these blocks; it needs nothing from reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2          # 1 is the section's own title; 2 a sub-heading


@dataclass(frozen=True)
class Text:
    text: str               # a paragraph of plain text
    small: bool = False


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[float] | None = None   # relative weights
    align: Sequence[str] | None = None      # "left" / "centre" per column
    empty: str = "（无）"                    # said instead of an empty table


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[float]]]   # (legend, one value per category)
    value_label: str = ""


@dataclass(frozen=True)
class PieChart:
    title: str
    slices: Sequence[tuple[str, float]]


Block = Heading | Text | Table | BarChart | PieChart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: Sequence[Block] = field(default_factory=tuple)
    area: str = ""          # 投诉 / 钥匙 / 邮件 / 访客 / VIP / 业户 …
    order: int = 50         # where it goes in the report (complaints first)
