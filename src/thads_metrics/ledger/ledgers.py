"""The two ledgers of the statistical forms (số liệu thi hành án về việc và về tiền).

Every report counts the same rows twice: in cases (việc, one enforcement
decision is one việc) with :class:`CaseLedger`, and in money (tiền, integer
đồng) with :class:`AmountLedger`. The stored rows are the ones an office
records; the totals of the form (accepted, to_enforce, with_conditions,
finished, carried_forward, …) are derived from them by the formulas of the
row table (:mod:`thads_metrics.ledger.rows`), so they always agree.

A ledger checks at construction that its rows balance (the identities of the
row table): what was accepted, less what was entrusted or withdrawn, is
exactly what is classified as with or without conditions.
:meth:`CaseLedger.from_totals` builds one from the few totals a report
publishes and records which rows it cannot know.

>>> national_2023 = CaseLedger.from_totals(
...     carried_over=299_096, newly_accepted=636_950, entrusted=12_004, withdrawn=501
... )
>>> national_2023.accepted, national_2023.to_enforce  # toàn quốc, năm 2023
(936046, 923541)
>>> national_2023.is_known("with_conditions")
False
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar, TypeVar, cast, overload

import attrs

from thads_metrics._checks import Exact, require_flag, require_int, shown
from thads_metrics._html import html_table
from thads_metrics.errors import LedgerError, ThadsError
from thads_metrics.ledger import _solver
from thads_metrics.ledger.layouts import DEFAULT_LAYOUT, LAYOUTS, Layout, as_layout, moving_rows
from thads_metrics.ledger.rows import (
    CARRIED_ROWS,
    IDENTITIES,
    INTAKE_ROWS,
    ROW,
    ROW_TERMS,
    describe,
    expand,
    guard_keywords,
    row_names,
    row_set,
)
from thads_metrics.rates import completion_rate as _completion_rate
from thads_metrics.rates import conditions_share as _conditions_share

__all__ = ["AmountLedger", "CaseLedger"]

_L = TypeVar("_L", bound="_Ledger")

_n = _solver._n
_legend = _solver.legend


def _to_row_set(value: Iterable[str]) -> frozenset[str]:
    return row_set(value)


def _to_layout(value: object) -> Layout:
    """A :class:`Layout`, or its code ("tt06-2019")."""
    return as_layout(value, LedgerError)


def _layouts_with(row: str) -> str:
    """The codes of the layouts that have ``row``, for a message."""
    return " or ".join(repr(code) for code, layout in LAYOUTS.items() if layout.has(row))


class _Derived:
    """A derived row (dòng tổng): computed by its formula in the row table.

    The ledger classes declare each derived row with one of these (for the
    type checker and the reference); :func:`_bind` replaces it with a
    property compiled from the formula and checks the declarations against
    the table.
    """

    name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> _Derived: ...
    @overload
    def __get__(self, obj: object, owner: type) -> int: ...
    def __get__(self, obj: object, owner: type) -> Any:
        if obj is None:
            return self
        raise AssertionError(f"{self.name} was not bound to the row table")  # pragma: no cover


def _getter(name: str, *, money: bool) -> property:
    """A property computing derived row ``name`` from the stored rows, compiled once."""
    terms = expand(name, money=money)
    body = " ".join(f"{'+' if c > 0 else '-'} {abs(c)} * s.{n}" for n, c in terms.items())
    body = body.replace(" 1 * ", " ")
    function = eval(f"lambda s: {body or '0'}")
    row = ROW[name]
    return property(function, doc=f"{row.english.capitalize()} ({row.term}).")


@attrs.frozen(repr=False, kw_only=True)
class _Ledger:
    """The rows and behaviour shared by :class:`CaseLedger` and :class:`AmountLedger`.

    Not public. The stored rows are declared here once (attrs fields, for the
    type checker); :func:`_bind` checks them against the row table.
    """

    #: Stored rows, in the order of the form.
    STORED: ClassVar[tuple[str, ...]]
    #: Derived rows (properties), in the order of the form.
    DERIVED: ClassVar[tuple[str, ...]]
    #: Every row, stored and derived, in the order of the form.
    ROWS: ClassVar[tuple[str, ...]]
    MONEY: ClassVar[bool]
    _UNIT: ClassVar[str]
    _CHAIN: ClassVar[_solver.Chain]

    carried_over: int = 0
    newly_accepted: int = 0
    entrusted: int = 0
    withdrawn: int = 0
    completed: int = 0
    terminated: int = 0
    in_progress: int = 0
    postponed: int = 0
    suspended: int = 0
    other: int = 0
    stayed: int = 0
    without_conditions: int = 0
    unknown: frozenset[str] = attrs.field(factory=frozenset, converter=_to_row_set, repr=False)
    layout: Layout = attrs.field(default=DEFAULT_LAYOUT, converter=_to_layout, repr=False)

    #: Accepted (tổng số thụ lý) = carried_over + newly_accepted.
    accepted = _Derived()
    #: To enforce (tổng số phải thi hành) = accepted − entrusted − withdrawn.
    to_enforce = _Derived()
    #: With conditions (có điều kiện thi hành) = finished + in_progress + postponed
    #: + suspended + other.
    with_conditions = _Derived()
    #: Finished (số thi hành xong, tính tỷ lệ) = completed + terminated (+ reduced, money).
    finished = _Derived()
    #: Carried forward (số chuyển kỳ sau) = to_enforce − finished.
    carried_forward = _Derived()
    #: Carried forward with conditions (có điều kiện chuyển kỳ sau) = with_conditions − finished.
    carried_forward_with_conditions = _Derived()

    # ------------------------------------------------------------------ checks

    def __attrs_post_init__(self) -> None:
        for name in self.STORED:  # one loop is much faster than a validator per field
            value = getattr(self, name)
            if type(value) is not int or value < 0:
                require_int(name, value, LedgerError, term=ROW_TERMS[name])
        for name in self.layout.without:
            if getattr(self, name):
                raise LedgerError(
                    f"{name} ({ROW_TERMS[name]}) must be 0 in the layout of Thông tư "
                    f"{self.layout.circular}, whose forms have no such row; got "
                    f"{_n(getattr(self, name))}. Use the layout of the report's circular, e.g. "
                    f"layout={_layouts_with(name)}",
                    code="ledger.layout",
                    details={"row": name, "value": getattr(self, name), "layout": self.layout.code},
                )
        if self.unknown and not self.unknown <= frozenset(self.row_names):
            unknown = self.unknown - frozenset(self.row_names)
            raise LedgerError(
                f"unknown names rows that {type(self).__name__} does not have: "
                f"{sorted(unknown)}; rows are {', '.join(self.row_names)}",
                code="ledger.unknown_row",
                details={"argument": "unknown", "value": tuple(sorted(unknown))},
            )
        self._check_identities()

    @property
    def row_names(self) -> tuple[str, ...]:
        """The rows of this ledger in its layout, stored and derived, in form order."""
        return self.layout.row_names(self.ROWS)

    def _formula_text(self, name: str) -> str:
        """``"to_enforce (923 541) = accepted (936 046) − entrusted (12 004) − …"``."""
        parts = [(sign, part) for sign, part in ROW[name].formula if part in self.row_names]
        text = " ".join(
            f"{'+' if sign > 0 else '−'} {part} ({_n(getattr(self, part))})" for sign, part in parts
        )
        return f"{name} ({_n(getattr(self, name))}) = {text.removeprefix('+ ')}"

    def _stored_text(self, name: str) -> str:
        """A derived row as the sum of its stored rows, with their values."""
        terms = self.layout.row_names(tuple(expand(name, money=self.MONEY)))
        return " + ".join(f"{part} ({_n(getattr(self, part))})" for part in terms)

    def _check_identities(self) -> None:
        for rule in IDENTITIES:
            identity = attrs.evolve(rule, parts=self.layout.row_names(rule.parts))
            total = identity.total
            total_value = getattr(self, total)
            formula = ROW[total].formula
            if total_value < 0:
                added = [part for sign, part in formula if sign > 0]
                taken = [part for sign, part in formula if sign < 0]
                details = [self._formula_text(p) for p in added if not ROW[p].stored]
                raise LedgerError(
                    f"{self._formula_text(total)} must be >= 0: more {self._UNIT} were "
                    f"{' or '.join(taken)} than {' and '.join(added)}; "
                    + "; ".join(details)
                    + " "
                    + _legend([total, *added, *taken]),
                    code="ledger.negative",
                    details={"row": total, "value": total_value, **self._values(formula)},
                )
            classified = sum(getattr(self, part) for part in identity.parts)
            if classified != total_value:
                sum_text = " + ".join(f"{p} ({_n(getattr(self, p))})" for p in identity.parts)
                derived_parts = [p for p in identity.parts if not ROW[p].stored]
                derived_total = [p for _, p in formula if not ROW[p].stored]
                raise LedgerError(
                    f"rows do not add up: {total} = {' + '.join(identity.parts)} must hold; "
                    f"got {self._formula_text(total)}, but {sum_text} = {_n(classified)}, "
                    f"{_n(abs(classified - total_value))} {self._UNIT} "
                    f"{'more' if classified > total_value else 'fewer'} than {total}; "
                    + "; ".join(
                        [f"{p} = {self._stored_text(p)}" for p in derived_parts]
                        + [self._formula_text(p) for p in derived_total]
                    )
                    + " "
                    + _legend([total, *identity.parts, *(p for _, p in formula)]),
                    code="ledger.identity",
                    details={
                        "identity": f"{total} = {' + '.join(identity.parts)}",
                        "rule": identity.rule,
                        "difference": classified - total_value,
                        **self._values([(1, total), *((1, p) for p in identity.parts)]),
                    },
                )

    def _values(self, parts: Iterable[tuple[int, str]]) -> dict[str, int]:
        return {part: getattr(self, part) for _, part in parts if part in self.row_names}

    # ------------------------------------------------------------------ knowledge

    def is_known(self, row: str) -> bool:
        """True unless ``row`` is one that :meth:`from_totals` could not determine (đã biết).

        A ledger built from its rows knows them all; one built from published
        totals knows the totals given and what follows from them, and holds a
        placeholder in the others (listed in :attr:`unknown`).

        >>> ledger = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
        >>> ledger.is_known("without_conditions"), ledger.is_known("completed")
        (True, False)
        """
        self._check_row_name(row)
        return row not in self.unknown

    def row(self, name: str) -> int:
        """The value of row ``name``, refusing one the ledger does not know (giá trị một dòng).

        >>> ledger = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
        >>> ledger.row("carried_forward")
        50
        >>> ledger.row("completed")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.LedgerError: completed (thi hành xong) is not known for this ledger...
        """
        if not self.is_known(name):
            raise LedgerError(
                f"{name} ({ROW_TERMS[name]}) is not known for this ledger: it was built "
                "from totals that do not determine it",
                code="ledger.unknown_value",
                details={"row": name},
            )
        value: int = getattr(self, name)
        return value

    def rows(self) -> dict[str, int]:
        """Every known row, stored and derived, in the order of the form (các dòng đã biết).

        >>> rows = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50).rows()
        >>> rows["without_conditions"], rows["carried_forward_with_conditions"]
        (20, 30)
        >>> list(rows)[:3]
        ['to_enforce', 'with_conditions', 'finished']
        """
        return {name: getattr(self, name) for name in self.row_names if name not in self.unknown}

    def _check_row_name(self, name: object) -> None:
        """Refuse a name that is not a row of this ledger in its layout (``ledger.no_such_row``)."""
        if isinstance(name, str) and name in self.row_names:
            return
        ledger = type(self).__name__
        if isinstance(name, str) and name in self.ROWS:  # a row of other layouts only
            raise LedgerError(
                f"{ledger} in the layout of Thông tư {self.layout.circular} has no row "
                f"{name!r} ({ROW_TERMS[name]}): its forms do not have it (it is a row of "
                f"layout={_layouts_with(name)}); rows are {', '.join(self.row_names)}",
                code="ledger.no_such_row",
                details={"row": name, "ledger": ledger, "layout": self.layout.code},
            )
        raise LedgerError(
            f"{ledger} has no row {shown(name)}; rows are {', '.join(self.row_names)}",
            code="ledger.no_such_row",
            details={"row": shown(name), "ledger": ledger},
        )

    @classmethod
    def _not_a_row(cls, name: str, value: object, *, totals: bool) -> LedgerError:
        """The error of argument ``name``, which is not a row this ledger takes.

        ``ledger.money_only`` for ``reduced`` given to a case ledger,
        ``ledger.no_such_row`` otherwise; ``totals`` is True for
        :meth:`from_totals` (which takes derived rows too), False for the
        constructor (stored rows only).
        """
        ledger = cls.__name__
        if name in ROW and name not in cls.ROWS:
            return LedgerError(
                f"{name} ({ROW_TERMS[name]}) is a row of the money ledger only (AmountLedger); "
                f"{ledger} counts việc and has no such row, got {name}={shown(value)}",
                code="ledger.money_only",
                details={
                    "row": name,
                    "value": shown(value),
                    "ledger": ledger,
                    "rule": f"{name} is a row of the money ledger (tiền) only",
                },
            )
        if name in ROW and not totals:
            return LedgerError(
                f"{name} ({ROW_TERMS[name]}) is a total derived from the stored rows "
                f"({describe(name, money=cls.MONEY)}); {ledger}(...) takes the stored rows "
                f"{', '.join(cls.STORED)}: give totals to {ledger}.from_totals",
                code="ledger.no_such_row",
                details={"row": name, "ledger": ledger, "rule": "the stored rows"},
            )
        taken = cls.ROWS if totals else cls.STORED
        call = f"{ledger}.from_totals" if totals else ledger
        return LedgerError(
            f"{call} has no row {name!r}; rows are {', '.join(taken)}",
            code="ledger.no_such_row",
            details={"row": name, "ledger": ledger},
        )

    def _require_known(self, what: str, *names: str) -> None:
        missing = [name for name in names if name in self.unknown]
        if missing:
            raise LedgerError(
                f"{what} needs {' and '.join(names)}, but this ledger does not know "
                f"{' and '.join(missing)}: it was built from totals that do not determine "
                + ("it " if len(missing) == 1 else "them ")
                + _legend(missing),
                code="ledger.unknown_value",
                details={"needed_by": what, "rows": tuple(missing)},
            )

    # ------------------------------------------------------------------ rates

    def completion_rate(self, *, empty: Exact | None = None) -> Decimal:
        """Completion rate in percent (tỷ lệ thi hành xong) = finished ÷ with_conditions × 100.

        Delegates to :func:`thads_metrics.rates.completion_rate`; an empty base
        raises :class:`~thads_metrics.errors.RateError` unless ``empty`` is given.

        >>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
        >>> round(hcm.completion_rate(), 2)  # TP.HCM, 6 tháng 2019: 48,49%
        Decimal('48.49')
        """
        self._require_known("completion_rate", "finished", "with_conditions")
        return _completion_rate(self.finished, self.with_conditions, empty=empty)

    def conditions_share(self, *, empty: Exact | None = None) -> Decimal:
        """Share with conditions (tỷ lệ có điều kiện) = with_conditions ÷ to_enforce × 100, in %.

        Delegates to :func:`thads_metrics.rates.conditions_share`.

        >>> CaseLedger(newly_accepted=4, in_progress=3, without_conditions=1).conditions_share()
        Decimal('75')
        """
        self._require_known("conditions_share", "with_conditions", "to_enforce")
        return _conditions_share(self.with_conditions, self.to_enforce, empty=empty)

    # ------------------------------------------------------------------ merge, roll

    def __add__(self: _L, other: _L) -> _L:
        if type(other) is not type(self):
            raise self._cannot_add(other)
        if other.layout != self.layout:
            if self._is_empty():  # an empty ledger adds to any: sum(…, start=CaseLedger())
                return other
            if other._is_empty():
                return self
            raise LedgerError(
                f"cannot add ledgers of two layouts, Thông tư {self.layout.circular} and "
                f"Thông tư {other.layout.circular}: their rows do not mean the same; convert "
                "one first with .convert(layout), which keeps what is exact and marks the rest "
                "unknown",
                code="ledger.layout",
                details={"left": self.layout.code, "right": other.layout.code},
            )
        cls = type(self)
        values = {name: getattr(self, name) + getattr(other, name) for name in cls.STORED}
        return cls(**values, unknown=self.unknown | other.unknown, layout=self.layout)

    def _is_empty(self) -> bool:
        """Every stored row 0 and known: the neutral element of ``+`` in every layout."""
        return not self.unknown and not any(getattr(self, name) for name in self.STORED)

    def __radd__(self, other: object) -> Any:
        raise self._cannot_add(other)

    def _cannot_add(self, other: object) -> LedgerError:
        if isinstance(other, _Ledger):
            return LedgerError(
                f"cannot add {type(other).__name__} ({other._UNIT}) and "
                f"{type(self).__name__} ({self._UNIT}): the case and money ledgers are kept "
                "apart",
                code="ledger.kind",
                details={"left": type(self).__name__, "right": type(other).__name__},
            )
        name = type(self).__name__
        return LedgerError(
            f"cannot add {type(other).__name__} {shown(other)} and {name}: only ledgers of the "
            f"same kind add up; to add many, use sum(ledgers, start={name}())",
            code="ledger.type",
            details={"left": name, "right": type(other).__name__},
        )

    def roll_forward(self: _L, *, separate_book: int = 0) -> _L:
        """Next year's opening ledger (số năm trước chuyển sang của năm sau).

        What this ledger carries forward is carried over: cases (or đồng) in
        progress, postponed, suspended, other and without conditions keep their
        row; everything finished, entrusted or withdrawn leaves. Nothing is
        newly accepted yet. Of a ledger built from totals, the opening knows
        exactly what follows from what this one knows.

        ``separate_book`` are the cases (or đồng) chưa có điều kiện moved at
        year end to the separate register (chuyển sổ theo dõi riêng): they
        leave the count, so next year's carried_over is carried_forward less
        them. National reports publish the opening that way ("số cũ chuyển
        sang (trừ số đã chuyển sổ theo dõi riêng)", 2023: 299.096 việc,
        thads.moj.gov.vn ItemID=1355). It cannot exceed without_conditions.

        >>> year = CaseLedger(newly_accepted=10, completed=4, in_progress=3, without_conditions=3)
        >>> opening = year.roll_forward()
        >>> opening.carried_over, opening.with_conditions, opening.without_conditions
        (6, 3, 3)
        >>> year.roll_forward(separate_book=2).carried_over
        4
        """
        moved = require_int("separate_book", separate_book, LedgerError, term="sổ theo dõi riêng")
        if moved:
            self._require_known("roll_forward(separate_book=…)", "without_conditions")
            if moved > self.without_conditions:
                raise LedgerError(
                    f"separate_book ({_n(moved)}) cannot exceed without_conditions "
                    f"({_n(self.without_conditions)}): only cases chưa có điều kiện thi hành "
                    "are moved to the separate register (sổ theo dõi riêng)",
                    code="ledger.range",
                    details={
                        "argument": "separate_book",
                        "value": moved,
                        "without_conditions": self.without_conditions,
                    },
                )
        cls = type(self)
        # The roll-forward rule: the opening's carried_over is what this ledger
        # carries forward; its stock rows keep their value; what left this year
        # (and what is newly accepted next year) starts at 0.
        opening = {
            **dict.fromkeys(cls.STORED, 0),
            INTAKE_ROWS[0]: self.carried_forward - moved,
            **{name: getattr(self, name) for name in CARRIED_ROWS},
        }
        opening["without_conditions"] -= moved
        if not self.unknown:
            return cls(**opening, layout=self.layout)
        # Of a partial ledger, keep what is known and let the solver say what follows.
        source = {
            INTAKE_ROWS[0]: "carried_forward",
            **{name: name for name in CARRIED_ROWS},
        }
        given: dict[str, int | None] = {
            name: None if source.get(name) in self.unknown else value
            for name, value in opening.items()
        }
        if "carried_forward_with_conditions" not in self.unknown:
            given["with_conditions"] = self.carried_forward_with_conditions
        return cls.from_totals(layout=self.layout, **given)

    def _repr_html_(self) -> str:
        """The ledger as an HTML table, one form row a line, for notebooks."""
        rows = [
            [name, ROW_TERMS[name], None if name in self.unknown else getattr(self, name)]
            for name in self.row_names
        ]
        return html_table(f"{type(self).__name__} ({self._UNIT})", ["row", "dòng", "số"], rows)

    def __repr__(self) -> str:
        parts = [f"{name}={shown(value)}" for name in self.STORED if (value := getattr(self, name))]
        if self.unknown:
            names = ", ".join(repr(name) for name in self.ROWS if name in self.unknown)
            parts.append(f"unknown=frozenset({{{names}}})")
        if self.layout != DEFAULT_LAYOUT:
            parts.append(f"layout={self.layout.code!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    # ------------------------------------------------------------------ from totals

    @classmethod
    def from_totals(
        cls: type[_L], *, layout: Layout | str = DEFAULT_LAYOUT, **totals: int | None
    ) -> _L:
        """Build a ledger from the totals a report publishes (dựng số liệu từ các số tổng).

        Give any rows you know, stored or derived, by name (``None`` means
        "not published"). The totals are refused with
        :class:`~thads_metrics.errors.LedgerError` when no ledger could have
        them (e.g. more finished than with conditions), naming the rows and
        numbers that clash. Rows the totals determine become known (e.g.
        without_conditions = to_enforce − with_conditions); the others hold a
        placeholder, are listed in :attr:`unknown` and refused by :meth:`row`,
        :meth:`completion_rate` and :meth:`conditions_share`. ``reduced`` is
        for :class:`AmountLedger` only; a money ``finished`` includes it.

        >>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
        >>> hcm.finished, hcm.carried_forward_with_conditions, hcm.is_known("to_enforce")
        (26515, 28166, False)
        >>> CaseLedger.from_totals(to_enforce=5, with_conditions=8, finished=10)
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.LedgerError: impossible totals: ... must hold, but the left side is ...
        """
        for name in sorted(totals):
            if name not in cls._CHAIN.spans:
                raise cls._not_a_row(name, totals[name], totals=True)
        given: dict[str, int] = {}
        for name in cls.ROWS:  # in form order, whatever order they were given in
            value = totals.get(name)
            if value is not None:
                given[name] = require_int(name, value, LedgerError, term=ROW_TERMS[name])
        if not given:
            raise LedgerError(
                "from_totals needs at least one total", code="ledger.empty", details={}
            )
        form = _to_layout(layout)
        for name in form.without:  # rows the layout's forms do not have are 0
            if given.get(name, 0):
                raise LedgerError(
                    f"{name} ({ROW_TERMS[name]}) is not a row of the layout of Thông tư "
                    f"{form.circular}; got {_n(given[name])}. Pass the layout of the "
                    f"report's circular, e.g. layout={_layouts_with(name)}",
                    code="ledger.layout",
                    details={"row": name, "value": given[name], "layout": form.code},
                )
            if name in cls._CHAIN.spans:
                given[name] = 0
        values, unknown = _solver.solve(cls._CHAIN, given)
        return cls(**values, unknown=unknown - form.without, layout=form)

    def convert(self: _L, layout: Layout | str) -> _L:
        """This ledger in another layout, keeping exactly what carries over (đổi mẫu biểu).

        Rows mean the same in every layout except where postponed and
        suspended cases sit (see :mod:`~thads_metrics.ledger.layouts`).
        Between layouts where they sit the same way (Thông tư 06/2019/TT-BTP
        and 05/2024/TT-BTP) every row carries over as it is, known or not.
        Moving to or from the layout without a "stayed" bucket, the rows that
        take them (with_conditions, postponed, suspended, stayed) are known
        only where the other rows determine them (the stays counted apart are
        inside with_conditions of the two-bucket forms); the result lists the
        rest in :attr:`unknown`. Converting to the same layout returns the
        ledger.

        >>> new = CaseLedger(newly_accepted=100, completed=50, in_progress=20,
        ...                  postponed=5, stayed=10, without_conditions=15, layout="tt06-2019")
        >>> old = new.convert("tt01-2013")
        >>> old.with_conditions, old.without_conditions, old.is_known("postponed")
        (85, 15, False)
        >>> new.convert("tt05-2024").rows() == new.rows()
        True
        """
        form = _to_layout(layout)
        if form == self.layout:
            return self
        moving = moving_rows(self.layout, form)
        cls = type(self)
        if not moving:  # the same rows, meaning the same: all carry over
            values = {name: getattr(self, name) for name in cls.STORED}
            return cls(**values, unknown=self.unknown, layout=form)
        given: dict[str, int | None] = {
            name: None if name in moving or name in self.unknown else getattr(self, name)
            for name in cls.STORED
        }
        for name in cls.DERIVED:  # the totals of rows that do not move
            if name not in self.unknown and moving.isdisjoint(expand(name, money=cls.MONEY)):
                given[name] = getattr(self, name)
        # The stays counted apart are in có điều kiện of the forms without the bucket.
        apart = {"with_conditions", "stayed"}.isdisjoint(self.unknown)
        if apart and self.layout.has("stayed") and not form.has("stayed"):
            given["with_conditions"] = self.with_conditions + self.stayed
        if all(value is None for value in given.values()):  # nothing it knows carries over
            return cls(unknown=form.row_names(cls.ROWS), layout=form)
        return cls.from_totals(layout=form, **given)


def _bind(cls: type[_L], *, money: bool, unit: str) -> type[_L]:
    """Give a ledger class its rows from the table: names, derived properties, solver chain.

    The class's attrs fields (its stored rows, declared for the type checker)
    and its derived-row declarations must be exactly the table's.
    """
    stored = row_names(money=money, stored=True)
    derived = row_names(money=money, stored=False)
    fields = {f.name for f in attrs.fields(cast(Any, cls))} - {"unknown", "layout"}
    declared = {
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, _Derived)
    }
    if fields != set(stored) or declared != set(derived):
        raise AssertionError(
            f"{cls.__name__}: fields {sorted(fields)} and derived rows {sorted(declared)} "
            f"must be the row table's {stored} and {derived}"
        )
    cls.STORED = stored
    cls.DERIVED = derived
    cls.ROWS = row_names(money=money)
    cls.MONEY = money
    cls._UNIT = unit
    cls._CHAIN = _solver.MONEY_CHAIN if money else _solver.CASE_CHAIN
    for name in derived:
        setattr(cls, name, _getter(name, money=money))
    guard_keywords(cls, lambda name, value: cls._not_a_row(name, value, totals=False))
    return cls


@attrs.frozen(repr=False, kw_only=True)
class CaseLedger(_Ledger):
    """The ledger in cases (số liệu thi hành án về việc): one decision is one việc.

    Stored rows are keyword-only ``int`` >= 0, default 0; ``float``, ``bool``,
    ``None`` and strings raise :class:`~thads_metrics.errors.LedgerError`. The
    rows must balance: to_enforce (accepted − entrusted − withdrawn) equals
    with_conditions + without_conditions. ``unknown`` lists rows a ledger built
    by :meth:`from_totals` cannot know (empty otherwise). Merge with ``+``.

    >>> a = CaseLedger(carried_over=5, newly_accepted=7, entrusted=1, completed=6,
    ...                terminated=1, in_progress=2, without_conditions=2)
    >>> a.to_enforce, a.with_conditions, a.finished, a.carried_forward
    (11, 9, 7, 4)
    >>> (a + a).finished, sum([a, a, a], start=CaseLedger()).accepted
    (14, 36)
    >>> CaseLedger(newly_accepted=1.0)
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: newly_accepted (thụ lý mới) must be an int, got float 1.0
    """


@attrs.frozen(repr=False, kw_only=True)
class AmountLedger(_Ledger):
    """The ledger in money (số liệu thi hành án về tiền), in đồng (integers).

    The rows of :class:`CaseLedger` plus ``reduced`` (giảm, miễn thi hành án).
    ``finished`` counts reduced amounts with completed and terminated ones, as
    the national definition is read (DOMAIN §3); they leave the ledger either
    way, so carried_forward excludes them. For a rate without them use
    ``completion_rate(count_reduced=False)`` or :attr:`finished_excluding_reduced`.

    >>> tien = AmountLedger(newly_accepted=10_000_000, completed=4_000_000, reduced=1_000_000,
    ...                     in_progress=3_000_000, without_conditions=2_000_000)
    >>> tien.finished, tien.finished_excluding_reduced, tien.carried_forward
    (5000000, 4000000, 5000000)
    >>> tien.completion_rate(), tien.completion_rate(count_reduced=False)
    (Decimal('62.5'), Decimal('50'))
    """

    reduced: int = 0

    #: Finished money without reductions (không tính giảm, miễn) = completed + terminated.
    finished_excluding_reduced = _Derived()

    def completion_rate(self, *, count_reduced: bool = True, empty: Exact | None = None) -> Decimal:
        """Money completion rate in percent (tỷ lệ thi hành xong về tiền).

        finished ÷ with_conditions × 100, where finished counts reduced amounts
        (giảm, miễn) unless ``count_reduced=False``; the base, with_conditions,
        always includes them. Delegates to
        :func:`thads_metrics.rates.completion_rate`.

        >>> tien = AmountLedger(newly_accepted=8, completed=2, reduced=2, in_progress=4)
        >>> tien.completion_rate(), tien.completion_rate(count_reduced=False)
        (Decimal('50'), Decimal('25'))
        """
        if require_flag("count_reduced", count_reduced, LedgerError):
            return super().completion_rate(empty=empty)
        self._require_known("completion_rate", "finished_excluding_reduced", "with_conditions")
        return _completion_rate(self.finished_excluding_reduced, self.with_conditions, empty=empty)


_bind(CaseLedger, money=False, unit="cases")
_bind(AmountLedger, money=True, unit="đồng")


def ledger_pair(
    name: str, value: object, error: type[ThadsError]
) -> tuple[CaseLedger, AmountLedger]:
    """``value`` as the two ledgers of one group, về việc and về tiền (cặp sổ).

    A ``(CaseLedger, AmountLedger)`` tuple (a
    :class:`~thads_metrics.cases.LedgerPair` is one); anything else raises
    ``error`` with code ``<family>.type`` naming the argument.

    >>> ledger_pair("previous", (CaseLedger(), AmountLedger()), LedgerError)[0].to_enforce
    0
    """
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], CaseLedger)
        and isinstance(value[1], AmountLedger)
    ):
        return value[0], value[1]
    raise error(
        f"{name} must be a (CaseLedger, AmountLedger) pair, got {type(value).__name__}",
        code=f"{error.family}.type",
        details={"argument": name, "value": type(value).__name__},
    )
