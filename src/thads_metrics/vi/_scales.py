"""The Vietnamese scale words (đơn vị đếm: nghìn, triệu, tỷ) and the split into their groups.

One table holds the words that name powers of ten, with every spelling the
parsers accept; :func:`split` is the one place a whole number is cut into the
groups those words count. The writers (:mod:`~thads_metrics.vi.format`,
:mod:`~thads_metrics.vi.words`) only style the groups, the parsers
(:mod:`~thads_metrics.vi.parse`) only look the words up.

>>> split(36_576_087_535_000)
Groups(billions=36576, millions=87, thousands=535, units=0)
>>> IN_FIGURES["ngàn"], IN_FIGURES["ty"], SCALED["nghìn tỷ"]
(1000, 1000000000, 12)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

__all__ = [
    "BILLION",
    "GROUP_WORDS",
    "HUNDRED",
    "IN_FIGURES",
    "IN_WORDS",
    "MILLION",
    "SCALED",
    "THOUSAND",
    "THOUSANDS",
    "Groups",
    "ScaleWord",
    "Thousand",
    "split",
]


class ScaleWord(NamedTuple):
    """A scale word (đơn vị đếm) and the power of ten it stands for.

    >>> THOUSAND.word, THOUSAND.variants, 10**THOUSAND.power
    ('nghìn', ('ngàn',), 1000)
    """

    #: The power of ten: 3 for nghìn.
    power: int
    #: The word as the library writes it.
    word: str
    #: Other correct spellings, read in figures and in words: "ngàn" (southern), "tỉ".
    variants: tuple[str, ...] = ()
    #: Spellings without diacritics, read in figures only ("1,5 ty"), never in words.
    plain: tuple[str, ...] = ()


# --------------------------------------------------------------------------- the words (data)

HUNDRED: Final = ScaleWord(2, "trăm", plain=("tram",))
THOUSAND: Final = ScaleWord(3, "nghìn", ("ngàn",), ("nghin", "ngan"))
MILLION: Final = ScaleWord(6, "triệu", plain=("trieu",))
BILLION: Final = ScaleWord(9, "tỷ", ("tỉ",), ("ty",))

#: The words of the groups of three digits, smallest first. Past tỷ there is no
#: new word: the count of tỷ is read as a number ("một nghìn tỷ" = 10**12).
GROUP_WORDS: Final = (THOUSAND, MILLION, BILLION)
#: The words a compound scale puts before tỷ ("284 nghìn tỷ", "1 triệu tỷ").
_BEFORE_BILLION: Final = (THOUSAND, MILLION)

#: How the writers may spell thousand: "nghìn" or the southern "ngàn".
Thousand = Literal["nghìn", "ngàn"]


# --------------------------------------------------------------------------- lookups built from it

#: The ways to write thousand, the written word first: ("nghìn", "ngàn").
THOUSANDS: Final[tuple[str, ...]] = (THOUSAND.word, *THOUSAND.variants)

#: Scales of the scaled money style ("146,9 tỷ", "284 nghìn tỷ") → power of ten.
SCALED: Final[Mapping[str, int]] = MappingProxyType(
    {scale.word: scale.power for scale in GROUP_WORDS}
    | {f"{scale.word} {BILLION.word}": scale.power + BILLION.power for scale in _BEFORE_BILLION}
)

#: Every spelling of a scale word in a figure ("7 nghìn 4 trăm", "1,5 ty") → its value.
IN_FIGURES: Final[Mapping[str, int]] = MappingProxyType(
    {
        spelling: 10**scale.power
        for scale in (HUNDRED, *GROUP_WORDS)
        for spelling in (scale.word, *scale.variants, *scale.plain)
    }
)

#: Every spelling of a group word in a number in words ("ngàn", "tỉ") → its power of ten.
IN_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {spelling: scale.power for scale in GROUP_WORDS for spelling in (scale.word, *scale.variants)}
)


# --------------------------------------------------------------------------- the split


class Groups(NamedTuple):
    """A whole number cut into its groups (các nhóm ba chữ số): tỷ, triệu, nghìn, units.

    >>> split(1_005_000).scaled("ngàn")
    ((1, 'triệu'), (5, 'ngàn'))
    """

    #: The count of tỷ; from 1000 on it is itself a number ("36.576 tỷ").
    billions: int
    #: The triệu group, 0..999.
    millions: int
    #: The nghìn group, 0..999.
    thousands: int
    #: The last group, 0..999, which has no scale word.
    units: int

    def scaled(self, thousand: str = THOUSAND.word) -> tuple[tuple[int, str], ...]:
        """The groups between tỷ and the units with their words (nhóm triệu, nhóm nghìn).

        >>> split(7_400).scaled()
        ((0, 'triệu'), (7, 'nghìn'))
        """
        return ((self.millions, MILLION.word), (self.thousands, thousand))


_BILLION: Final = 10**BILLION.power
_MILLION: Final = 10**MILLION.power
_THOUSAND: Final = 10**THOUSAND.power


def split(number: int) -> Groups:
    """Cut a whole number >= 0 into its tỷ, triệu, nghìn and units groups (tách nhóm).

    The count of tỷ is not cut further: above 999 it is read as a number of
    its own, so 10**12 is 1000 tỷ ("một nghìn tỷ", "1.000 tỷ").

    >>> split(146_900_000_000)
    Groups(billions=146, millions=900, thousands=0, units=0)
    >>> split(10**12)
    Groups(billions=1000, millions=0, thousands=0, units=0)
    >>> split(5_409)
    Groups(billions=0, millions=0, thousands=5, units=409)
    """
    billions, rest = divmod(number, _BILLION)
    millions, rest = divmod(rest, _MILLION)
    thousands, units = divmod(rest, _THOUSAND)
    return Groups(billions, millions, thousands, units)
