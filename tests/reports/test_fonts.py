"""The PDF fonts: the bundled CJK font and its Latin companion, registered once."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from wuye_desk.reports import fonts


def test_register_pdf_font_is_idempotent_and_names_the_cjk_font() -> None:
    assert fonts.register_pdf_font() == fonts.CJK_FONT
    assert fonts.register_pdf_font() == fonts.CJK_FONT
    registered = pdfmetrics.getRegisteredFontNames()
    assert fonts.CJK_FONT in registered and fonts.LATIN_FONT in registered
    assert "STSong-Light" not in registered


def test_runs_give_chinese_to_the_cjk_font_and_latin_to_the_latin_font() -> None:
    assert fonts.runs("3栋2单元1502 ☑业主") == [
        (fonts.LATIN_FONT, "3"),
        (fonts.CJK_FONT, "栋"),
        (fonts.LATIN_FONT, "2"),
        (fonts.CJK_FONT, "单元"),
        (fonts.LATIN_FONT, "1502 ☑"),
        (fonts.CJK_FONT, "业主"),
    ]


def test_markup_escapes_text() -> None:
    assert fonts.markup("<b>&") == f'<font face="{fonts.LATIN_FONT}">&lt;b&gt;&amp;</font>'
