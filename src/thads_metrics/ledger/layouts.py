"""The layouts of the statistical forms, one per circular (mẫu biểu theo từng thông tư).

Which rows a ledger has, and so which identities it obeys, was set by the
statistics circular in force for its period. The difference that matters is
where postponed and suspended cases (hoãn, tạm đình chỉ thi hành án) sit:

- **Thông tư 01/2013/TT-BTP** (as amended by Thông tư 08/2015/TT-BTP): inside
  "có điều kiện"; to enforce = with conditions + without conditions. Worked
  back from published figures: national, 9 months of 2017, 728.227 = 579.413 +
  148.814 exactly (thads.moj.gov.vn, ItemID=3689); TP.HCM, 6 months of 2019,
  78.593 = 54.681 + 23.912 (plo.vn).
- **Thông tư 06/2019/TT-BTP** (in force from 05/01/2020): a third bucket,
  "hoãn, tạm đình chỉ", outside both; to enforce = with conditions + stayed +
  without conditions. National 2022: 861.529 = 653.719 (75,88%) + 12.135
  (1,41%) + 195.675 (22,71%) (danchuphapluat.vn). A postponement agreed by the
  parties (Art. 48(1)(c)) stays in "có điều kiện" (hanoimoi.vn, 2021, quoting
  the circular).
- **Thông tư 05/2024/TT-BTP** (in force from 26/07/2024): the text of its
  forms could not be read; until it is, this layout is *taken* to be that of
  Thông tư 06/2019 (an explicit, documented choice, see the rule book).

The layout of a period is the one in force on the period's last day (a
cumulative report is compiled when the period ends): :func:`layout_for`.

>>> from datetime import date
>>> layout_for(date(2022, 9, 30)).circular
'06/2019/TT-BTP'
>>> TT01_2013.has("stayed"), TT06_2019.has("stayed")
(False, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import attrs

from thads_metrics._checks import require_choice, require_instance
from thads_metrics.errors import LedgerError, ThadsError
from thads_metrics.ledger.rows import ROW, ROWS

__all__ = [
    "DEFAULT_LAYOUT",
    "LAYOUTS",
    "STAY_ROWS",
    "TT01_2013",
    "TT05_2024",
    "TT06_2019",
    "Layout",
    "as_layout",
    "layout_for",
    "moving_rows",
]


@attrs.frozen(repr=False)
class Layout:
    """The layout of the forms under one statistics circular (mẫu biểu thống kê).

    ``code`` names it in data ("tt06-2019"); ``circular`` is the circular's
    number, ``effective`` the day it took effect, ``without`` the rows of the
    row table its forms do not have, ``source`` where the layout was read or
    worked back from, and ``assumed`` is True where the form's text could not
    be read and the layout is a documented choice.
    """

    code: str
    circular: str
    title: str
    effective: date
    without: frozenset[str]
    source: str
    assumed: bool = False

    def has(self, row: str) -> bool:
        """True when the forms of this layout have row ``row`` (có dòng này).

        >>> TT01_2013.has("with_conditions"), TT01_2013.has("stayed")
        (True, False)
        """
        return row in ROW and row not in self.without

    def row_names(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """``names`` less the rows this layout does not have, in their order."""
        return tuple(name for name in names if name not in self.without)

    def __repr__(self) -> str:
        return f"Layout({self.code!r})"


#: Thông tư 01/2013/TT-BTP as amended by Thông tư 08/2015/TT-BTP: two buckets.
TT01_2013 = Layout(
    code="tt01-2013",
    circular="01/2013/TT-BTP",
    title="Thông tư 01/2013/TT-BTP, sửa đổi bởi Thông tư 08/2015/TT-BTP",
    effective=date(2013, 1, 3),
    without=frozenset({"stayed"}),
    source=(
        "worked back from published figures (to enforce = có điều kiện + chưa có điều "
        "kiện exactly): national 9 tháng 2017, 728.227 = 579.413 + 148.814 "
        "(thads.moj.gov.vn ItemID=3689); TP.HCM 6 tháng 2019, 78.593 = 54.681 + 23.912 "
        "(plo.vn); the circular's forms themselves could not be read"
    ),
)

#: Thông tư 06/2019/TT-BTP, from 05/01/2020: "hoãn, tạm đình chỉ" outside có điều kiện.
TT06_2019 = Layout(
    code="tt06-2019",
    circular="06/2019/TT-BTP",
    title="Thông tư 06/2019/TT-BTP",
    effective=date(2020, 1, 5),
    without=frozenset(),
    source=(
        "national 2022: 861.529 = 653.719 có điều kiện (75,88%) + 12.135 hoãn, tạm đình "
        "chỉ (1,41%) + 195.675 (danchuphapluat.vn); Art. 48(1)(c) postponements are có "
        "điều kiện (hanoimoi.vn, 2021); in force 05/01/2020 (Art. 9(2))"
    ),
)

#: Thông tư 05/2024/TT-BTP, from 26/07/2024: taken to be the layout of 06/2019.
TT05_2024 = Layout(
    code="tt05-2024",
    circular="05/2024/TT-BTP",
    title="Thông tư 05/2024/TT-BTP",
    effective=date(2024, 7, 26),
    without=frozenset(),
    source=(
        "replaces Thông tư 06/2019/TT-BTP from 26/07/2024 (thads.moj.gov.vn ItemID=1123); "
        "its forms could not be read: the rows of 06/2019 are assumed"
    ),
    assumed=True,
)

#: The stored rows whose cases move between layouts: the stays (hoãn, tạm đình chỉ) are
#: in "postponed" and "suspended" inside có điều kiện in one, partly in "stayed" in another.
STAY_ROWS: tuple[str, ...] = ("postponed", "suspended", "stayed")


def moving_rows(source: Layout, target: Layout) -> frozenset[str]:
    """The stored rows whose cases do not carry over as they are from ``source`` to ``target``.

    The rows one of the two layouts does not have and, when only one of them
    counts the stays apart (its forms have "stayed"), the rows of the stays,
    :data:`STAY_ROWS`: the other counts them inside có điều kiện. Empty between
    layouts with the same rows (chuyển đổi giữa hai mẫu biểu).

    >>> sorted(moving_rows(TT06_2019, TT01_2013)), moving_rows(TT06_2019, TT05_2024)
    (['postponed', 'stayed', 'suspended'], frozenset())
    """
    moving = source.without ^ target.without
    if "stayed" in moving:
        moving |= frozenset(STAY_ROWS)
    return moving


#: Every layout, oldest first, by code.
LAYOUTS: Mapping[str, Layout] = MappingProxyType(
    {layout.code: layout for layout in (TT01_2013, TT06_2019, TT05_2024)}
)

#: The layout of a ledger built without one: the two buckets of the older forms,
#: where every row the library had before layouts keeps its meaning.
DEFAULT_LAYOUT = TT01_2013


def as_layout(value: object, error: type[ThadsError] = LedgerError) -> Layout:
    """A :class:`Layout`, given as itself or by its code ("tt06-2019") (mẫu biểu).

    Anything else raises ``error`` (code ``<family>.choice`` or ``.type``).

    >>> as_layout("tt06-2019") is TT06_2019
    True
    """
    if isinstance(value, Layout):
        return value
    return LAYOUTS[require_choice("layout", value, tuple(LAYOUTS), error)]


def layout_for(day: date) -> Layout:
    """The layout in force on ``day`` (e.g. a period's last day) (mẫu biểu áp dụng).

    >>> layout_for(date(2019, 12, 31)).code, layout_for(date(2020, 1, 31)).code
    ('tt01-2013', 'tt06-2019')
    >>> layout_for(date(2024, 6, 30)).code, layout_for(date(2024, 7, 31)).code
    ('tt06-2019', 'tt05-2024')
    """
    require_instance("day", day, date, LedgerError, what="a date")
    chosen = TT01_2013
    for layout in LAYOUTS.values():
        if layout.effective <= day:
            chosen = layout
    return chosen


assert all(name in ROW for layout in LAYOUTS.values() for name in layout.without)
assert all(not ROW[name].formula for layout in LAYOUTS.values() for name in layout.without)
_ = ROWS  # the table the layouts select from
