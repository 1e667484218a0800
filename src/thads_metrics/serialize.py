"""Lossless JSON for ledgers, periods and targets (trao đổi dữ liệu dạng JSON).

Every value becomes a JSON object with a ``"type"`` tag. Counts and amounts
stay JSON integers (đồng are never floats); percentages (``Decimal``) are
strings such as ``"81.5"``, so no digit is lost. :func:`loads` gives back an
equal value, re-checking every rule on the way in: a float where an integer
is due, a row that breaks a ledger identity or an unknown tag raises a
:class:`~thads_metrics.errors.ThadsError`.

The schema (version 1):

- ``{"type": "EnforcementYear", "year": 2021}``
- ``{"type": "ReportingPeriod", "year": 2021, "months": 11, "label": "…"}``
- ``{"type": "Quarter" | "CalendarQuarter", "year": 2022, "number": 2, "label": "…"}``
- ``{"type": "CaseLedger" | "AmountLedger", "rows": {stored row: int, …},
  "derived": {derived row: int, …}, "unknown": [row, …]}``; ``derived`` is
  informative and, when present, must agree with ``rows``; ``unknown`` lists
  the rows a ledger built from totals does not know (omitted when empty).
- ``{"type": "Target", "cases": "81.5", "money": "40.1", "basis": "…", "inferred": false}``
- ``{"type": "TargetBook", "national": true, "entries": [{"year": 2022,
  "unit": "Long An" | null, "target": {Target}}, …]}``
- a list of any of these is a JSON array of them.

``label`` is informative and ignored on reading.

>>> from thads_metrics.ledger import CaseLedger
>>> ledger = CaseLedger(carried_over=299_096, newly_accepted=636_950, entrusted=12_004,
...                     withdrawn=501, completed=500_000, in_progress=234_782,
...                     without_conditions=188_759)
>>> loads(dumps(ledger)) == ledger
True
>>> dumps(ReportingPeriod(2021, 11))
'{"type": "ReportingPeriod", "year": 2021, "months": 11, "label": "11 tháng năm 2021"}'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from thads_metrics.calendar import CalendarQuarter, EnforcementYear, Quarter, ReportingPeriod
from thads_metrics.errors import LedgerError, ParseError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.targets import Target, TargetBook

__all__ = ["SCHEMA_VERSION", "Serializable", "dumps", "from_data", "loads", "to_data"]

#: Version of the JSON layout described in this module's docstring.
SCHEMA_VERSION = 1

Serializable = (
    EnforcementYear
    | ReportingPeriod
    | Quarter
    | CalendarQuarter
    | CaseLedger
    | AmountLedger
    | Target
    | TargetBook
)


def _target_data(target: Target) -> dict[str, Any]:
    return {
        "type": "Target",
        "cases": str(target.cases),
        "money": str(target.money),
        "basis": target.basis,
        "inferred": target.inferred,
    }


def to_data(value: Serializable | list[Serializable]) -> Any:
    """The JSON-ready form of a value: dicts, lists, ints, strings (dữ liệu JSON).

    >>> to_data(Target("81.5", "40.1", "Long An 2022"))["cases"]
    '81.5'
    """
    if isinstance(value, list):
        return [to_data(item) for item in value]
    if isinstance(value, EnforcementYear):
        return {"type": "EnforcementYear", "year": value.year}
    if isinstance(value, ReportingPeriod):
        return {
            "type": "ReportingPeriod",
            "year": value.year,
            "months": value.months,
            "label": value.label,
        }
    if isinstance(value, (Quarter, CalendarQuarter)):
        return {
            "type": type(value).__name__,
            "year": value.year,
            "number": value.number,
            "label": value.label,
        }
    if isinstance(value, (CaseLedger, AmountLedger)):
        data: dict[str, Any] = {
            "type": type(value).__name__,
            "rows": {name: getattr(value, name) for name in value.STORED},
            "derived": {
                name: getattr(value, name) for name in value.DERIVED if value.is_known(name)
            },
        }
        if value.unknown:
            data["unknown"] = [name for name in value.ROWS if name in value.unknown]
        return data
    if isinstance(value, Target):
        return _target_data(value)
    if isinstance(value, TargetBook):
        return {
            "type": "TargetBook",
            "national": value.national,
            "entries": [
                {"year": year, "unit": unit, "target": _target_data(target)}
                for (year, unit), target in value.entries
            ],
        }
    raise ParseError(f"cannot write {type(value).__name__} {value!r} as thads-metrics JSON")


def _field(data: Mapping[str, Any], name: str, kind: str) -> Any:
    if name not in data:
        raise ParseError(f"{kind} JSON lacks the field {name!r}: {dict(data)!r}")
    return data[name]


def _object(data: object, kind: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ParseError(f"{kind} JSON must be an object, got {type(data).__name__} {data!r}")
    return data


def _ledger(data: Mapping[str, Any], cls: type[CaseLedger] | type[AmountLedger]) -> Any:
    kind = cls.__name__
    rows = _object(_field(data, "rows", kind), f"{kind} rows")
    extra = set(rows) - set(cls.STORED)
    if extra:
        raise ParseError(
            f"{kind} JSON has rows {sorted(extra)} that are not stored rows; "
            f"stored rows are {', '.join(cls.STORED)}"
        )
    unknown = data.get("unknown", [])
    if not isinstance(unknown, list) or not all(isinstance(name, str) for name in unknown):
        raise ParseError(f"{kind} JSON 'unknown' must be a list of row names, got {unknown!r}")
    ledger = cls(**rows, unknown=frozenset(unknown))
    derived = _object(data.get("derived", {}), f"{kind} derived rows")
    for name, value in derived.items():
        if name not in cls.DERIVED:
            raise ParseError(f"{kind} JSON has no derived row {name!r}")
        if ledger.is_known(name) and getattr(ledger, name) != value:
            raise LedgerError(
                f"{kind} JSON says {name} is {value!r} but its rows give {getattr(ledger, name)}"
            )
    return ledger


def _target(data: object) -> Target:
    obj = _object(data, "Target")
    cases = _field(obj, "cases", "Target")
    money = _field(obj, "money", "Target")
    for name, value in (("cases", cases), ("money", money)):
        if not isinstance(value, str):
            raise ParseError(
                f'Target JSON {name} must be a decimal string such as "81.5", '
                f"got {type(value).__name__} {value!r}"
            )
    return Target(
        Decimal(cases) if _is_decimal(cases) else cases,
        Decimal(money) if _is_decimal(money) else money,
        obj.get("basis", ""),
        inferred=obj.get("inferred", False),
    )


def _is_decimal(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except ArithmeticError:
        return False


def _book(data: Mapping[str, Any]) -> TargetBook:
    entries = _field(data, "entries", "TargetBook")
    if not isinstance(entries, list):
        raise ParseError(f"TargetBook JSON entries must be a list, got {entries!r}")
    mapping: dict[tuple[int, str | None], Target] = {}
    for entry in entries:
        obj = _object(entry, "TargetBook entry")
        key = (_field(obj, "year", "TargetBook entry"), obj.get("unit"))
        mapping[key] = _target(_field(obj, "target", "TargetBook entry"))
    return TargetBook(mapping, national=data.get("national", True))


_READERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "EnforcementYear": lambda d: EnforcementYear(_field(d, "year", "EnforcementYear")),
    "ReportingPeriod": lambda d: ReportingPeriod(
        _field(d, "year", "ReportingPeriod"), _field(d, "months", "ReportingPeriod")
    ),
    "Quarter": lambda d: Quarter(_field(d, "year", "Quarter"), _field(d, "number", "Quarter")),
    "CalendarQuarter": lambda d: CalendarQuarter(
        _field(d, "year", "CalendarQuarter"), _field(d, "number", "CalendarQuarter")
    ),
    "CaseLedger": lambda d: _ledger(d, CaseLedger),
    "AmountLedger": lambda d: _ledger(d, AmountLedger),
    "Target": _target,
    "TargetBook": _book,
}


def from_data(data: object) -> Any:
    """The value a JSON-ready structure describes (đọc dữ liệu JSON), all rules re-checked.

    >>> from_data({"type": "ReportingPeriod", "year": 2022, "months": 6})
    ReportingPeriod(year=2022, months=6)
    >>> from_data({"type": "CaseLedger", "rows": {"completed": 1.0}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: completed (thi hành xong) must be an int, got float 1.0
    """
    if isinstance(data, list):
        return [from_data(item) for item in data]
    obj = _object(data, "thads-metrics")
    kind = obj.get("type")
    reader = _READERS.get(kind) if isinstance(kind, str) else None
    if reader is None:
        raise ParseError(f"unknown JSON type tag {kind!r}; expected one of {', '.join(_READERS)}")
    return reader(obj)


def dumps(value: Serializable | list[Serializable], *, indent: int | None = None) -> str:
    """JSON text of a value (xuất JSON), UTF-8 characters kept as they are.

    >>> dumps(Quarter(2022, 2))
    '{"type": "Quarter", "year": 2022, "number": 2, "label": "Quý II/2022"}'
    """
    return json.dumps(to_data(value), ensure_ascii=False, indent=indent)


def loads(text: str | bytes) -> Any:
    """The value of JSON text written by :func:`dumps` (đọc JSON).

    >>> loads('{"type": "EnforcementYear", "year": 2021}')
    EnforcementYear(year=2021)
    >>> loads("{oops")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: not valid JSON: ...
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc}", position=exc.pos) from exc
    return from_data(data)
