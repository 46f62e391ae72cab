"""The printed complaint forms, read back from the PDF (rules C3, C9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.complaint_helpers import household, lift
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import complaint_forms
from wuye_desk.services import complaints as svc
from wuye_desk.services.complaints import VisitInput


def pdf_text(path: Path) -> str:
    return squeezed("".join(page_texts(path)))


def test_C3_the_follow_up_sheet_prints_with_chinese_text_and_signature_boxes(desk, tmp_path):
    cid = svc.register_complaint(desk, lift(household(desk))).complaint_id
    svc.handle(desk, cid, "已联系电梯维保单位")
    out = complaint_forms.print_follow_up_sheet(desk, cid, tmp_path / "sheet.pdf")
    text = pdf_text(out)
    for words in ("客户投诉及建议跟进处理表", "电梯又坏了", "已联系电梯维保单位", "处理人签名",
                  "客户主管签名", "138****5678"):
        assert words in text
    assert "13812345678" not in text


def test_C3_a_developer_matter_prints_the_opinion_sheet_and_an_outside_one_none(desk, tmp_path):
    hid = household(desk)
    dev = svc.register_complaint(desk, lift(hid, content_type="工程质量", subtopic="",
                                            resp_class="二类")).complaint_id
    assert "客户意见征询表" in pdf_text(
        complaint_forms.print_follow_up_sheet(desk, dev, tmp_path / "o.pdf"))
    out = svc.register_complaint(desk, lift(hid, resp_class="三类")).complaint_id
    with pytest.raises(ValidationError, match="三类"):
        complaint_forms.print_follow_up_sheet(desk, out, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_C9_the_return_visit_record_prints_the_rating_and_both_signatures(desk, tmp_path):
    cid = svc.register_complaint(desk, lift(household(desk))).complaint_id
    svc.fix(desk, cid, "更换门机板")
    svc.tell(desk, cid, "已告知")
    svc.return_visit(desk, cid, VisitInput("电梯情况", "运行正常", "B", "刘回访"))
    text = pdf_text(complaint_forms.print_return_visit(desk, cid, tmp_path / "v.pdf"))
    for words in ("回访记录表", "更换门机板", "刘回访", "较满意", "客户签名", "回访人签名"):
        assert words in text
