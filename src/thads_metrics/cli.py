"""The ``thads-metrics`` command (công cụ dòng lệnh).

- ``thads-metrics report [FILE]`` reads ledger rows or case records (CSV),
  aggregates them and prints each unit's report paragraph and a summary
  table; without FILE it uses the bundled synthetic sample.
- ``thads-metrics period [DATE]`` prints the enforcement year, cumulative
  period and quarter of a date (today by default).
- ``thads-metrics format AMOUNT`` prints an amount of đồng in every style.

Bad input exits with code 2 and a one-line message naming file, line and
column; nothing is written when there is an error.

``report`` reading a file shows a progress bar (tqdm) on stderr when stderr
is a terminal and ``--quiet`` is not given: bytes against the file's size,
with the time left, or lines for a pipe. ``--unit`` and ``--period`` are
checked against the units and periods of the file before it is read whole
(:func:`~thads_metrics.csvio.read_keys`); see the reference page of the
command line for what is checked when.

The messages (help, errors, progress and status lines) are in English or
Vietnamese: ``--lang vi|en`` before the command, else the locale as gettext
reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.
English is the source language: every message is written here in English and
marked ``_()`` (or ``N_()``); the Vietnamese comes from the catalog
``locale/vi/LC_MESSAGES/thads_metrics.mo``, compiled from its ``.po`` when the
package is built. An error of the library is said in Vietnamese by a message
kept here for its code, which names the error's details; an error whose code
has none keeps its English message. In Vietnamese the error line ends with the
code (``[csv.number]``), which the errors reference lists and programs branch
on. What a command prints on stdout (reports, tables) has its own language,
``--language`` of ``report``, ``year`` and ``check``.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import functools
import gettext
import io
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from thads_metrics import __version__
from thads_metrics._cells import RECORD_STATUSES
from thads_metrics._schema import SCHEMA_VERSION, value_data
from thads_metrics._text import close_names, fold_name, match_name
from thads_metrics.calendar import (
    MIN_YEAR,
    CalendarQuarter,
    EnforcementYear,
    Quarter,
    ReportingPeriod,
    day_label,
    month_label,
    parse_date,
    parse_period,
)
from thads_metrics.cases import LedgerPair
from thads_metrics.csvio import (
    ENGINES,
    MAX_DIGITS,
    MAX_LINE_BYTES,
    CsvError,
    read_aggregation,
    read_keys,
)
from thads_metrics.errors import OutputError, ParseError, ThadsError
from thads_metrics.figures import figures
from thads_metrics.ledger import ROW_TERMS
from thads_metrics.rates import prorated_target
from thads_metrics.report import ReportSet, UnitReport, build_report, summary_table
from thads_metrics.report.words import phrases, text_columns
from thads_metrics.serialize import _json_text, dumps
from thads_metrics.targets import Target, TargetBook, UnknownTargetError

__all__ = ["SAMPLE_LEDGERS", "SAMPLE_TARGETS", "OutputError", "main"]

#: Name of the bundled sample of ledger rows (package data).
if TYPE_CHECKING:  # the year's outlook: imported when a command needs it
    from thads_metrics.projection import Outlook

SAMPLE_LEDGERS = "sample_ledgers.csv"

#: The ledgers a command reads, by (unit, period): a read-only mapping whose ledgers are
#: built when first looked up (:func:`~thads_metrics.csvio.read_aggregation`).
Ledgers = Mapping[tuple[str, ReportingPeriod], LedgerPair]
#: Name of the bundled sample of unit targets (package data).
SAMPLE_TARGETS = "sample_targets.csv"


# --------------------------------------------------------------------------- languages

#: The message catalogs: ``<language>/LC_MESSAGES/thads_metrics.mo`` (compiled from the
#: ``.po`` beside it when the package is built, by ``hatch_build.py``).
LOCALE_DIR = Path(__file__).parent / "locale"
#: The gettext domain of the catalogs.
DOMAIN = "thads_metrics"
#: The languages of the messages (``--lang``). English is the catalogs' source language.
LANGUAGES = ("vi", "en")

#: The catalog of the running command; None outside :func:`main`: no catalog, English.
_MESSAGES: ContextVar[gettext.NullTranslations | None] = ContextVar(
    "thads_metrics_messages", default=None
)
_ENGLISH = gettext.NullTranslations()


def _messages() -> gettext.NullTranslations:
    """The catalog of the messages now (a ``NullTranslations``, without one: English)."""
    catalog = _MESSAGES.get()
    return _ENGLISH if catalog is None else catalog


def _(message: str) -> str:
    """``message`` (English) in the language of the messages."""
    return _messages().gettext(message)


def N_(message: str) -> str:
    """``message`` marked for the catalogs, untranslated: it is translated where it is used."""
    return message


def _translated(message: str) -> str | None:
    """``message`` in the language of the messages, or None when the catalog lacks it
    (always None in English)."""
    translated = _(message)
    return None if translated == message else translated


def _catalog(language: str | None) -> gettext.NullTranslations:
    """The catalog of ``language``; of the locale when None, as gettext chooses it (the
    first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set: "vi_VN.UTF-8" is
    Vietnamese); no catalog (English) for English, C or a language without one."""
    languages = None if language is None else [language]
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def _requested_language(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` gives before the command (``--lang vi``, ``--lang=vi``, or
    abbreviated as argparse allows), if it is one of :data:`LANGUAGES`.

    Read before the parser is built, since the help is written in that language; the
    parser checks the option again (and refuses a language it does not know). After
    the command, ``--lang`` is not this option (``report --lang`` is ``--language``).
    """
    language = None
    items = iter(argv)
    for item in items:
        if item == "--" or not item.startswith("-"):
            break
        name, equals, value = item.partition("=")
        if len(name) > 2 and "--lang".startswith(name):
            language = value if equals else next(items, None)
    return language if language in LANGUAGES else None


#: argparse's own words, which it looks up with its module's ``_`` (gettext): while the
#: command line is parsed, :func:`_argparse_words` has it look them up in the catalog.
_ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
)


@contextlib.contextmanager
def _argparse_words(catalog: gettext.NullTranslations) -> Iterator[None]:
    """argparse's own words (usage, section titles, its errors) from ``catalog`` while the
    command line is parsed; argparse as it was afterwards. Nothing changes without a
    catalog (English)."""
    if not isinstance(catalog, gettext.GNUTranslations):
        yield
        return
    namespace = vars(argparse)
    saved = namespace.get("_")
    namespace["_"] = catalog.gettext
    try:
        yield
    finally:
        if saved is None:
            namespace.pop("_", None)
        else:
            namespace["_"] = saved


# --------------------------------------------------------------------------- error messages

#: How an operating-system error reads, by its errno (else its own English strerror).
_OS_PROBLEMS = {
    errno.ENOENT: N_("no such file or directory"),
    errno.EACCES: N_("permission denied"),
    errno.EISDIR: N_("is a directory"),
    errno.ENOTDIR: N_("a part of the path is not a directory"),
    errno.ENOSPC: N_("no space left on the device"),
    errno.EROFS: N_("the file system is read-only"),
}


def _os_problem(error: OSError) -> str:
    """What went wrong, in the language of the messages when the catalog says it."""
    phrase = _OS_PROBLEMS.get(error.errno or 0)
    translated = None if phrase is None else _translated(phrase)
    return translated or str(error.strerror or error)


#: Errors whose message is their cause's (the error they wrap), after the place.
_WORDED_BY_CAUSE = frozenset(
    {"csv.period", "csv.date", "csv.ledger", "csv.record", "csv.percent", "csv.target", "csv.year"}
)

#: The message of a library error, by its code: each rule is an English msgid naming the
#: error's details (and the fields :func:`_fields` adds) by name, then any further fields
#: it needs; the first rule whose fields the error has is used. A sequence ``value`` is
#: also ``value_0``, ``value_1``…; ``reason`` is the message of the error wrapped (the
#: cause). An error without a rule for its code, or whose rule the catalog does not
#: translate, keeps its own English message. (The errors the command raises itself
#: are written in the language of the messages where they are raised.)
_ERROR_RULES: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "csv.number": (
        (
            N_(
                "%(value)r is not a whole number >= 0: write digits, with dots between "
                "thousands if any (1.000, 12.345.678); money is in đồng"
            ),
        ),
    ),
    "csv.ambiguous_number": (
        (
            N_(
                "%(value)r is ambiguous: %(readings_0)s with a decimal comma (as Vietnamese "
                "writes) or %(readings_1)s with a comma between thousands (as English "
                "writes); write %(readings_0)s or %(readings_1)s, with dots between thousands"
            ),
        ),
    ),
    "csv.too_long": (
        (N_("%(value)s has %(digits)s digits; at most %(max_digits)s are accepted"),),
        (
            N_("a line longer than %(max_line_bytes)s bytes: not a CSV of ledgers or records"),
            "line",
        ),
        (N_("longer than %(max_text_bytes)s bytes: not a report text"),),
    ),
    "csv.flag": ((N_("%(value)r is not yes/no (1/0, true/false, có/không)"),),),
    "csv.unit": ((N_("the unit (đơn vị) is empty"),),),
    "csv.sep": (
        (
            N_(
                "Excel's delimiter declaration declares %(value)r; write sep=, or sep=; or "
                "sep= and a tab"
            ),
        ),
    ),
    "csv.empty": (
        (
            N_(
                "no header: the file is empty, starts with a blank line, or has nothing "
                "after its sep= line"
            ),
        ),
    ),
    "csv.header": (
        (N_("column %(column_number)s of the header has no name"),),
        (N_("the header lacks the column(s) %(missing)s"),),
        (N_("unknown column(s) in the header: %(unknown)s"),),
    ),
    "csv.duplicate_column": (
        (N_("column %(value)s appears twice in the header"),),
        (N_("the column appears twice in the header"), "column"),
    ),
    "csv.cells": ((N_("%(value)s cells, not one per column of the header"),),),
    "csv.syntax": ((N_("not valid CSV: %(problem)s"),),),
    "csv.kind": ((N_("%(value)r is not viec (việc) or tien (tiền)"),),),
    "csv.layout": ((N_("%(value)r is not a layout of the statistical forms"),),),
    "csv.duplicate": (
        (
            # TRANSLATORS: value_2 is the kind of the row (viec, tien), value_0 the unit,
            # value_1 the period.
            N_(
                "a second %(value_2)s row for %(value_0)s, %(value_1)s "
                "(first on line %(first_line)s)"
            ),
        ),
        (N_("a second target for năm %(year)s, %(unit)s"),),
        (N_("a second national target for năm %(year)s"),),
    ),
    "csv.money_only": (
        (N_("reduced (giảm, miễn) is a row of the money ledger only: 0 or empty on a viec row"),),
    ),
    "csv.missing_row": (
        # TRANSLATORS: value_0 is the unit, value_1 the period, value_2 the missing kind.
        (N_("%(value_0)s, %(value_1)s has no %(value_2)s row to go with this one"),),
    ),
    "csv.origin": (
        (N_("%(value)r is not carried_over (chuyển sang) or newly_accepted (thụ lý mới)"),),
    ),
    "csv.status": (
        (N_("%(value)r is not a status; expected one of %(statuses)s"),),
        (N_("empty: a case that was not entrusted or withdrawn needs its status (%(statuses)s)"),),
    ),
    "csv.file_kind": (
        (
            N_(
                "cannot tell what the file holds: the header has neither 'kind' (ledger rows) "
                "nor 'origin' (case records)"
            ),
        ),
    ),
    "csv.encoding": (
        (N_("not UTF-8 text (byte %(byte)s of the line); save the file as CSV UTF-8"), "line"),
        (N_("not UTF-8 text (byte %(byte)s); save it as UTF-8"),),
    ),
    "csv.unreadable": ((N_("cannot read: %(problem)s"),),),
    "parse.cut_off": (
        (
            N_(
                "%(text)r is a cut-off day inside a month; ledgers are kept for cumulative "
                "periods ending with a month: give the period or the month's last day"
            ),
        ),
    ),
    "parse.quarter": (
        (N_("%(text)r is a quarter; give the cumulative period (kỳ báo cáo lũy kế)"),),
    ),
    "parse.period": (
        (
            N_(
                "cannot read %(text)r as a period; expected e.g. 'năm 2021', '11 tháng năm "
                "2021', '6 tháng đầu năm 2022', 'Quý II/2022', 'quý 2 năm 2022', 'tính đến "
                "31/8/2021' or 'từ 01/10/2020 đến 31/8/2021'"
            ),
        ),
    ),
    "parse.no_such_period": ((N_("cannot read %(text)r as a period: %(reason)s"),),),
    "parse.missing_year": (
        (N_("cannot read %(text)r as a period: %(reason)s"),),
        (N_("%(text)r does not say the year of %(value)s: write it (%(value)s/yyyy)"),),
        (
            N_(
                "cannot read %(text)r as a period: it does not say the year; write it "
                "('6 tháng đầu năm 2022', 'Quý II/2022')"
            ),
        ),
    ),
    "parse.single_month": (
        (
            N_(
                "cannot read %(text)r as a period: %(value)s is one calendar month, not a "
                "cumulative period; write the period ('11 tháng năm 2021') or its end "
                "('tính đến 31/8/2021')"
            ),
        ),
    ),
    "parse.month_end": (
        (
            N_(
                "cannot read %(text)r as a period: reporting periods (kỳ báo cáo) end on the "
                "last day of a month; write 'tính đến' before a cut-off day"
            ),
        ),
    ),
    "parse.not_cumulative": (
        (
            N_(
                "cannot read %(text)r as a period: reporting periods are cumulative from 1 "
                "October of their statistical year (lũy kế từ 1/10)"
            ),
        ),
    ),
    "parse.contradiction": (
        (N_("%(text)r contradicts itself: the label in parentheses is not %(value)s"),),
    ),
    "parse.digits": (
        (
            N_(
                "cannot read %(text)r: %(value)r at position %(position)s is not one of the "
                "digits 0-9 that reports print"
            ),
        ),
    ),
    "parse.date": (
        (N_("cannot read %(text)r as a period: %(reason)s"),),
        (
            N_(
                "cannot read %(text)r as a date: expected day/month/year (31/8/2021), "
                "'31 tháng 8 năm 2021' or ISO (2021-08-31)"
            ),
        ),
    ),
    "parse.no_such_date": (
        (N_("cannot read %(text)r as a period: %(reason)s"),),
        (N_("%(text)r is not a valid date"),),
    ),
    "parse.unexpected": (
        (N_("%(function)s: unexpected character or word at position %(position)s in %(text)r"),),
    ),
    "parse.separator": (
        (
            N_(
                "%(function)s: misplaced thousands separator at position %(position)s in "
                "%(text)r (1 to 3 digits, then groups of 3)"
            ),
        ),
    ),
    "parse.order": (
        (
            N_(
                "%(function)s: numbers or scale words out of order at position %(position)s "
                "in %(text)r"
            ),
        ),
    ),
    "parse.group": (
        (
            N_(
                "%(function)s: after a scale word, a number without one must have 3 digits "
                "(position %(position)s in %(text)r)"
            ),
        ),
    ),
    "parse.decimals": (
        (N_("%(function)s: misplaced decimals at position %(position)s in %(text)r"),),
    ),
    "parse.not_whole": ((N_("%(function)s: %(text)r is not a whole number"),),),
    "parse.zero": (
        (N_("%(function)s: a number cannot start with 0 (position %(position)s in %(text)r)"),),
    ),
    "parse.sign": (
        (N_("%(function)s: a sign is not allowed (position %(position)s in %(text)r)"),),
    ),
    "parse.too_large": ((N_("%(function)s: number too large (10**100 or more) in %(text)r"),),),
    "parse.expected": (
        (N_("%(function)s: expected a number at position %(position)s in %(text)r"),),
    ),
    "parse.empty": ((N_("%(function)s: expected a number, found nothing in %(text)r"),),),
    "parse.ambiguous": (
        (
            N_(
                "%(function)s: %(text)r is ambiguous: a decimal comma or a comma between "
                "thousands (position %(position)s)"
            ),
        ),
    ),
    "ledger.negative": (
        (
            N_(
                "%(row)s (%(row_term)s) comes out negative (%(value)s): the rows it is "
                "computed from contradict each other"
            ),
        ),
    ),
    "ledger.identity": ((N_("the rows do not add up: %(identity)s is off by %(difference)s"),),),
    "ledger.layout": (
        (
            N_(
                "%(row)s (%(row_term)s) must be 0 in the forms of %(layout)s (the layout of "
                "the period), got %(value)s"
            ),
        ),
    ),
    "ledger.amount_exceeds_due": (
        (
            N_(
                "amount_finished (%(amount_finished)s) + amount_reduced (%(amount_reduced)s) "
                "cannot exceed amount_due (%(amount_due)s)"
            ),
        ),
    ),
    "ledger.completed_with_remainder": (
        (
            N_(
                "a completed case (thi hành xong) has nothing left to enforce: "
                "amount_finished (%(amount_finished)s) + amount_reduced (%(amount_reduced)s) "
                "must equal amount_due (%(amount_due)s)"
            ),
        ),
    ),
    "ledger.status_of_departed": (
        (
            N_(
                "a case %(fields_0)s leaves this unit's ledger, so it has no status: leave "
                "status empty, got %(value)s"
            ),
        ),
    ),
    "ledger.amounts_of_departed": (
        (
            N_(
                "a case %(fields_0)s carries its whole amount_due away: amount_finished "
                "(%(amount_finished)s) and amount_reduced (%(amount_reduced)s) must be 0"
            ),
        ),
    ),
    "ledger.entrusted_and_withdrawn": (
        (N_("a case is either entrusted (ủy thác) or withdrawn (thu hồi), not both"),),
    ),
    "ledger.money_only": (
        (
            N_(
                "status %(value)s (giảm, miễn) is an amount, not a case's status: put the "
                "amount in amount_reduced and give the case's own status (terminated for a "
                "case fully exempted)"
            ),
            "fields_0",
        ),
    ),
    "ledger.flow_decrease": (
        (
            N_(
                "%(row)s (%(row_term)s) decreases from %(before)s in %(earlier)s to %(after)s "
                "in %(later)s: a flow row is cumulative over the year and never decreases"
            ),
        ),
    ),
    "ledger.date": (
        (
            N_(
                "%(fields_0)s %(value)s is outside what the case's origin, status and period "
                "allow (%(low)s to %(high)s)"
            ),
        ),
        (N_("%(fields_0)s %(value)s contradicts the case's origin, status or period"),),
    ),
    "period.range": ((N_("%(argument)s: %(value)s is out of range: %(rule)s"),),),
    "target.range": ((N_("%(argument)s: %(value)s is out of range: %(rule)s"),),),
    "target.text": (
        (
            N_(
                "%(argument)s: cannot read %(value)r as a percentage; write it like 81,5 or "
                "81.5 (decimal comma or point, no exponent)"
            ),
        ),
    ),
    "target.inexact": (
        (N_("%(argument)s must be a terminating decimal percentage (chỉ tiêu), got %(value)s"),),
    ),
    "target.unknown": (
        (N_("no target for năm %(year)s of %(unit)s"),),
        (N_("no national target for năm %(year)s"),),
    ),
}


def _names(msgid: str) -> set[str]:
    """The named placeholders of a msgid: ``%(name)s`` → name."""
    return set(re.findall(r"%\((\w+)\)", msgid))


def _fields(error: ThadsError, reason: str | None) -> dict[str, Any]:
    """What a rule may name: the error's details that are set (a sequence also by item:
    ``value_0``…), ``reason``, ``byte`` (a 0-based ``position`` plus one), and the limits
    the messages quote."""
    fields: dict[str, Any] = {
        "max_digits": MAX_DIGITS,
        "max_line_bytes": MAX_LINE_BYTES,
        "max_text_bytes": MAX_TEXT_BYTES,
        "statuses": RECORD_STATUSES,
    }
    for key, value in error.details.items():
        if value is None:
            continue
        if isinstance(value, (tuple, list)):
            fields[key] = ", ".join(map(str, value))
            fields.update({f"{key}_{i}": item for i, item in enumerate(value)})
        else:
            fields[key] = value
    if isinstance(fields.get("position"), int):
        fields["byte"] = fields["position"] + 1
    if isinstance(fields.get("row"), str) and fields["row"] in ROW_TERMS:
        fields["row_term"] = ROW_TERMS[fields["row"]]  # the row's name on the forms
    if isinstance(error.__cause__, OSError):
        fields["problem"] = _os_problem(error.__cause__)
    if reason is not None:
        fields["reason"] = reason
    return fields


def _where(error: CsvError) -> str:
    """The file, line and column an error of a CSV file names, as its message starts."""
    where = error.source if error.line is None else f"{error.source}:{error.line}"
    if error.column is None:
        return where
    return _("%(where)s: column %(column)s") % {"where": where, "column": error.column}


def _worded(error: ThadsError) -> str | None:
    """The message of a library error in the language of the messages, from the rule of
    its code (:data:`_ERROR_RULES`); None when there is none or the catalog lacks it."""
    cause = error.__cause__
    reason = _worded(cause) if isinstance(cause, ThadsError) else None
    rules = _ERROR_RULES.get(error.code, ())
    if error.code in _WORDED_BY_CAUSE and isinstance(cause, ThadsError):
        body = reason
    elif (
        reason is None
        and isinstance(cause, ThadsError)
        and any("reason" in _names(msgid) for msgid, *_needs in rules)
    ):
        return None  # a wrapped error whose cause cannot be said: in English whole
    else:
        fields = _fields(error, reason)
        rule = next(
            (msgid for msgid, *needs in rules if _names(msgid) | set(needs) <= fields.keys()),
            None,
        )
        translated = None if rule is None else _translated(rule)
        try:
            body = None if translated is None else translated % fields
        except (KeyError, TypeError, ValueError):  # a translation the catalog check missed
            body = None
    if body is None:
        return None
    return f"{_where(error)}: {body}" if isinstance(error, CsvError) else body


def _error_message(error: ThadsError) -> str:
    """The message of ``error`` in the language of the messages, or its own (English)."""
    return _worded(error) or str(error)


#: How the progress bar is drawn (tqdm's options): not at all for a read shorter than
#: half a second, redrawn at most ten times a second.
PROGRESS_OPTIONS: dict[str, Any] = {"delay": 0.5, "mininterval": 0.1}


def _regular_size(path: Path) -> int | None:
    """The size of ``path`` in bytes if it is a regular file; None for a pipe, a device,
    or a file that cannot be looked at (its read will say why)."""
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


class _BarStream:
    """The stream the bar is drawn on (stderr), remembering what its line shows.

    tqdm erases its bar when closed, unless a signal arrived while it drew the bar
    for the first time: it then believes nothing was drawn and leaves the bar on the
    screen, before "thads-metrics: interrupted". :meth:`erase` clears what is left.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.line = ""  # what the line shows since the last carriage return

    def write(self, text: str) -> None:
        self.line = (self.line + text).rpartition("\r")[2]  # before writing: a signal may cut in
        self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def erase(self) -> None:
        if self.line.strip():
            self.stream.write("\r" + " " * len(self.line) + "\r")
            self.stream.flush()
            self.line = ""

    def __getattr__(self, name: str) -> Any:  # encoding, fileno (tqdm measures the terminal)
        return getattr(self.stream, name)


@contextlib.contextmanager
def _progress(args: argparse.Namespace, path: Path, what: str) -> Iterator[dict[str, Any]]:
    """The ``progress`` arguments of :func:`read_csv` (or :func:`read_keys`) that draw a
    bar on stderr (tqdm) while ``path`` is read.

    Bytes against the file's size, so the bar has a total and the time left, when
    ``path`` is a regular file; lines read when it is a pipe. No bar (no arguments)
    with ``--quiet`` or when stderr is not a terminal. The bar is erased however the
    read ends: done, an error, Ctrl-C or SIGTERM.
    """
    stream = sys.stderr
    if args.quiet or stream is None or not stream.isatty():
        yield {}
        return
    # Imported here: only a run that shows a bar pays for it. (No stubs are installed.)
    from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]

    size = _regular_size(path)
    screen = _BarStream(stream)
    bar = tqdm(
        total=size,
        desc=what,
        unit="B" if size is not None else " " + _("lines"),
        unit_scale=True,
        file=screen,
        leave=False,
        dynamic_ncols=True,
        **PROGRESS_OPTIONS,
    )

    def update(done: int) -> None:
        bar.update(done - bar.n)

    try:
        yield {"progress": update, "progress_unit": "bytes" if size is not None else "lines"}
    finally:
        bar.close()
        screen.erase()


def _read(args: argparse.Namespace) -> tuple[Ledgers, str]:
    if args.file is None:
        data = resources.files("thads_metrics") / "data" / SAMPLE_LEDGERS
        text = data.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        sample = read_aggregation(lines, name=f"<sample {SAMPLE_LEDGERS}>")
        return cast("Ledgers", sample), "sample"
    if args.file == "-":  # stdin, read as it comes
        if os.path.exists("/dev/stdin"):
            with _progress(args, Path("/dev/stdin"), _("Reading")) as progress:
                ledgers = read_aggregation(
                    "/dev/stdin", name="<stdin>", engine=args.engine, **progress
                )
        else:  # no /dev/stdin (Windows): the text whole, as check reads it
            label, text = _read_text("-", limit=None)
            ledgers = read_aggregation(text.splitlines(keepends=True), name=label)
        return cast("Ledgers", ledgers), "<stdin>"
    path = Path(args.file)
    if args.unit or args.period:
        _check_selection(args, path)
    with _progress(args, path, _("Reading")) as progress:
        ledgers = read_aggregation(path, engine=args.engine, **progress)
        return cast("Ledgers", ledgers), str(path)


def _check_selection(args: argparse.Namespace, path: Path) -> None:
    """Check ``--period`` and ``--unit`` against the keys of a file before it is read
    whole: a name that matches no unit fails in seconds, not after the whole file.

    :func:`read_keys` reads only the unit and period cells, so the check costs about a
    seventh of the full read. The file must be read twice for it, so a pipe is not
    checked here (the full read checks after). A file :func:`read_keys` finds bad is
    left to the full read, which names its first error in line order.
    """
    if _regular_size(path) is None:
        return
    try:
        with _progress(args, path, _("Checking")) as progress:
            keys = read_keys(path, **progress)
    except CsvError:
        return
    if not keys:
        return
    period = _choose_period({p for unit, p in keys}, args.period)
    available = sorted({unit for unit, p in keys if p == period})
    for wanted in args.unit or ():
        _unit(wanted, available, period)


def _book(args: argparse.Namespace, table: Ledgers) -> TargetBook:
    """The targets of ``--targets`` (their units matched to the input's), of the bundled
    sample for the sample, else the national ones."""
    if args.targets is None:
        if args.file is None:
            data = resources.files("thads_metrics") / "data" / SAMPLE_TARGETS
            return TargetBook.from_csv(data.read_text(encoding="utf-8"))
        return TargetBook()
    path = Path(args.targets)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        problem = str(exc.strerror or exc)
        raise CsvError(
            f"cannot read: {problem}",
            source=str(path),
            code="csv.unreadable",
            details={"problem": problem, "rule": "a readable file"},
        ) from exc
    except UnicodeDecodeError as exc:
        raise CsvError(
            f"not UTF-8 text (byte {exc.start + 1}); save the file as CSV UTF-8",
            source=str(path),
            code="csv.encoding",
            details={"position": exc.start, "rule": "UTF-8 text"},
        ) from exc
    try:
        book = TargetBook.from_csv(text, source=str(path))
    except CsvError:
        raise
    except ThadsError as exc:  # a bad target value: say which file it came from
        raise CsvError(str(exc), source=str(path), code="csv.target") from exc
    return _matched(book, {unit for unit, _ in table}, str(path))


def _matched(book: TargetBook, units: set[str], source: str) -> TargetBook:
    """The book with its units matched to the input's as ``--unit`` matches them
    ("Long An" is "Cục THADS tỉnh Long An"): a unit that names one unit of the input is
    that unit; one that names several is an error; one that names none keeps its name,
    and stderr says so when the input has a name close to it (a typo: "Lonng An")."""
    names = sorted(units)
    entries: dict[tuple[int, str | None], Target] = {}
    for (year, unit), target in book.entries:
        found = (unit,) if unit is None or unit in units else match_name(unit, names)
        if len(found) > 1:
            raise ParseError(
                _(
                    "%(source)s: the unit %(value)r matches several units of the input: "
                    "%(candidates)s; write it as the input does"
                )
                % {"source": source, "value": unit, "candidates": ", ".join(map(str, found))},
                code="parse.ambiguous_unit",
                details={"argument": "--targets", "value": unit, "candidates": list(found)},
            )
        if not found:
            near = close_names(str(unit), names)
            if near:
                print(
                    _(
                        "%(source)s: the unit %(value)r (năm %(year)s) is not in the input "
                        "(did you mean %(near)s?); its target is not used"
                    )
                    % {"source": source, "value": unit, "year": year, "near": ", ".join(near)},
                    file=sys.stderr,
                )
            found = (unit,)
        key = (year, found[0])
        if key in entries and key[1] != unit:  # the exact name wins over a loose one
            continue
        entries[key] = target
    return TargetBook(entries, national=book.national)


def _choose_period(
    found: Iterable[ReportingPeriod], wanted: str | None, *, tell: bool = False
) -> ReportingPeriod:
    """The period ``--period`` names among those ``found`` (the latest without it); with
    ``tell``, stderr says which cumulative period a quarter named stands for."""
    periods = sorted(set(found))
    if not periods:
        raise ParseError(
            _("the input holds no ledgers"),
            code="parse.no_ledgers",
            details={"rule": "at least one ledger row or case record"},
        )
    if wanted is None:
        return periods[-1]
    parsed = parse_period(wanted)
    quarter = None
    if isinstance(parsed, Quarter):  # "Quý II/2022": the cumulative period ending with it
        quarter, parsed = parsed, parsed.cumulative_period()
    if not isinstance(parsed, ReportingPeriod) or parsed not in periods:
        held = [p.label for p in periods]
        raise ParseError(
            _("--period %(value)r (%(label)s) is not in the input; it holds %(periods)s")
            % {"value": wanted, "label": parsed.label, "periods": ", ".join(held)},
            code="parse.unknown_period",
            details={"argument": "--period", "value": wanted, "periods": held},
        )
    if quarter is not None and tell:
        print(
            _(
                "--period %(value)r: reports are cumulative; this is the report of %(label)s "
                "(%(start)s to %(end)s), which ends with %(quarter)s"
            )
            % {
                "value": wanted,
                "label": parsed.label,
                "start": day_label(parsed.start),
                "end": day_label(parsed.end),
                "quarter": quarter.label,
            },
            file=sys.stderr,
        )
    return parsed


def _workbook_name(period: ReportingPeriod) -> str:
    """The default workbook name: the period's label in ASCII ("11 tháng năm 2021" →
    ``thads-11-thang-nam-2021.xlsx``), which no reader takes for a month as "2021-11" was."""
    return f"thads-{'-'.join(fold_name(period.label).split())}.xlsx"


#: Most unit names an unknown ``--unit`` lists (a file may hold hundreds of units).
UNITS_LISTED = 10


def _unit(wanted: str, available: list[str], period: ReportingPeriod) -> str:
    """The unit ``--unit`` names, matched loosely ("Hà Nội", "nghe an") by
    :func:`~thads_metrics._text.match_name`; a miss or an ambiguity is a ParseError
    that suggests the closest names."""
    found = match_name(wanted, available)
    if len(found) == 1:
        return found[0]
    if found:
        raise ParseError(
            _(
                "--unit %(value)r is ambiguous for %(period)s: it could be %(candidates)s; "
                "give the full name"
            )
            % {"value": wanted, "period": period.label, "candidates": ", ".join(map(repr, found))},
            code="parse.ambiguous_unit",
            details={"argument": "--unit", "value": wanted, "candidates": list(found)},
        )
    near = close_names(wanted, available)
    listed = ", ".join(available[:UNITS_LISTED])
    if len(available) > UNITS_LISTED:
        listed = _("%(units)s and %(count)d more") % {
            "units": listed,
            "count": len(available) - UNITS_LISTED,
        }
    fields = {"value": wanted, "period": period.label, "units": listed}
    if near:
        names = functools.reduce(
            lambda a, b: _("%(names)s or %(name)s") % {"names": a, "name": b}, map(repr, near)
        )
        message = _(
            "--unit %(value)r is not in the input for %(period)s; did you mean "
            "%(suggestions)s? units are %(units)s"
        ) % {**fields, "suggestions": names}
    else:
        message = (
            _("--unit %(value)r is not in the input for %(period)s; units are %(units)s") % fields
        )
    raise ParseError(
        message,
        code="parse.unknown_unit",
        details={"argument": "--unit", "value": wanted, "suggestions": list(near)},
    )


def _selected_units(
    table: Ledgers, period: ReportingPeriod, wanted: Sequence[str] | None
) -> list[str]:
    """The units of ``period`` in the table, sorted; only those ``--unit`` names, if any."""
    available = sorted({unit for unit, p in table if p == period})
    if not wanted:
        return available
    chosen = {_unit(name, available, period) for name in wanted}
    return [unit for unit in available if unit in chosen]


def _note_spellings(table: Ledgers) -> None:
    """Say on stderr which units of the input may be one unit spelled several ways
    ("Cục THADS tỉnh Vĩnh Phúc", "Cuc THADS tinh Vinh Phuc"): they are counted apart."""
    spellings: dict[str, set[str]] = {}
    for unit in {unit for unit, _ in table}:  # each unit folded once, not once a period
        spellings.setdefault(fold_name(unit), set()).add(unit)
    for names in spellings.values():
        if len(names) > 1:
            print(
                _("%(names)s may be one unit spelled several ways: they are counted apart")
                % {"names": ", ".join(sorted(names))},
                file=sys.stderr,
            )


def _note_units_left_out(table: Ledgers, period: ReportingPeriod) -> None:
    """Say on stderr which units of the input have no ledgers of ``period`` (a unit a
    month behind the others), and their latest period: the report and its roll-up
    leave them out."""
    latest: dict[str, ReportingPeriod] = {}
    for unit, p in table:
        if unit not in latest or latest[unit] < p:
            latest[unit] = p
    present = {unit for unit, p in table if p == period}
    for unit in sorted(set(latest) - present):
        print(
            _("%(unit)s has no ledgers of %(period)s (its latest: %(latest)s): left out")
            % {"unit": unit, "period": period.label, "latest": latest[unit].label},
            file=sys.stderr,
        )


def _reports(
    table: Ledgers,
    period: ReportingPeriod,
    units: list[str] | None,
    book: TargetBook,
    language: str = "vi",
) -> tuple[list[UnitReport], UnitReport | None]:
    available = _selected_units(table, period, units)
    last = period.same_period_last_year() if period.year > MIN_YEAR else None
    reports = []
    for unit in available:
        pair = table[unit, period]
        previous = table.get((unit, last)) if last is not None else None
        reports.append(
            build_report(
                unit,
                period,
                pair.cases,
                pair.amounts,
                previous=previous,
                book=book,
                require_target=False,
            )
        )
    total: UnitReport | None = None
    if len(available) > 1:
        current = sum((table[u, period] for u in available), start=LedgerPair())
        previous_total: LedgerPair | None = None
        if last is not None and all((u, last) in table for u in available):
            previous_total = sum((table[u, last] for u in available), start=LedgerPair())
        try:  # the roll-up is measured against the system-wide target of the year
            system_target: Target | None = book.lookup(period.year)
        except UnknownTargetError:
            system_target = None
        total = build_report(
            phrases(language).roll_up(len(available)),
            period,
            current.cases,
            current.amounts,
            system_target,
            previous=previous_total,
            require_target=False,
        )
    return reports, total


def _inputs(args: argparse.Namespace) -> list[Path]:
    """The files the command reads (FILE and ``--targets``), when given."""
    return [Path(p) for p in (getattr(args, "file", None), getattr(args, "targets", None)) if p]


def _refuse_input_as_output(path: Path, inputs: Sequence[Path]) -> None:
    """Refuse to write over a file the command reads: a report must never replace its data.

    Compared by identity (``os.path.samefile``: same device and inode), so a
    relative path, a symlink or a hard link to an input is caught too.
    """
    for source in inputs:
        try:
            same = os.path.samefile(path, source)
        except OSError:  # one of them does not exist: they cannot be the same file
            same = False
        if same:
            raise OutputError(
                _(
                    "%(output)s: is the input file %(input)s; writing the report there would "
                    "destroy it; give another name for --output"
                )
                % {"output": path, "input": source},
                code="output.is_input",
                details={"output": str(path), "input": str(source)},
            )


def _write_atomic(path: Path, write: Callable[[Path], None], inputs: Sequence[Path] = ()) -> None:
    """Write to a temporary file beside ``path``, then move it in place: never half-written.

    A symlink is followed (its target is written, the link stays); an input
    file is never overwritten. The file gets the usual permissions (0666 less
    the umask), not mkstemp's 0600.
    """
    if path.is_dir():
        raise OutputError(
            _("%(output)s: is a directory; give a file name for --output") % {"output": path},
            code="output.is_directory",
            details={"output": str(path)},
        )
    _refuse_input_as_output(path, inputs)
    path = Path(os.path.realpath(path))
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".thads-", suffix=path.suffix, dir=directory)
    except OSError as exc:
        raise OutputError(
            _("%(output)s: cannot write: %(problem)s")
            % {"output": path, "problem": _os_problem(exc)},
            code="output.unwritable",
            details={"output": str(path)},
        ) from exc
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _emit(args: argparse.Namespace, text: str) -> None:
    """Print ``text``, or write it atomically to ``--output``."""
    if args.output and args.output != "-":
        target = Path(args.output)

        def write(tmp: Path) -> None:
            tmp.write_text(text, encoding="utf-8")

        _write_atomic(target, write, _inputs(args))
        if not args.quiet:
            print(_("Wrote %(path)s") % {"path": target}, file=sys.stderr)
    else:
        sys.stdout.write(text)


def _cmd_report(args: argparse.Namespace) -> int:
    if args.output and args.output != "-":  # before reading anything: fail fast
        _refuse_input_as_output(Path(args.output), _inputs(args))
    table, source = _read(args)
    book = _book(args, table)
    period = _choose_period((p for unit, p in table), args.period, tell=True)
    _note_spellings(table)
    if not args.unit:
        _note_units_left_out(table, period)
    reports, total = _reports(table, period, args.unit, book, args.language)
    if args.format == "json":
        document = ReportSet(period, reports, total, source=source)
        _emit(args, dumps(document, indent=2) + "\n")
        return 0
    if args.format == "html":
        from thads_metrics.htmlpage import html_page

        years = _outlooks(table, period, [r.unit for r in reports], book)
        document = ReportSet(period, reports, total, source=source)
        _emit(args, html_page(document, years=years, language=args.language))
        return 0
    if args.format == "xlsx":
        from thads_metrics.excel import FormInfo, MoneyUnit, write_workbook

        rows = [(r.unit, table[r.unit, period]) for r in reports]
        info = FormInfo(agency=args.agency, recipient=args.recipient)
        money_unit: MoneyUnit = "nghìn đồng" if args.money_unit == "nghin-dong" else "đồng"

        def workbook(target: Any) -> None:
            write_workbook(target, period, rows, info=info, money_unit=money_unit)

        if args.output == "-":
            if sys.stdout.isatty():
                raise OutputError(
                    _("-o -: a workbook is binary; redirect stdout to a file or give a file name"),
                    code="output.binary_to_terminal",
                    details={"output": "-"},
                )
            buffer = io.BytesIO()
            workbook(buffer)
            sys.stdout.flush()
            sys.stdout.buffer.write(buffer.getvalue())
            sys.stdout.buffer.flush()
            return 0
        target = Path(args.output or _workbook_name(period))
        _refuse_input_as_output(target, _inputs(args))  # that first: it says more
        if args.output is None and os.path.lexists(target):  # a form someone may have filled in
            raise OutputError(
                _(
                    "%(output)s exists (a workbook written before, perhaps edited since); "
                    "give -o %(output)s to replace it, or -o another name"
                )
                % {"output": target},
                code="output.exists",
                details={"output": str(target)},
            )
        _write_atomic(target, workbook, _inputs(args))
        if not args.quiet:
            print(_("Wrote %(path)s") % {"path": target}, file=sys.stderr)
        return 0
    language = args.language
    chunks = [r.text(points_unit=args.points, language=language) for r in reports]
    if total is not None:
        chunks.append(total.text(points_unit=args.points, language=language))
    title = phrases(language).table_title(period)
    chunks.append(title + "\n" + summary_table(reports, total, language=language))
    _emit(args, "\n\n".join(chunks) + "\n")
    return 0


def _outlooks(
    table: Ledgers,
    period: ReportingPeriod,
    units: Sequence[str],
    book: TargetBook,
    *,
    strict: bool = False,
    no_target: dict[str, UnknownTargetError] | None = None,
) -> dict[str, Outlook]:
    """Each unit's year up to ``period``, with its projections and plan against its target.

    Earlier complete years of the unit in the table teach the seasonal projection. A
    unit without a target for the year gets none (its error put in ``no_target``); a
    unit whose cumulative periods do not add up (a flow that decreases) gets none
    either, and stderr says why, or with ``strict`` its error is raised.
    """
    from thads_metrics.projection import outlook
    from thads_metrics.series import Series

    out: dict[str, Outlook] = {}
    for unit in units:
        try:
            target = book.lookup(period.year, unit)
        except UnknownTargetError as exc:
            if no_target is not None:
                no_target[unit] = exc
            continue
        mine = [(p, table[u, p]) for u, p in table if u == unit and p.year == period.year]
        try:
            series = Series(unit, period.year, [(p, pair) for p, pair in mine if p <= period])
            history = [
                Series.from_table(table, unit, year)
                for year in sorted({p.year for u, p in table if u == unit and p.year < period.year})
            ]
            out[unit] = outlook(series, target, history=[h for h in history if 12 in h.months])
        except ThadsError as exc:
            if strict:
                raise
            print(
                _("%(unit)s: no projection (%(error)s)")
                % {"unit": unit, "error": _error_message(exc)},
                file=sys.stderr,
            )
    return out


def _year_text(view: Outlook, language: str) -> str:
    """The months of a unit's year, its projections and what each month still needs."""
    from thads_metrics.vi import format_count, format_dong, format_number, format_percent

    english = language == "en"
    words = phrases(language)  # English numbers in English (1,008; 4.93%; VND 36 billion)

    def write(value: int, money: bool) -> str:
        if english:
            return words.money(value) if money else words.count(value)
        return format_dong(value, "scaled") if money else format_count(value, "việc")

    def percent(value: Decimal) -> str:
        return words.percent(value) if english else format_percent(value, 2, fixed=True)

    def number(value: int) -> str:
        return words.table_count(value) if english else format_number(value)

    series = view.series
    lines = [
        (f"{series.unit}: the year {series.year} month by month"
         if english else f"{series.unit}: năm công tác {series.year} theo tháng"),
    ]  # fmt: skip
    header = (
        ["Month", "Finished (cases)", "Rate", "Pro-rated target", "Finished (money)", "Rate",
         "Pro-rated target"]
        if english
        else ["Tháng", "Xong (việc)", "Tỷ lệ", "Chỉ tiêu tiến độ", "Xong (tiền)", "Tỷ lệ",
              "Chỉ tiêu tiến độ"]
    )  # fmt: skip
    rows = [header]
    before = 0  # the months of the period before (the year starts with none)
    for step, (period, pair) in zip(series.steps(), series.points, strict=True):
        cells = [_months_label(period, before)]
        before = period.months
        for movement, ledger, goal, money in (
            (step.cases, pair.cases, view.target.cases, False),
            (step.money, pair.amounts, view.target.money, True),
        ):
            done = movement.flows.get("finished")
            rate = figures(ledger, period).rate
            cells += [
                "—" if done is None else (write(done, True) if money else number(done)),
                "—" if rate is None else percent(rate),
                percent(prorated_target(goal, period)),
            ]
        rows.append(cells)
    lines += text_columns(rows)
    lines.append("")
    lines.append("Year-end projection:" if english else "Dự báo đến 30/9:")
    for p in view.projections:
        rates = ["—" if r.rate is None else percent(r.rate) for r in (p.cases, p.money)]
        if english:
            lines.append(f"- {p.describe('en')}: cases {rates[0]}, money {rates[1]}")
        else:
            lines.append(f"- {p.describe()}: về việc {rates[0]}, về tiền {rates[1]}")
    plan = view.needed
    lines.append("")
    for needed, money in ((plan.cases, False), (plan.money, True)):
        name = ("money" if money else "cases") if english else ("về tiền" if money else "về việc")
        target = percent(needed.target)
        total = write(needed.total, money)
        if needed.total == 0:
            lines.append(
                f"Target {target} ({name}): reached on the current base." if english
                else f"Chỉ tiêu {target} {name}: đã đạt trên số có điều kiện hiện nay."
            )  # fmt: skip
        elif not needed.per_month:
            lines.append(
                f"Target {target} ({name}): missed by {total}; no month is left."
                if english
                else f"Chỉ tiêu {target} {name}: còn thiếu {total}; năm đã hết."
            )  # fmt: skip
        else:
            months = ", ".join(
                f"{month_label(ReportingPeriod(plan.period.year, m).end)}: {write(n, money)}"
                for m, n in zip(range(plan.period.months + 1, 13), needed.per_month, strict=True)
            )
            lines.append(
                f"Target {target} ({name}): {total} still to finish — {months}."
                if english
                else f"Chỉ tiêu {target} {name}: còn phải thi hành xong {total} — {months}."
            )  # fmt: skip
    return "\n".join(lines)


def _cmd_year(args: argparse.Namespace) -> int:
    table, source = _read(args)
    book = _book(args, table)
    period = _choose_period((p for unit, p in table), args.period, tell=True)
    units = _selected_units(table, period, args.unit)
    no_target: dict[str, UnknownTargetError] = {}
    # The year is the output: a unit whose periods do not add up is an error of the input.
    views = _outlooks(table, period, units, book, strict=True, no_target=no_target)
    if not views and no_target:  # nothing to show: say why, as an error
        raise next(iter(no_target.values()))
    missing = [u for u in units if u not in views]
    if args.format == "json":
        out = {
            "version": SCHEMA_VERSION,
            "source": source,
            "period": value_data(period),
            "units": [_year_data(views[u]) for u in units if u in views],
            "without_outlook": missing,
        }
        print(_json_text(out, 2))
        return 0
    print("\n\n".join(_year_text(views[u], args.language) for u in units if u in views))
    for unit in missing:
        print(
            _("%(unit)s: no target for năm %(year)s, nothing to compute")
            % {"unit": unit, "year": period.year},
            file=sys.stderr,
        )
    return 0


def _months_label(period: ReportingPeriod, before: int) -> str:
    """The months a step of a year covers, from the month after the period of ``before``
    months to the end of ``period``: "12/2021", "10–12/2021", "10/2021–3/2022"."""
    last = period.end
    first = ReportingPeriod(period.year, before + 1).end if before + 1 < period.months else last
    if first == last:
        return month_label(last)
    if first.year == last.year:
        return f"{first.month}–{month_label(last)}"
    return f"{month_label(first)}–{month_label(last)}"


def _year_data(view: Outlook) -> dict[str, Any]:
    def dec(value: Any) -> Any:
        return None if value is None else str(value)

    # The months of the period before each step (none before the first).
    befores = [0, *(period.months for period, _ in view.series.points[:-1])]
    return {
        "unit": view.series.unit,
        "target": value_data(view.target),
        "months": [
            {
                "period": value_data(step.period),
                "months_covered": step.period.months - before,  # months of its own figures
                "cases": {"flows": dict(step.cases.flows), "stocks": dict(step.cases.stocks)},
                "money": {"flows": dict(step.money.flows), "stocks": dict(step.money.stocks)},
            }
            for step, before in zip(view.series.steps(), befores, strict=True)
        ],
        "projections": [
            {
                "method": p.method,
                "base": p.base,
                "years": list(p.years),
                "cases": {"rate": dec(p.cases.rate), "capped": p.cases.capped},
                "money": {"rate": dec(p.money.rate), "capped": p.money.capped},
            }
            for p in view.projections
        ],
        "needed": {
            kind: {
                "target": dec(n.target),
                "base": n.base,
                "total": n.total,
                "per_month": list(n.per_month),
                "reachable": n.reachable,
            }
            for kind, n in (("cases", view.needed.cases), ("money", view.needed.money))
        },
    }


def _cmd_period(args: argparse.Namespace) -> int:
    d = parse_date(args.date) if args.date else date.today()
    year = EnforcementYear.of(d)
    period = ReportingPeriod.ending(d)
    quarter = Quarter.of(d)
    if args.format == "json":
        out = {
            "version": SCHEMA_VERSION,
            "date": d.isoformat(),
            "year": year.year,
            "year_start": year.start.isoformat(),
            "year_end": year.end.isoformat(),
            "period": value_data(period),
            "quarter": {"year": quarter.year, "number": quarter.number, "label": quarter.label},
        }
        print(_json_text(out, 2))
        return 0
    print(f"Ngày {day_label(d)}")
    for head, span in (
        ("Năm thống kê", year),
        ("Kỳ báo cáo", period),
        ("Quý", quarter),
    ):
        spans = f"{day_label(span.start)} – {day_label(span.end)}"
        print(f"{head + ':':<14}{span.label} ({spans})")
    return 0


#: Longest report text ``check`` reads, in bytes (a report is a few pages).
MAX_TEXT_BYTES = 5 << 20


def _read_text(name: str, limit: int | None = MAX_TEXT_BYTES) -> tuple[str, str]:
    """(source label, text) of a report text file, or of stdin for "-" (at most ``limit``
    bytes; None: any length)."""
    if name == "-":
        raw = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
        label = "<stdin>"
    else:
        label = name
        try:
            with open(name, "rb") as handle:
                raw = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            problem = str(exc.strerror or exc)
            raise CsvError(
                f"cannot read: {problem}",
                source=name,
                code="csv.unreadable",
                details={"problem": problem, "rule": "a readable file"},
            ) from exc
    if limit is not None and len(raw) > limit:
        raise CsvError(
            f"longer than {MAX_TEXT_BYTES} bytes: not a report text",
            source=label,
            code="csv.too_long",
            details={"rule": f"at most {MAX_TEXT_BYTES} bytes"},
        )
    try:
        return label, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvError(
            f"not UTF-8 text (byte {exc.start + 1}); save the text as UTF-8",
            source=label,
            code="csv.encoding",
            details={"position": exc.start, "rule": "UTF-8 text"},
        ) from exc


def _cmd_check(args: argparse.Namespace) -> int:
    from thads_metrics.reading import audit, read_report

    period = None
    calendar = args.calendar_quarters
    if args.period:
        parsed = parse_period(args.period, calendar_quarters=calendar)
        if isinstance(parsed, CalendarQuarter):  # its days, as a quarter of the enforcement year
            parsed = parsed.to_statistical()
        if not isinstance(parsed, (ReportingPeriod, Quarter)):
            raise ParseError(
                _("--period %(value)r: give a cumulative period or a quarter")
                % {"value": args.period},
                code="parse.period",
            )
        period = parsed
    claims = []
    for name in args.files or ["-"]:
        label, text = _read_text(name)
        claims += read_report(
            text, unit=args.unit, period=period, source=label, calendar_quarters=calendar
        )
    findings = audit(claims)
    contradictions = sum(1 for f in findings if f.kind == "contradiction")
    if args.format == "json":
        out = {
            "version": SCHEMA_VERSION,
            "claims": [
                {
                    "source": c.source,
                    "text": c.figure.text,
                    "span": list(c.span),
                    "quantity": c.quantity,
                    "ledger": c.ledger,
                    "unit": c.unit,
                    "period": None if c.period is None else c.period.label,
                    "category": c.category,
                    "subject": c.subject,
                    "low": str(c.figure.low),
                    "high": str(c.figure.high),
                    "low_closed": c.figure.low_closed,
                    "high_closed": c.figure.high_closed,
                }
                for c in claims
            ],
            "findings": [
                {
                    "kind": f.kind,
                    "rule": f.rule,
                    "quantity": f.quantity,
                    "ledger": f.ledger,
                    "unit": f.unit,
                    "period": None if f.period is None else f.period.label,
                    "interval": None
                    if f.interval is None
                    else [str(f.interval.low), str(f.interval.high)],
                    "arithmetic": f.arithmetic,
                    "vi": f.vi,
                    "en": f.en,
                    "claims": [[*c.span, c.source] for c in f.claims],
                }
                for f in findings
            ],
            "contradictions": contradictions,
        }
        sys.stdout.write(_json_text(out, 2) + "\n")
        return 1 if contradictions else 0
    english = args.language == "en"
    lines = []
    by_source: dict[str, list[Any]] = {}
    for claim in claims:
        by_source.setdefault(claim.source, []).append(claim)
    for source, items in by_source.items():
        unread = sum(1 for c in items if not c.is_read)
        head = (
            f"{source}: {len(items)} figures, {unread} not placed"
            if english
            else f"{source}: {len(items)} số liệu, {unread} chưa đọc được"
        )
        lines.append(head)
        for c in items:
            lines.append("  " + c.describe(args.language))
    lines.append("Findings:" if english else "Kết quả đối chiếu:")
    if not findings:
        lines.append("  (none)" if english else "  (không có)")
    for f in findings:
        lines.append(f"  [{f.kind}] {f.en if english else f.vi}")
        lines.append(f"      {f.arithmetic}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 1 if contradictions else 0


def _cmd_format(args: argparse.Namespace) -> int:
    from thads_metrics.vi import amount_in_words, format_dong, parse_dong

    text = args.amount.strip()
    try:
        amount = parse_dong(text, comma=args.comma)  # plain digits too: "146900000000"
    except ParseError as exc:
        if exc.code != "parse.ambiguous":
            raise
        raise ParseError(
            _(
                "%(value)r is ambiguous: a decimal comma (as Vietnamese writes) or a comma "
                "between thousands (as English writes); say which with --comma decimal or "
                "--comma thousands"
            )
            % {"value": text},
            code="parse.ambiguous",
            details={"argument": "amount", "value": text, "rule": "--comma decimal or thousands"},
        ) from exc
    styles = {
        "exact": format_dong(amount),
        "scaled": format_dong(amount, "scaled"),
        "mixed": format_dong(amount, "mixed"),
        "symbol": format_dong(amount, "symbol"),
        "words": amount_in_words(amount),
    }
    if args.format == "json":
        out = {"version": SCHEMA_VERSION, "amount": amount, **styles}
        print(_json_text(out, 2))
        return 0
    width = max(len(k) for k in styles)
    for name, value in styles.items():
        print(f"{name:<{width}}  {value}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thads-metrics",
        description=_("Metrics of Vietnamese civil judgment enforcement (thi hành án dân sự)."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_(
            "language of the help and messages: vi (tiếng Việt) or en (English); default: "
            "the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English"
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    file_help = _("CSV of ledger rows or case records ('-' for stdin)")
    unit_help = _("only this unit (repeatable)")
    targets_help = _("CSV of targets by year and unit (TargetBook)")
    quiet_help = _("no progress bar")
    engine_help = _(
        "how a CSV of case records is read: through pyarrow when installed (auto, default), "
        "row by row (python) or through pyarrow (arrow); the same figures"
    )

    p_report = sub.add_parser(
        "report",
        help=_("report paragraphs and a summary table from a CSV (default: bundled sample)"),
        description=_(
            "Read ledger rows or case records (CSV, UTF-8), aggregate them by unit and "
            "period, and print each unit's report for one period."
        ),
    )
    p_report.add_argument("file", nargs="?", help=file_help)
    p_report.add_argument("--period", help=_('e.g. "11 tháng năm 2021" (default: latest in file)'))
    p_report.add_argument("--unit", action="append", help=unit_help)
    p_report.add_argument("--format", choices=("text", "json", "xlsx", "html"), default="text")
    p_report.add_argument(
        "--output",
        "-o",
        help=_(
            "write to this file (default for xlsx: the period in ASCII, "
            "e.g. thads-11-thang-nam-2021.xlsx, thads-nam-2021.xlsx)"
        ),
    )
    p_report.add_argument("--targets", help=targets_help)
    p_report.add_argument(
        "--agency",
        default="",
        help=_("xlsx: the reporting unit (đơn vị báo cáo) in the header"),
    )
    p_report.add_argument(
        "--recipient", default="", help=_("xlsx: the unit reported to (đơn vị nhận báo cáo)")
    )
    p_report.add_argument(
        "--money-unit",
        choices=("dong", "nghin-dong"),
        default="dong",
        help=_("xlsx: money in đồng (exact, default) or nghìn đồng (rounded half up)"),
    )
    p_report.add_argument(
        "--points",
        choices=("percent", "points"),
        default=None,
        help=_(
            "write gaps to targets with a bare %% (as Vietnamese reports do) or in percentage "
            "points (điểm phần trăm); default: the language's own (%% in Vietnamese, "
            "percentage points in English)"
        ),
    )
    p_report.add_argument(
        "--language",
        choices=("vi", "en"),
        default="vi",
        help=_("language of the text report: vi (tiếng Việt, default) or en (English)"),
    )
    p_report.add_argument("--engine", choices=ENGINES, default="auto", help=engine_help)
    p_report.add_argument("--quiet", "-q", action="store_true", help=quiet_help)
    p_report.set_defaults(func=_cmd_report)

    p_year = sub.add_parser(
        "year",
        help=_("a unit's year month by month, the year-end projection and what is still needed"),
        description=_(
            "Read the cumulative periods of one enforcement year (CSV; default: the "
            "bundled sample) and print, for each unit, the month's own finished cases and money, "
            "the cumulative rates against the pro-rated targets, the rates projected to 30 "
            "September, and what must still be finished each remaining month to reach the target."
        ),
    )
    p_year.add_argument("file", nargs="?", help=file_help)
    p_year.add_argument("--period", help=_("the last period to use (default: latest in file)"))
    p_year.add_argument("--unit", action="append", help=unit_help)
    p_year.add_argument("--targets", help=targets_help)
    p_year.add_argument("--format", choices=("text", "json"), default="text")
    p_year.add_argument("--language", choices=("vi", "en"), default="vi")
    p_year.add_argument("--engine", choices=ENGINES, default="auto", help=engine_help)
    p_year.add_argument("--quiet", "-q", action="store_true", help=quiet_help)
    p_year.set_defaults(func=_cmd_year)

    p_period = sub.add_parser("period", help=_("enforcement year, period and quarter of a date"))
    p_period.add_argument("date", nargs="?", help=_("2021-08-31 or 31/8/2021 (default: today)"))
    p_period.add_argument("--format", choices=("text", "json"), default="text")
    p_period.set_defaults(func=_cmd_period)

    p_check = sub.add_parser(
        "check",
        help=_("read the figures of report texts and cross-check them (đối chiếu số liệu)"),
        description=_(
            "Read every figure of one or more report texts (UTF-8; '-' or none for "
            "stdin), say what each means with its interval, and audit them against each other. "
            "Exit 0 when nothing contradicts, 1 when something does, 2 for bad input."
        ),
    )
    p_check.add_argument("files", nargs="*", help=_("report texts (default: stdin)"))
    p_check.add_argument("--unit", help=_("the unit the texts are about, when they do not say"))
    p_check.add_argument(
        "--period", help=_('the period, when the texts do not say, e.g. "năm 2021"')
    )
    p_check.add_argument(
        "--calendar-quarters",
        action="store_true",
        help=_(
            "read a quarter (Quý III/2020) as one of the calendar year (July–September), as "
            "work plans write them; by default one of the enforcement year (Quý I = "
            "October–December)"
        ),
    )
    p_check.add_argument("--format", choices=("text", "json"), default="text")
    p_check.add_argument("--language", choices=("vi", "en"), default="vi")
    p_check.set_defaults(func=_cmd_check)

    p_format = sub.add_parser("format", help=_("an amount of đồng in every writing style"))
    p_format.add_argument("amount", help=_('whole đồng, e.g. 146900000000 or "146,9 tỷ đồng"'))
    p_format.add_argument(
        "--comma",
        choices=("strict", "decimal", "thousands"),
        default="strict",
        help=_(
            "how a comma is read: strict (only where it cannot be the other, default), decimal "
            "(1,5 tỷ), thousands (1,052 tỷ as 1.052 tỷ)"
        ),
    )
    p_format.add_argument("--format", choices=("text", "json"), default="text")
    p_format.set_defaults(func=_cmd_format)
    return parser


# Tone marks of Vietnamese, which the Windows code page 1258 keeps as combining marks.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ERRORS = "thads-metrics-vietnamese"


def _vietnamese_fallback(encoding: str, error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: Vietnamese letters a console's code page lacks, written as it can.

    Code page 1258 (Windows, Vietnamese) has the letters with circumflex, breve
    and horn but the tones only as combining marks: "ệ" is written "ê" + dot
    below. A code page without Vietnamese (1252) gets the letter without its
    marks ("Nghe An"), as Windows' own best fit does; anything else "?".
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []  # (error.encoding says only "charmap" for a code page: the stream's is given)
    for char in error.object[error.start : error.end]:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        tones = "".join(c for c in decomposed if c in _TONES)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        plain = plain.replace("đ", "d").replace("Đ", "D")
        for candidate in (base + tones, plain, "?"):
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
    return "".join(out), error.end


def _console_streams() -> list[tuple[Any, Any]]:
    """Make stdout and stderr write Vietnamese on any console code page; the old settings."""
    changed: list[tuple[Any, Any]] = []
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = str(getattr(stream, "encoding", None) or "")
        if reconfigure is None or encoding.lower().replace("_", "-").startswith("utf"):
            continue
        name = f"{_ERRORS}-{encoding.lower()}"
        try:
            codecs.lookup_error(name)
        except LookupError:
            codecs.register_error(name, functools.partial(_vietnamese_fallback, encoding))
        changed.append((stream, stream.errors))
        reconfigure(errors=name)
    return changed


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so that temporary files are removed."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (2 for bad input, 130 on Ctrl-C).

    The messages are in the language ``--lang`` gives, else the locale's
    (see :func:`_catalog`)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    catalog = _catalog(_requested_language(arguments))
    token = _MESSAGES.set(catalog)
    try:
        with _argparse_words(catalog):
            args = _parser().parse_args(arguments)
        return _run(args)
    finally:
        _MESSAGES.reset(token)


def _error_line(error: ThadsError) -> str:
    """The one line an error of the library ends the command with; in a translated
    language, its code last (what the errors reference lists and programs branch on)."""
    message = " ".join(_error_message(error).split())
    line = _("thads-metrics: error: %(message)s") % {"message": message}
    if isinstance(_messages(), gettext.GNUTranslations):
        line += f" [{error.code}]"
    return line


def _run(args: argparse.Namespace) -> int:
    """Run the command ``args`` names, turning its errors and signals into exit codes."""
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    consoles = _console_streams()
    try:
        code: int = args.func(args)
    except ThadsError as exc:
        print(_error_line(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("thads-metrics: interrupted"), file=sys.stderr)
        return 130
    except _Terminated:
        print(_("thads-metrics: terminated"), file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except OSError as exc:  # e.g. stdout closed, disk full
        print(_("thads-metrics: error: %(message)s") % {"message": exc}, file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        for stream, errors in consoles:
            stream.reconfigure(errors=errors)
    return code
