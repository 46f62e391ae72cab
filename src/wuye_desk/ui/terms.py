"""Texts the window shows that are written below ui/ (tab titles, list headers), made
known to Qt's translation tools.

The services keep their Chinese headers (they are also the Excel exports' headers);
the window passes them through `term()` on the way to the screen. lupdate finds
the QT_TRANSLATE_NOOP entries below and puts them into the .ts files; an area adds
its tab title and list headers here with one line each.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Terms"


def term(text: str) -> str:
    """A tab title or list header in the window's language (unchanged when not translated)."""
    return QCoreApplication.translate(CONTEXT, text)


KNOWN: tuple[object, ...] = (  # lupdate reads these; at run time term() translates
    # tab titles (ui/tabs.py)
    QT_TRANSLATE_NOOP("Terms", "总览"),
    QT_TRANSLATE_NOOP("Terms", "业户档案"),
    QT_TRANSLATE_NOOP("Terms", "投诉受理"),
    QT_TRANSLATE_NOOP("Terms", "钥匙柜"),
    QT_TRANSLATE_NOOP("Terms", "邮件登记"),
    QT_TRANSLATE_NOOP("Terms", "访客登记"),
    QT_TRANSLATE_NOOP("Terms", "VIP客户"),
    # list headers (services/*.py LIST_HEADERS …, ui/*/tab.py)
    QT_TRANSLATE_NOOP("Terms", "房号"),
    QT_TRANSLATE_NOOP("Terms", "户主/租户"),
    QT_TRANSLATE_NOOP("Terms", "电话"),
    QT_TRANSLATE_NOOP("Terms", "身份"),
    QT_TRANSLATE_NOOP("Terms", "入伙状态"),
    QT_TRANSLATE_NOOP("Terms", "入伙日期"),
    QT_TRANSLATE_NOOP("Terms", "家庭结构"),
    QT_TRANSLATE_NOOP("Terms", "单号"),
    QT_TRANSLATE_NOOP("Terms", "时间"),
    QT_TRANSLATE_NOOP("Terms", "方向"),
    QT_TRANSLATE_NOOP("Terms", "房号/单位"),
    QT_TRANSLATE_NOOP("Terms", "携物人"),
    QT_TRANSLATE_NOOP("Terms", "物品"),
    QT_TRANSLATE_NOOP("Terms", "盖章"),
    QT_TRANSLATE_NOOP("Terms", "状态"),
    QT_TRANSLATE_NOOP("Terms", "操作员"),
    QT_TRANSLATE_NOOP("Terms", "操作"),
    QT_TRANSLATE_NOOP("Terms", "类别"),
    QT_TRANSLATE_NOOP("Terms", "记录"),
    QT_TRANSLATE_NOOP("Terms", "变化"),
    QT_TRANSLATE_NOOP("Terms", "到访时间"),
    QT_TRANSLATE_NOOP("Terms", "访客"),
    QT_TRANSLATE_NOOP("Terms", "证件号"),
    QT_TRANSLATE_NOOP("Terms", "人数"),
    QT_TRANSLATE_NOOP("Terms", "车牌"),
    QT_TRANSLATE_NOOP("Terms", "被访"),
    QT_TRANSLATE_NOOP("Terms", "被访人"),
    QT_TRANSLATE_NOOP("Terms", "停留"),
    QT_TRANSLATE_NOOP("Terms", "值班总值"),
    QT_TRANSLATE_NOOP("Terms", "离开时间"),
    QT_TRANSLATE_NOOP("Terms", "时限"),
    QT_TRANSLATE_NOOP("Terms", "事项"),
    QT_TRANSLATE_NOOP("Terms", "姓名"),
    QT_TRANSLATE_NOOP("Terms", "手机"),
    QT_TRANSLATE_NOOP("Terms", "证件类型"),
    QT_TRANSLATE_NOOP("Terms", "证件号码"),
    QT_TRANSLATE_NOOP("Terms", "紧急联系人"),
    QT_TRANSLATE_NOOP("Terms", "关系"),
    QT_TRANSLATE_NOOP("Terms", "物品名称"),
    QT_TRANSLATE_NOOP("Terms", "数量"),
    QT_TRANSLATE_NOOP("Terms", "单位"),
    # the visitor form's field labels (ui/visitors/tab.py translates its keys in this context)
    QT_TRANSLATE_NOOP("VisitForm", "证件类型"),
    QT_TRANSLATE_NOOP("VisitForm", "证件号码"),
    QT_TRANSLATE_NOOP("VisitForm", "访客姓名"),
    QT_TRANSLATE_NOOP("VisitForm", "访客电话"),
    QT_TRANSLATE_NOOP("VisitForm", "人数"),
    QT_TRANSLATE_NOOP("VisitForm", "车牌号"),
    QT_TRANSLATE_NOOP("VisitForm", "来访事由"),
    QT_TRANSLATE_NOOP("VisitForm", "被访房号"),
    QT_TRANSLATE_NOOP("VisitForm", "被访单位/部门"),
    QT_TRANSLATE_NOOP("VisitForm", "被访人姓名"),
    QT_TRANSLATE_NOOP("VisitForm", "被访人职位"),
    QT_TRANSLATE_NOOP("VisitForm", "被访人电话"),
    QT_TRANSLATE_NOOP("VisitForm", "被访人答复"),
    QT_TRANSLATE_NOOP("VisitForm", "接听人"),
    QT_TRANSLATE_NOOP("VisitForm", "值班总值"),
)
