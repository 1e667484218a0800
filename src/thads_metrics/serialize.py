"""Lossless JSON for ledgers, periods and targets (trao đổi dữ liệu dạng JSON).

Every value becomes a JSON object with a ``"type"`` tag. Counts and amounts
stay JSON integers (đồng are never floats); percentages (``Decimal``) are
strings such as ``"81.5"``, so no digit is lost. :func:`loads` gives back an
equal value, re-checking every rule on the way in: a float where an integer
is due, a row that breaks a ledger identity or an unknown tag raises a
:class:`~thads_metrics.errors.ThadsError`.

The schema (version 2, :data:`SCHEMA_VERSION`), one for this module and the
command line (``thads-metrics report --format json`` writes a ``ReportSet``):

- the outermost object of a document (each object of an outermost list)
  carries ``"version": 2``; a reader refuses a version it does not know
  (``parse.version``), and reads version 1 documents (values only, no
  ``"version"`` key) as before;
- ``{"type": "EnforcementYear", "year": 2021}``
- ``{"type": "ReportingPeriod", "year": 2021, "months": 11, "label": "…",
  "start": "2020-10-01", "end": "2021-08-31"}``
- ``{"type": "Quarter" | "CalendarQuarter", "year": 2022, "number": 2, "label": "…"}``
- ``{"type": "CaseLedger" | "AmountLedger", "layout": "tt06-2019", "rows":
  {stored row: int | null, …}, "derived": {derived row: int, …}, "unknown":
  [row, …]}``; ``layout`` is the layout of the forms (default: "tt01-2013"),
  ``rows`` the stored rows of that layout, null for a row a ledger built from
  totals does not know (documents written before held a placeholder there);
  ``derived`` holds the derived rows known and, when present, must agree with
  ``rows``; ``unknown`` lists every row not known (omitted when empty).
- ``{"type": "Target", "cases": "81.5", "money": "40.1", "basis": "…", "inferred": false}``
- ``{"type": "TargetBook", "national": true, "entries": [{"year": 2022,
  "unit": "Long An" | null, "target": {Target}}, …]}``
- ``{"type": "UnitReport", "unit": "Long An", "period": {ReportingPeriod},
  "target": {Target} | null, "target_source": "given" | "unit" | "national" |
  "none", "cases": {figures}, "money": {figures}, "breakdown": [{"category",
  "label", "cases": {figures}, "money": {figures}}, …]}``, where a figures
  object holds ``"ledger"`` (the ledger, as above), ``"previous"`` (the ledger
  of the same period last year, or null) and the figures of the report
  computed from them (``rows``, ``rate``, ``gap_points``, ``change``…; see
  :func:`thads_metrics.report.data.figures_data`);
- ``{"type": "ReportSet", "source": "…", "period": {ReportingPeriod},
  "units": [{UnitReport}, …], "total": {UnitReport} | null}``;
- a list of any of these is a JSON array of them.

``label``, ``start`` and ``end`` are informative and ignored on reading. A
report is rebuilt from its ledgers, previous ledgers and target, and every
other figure written beside them must be what they give
(``parse.figures_mismatch``, naming the first that is not): a rate edited by
hand is found. Reading is strict: a key
repeated in an object, two ``TargetBook`` entries for the same (year, unit)
(after the unit is normalised), a ``derived`` value that is not an ``int``
(floats and booleans included), a nested target tagged other than
``"Target"``, ``NaN``/``Infinity``, text that is not UTF-8, an integer too
long for Python to convert, or nesting too deep for the JSON reader (or lists
nested deeper than :data:`MAX_NESTING`) all raise a
:class:`~thads_metrics.errors.ThadsError` (mostly
:class:`~thads_metrics.errors.ParseError`), never another exception.

>>> from thads_metrics.ledger import CaseLedger
>>> ledger = CaseLedger(carried_over=299_096, newly_accepted=636_950, entrusted=12_004,
...                     withdrawn=501, completed=500_000, in_progress=234_782,
...                     without_conditions=188_759)
>>> loads(dumps(ledger)) == ledger
True
>>> print(dumps(ReportingPeriod(2021, 11), indent=1))
{
 "version": 2,
 "type": "ReportingPeriod",
 "year": 2021,
 "months": 11,
 "label": "11 tháng năm 2021",
 "start": "2020-10-01",
 "end": "2021-08-31"
}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from thads_metrics._checks import require_instance, require_int, shown
from thads_metrics._schema import SCHEMA_VERSION, value_data
from thads_metrics.calendar import CalendarQuarter, EnforcementYear, Quarter, ReportingPeriod
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import LedgerError, ParseError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import DEFAULT_LAYOUT, as_layout
from thads_metrics.report import ReportSet, UnitReport, build_report
from thads_metrics.targets import Target, TargetBook

__all__ = [
    "MAX_NESTING",
    "SCHEMA_VERSION",
    "Serializable",
    "dumps",
    "from_data",
    "loads",
    "to_data",
]

#: Deepest nesting of lists :func:`from_data` reads (a list of values is depth 1).
MAX_NESTING = 100

Serializable = (
    EnforcementYear
    | ReportingPeriod
    | Quarter
    | CalendarQuarter
    | CaseLedger
    | AmountLedger
    | Target
    | TargetBook
    | UnitReport
    | ReportSet
)


def to_data(value: Serializable | list[Serializable]) -> Any:
    """The JSON-ready form of a value: dicts, lists, ints, strings (dữ liệu JSON).

    The outermost object (each object of an outermost list) carries
    ``"version"``: :data:`SCHEMA_VERSION`.

    >>> to_data(Target("81.5", "40.1", "Long An 2022"))["cases"]
    '81.5'
    """
    written = _write(value, 0)
    if isinstance(written, list):
        return [_versioned(item) for item in written]
    return _versioned(written)


def _versioned(item: Any) -> Any:
    return {"version": SCHEMA_VERSION, **item} if isinstance(item, dict) else item


def _write(value: object, depth: int) -> Any:
    if isinstance(value, list):
        if depth >= MAX_NESTING:
            raise ParseError(
                f"thads-metrics JSON lists are nested more than {MAX_NESTING} deep",
                code="parse.nesting",
                details={"argument": "value", "rule": f"lists nested at most {MAX_NESTING} deep"},
            )
        return [_write(item, depth + 1) for item in value]
    if isinstance(value, (UnitReport, ReportSet)):
        return value.to_data()
    return value_data(value)


def _field(data: Mapping[str, Any], name: str, kind: str) -> Any:
    if name not in data:
        raise ParseError(
            f"{kind} JSON lacks the field {name!r}: {shown(dict(data))}",
            code="parse.missing_field",
            details={"type": kind, "field": name, "rule": f"{kind} JSON has the field {name!r}"},
        )
    return data[name]


def _object(data: object, kind: str) -> Mapping[str, Any]:
    return require_instance(f"{kind} JSON", data, Mapping, ParseError, what="an object")


def _ledger(data: Mapping[str, Any], cls: type[CaseLedger] | type[AmountLedger]) -> Any:
    kind = cls.__name__
    rows = _object(_field(data, "rows", kind), f"{kind} rows")
    extra = set(rows) - set(cls.STORED)
    if extra:
        raise ParseError(
            f"{kind} JSON has rows {sorted(map(str, extra))} that are not stored rows; "
            f"stored rows are {', '.join(cls.STORED)}",
            code="parse.unknown_row",
            details={
                "type": kind,
                "field": "rows",
                "value": tuple(sorted(map(str, extra))),
                "rule": f"stored rows: {', '.join(cls.STORED)}",
            },
        )
    unknown = data.get("unknown", [])
    if not isinstance(unknown, list) or not all(isinstance(name, str) for name in unknown):
        raise ParseError(
            f"{kind} JSON 'unknown' must be a list of row names, got {shown(unknown)}",
            code="parse.type",
            details={
                "type": kind,
                "field": "unknown",
                "value": shown(unknown),
                "rule": "a list of row names",
            },
        )
    layout = as_layout(data.get("layout", DEFAULT_LAYOUT.code), ParseError)
    derived = _object(data.get("derived", {}), f"{kind} derived rows")
    if any(value is None for value in rows.values()):  # rows not known: built from the known
        known = {name: value for name, value in rows.items() if value is not None}
        known.update((name, value) for name, value in derived.items() if name in cls.DERIVED)
        if known:
            ledger = cls.from_totals(layout=layout, **known)
        else:
            ledger = cls(layout=layout, unknown=frozenset(layout.row_names(cls.ROWS)))
        declared = set(unknown) | {name for name, value in rows.items() if value is None}
        if set(ledger.unknown) != declared:
            raise LedgerError(
                f"{kind} JSON says the rows {sorted(declared)} are not known, but its known "
                f"rows leave {sorted(ledger.unknown)} unknown",
                code="ledger.derived_mismatch",
                details={
                    "row": "unknown",
                    "value": tuple(sorted(declared)),
                    "expected": tuple(sorted(ledger.unknown)),
                    "rule": "the unknown rows are those the known rows leave unknown",
                },
            )
    else:
        ledger = cls(**rows, unknown=frozenset(unknown), layout=layout)
    for name, value in derived.items():
        if name not in cls.DERIVED:
            raise ParseError(
                f"{kind} JSON has no derived row {shown(name)}",
                code="parse.unknown_row",
                details={
                    "type": kind,
                    "field": "derived",
                    "value": shown(name),
                    "rule": f"derived rows: {', '.join(cls.DERIVED)}",
                },
            )
        require_int(f"{kind} JSON derived row {name}", value, LedgerError)
        if ledger.is_known(name) and getattr(ledger, name) != value:
            raise LedgerError(
                f"{kind} JSON says {name} is {value!r} but its rows give {getattr(ledger, name)}",
                code="ledger.derived_mismatch",
                details={
                    "row": name,
                    "value": value,
                    "expected": getattr(ledger, name),
                    "rule": "a derived row agrees with the stored rows",
                },
            )
    return ledger


def _target(data: object) -> Target:
    obj = _object(data, "Target")
    if "type" in obj and obj["type"] != "Target":
        raise ParseError(
            f"a target JSON object must have type 'Target', got {shown(obj['type'])}",
            code="parse.tag",
            details={"field": "type", "value": shown(obj["type"]), "rule": "'Target'"},
        )
    cases = _field(obj, "cases", "Target")
    money = _field(obj, "money", "Target")
    for name, value in (("cases", cases), ("money", money)):
        if not isinstance(value, str):
            raise ParseError(
                f'Target JSON {name} must be a decimal string such as "81.5", '
                f"got {type(value).__name__} {shown(value)}",
                code="parse.type",
                details={
                    "type": "Target",
                    "field": name,
                    "value": shown(value),
                    "rule": "a decimal string",
                },
            )
    # The text goes to Target as it is: its reader refuses exponents ("1e1"), NaN and
    # signs, as the CSV reader does.
    return Target(cases, money, obj.get("basis", ""), inferred=obj.get("inferred", False))


def _book(data: Mapping[str, Any]) -> TargetBook:
    entries = _field(data, "entries", "TargetBook")
    if not isinstance(entries, list):
        raise ParseError(
            f"TargetBook JSON entries must be a list, got {shown(entries)}",
            code="parse.type",
            details={
                "type": "TargetBook",
                "field": "entries",
                "value": shown(entries),
                "rule": "a list",
            },
        )
    pairs: list[tuple[tuple[object, object], Target]] = []
    seen: dict[tuple[int, str | None], int] = {}
    for index, entry in enumerate(entries):
        obj = _object(entry, "TargetBook entry")
        raw_key = (_field(obj, "year", "TargetBook entry"), obj.get("unit"))
        target = _target(_field(obj, "target", "TargetBook entry"))
        # A one-entry book checks the key and normalises the unit as the full book will.
        ((key, _),) = TargetBook([(raw_key, target)], national=False).entries
        if key in seen:
            year, unit = key
            raise ParseError(
                f"TargetBook JSON entries {seen[key]} and {index} are both for year {year}, "
                f"unit {unit!r}; each (year, unit) may appear once",
                code="parse.duplicate_entry",
                details={
                    "type": "TargetBook",
                    "field": "entries",
                    "value": (seen[key], index),
                    "year": year,
                    "unit": unit,
                    "rule": "each (year, unit) once",
                },
            )
        seen[key] = index
        pairs.append((raw_key, target))
    return TargetBook(pairs, national=data.get("national", True))


def _first_difference(given: object, rebuilt: object, path: str) -> str | None:
    """The path of the first place where two JSON-ready structures differ."""
    if isinstance(given, Mapping) and isinstance(rebuilt, Mapping):
        for key in (*rebuilt, *(k for k in given if k not in rebuilt)):
            if key not in given or key not in rebuilt:
                return f"{path}.{key}"
            found = _first_difference(given[key], rebuilt[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(given, list) and isinstance(rebuilt, list):
        if len(given) != len(rebuilt):
            return path
        for index, (a, b) in enumerate(zip(given, rebuilt, strict=True)):
            found = _first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    same = type(given) is type(rebuilt) and given == rebuilt
    return None if same else path


def _agrees(kind: str, given: Mapping[str, Any], rebuilt: Mapping[str, Any]) -> None:
    """Every figure written beside the ledgers is what the ledgers give."""
    mine = {key: value for key, value in given.items() if key != "version"}
    path = _first_difference(mine, rebuilt, kind)
    if path is not None:
        raise ParseError(
            f"{kind} JSON: {path} is not what its ledgers and target give; "
            "the figures of a report are recomputed on reading and must agree",
            code="parse.figures_mismatch",
            details={"type": kind, "field": path, "rule": "figures agree with the ledgers"},
        )


def _ledgers(data: object, kind: str, cls: type[CaseLedger] | type[AmountLedger]) -> Any:
    figures = _object(data, f"{kind} figures")
    ledger = _read(_field(figures, "ledger", f"{kind} figures"), 1)
    previous = figures.get("previous")
    before = None if previous is None else _read(previous, 1)
    for name, value in (("ledger", ledger), ("previous", before)):
        if value is not None and not isinstance(value, cls):
            raise ParseError(
                f"{kind} figures JSON {name} must be a {cls.__name__}, got {type(value).__name__}",
                code="parse.tag",
                details={"type": kind, "field": name, "rule": cls.__name__},
            )
    return ledger, before


def _unit_report(data: Mapping[str, Any]) -> UnitReport:
    period = _read(_field(data, "period", "UnitReport"), 1)
    require_instance("UnitReport JSON period", period, ReportingPeriod, ParseError)
    target = data.get("target")
    cases, before_cases = _ledgers(_field(data, "cases", "UnitReport"), "cases", CaseLedger)
    money, before_money = _ledgers(_field(data, "money", "UnitReport"), "money", AmountLedger)
    if (before_cases is None) != (before_money is None):
        raise ParseError(
            "UnitReport JSON has a previous ledger for one of cases and money only",
            code="parse.missing_field",
            details={"type": "UnitReport", "field": "previous", "rule": "both or neither"},
        )
    parts = _field(data, "breakdown", "UnitReport")
    require_instance("UnitReport JSON breakdown", parts, list, ParseError)
    breakdown: dict[str, LedgerPair] = {}
    for part in parts:
        part = _object(part, "UnitReport breakdown")
        name = _field(part, "category", "UnitReport breakdown")
        pair = LedgerPair(
            _ledgers(_field(part, "cases", "breakdown"), "cases", CaseLedger)[0],
            _ledgers(_field(part, "money", "breakdown"), "money", AmountLedger)[0],
        )
        breakdown[name] = pair
    source = _field(data, "target_source", "UnitReport")
    report = build_report(
        _field(data, "unit", "UnitReport"),
        period,
        cases,
        money,
        None if target is None else _target(target),
        previous=None if before_cases is None else LedgerPair(before_cases, before_money),
        book=TargetBook(national=False),  # no target written means none was known
        require_target=False,
        breakdown=breakdown or None,
    )
    if source in ("unit", "national") and target is not None:
        report = attrs.evolve(report, target_source=source)
    _agrees("UnitReport", data, report.to_data())
    return report


def _report_set(data: Mapping[str, Any]) -> ReportSet:
    period = _read(_field(data, "period", "ReportSet"), 1)
    require_instance("ReportSet JSON period", period, ReportingPeriod, ParseError)
    units = _field(data, "units", "ReportSet")
    require_instance("ReportSet JSON units", units, list, ParseError)
    total = data.get("total")
    reports = ReportSet(
        period,
        [_unit_report(_object(unit, "UnitReport")) for unit in units],
        None if total is None else _unit_report(_object(total, "UnitReport")),
        source=_field(data, "source", "ReportSet"),
    )
    _agrees("ReportSet", data, reports.to_data())
    return reports


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
    "UnitReport": _unit_report,
    "ReportSet": _report_set,
}


def from_data(data: object) -> Any:
    """The value a JSON-ready structure describes (đọc dữ liệu JSON), all rules re-checked.

    Lists may hold lists, at most :data:`MAX_NESTING` deep.

    >>> from_data({"type": "ReportingPeriod", "year": 2022, "months": 6})
    ReportingPeriod(year=2022, months=6)
    >>> from_data({"type": "CaseLedger", "rows": {"completed": 1.0}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: completed (thi hành xong) must be an int, got float 1.0
    """
    return _read(data, 0)


def _read(data: object, depth: int) -> Any:
    if isinstance(data, list):
        if depth >= MAX_NESTING:
            raise ParseError(
                f"thads-metrics JSON lists are nested more than {MAX_NESTING} deep",
                code="parse.nesting",
                details={"rule": f"lists nested at most {MAX_NESTING} deep"},
            )
        return [_read(item, depth + 1) for item in data]
    obj = _object(data, "thads-metrics")
    if "version" in obj:
        version = obj["version"]
        if type(version) is not int or not 1 <= version <= SCHEMA_VERSION:
            raise ParseError(
                f"thads-metrics JSON version {shown(version)} is not one this version reads "
                f"(1 to {SCHEMA_VERSION}); a newer thads-metrics wrote it",
                code="parse.version",
                details={
                    "field": "version",
                    "value": shown(version),
                    "rule": f"1 to {SCHEMA_VERSION}",
                },
            )
    kind = obj.get("type")
    reader = _READERS.get(kind) if isinstance(kind, str) else None
    if reader is None:
        raise ParseError(
            f"unknown JSON type tag {shown(kind)}; expected one of {', '.join(_READERS)}",
            code="parse.tag",
            details={
                "field": "type",
                "value": shown(kind),
                "rule": f"one of {', '.join(_READERS)}",
            },
        )
    return reader(obj)


def dumps(value: Serializable | list[Serializable], *, indent: int | None = None) -> str:
    """JSON text of a value (xuất JSON), UTF-8 characters kept as they are.

    >>> dumps(Quarter(2022, 2))
    '{"version": 2, "type": "Quarter", "year": 2022, "number": 2, "label": "Quý II/2022"}'
    """
    if indent is not None:
        require_int("indent", indent, ParseError, minimum=0, maximum=_MAX_INDENT)
    return _json_text(to_data(value), indent)


# Most spaces of indentation dumps() takes (more only wastes memory).
_MAX_INDENT = 100


def _json_text(data: Any, indent: int | None = None) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)`` of plain JSON data: dicts
    with text keys, lists, text, ints, booleans and None (no float: the library writes
    none, and orjson writes some floats otherwise than ``json``).

    With ``indent=2`` (what the command line writes) it is written by orjson where it
    is installed (extra ``[fast]``): the same text, twenty times sooner. Whatever orjson
    refuses (an int beyond 64 bits, a key that is not text, a lone surrogate) is written
    by the standard library, as is every other indent.
    """
    if indent == 2:
        try:
            import orjson
        except ImportError:
            pass
        else:
            try:
                text: str = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
            except orjson.JSONEncodeError:
                pass
            else:
                return text
    return json.dumps(data, ensure_ascii=False, indent=indent)


# JSON tokens a failed read may need to find again: strings (skipped whole, so nothing
# inside them is taken for a number), numbers, and the constants JSON does not have.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|NaN|-?Infinity')
_INTEGER = re.compile(r"-?[0-9]+")


class _Constant(Exception):
    """NaN or ±Infinity met by the JSON reader (internal; becomes a ParseError)."""


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)


def _unique_keys(pairs: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ParseError(
                f"not valid thads-metrics JSON: an object has the key {key!r} twice",
                code="parse.duplicate_key",
                details={"value": key, "rule": "each key once in an object"},
            )
        obj[key] = value
    return obj


def _position(text: str, wanted: Callable[[str], bool]) -> int | None:
    """Index of the first token outside JSON strings for which ``wanted`` holds."""
    for match in _TOKENS.finditer(text):
        token = match.group()
        if not token.startswith('"') and wanted(token):
            return match.start()
    return None


def _too_long(token: str) -> bool:
    if not _INTEGER.fullmatch(token):
        return False
    try:
        int(token)
    except ValueError:
        return True
    return False


def loads(text: str | bytes) -> Any:
    """The value of JSON text written by :func:`dumps` (đọc JSON).

    ``bytes`` are decoded as JSON text is (UTF-8, or UTF-16/32 when so
    encoded), strictly. Every failure is a
    :class:`~thads_metrics.errors.ThadsError`; a
    :class:`~thads_metrics.errors.ParseError` carries, when known, the
    ``position`` of the fault: an index into its ``text`` (the decoded text),
    or, for bytes that do not decode, the offset of the first bad byte.

    >>> loads('{"type": "EnforcementYear", "year": 2021}')
    EnforcementYear(year=2021)
    >>> loads("{oops")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: not valid JSON: ...
    >>> loads(b'{"type": "EnforcementYear", "year": 2021}\\xff')
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: not valid JSON: not UTF-8 text: byte 0xff at offset 41
    """
    if isinstance(text, (bytes, bytearray)):
        encoding = json.detect_encoding(text)
        try:
            source = bytes(text).decode(encoding)
        except UnicodeDecodeError as exc:
            label = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
            raise ParseError(
                f"not valid JSON: not {label} text: byte 0x{exc.object[exc.start]:02x} "
                f"at offset {exc.start}",
                position=exc.start,
                code="parse.encoding",
                details={"rule": f"{label} text"},
            ) from exc
    elif isinstance(text, str):
        source = text
    else:
        require_instance("text", text, (str, bytes), ParseError, what="str or bytes")
    try:
        data = json.loads(source, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON: {exc}",
            text=source,
            position=exc.pos,
            code="parse.json",
            details={"problem": exc.msg},
        ) from exc
    except ParseError as exc:  # a repeated key
        exc.text = source
        raise
    except _Constant as exc:
        name = str(exc)
        raise ParseError(
            f"not valid JSON: {name} is not a JSON number",
            text=source,
            position=_position(source, lambda token: token == name),
            code="parse.constant",
            details={"value": name, "rule": "JSON numbers only (no NaN or Infinity)"},
        ) from None
    except RecursionError as exc:
        raise ParseError(
            "not valid thads-metrics JSON: arrays or objects nested too deeply",
            text=source,
            code="parse.nesting",
            details={"rule": "nesting the JSON reader can follow"},
        ) from exc
    except ValueError as exc:  # an integer with more digits than int() converts
        position = _position(source, _too_long)
        raise ParseError(
            f"not valid JSON: {exc}",
            text=source,
            position=position,
            code="parse.too_long",
            details={"problem": str(exc), "rule": "integers Python can convert"},
        ) from exc
    return from_data(data)
