"""Visitors and goods passes (rules V1–V5, G5): the rules as plain Python.

A visit is registered with a valid ID document (V1) and names its host (V2);
the desk calls the host, and only with the host's consent the visitor gets the
upper part of the slip (V3); a refusal is kept as a refused visit (V4). Goods
carried in or out go on a two-part pass; hazardous goods are refused (V5).
Registrations between the night hours are made under the duty manager (G5).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import ChoiceEnum, halfwidth, shown, squeeze

MAX_PEOPLE = 50
MAX_TEXT = 100     # purpose, department, position
MAX_NAME = 40
MAX_ITEMS = 30     # lines on one goods pass
MAX_QUANTITY = 9999


class VisitStatus(ChoiceEnum):
    INSIDE = "在访"      # consent given, slip issued, not yet left
    LEFT = "已离开"
    REFUSED = "未准入"   # the host refused or could not be reached (rule V4)

    @classmethod
    def default_field(cls) -> str:
        return "状态"


class HostAnswer(ChoiceEnum):
    """What the desk heard when it called the host (rules V3, V4)."""

    CONSENT = "同意"
    REFUSAL = "拒绝"
    NO_ANSWER = "联系不上"

    @classmethod
    def default_field(cls) -> str:
        return "被访人答复"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"同意来访": "同意", "允许": "同意", "可以": "同意", "不同意": "拒绝",
                "拒绝来访": "拒绝", "不见": "拒绝", "无人接听": "联系不上", "未接": "联系不上",
                "不在": "联系不上", "联系不到": "联系不上"}


def admits(answer: HostAnswer) -> bool:
    """Only the host's consent lets a visitor in (rules V3, V4)."""
    return answer is HostAnswer.CONSENT


class GoodsDirection(ChoiceEnum):
    IN = "带入"
    OUT = "带出"

    @classmethod
    def default_field(cls) -> str:
        return "出入方向"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"入": "带入", "进": "带入", "搬入": "带入", "出": "带出", "搬出": "带出",
                "携物出门": "带出", "携物入门": "带入"}


class GoodsStatus(ChoiceEnum):
    ISSUED = "放行"
    REFUSED = "拒绝"   # hazardous goods (rule V5)

    @classmethod
    def default_field(cls) -> str:
        return "状态"


class GoodsCategory(ChoiceEnum):
    """The category the carrier declares for an item; the last four are refused (V5)."""

    ORDINARY = "普通物品"
    FURNITURE = "家具家电"
    OFFICE = "办公用品"
    MATERIALS = "装修材料"
    DOCUMENTS = "文件资料"
    FLAMMABLE = "易燃物品"
    EXPLOSIVE = "易爆物品"
    TOXIC = "有毒物品"
    CORROSIVE = "腐蚀性物品"

    @classmethod
    def default_field(cls) -> str:
        return "物品类别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"普通": "普通物品", "家具": "家具家电", "家电": "家具家电", "办公": "办公用品",
                "建材": "装修材料", "文件": "文件资料", "易燃": "易燃物品", "易爆": "易爆物品",
                "剧毒": "有毒物品", "有毒": "有毒物品", "腐蚀": "腐蚀性物品",
                "强腐蚀": "腐蚀性物品"}


class Hazard(ChoiceEnum):
    FLAMMABLE = "易燃"
    EXPLOSIVE = "易爆"
    TOXIC = "有毒"
    CORROSIVE = "腐蚀性"


_HAZARD_OF_CATEGORY = {
    GoodsCategory.FLAMMABLE: Hazard.FLAMMABLE,
    GoodsCategory.EXPLOSIVE: Hazard.EXPLOSIVE,
    GoodsCategory.TOXIC: Hazard.TOXIC,
    GoodsCategory.CORROSIVE: Hazard.CORROSIVE,
}

# Words in an item's description that betray a hazardous good whatever category
# was declared (rule V5). Matched on the text with spaces removed.
HAZARD_KEYWORDS: dict[Hazard, tuple[str, ...]] = {
    Hazard.FLAMMABLE: ("汽油", "柴油", "煤油", "航空煤油", "液化气", "液化石油气", "煤气罐",
                       "煤气瓶", "天然气", "丁烷", "打火机油", "香蕉水", "天那水", "松节油",
                       "稀释剂", "酒精燃料", "固体酒精", "白磷", "黄磷", "镁粉", "燃料罐"),
    Hazard.EXPLOSIVE: ("烟花", "鞭炮", "爆竹", "礼花", "炮仗", "炸药", "雷管", "导火索",
                       "火药", "黑火药", "TNT", "爆炸物", "氢气瓶"),
    Hazard.TOXIC: ("农药", "老鼠药", "鼠药", "毒鼠强", "氰化", "砒霜", "砷", "敌敌畏",
                   "百草枯", "甲胺磷", "氯气", "汞", "水银", "剧毒"),
    Hazard.CORROSIVE: ("硫酸", "盐酸", "硝酸", "氢氟酸", "王水", "烧碱", "氢氧化钠",
                       "氢氧化钾", "强酸", "强碱", "腐蚀性"),
}


@dataclass(frozen=True)
class HazardFinding:
    hazard: Hazard
    reason: str  # "申报类别为易燃物品" or "物品名称含“汽油”"


def find_hazards(description: str, category: GoodsCategory) -> list[HazardFinding]:
    """Why an item is hazardous (rule V5): its declared category and keywords in its text."""
    found: list[HazardFinding] = []
    if category in _HAZARD_OF_CATEGORY:
        found.append(HazardFinding(_HAZARD_OF_CATEGORY[category], f"申报类别为{category.value}"))
    text = squeeze(description).upper()
    for hazard, words in HAZARD_KEYWORDS.items():
        for word in words:
            if word in text:
                found.append(HazardFinding(hazard, f"物品名称含“{word}”"))
                break
    return found


def hazard_message(description: str, findings: list[HazardFinding]) -> str:
    kinds = "、".join(dict.fromkeys(f.hazard.value for f in findings))
    reasons = "，".join(f.reason for f in findings)
    return (f"“{shown(description, 20)}”属于{kinds}物品（{reasons}），"
            f"不准带入或带出（规则V5）")


# --- night duty (rule G5) ----------------------------------------------------

def is_night(at: datetime, start_hour: int, end_hour: int) -> bool:
    """Whether `at` falls in the night hours [start_hour, end_hour) — wrapping midnight."""
    if start_hour == end_hour:
        return False
    if start_hour < end_hour:
        return start_hour <= at.hour < end_hour
    return at.hour >= start_hour or at.hour < end_hour


# --- vehicle plates ------------------------------------------------------------

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_SERIAL_CHAR = "A-HJ-NP-Z0-9"  # letters except I and O, and digits
_SUFFIXES = "挂学警港澳领试超使"
_ORDINARY = re.compile(rf"[{PROVINCES}][A-Z][{_SERIAL_CHAR}]{{4}}[{_SERIAL_CHAR}{_SUFFIXES}]")
# New-energy plates have 8 characters: small cars D/F then 5 (the 2nd may be a letter),
# large vehicles 5 digits then D/F.
_NEW_ENERGY_SMALL = re.compile(rf"[{PROVINCES}][A-Z][DF][{_SERIAL_CHAR}][0-9]{{4}}")
_NEW_ENERGY_LARGE = re.compile(rf"[{PROVINCES}][A-Z][0-9]{{5}}[DF]")
_PLATE_NOISE = re.compile(r"[\s·.\-•・]")
PLATE_EXAMPLES = "例如京A12345、粤B·D12345（新能源8位）"


def validate_plate(text: str, *, field: str = "车牌号") -> str:
    """The plate in normal form ("京A12345", "粤BD12345"), or ValidationError naming why."""
    plate = _PLATE_NOISE.sub("", halfwidth(text)).upper()
    if not plate:
        raise ValidationError(f"请填写{field}", field=field)
    if plate[0] not in PROVINCES:
        raise ValidationError(
            f"{field}“{shown(text)}”的第一个字应是省份简称（如京、沪、粤），{PLATE_EXAMPLES}",
            field=field)
    if len(plate) > 1 and not ("A" <= plate[1] <= "Z"):
        raise ValidationError(f"{field}“{shown(text)}”的第二位应是字母（发牌机关代号），"
                              f"{PLATE_EXAMPLES}", field=field)
    if len(plate) == 7:
        if _ORDINARY.fullmatch(plate):
            return plate
        if re.search("[IO]", plate[2:]):
            raise ValidationError(f"{field}“{shown(text)}”里不能有字母I或O（易与1、0混淆），"
                                  f"请核对", field=field)
        raise ValidationError(f"{field}“{shown(text)}”格式不对，{PLATE_EXAMPLES}", field=field)
    if len(plate) == 8:
        if _NEW_ENERGY_SMALL.fullmatch(plate) or _NEW_ENERGY_LARGE.fullmatch(plate):
            return plate
        raise ValidationError(
            f"{field}“{shown(text)}”不是有效的新能源车牌：8位车牌在省份和字母后应为"
            f"D或F加5位（小型车），或5位数字加D或F（大型车）", field=field)
    raise ValidationError(
        f"{field}“{shown(text)}”应为7位（新能源车8位），您填了{len(plate)}位，{PLATE_EXAMPLES}",
        field=field)


# --- slips and passes -------------------------------------------------------------

VISIT_PREFIX = "FK"   # 访客
GOODS_PREFIX = "WP"   # 物品


def serial_for(prefix: str, at: datetime, record_id: int) -> str:
    """The number printed (and barcoded) on a slip: prefix, date, record id."""
    return f"{prefix}{at:%y%m%d}{record_id:06d}"


def read_serial(text: str, prefix: str, *, field: str = "登记单号") -> str:
    """A scanned or typed serial in normal form; a clerk may leave out the prefix."""
    serial = squeeze(text).upper()
    if not serial:
        raise ValidationError(f"请扫描或输入{field}", field=field)
    if serial.isdigit():
        serial = prefix + serial
    if not re.fullmatch(rf"{prefix}\d{{12,}}", serial):
        raise ValidationError(
            f"{field}“{shown(text)}”格式不对：应为{prefix}加12位以上数字，如{prefix}261118000123",
            field=field)
    return serial


def stay_text(minutes: int) -> str:
    """"2小时5分", "45分", "1天3小时"."""
    minutes = max(0, minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{mins}分" if mins else f"{hours}小时"
    return f"{mins}分"


def clean_text(value: str | None, field: str, *, required: bool = False,
               max_length: int = MAX_TEXT, rule: str | None = None) -> str:
    """One line of free text: spaces squeezed, control characters refused, length bounded."""
    text = " ".join(halfwidth(value or "").split())
    if not text:
        if required:
            raise ValidationError(f"请填写{field}" + (f"（规则{rule}）" if rule else ""),
                                  field=field, rule=rule)
        return ""
    if len(text) > max_length:
        raise ValidationError(f"{field}太长：最多{max_length}个字，您填了{len(text)}个",
                              field=field)
    if not text.isprintable():
        raise ValidationError(f"{field}里有无法显示的字符，请重新输入", field=field)
    return text
