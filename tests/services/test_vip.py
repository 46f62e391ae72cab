"""The VIP register on a real SQLite file (rules P1–P6, G2, G3)."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.services.vip_helpers import application, apply_and_issue, host_household, rows, snapshot
from wuye_desk import settings
from wuye_desk.domain.errors import PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import office_settings, overview, vip, vip_figures
from wuye_desk.services.vip import FamilyInput, VipFilter
from wuye_desk.store.models import VipCard, VipService


def test_P1_a_vip_is_a_person_of_a_household_in_the_archive(desk):
    hid = host_household(desk)
    vip_id = vip.apply(desk, application(hid, preferences="喜欢安静", assistant="周晓燕"))
    v = vip.get_vip(desk, vip_id)
    assert (v.unit, v.name, v.phone, v.level) == ("3栋2单元1502", "张三", "13812345678", "其他级")
    assert v.assistant == "周晓燕" and v.preferences == "喜欢安静"
    assert [(f.name, f.relation, f.birthday.text) for f in v.family] == [("李梅", "配偶", "农历十月十三")]
    assert v.card_number == "" and v.badge == "VIP 待发卡"


def test_P3_issuing_to_someone_not_in_the_archive_is_refused_and_nothing_written(desk):
    hid = host_household(desk)
    before = snapshot(desk)
    with pytest.raises(ValidationError) as exc:
        vip.apply(desk, application(hid, name="王五"))            # not a member of the household
    assert exc.value.rule == "P3" and "不是3栋2单元1502档案中的成员" in exc.value.message
    with pytest.raises(ValidationError) as exc:
        vip.apply(desk, application(None, unit="9栋1单元101"))   # no such household
    assert exc.value.rule == "P1"
    with pytest.raises(ValidationError):
        vip.apply(desk, application(9999))
    assert snapshot(desk) == before


@pytest.mark.parametrize(("change", "field"), [
    ({"approved_by": ""}, "批准人"), ({"qualification": "  "}, "入选理由"),
    ({"level": "钻石级"}, "VIP级别"), ({"name": ""}, "姓名"), ({"phone": "12345"}, "电话"),
    ({"birthday": "02-30"}, "生日"), ({"applied_on": "2026-13-01"}, "申请日期"),
    ({"approved_on": "2026-11-01"}, "批准日期"), ({"applied_on": "2027-01-01"}, "申请日期"),
    ({"family": [FamilyInput("李梅", "配偶", "农历", "2026-02-30")]}, "家属生日"),
    ({"family": [FamilyInput("", "配偶", "公历", "01-01")]}, "家属姓名"),
    ({"note": "x\x07"}, "备注"), ({"preferences": "长" * 501}, "喜好与习惯"),
])
def test_P3_a_bad_application_is_refused_naming_the_field(desk, change, field):
    hid = host_household(desk)
    before = snapshot(desk)
    with pytest.raises(ValidationError) as exc:
        vip.apply(desk, application(hid, **change))
    assert exc.value.field == field
    assert snapshot(desk) == before


def test_P3_one_archive_per_person(desk):
    hid = host_household(desk)
    vip.apply(desk, application(hid))
    with pytest.raises(ValidationError, match="已有VIP档案"):
        vip.apply(desk, application(hid))


def test_P2_the_first_card_is_JK2001_and_a_lost_card_is_replaced_by_JK2002(desk):
    hid = host_household(desk)
    vip_id, number = apply_and_issue(desk, hid)
    assert number == "JK2001"
    assert vip.card_status_for_household(desk, hid) == "VIP JK2001 有效"
    done = vip.replace_lost_card(desk, vip_id, "客户出差遗失")
    assert (done.number, done.voided) == ("JK2002", "JK2001")
    v = vip.get_vip(desk, vip_id)
    assert [(c.number, c.status, c.reason) for c in v.cards] == [
        ("JK2002", "有效", "补发"), ("JK2001", "已挂失作废", "新发")]
    assert v.cards[0].valid_to == v.cards[1].valid_to == date(2029, 11, 17)  # no extension
    assert vip.card_status_for_household(desk, hid) == "VIP JK2002 有效"
    assert vip.find_card(desk, "jk2001") == vip_id  # the old number still finds its holder


def test_P2_numbers_are_never_reused_after_revocation_or_expiry(desk, clock):
    a = host_household(desk, "1栋1单元101")
    b = host_household(desk, "1栋1单元102")
    c = host_household(desk, "1栋1单元103")
    first, n1 = apply_and_issue(desk, a)
    vip.revoke_card(desk, first, "恶意拖欠物业管理费", "拒缴12个月")
    _, n2 = apply_and_issue(desk, b)
    assert (n1, n2) == ("JK2001", "JK2002")
    clock.set(datetime(2029, 12, 1, 10))         # JK2002 has expired
    _, n3 = apply_and_issue(desk, c, applied_on="2029-11-30", approved_on="2029-11-30")
    assert n3 == "JK2003"
    with desk.read() as s:
        assert sorted(s.scalars(select(VipCard.number))) == ["JK2001", "JK2002", "JK2003"]


def test_P2_each_level_has_its_own_sequence_and_the_prefix_comes_from_settings(desk):
    a, b = host_household(desk, "1栋1单元101"), host_household(desk, "1栋1单元102")
    assert apply_and_issue(desk, a, level="政府官员级")[1] == "JK1001"
    office_settings.put(desk, settings.VIP_CARD_PREFIX, "hx")
    assert apply_and_issue(desk, b, level="集团领导级")[1] == "HX0001"
    with pytest.raises(ValidationError):
        office_settings.put(desk, settings.VIP_CARD_PREFIX, "H1")


def test_P2_a_full_level_is_refused_with_a_clear_message(desk):
    a, b = host_household(desk, "1栋1单元101"), host_household(desk, "1栋1单元102")
    vip_id, _ = apply_and_issue(desk, a)
    with desk.write("测试：用到999号") as s:        # as if 998 more cards had been issued
        s.add(VipCard(vip_id=vip_id, number="JK2999", prefix="JK", level=2, sequence=999,
                      issued_on=date(2026, 1, 1), valid_to=date(2026, 1, 2), reason="新发",
                      status="已挂失作废", end_reason="", end_note=""))
    second = vip.apply(desk, application(b))
    before = snapshot(desk)
    with pytest.raises(ValidationError) as exc:
        vip.issue_card(desk, second)
    assert "其他级的VIP卡号（2001–2999）已全部用完" in exc.value.message
    assert snapshot(desk) == before


def test_P4_a_duplicate_active_card_for_one_person_is_refused(desk):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    before = snapshot(desk)
    with pytest.raises(ValidationError) as exc:
        vip.issue_card(desk, vip_id)
    assert "一人只能持一张有效卡" in exc.value.message and exc.value.rule == "P4"
    assert snapshot(desk) == before


def test_P4_a_card_issued_three_years_ago_shows_as_expired(desk, clock):
    hid = host_household(desk)
    clock.set(datetime(2023, 11, 18, 9))
    vip_id, number = apply_and_issue(desk, hid, applied_on="2023-11-10", approved_on="2023-11-12")
    clock.set(datetime(2026, 11, 17, 9))
    assert vip.card_status_for_household(desk, hid) == "VIP JK2001 有效"
    clock.set(datetime(2026, 11, 18, 9))
    assert vip.card_status_for_household(desk, hid) == "VIP JK2001 已过期"
    assert vip.get_vip(desk, vip_id).card_status == "已过期"
    page = vip.list_query(desk, VipFilter(status="已过期")).page()
    assert [r.values[0] for r in page.rows] == [number]
    # no services on a void card; a lost expired card is renewed, not replaced
    with pytest.raises(ValidationError, match="过期"):
        vip.log_service(desk, vip_id, "优先服务", "报修")
    with pytest.raises(ValidationError, match="请办理换发"):
        vip.replace_lost_card(desk, vip_id)
    with pytest.raises(ValidationError, match="换发"):
        vip.issue_card(desk, vip_id)


def test_P4_renewal_checks_the_qualification_again_and_issues_a_new_card(desk, clock):
    hid = host_household(desk)
    clock.set(datetime(2023, 11, 18, 9))
    vip_id, _ = apply_and_issue(desk, hid, applied_on="2023-11-10", approved_on="2023-11-12")
    clock.set(datetime(2026, 6, 1, 9))
    with pytest.raises(ValidationError, match="到期前60天内才能换发"):
        vip.renew_card(desk, vip_id, "刘经理")
    clock.set(datetime(2026, 12, 1, 9))
    with pytest.raises(ValidationError) as exc:
        vip.renew_card(desk, vip_id, "  ")
    assert exc.value.field == "资格复核人" and exc.value.rule == "P4"
    done = vip.renew_card(desk, vip_id, "刘经理", "政府官员级")
    assert (done.number, done.voided, done.valid_to) == ("JK1001", "JK2001", date(2029, 11, 30))
    v = vip.get_vip(desk, vip_id)
    assert v.level == "政府官员级" and v.cards[1].status == "已换发"
    assert v.cards[0].checked_by == "刘经理"


def test_P5_revocation_with_its_reason_and_a_revoked_card_cannot_be_renewed(desk, clock):
    hid = host_household(desk)
    vip_id, _ = apply_and_issue(desk, hid)
    before = snapshot(desk)
    for reason, note in (("", "拒缴"), ("服务态度差", "拒缴"), ("欠费", "")):
        with pytest.raises(ValidationError) as exc:
            vip.revoke_card(desk, vip_id, reason, note)
        assert exc.value.field in ("撤销原因", "撤销说明")
    assert snapshot(desk) == before
    assert vip.revoke_card(desk, vip_id, "欠费", "连续12个月拒缴物业费") == "JK2001"
    v = vip.get_vip(desk, vip_id)
    assert v.card_status == "已撤销" and v.cards[0].end_reason == "恶意拖欠物业管理费"
    assert vip.card_status_for_household(desk, hid) == "VIP JK2001 已撤销"
    clock.set(datetime(2029, 11, 1, 9))
    for action in (lambda: vip.renew_card(desk, vip_id, "刘经理"),
                   lambda: vip.replace_lost_card(desk, vip_id),
                   lambda: vip.issue_card(desk, vip_id),
                   lambda: vip.revoke_card(desk, vip_id, "欠费", "再撤"),
                   lambda: vip.log_service(desk, vip_id, "咨询服务", "咨询")):
        with pytest.raises(ValidationError) as exc:
            action()
        assert exc.value.rule == "P5"


def test_P6_each_service_is_logged_with_who_and_when(desk, clock):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    vip.log_service(desk, vip_id, "优先", "优先安排空调维修", given_by="周晓燕")
    clock.set(datetime(2026, 11, 18, 15, 30))
    vip.log_service(desk, vip_id, "紧急现金援助", "异地出差信用卡被盗", amount="1500")
    v = vip.get_vip(desk, vip_id)
    assert [(s.kind, s.given_by, s.given_at.hour, s.amount_fen, s.operator_name)
            for s in v.services] == [("紧急现金援助", "王管理", 15, 150000, "王管理"),
                                     ("优先服务", "周晓燕", 10, 0, "王管理")]
    assert vip.aid_total(desk, vip_id) == "1500元"


@pytest.mark.parametrize(("kind", "detail", "amount", "field"), [
    ("紧急现金援助", "被盗", "2500", "金额"), ("紧急现金援助", "被盗", "", "金额"),
    ("紧急现金援助", "被盗", "-1", "金额"), ("优先服务", "报修", "100", "金额"),
    ("洗车", "洗车", "", "服务类别"), ("咨询服务", "", "", "服务内容"),
    ("咨询服务", "长" * 201, "", "服务内容"),
])
def test_P6_a_bad_service_entry_is_refused_and_nothing_written(desk, kind, detail, amount, field):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    before = snapshot(desk)
    with pytest.raises(ValidationError) as exc:
        vip.log_service(desk, vip_id, kind, detail, amount=amount)
    assert exc.value.field == field
    assert snapshot(desk) == before


def test_P6_the_cash_aid_limit_comes_from_settings(desk):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    office_settings.put(desk, settings.VIP_CASH_AID_LIMIT, 3000)
    vip.log_service(desk, vip_id, "紧急现金援助", "被盗", amount="2500")
    assert rows(desk, VipService) == 1


def test_G3_only_operators_with_VIEW_VIP_see_the_archive(desk, desk_as):
    hid = host_household(desk)
    vip_id, _ = apply_and_issue(desk, hid)
    clerk = desk_as(Role.FRONT_DESK)
    for look in (lambda: vip.get_vip(clerk, vip_id), lambda: vip.list_query(clerk),
                 lambda: vip.find_card(clerk, "JK2001"),
                 lambda: vip.log_service(clerk, vip_id, "咨询服务", "x"),
                 lambda: vip.apply(clerk, application(hid)),
                 lambda: vip.revoke_card(clerk, vip_id, "欠费", "x")):
        with pytest.raises(PermissionDenied):
            look()
    # the badge is what other registers show: the card, not the archive
    assert vip.card_status_for_household(clerk, hid) == "VIP JK2001 有效"
    assistant = desk_as(Role.VIP_ASSISTANT)
    assert vip.get_vip(assistant, vip_id).name == "张三"
    vip.log_service(assistant, vip_id, "咨询服务", "房屋出租咨询")


def test_the_list_filters_by_status_level_and_text(desk, clock):
    a, b, c = (host_household(desk, u) for u in ("1栋1单元101", "2栋1单元101", "3栋1单元101"))
    apply_and_issue(desk, a)
    vb, _ = apply_and_issue(desk, b, level="集团领导级")
    vip.apply(desk, application(c))
    vip.revoke_card(desk, vb, "损害集团利益", "x")

    def numbers(**kw) -> list[str]:
        return [r.values[0] for r in vip.list_query(desk, VipFilter(**kw)).page().rows]

    assert numbers() == ["JK2001", "JK0001", "—"]
    assert numbers(status="有效") == ["JK2001"]
    assert numbers(status="已撤销") == ["JK0001"]
    assert numbers(status="待发卡") == ["—"]
    assert numbers(level="集团领导级") == ["JK0001"]
    assert numbers(text="jk2001") == ["JK2001"]
    assert numbers(text="zs") == ["JK2001", "JK0001", "—"]   # pinyin initials of 张三
    assert numbers(text="2栋") == ["JK0001"]
    with pytest.raises(ValidationError):
        vip.list_query(desk, VipFilter(status="冻结"))
    clock.set(datetime(2029, 10, 1, 9))
    assert numbers(status="即将到期") == ["JK2001"]


def test_P4_cards_expiring_within_60_days_appear_on_the_overview(desk, clock):
    hid = host_household(desk)
    clock.set(datetime(2023, 11, 18, 9))
    apply_and_issue(desk, hid, applied_on="2023-11-10", approved_on="2023-11-12", family=[],
                    birthday="")
    def cards() -> list:
        return [ln for ln in overview.gather(desk) if ln.text.startswith("VIP卡")]

    clock.set(datetime(2026, 9, 17, 9))              # 61 days before the end
    assert cards() == []
    clock.set(datetime(2026, 9, 18, 9))              # 60 days before
    assert [ln.text for ln in cards()] == [
        "VIP卡JK2001（3栋2单元1502 张三）还有60天到期（2026-11-17），请审核资格、准备换发（规则P4）"]
    clock.set(datetime(2026, 11, 20, 9))
    line = cards()[0]
    assert "已于2026-11-17过期作废" in line.text and line.tone.value == "overdue"
    assert line.tab == "vip" and line.record_id is not None


def test_P6_a_lunar_birthday_this_week_and_the_coming_mid_autumn_on_the_overview(desk, clock):
    hid = host_household(desk)
    apply_and_issue(desk, hid)   # the wife's birthday: lunar 十月十三 → 21 November 2026
    lines = [ln.text for ln in overview.gather(desk) if ln.area == "VIP"]
    assert lines == ["VIP客户张三（JK2001）的配偶李梅 11月21日生日（农历十月十三），"
                     "请安排生日问候（亲情服务，规则P6）"]
    clock.set(datetime(2027, 9, 10, 9))               # 中秋节 2027 is 15 September
    lines = [ln.text for ln in overview.gather(desk) if ln.area == "VIP"]
    assert "09月15日 中秋节：向1位VIP客户及家属致以节日问候（亲情服务，规则P6）" in lines


def test_P6_greetings_only_for_vips_with_a_valid_card(desk, clock):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    vip.revoke_card(desk, vip_id, "欠费", "x")
    assert vip.greetings(desk).birthdays == []
    with pytest.raises(ValidationError):
        vip.greetings(desk, -1)


def test_the_archive_is_kept_current_with_family_birthdays(desk):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    v = vip.get_vip(desk, vip_id)
    data = vip.to_input(v)
    data.preferences = "素食"
    data.family.append(FamilyInput("张小明", "儿子", "公历", "2010-06-01"))
    vip.update_archive(desk, vip_id, v.version, data)
    v2 = vip.get_vip(desk, vip_id)
    assert v2.preferences == "素食" and [f.name for f in v2.family] == ["李梅", "张小明"]
    assert v2.family[1].next_birthday == date(2027, 6, 1)
    from wuye_desk.domain.errors import ConflictError

    with pytest.raises(ConflictError):
        vip.update_archive(desk, vip_id, v.version, data)


def test_G2_segments_and_levels_as_figures(desk):
    from wuye_desk.services import households

    a = host_household(desk, "1栋1单元101")
    b = host_household(desk, "A座1203")
    for hid, segment in ((a, "空巢家庭"), (b, "成熟家庭")):
        data = households.to_input(households.get_household(desk, hid))
        data.segment = segment
        view = households.get_household(desk, hid)
        households.update_household(desk, hid, view.version, data)
    apply_and_issue(desk, a)
    apply_and_issue(desk, b, level="政府官员级")
    seg = vip_figures.segments(desk)
    assert seg.households_per_segment["空巢家庭"] == 1 and seg.households_per_segment["未填"] == 0
    assert seg.vips_per_level == {"集团领导级": 0, "政府官员级": 1, "其他级": 1}
    assert seg.vips_per_building == {"1": 1, "A": 1}
    assert seg.vip_households_per_segment["成熟家庭"] == 1
    assert "VIP客户（按楼栋）：1栋1，A座1" in seg.lines()


def test_month_end_figures(desk, clock):
    a, b = host_household(desk, "1栋1单元101"), host_household(desk, "1栋1单元102")
    va, _ = apply_and_issue(desk, a)
    vb, _ = apply_and_issue(desk, b)
    vip.replace_lost_card(desk, va)
    vip.log_service(desk, va, "紧急现金援助", "被盗", amount="800")
    vip.log_service(desk, va, "紧急现金援助", "被盗", amount="200.5")
    vip.log_service(desk, vb, "亲情服务", "生日问候")
    vip.revoke_card(desk, vb, "欠费", "拒缴")
    f = vip_figures.vip_figures(desk, date(2026, 11, 1), date(2026, 11, 30))
    assert f.issued == {"新发": 2, "换发": 0, "补发": 1}
    assert (f.revoked, f.lost, f.expired) == (1, 1, 0)
    assert f.services["紧急现金援助"] == 2 and f.services["亲情服务"] == 1
    assert (f.cash_aid_count, f.cash_aid_fen) == (2, 100050)
    assert "紧急现金援助 2 次，共 1000.50元" in f.lines()
    later = vip_figures.vip_figures(desk, date(2029, 11, 1), date(2029, 11, 30))
    assert later.expired == 1    # the replacement JK2003 ends 2029-11-17
    with pytest.raises(ValidationError):
        vip_figures.vip_figures(desk, date(2026, 12, 1), date(2026, 11, 1))


def test_every_write_is_in_the_audit_trail(desk):
    from wuye_desk.store.models import AuditEntry

    vip_id, _ = apply_and_issue(desk, host_household(desk))
    vip.replace_lost_card(desk, vip_id)
    with desk.read() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("%VIP%")).distinct()))
    assert any("补发VIP卡 JK2001作废→JK2002" in a for a in actions)
    assert any("发放VIP卡 JK2001" in a for a in actions)


def test_P6_the_daily_job_tells_of_todays_birthdays_festivals_and_expiring_cards(desk, clock):
    from wuye_desk.services import daily

    assert vip.daily_job(desk) == ""
    apply_and_issue(desk, host_household(desk))
    assert vip.daily_job(desk) == ""
    clock.set(datetime(2026, 11, 21, 9))       # the wife's lunar birthday
    assert vip.daily_job(desk) == "今天1位VIP客户或家属生日（详见总览）"
    clock.set(datetime(2027, 9, 15, 9))        # 中秋节
    assert "今天是中秋节，请安排VIP节日问候" in vip.daily_job(desk)
    clock.set(datetime(2029, 10, 1, 9))
    assert "1张VIP卡60天内到期" in vip.daily_job(desk)
    assert "1张VIP卡60天内到期" in "".join(daily.run_all(desk))
