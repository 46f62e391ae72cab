"""The mail rules as plain Python (M1, M2, M5): tracking numbers, carriers, deadlines."""

from datetime import datetime

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.mail import (
    Carrier,
    MailKind,
    NoticeMethod,
    add_months,
    clean_tracking,
    is_s10,
    kind_hint,
    pickup_code,
    public_notice_due,
    read_pickup_code,
    recognise_carrier,
    return_due,
    s10_check_digit,
    tracking_tail,
    undeliverable_due,
)


def test_M2_tracking_number_normalised_from_scanner_or_typing():
    assert clean_tracking(" sf 1234-5678-9012 ") == "SF123456789012"
    assert clean_tracking("ＳＦ１２３４５６７８９０１２") == "SF123456789012"  # full-width IME


@pytest.mark.parametrize("bad", ["", "   ", "12345", "SF12345678901234567890123456789012345678901",
                                 "顺丰123456", "SF123456789012\x00", "EA12345678#CN"])
def test_M2_malformed_tracking_number_refused(bad):
    with pytest.raises(ValidationError) as err:
        clean_tracking(bad)
    assert err.value.field == "运单号"


def test_M1_s10_check_digit_as_upu_defines_it():
    assert s10_check_digit("12345678") == 5
    assert is_s10("EA123456785CN")
    assert not is_s10("EA123456789CN")        # wrong check digit
    assert not is_s10("EA12345678CN")


def test_M1_carrier_recognised_only_where_reliable():
    assert recognise_carrier("EA123456785CN") is Carrier.EMS
    assert recognise_carrier("RR123456785CN") is Carrier.POST
    assert recognise_carrier("EA123456789CN") is None      # check digit fails: the clerk chooses
    assert recognise_carrier("EA123456785US") is None      # a foreign post: the clerk chooses
    assert recognise_carrier("SF1234567890123") is Carrier.SF
    assert recognise_carrier("JDVA12345678901") is Carrier.JD
    assert recognise_carrier("YT1234567890123") is Carrier.YTO
    assert recognise_carrier("JT1234567890123") is Carrier.JT
    assert recognise_carrier("773123456789012") is None    # digits only: ZTO? STO? unknown
    assert recognise_carrier("4312345678901") is None


def test_M1_kind_hint_from_s10_service_indicator():
    assert kind_hint("RR123456785CN") is MailKind.REGISTERED
    assert kind_hint("EA123456785CN") is MailKind.EXPRESS_MAIL
    assert kind_hint("CP123456785CN") is MailKind.PARCEL
    assert kind_hint("SF1234567890123") is None


def test_M2_choices_accept_office_synonyms():
    assert MailKind.parse("包裹") is MailKind.PARCEL
    assert Carrier.parse("顺丰速运") is Carrier.SF
    assert NoticeMethod.parse("发短信") is NoticeMethod.SMS
    with pytest.raises(ValidationError):
        NoticeMethod.parse("飞鸽传书")


def test_M5_unclaimed_a_month_goes_on_public_notice():
    assert public_notice_due(datetime(2026, 10, 18, 9)) == datetime(2026, 11, 18, 9)
    assert public_notice_due(datetime(2026, 1, 31, 9)) == datetime(2026, 2, 28, 9)
    assert add_months(datetime(2026, 12, 5), 1) == datetime(2027, 1, 5)
    assert add_months(datetime(2026, 1, 5), -1) == datetime(2025, 12, 5)


def test_M5_return_after_notice_period_and_undeliverable_within_a_week():
    assert return_due(datetime(2026, 11, 1), 15) == datetime(2026, 11, 16)
    assert undeliverable_due(datetime(2026, 11, 18, 10)) == datetime(2026, 11, 25, 10)


def test_M4_pickup_code_reads_back():
    code = pickup_code(42)
    assert code == "QJ00000042"
    assert read_pickup_code(code) == 42
    assert read_pickup_code(" qj00000042 ") == 42
    assert read_pickup_code("SF1234567890123") is None
    assert read_pickup_code("QJ42") is None


def test_M2_tracking_tail_on_slips():
    assert tracking_tail("SF1234567890123") == "0123"
    assert tracking_tail("EA123456785CN") == "6785"
    assert tracking_tail("ABCDEFGH") == "EFGH"
