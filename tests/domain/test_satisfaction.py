"""Rule S2: 合格 = 很满意 + 满意 + 较满意; rate = 合格 ÷ (合格 + 不满意); unrated left out."""

import pytest

from wuye_desk.domain.satisfaction import normalise, satisfaction, satisfaction_of_counts


def test_S2_rate_counts_three_grades_as_qualified_and_leaves_unrated_out():
    s = satisfaction(["很满意", "满意", "较满意", "不满意", None, "", "未评价"])
    assert (s.qualified, s.unqualified, s.unrated) == (3, 1, 3)
    assert s.rate == 75.0 and s.text == "75.0%"


def test_S2_no_rating_at_all_gives_no_rate_rather_than_zero():
    s = satisfaction([None, ""])
    assert s.rate is None and "无评价" in s.text


def test_S2_from_group_by_counts_and_the_return_visit_letters():
    s = satisfaction_of_counts({"A 满意": 6, "B": 2, "C 不满意": 2, None: 5})
    assert s.rate == 80.0 and s.rated == 10 and s.unrated == 5


@pytest.mark.parametrize("raw,expected", [("A", "满意"), ("b", "较满意"), ("C", "不满意"),
                                          (" 很 满意 ", "很满意"), ("A、满意", "满意"),
                                          ("还行", None), ("Average", None)])
def test_S2_normalised_labels(raw, expected):
    assert normalise(raw) == expected
