"""Where September will land, and what each remaining month must bring (dự báo, nước rút).

Offices work toward the year's end ("nước rút hoàn thành chỉ tiêu cuối năm").
From a unit's :class:`~thads_metrics.series.Series` this module projects the
completion rate at the end of the year (30 September) and says how many việc
and đồng must still be finished in each remaining month to reach the annual
target. Every method and assumption is named in the result.

**The projection** at month *m* (the series' last period), for cases and for
money separately, with *F* the finished at month *m* and *B* the base (có
điều kiện thi hành) at month *m*:

- projected finished at month 12 = *F* ÷ *s(m)*, where *s(m)* is the share
  of the year's finished cases done by month *m*: *m* ÷ 12 for
  ``method="pace"`` (the year's pace so far), or the average share of the
  earlier years given to :meth:`Profile.learn` for ``method="seasonal"``
  (results bunch in the last months, so the seasonal profile is the better
  guess once a unit has a history);
- projected base at month 12: *B* as it is for ``base="current"`` (the
  default: the base the reports' "what is still needed" uses), *B* plus the
  newly accepted cases still to come at the year's pace, with the share with
  conditions of month *m* (*B* + new(*m*) × (12 − *m*) ÷ *m* × *B* ÷ to
  enforce(*m*)) for ``base="pace"``, or *B* ÷ *b(m)*, the base's share of
  its year-end value in the earlier years, for ``base="seasonal"``;
- the projected rate = projected finished ÷ projected base × 100; when the
  projection finishes more than the base holds it is capped at the base (100%)
  and ``capped`` says so.

At month 12 every method gives the actual rate: the projection of a complete
year is the year.

**What is still needed** (:func:`needed_per_month`): the least number of việc
(or đồng) that must still be finished for finished ÷ base to reach the
target (:func:`~thads_metrics.rates.required_to_reach`, exact), on the base
the ``base`` assumption gives (rounded half up to a whole việc or đồng when
it is not one), spread over the remaining months as evenly as whole numbers
allow, the larger shares first; they add up to the total exactly.

>>> from thads_metrics.calendar import ReportingPeriod
>>> from thads_metrics.cases import LedgerPair
>>> from thads_metrics.ledger import AmountLedger, CaseLedger
>>> from thads_metrics.rates import round_rate
>>> from thads_metrics.series import Series
>>> def pair(new, done, open_):
...     return LedgerPair(CaseLedger(carried_over=1_000, newly_accepted=new, completed=done,
...                                  in_progress=open_),
...                       AmountLedger(carried_over=10**12, newly_accepted=new * 10**8,
...                                    completed=done * 10**8,
...                                    in_progress=10**12 + (new - done) * 10**8))
>>> s = Series("Long An", 2022, {ReportingPeriod(2022, 5): pair(500, 450, 1_050),
...                              ReportingPeriod(2022, 6): pair(600, 600, 1_000)})
>>> p = project(s)
>>> p.method, p.base, round_rate(p.cases.rate, 2)  # 600 ÷ 6 × 12 = 1.200 of 1.600
('pace', 'current', Decimal('75.00'))
>>> plan = needed_per_month(s, Target("81.5", "40.1"))
>>> plan.cases.total, plan.cases.per_month  # 81,5% of 1.600 = 1.304; 704 to go in 6 months
(704, (118, 118, 117, 117, 117, 117))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

import attrs

from thads_metrics._checks import require_choice, require_instance, require_int, require_iterable
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import LedgerError, PeriodError, RateError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import TargetGap, compare_to_target, decimal_of, required_to_reach
from thads_metrics.series import Series
from thads_metrics.targets import Target

__all__ = [
    "BASES",
    "BASE_TERMS",
    "METHODS",
    "METHOD_TERMS",
    "Base",
    "Method",
    "Needed",
    "NeededPlan",
    "Outlook",
    "Profile",
    "ProjectedRate",
    "Projection",
    "needed_per_month",
    "outlook",
    "project",
]

#: How the year's finished cases are projected: the pace so far or a seasonal profile.
Method = Literal["pace", "seasonal"]
METHODS: tuple[str, ...] = ("pace", "seasonal")
#: How the base (có điều kiện) is taken to grow until 30 September.
Base = Literal["current", "pace", "seasonal"]
BASES: tuple[str, ...] = ("current", "pace", "seasonal")

#: What each method and base assumption is called, in Vietnamese and English.
METHOD_TERMS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": {"pace": "theo tiến độ từ đầu năm", "seasonal": "theo mùa các năm trước"},
        "en": {"pace": "the year's pace so far", "seasonal": "earlier years' seasonal profile"},
    }
)
BASE_TERMS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": {
            "current": "số có điều kiện giữ như hiện nay",
            "pace": "số có điều kiện tăng theo tiến độ thụ lý",
            "seasonal": "số có điều kiện tăng theo mùa các năm trước",
        },
        "en": {
            "current": "the base with conditions held as it is",
            "pace": "the base growing at the pace of new cases",
            "seasonal": "the base growing as in earlier years",
        },
    }
)

Ledger = CaseLedger | AmountLedger
_MONTHS = range(1, 13)


def _shares(values: Mapping[int, list[Fraction]]) -> Mapping[int, Fraction]:
    return MappingProxyType({m: sum(v, Fraction(0)) / len(v) for m, v in values.items() if v})


@attrs.frozen
class Profile:
    """A seasonal profile: the share of the year reached by each month (hồ sơ theo mùa).

    ``finished[m]`` is the average, over the years learned, of finished at
    month ``m`` ÷ finished at month 12; ``base[m]`` the same for the base (có
    điều kiện). One profile for cases (``kind="cases"``) or for money
    (``kind="money"``); ``years`` are the years it was learned from.
    """

    kind: Literal["cases", "money"]
    finished: Mapping[int, Fraction]
    base: Mapping[int, Fraction]
    years: tuple[int, ...]

    @classmethod
    def learn(cls, history: Iterable[Series], kind: Literal["cases", "money"]) -> Profile:
        """Learn the profile from complete earlier years (each series must have month 12).

        >>> from thads_metrics.cases import LedgerPair
        >>> def pair(done):
        ...     return LedgerPair(CaseLedger(newly_accepted=100, completed=done,
        ...                                  in_progress=100 - done), AmountLedger())
        >>> year = Series("A", 2021, {ReportingPeriod(2021, 6): pair(30),
        ...                           ReportingPeriod(2021, 12): pair(80)})
        >>> Profile.learn([year], "cases").finished[6]
        Fraction(3, 8)
        """
        require_choice("kind", kind, ("cases", "money"), LedgerError)
        finished: dict[int, list[Fraction]] = {m: [] for m in _MONTHS}
        base: dict[int, list[Fraction]] = {m: [] for m in _MONTHS}
        years = []
        for series in require_iterable("history", history, LedgerError, what="Series"):
            require_instance("history item", series, Series, LedgerError, what="a Series")
            if 12 not in series.months:
                raise LedgerError(
                    f"a profile is learned from complete years; the series of {series.unit} "
                    f"for {series.year} has no month 12",
                    code="ledger.missing_period",
                    details={"argument": "history", "value": series.year},
                )
            end = _ledger(series.at(12), kind)
            if not end.finished or not end.with_conditions:
                continue  # a year that finished nothing says nothing about its shape
            years.append(series.year)
            for period, pair in series.points:
                ledger = _ledger(pair, kind)
                finished[period.months].append(Fraction(ledger.finished, end.finished))
                base[period.months].append(Fraction(ledger.with_conditions, end.with_conditions))
        if not years:
            raise LedgerError(
                "a profile needs at least one earlier year with cases finished",
                code="ledger.missing_period",
                details={"argument": "history"},
            )
        return cls(kind, _shares(finished), _shares(base), tuple(years))

    def projects(self, months: int) -> bool:
        """True when the profile can project from month ``months`` (1..12): it has a share
        above 0 of the year's finished and of its base for that month.

        It cannot when none of the years learned has that month, or when they had
        finished nothing (or had no base) by then: nothing at month ``months``
        says nothing of the year's end.

        >>> from thads_metrics.cases import LedgerPair
        >>> def pair(done):
        ...     return LedgerPair(CaseLedger(newly_accepted=100, completed=done,
        ...                                  in_progress=100 - done), AmountLedger())
        >>> year = Series("A", 2021, {ReportingPeriod(2021, 1): pair(0),
        ...                           ReportingPeriod(2021, 12): pair(80)})
        >>> profile = Profile.learn([year], "cases")
        >>> profile.projects(1), profile.projects(6), profile.projects(12)
        (False, False, True)
        """
        number = require_int("months", months, PeriodError, minimum=1, maximum=12)
        return all(shares.get(number, Fraction(0)) > 0 for shares in (self.finished, self.base))


def _ledger(pair: object, kind: str) -> Ledger:
    ledger: Ledger = pair.cases if kind == "cases" else pair.amounts  # type: ignore[attr-defined]
    for name in ("finished", "with_conditions", "to_enforce", "newly_accepted"):
        if not ledger.is_known(name):
            raise LedgerError(
                f"a projection needs {name} of every ledger; it is not known here",
                code="ledger.unknown_row",
                details={"row": name},
            )
    return ledger


@attrs.frozen
class ProjectedRate:
    """The year-end projection of one ledger (về việc or về tiền).

    ``finished`` and ``base`` are the projected finished and có điều kiện at
    30 September (exact Decimals; not whole numbers); ``rate`` the projected
    completion rate, exact; ``capped`` is True when the projected finished
    exceeded the projected base and was capped at it; ``gap`` compares the
    rate with ``target`` when one is given.
    """

    finished: Decimal
    base: Decimal
    rate: Decimal | None
    capped: bool
    target: Decimal | None = None
    gap: TargetGap | None = None


@attrs.frozen
class Projection:
    """The year-end completion rates projected from a series (dự báo tỷ lệ cuối năm).

    ``period`` is the last period of the series they are projected from;
    ``method`` and ``base`` the assumptions (see the module); ``years`` the
    years of the seasonal profiles used, if any.
    """

    unit: str
    period: ReportingPeriod
    method: Method
    base: Base
    cases: ProjectedRate
    money: ProjectedRate
    years: tuple[int, ...] = ()

    def describe(self, language: Literal["vi", "en"] = "vi") -> str:
        """The method and the assumption on the base, in words.

        >>> from thads_metrics.calendar import ReportingPeriod
        >>> empty = ProjectedRate(Decimal(0), Decimal(0), None, False)
        >>> Projection("A", ReportingPeriod(2022, 6), "pace", "current", empty, empty).describe()
        'theo tiến độ từ đầu năm; số có điều kiện giữ như hiện nay'
        """
        words = require_choice("language", language, ("vi", "en"), LedgerError)
        return f"{METHOD_TERMS[words][self.method]}; {BASE_TERMS[words][self.base]}"


def _share(profile: Profile | None, field: str, months: int, kind: str) -> Fraction:
    if profile is None:
        raise LedgerError(
            f"the seasonal method needs the {kind} profile of earlier years",
            code="ledger.missing_period",
            details={"argument": f"{kind}_profile"},
        )
    shares: Mapping[int, Fraction] = getattr(profile, field)
    if months not in shares or shares[months] == 0:
        raise LedgerError(
            f"the {kind} profile has no share for month {months} "
            f"(learned from {', '.join(map(str, profile.years))})",
            code="ledger.missing_period",
            details={"argument": f"{kind}_profile", "value": months},
        )
    return shares[months]


def _base_at_end(
    ledger: Ledger, months: int, base: str, profile: Profile | None, kind: str
) -> Fraction:
    now = Fraction(ledger.with_conditions)
    if base == "current" or months == 12:
        return now
    if base == "pace":
        if not ledger.to_enforce:
            return now
        incoming = Fraction(ledger.newly_accepted * (12 - months), months)
        return now + incoming * now / ledger.to_enforce
    return now / _share(profile, "base", months, kind)


def _project_one(
    ledger: Ledger,
    months: int,
    method: str,
    base: str,
    profile: Profile | None,
    target: Decimal | None,
    kind: str,
) -> ProjectedRate:
    share = Fraction(months, 12) if method == "pace" else _share(profile, "finished", months, kind)
    finished = Fraction(ledger.finished) / share if months < 12 else Fraction(ledger.finished)
    whole = _base_at_end(ledger, months, base, profile, kind)
    capped = finished > whole
    finished = min(finished, whole)
    rate = None if whole == 0 else decimal_of(finished * 100 / whole)
    return ProjectedRate(
        finished=decimal_of(finished),
        base=decimal_of(whole),
        rate=rate,
        capped=capped,
        target=target,
        gap=None if target is None or rate is None else compare_to_target(rate, target),
    )


def project(
    series: Series,
    *,
    method: Method = "pace",
    base: Base = "current",
    target: Target | None = None,
    cases_profile: Profile | None = None,
    money_profile: Profile | None = None,
) -> Projection:
    """Project the year-end completion rates from a series' last period (dự báo cuối năm).

    See the module for the methods. ``target`` adds the projected gap to it.
    """
    require_instance("series", series, Series, LedgerError, what="a Series")
    how = require_choice("method", method, METHODS, LedgerError)
    growth = require_choice("base", base, BASES, LedgerError)
    for name, profile, kind in (
        ("cases_profile", cases_profile, "cases"),
        ("money_profile", money_profile, "money"),
    ):
        if profile is not None:
            require_instance(name, profile, Profile, LedgerError, what="a Profile")
            if profile.kind != kind:
                raise LedgerError(
                    f"{name} is a {profile.kind} profile",
                    code="ledger.kind",
                    details={"argument": name, "value": profile.kind, "rule": kind},
                )
    if target is not None:
        require_instance("target", target, Target, RateError, what="a Target")
    period, pair = series.latest
    years = tuple(
        sorted({y for p in (cases_profile, money_profile) if p is not None for y in p.years})
    )
    return Projection(
        unit=series.unit,
        period=period,
        method=how,  # type: ignore[arg-type]
        base=growth,  # type: ignore[arg-type]
        cases=_project_one(
            _ledger(pair, "cases"),
            period.months,
            how,
            growth,
            cases_profile,
            None if target is None else target.cases,
            "cases",
        ),
        money=_project_one(
            _ledger(pair, "money"),
            period.months,
            how,
            growth,
            money_profile,
            None if target is None else target.money,
            "money",
        ),
        years=years if how == "seasonal" or growth == "seasonal" else (),
    )


@attrs.frozen
class Needed:
    """What one ledger must still finish to reach its target (số còn phải thi hành xong).

    ``base`` is the có điều kiện base at 30 September the assumption gives
    (a whole việc or đồng); ``total`` the least still to finish for finished ÷
    base to reach ``target``; ``per_month`` that total over the
    ``months_left`` remaining months (adding up to it exactly); ``reachable``
    is False when nothing is left of the year and the target is not met.
    """

    target: Decimal
    finished: int
    base: int
    total: int
    per_month: tuple[int, ...]
    months_left: int
    reachable: bool


@attrs.frozen
class NeededPlan:
    """What a unit must still finish, về việc and về tiền, month by month (kế hoạch nước rút)."""

    unit: str
    period: ReportingPeriod
    base: Base
    cases: Needed
    money: Needed


def _spread(total: int, months: int) -> tuple[int, ...]:
    if months == 0:
        return ()
    share, rest = divmod(total, months)
    return tuple(share + (1 if i < rest else 0) for i in range(months))


def _needed_one(
    ledger: Ledger, months: int, base: str, profile: Profile | None, goal: Decimal, kind: str
) -> Needed:
    whole = _base_at_end(ledger, months, base, profile, kind)
    rounded = int(decimal_of(whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    rounded = max(rounded, ledger.finished)  # the base holds what is already finished
    total = required_to_reach(goal, ledger.finished, rounded)
    left = 12 - months
    return Needed(
        target=goal,
        finished=ledger.finished,
        base=rounded,
        total=total,
        per_month=_spread(total, left),
        months_left=left,
        reachable=left > 0 or total == 0,
    )


def needed_per_month(
    series: Series,
    target: Target,
    *,
    base: Base = "current",
    cases_profile: Profile | None = None,
    money_profile: Profile | None = None,
) -> NeededPlan:
    """The việc and đồng to finish in each remaining month to reach the annual target.

    At month 12 ``total`` is exactly
    :func:`~thads_metrics.rates.required_to_reach` of the year's ledger, and
    no month is left.
    """
    require_instance("series", series, Series, LedgerError, what="a Series")
    require_instance("target", target, Target, RateError, what="a Target")
    growth = require_choice("base", base, BASES, LedgerError)
    period, pair = series.latest
    return NeededPlan(
        unit=series.unit,
        period=period,
        base=growth,  # type: ignore[arg-type]
        cases=_needed_one(
            _ledger(pair, "cases"), period.months, growth, cases_profile, target.cases, "cases"
        ),
        money=_needed_one(
            _ledger(pair, "money"), period.months, growth, money_profile, target.money, "money"
        ),
    )


@attrs.frozen
class Outlook:
    """A unit's year seen from its last period: projections and the plan (triển vọng cuối năm).

    ``projections`` are, in order: the year's pace with the base held (the
    reading the reports' "what is still needed" uses), the year's pace with
    the base growing at the pace of new cases, and, when earlier complete
    years were given and their profiles can project from the series' last
    month (:meth:`Profile.projects`), their seasonal profile for both;
    ``needed`` is the plan on the base held as it is. Charts draw the first as
    the point and all of them as the range.
    """

    series: Series
    target: Target
    projections: tuple[Projection, ...]
    needed: NeededPlan


def outlook(series: Series, target: Target, *, history: Iterable[Series] = ()) -> Outlook:
    """The projections and the plan of :class:`Outlook` for a series and its target.

    ``history`` are earlier complete years of the same unit; years that finished
    nothing are skipped. The seasonal projection is left out, and the others
    are still given, when it cannot be made: without any such year, or when
    their profiles give no share for the series' last month (none of them has
    that month, or they had finished nothing, về việc or về tiền, or had no
    base by then; see :meth:`Profile.projects`).
    """
    require_instance("series", series, Series, LedgerError, what="a Series")
    require_instance("target", target, Target, RateError, what="a Target")
    earlier = [
        s
        for s in require_iterable("history", history, LedgerError, what="Series")
        if require_instance("history item", s, Series, LedgerError, what="a Series") is not None
        and 12 in s.months
        and s.at(12).cases.finished
        and s.at(12).amounts.finished
    ]
    projections = [
        project(series, target=target),
        project(series, base="pace", target=target),
    ]
    months = series.latest[0].months
    if earlier:
        cases_profile = Profile.learn(earlier, "cases")
        money_profile = Profile.learn(earlier, "money")
        if cases_profile.projects(months) and money_profile.projects(months):
            projections.append(
                project(
                    series,
                    method="seasonal",
                    base="seasonal",
                    target=target,
                    cases_profile=cases_profile,
                    money_profile=money_profile,
                )
            )
    return Outlook(series, target, tuple(projections), needed_per_month(series, target))
