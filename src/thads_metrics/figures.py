"""The one figures model of a report (số liệu của báo cáo): every figure, computed once.

:func:`figures` computes, for one ledger (về việc or về tiền) of one period,
every figure a report prints: the share with conditions, the completion rate,
the gap to the annual target (vượt / còn thiếu), the pace against the
pro-rated target (vượt / chậm tiến độ), the points still to gain (còn phải
phấn đấu), what is still needed (số còn phải thi hành xong) and the changes
against the same period last year (so với cùng kỳ). The result,
:class:`Figures`, is plain data: the report writers (Vietnamese, English),
JSON, Excel and :func:`~thads_metrics.targets.progress.assess` render it and compute
nothing themselves.

One rounding policy, chosen by ``rounding``:

- ``"printed"`` (what a report prints, the default): the rates are rounded
  half up to ``places`` decimals, and the gap, the pace and the remaining
  points are computed from the rate and the pro-rated target *as printed*
  (84,25% − 83,90% = vượt 0,35%), so the paragraph adds up on paper. What is
  still needed comes from the exact counts (0 once the printed rate meets the
  target).
- ``"exact"``: every figure from the exact rates, nothing rounded.

A figure that cannot be computed is ``None`` (or, in ``shares`` and
``changes``, absent): a row a ledger built from totals does not know, or a
rate whose base is 0. With ``strict=True`` every one of them raises instead,
the share and the changes as the completion rate
(:class:`~thads_metrics.errors.LedgerError` for an unknown row of the ledger
or of ``previous``, :class:`~thads_metrics.errors.RateError` for an empty base
unless ``empty`` gives the rate).

>>> from thads_metrics.calendar import ReportingPeriod
>>> from thads_metrics.ledger import CaseLedger
>>> hcm = CaseLedger.from_totals(to_enforce=78_593, with_conditions=54_681, finished=26_515)
>>> f = figures(hcm, ReportingPeriod(2019, 6), target=73)  # TP.HCM, 6 tháng 2019
>>> f.rate, f.prorated, f.pace.points, f.remaining, f.required
(Decimal('48.49'), Decimal('36.50'), Decimal('11.99'), Decimal('24.51'), 13403)
>>> figures(hcm, ReportingPeriod(2019, 6), target=73, rounding="exact").pace.points
Decimal('11.990334851228031674621897917009564565388343300232')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Literal

import attrs

from thads_metrics._checks import Exact, require_flag, require_instance, require_int
from thads_metrics._checks import shown as _shown
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import PeriodError, RateError, ReportError
from thads_metrics.ledger import IDENTITIES, AmountLedger, CaseLedger
from thads_metrics.rates import (
    MAX_PLACES,
    Change,
    TargetGap,
    _empty_rate,
    as_percent,
    change,
    compare_to_target,
    completion_rate,
    conditions_share,
    pace,
    prorated_target,
    rate_change,
    remaining_to_target,
    required_to_reach,
    round_rate,
)

__all__ = ["CHANGED_ROWS", "RATE_PLACES", "Figures", "Rounding", "figures"]

#: Decimals of the rates a report prints (official reports: 2, half up).
RATE_PLACES = 2

#: The rounding policy: as a report prints, or exact.
Rounding = Literal["printed", "exact"]

#: The rows whose change against the same period last year a report gives.
CHANGED_ROWS = ("to_enforce", "with_conditions", "finished", "carried_forward")

Ledger = CaseLedger | AmountLedger

_EMPTY_CHANGES: Mapping[str, Change] = MappingProxyType({})
_EMPTY_SHARES: Mapping[str, Decimal] = MappingProxyType({})
_EMPTY_NEW: Mapping[str, int] = MappingProxyType({})


def _read_only(value: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Figures:
    """Every figure of one ledger's report, về việc or về tiền (số liệu báo cáo một biểu).

    ``ledger`` is the ledger the figures come from; ``rounding`` and
    ``places`` the policy they were computed with. ``share`` is the share
    with conditions (tỷ lệ có điều kiện) and ``rate`` the completion rate
    (tỷ lệ thi hành xong), rounded or exact as the policy says;
    ``rate_exact`` is always the exact rate. ``shares`` gives the share of
    the total to enforce of each class the layout has (``with_conditions``,
    ``stayed`` — hoãn, tạm đình chỉ counted apart — and ``without_conditions``)
    that is known, rounded or exact as the policy says. ``target`` is the annual target
    and ``prorated`` its share for the period; ``gap`` compares ``rate`` with
    ``target`` (vượt / chưa đạt), ``pace`` with ``prorated`` (vượt / chậm
    tiến độ); ``remaining`` are the points still to gain (còn phải phấn đấu)
    and ``required`` the least việc or đồng still to finish on the current
    base. ``changes`` holds the change against the same period last year of
    the :data:`CHANGED_ROWS` whose previous value was not 0, ``new_rows``
    those that were 0 then (no relative change exists), and ``rate_change``
    the change of the rate in percentage points; ``previous`` is the ledger
    they were compared with (None: no comparison). ``None`` where a figure
    cannot be computed.
    """

    ledger: Ledger
    rounding: Rounding
    places: int
    finished: int | None
    share: Decimal | None
    rate: Decimal | None
    rate_exact: Decimal | None
    target: Decimal | None
    prorated: Decimal | None
    gap: TargetGap | None
    pace: TargetGap | None
    remaining: Decimal | None
    required: int | None
    shares: Mapping[str, Decimal] = attrs.field(default=_EMPTY_SHARES, converter=_read_only)
    changes: Mapping[str, Change] = attrs.field(default=_EMPTY_CHANGES, converter=_read_only)
    new_rows: Mapping[str, int] = attrs.field(default=_EMPTY_NEW, converter=_read_only)
    rate_change: Decimal | None = None
    previous: Ledger | None = None

    @property
    def is_money(self) -> bool:
        """True for the money ledger (về tiền), False for cases (về việc)."""
        return isinstance(self.ledger, AmountLedger)

    def known(self, row: str) -> int | None:
        """The ledger's row ``row``, or None when the ledger does not know it."""
        return self.ledger.row(row) if self.ledger.is_known(row) else None


def _known(ledger: Ledger, name: str, strict: bool) -> int | None:
    if strict:
        return ledger.row(name)  # raises LedgerError naming the unknown row
    return ledger.row(name) if ledger.is_known(name) else None


def _ratio(
    compute: Callable[..., Decimal],
    part: int | None,
    whole: int | None,
    *,
    strict: bool,
    empty: Exact | None,
) -> Decimal | None:
    """A rate, or None where a row is unknown or (unless strict or ``empty``) the base is 0."""
    if part is None or whole is None or (whole == 0 and not strict and empty is None):
        return None
    return compute(part, whole, empty=empty)


def figures(
    ledger: Ledger,
    period: ReportingPeriod,
    *,
    target: Exact | None = None,
    previous: Ledger | None = None,
    rounding: Rounding = "printed",
    places: int = RATE_PLACES,
    count_reduced: bool = True,
    strict: bool = False,
    empty: Exact | None = None,
) -> Figures:
    """Compute every figure of one ledger's report (tính các số liệu của báo cáo).

    ``target`` is the annual target rate in percent (None: no target
    clauses); ``previous`` the same ledger of the same period last year
    (cùng kỳ). ``count_reduced=False`` leaves giảm, miễn out of a money
    rate's numerator. See the module for the rounding policy, ``strict`` and
    ``empty``.

    >>> from thads_metrics.calendar import ReportingPeriod
    >>> from thads_metrics.ledger import CaseLedger
    >>> year = ReportingPeriod(2025, 12)
    >>> f = figures(CaseLedger(newly_accepted=100, completed=84, in_progress=16), year,
    ...             target=Decimal("83.90"))
    >>> f.rate, f.gap, f.required
    (Decimal('84.00'), TargetGap(points=Decimal('0.1'), met=True), 0)
    """
    require_instance("ledger", ledger, (CaseLedger, AmountLedger), ReportError)
    require_instance("period", period, ReportingPeriod, PeriodError, what="a ReportingPeriod")
    if rounding not in ("printed", "exact"):
        raise ReportError(
            f"rounding must be 'printed' or 'exact', got {_shown(rounding)}",
            code="report.type",
            details={"argument": "rounding", "value": _shown(rounding)},
        )
    require_int("places", places, RateError, minimum=0, maximum=MAX_PLACES)
    require_flag("count_reduced", count_reduced, RateError)
    require_flag("strict", strict, RateError)
    if previous is not None and type(previous) is not type(ledger):
        raise ReportError(
            f"previous must be a {type(ledger).__name__} like ledger, got "
            f"{type(previous).__name__}",
            code="report.type",
            details={"argument": "previous", "value": type(previous).__name__},
        )
    goal = None if target is None else as_percent(target, "target")
    _empty_rate(empty)  # checked where it is given, as every rate checks it
    numerator = "finished"
    if isinstance(ledger, AmountLedger) and not count_reduced:
        numerator = "finished_excluding_reduced"
    printed = rounding == "printed"

    def shown(value: Decimal | None) -> Decimal | None:
        return None if value is None or not printed else round_rate(value, places)

    finished = _known(ledger, numerator, strict)
    base = _known(ledger, "with_conditions", strict)
    to_enforce = _known(ledger, "to_enforce", strict)
    share_exact = _ratio(conditions_share, base, to_enforce, strict=strict, empty=empty)
    rate_exact = _ratio(completion_rate, finished, base, strict=strict, empty=empty)
    share = shown(share_exact) if printed else share_exact
    shares: dict[str, Decimal] = {}
    for part in ledger.layout.row_names(IDENTITIES[0].parts):
        value = _ratio(
            conditions_share, _known(ledger, part, strict), to_enforce, strict=strict, empty=empty
        )
        if value is not None:
            shares[part] = round_rate(value, places) if printed else value
    rate = shown(rate_exact) if printed else rate_exact

    prorated = gap = on_pace = remaining = None
    required: int | None = None
    if goal is not None:
        prorated_exact = prorated_target(goal, period)
        prorated = shown(prorated_exact) if printed else prorated_exact
        if rate is not None and prorated is not None:
            gap = compare_to_target(rate, goal)
            # printed: against the pro-rated target as printed; exact: against the exact
            # pro-rated target (not its 50-digit Decimal)
            on_pace = compare_to_target(rate, prorated) if printed else pace(rate, goal, period)
            remaining = remaining_to_target(rate, goal)
            assert finished is not None  # a rate needs both
            assert base is not None
            required = 0 if printed and gap.met else required_to_reach(goal, finished, base)

    changes: dict[str, Change] = {}
    new_rows: dict[str, int] = {}
    moved: Decimal | None = None
    if previous is not None:
        for name in CHANGED_ROWS:
            before, now = _known(previous, name, strict), _known(ledger, name, strict)
            if before is None or now is None:
                continue
            if before:
                changes[name] = change(now, before)
            elif now:
                new_rows[name] = now
        before_exact = _ratio(
            completion_rate,
            _known(previous, numerator, strict),
            _known(previous, "with_conditions", strict),
            strict=strict,
            empty=empty,
        )
        before_rate = shown(before_exact) if printed else before_exact
        if rate is not None and before_rate is not None:
            moved = rate_change(rate, before_rate)
    return Figures(
        ledger=ledger,
        rounding=rounding,
        places=places,
        finished=finished,
        share=share,
        shares=shares,
        rate=rate,
        rate_exact=rate_exact,
        target=goal,
        prorated=prorated,
        gap=gap,
        pace=on_pace,
        remaining=remaining,
        required=required,
        changes=changes,
        new_rows=new_rows,
        rate_change=moved,
        previous=previous,
    )
