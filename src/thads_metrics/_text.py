"""Reading words in cells: one normalisation for every reader (CSV, targets, frames).

>>> fold("  Phòng  THADS\\tkhu vực 1 ") == "Phòng THADS khu vực 1"
True
>>> fold_key("VIỆC"), KINDS[fold_key("Tiền")], read_flag("Có")
('việc', 'tien', True)
>>> sniff_delimiter("unit;period;kind")
';'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["FALSE_WORDS", "KINDS", "TRUE_WORDS", "fold", "fold_key", "read_flag", "sniff_delimiter"]

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


def sniff_delimiter(first_line: str) -> str:
    """``;`` or a tab when the header line has one (Excel in a Vietnamese locale), else ``,``."""
    return ";" if ";" in first_line else "\t" if "\t" in first_line else ","
