"""The two-part visitor slip and goods pass, printed and read back (rules V3, V5, G3, G5)."""

from datetime import datetime

from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.visitor_helpers import ZHAO_ID, host_household, visitor
from wuye_desk.domain.operators import Role
from wuye_desk.services import goods_passes, visitor_forms, visitors
from wuye_desk.services.goods_passes import GoodsInput, GoodsLine


def test_the_visitor_slip_prints_both_parts_with_the_serial_and_a_masked_id(desk, tmp_path):
    host_household(desk)
    done = visitors.register_visit(desk, visitor(plate="粤BD12345", people=2))
    out = visitor_forms.print_visit_slip(desk, done.visit_id, tmp_path / "slip.pdf")
    pages = page_texts(out)
    assert len(pages) == 1
    text, flat = pages[0], squeezed(pages[0])
    assert "访客登记单（上联）" in flat and "访客登记单（下联）" in flat
    assert "第一联访客携带离开时交回" in flat and "第二联前台存根" in flat
    assert flat.count(f"单号：{done.serial}") == 2          # under each part's barcode
    assert "被访人签名" in text and "沿此虚线剪开" in text
    assert text.count("赵敏") == 2 and "3栋2单元1502" in text and "粤BD12345" in text
    assert "1101**********002X" in text and ZHAO_ID not in text     # rule G3
    assert "137****1111" in text and "13700001111" not in text
    assert "同意（接听人：张三）" in flat
    assert "2026年11月18日10:00" in flat


def test_a_night_slip_names_the_duty_manager(desk, desk_as, tmp_path, clock):
    host_household(desk)
    duty = desk_as(Role.DUTY_MANAGER)
    clock.set(datetime(2026, 11, 18, 22, 30))
    done = visitors.register_visit(duty, visitor())
    text = page_texts(visitor_forms.print_visit_slip(desk, done.visit_id, tmp_path / "n.pdf"))[0]
    assert f"{duty.operator.name}（夜间登记）" in squeezed(text)


def test_the_goods_pass_prints_both_parts_with_its_items(desk, tmp_path):
    host_household(desk)
    issued = goods_passes.issue_goods_pass(desk, GoodsInput(
        unit="3栋2单元1502", carrier_name="老周", sealed=True,
        items=[GoodsLine("旧沙发", 2, "张", "家具家电"), GoodsLine("纸箱杂物", 5, "箱")]))
    text = page_texts(visitor_forms.print_goods_pass(desk, issued.pass_id,
                                                     tmp_path / "pass.pdf"))[0]
    flat = squeezed(text)
    assert "携物出入门证（上联）" in flat and "携物出入门证（下联）" in flat
    assert flat.count(f"单号：{issued.serial}") == 2
    assert text.count("旧沙发") == 2 and "纸箱杂物" in text and "已盖业户公章" in flat
    assert "☑带出" in flat and "客户服务部盖章确认" in flat
