"""The national targets (chỉ tiêu toàn hệ thống), as data: one entry a year, with its source.

:data:`NATIONAL_TABLE` is the table of DOMAIN.md §4 and of the rule book
(``docs/rules/targets.md``, whose copy a test keeps equal to this one);
:data:`NATIONAL_TARGETS` gives the same entries as :class:`Target` by year, and
:func:`national_target` looks one up. Years not listed (2021 among them) are
unknown, not guessed.

>>> tuple(entry.year for entry in NATIONAL_TABLE)
(2020, 2022, 2023, 2024, 2025)
>>> NATIONAL_TABLE[-1].cases, NATIONAL_TABLE[-1].money
(Decimal('83.90'), Decimal('51.90'))
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from thads_metrics.calendar import EnforcementYear
from thads_metrics.errors import UnknownTargetError
from thads_metrics.targets.target import Target, _year

__all__ = ["NATIONAL_TABLE", "NATIONAL_TARGETS", "NationalEntry", "national_target"]


@attrs.frozen
class NationalEntry:
    """One year of the national table (chỉ tiêu toàn quốc của một năm), with its source.

    ``cases`` and ``money`` are the targets về việc and về tiền in percent,
    written with the decimals the source prints (``Decimal("81.50")``);
    ``basis`` is the text a :class:`Target` carries (the words "trên X%" and
    where they were read); ``source`` the publication, as the rule book's table
    cites it; ``inferred`` is True when the figures were worked back from
    published results rather than read in the decision.

    >>> NATIONAL_TABLE[0].inferred, NATIONAL_TABLE[0].target.cases
    (True, Decimal('80'))
    """

    year: int
    cases: Decimal
    money: Decimal
    basis: str
    source: str
    inferred: bool = False

    @property
    def target(self) -> Target:
        """The entry as a :class:`Target` (chỉ tiêu được giao).

        >>> NATIONAL_TABLE[1].target.money
        Decimal('40.10')
        """
        return Target(self.cases, self.money, self.basis, inferred=self.inferred)


NATIONAL_TABLE: tuple[NationalEntry, ...] = (
    NationalEntry(
        year=2020,
        cases=Decimal("80"),
        money=Decimal("38"),
        basis=(
            "Inferred from the year-2020 results: 81,41% về việc 'cao hơn 1,41% so với chỉ "
            "tiêu được giao' and 40,09% về tiền 'cao hơn 2,09%' (Tổng cục THADS, reported by "
            "vietnamnet.vn); the decision itself was not seen."
        ),
        source=(
            'the year\'s results: 81,41% "cao hơn 1,41%" and 40,09% "cao hơn 2,09%" '
            "than the targets (Tổng cục THADS, via vietnamnet.vn)"
        ),
        inferred=True,
    ),
    NationalEntry(
        year=2022,
        cases=Decimal("81.50"),
        money=Decimal("40.10"),
        basis=(
            "Quyết định giao chỉ tiêu, nhiệm vụ THADS năm 2022 of the Tổng cục trưởng Tổng "
            "cục THADS: 'trên 81,50% về việc và trên 40,10% về tiền' (reported by vietbao.vn)."
        ),
        source=(
            "the Tổng cục's decision giving the 2022 chỉ tiêu: "
            '"trên 81,50% về việc và trên 40,10% về tiền" (via vietbao.vn)'
        ),
    ),
    NationalEntry(
        year=2023,
        cases=Decimal("82.50"),
        money=Decimal("45.50"),
        basis=(
            "Báo cáo kết quả THADS năm 2023, thads.moj.gov.vn ThongTinChung ItemID=1355: "
            "'tỷ lệ thi hành xong trên 82,50% về việc và trên 45,50% về tiền'."
        ),
        source="national report of 2023, thads.moj.gov.vn ThongTinChung ItemID=1355",
    ),
    NationalEntry(
        year=2024,
        cases=Decimal("83.25"),
        money=Decimal("46.45"),
        basis=(
            "Bộ Tư pháp press conference of 7/10/2024 (cafef.vn): 'chỉ tiêu của Tổng cục "
            "giao trên 83,25%' về việc and 'trên 46,45%' về tiền."
        ),
        source="Bộ Tư pháp press conference of 7/10/2024 (via cafef.vn)",
    ),
    NationalEntry(
        year=2025,
        cases=Decimal("83.90"),
        money=Decimal("51.90"),
        basis=(
            "Cục Quản lý THADS, results of 2025 (cafef.vn, 3/10/2025): 'chỉ tiêu nhiệm vụ "
            "THADS được Quốc hội giao là 83,90% về việc; 51,90% về tiền'."
        ),
        source=(
            '"chỉ tiêu … được Quốc hội giao", Cục Quản lý THADS, results of 2025 (via cafef.vn)'
        ),
    ),
)
"""The national table (bảng chỉ tiêu toàn quốc), one :class:`NationalEntry` a year, by year.

>>> entry = NATIONAL_TABLE[3]
>>> entry.year, entry.cases, entry.source
(2024, Decimal('83.25'), 'Bộ Tư pháp press conference of 7/10/2024 (via cafef.vn)')
"""

NATIONAL_TARGETS: Mapping[int, Target] = MappingProxyType(
    {entry.year: entry.target for entry in NATIONAL_TABLE}
)
"""National targets by statistical year (chỉ tiêu toàn hệ thống), read-only.

>>> NATIONAL_TARGETS[2024].cases
Decimal('83.25')
"""


def national_target(year: int | EnforcementYear) -> Target:
    """The national target of a statistical year (chỉ tiêu toàn hệ thống được giao).

    Raises :class:`~thads_metrics.errors.UnknownTargetError` (a ``KeyError``,
    code ``target.unknown``) for a year not in :data:`NATIONAL_TARGETS`, and
    :class:`~thads_metrics.errors.TargetError` for a value that is not a year.

    >>> national_target(2023)  # doctest: +ELLIPSIS
    Target(cases=Decimal('82.50'), money=Decimal('45.50'), basis="Báo cáo ...", inferred=False)
    >>> national_target(2020).inferred
    True
    >>> national_target(2021)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.UnknownTargetError: no national target known for năm 2021 (known: ...
    """
    number = _year(year)
    try:
        return NATIONAL_TARGETS[number]
    except KeyError:
        known = ", ".join(str(y) for y in sorted(NATIONAL_TARGETS))
        raise UnknownTargetError(
            f"no national target known for năm {number} (known: {known}); "
            "pass one explicitly or add it to a TargetBook",
            year=number,
        ) from None
