"""The customer archive's closed lists (rules G1, G2).

Each list parses what a clerk types or a roster holds, synonyms included
(`Occupancy.parse("已入住")` → 已入伙), and refuses anything else with a message
listing the allowed values.
"""

from __future__ import annotations

from collections.abc import Mapping

from wuye_desk.domain.text import ChoiceEnum


class Occupancy(ChoiceEnum):
    """State of a unit (rule G1)."""

    NOT_HANDED_OVER = "未入伙"
    MOVED_IN = "已入伙"
    VACANT = "空置"
    LET = "出租"

    @classmethod
    def default_field(cls) -> str:
        return "入伙状态"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {
            **dict.fromkeys(
                ["未交房", "未交付", "未收楼", "未接房", "待入伙"], cls.NOT_HANDED_OVER
            ),
            **dict.fromkeys(
                ["入伙", "已入住", "入住", "在住", "自住", "已交房", "已收楼"], cls.MOVED_IN
            ),
            **dict.fromkeys(["空房", "闲置", "空关", "空置中"], cls.VACANT),
            **dict.fromkeys(["出租中", "已出租", "租出", "在租"], cls.LET),
        }


class Tenure(ChoiceEnum):
    """Who holds the unit (rule G2: tenant or owner)."""

    OWNER = "业主"
    TENANT = "租户"

    @classmethod
    def default_field(cls) -> str:
        return "业主或租户"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {
            **dict.fromkeys(_OWNER_WORDS, cls.OWNER),
            **dict.fromkeys(_TENANT_WORDS, cls.TENANT),
        }


class MemberRole(ChoiceEnum):
    """A household member's place in it (rule G2)."""

    OWNER = "业主"
    TENANT = "租户"
    FAMILY = "家属"

    @classmethod
    def default_field(cls) -> str:
        return "成员身份"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {
            **dict.fromkeys(_OWNER_WORDS, cls.OWNER),
            **dict.fromkeys(_TENANT_WORDS, cls.TENANT),
            **dict.fromkeys(
                ["家人", "家庭成员", "亲属", "同住人", "同住家属", "配偶", "子女", "父母",
                 "儿子", "女儿", "丈夫", "妻子", "老人", "小孩"],
                cls.FAMILY,
            ),
        }


class Segment(ChoiceEnum):
    """Family-structure segment of a household (rule G2, seed 000 第六条)."""

    SINGLE_DINK = "单人工作丁克家庭"
    DUAL_DINK = "双人工作丁克家庭"
    COUPLE_WITH_CHILDREN = "有小孩的夫妇"
    SINGLE_PARENT = "单亲家庭"
    MATURE = "成熟家庭"
    EMPTY_NEST = "空巢家庭"
    OLDER_SINGLE = "大龄单身贵族"
    ACTIVE_SENIOR = "活跃长者"

    @classmethod
    def default_field(cls) -> str:
        return "家庭结构"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {
            **dict.fromkeys(["单人工作丁克", "单人丁克", "单人丁克家庭"], cls.SINGLE_DINK),
            **dict.fromkeys(["双人工作丁克", "双人丁克", "双人丁克家庭"], cls.DUAL_DINK),
            **dict.fromkeys(
                ["有小孩夫妇", "有孩子的夫妇", "有小孩的家庭", "有孩家庭", "有小孩"],
                cls.COUPLE_WITH_CHILDREN,
            ),
            **dict.fromkeys(["单亲"], cls.SINGLE_PARENT),
            **dict.fromkeys(["成熟"], cls.MATURE),
            **dict.fromkeys(["空巢", "空巢老人"], cls.EMPTY_NEST),
            **dict.fromkeys(["大龄单身", "单身贵族"], cls.OLDER_SINGLE),
            **dict.fromkeys(["活跃老人", "活跃长者家庭"], cls.ACTIVE_SENIOR),
        }


_OWNER_WORDS = ["业主本人", "本人", "房主", "屋主", "产权人", "户主"]
_TENANT_WORDS = ["租客", "承租人", "承租方", "租住", "房客"]
