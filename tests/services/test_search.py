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


# --- short queries, and the grams that make digit and letter fragments fast ------------

@pytest.mark.parametrize(("query", "names"), [
    ("丰", ["张三丰"]),                   # one Chinese character
    ("娜", ["欧阳娜娜"]),
    ("欧阳", ["欧阳娜娜"]),               # two
    ("张三", ["张三", "张三丰"]),
    ("zs", ["张三", "张三丰"]),           # pinyin initials, two letters
    ("ZS", ["张三", "张三丰"]),           # typed in capitals
    ("ｚｓ", ["张三", "张三丰"]),           # full-width
    ("sf", ["张三丰"]),                   # the end of the initials
    ("yn", ["欧阳娜娜"]),                 # inside the initials (oynn)
    ("123", ["张三", "张三丰"]),           # three digits
    ("678", ["张三"]),                    # three digits at a phone's end
    ("0000", ["张三丰", "欧阳娜娜"]),     # four
    ("1111", ["欧阳娜娜"]),
    ("9123", ["张三丰"]),                 # across the phone's usual groups
    ("5679", []),                         # digits that are in no single number
    ("1381234567", ["张三"]),
    ("13812345679", []),
    ("02 z", ["张三"]),                   # two words, each short
    ("a1203", ["欧阳娜娜"]),              # letters and digits of a unit
])
def test_short_queries_find_what_they_should(archive, query, names):
    assert sorted(h.name for h in households.search(archive, query)) == sorted(names)


@pytest.mark.parametrize("query", ["张", "zs", "123", "1", "13"])
def test_a_common_word_finds_the_same_rows_by_either_plan(archive, monkeypatch, query):
    from wuye_desk.store import search_index

    rare = sorted(h.name for h in households.search(archive, query))
    monkeypatch.setattr(search_index, "MANY", 1)      # every word counts as common
    assert sorted(h.name for h in households.search(archive, query)) == rare


def test_digit_and_letter_runs_are_indexed_as_grams():
    text = search_text.build("13812", "京A1", names=("张三",))
    assert text == "1 3 8 1 2 | 京 a 1 | z s | 138 | 381 | 812 | 12 | a1 | zs"
    assert search_text.without_grams(text) == "1 3 8 1 2 | 京 a 1 | z s"
    assert search_text.with_grams(text) == text                  # grams made once
    assert search_text.fts_match("5678") == '"567 678"'
    assert search_text.fts_match("zsf") == '"zsf"'
    assert search_text.fts_match("楼1502") == '"楼 1 5 0 2" AND "150 502"'
    assert search_text.fts_match("张") == '"张"'


def test_grams_never_join_two_numbers():
    # 12345 and 45678 must not make "3456" by running into each other
    text = search_text.build("12345", "45678")
    assert "345 | 45 | 456" in text     # the two-character tail keeps them apart


def test_rule_like_on_the_spaced_text_never_matches_inside_the_grams():
    # PostgreSQL matches phrases of spaced single characters with LIKE: a gram section
    # ("123 | 234") holds no "x y" pair, so "3 2" (typed "32") is found only in the text
    text = search_text.build("1234")
    assert "3 2" not in text and "2 3" in text


def test_migration_0009_regrams_existing_search_text(db_path):
    import sqlalchemy as sa
    from alembic import command

    from wuye_desk.store import migrate
    from wuye_desk.store.database import open_database

    db = open_database(db_path)
    cfg = migrate._config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008_search_index")
    with db.write_engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO household (unit_code, unit_sort, building, occupancy, tenure, "
            "note, primary_name, primary_phone, search_text, created_at, version) VALUES "
            "('3-2-1502', '0003-0002-1502', '3', '自住', '业主', '', '张三', '13812345678', "
            "'3 栋 2 单 元 1 5 0 2 | 张 三 | 1 3 8 1 2 3 4 5 6 7 8 | z s', "
            "'2026-01-01 00:00:00', 1)"))
    db.dispose()
    db = open_database(db_path)                       # upgrades to the heads again
    with db.read_engine.connect() as conn:
        body = conn.execute(sa.text("SELECT search_text FROM household")).scalar_one()
        found = conn.execute(sa.text(
            "SELECT count(*) FROM household_fts WHERE household_fts MATCH '\"567 678\"'"
        )).scalar_one()
    db.dispose()
    assert "| 567 | 678 |" in body and found == 1
