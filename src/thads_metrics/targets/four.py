"""The four targets of a unit, assessed together (4 chỉ tiêu).

A unit's year is judged on four targets (DOMAIN §4): the completion rate về
việc and về tiền against their targets, and reducing the cases and the money
carried forward to the next year (số việc, số tiền chuyển kỳ sau) compared
with last year. Hà Nội, 2017 (seed 001: "80% về việc, 34,5% về tiền, giảm
8,5% số việc và giảm 3,6% số tiền chuyển kỳ sau (vượt chỉ tiêu được giao là
trên 70% về việc và trên 30% về tiền). Đặc biệt một số đơn vị đạt cả 04 chỉ
tiêu được giao").

The reduction is measured against last year's carried forward. For a year
report that is what this year carried over (số năm trước chuyển sang), the
default; for a shorter period pass the same period of last year
(``previous``). A reduction target in percent (``reduce_cases``,
``reduce_money``) asks for at least that relative reduction; the default 0
asks for a reduction at all (strictly fewer).

>>> from thads_metrics.ledger import AmountLedger, CaseLedger, ledger_pair
>>> cases = CaseLedger(carried_over=10_000, newly_accepted=20_000, completed=18_000,
...                    in_progress=4_500, without_conditions=7_500)
>>> money = AmountLedger(carried_over=10**13, newly_accepted=5 * 10**12, completed=6 * 10**12,
...                      in_progress=2 * 10**12, without_conditions=7 * 10**12)
>>> four = assess_four(cases, money, Target("70", "30"))
>>> four.cases_rate.met, four.money_rate.met   # 80% and 75%
(True, True)
>>> four.cases_carried_forward.relative_percent  # 12.000 against 10.000
Decimal('20')
>>> four.money_carried_forward.relative_percent  # 9.000 tỷ against 10.000 tỷ: giảm 10%
Decimal('-10')
>>> four.cases_reduced, four.money_reduced, four.met
(False, True, 3)
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from thads_metrics._checks import Exact, require_exact, require_instance, to_fraction
from thads_metrics.errors import TargetError
from thads_metrics.ledger import AmountLedger, CaseLedger, ledger_pair
from thads_metrics.rates import Change, TargetGap, change, compare_to_target, completion_rate
from thads_metrics.targets.target import Target

__all__ = ["FourTargets", "assess_four"]


@attrs.frozen
class FourTargets:
    """The four targets of a unit, assessed (kết quả thực hiện 4 chỉ tiêu).

    ``cases_rate`` and ``money_rate`` compare the exact completion rates with
    the targets (None where a rate is undefined: an empty or unknown base);
    ``cases_carried_forward`` and ``money_carried_forward`` are the change of
    what is carried forward against last year's (a relative change:
    "giảm 8,5%" is ``relative_percent == -8.5``); ``cases_reduced`` and
    ``money_reduced`` say whether each reduction target is met; ``met`` counts
    the targets met (0 to 4) and ``all_met`` is True when it is 4 ("đạt cả
    04 chỉ tiêu").
    """

    cases_rate: TargetGap | None
    money_rate: TargetGap | None
    cases_carried_forward: Change
    money_carried_forward: Change
    cases_reduced: bool
    money_reduced: bool

    @property
    def met(self) -> int:
        """How many of the four targets are met."""
        rates = sum(1 for gap in (self.cases_rate, self.money_rate) if gap is not None and gap.met)
        return rates + int(self.cases_reduced) + int(self.money_reduced)

    @property
    def all_met(self) -> bool:
        """True when all four targets are met (đạt cả 04 chỉ tiêu)."""
        return self.met == 4


def _rate(ledger: CaseLedger | AmountLedger, goal: Decimal) -> TargetGap | None:
    known = ledger.is_known("finished") and ledger.is_known("with_conditions")
    if not known or not ledger.with_conditions:
        return None
    return compare_to_target(completion_rate(ledger.finished, ledger.with_conditions), goal)


def _reduction(
    now: CaseLedger | AmountLedger, before: int, at_least: Fraction
) -> tuple[Change, bool]:
    moved = change(now.carried_forward, before, empty=0)
    reduced = now.carried_forward < before and -Fraction(moved.relative_percent) >= at_least
    return moved, reduced


def assess_four(
    cases: CaseLedger,
    money: AmountLedger,
    target: Target,
    *,
    previous: tuple[CaseLedger, AmountLedger] | None = None,
    reduce_cases: Exact = 0,
    reduce_money: Exact = 0,
) -> FourTargets:
    """Assess the four targets of a unit (đánh giá 4 chỉ tiêu); see the module."""
    require_instance("cases", cases, CaseLedger, TargetError)
    require_instance("money", money, AmountLedger, TargetError)
    require_instance("target", target, Target, TargetError)
    goals = [
        to_fraction(require_exact(name, value, TargetError, minimum=0))
        for name, value in (("reduce_cases", reduce_cases), ("reduce_money", reduce_money))
    ]
    if previous is None:
        before_cases, before_money = cases.carried_over, money.carried_over
    else:
        last_cases, last_money = ledger_pair("previous", previous, TargetError)
        before_cases, before_money = last_cases.carried_forward, last_money.carried_forward
    cases_moved, cases_reduced = _reduction(cases, before_cases, goals[0])
    money_moved, money_reduced = _reduction(money, before_money, goals[1])
    return FourTargets(
        cases_rate=_rate(cases, target.cases),
        money_rate=_rate(money, target.money),
        cases_carried_forward=cases_moved,
        money_carried_forward=money_moved,
        cases_reduced=cases_reduced,
        money_reduced=money_reduced,
    )
