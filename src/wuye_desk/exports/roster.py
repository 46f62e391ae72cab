"""The household roster as an Excel sheet: the layout offices keep, one row per person."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from wuye_desk.exports.xlsx import Column, SheetRow, read_register, write_register

COLUMNS = (
    Column("楼栋", 6), Column("单元", 6), Column("房号", 8), Column("姓名", 10),
    Column("业主/租户", 10), Column("手机", 14), Column("证件类型", 12), Column("证件号码", 22),
    Column("入伙状态", 9), Column("入伙日期", 12, "date"), Column("家庭结构", 14),
    Column("紧急联系人", 10), Column("紧急联系电话", 14), Column("备注", 24),
)
NAMES = tuple(c.title for c in COLUMNS)

SYNONYMS: dict[str, Sequence[str]] = {
    "楼栋": ("栋", "楼号", "栋号", "幢", "楼栋号", "楼座", "座"),
    "单元": ("单元号",),
    "房号": ("室", "房间号", "门牌号", "房间", "室号"),
    "房屋": ("房屋编号", "房产", "房屋地址", "单元房号", "住址", "地址", "楼栋单元房号", "房号全称"),
    "姓名": ("业主姓名", "住户姓名", "名字", "客户姓名"),
    "业主/租户": ("身份", "业主或租户", "住户类型", "类别", "关系", "与户主关系", "业主租户"),
    "手机": ("手机号", "手机号码", "电话", "联系电话", "移动电话"),
    "证件类型": ("证件种类",),
    "证件号码": ("身份证号", "身份证号码", "证件号", "身份证"),
    "入伙状态": ("入住状态", "状态", "房屋状态"),
    "入伙日期": ("入住日期", "交房日期", "入伙时间"),
    "家庭结构": ("家庭类型", "家庭结构类型"),
    "紧急联系人": ("紧急联系人姓名",),
    "紧急联系电话": ("紧急电话", "紧急联系人电话"),
    "备注": ("说明",),
}


def write_roster(path: Path, title: str, rows: Iterable[Sequence[Any]]) -> int:
    return write_register(path, sheet_title="业户名册", title=title, columns=COLUMNS, rows=rows)


def read_roster(path: Path) -> list[SheetRow]:
    """Rows keyed by the canonical column names; either 房屋 or 楼栋+房号 locate the unit."""
    try:
        return read_register(path, SYNONYMS, required=("姓名", "房号"))
    except Exception as first:
        from wuye_desk.domain.errors import ValidationError

        if not isinstance(first, ValidationError) or "表头" not in first.message:
            raise
        return read_register(path, SYNONYMS, required=("姓名", "房屋"))
