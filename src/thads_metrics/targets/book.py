"""Targets by (year, unit), with fallback to the national one (sổ chỉ tiêu theo đơn vị).

A :class:`TargetBook` is built from a mapping or read from CSV text
(:meth:`TargetBook.from_csv`) and written back (:meth:`TargetBook.to_csv`).
Bad keys or entries raise :class:`~thads_metrics.errors.TargetError`
(``target.type``, ``target.range``, ``target.fields``, ``target.duplicate``…);
CSV that cannot be read raises :class:`~thads_metrics.errors.CsvError`, a
``ParseError``, naming the line and column, with a ``csv.*`` code.

>>> book = TargetBook.from_csv("year;unit;cases;money\\n2022;Long An;81,5;40,1\\n")
>>> book.lookup(2022, "Long An").cases, book.lookup(2023, "Long An").cases
(Decimal('81.5'), Decimal('82.50'))
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from thads_metrics._checks import require_flag, require_instance
from thads_metrics._text import (
    DELIMITERS,
    declared_delimiter,
    fold,
    fold_key,
    read_flag,
    sniff_delimiter,
)
from thads_metrics.calendar import EnforcementYear
from thads_metrics.errors import CsvError, TargetError, ThadsError, UnknownTargetError
from thads_metrics.targets.national import national_target
from thads_metrics.targets.target import Target, _foreign_digit, _target_percent, _year

__all__ = ["TargetBook"]

Key = tuple[int, str | None]

_YEAR_RULE = "a year of four digits 0-9 (năm thống kê)"


def _unit(value: object) -> str | None:
    """A unit name, NFC-normalised with single spaces; empty or None means national."""
    if value is None:
        return None
    name = require_instance("unit", value, str, TargetError, what="a str (đơn vị) or None")
    return fold(name) or None


def _key(value: object) -> Key:
    if isinstance(value, tuple) and len(value) == 2:
        return (_year(value[0]), _unit(value[1]))
    if isinstance(value, (int, EnforcementYear)) and not isinstance(value, bool):
        return (_year(value), None)
    raise TargetError(
        f"a target book key must be (year, unit) or a year, got {type(value).__name__} {value!r}",
        code="target.type",
        details={"argument": "key", "value": repr(value), "rule": "(year, unit) or a year"},
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
            raise TargetError(
                f"target for {_label(key)} must have keys 'cases' and 'money' "
                f"(optionally 'basis', 'inferred'), got {sorted(map(str, value))}",
                code="target.fields",
                details={"key": key, "fields": tuple(sorted(map(str, value)))},
            )
        return Target(
            value["cases"],
            value["money"],
            value.get("basis", basis),
            inferred=value.get("inferred", False),
        )
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return Target(value[0], value[1], basis)
    raise TargetError(
        f"target for {_label(key)} must be a Target, a (cases, money) pair or a mapping, "
        f"got {type(value).__name__} {value!r}",
        code="target.type",
        details={"key": key, "value": repr(value), "rule": "Target, pair or mapping"},
    )


def _pairs(value: object) -> list[tuple[object, object]]:
    """(key, target) pairs of a mapping, or of a sequence of pairs as ``repr`` shows them."""
    if isinstance(value, Mapping):
        return list(value.items())
    if isinstance(value, (tuple, list)) and all(
        isinstance(pair, tuple) and len(pair) == 2 for pair in value
    ):
        return list(value)
    raise TargetError(
        "TargetBook needs a mapping of (year, unit) to targets (or a sequence of such "
        f"pairs), got {type(value).__name__} {value!r}",
        code="target.type",
        details={"argument": "entries", "value": repr(value), "rule": "mapping or pairs"},
    )


def _entries(value: object) -> tuple[tuple[Key, Target], ...]:
    items: dict[Key, Target] = {}
    for raw_key, raw_target in _pairs(value):
        key = _key(raw_key)
        if key in items:
            raise TargetError(
                f"two targets given for {_label(key)}",
                code="target.duplicate",
                details={"year": key[0], "unit": key[1]},
            )
        items[key] = _as_target(raw_target, key)
    return tuple(sorted(items.items(), key=lambda item: (item[0][0], item[0][1] or "")))


def _check_national(_instance: object, _attribute: attrs.Attribute[bool], value: object) -> None:
    require_flag("national", value, TargetError)


# --------------------------------------------------------------------------- CSV

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
_KNOWN = frozenset(_COLUMNS.values())
#: How CSV text is named in errors when the caller gives no ``source``.
_SOURCE = "<targets>"


def _column(name: str) -> str:
    folded = fold_key(name.replace("_", " "))
    return _COLUMNS.get(folded, folded)


class _Csv:
    """The source name of a CSV text, and its errors: CsvError that say ``line N:`` in prose.

    The message keeps "line N: …" (not only ``source:N``) because callers such
    as the CLI put their own file name in front of it.
    """

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(
        self,
        message: str,
        code: str,
        line: int | None = None,
        column: str | None = None,
        **details: Any,
    ) -> CsvError:
        text = message if line is None else f"line {line}: {message}"
        error = CsvError(
            text,
            source=self.source,
            code=code,
            details={"line": line, "column": column, **details},
        )
        error.line, error.column = line, column
        return error

    def year(self, text: str, line: int) -> int:
        foreign = _foreign_digit(text)
        if foreign is not None:  # as dates and periods: digits are 0-9 only
            position, char = foreign
            raise self.fail(
                f"cannot read {text!r} as a year (năm): {char!r} at position {position} is "
                "not one of the digits 0-9",
                "csv.year",
                line,
                "year",
                value=text,
                digit=char,
                position=position,
                rule=_YEAR_RULE,
            )
        if not re.fullmatch(r"[0-9]{4}", text.strip()):
            raise self.fail(
                f"cannot read {text!r} as a year (năm)",
                "csv.year",
                line,
                "year",
                value=text,
                rule=_YEAR_RULE,
            )
        try:
            return _year(int(text))
        except TargetError as exc:
            raise self.fail(
                str(exc), "csv.year", line, "year", value=text, rule=exc.details["rule"]
            ) from exc

    def percent(self, name: str, text: str, line: int) -> Decimal:
        try:
            return _target_percent(name, text)
        except TargetError as exc:
            raise self.fail(str(exc), "csv.percent", line, name, rule=exc.code) from exc

    def flag(self, text: str, line: int) -> bool:
        value = read_flag(text)
        if value is None:
            raise self.fail(
                f"cannot read {text!r} as inferred yes/no (có/không)", "csv.flag", line, "inferred"
            )
        return value

    def rows(self, body: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
        """The rows of the text with their line numbers; csv's own errors become CsvError."""
        reader = csv.reader(io.StringIO(body), delimiter=delimiter)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise self.fail(f"not valid CSV: {exc}", "csv.syntax", reader.line_num) from exc
            yield reader.line_num, row

    def header(self, row: list[str], line: int) -> list[str]:
        header = [_column(cell) for cell in row]
        for index, name in enumerate(header):
            if name in _KNOWN and header.index(name) != index:
                first = header.index(name)
                raise self.fail(
                    f"column {name} appears twice in the header "
                    f"({row[first].strip()!r} and {row[index].strip()!r})",
                    "csv.duplicate_column",
                    line,
                    name,
                )
        missing = {"year", "cases", "money"} - set(header)
        if missing:
            raise self.fail(
                f"CSV header lacks column(s) {', '.join(sorted(missing))}; got {', '.join(row)}",
                "csv.header",
                line,
                missing=tuple(sorted(missing)),
            )
        return header


# --------------------------------------------------------------------------- TargetBook


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
    national: bool = attrs.field(default=True, kw_only=True, validator=_check_national)
    _index: Mapping[Key, Target] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", MappingProxyType(dict(self.entries)))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled by its entries (a read-only index cannot be pickled; it is rebuilt).
        return (_rebuild, (self.entries, self.national))

    @classmethod
    def from_mapping(cls, mapping: Mapping[Any, Any], *, national: bool = True) -> TargetBook:
        """Build a book from a plain mapping (same as the constructor; sổ chỉ tiêu từ dict).

        >>> TargetBook.from_mapping({2021: {"cases": "82", "money": "40"}}).lookup(2021).money
        Decimal('40')
        """
        return cls(mapping, national=national)

    @classmethod
    def from_csv(cls, text: str, *, national: bool = True, source: str = _SOURCE) -> TargetBook:
        """Read a book from CSV text (đọc bảng chỉ tiêu từ CSV).

        Columns (header required, any order, English or Vietnamese names):
        ``year``/``năm``, ``unit``/``đơn vị`` (optional; empty = national),
        ``cases``/``việc``, ``money``/``tiền``, and optionally
        ``basis``/``căn cứ`` (without it the basis is "CSV line N") and
        ``inferred`` (yes/no, có/không). Other columns are ignored; a known
        column given twice (``cases`` and ``việc``) is refused. The delimiter
        is what Excel's first line ``sep=;`` declares when the file has one
        (``,``, ``;`` or a tab; anything else is ``csv.sep``), else ``;`` or a
        tab when the header has one, else ``,`` (then quote decimal commas).
        Percentages take a decimal comma or point ("81,5", "81.5", "81,5%");
        exponents, ``nan`` and ``inf`` are refused.

        Every problem raises :class:`~thads_metrics.errors.CsvError` (a
        ``ParseError``) naming ``source``, the line and the column, with a
        code: ``csv.type`` (not text), ``csv.syntax`` (not valid CSV),
        ``csv.header``, ``csv.duplicate_column``, ``csv.cells`` (too many
        cells), ``csv.year``, ``csv.percent``, ``csv.flag``, ``csv.duplicate``
        (a second row for the same year and unit).

        >>> text = 'năm,đơn vị,việc,tiền\\n2020,Đồng Nai,73,32\\n2022,Long An,"81,5","40,1"\\n'
        >>> TargetBook.from_csv(text).lookup(2022, "Long An")
        Target(cases=Decimal('81.5'), money=Decimal('40.1'), basis='CSV line 3', inferred=False)
        >>> try:
        ...     TargetBook.from_csv("year,cases,money,việc\\n2020,80,38,81\\n")
        ... except CsvError as err:
        ...     print(err.code, err.line, err.column)
        csv.duplicate_column 1 cases
        """
        reader = _Csv(source)
        if not isinstance(text, str):
            raise reader.fail(
                f"expected CSV text, got {type(text).__name__}", "csv.type", value=repr(text)
            )
        body = text.removeprefix("\ufeff")
        opening = body.splitlines(keepends=True)[:1]
        declared = declared_delimiter(opening[0]) if opening else None
        if declared is not None:  # Excel's "sep=;" line: the delimiter, not data
            if declared not in DELIMITERS:
                raise reader.fail(
                    f"'sep=' declares {declared!r}; the delimiter must be ',', ';' or a tab",
                    "csv.sep",
                    1,
                    value=declared,
                    rule="sep=, sep=; or sep= and a tab",
                )
            delimiter = declared
            body = "\n" + body[len(opening[0]) :]  # an empty line 1: the lines keep their numbers
        else:
            first = next((line for line in body.splitlines() if line.strip()), "")
            delimiter = sniff_delimiter(first)
        header: list[str] | None = None
        mapping: dict[Key, Target] = {}
        for line, row in reader.rows(body, delimiter):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = reader.header(row, line)
                continue
            if len(row) > len(header):
                raise reader.fail(f"{len(row)} cells for {len(header)} columns", "csv.cells", line)
            cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
            key = (reader.year(cells.get("year", ""), line), _unit(cells.get("unit")))
            if key in mapping:
                raise reader.fail(
                    f"a second target for {_label(key)}",
                    "csv.duplicate",
                    line,
                    year=key[0],
                    unit=key[1],
                )
            mapping[key] = Target(
                reader.percent("cases", cells.get("cases", ""), line),
                reader.percent("money", cells.get("money", ""), line),
                cells.get("basis", "") if "basis" in header else f"CSV line {line}",
                inferred=reader.flag(cells.get("inferred", ""), line),
            )
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
        :class:`~thads_metrics.errors.UnknownTargetError`, a ``KeyError``,
        when none is known.

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
        """True when (year, unit) has its own target (chỉ tiêu riêng), so no fallback.

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
        key = (_year(year), _unit(unit))
        entries = dict(self.entries)
        entries[key] = _as_target(target, key)
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
        except ThadsError:
            return False

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Key]:
        return (key for key, _ in self.entries)


def _rebuild(entries: tuple[tuple[Key, Target], ...], national: bool) -> TargetBook:
    return TargetBook(entries, national=national)
