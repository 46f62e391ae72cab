"""The return-visit satisfaction rate (rule S2).

    rate = 合格 ÷ (合格 + 不满意) × 100%

很满意, 满意 and 较满意 count as 合格 (the return-visit record's A 满意 and B
较满意 too); 不满意 (C) is not; visits without a rating are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

QUALIFIED = ("很满意", "满意", "较满意")
UNQUALIFIED = ("不满意",)
_LETTERS = {"A": "满意", "B": "较满意", "C": "不满意"}  # rule C9's record


def normalise(rating: str | None) -> str | None:
    """"A 满意" / "A" / " 满意 " → "满意"; blank or unknown → None (unrated)."""
    text = "".join((rating or "").split())
    if not text:
        return None
    if text[0].upper() in _LETTERS and (len(text) == 1 or not text[1].isascii()):
        rest = text[1:].lstrip(".、:：")
        return rest if rest in QUALIFIED + UNQUALIFIED else _LETTERS[text[0].upper()]
    return text if text in QUALIFIED + UNQUALIFIED else None


@dataclass(frozen=True)
class Satisfaction:
    qualified: int
    unqualified: int
    unrated: int

    @property
    def rated(self) -> int:
        return self.qualified + self.unqualified

    @property
    def rate(self) -> float | None:
        """Percent, or None when nothing was rated (rule S2)."""
        if not self.rated:
            return None
        return self.qualified * 100.0 / self.rated

    @property
    def text(self) -> str:
        rate = self.rate
        return "—（无评价）" if rate is None else f"{rate:.1f}%"


def satisfaction(ratings: Iterable[str | None]) -> Satisfaction:
    """Rule S2 over individual ratings."""
    counts: dict[str | None, int] = {}
    for r in ratings:
        key = normalise(r)
        counts[key] = counts.get(key, 0) + 1
    return satisfaction_of_counts(counts)


def satisfaction_of_counts(counts: Mapping[str | None, int]) -> Satisfaction:
    """Rule S2 over counts per rating label (as a GROUP BY gives them)."""
    qualified = unqualified = unrated = 0
    for label, n in counts.items():
        key = normalise(label)
        if key in QUALIFIED:
            qualified += n
        elif key in UNQUALIFIED:
            unqualified += n
        else:
            unrated += n
    return Satisfaction(qualified, unqualified, unrated)
