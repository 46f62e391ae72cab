"""Office settings: declared once, checked, stored for every desk, audited."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wuye_desk import settings
from wuye_desk.domain.errors import PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import office_settings


def test_defaults_until_changed_then_the_stored_value(desk):
    assert office_settings.get(desk, settings.OFFICE_NAME) == settings.OFFICE_NAME.default
    office_settings.put(desk, settings.OFFICE_NAME, "阳光花园管理处")
    assert office_settings.get(desk, settings.OFFICE_NAME) == "阳光花园管理处"
    assert office_settings.get_all(desk)["office.name"] == "阳光花园管理处"


def test_text_from_the_command_line_is_converted_or_refused(desk):
    office_settings.put_many(desk, {"privacy.visitor_id_retention_days": "90",
                                    "calendar.extra_holidays": "2027-01-04、2027-01-05"})
    assert office_settings.get(desk, settings.VISITOR_ID_RETENTION_DAYS) == 90
    assert office_settings.get(desk, settings.EXTRA_HOLIDAYS) == ["2027-01-04", "2027-01-05"]
    for key, bad in [("privacy.visitor_id_retention_days", "很多"),
                     ("privacy.visitor_id_retention_days", "-3"),
                     ("no.such.key", "1")]:
        with pytest.raises(ValidationError):
            office_settings.put_many(desk, {key: bad})
    assert office_settings.get(desk, settings.VISITOR_ID_RETENTION_DAYS) == 90


def test_one_bad_value_writes_none_of_the_others(desk):
    with pytest.raises(ValidationError):
        office_settings.put_many(desk, {"office.name": "新名字",
                                        "privacy.visitor_id_retention_days": "x"})
    assert office_settings.get(desk, settings.OFFICE_NAME) == settings.OFFICE_NAME.default


def test_only_managers_and_administrators_change_settings(desk_as):
    with pytest.raises(PermissionDenied):
        office_settings.put(desk_as(Role.FRONT_DESK), settings.OFFICE_NAME, "x")
    office_settings.put(desk_as(Role.MANAGER), settings.OFFICE_NAME, "经理改的")


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
           deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_stored_unchanged_or_refused(desk, text):
    try:
        office_settings.put(desk, settings.OFFICE_ADDRESS, text)
    except ValidationError as exc:
        assert exc.field == settings.OFFICE_ADDRESS.key
        return
    assert office_settings.get(desk, settings.OFFICE_ADDRESS) == text.strip()
