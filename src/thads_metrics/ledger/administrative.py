"""The follow-up of administrative judgments (theo dõi thi hành án hành chính).

Civil judgment enforcement bodies do not enforce administrative judgments
(bản án, quyết định hành chính); they *follow* their enforcement and report
it under the same statistics regime. The ledger counts judgments (bản án,
quyết định), with its own rows:

| row | Vietnamese | rule |
|---|---|---|
| ``carried_over`` | năm trước chuyển sang | |
| ``newly_accepted`` | thụ lý mới | |
| ``followed`` | tổng số bản án, quyết định phải theo dõi | carried_over + newly_accepted |
| ``finished`` | đã thi hành xong | |
| ``stayed`` | bị hủy, hoãn, tạm đình chỉ thi hành | |
| ``pending`` | còn đang theo dõi, tiếp tục thi hành | |
| ``compulsion_orders`` | quyết định buộc thi hành án hành chính | a count beside the ledger |

and one identity: followed = finished + stayed + pending. The orders of the
courts forcing enforcement (quyết định buộc thi hành án hành chính) are a
count of decisions beside the ledger, not a part of it.

Published checks: TP.HCM, 6 months of 2019 (plo.vn): "tổng số bản án đang
theo dõi là 54, trong đó năm 2018 chuyển sang 39 bản án, thụ lý mới 15 bản
án. Tòa án đã ra quyết định buộc THA hành chính là 16 quyết định, đã thi
hành xong năm bản án, số vụ việc còn đang theo dõi là 49"; national 2024
(noichinh.vn): 1.973 followed = 896 finished + 11 "bị hủy, hoãn, tạm đình
chỉ" + 1.066 still followed.

>>> hcm = AdministrativeLedger(carried_over=39, newly_accepted=15, finished=5,
...                            pending=49, compulsion_orders=16)
>>> hcm.followed, round(hcm.completion_rate(), 2)
(54, Decimal('9.26'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from thads_metrics._checks import Exact, require_int, shown
from thads_metrics.errors import LedgerError
from thads_metrics.ledger import _solver
from thads_metrics.ledger.rows import INTAKE_ROWS, Row, guard_keywords, row_set
from thads_metrics.rates import completion_rate as _completion_rate

__all__ = ["ADMINISTRATIVE_ROWS", "AdministrativeLedger"]

_n = _solver._n

#: The rows of the follow-up of administrative judgments, in the order of the form.
ADMINISTRATIVE_ROWS: tuple[Row, ...] = (
    Row("carried_over", "năm trước chuyển sang", "carried over from last year"),
    Row("newly_accepted", "thụ lý mới", "newly accepted", flow=True),
    Row(
        "followed",
        "tổng số bản án, quyết định phải theo dõi",
        "judgments followed",
        ((1, "carried_over"), (1, "newly_accepted")),
    ),
    Row("finished", "đã thi hành xong", "finished", flow=True),
    Row("stayed", "bị hủy, hoãn, tạm đình chỉ thi hành", "annulled, postponed or suspended"),
    Row("pending", "còn đang theo dõi, tiếp tục thi hành", "still followed"),
)
_TERMS: Mapping[str, str] = MappingProxyType({row.name: row.term for row in ADMINISTRATIVE_ROWS})
_STORED = tuple(row.name for row in ADMINISTRATIVE_ROWS if row.stored)
_CHAIN = _solver.build_chain(
    _STORED, INTAKE_ROWS, {"followed": dict.fromkeys(INTAKE_ROWS, 1)}, _TERMS
)


def _to_row_set(value: Iterable[str]) -> frozenset[str]:
    names = row_set(value)
    extra = names - set(_TERMS)
    if extra:
        raise LedgerError(
            f"unknown names rows AdministrativeLedger does not have: {sorted(map(str, extra))}",
            code="ledger.unknown_row",
            details={"argument": "unknown", "value": tuple(sorted(map(str, extra)))},
        )
    return names


@attrs.frozen(kw_only=True, repr=False)
class AdministrativeLedger:
    """Administrative judgments followed by an enforcement body (theo dõi thi hành án hành chính).

    Stored rows are ``int`` >= 0 (see the module for the rows); followed =
    carried_over + newly_accepted must equal finished + stayed + pending.
    ``compulsion_orders`` counts the courts' orders forcing enforcement
    (quyết định buộc thi hành án hành chính) beside the ledger. Merge with
    ``+``; :meth:`from_totals` builds one from published totals.

    >>> AdministrativeLedger(carried_over=39, newly_accepted=15, finished=5, pending=50)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: rows do not add up: followed (54) = finished (5) + ...
    """

    carried_over: int = 0
    newly_accepted: int = 0
    finished: int = 0
    stayed: int = 0
    pending: int = 0
    compulsion_orders: int = 0
    unknown: frozenset[str] = attrs.field(factory=frozenset, converter=_to_row_set)

    #: Every row, in the order of the form.
    ROWS = tuple(_TERMS)

    def __attrs_post_init__(self) -> None:
        for name in (*_STORED, "compulsion_orders"):
            value = getattr(self, name)
            if type(value) is not int or value < 0:
                require_int(name, value, LedgerError, term=_TERMS.get(name, "quyết định buộc"))
        parts = self.finished + self.stayed + self.pending
        if parts != self.followed:
            raise LedgerError(
                f"rows do not add up: followed ({_n(self.followed)}) = finished "
                f"({_n(self.finished)}) + stayed ({_n(self.stayed)}) + pending "
                f"({_n(self.pending)}) must hold, but the right side is {_n(parts)}; followed = "
                f"carried_over ({_n(self.carried_over)}) + newly_accepted "
                f"({_n(self.newly_accepted)}) "
                + _solver.legend(("followed", "finished", "stayed", "pending"), _TERMS),
                code="ledger.identity",
                details={
                    "identity": "followed = finished + stayed + pending",
                    "difference": parts - self.followed,
                    **{name: getattr(self, name) for name in self.ROWS},
                },
            )

    @property
    def followed(self) -> int:
        """Judgments followed (tổng số bản án phải theo dõi) = carried_over + newly_accepted."""
        return self.carried_over + self.newly_accepted

    def is_known(self, row: str) -> bool:
        """True unless ``row`` is one :meth:`from_totals` could not determine."""
        if row not in _TERMS:
            raise LedgerError(
                f"AdministrativeLedger has no row {shown(row)}; rows are {', '.join(self.ROWS)}",
                code="ledger.no_such_row",
                details={"row": shown(row), "ledger": "AdministrativeLedger"},
            )
        return row not in self.unknown

    def rows(self) -> dict[str, int]:
        """Every known row, in the order of the form."""
        return {name: getattr(self, name) for name in self.ROWS if name not in self.unknown}

    def completion_rate(self, *, empty: Exact | None = None) -> Decimal:
        """Judgments finished of those followed, in percent (tỷ lệ thi hành xong án hành chính).

        National 2020: "thi hành xong 363/830 việc (đạt tỷ lệ 43,73%)".

        >>> round(AdministrativeLedger.from_totals(followed=830, finished=363)
        ...       .completion_rate(), 2)
        Decimal('43.73')
        """
        missing = [name for name in ("finished", "followed") if name in self.unknown]
        if missing:
            raise LedgerError(
                f"completion_rate needs {' and '.join(missing)}, which this ledger does not know",
                code="ledger.unknown_value",
                details={"needed_by": "completion_rate", "rows": tuple(missing)},
            )
        return _completion_rate(self.finished, self.followed, empty=empty)

    def __add__(self, other: AdministrativeLedger) -> AdministrativeLedger:
        if not isinstance(other, AdministrativeLedger):
            raise LedgerError(
                f"cannot add {type(other).__name__} and AdministrativeLedger",
                code="ledger.type",
                details={"left": "AdministrativeLedger", "right": type(other).__name__},
            )
        values = {
            name: getattr(self, name) + getattr(other, name)
            for name in (*_STORED, "compulsion_orders")
        }
        return AdministrativeLedger(**values, unknown=self.unknown | other.unknown)

    def __radd__(self, other: object) -> Any:
        raise LedgerError(
            f"cannot add {type(other).__name__} and AdministrativeLedger; to add many, use "
            "sum(ledgers, start=AdministrativeLedger())",
            code="ledger.type",
            details={"left": type(other).__name__, "right": "AdministrativeLedger"},
        )

    @classmethod
    def from_totals(
        cls, *, compulsion_orders: int = 0, **totals: int | None
    ) -> AdministrativeLedger:
        """Build one from the totals a report publishes (dựng từ các số tổng đã công bố).

        National 2024 (noichinh.vn): 1.973 followed, 896 finished, 11 annulled,
        postponed or suspended: the judgments still followed follow.

        >>> national = AdministrativeLedger.from_totals(followed=1_973, finished=896, stayed=11)
        >>> national.pending, national.is_known("carried_over")
        (1066, False)
        """
        extra = sorted(set(totals) - set(_TERMS))
        if extra:
            raise LedgerError(
                f"from_totals has no row {extra[0]!r}; rows are {', '.join(cls.ROWS)}",
                code="ledger.no_such_row",
                details={"row": extra[0], "ledger": cls.__name__},
            )
        given = {
            name: require_int(name, value, LedgerError, term=_TERMS[name])
            for name, value in totals.items()
            if value is not None
        }
        if not given:
            raise LedgerError(
                "from_totals needs at least one total", code="ledger.empty", details={}
            )
        values, unknown = _solver.solve(_CHAIN, given)
        return cls(**values, compulsion_orders=compulsion_orders, unknown=unknown)

    def __repr__(self) -> str:
        parts = [
            f"{name}={shown(getattr(self, name))}"
            for name in (*_STORED, "compulsion_orders")
            if getattr(self, name)
        ]
        if self.unknown:
            names = ", ".join(repr(name) for name in self.ROWS if name in self.unknown)
            parts.append(f"unknown=frozenset({{{names}}})")
        return f"AdministrativeLedger({', '.join(parts)})"


def _not_a_row(name: str, value: object) -> LedgerError:
    """The error of a keyword argument of ``AdministrativeLedger(...)`` that is not a stored row."""
    stored = ", ".join((*_STORED, "compulsion_orders"))
    if name in _TERMS:
        return LedgerError(
            f"{name} ({_TERMS[name]}) is a total derived from the stored rows (followed = "
            f"carried_over + newly_accepted); AdministrativeLedger(...) takes the stored rows "
            f"{stored}: give totals to AdministrativeLedger.from_totals",
            code="ledger.no_such_row",
            details={"row": name, "ledger": "AdministrativeLedger", "rule": "the stored rows"},
        )
    return LedgerError(
        f"AdministrativeLedger has no row {name!r}; rows are {stored}",
        code="ledger.no_such_row",
        details={"row": name, "ledger": "AdministrativeLedger"},
    )


guard_keywords(AdministrativeLedger, _not_a_row)
