"""The mail desk's forms printed and read back (rules M2, M4, M5, M6, G3)."""

from datetime import datetime

import pytest

from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.mail_helpers import LI_ID, household, item
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import mail, mail_forms
from wuye_desk.services.mail import CopyInput, PickupInput


@pytest.fixture
def home(desk):
    return household(desk)


def test_M4_pickup_sheet_lists_items_and_masks_the_id(desk, home, tmp_path):
    ids = [mail.sign_in(desk, item(f"SF123456789012{n}", damage="角破" if n else "")).id
           for n in range(3)]
    done = mail.hand_out(desk, ids, PickupInput("李梅", "代领", "居民身份证", LI_ID))
    text = page_texts(mail_forms.print_pickup_sheet(desk, done.pickup_id, tmp_path / "p.pdf"))[0]
    flat = squeezed(text)
    assert "邮件签收表" in flat and "领取人签名" in flat and "李梅（代领）" in flat
    for n in range(3):
        assert f"SF123456789012{n}" in flat
    assert LI_ID not in flat and done.id_masked in flat
    assert "角破" in flat


def test_M2_day_register(desk, home, tmp_path, clock):
    mail.sign_in(desk, item())
    text = squeezed(page_texts(mail_forms.print_day_register(desk, clock().date(),
                                                              tmp_path / "d.pdf"))[0])
    assert "2026年11月18日登记，共1件" in text and "SF1234567890123" in text


def test_M2_notice_slip_carries_the_pickup_code_and_count(desk, home, tmp_path):
    mail.sign_in(desk, item("SF1234567890123"))
    mail.sign_in(desk, item("YT1234567890123", position="柜12"))
    notice = mail.record_notice(desk, home, "通知单")
    flat = squeezed(page_texts(mail_forms.print_notice_slip(desk, notice.notice_id,
                                                            tmp_path / "n.pdf"))[0])
    assert "邮件领取通知单" in flat and f"取件码：{notice.code}" in flat
    assert "2件" in flat and "0123" in flat and "柜12" in flat
    assert "张*" in flat and "张三" not in flat        # rule G3 on a mailbox slip
    assert "2026年12月18日" in flat


def test_M5_public_notice_masks_names_and_units(desk, home, tmp_path, clock):
    mail.sign_in(desk, item(addressee="张三丰"))
    with pytest.raises(ValidationError):
        mail_forms.print_public_notice(desk, tmp_path / "x.pdf")
    clock.set(datetime(2026, 12, 19, 9, 0))
    mail.post_public_notice(desk)
    flat = squeezed(page_texts(mail_forms.print_public_notice(desk, tmp_path / "g.pdf"))[0])
    assert "邮件招领公示" in flat and "张**" in flat and "3栋2单元15**" in flat
    assert "张三丰" not in flat and "1502" not in flat
    assert "2027年01月03日" in flat


def test_M5_return_list_for_the_postal_clerk(desk, home, tmp_path):
    a = mail.sign_in(desk, item(unit="9栋1单元101", undeliverable=True, remark="查无此户"))
    done = mail.return_items(desk, [a.id], "邮局王五")
    flat = squeezed(page_texts(mail_forms.print_return_list(desk, done.return_id,
                                                            tmp_path / "r.pdf"))[0])
    assert "退回邮局清单" in flat and "邮局王五" in flat and "邮局经办人签名" in flat
    assert "查无此户" in flat and "SF1234567890123" in flat and "无法投递" in flat


def test_M6_newspaper_sheet(desk, home, tmp_path, clock):
    household(desk, "3栋2单元1503", "钱七", "13600001111")
    mail.receive_newspapers(desk, "人民日报", 3, [CopyInput("3栋2单元1502", 1, "张三"),
                                                CopyInput("3栋2单元1503", 2, "")])
    flat = squeezed(page_texts(mail_forms.print_newspaper_sheet(desk, clock().date(),
                                                                tmp_path / "s.pdf"))[0])
    assert "报纸签收表" in flat and "人民日报" in flat and "留存前台" in flat
    assert "已签收" in flat and "3栋2单元1503" in flat


def test_M3_the_one_keeper_and_the_locked_place_on_the_register(desk, home, tmp_path, clock):
    from wuye_desk import settings
    from wuye_desk.services import office_settings

    office_settings.put(desk, settings.MAIL_KEEPER, "周保管")
    a = mail.sign_in(desk, item(position="柜07"))
    flat = squeezed(page_texts(mail_forms.print_day_register(desk, clock().date(),
                                                              tmp_path / "d.pdf"))[0])
    assert "保管人周保管" in flat and "柜07" in flat and "不得私拆" in flat
    done = mail.hand_out(desk, [a.id], PickupInput("张三", "本人", "身份证", LI_ID))
    flat = squeezed(page_texts(mail_forms.print_pickup_sheet(desk, done.pickup_id,
                                                             tmp_path / "p.pdf"))[0])
    assert "保管人周保管" in flat and "经办人王管理" in flat


def _png(width: int = 120, height: int = 40) -> bytes:
    """A small black-on-white stroke, as the signature pad saves it."""
    import struct
    import zlib

    rows = b"".join(b"\x00" + bytes(0 if abs(x // 3 - y) < 2 else 255 for x in range(width))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_M4_a_signature_signed_on_screen_is_printed_in_the_collectors_box(desk, home, tmp_path):
    from pypdf import PdfReader

    first = mail.sign_in(desk, item("SF1234567890121")).id
    second = mail.sign_in(desk, item("SF1234567890122")).id
    signed = mail.hand_out(desk, [first], PickupInput("李梅", "代领", "居民身份证", LI_ID,
                                                      signature_png=_png()))
    on_paper = mail.hand_out(desk, [second], PickupInput("李梅", "代领", "居民身份证", LI_ID))
    with_image = PdfReader(mail_forms.print_pickup_sheet(desk, signed.pickup_id, tmp_path / "s.pdf"))
    without = PdfReader(mail_forms.print_pickup_sheet(desk, on_paper.pickup_id, tmp_path / "n.pdf"))
    images = with_image.pages[0].images
    assert len(images) == 1 and images[0].image.size == (120, 40)
    assert not without.pages[0].images          # blank, to sign on paper
    assert "领取人签名" in squeezed(page_texts(tmp_path / "n.pdf")[0])


def test_a_damaged_signature_image_leaves_the_box_blank_and_the_form_prints():
    from wuye_desk.reports.forms import _signature_image

    assert _signature_image(b"\x89PNG\r\n\x1a\n" + b"junk" * 10, 100, 40) is None
    assert _signature_image(b"GIF89a", 100, 40) is None and _signature_image(None, 100, 40) is None
    assert _signature_image(_png(), 60, 40) is not None
