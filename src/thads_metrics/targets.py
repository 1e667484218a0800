"""Targets (chỉ tiêu) of the completion rates, national and per unit.

Targets are set per statistical year, for the whole system and for each unit
(đơn vị: a provincial body, often with its own, lower, target). A
:class:`Target` holds the two rates, về việc and về tiền, in percent, with the
basis it rests on. :func:`national_target` reads the documented national table
(:data:`NATIONAL_TARGETS`); a :class:`TargetBook` keys targets by (year, unit)
and falls back to the national target.

>>> national_target(2025).cases, national_target(2025).money
(Decimal('83.90'), Decimal('51.90'))
>>> book = TargetBook.from_csv("year;unit;cases;money\\n2022;Long An;81,5;40,1\\n")
>>> book.lookup(2022, "Long An").cases, book.lookup(2023, "Long An").cases
(Decimal('81.5'), Decimal('82.50'))
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from decimal import Context, Decimal, Inexact
from types import MappingProxyType
from typing import Any

import attrs

from thads_metrics._checks import Exact, require_exact, require_int, to_fraction
from thads_metrics._html import html_table
from thads_metrics._text import fold, fold_key, read_flag, sniff_delimiter
from thads_metrics.calendar import MAX_YEAR, MIN_YEAR, EnforcementYear, ReportingPeriod
from thads_metrics.errors import ParseError, RateError, UnknownTargetError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import (
    TargetGap,
    compare_to_target,
    completion_rate,
    conditions_share,
    pace,
    prorated_target,
    remaining_to_target,
    required_to_reach,
    round_rate,
)

__all__ = [
    "NATIONAL_TARGETS",
    "Assessment",
    "Progress",
    "Target",
    "TargetBook",
    "UnknownTargetError",
    "assess",
    "measure_progress",
    "national_target",
]


# --------------------------------------------------------------------------- numbers

_EXACT = Context(prec=200, traps=[Inexact])
_PERCENT_RE = re.compile(r"^(\d{1,3})(?:[.,](\d+))?\s*%?$")


def _percent_text(name: str, text: str) -> Decimal:
    """A percent written "81,5", "81.5", "81,50%"; exponent, nan, inf refused."""
    match = _PERCENT_RE.match(text.strip())
    if not match:
        raise ParseError(
            f"{name}: cannot read {text!r} as a percentage; write it like 81,5 or 81.5 "
            "(decimal comma or point, no exponent)",
            text=text,
        )
    whole, decimals = match.groups()
    return Decimal(f"{whole}.{decimals}" if decimals else whole)


def _target_percent(name: str, value: object) -> Decimal:
    """A target rate in percent (0..100) as an exact Decimal."""
    if isinstance(value, str):
        value = _percent_text(name, value)
    exact = require_exact(name, value, RateError, minimum=0)
    fraction = to_fraction(exact)
    if fraction > 100:
        raise RateError(f"{name} is a percentage and must be <= 100, got {value}")
    if isinstance(exact, Decimal):
        return exact
    if isinstance(exact, int):
        return Decimal(exact)
    try:
        return _EXACT.divide(Decimal(fraction.numerator), Decimal(fraction.denominator))
    except Inexact:
        raise RateError(
            f"{name} must be a terminating decimal percentage (chỉ tiêu), got {value}"
        ) from None


def _cases(value: object) -> Decimal:
    return _target_percent("cases", value)


def _money(value: object) -> Decimal:
    return _target_percent("money", value)


def _check_str(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise RateError(f"{attribute.name} must be a str, got {type(value).__name__} {value!r}")


def _check_bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise RateError(f"{attribute.name} must be a bool, got {type(value).__name__} {value!r}")


# --------------------------------------------------------------------------- Target


@attrs.frozen
class Target:
    """The annual targets of one year and unit (chỉ tiêu về việc, về tiền), in percent.

    ``cases`` is the target completion rate về việc and ``money`` về tiền,
    each a percentage (``Decimal``, 0..100; ``int``, ``Decimal``, a
    terminating ``Fraction`` or text such as ``"81,5"`` are accepted, floats
    refused). Targets are phrased "trên X%" and are taken as met at X%.
    ``basis`` says where the figures come from; ``inferred`` is True when they
    were worked back from published results rather than read in a decision.

    >>> Target(73, 32, "Đồng Nai, năm 2020")
    Target(cases=Decimal('73'), money=Decimal('32'), basis='Đồng Nai, năm 2020', inferred=False)
    >>> Target(0.5, 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.RateError: cases must be an exact number ..., got float 0.5
    """

    cases: Decimal = attrs.field(converter=_cases)
    money: Decimal = attrs.field(converter=_money)
    basis: str = attrs.field(default="", validator=_check_str)
    inferred: bool = attrs.field(default=False, kw_only=True, validator=_check_bool)


def _national(cases: str, money: str, basis: str, *, inferred: bool = False) -> Target:
    return Target(Decimal(cases), Decimal(money), basis, inferred=inferred)


#: National targets by statistical year (chỉ tiêu toàn hệ thống), each with its basis.
#: Years not listed (2021 among them) are unknown, not guessed.
NATIONAL_TARGETS: Mapping[int, Target] = MappingProxyType(
    {
        2020: _national(
            "80",
            "38",
            "Inferred from the year-2020 results: 81,41% về việc 'cao hơn 1,41% so với chỉ "
            "tiêu được giao' and 40,09% về tiền 'cao hơn 2,09%' (Tổng cục THADS, reported by "
            "vietnamnet.vn); the decision itself was not seen.",
            inferred=True,
        ),
        2022: _national(
            "81.50",
            "40.10",
            "Quyết định giao chỉ tiêu, nhiệm vụ THADS năm 2022 of the Tổng cục trưởng Tổng "
            "cục THADS: 'trên 81,50% về việc và trên 40,10% về tiền' (reported by vietbao.vn).",
        ),
        2023: _national(
            "82.50",
            "45.50",
            "Báo cáo kết quả THADS năm 2023, thads.moj.gov.vn ThongTinChung ItemID=1355: "
            "'tỷ lệ thi hành xong trên 82,50% về việc và trên 45,50% về tiền'.",
        ),
        2024: _national(
            "83.25",
            "46.45",
            "Bộ Tư pháp press conference of 7/10/2024 (cafef.vn): 'chỉ tiêu của Tổng cục "
            "giao trên 83,25%' về việc and 'trên 46,45%' về tiền.",
        ),
        2025: _national(
            "83.90",
            "51.90",
            "Cục Quản lý THADS, results of 2025 (cafef.vn, 3/10/2025): 'chỉ tiêu nhiệm vụ "
            "THADS được Quốc hội giao là 83,90% về việc; 51,90% về tiền'.",
        ),
    }
)


def _year(value: object) -> int:
    if isinstance(value, EnforcementYear):
        return value.year
    year = require_int("year", value, RateError)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise RateError(f"year must be in {MIN_YEAR}..{MAX_YEAR} (năm thống kê), got {year}")
    return year


def national_target(year: int | EnforcementYear) -> Target:
    """The national target of a statistical year (chỉ tiêu toàn hệ thống được giao).

    Raises :class:`UnknownTargetError` (a ``KeyError``) for a year not in
    :data:`NATIONAL_TARGETS`.

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


# --------------------------------------------------------------------------- TargetBook

Key = tuple[int, str | None]


def _unit(value: object) -> str | None:
    """A unit name, NFC-normalised with single spaces; empty or None means national."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RateError(
            f"unit must be a str (đơn vị) or None, got {type(value).__name__} {value!r}"
        )
    name = fold(value)
    return name or None


def _key(value: object) -> Key:
    if isinstance(value, tuple) and len(value) == 2:
        return (_year(value[0]), _unit(value[1]))
    if isinstance(value, (int, EnforcementYear)) and not isinstance(value, bool):
        return (_year(value), None)
    raise RateError(
        f"a target book key must be (year, unit) or a year, got {type(value).__name__} {value!r}"
    )


def _label(key: Key) -> str:
    year, unit = key
    return f"năm {year}, {unit}" if unit else f"năm {year}, toàn quốc"


def _as_target(value: object, key: Key) -> Target:
    if isinstance(value, Target):
        return value
    basis = f"TargetBook entry ({_label(key)})"
    if isinstance(value, Mapping):
        unknown = set(value) - {"cases", "money", "basis", "inferred"}
        if unknown or not {"cases", "money"} <= set(value):
            raise RateError(
                f"target for {_label(key)} must have keys 'cases' and 'money' "
                f"(optionally 'basis', 'inferred'), got {sorted(map(str, value))}"
            )
        return Target(
            value["cases"],
            value["money"],
            value.get("basis", basis),
            inferred=value.get("inferred", False),
        )
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return Target(value[0], value[1], basis)
    raise RateError(
        f"target for {_label(key)} must be a Target, a (cases, money) pair or a mapping, "
        f"got {type(value).__name__} {value!r}"
    )


def _pairs(value: object) -> list[tuple[object, object]]:
    """(key, target) pairs of a mapping, or of a sequence of pairs as ``repr`` shows them."""
    if isinstance(value, Mapping):
        return list(value.items())
    if isinstance(value, (tuple, list)) and all(
        isinstance(pair, tuple) and len(pair) == 2 for pair in value
    ):
        return list(value)
    raise RateError(
        "TargetBook needs a mapping of (year, unit) to targets (or a sequence of such "
        f"pairs), got {type(value).__name__} {value!r}"
    )


def _entries(value: object) -> tuple[tuple[Key, Target], ...]:
    items: dict[Key, Target] = {}
    for raw_key, raw_target in _pairs(value):
        key = _key(raw_key)
        if key in items:
            raise RateError(f"two targets given for {_label(key)}")
        items[key] = _as_target(raw_target, key)
    return tuple(sorted(items.items(), key=lambda item: (item[0][0], item[0][1] or "")))


_COLUMNS = {
    "year": "year",
    "năm": "year",
    "nam": "year",
    "unit": "unit",
    "đơn vị": "unit",
    "don vi": "unit",
    "cases": "cases",
    "việc": "cases",
    "viec": "cases",
    "về việc": "cases",
    "ve viec": "cases",
    "money": "money",
    "tiền": "money",
    "tien": "money",
    "về tiền": "money",
    "ve tien": "money",
    "basis": "basis",
    "căn cứ": "basis",
    "can cu": "basis",
    "nguồn": "basis",
    "nguon": "basis",
    "source": "basis",
    "inferred": "inferred",
    "suy ra": "inferred",
}


def _column(name: str) -> str:
    folded = fold_key(name.replace("_", " "))
    return _COLUMNS.get(folded, folded)


def _csv_year(text: str, line: int) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise ParseError(f"line {line}: cannot read {text!r} as a year (năm)", text=text)
    try:
        return _year(int(text))
    except RateError as exc:
        raise ParseError(f"line {line}: {exc}", text=text) from exc


def _csv_flag(text: str, line: int) -> bool:
    value = read_flag(text)
    if value is None:
        raise ParseError(f"line {line}: cannot read {text!r} as inferred yes/no", text=text)
    return value


@attrs.frozen
class TargetBook:
    """Targets by (year, unit), falling back to the national one (sổ chỉ tiêu theo đơn vị).

    Built from a mapping whose keys are ``(year, unit)`` (a bare year, or unit
    ``None``, overrides the national target of that year) and whose values are
    :class:`Target`, a ``(cases, money)`` pair or a mapping with ``cases`` and
    ``money`` (and optionally ``basis``, ``inferred``); or from CSV text with
    :meth:`from_csv`. Unit names are compared after Unicode NFC normalisation
    and collapsing spaces, case-sensitively. With ``national=False`` there is
    no fallback to :func:`national_target`.

    >>> book = TargetBook({(2020, "Đồng Nai"): (73, 32)})
    >>> book.lookup(2020, "Đồng Nai").cases, book.lookup(2020, "Bình Dương").cases
    (Decimal('73'), Decimal('80'))
    >>> (2020, "Đồng Nai") in book, len(book)
    (True, 1)
    """

    entries: tuple[tuple[Key, Target], ...] = attrs.field(factory=dict, converter=_entries)
    national: bool = attrs.field(default=True, kw_only=True, validator=_check_bool)
    _index: Mapping[Key, Target] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", MappingProxyType(dict(self.entries)))

    @classmethod
    def from_mapping(cls, mapping: Mapping[Any, Any], *, national: bool = True) -> TargetBook:
        """Build a book from a plain mapping (same as the constructor).

        >>> TargetBook.from_mapping({2021: {"cases": "82", "money": "40"}}).lookup(2021).money
        Decimal('40')
        """
        return cls(mapping, national=national)

    @classmethod
    def from_csv(cls, text: str, *, national: bool = True) -> TargetBook:
        """Read a book from CSV text (đọc bảng chỉ tiêu từ CSV).

        Columns (header required, any order, English or Vietnamese names):
        ``year``/``năm``, ``unit``/``đơn vị`` (optional; empty = national),
        ``cases``/``việc``, ``money``/``tiền``, and optionally
        ``basis``/``căn cứ`` (without it the basis is "CSV line N") and
        ``inferred`` (yes/no, có/không). The delimiter is ``;`` or a tab
        when the header has one, else ``,`` (then quote decimal commas).
        Percentages take a decimal comma or point ("81,5", "81.5", "81,5%");
        exponents, ``nan`` and ``inf`` are refused with
        :class:`~thads_metrics.errors.ParseError` naming the line.

        >>> text = 'năm,đơn vị,việc,tiền\\n2020,Đồng Nai,73,32\\n2022,Long An,"81,5","40,1"\\n'
        >>> TargetBook.from_csv(text).lookup(2022, "Long An")
        Target(cases=Decimal('81.5'), money=Decimal('40.1'), basis='CSV line 3', inferred=False)
        """
        if not isinstance(text, str):
            raise ParseError(f"expected CSV text, got {type(text).__name__}")
        body = text.removeprefix("\ufeff")
        first = next((line for line in body.splitlines() if line.strip()), "")
        delimiter = sniff_delimiter(first)
        rows = csv.reader(io.StringIO(body), delimiter=delimiter)
        header: list[str] | None = None
        mapping: dict[Key, Target] = {}
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [_column(cell) for cell in row]
                missing = {"year", "cases", "money"} - set(header)
                if missing:
                    raise ParseError(
                        f"CSV header lacks column(s) {', '.join(sorted(missing))}; "
                        f"got {', '.join(row)}",
                        text=delimiter.join(row),
                    )
                continue
            if len(row) > len(header):
                raise ParseError(
                    f"line {line}: {len(row)} cells for {len(header)} columns", text=str(row)
                )
            cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
            key = (_csv_year(cells.get("year", ""), line), _unit(cells.get("unit")))
            if key in mapping:
                raise ParseError(f"line {line}: a second target for {_label(key)}", text=str(row))
            try:
                mapping[key] = Target(
                    _percent_text("cases", cells.get("cases", "")),
                    _percent_text("money", cells.get("money", "")),
                    cells.get("basis", "") if "basis" in header else f"CSV line {line}",
                    inferred=_csv_flag(cells.get("inferred", ""), line),
                )
            except ParseError as exc:
                raise ParseError(f"line {line}: {exc}", text=exc.text) from exc
            except RateError as exc:
                raise ParseError(f"line {line}: {exc}", text=str(row)) from exc
        return cls(mapping, national=national)

    def to_csv(self) -> str:
        """Write the book as ``;``-separated CSV with decimal commas, readable by :meth:`from_csv`.

        >>> print(TargetBook({(2022, "Long An"): (Decimal("81.5"), Decimal("40.1"))}).to_csv())
        year;unit;cases;money;basis;inferred
        2022;Long An;81,5;40,1;TargetBook entry (năm 2022, Long An);no
        <BLANKLINE>
        """
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(["year", "unit", "cases", "money", "basis", "inferred"])
        for (year, unit), target in self.entries:
            writer.writerow(
                [
                    year,
                    unit or "",
                    f"{target.cases:f}".replace(".", ","),
                    f"{target.money:f}".replace(".", ","),
                    target.basis,
                    "yes" if target.inferred else "no",
                ]
            )
        return out.getvalue()

    def lookup(self, year: int | EnforcementYear, unit: str | None = None) -> Target:
        """The target of ``unit`` in ``year`` (chỉ tiêu được giao), with fallback.

        Looks for (year, unit), then the book's own national entry for the
        year, then :func:`national_target` (unless ``national=False``). Raises
        :class:`UnknownTargetError`, a ``KeyError``, when none is known.

        >>> TargetBook().lookup(2024, "Cần Thơ").money
        Decimal('46.45')
        >>> TargetBook(national=False).lookup(2024, "Cần Thơ")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.UnknownTargetError: no target for năm 2024, Cần Thơ in this ...
        """
        key = (_year(year), _unit(unit))
        for candidate in (key, (key[0], None)):
            if candidate in self._index:
                return self._index[candidate]
        if not self.national:
            raise UnknownTargetError(
                f"no target for {_label(key)} in this TargetBook (national fallback is off)",
                year=key[0],
                unit=key[1],
            )
        try:
            return national_target(key[0])
        except UnknownTargetError:
            raise UnknownTargetError(
                f"no target for {_label(key)}: not in this TargetBook and no national "
                f"target known for năm {key[0]}",
                year=key[0],
                unit=key[1],
            ) from None

    def is_own(self, year: int | EnforcementYear, unit: str | None = None) -> bool:
        """True when (year, unit) has its own entry, i.e. :meth:`lookup` does not fall back.

        >>> TargetBook({(2020, "Đồng Nai"): (73, 32)}).is_own(2020, "Bình Dương")
        False
        """
        return (_year(year), _unit(unit)) in self._index

    def with_target(
        self, year: int | EnforcementYear, unit: str | None, target: Target
    ) -> TargetBook:
        """A copy of the book with ``target`` set for (year, unit) (thêm/sửa chỉ tiêu).

        >>> TargetBook().with_target(2021, "Vĩnh Phúc", Target(82, 40)).units(2021)
        ('Vĩnh Phúc',)
        """
        entries = dict(self.entries)
        entries[(_year(year), _unit(unit))] = _as_target(target, (_year(year), _unit(unit)))
        return TargetBook(entries, national=self.national)

    def units(self, year: int | EnforcementYear) -> tuple[str, ...]:
        """Units with their own target in ``year``, sorted (đơn vị có chỉ tiêu riêng).

        >>> TargetBook({(2020, "Đồng Nai"): (73, 32), 2020: (80, 38)}).units(2020)
        ('Đồng Nai',)
        """
        number = _year(year)
        return tuple(unit for (y, unit), _ in self.entries if y == number and unit is not None)

    def __contains__(self, key: object) -> bool:
        try:
            return _key(key) in self._index
        except RateError:
            return False

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Key]:
        return (key for key, _ in self.entries)


# --------------------------------------------------------------------------- assessment


@attrs.frozen
class Progress:
    """One ledger's standing against its target, về việc or về tiền (tình hình thực hiện chỉ tiêu).

    ``measure`` is ``"việc"`` or ``"tiền"``; ``finished`` the numerator used
    (for money, with or without reduced amounts as asked); ``rate`` the
    completion rate (tỷ lệ thi hành xong) and ``conditions_share`` the share
    có điều kiện, in percent (``to_enforce`` and ``conditions_share`` are None
    for a ledger built from totals without to_enforce); ``target`` the
    annual target and ``prorated_target`` its share for the period; ``gap``
    compares with the annual target (vượt / còn thiếu), ``pace`` with the
    pro-rated one (vượt tiến độ); ``remaining`` is the points still to gain
    (còn phải phấn đấu) and ``required`` the least number of việc or đồng
    still to finish, on the current base, to reach the annual target.
    Values are exact; :meth:`as_row` rounds them for display.
    """

    measure: str
    finished: int
    with_conditions: int
    to_enforce: int | None
    rate: Decimal
    conditions_share: Decimal | None
    target: Decimal
    prorated_target: Decimal
    gap: TargetGap
    pace: TargetGap
    remaining: Decimal
    required: int

    def as_row(self, places: int = 2) -> dict[str, object]:
        """The line as a flat dict, percentages rounded half up to ``places`` (một dòng bảng).

        >>> from thads_metrics.calendar import ReportingPeriod
        >>> from thads_metrics.ledger import CaseLedger
        >>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
        >>> row = measure_progress(hcm, 73, ReportingPeriod(2019, 6)).as_row()
        >>> row["rate"], row["remaining"], row["required"], row["conditions_share"]
        (Decimal('48.49'), Decimal('24.51'), 13403, None)
        """
        return {
            "measure": self.measure,
            "finished": self.finished,
            "with_conditions": self.with_conditions,
            "to_enforce": self.to_enforce,
            "rate": round_rate(self.rate, places),
            "conditions_share": (
                None if self.conditions_share is None else round_rate(self.conditions_share, places)
            ),
            "target": self.target,
            "gap_points": round_rate(self.gap.points, places),
            "met": self.gap.met,
            "prorated_target": round_rate(self.prorated_target, places),
            "pace_points": round_rate(self.pace.points, places),
            "on_pace": self.pace.met,
            "remaining": round_rate(self.remaining, places),
            "required": self.required,
        }


def measure_progress(
    ledger: CaseLedger | AmountLedger,
    target: Exact,
    period: ReportingPeriod,
    *,
    count_reduced: bool = True,
    empty: Exact | None = None,
) -> Progress:
    """One ledger's rate, gap, pace, remaining points and what is still needed (tiến độ chỉ tiêu).

    ``target`` is the annual target rate in percent. For an
    :class:`AmountLedger`, ``count_reduced=False`` leaves reduced amounts
    (giảm, miễn) out of the numerator. A ledger with nothing có điều kiện
    raises :class:`~thads_metrics.errors.RateError` unless ``empty`` gives
    the rate to use; one built from totals that do not determine finished or
    with_conditions raises :class:`~thads_metrics.errors.LedgerError`.

    >>> from thads_metrics.calendar import ReportingPeriod
    >>> from thads_metrics.ledger import CaseLedger
    >>> hcm = CaseLedger.from_totals(to_enforce=78_593, with_conditions=54_681, finished=26_515)
    >>> p = measure_progress(hcm, 73, ReportingPeriod(2019, 6))  # TP.HCM, 6 tháng 2019
    >>> round_rate(p.rate, 2), round_rate(p.pace.points, 2), p.required
    (Decimal('48.49'), Decimal('11.99'), 13403)
    """
    if not isinstance(ledger, (CaseLedger, AmountLedger)):
        raise RateError(
            f"ledger must be a CaseLedger or an AmountLedger, got {type(ledger).__name__}"
        )
    if not isinstance(period, ReportingPeriod):
        raise RateError(
            f"period must be a ReportingPeriod (kỳ báo cáo), got {type(period).__name__} {period!r}"
        )
    if not isinstance(count_reduced, bool):
        raise RateError(f"count_reduced must be True or False, got {count_reduced!r}")
    numerator = "finished"
    if isinstance(ledger, AmountLedger) and not count_reduced:
        numerator = "finished_excluding_reduced"
    finished = ledger.row(numerator)
    base = ledger.row("with_conditions")
    rate = completion_rate(finished, base, empty=empty)
    to_enforce = ledger.row("to_enforce") if ledger.is_known("to_enforce") else None
    share = None if to_enforce is None else conditions_share(base, to_enforce, empty=empty)
    return Progress(
        measure="tiền" if isinstance(ledger, AmountLedger) else "việc",
        finished=finished,
        with_conditions=base,
        to_enforce=to_enforce,
        rate=rate,
        conditions_share=share,
        target=_target_percent("target", target),
        prorated_target=prorated_target(target, period),
        gap=compare_to_target(rate, target),
        pace=pace(rate, target, period),
        remaining=remaining_to_target(rate, target),
        required=required_to_reach(target, finished, base),
    )


@attrs.frozen
class Assessment:
    """A unit's results for a period against its targets (đánh giá kết quả thực hiện chỉ tiêu).

    ``cases`` and ``money`` are the :class:`Progress` về việc and về tiền;
    ``target`` is the :class:`Target` used, ``unit`` the unit (None for the
    whole system). :meth:`rows` gives a table, e.g. for ``pandas.DataFrame``.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger.from_totals(with_conditions=708_674, finished=576_933)
    >>> money = AmountLedger.from_totals(with_conditions=132_905_418, finished=53_750_695)
    >>> a = assess(cases, money, ReportingPeriod(2020, 12))  # năm 2020, triệu đồng
    >>> a.met, a.on_pace, [row["gap_points"] for row in a.rows()]
    (True, True, [Decimal('1.41'), Decimal('2.44')])
    """

    period: ReportingPeriod
    unit: str | None
    target: Target
    cases: Progress
    money: Progress

    @property
    def met(self) -> bool:
        """True when both annual targets are reached (đạt cả hai chỉ tiêu)."""
        return self.cases.gap.met and self.money.gap.met

    @property
    def on_pace(self) -> bool:
        """True when both rates are at or above the pro-rated targets (đạt tiến độ)."""
        return self.cases.pace.met and self.money.pace.met

    def _repr_html_(self) -> str:
        """The assessment as an HTML table, for notebooks."""
        rows = self.rows()
        names = [name for name in rows[0] if name not in ("period", "unit")]
        caption = f"{self.unit or 'Toàn hệ thống'}, {self.period.label}"
        return html_table(caption, names, [[row[name] for name in names] for row in rows])

    def rows(self, places: int = 2) -> list[dict[str, object]]:
        """The two lines, về việc and về tiền, as dicts (bảng kết quả), rounded to ``places``."""
        head: dict[str, object] = {"period": self.period.label, "unit": self.unit}
        return [head | self.cases.as_row(places), head | self.money.as_row(places)]


def assess(
    cases: CaseLedger,
    money: AmountLedger,
    period: ReportingPeriod,
    target: Target | None = None,
    *,
    unit: str | None = None,
    book: TargetBook | None = None,
    count_reduced: bool = True,
    empty: Exact | None = None,
) -> Assessment:
    """Assess one unit for one period against its targets (đánh giá thực hiện chỉ tiêu).

    Given the case ledger (việc) and the money ledger (tiền) of the period,
    returns the completion rates, the gaps to the annual targets ("vượt … %" /
    "còn thiếu … %"), the pace against the pro-rated targets ("vượt tiến
    độ"), the points still to gain ("còn phải phấn đấu") and the việc and
    đồng still to finish. Without ``target``, it is looked up for
    (``period.year``, ``unit``) in ``book`` (default: the national table).
    ``count_reduced`` and ``empty`` are passed to :func:`measure_progress`.

    >>> from thads_metrics.calendar import ReportingPeriod
    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger.from_totals(to_enforce=1_000, with_conditions=800, finished=406)
    >>> money = AmountLedger.from_totals(to_enforce=10**12, with_conditions=5 * 10**11,
    ...                                  finished=2 * 10**11)
    >>> a = assess(cases, money, ReportingPeriod(2022, 6), unit="Long An",
    ...            book=TargetBook({(2022, "Long An"): ("81,5", "40,1")}))
    >>> for row in a.rows():
    ...     print(row["measure"], row["rate"], row["met"], row["remaining"], row["required"])
    việc 50.75 False 30.75 246
    tiền 40.00 False 0.10 500000000
    >>> a.cases.pace.met, round_rate(a.cases.pace.points, 2)  # 81,5 × 6/12 = 40,75
    (True, Decimal('10.00'))
    """
    if not isinstance(cases, CaseLedger):
        raise RateError(f"cases must be a CaseLedger (về việc), got {type(cases).__name__}")
    if not isinstance(money, AmountLedger):
        raise RateError(f"money must be an AmountLedger (về tiền), got {type(money).__name__}")
    name = _unit(unit)
    if not isinstance(period, ReportingPeriod):
        raise RateError(f"period must be a ReportingPeriod (kỳ báo cáo), got {period!r}")
    if target is None:
        target = (book if book is not None else TargetBook()).lookup(period.year, name)
    elif not isinstance(target, Target):
        raise RateError(f"target must be a Target, got {type(target).__name__} {target!r}")
    return Assessment(
        period=period,
        unit=name,
        target=target,
        cases=measure_progress(cases, target.cases, period, empty=empty),
        money=measure_progress(
            money, target.money, period, count_reduced=count_reduced, empty=empty
        ),
    )
