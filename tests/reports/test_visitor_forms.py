"""The two-part visitor slip and goods pass, printed and read back (rules V3, V5, G3)."""

import pytest
from pypdf import PdfReader

from tests.services.visitor_helpers import ZHAO_ID, host_household, visitor
from wuye_desk.services import goods_passes, visitor_forms, visitors
from wuye_desk.services.goods_passes import GoodsInput, GoodsLine

pytest.importorskip("wuye_desk.reports.forms", reason="printing lands with the printing branch")


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_visitor_slip_prints_both_parts_with_the_serial_and_a_masked_id(desk, tmp_path):
    host_household(desk)
    done = visitors.register_visit(desk, visitor())
    out = visitor_forms.print_visit_slip(desk, done.visit_id, tmp_path / "slip.pdf")
    text = _text(out)
    assert "访客登记单" in text and "上联" in text and "下联" in text
    assert done.serial in text and "被访人签字" in text
    assert "1101**********002X" in text and ZHAO_ID not in text


def test_the_goods_pass_prints(desk, tmp_path):
    host_household(desk)
    issued = goods_passes.issue_goods_pass(desk, GoodsInput(
        unit="3栋2单元1502", carrier_name="老周", sealed=True,
        items=[GoodsLine("旧沙发", 2, "张")]))
    text = _text(visitor_forms.print_goods_pass(desk, issued.pass_id, tmp_path / "pass.pdf"))
    assert "携物出入门证" in text and issued.serial in text and "旧沙发" in text
