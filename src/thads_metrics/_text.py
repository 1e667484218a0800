"""Reading words in cells: one normalisation for every reader (CSV, targets, frames).

>>> fold("  Phòng  THADS\\tkhu vực 1 ") == "Phòng THADS khu vực 1"
True
>>> fold_key("VIỆC"), KINDS[fold_key("Tiền")], read_flag("Có")
('việc', 'tien', True)
>>> sniff_delimiter("unit;period;kind")
';'
>>> declared_delimiter("sep=;\\r\\n"), declared_delimiter("unit,period,kind")
(';', None)
>>> fold_name("TP. Hà Nội") == fold_name("ha noi") == "ha noi"
True
>>> match_name("Nghe an", ["Nghệ An", "TP. Hà Nội"])
('Nghệ An',)
>>> close_names("Ha Noii", ["Nghệ An", "TP. Hà Nội"])
('TP. Hà Nội',)
>>> close_names("Cần Thơ", ["Phòng THADS khu vực 1 - Cần Thơ", "Nghệ An"])
('Phòng THADS khu vực 1 - Cần Thơ',)
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "DELIMITERS",
    "FALSE_WORDS",
    "KINDS",
    "TRUE_WORDS",
    "close_names",
    "declared_delimiter",
    "fold",
    "fold_key",
    "fold_name",
    "match_name",
    "read_flag",
    "sniff_delimiter",
]

#: Words read as yes (có) and no (không) in flag cells, after :func:`fold_key`.
TRUE_WORDS = frozenset({"1", "true", "yes", "x", "có", "co", "đúng", "dung"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "không", "khong", "sai"})

#: Spellings of the two ledgers, after :func:`fold_key`: việc (cases) and tiền (money).
KINDS: Mapping[str, str] = MappingProxyType(
    {"viec": "viec", "việc": "viec", "tien": "tien", "tiền": "tien"}
)


def fold(text: str) -> str:
    """NFC form, spaces trimmed and collapsed: how names are compared (đơn vị)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold_key(text: str) -> str:
    """:func:`fold`, lower case: how keywords (kind, status, yes/no) are compared."""
    return fold(text).lower()


def read_flag(text: str) -> bool | None:
    """True or False for a yes/no word, None when it is neither."""
    key = fold_key(text)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


#: The delimiters a CSV file may use: comma, semicolon (Excel in a Vietnamese locale), tab.
DELIMITERS = (",", ";", "\t")


def declared_delimiter(line: str) -> str | None:
    """What a ``sep=`` line declares, or None when ``line`` is not one.

    Excel reads a first line ``sep=;`` (or ``sep=,``, ``sep=`` and a tab) as the
    delimiter of the file rather than as data, so a CSV meant for another
    locale's Excel may start with one. The text after ``sep=`` is returned as
    written (line ending and a leading BOM removed, nothing else), for the
    reader to accept only one of :data:`DELIMITERS`.

    >>> declared_delimiter("\\ufeffsep=\\t\\n"), declared_delimiter("SEP=|")
    ('\\t', '|')
    """
    text = line.lstrip("\ufeff").rstrip("\r\n")
    if text[:4].lower() != "sep=":
        return None
    return text[4:]


def sniff_delimiter(first_line: str) -> str:
    """The delimiter of a header line: ``,``, ``;`` (Excel in a Vietnamese locale) or a tab.

    :class:`csv.Sniffer` decides, so a ``;`` inside a quoted heading does not
    count (``"đơn vị; tên",period,kind`` is comma-separated); a line it cannot
    decide (one heading) falls back to ``;`` or a tab when present, else ``,``.

    >>> sniff_delimiter('"đơn vị; tên",period,kind'), sniff_delimiter('"unit";"period"')
    (',', ';')
    """
    try:
        return csv.Sniffer().sniff(first_line, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ";" if ";" in first_line else "\t" if "\t" in first_line else ","


#: Designators a unit's name may carry or omit ("TP. Hà Nội", "Tỉnh Nghệ An",
#: "Cục THADS TP. Hà Nội"), after diacritics are folded; longest first.
_DESIGNATORS = re.compile(r"^(?:cuc thi hanh an dan su|cuc thads|thanh pho|tinh|tp)\b\s*")
_NOT_WORD = re.compile(r"[^\w]+")


def fold_name(text: str) -> str:
    """A unit's name (tên đơn vị) as typed loosely: no case, diacritics, punctuation, designator.

    "TP. Hà Nội", "Thành phố Hà Nội", "ha noi" and "Hà  Nội" all fold to "ha noi";
    "đ" folds to "d". Designators ("Cục THADS", "Thành phố", "TP.", "Tỉnh") are
    dropped from the front, repeatedly. Used to *find* a name, never to store one.
    """
    decomposed = unicodedata.normalize("NFD", fold_key(text).replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = " ".join(_NOT_WORD.sub(" ", bare).split())
    while (stripped := _DESIGNATORS.sub("", words, count=1)) != words and stripped:
        words = stripped
    return words


def match_name(wanted: str, names: Iterable[str]) -> tuple[str, ...]:
    """The names that ``wanted`` denotes: the exact one (after :func:`fold`), else every
    name with the same :func:`fold_name`. Empty when none does; more than one when the
    loose spelling is ambiguous (the caller says so rather than choosing)."""
    choices = sorted(set(names))
    exact = fold(wanted)
    if exact in choices:
        return (exact,)
    key = fold_name(wanted)
    return tuple(name for name in choices if fold_name(name) == key)


def close_names(wanted: str, names: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Up to ``limit`` names spelled like ``wanted`` ("did you mean"), closest first.

    Compared after :func:`fold_name`: first the names that contain ``wanted``'s
    words ("Cần Thơ" → "Phòng THADS khu vực 1 - Cần Thơ"), then those
    :func:`difflib.get_close_matches` finds (ratio 0.6, the standard library's
    default), which catches typos ("Ha Noii")."""
    by_key: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        by_key.setdefault(fold_name(name), []).append(name)
    key = fold_name(wanted)
    keys = [k for k in by_key if key and f" {key} " in f" {k} "]
    keys += [k for k in difflib.get_close_matches(key, list(by_key), n=limit) if k not in keys]
    return tuple(name for k in keys for name in by_key[k])[:limit]
