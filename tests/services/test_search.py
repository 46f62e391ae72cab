"""Search finds any part of a name, unit or phone — one character, two, many — and pinyin
initials, through the FTS index on SQLite and LIKE on PostgreSQL."""

import pytest

from wuye_desk.domain import search_text
from wuye_desk.services import households
from wuye_desk.services.households import HouseholdInput, MemberInput


@pytest.fixture
def archive(any_desk):
    for unit, name, phone in [("3-2-1502", "张三", "13812345678"),
                              ("3-2-1503", "张三丰", "13912340000"),
                              ("A座1203", "欧阳娜娜", "13700001111"),
                              ("10-1-101", "李四", "")]:
        households.create_household(any_desk, HouseholdInput(
            unit=unit, members=[MemberInput(name, "业主", phone)]))
    return any_desk


@pytest.mark.parametrize(("query", "names"), [
    ("张", ["张三", "张三丰"]),           # one character
    ("三丰", ["张三丰"]),                 # two characters inside a name
    ("欧阳娜娜", ["欧阳娜娜"]),           # four
    ("zs", ["张三", "张三丰"]),           # pinyin initials
    ("zsf", ["张三丰"]),
    ("1234", ["张三", "张三丰"]),          # digits anywhere in a phone
    ("5678", ["张三"]),
    ("1502", ["张三"]),                   # part of a room number
    ("A座", ["欧阳娜娜"]),
    ("张 1391", ["张三丰"]),              # every word must match
    ("王", []),
    ('"', []), ("*", []), ("%", []), ("'; drop table household; --", []),
])
def test_any_part_at_any_length(archive, query, names):
    assert sorted(h.name for h in households.search(archive, query)) == sorted(names)


def test_the_list_filter_uses_the_same_search(archive):
    assert households.list_query(archive, "zs").count() == 2


def test_a_changed_name_is_found_by_its_new_name_only(archive):
    hit = households.search(archive, "李四")[0]
    view = households.get_household(archive, hit.id)
    data = households.to_input(view)
    data.members[0].name = "王五"
    households.update_household(archive, hit.id, view.version, data)
    assert households.search(archive, "李四") == []
    assert [h.name for h in households.search(archive, "ww")] == ["王五"]


def test_spaced_text_and_match_expressions():
    assert search_text.spaced("张三 138") == "张 三 | 1 3 8"
    assert search_text.fts_match('张"三 13') == '"张 三" AND "1 3"'
    assert search_text.fts_match("-- %") == ""
