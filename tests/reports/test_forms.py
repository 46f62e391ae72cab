"""Printable forms from TOML templates: household form, slips, long tables, broken templates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from wuye_desk import paths
from wuye_desk.domain.errors import ValidationError
from wuye_desk.reports.forms import load_template, render_form

from .pdf_helpers import embedded_font_file, fonts_used, page_texts, squeezed

OFFICE = {
    "name": "翠苑花园管理处",
    "company": "深圳市安居物业服务有限公司",
    "address": "深圳市南山区翠苑路88号",
    "phone": "0755-86001234",
}


def household_record() -> dict[str, Any]:
    return {
        "unit": "3栋2单元1502",
        "occupancy": "已入伙",
        "tenure": "业主",
        "move_in_date": date(2019, 5, 1),
        "segment": "有小孩的夫妇",
        "members": [
            {"name": "张伟", "role": "业主", "phone": "138****5678",
             "id_type": "居民身份证", "id_number": "1101**********123X"},
            {"name": "李娜", "role": "家属", "phone": "139****1234",
             "id_type": "护照", "id_number": "E1*****78"},
        ],
        "contacts": [{"name": "王芳", "relation": "母亲", "phone": "0755-8****321"}],
        "note": "家中有老人，逢年过节请关照。",
    }


def write_template(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- household form


def test_household_form_prints_labels_values_letterhead_and_signatures(tmp_path: Path) -> None:
    out = render_form("household", household_record(), tmp_path / "客户资料登记表.pdf", OFFICE)
    pages = page_texts(out)
    assert len(pages) == 1
    text = pages[0]
    for label in ("客户资料登记表", "房号", "入伙日期", "入住状态", "业户类型", "家庭结构",
                  "家庭成员", "姓名", "关系/身份", "手机", "证件类型", "证件号码",
                  "紧急联系人", "关系", "电话", "备注", "保密声明"):
        assert label in text, label
    for value in ("3栋2单元1502", "2019年5月1日", "张伟", "138****5678", "居民身份证",
                  "1101**********123X", "李娜", "E1*****78", "王芳", "母亲", "0755-8****321",
                  "家中有老人，逢年过节请关照。"):
        assert value in text, value
    assert "☑已入伙" in text and "☐未入伙" in text and "☑业主" in text and "☐租户" in text
    assert "☑有小孩的夫妇" in text
    for office_value in OFFICE.values():
        assert office_value in text
    assert "业户签名" in text and "登记人签名" in text
    assert text.count("日期") >= 2 + 1  # a date line in each signature box (and 入伙日期)


def test_rule_G3_household_form_carries_the_confidentiality_statement(tmp_path: Path) -> None:
    out = render_form("household", household_record(), tmp_path / "h.pdf", OFFICE)
    text = squeezed(page_texts(out)[0])
    assert "保密声明" in text
    assert "除法律规定或经业户本人同意外，不向任何单位或个人披露" in text


def test_blank_household_form_has_empty_lines_to_fill_by_hand(tmp_path: Path) -> None:
    out = render_form("household", {}, tmp_path / "blank.pdf", {})
    text = page_texts(out)[0]
    assert "None" not in text
    assert "☑" not in text  # nothing ticked
    assert "客户资料登记表" in text and "业户签名" in text
    # six numbered member rows and three contact rows, all empty
    assert "6" in text.split("证件号码", 1)[1]


def test_household_form_embeds_every_font_it_uses(tmp_path: Path) -> None:
    out = render_form("household", household_record(), tmp_path / "h.pdf", OFFICE)
    used = fonts_used(out)
    names = {str(font["/BaseFont"]) for font in used}
    assert any("DroidSansFallback" in name for name in names)
    for font in used:
        assert embedded_font_file(font) == "/FontFile2", f"{font['/BaseFont']} is not embedded"
    assert not any("STSong" in name or "Helvetica" in name for name in names)


def test_household_template_is_valid() -> None:
    template = load_template("household")
    assert template.title == "客户资料登记表"
    assert (paths.forms_dir() / "household.toml").is_file()


# ---------------------------------------------------------------- features


SLIP = """
title = "访客登记单"

[serial]
key = "serial"
label = "单号"
qr = true

[[parts]]
name = "上联"
label = "第一联 访客携带"
[[parts.blocks]]
type = "fields"
fields = [
    { label = "访客姓名", key = "visitor" },
    { label = "被访房号", key = "unit" },
    { label = "离开时间" },
]
[[parts.blocks]]
type = "signatures"
height = 10
boxes = [ { label = "被访人签名", date = false } ]

[[parts]]
name = "下联"
label = "第二联 前台存根"
[[parts.blocks]]
type = "fields"
fields = [ { label = "访客姓名", key = "visitor" }, { label = "进入时间", key = "entered_at" } ]
[[parts.blocks]]
type = "text"
text = "访客离开时交回上联。经办人：{clerk}"
"""


def test_two_part_slip_prints_both_parts_with_labels_serial_and_cut_line(tmp_path: Path) -> None:
    write_template(tmp_path, "visitor_slip", SLIP)
    record = {"serial": "FK20261118-0007", "visitor": "陈明", "unit": "3栋2单元1502",
              "entered_at": datetime(2026, 11, 18, 10, 5)}
    out = render_form("visitor_slip", record, tmp_path / "slip.pdf", OFFICE, folder=tmp_path)
    pages = page_texts(out)
    assert len(pages) == 1
    text = pages[0]
    flat = squeezed(text)
    assert "访客登记单（上联）" in flat and "访客登记单（下联）" in flat
    assert "第一联访客携带" in flat and "第二联前台存根" in flat
    assert flat.count("单号：FK20261118-0007") == 2  # the serial under each barcode
    assert text.count("陈明") == 2
    assert "2026年11月18日 10:05" in text
    assert "沿此虚线剪开" in text
    assert "经办人：＿＿＿＿＿＿" in flat  # missing placeholder: a line to write on
    assert "被访人签名" in text
    for font in fonts_used(out):
        assert embedded_font_file(font) == "/FontFile2"


def test_serial_barcode_is_drawn(tmp_path: Path) -> None:
    write_template(tmp_path, "tag", """
title = "钥匙标签"
letterhead = false
[serial]
key = "serial"
[[blocks]]
type = "fields"
fields = [ { label = "房号", key = "unit" } ]
""")
    with_serial = render_form("tag", {"serial": "KEY-0042", "unit": "A座1203"},
                              tmp_path / "a.pdf", {}, folder=tmp_path)
    without = render_form("tag", {"unit": "A座1203"}, tmp_path / "b.pdf", {}, folder=tmp_path)
    bars = PdfReader(with_serial).pages[0].get_contents().get_data().count(b" re")  # type: ignore[union-attr]
    no_bars = PdfReader(without).pages[0].get_contents().get_data().count(b" re")  # type: ignore[union-attr]
    assert bars > no_bars + 20  # the bars of Code 128 are rectangles
    assert "编号：KEY-0042" in page_texts(with_serial)[0]
    assert "编号：＿＿＿＿＿＿" in page_texts(without)[0]


LONG_TABLE = """
title = "钥匙清单"
[[blocks]]
type = "table"
heading = "钥匙"
key = "keys"
numbered = true
columns = [
    { label = "柜位", key = "slot" },
    { label = "房号", key = "unit", width = 2 },
    { label = "钥匙状况", key = "condition", width = 2, align = "left" },
]
[[blocks]]
type = "signatures"
boxes = [ { label = "保管人签名" } ]
"""


def test_a_long_table_flows_onto_page_two_with_its_header_repeated(tmp_path: Path) -> None:
    write_template(tmp_path, "key_list", LONG_TABLE)
    keys = [{"slot": f"S{i:02d}", "unit": f"3栋2单元{1500 + i}", "condition": "完好"}
            for i in range(1, 31)]
    out = render_form("key_list", {"keys": keys}, tmp_path / "keys.pdf", OFFICE,
                      folder=tmp_path)
    pages = page_texts(out)
    assert len(pages) == 2
    first, second = pages
    assert "S01" in first and "S30" in second and "S30" not in first
    for header in ("柜位", "房号", "钥匙状况", "序号"):
        assert header in second
    assert "钥匙" in second
    assert "第 2 页 / 共 2 页" in second
    assert "保管人签名" in second


def test_minimum_rows_give_blank_lines(tmp_path: Path) -> None:
    write_template(tmp_path, "t", """
title = "T"
[[blocks]]
type = "table"
key = "rows"
numbered = true
min_rows = 4
columns = [ { label = "姓名", key = "name" } ]
""")
    text = page_texts(render_form("t", {"rows": [{"name": "张三"}]}, tmp_path / "t.pdf", {},
                                  folder=tmp_path))[0]
    assert "张三" in text and "4" in text and "5" not in text


def test_record_with_a_table_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    write_template(tmp_path, "t", """
title = "T"
[[blocks]]
type = "table"
key = "rows"
columns = [ { label = "姓名", key = "name" } ]
""")
    with pytest.raises(ValidationError, match="rows 应为多行数据"):
        render_form("t", {"rows": "张三"}, tmp_path / "t.pdf", {}, folder=tmp_path)
    assert not (tmp_path / "t.pdf").exists()


def test_long_chinese_text_wraps_inside_the_page(tmp_path: Path) -> None:
    long_text = "业户资料仅用于物业管理服务" * 40
    write_template(tmp_path, "t", f'title = "T"\n[[blocks]]\ntype = "text"\ntext = "{long_text}"\n')
    out = render_form("t", {}, tmp_path / "t.pdf", {}, folder=tmp_path)
    lines = [line for line in page_texts(out)[0].splitlines() if "业户资料" in line]
    assert len(lines) > 5  # wrapped onto many lines, not run off the page
    assert squeezed("".join(lines)).count("业户资料仅用于物业管理服务") >= 39


# ---------------------------------------------------------------- broken templates


BROKEN = {
    "bad TOML": ('title = "T\n[[blocks]]\n', "不是有效的 TOML 格式"),
    "missing title": ('[[blocks]]\ntype = "text"\ntext = "x"\n', "缺少必填项 title（标题）"),
    "unknown field type": ('title = "T"\n[[blocks]]\ntype = "tabel"\n', "类型“tabel”不认识"),
    "unknown key": ('title = "T"\ntitel = "x"\n[[blocks]]\ntype = "text"\ntext = "x"\n',
                    "不认识的设置项“titel”"),
    "table key missing": (
        'title = "T"\n[[blocks]]\ntype = "table"\ncolumns = [ { label = "姓名" } ]\n',
        "第1个栏目：缺少必填项 key（数据键）",
    ),
    "unknown field setting": (
        'title = "T"\n[[blocks]]\ntype = "fields"\nfields = [ { label = "房号", kye = "unit" } ]\n',
        "第1个栏目第1个字段：不认识的设置项“kye”",
    ),
    "span wider than the grid": (
        'title = "T"\n[[blocks]]\ntype = "fields"\ncolumns = 2\n'
        'fields = [ { label = "房号", span = 3 } ]\n',
        "大于本栏目的列数",
    ),
    "unbalanced braces": ('title = "T"\n[[blocks]]\ntype = "text"\ntext = "房号 {unit"\n',
                          "花括号不配对"),
    "bad placeholder": ('title = "T"\n[[blocks]]\ntype = "text"\ntext = "{unit!r}"\n',
                        "占位符“{unit}”写法不对"),
    "neither blocks nor parts": ('title = "T"\n', "应有 blocks（栏目）或 parts（联）二者之一"),
    "one part only": ('title = "T"\n[[parts]]\nname = "上联"\n[[parts.blocks]]\n'
                      'type = "text"\ntext = "x"\n', "应有 2 或 3 联"),
    "wrong value type": ('title = "T"\n[[blocks]]\ntype = "table"\nkey = "rows"\nmin_rows = "五"\n'
                         'columns = [ { label = "姓名" } ]\n', "min_rows（最少行数） 应为整数"),
    "empty title": ('title = "  "\n[[blocks]]\ntype = "text"\ntext = "x"\n',
                    "title（标题） 不能为空"),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_broken_template_is_refused_naming_the_file_and_the_problem(
    tmp_path: Path, case: str
) -> None:
    text, problem = BROKEN[case]
    write_template(tmp_path, "broken", text)
    with pytest.raises(ValidationError) as caught:
        render_form("broken", {}, tmp_path / "out.pdf", OFFICE, folder=tmp_path)
    message = str(caught.value)
    assert message.startswith("表单模板 broken.toml 有误"), message
    assert problem in message, message
    assert not (tmp_path / "out.pdf").exists()


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    write_template(tmp_path, "broken", 'title = "T"\n\n[[blocks]]\ntype = text\n')
    with pytest.raises(ValidationError, match="第 4 行"):
        load_template("broken", tmp_path)


def test_a_template_not_saved_as_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "gbk.toml").write_bytes('title = "客户资料登记表"\n'.encode("gbk"))
    with pytest.raises(ValidationError, match="不是 UTF-8 编码"):
        load_template("gbk", tmp_path)


def test_a_missing_template_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"找不到表单模板 nothing\.toml"):
        load_template("nothing", tmp_path)


def test_a_template_name_cannot_leave_the_forms_folder() -> None:
    with pytest.raises(ValidationError, match="表单名称"):
        load_template("../secrets")


def test_fields_fill_the_grid_row_by_row(tmp_path: Path) -> None:
    write_template(tmp_path, "grid", """
title = "T"
letterhead = false
[[blocks]]
type = "fields"
columns = 3
fields = [
    { label = "甲", key = "a", span = 2 },
    { label = "乙", key = "b", span = 2 },
    { label = "丙", key = "c" },
    { label = "丁", key = "d", lines = 3 },
]
""")
    record = {"a": "值一", "b": "值二", "c": "值三", "d": "值四"}
    out = render_form("grid", record, tmp_path / "g.pdf", {}, folder=tmp_path)
    lines = [line for line in page_texts(out)[0].splitlines() if line.strip()]
    # 乙 (span 2) does not fit after 甲 (span 2) in 3 columns: it starts the next row
    row_of = {label: next(i for i, line in enumerate(lines) if label in line)
              for label in ("甲", "乙", "丙", "丁")}
    assert row_of["甲"] < row_of["乙"] <= row_of["丙"] < row_of["丁"]
    for value in record.values():
        assert value in page_texts(out)[0]
