"""Report text → claims: what each printed figure of a report says (đọc số liệu trong báo cáo).

:func:`read_report` finds every figure of a text
(:func:`~thads_metrics.reading.figures.find_figures`) and places it: which
quantity (:data:`QUANTITIES`), which ledger (cases, "về việc", or money, "về
tiền"), which unit and period, and which kind of case when the text says so.
It is rule-based, built from the words real reports use: the words just before
a figure (back to the previous figure of the
sentence) name the quantity; "về việc" / "về tiền" or the figure's own unit
name the ledger; a figure joined to the previous one by "với", "và",
"tương ứng" shares its quantity. A figure it cannot place becomes an
``"unread"`` claim with its span, never a guess.

>>> text = ("tính đến 31/8/2021 (11 tháng 2021) toàn tỉnh đã thi hành xong hơn 5 nghìn "
...         "2 trăm việc, đạt tỷ lệ giải quyết 80,9% về việc và 43% về tiền, còn thiếu 1,6% "
...         "về việc.")
>>> [(c.quantity, c.ledger, str(c.figure.printed)) for c in read_report(text, unit="Vĩnh Phúc")]
... # doctest: +NORMALIZE_WHITESPACE
[('finished', 'cases', '5200'), ('completion_rate', 'cases', '80.9'),
 ('completion_rate', 'money', '43'), ('gap_to_target', 'cases', '1.6')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

import attrs

from thads_metrics._checks import require_choice, require_flag, require_instance
from thads_metrics.calendar import CalendarQuarter, Quarter, ReportingPeriod, parse_period
from thads_metrics.cases import CATEGORIES
from thads_metrics.errors import ParseError, ThadsError
from thads_metrics.ledger.rows import IDENTITIES
from thads_metrics.reading.figures import Figure, find_figures
from thads_metrics.vi.words import parse_amount_in_words

__all__ = ["QUANTITIES", "QUANTITIES_EN", "Claim", "LedgerKind", "read_report"]

LedgerKind = Literal["cases", "money"]

#: The quantities a claim can be about, with what reports call them (the vocabulary).
QUANTITIES: Mapping[str, str] = MappingProxyType(
    {
        "accepted": "tổng số thụ lý",
        "carried_over": "năm trước chuyển sang",
        "newly_accepted": "thụ lý mới",
        "entrusted": "ủy thác thi hành án",
        "withdrawn": "thu hồi, hủy quyết định thi hành án",
        "to_enforce": "tổng số phải thi hành",
        "with_conditions": "có điều kiện thi hành",
        "stayed": "hoãn, tạm đình chỉ",
        "without_conditions": "chưa có điều kiện thi hành",
        "finished": "số thi hành xong (tính tỷ lệ)",
        "completed": "thi hành xong (không kể đình chỉ)",
        "terminated": "đình chỉ thi hành án",
        "reduced": "giảm, miễn thi hành án",
        "carried_forward": "chuyển kỳ sau",
        "carried_forward_with_conditions": "có điều kiện chuyển kỳ sau",
        "completion_rate": "tỷ lệ thi hành xong",
        "conditions_share": "tỷ lệ có điều kiện (chiếm … %)",
        "target": "chỉ tiêu năm",
        "prorated_target": "chỉ tiêu theo tiến độ (chỉ tiêu … tháng)",
        "gap_to_target": "vượt / còn thiếu so với chỉ tiêu",
        "pace": "vượt / chậm tiến độ",
        "remaining": "còn phải phấn đấu",
        "required": "số còn phải thi hành xong để đạt chỉ tiêu (ít nhất)",
        "change": "tăng / giảm so với cùng kỳ (của một tỷ lệ: điểm phần trăm hay tương đối?)",
        "change_relative": "tăng / giảm so với cùng kỳ (tương đối, % của số cùng kỳ)",
        "change_points": "tăng / giảm so với cùng kỳ (điểm phần trăm)",
        "unread": "chưa đọc được (không xác định được số liệu này là gì)",
    }
)

#: The same vocabulary in English.
QUANTITIES_EN: Mapping[str, str] = MappingProxyType(
    {
        "accepted": "accepted",
        "carried_over": "carried over",
        "newly_accepted": "newly accepted",
        "entrusted": "entrusted",
        "withdrawn": "withdrawn or annulled",
        "to_enforce": "total to enforce",
        "with_conditions": "with conditions to enforce",
        "stayed": "postponed or suspended (counted apart)",
        "without_conditions": "without conditions",
        "finished": "finished (counted in the rate)",
        "completed": "completed",
        "terminated": "terminated",
        "reduced": "reduced or exempted",
        "carried_forward": "carried forward",
        "carried_forward_with_conditions": "carried forward with conditions",
        "completion_rate": "completion rate",
        "conditions_share": "share with conditions",
        "target": "annual target",
        "prorated_target": "pro-rated target",
        "gap_to_target": "gap to the target",
        "pace": "gap to the pro-rated target (pace)",
        "remaining": "points still to gain",
        "required": "still to finish to reach the target (at least)",
        "change": "change against last year (of a rate: points or relative, undecided)",
        "change_relative": "relative change against last year",
        "change_points": "change against last year in percentage points",
        "unread": "not placed (the reader could not tell what this figure is)",
    }
)
assert set(QUANTITIES) == set(QUANTITIES_EN)

# The next period a stock is carried into: "kỳ sau", "năm sau", "năm 2018".
_NEXT = r"(?:kỳ sau|năm sau|năm [0-9]{4})"
# Words that name a quantity, most specific first; matched on the folded text
# (NFC, lower case) just before a figure. The match that ends last wins; on a tie
# the more specific (earlier) one. Each entry: (pattern, quantity).
_QUANTITY_WORDS: tuple[tuple[str, str], ...] = (
    (r"chỉ tiêu [0-9]{1,2} tháng(?: là)?", "prorated_target"),
    (r"(?:thêm )?ít nhất", "required"),
    (r"còn phải phấn đấu(?: thêm| đạt)?", "remaining"),
    (r"(?:vượt|chậm|đạt) tiến độ", "pace"),
    (r"còn thiếu|chưa đạt(?: chỉ tiêu)?", "gap_to_target"),
    (r"hoãn,? (?:và )?tạm đình chỉ", "stayed"),
    (r"chưa có điều kiện(?: thi hành| giải quyết)?(?: là)?", "without_conditions"),
    (r"vượt chỉ tiêu(?: được giao| giao| chung)?(?: là)?", "gap_to_target"),
    # Forward: "chuyển kỳ sau", "chuyển sang năm sau", "năm 2017 chuyển sang năm 2018".
    (
        r"có điều kiện[^,;.]*chuyển (?:sang )?" + _NEXT + "(?: là)?",
        "carried_forward_with_conditions",
    ),
    (r"chuyển (?:sang )?" + _NEXT + "(?: là)?", "carried_forward"),
    (r"(?:có|đủ) điều kiện(?: thi hành| giải quyết)?(?: là)?", "with_conditions"),
    (r"thụ lý mới(?: là)?", "newly_accepted"),
    # Carried over: "năm trước chuyển sang", "năm 2021 chuyển sang là" (not "… sang năm 2022").
    (
        r"(?:năm trước|kỳ trước|cũ|năm [0-9]{4}) chuyển sang(?! " + _NEXT + ")(?: là)?",
        "carried_over",
    ),
    (r"phải thi hành(?: là)?|phải giải quyết", "to_enforce"),
    (r"gồm thi hành xong", "completed"),
    (r"đình chỉ(?: thi hành(?: án)?)?", "terminated"),
    (r"giảm,? miễn(?: thi hành án)?", "reduced"),
    (r"ủy thác|uỷ thác", "entrusted"),
    (r"thu hồi,? hủy quyết định|rút lên", "withdrawn"),
    # Finished, in the words reports use: "thi hành xong", "thực hiện xong", "đã xong là",
    # "đã hoàn thành (là)", "đã thu (được)", "thu hồi (được) số tiền" (the last three only
    # right before the figure: "án thu cho ngân sách có 1.708 vụ việc" is no result).
    (
        r"(?:thi hành|giải quyết|thực hiện) xong|đã thi hành|thu được|đã xong(?: là)?"
        r"|(?:đã )?hoàn thành(?: là)?(?=\s*$)|đã thu(?= *$)|thu hồi(?: được)?(?: số tiền)?(?=\s*$)",
        "finished",
    ),
    (r"chiếm(?: tỷ lệ| tỉ lệ)?(?: là)?", "conditions_share"),
    (r"tỷ lệ(?: thi hành xong| giải quyết)?|tỉ lệ|đạt(?: tỷ lệ| được)?", "completion_rate"),
    (r"chỉ tiêu(?: năm| được giao| giao| chung)?(?: [0-9]{4})?(?: là)?", "target"),
    (r"tổng số thụ lý|thụ lý(?: là)?", "accepted"),
)
_QUANTITY_RE = [(re.compile(pattern), quantity) for pattern, quantity in _QUANTITY_WORDS]
# "… chỉ tiêu (được giao) là" right before a figure: a gap ("vượt chỉ tiêu được giao là
# 1,41%") or, when the figure is "trên X%" as targets are phrased, the target itself.
_TARGET_IS = re.compile(r"chỉ tiêu(?: được giao| giao| chung)? là\s*$")
# Words before a percent that make it something else than a THADS result (an index,
# a rank, a share of staff): read as unread.
_FOREIGN = re.compile(r"chỉ số|đứng thứ|xếp thứ|cán bộ|công chức|tới|từ|lên")
# A plan rather than a result: "phấn đấu đạt … trên 75%" (but "còn phải phấn đấu" is a result).
_PLAN = re.compile(r"(?<!còn phải )phấn đấu(?: đạt)?[^.;]*$")
_CONNECTOR_END = re.compile(
    r"(?:^|[\s,;(])(?:với(?: số tiền)?|và|tương ứng(?: với)?|trong đó|số tiền|,|\()[\s,;()–-]*$"
)
_ONLY_PUNCTUATION = re.compile(r"^[\s,;:()–-]*$")
# Words right after a figure that are its own: its ledger ("80,9% về việc", "78% trong tổng
# số việc") or its whole ("chiếm 79,56% trong tổng số phải thi hành").
_LEDGER_AFTER = re.compile(
    r"^[\s)]*(?:(?:chỉ tiêu\s+)?về (việc|tiền|giá trị)|trong tổng số (việc|tiền)\b)"
)
_OWN_AFTER = re.compile(
    r"^[\s)]*(?:(?:chỉ tiêu\s+)?về (?:việc|tiền|giá trị)"
    r"|trong tổng số[^,;()0-9]*?(?=\s*(?:và\b|[,;(]|$)))"
)
_LEDGER_BEFORE = re.compile(
    r"về (việc|tiền|giá trị)(?!.*về (?:việc|tiền|giá trị))|(?:và|cả) (việc|tiền)[\s(]*$"
)
# A heading naming the ledger of what follows: "* Kết quả THADS về việc:", "Về tiền: …".
_HEADING = re.compile(r"về (việc|tiền)\s*:")
# The comparisons a difference is measured against.
_AGAINST_LAST_YEAR = re.compile(
    r"so với (?:cùng kỳ|cùng thời điểm|kỳ trước|năm trước|năm [0-9]{4})"
)
_AGAINST_TARGET = re.compile(r"chỉ tiêu")
_CHANGE_WORD = re.compile(r"\b(?:tăng|giảm)\b")
# A rate "of the target": "đạt 97,5% chỉ tiêu được giao" (rate ÷ target, DOMAIN §4a).
_OF_TARGET_AFTER = re.compile(r"^\s*(?:so với\s+)?chỉ tiêu")
# Another unit's figure in a list: "về việc: Tây Ninh (28,81%), Vĩnh Long (30,36%)".
_LISTED_UNIT = re.compile(
    r"(?:^|[,;:]\s*)([A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]"
    r"[\wà-ỹ]*(?:[ \t]+[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]"
    r"[\wà-ỹ]*){0,2})\s*\(\s*$"
)
_CHANGE_LEDGER = re.compile(r"^\s*(?:về |số )(việc|tiền)")
_ROW_AFTER = re.compile(
    r"(phải thi hành|có điều kiện|thi hành xong|giải quyết xong|chuyển (?:sang )?kỳ sau|thụ lý)"
)
# A row named right after a count ("54.681 việc có điều kiện giải quyết và 23.912 việc chưa có
# điều kiện"): no punctuation between.
_ROW_RIGHT_AFTER = re.compile(
    r"^[ \t]*(chưa có điều kiện|có điều kiện|đủ điều kiện|chưa đủ điều kiện|thi hành xong|"
    r"giải quyết xong|phải thi hành|chuyển (?:sang )?kỳ sau"
    r"|cũ(?: tồn đọng)? chuyển (?:qua|sang)|mới phát sinh|thụ lý mới)"
)
# The rows those words after a count name, where the words before would not say it.
_ROWS_AFTER: Mapping[str, str] = MappingProxyType(
    {"chuyển qua": "carried_over", "chuyển sang": "carried_over", "mới": "newly_accepted"}
)
# "đạt 91.8% số án có điều kiện thi hành": the rate of the cases (or money) with conditions.
_RATE_OF_BASE_AFTER = re.compile(r"^[ \t]*số (án|việc|vụ việc|tiền) (?:có|đủ) điều kiện")
# "… (7.714 việc/8.403 việc)" right after that rate: finished over with conditions.
_BASE_BRACKET = re.compile(r"^[ \t]*số (?:án|việc|vụ việc|tiền) (?:có|đủ) điều kiện[^,;()]*\(\s*$")
# Percents of other work than enforcement: "tỷ lệ giải quyết đơn khiếu nại, tố cáo đạt 100%".
_OTHER_WORK = re.compile(r"khiếu nại|tố cáo|hướng dẫn nghiệp vụ|tiếp công dân")
# "(87,15% so với 85%)" after a gap to the target: the rate, then the target.
_VERSUS = re.compile(r"\s*so với\s*")
# A clause opening a kind of case for what follows: "Đối với án thu cho ngân sách Nhà nước …",
# "Về kết quả thu hồi các khoản nợ cho các tổ chức tín dụng, …".
_OPENS_CATEGORY = re.compile(r"[\s*+•–-]*(?:đối với|riêng|về|kết quả)\s+([^,:;.]*)")
_SHARE_OF = re.compile(r"(hoãn,? (?:và )?tạm đình chỉ|chưa có điều kiện|có điều kiện)")
_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"tín dụng,? ngân hàng|tổ chức tín dụng", "credit"),
    (r"tham nhũng,? kinh tế|kinh tế,? tham nhũng", "corruption"),
    (r"ngân sách nhà nước", "state_budget"),
    (r"án hành chính|vụ án hành chính", "administrative"),
)
# A clause whose subject is the administration: "Các cơ quan hành chính nhà nước … đã thi
# hành xong 363/830 việc" (administrative judgments).
_ADMINISTRATION = re.compile(r"(?:^|\s)(?:các )?cơ quan hành chính nhà nước")
_CATEGORY_RE = [(re.compile(pattern), code) for pattern, code in _CATEGORY_WORDS]
_PERIOD_CANDIDATES = re.compile(
    r"tính đến (?:hết )?(?:ngày )?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
    r"(?: \([0-9]{1,2} tháng(?: năm)? [0-9]{4}\))?"
    r"|(?:[0-9]{1,2}|[a-zà-ỹ]+(?: [a-zà-ỹ]+)?) tháng(?: đầu)?(?: năm)?(?: công tác)? [0-9]{4}"
    r"|quý [ivx0-9]+(?:/| năm )[0-9]{4}"
    r"|năm [0-9]{4}",
)
_NOT_THE_PERIOD_AFTER = re.compile(r"^\s*(?:chuyển sang|trở về trước|trở lại đây)")
_NOT_THE_PERIOD = re.compile(
    r"(?:cùng kỳ|so với|chuyển sang|kế hoạch|phương hướng|triển khai|giai đoạn|chào mừng|từ)"
    r"[^,.;]{0,25}$"
)
# Months without a year: "sáu tháng đầu năm", "trong 9 tháng qua".
_MONTHS_ONLY = re.compile(
    r"(?:([0-9]{1,2})|([a-zà-ỹ]+(?: [a-zà-ỹ]+)?)) tháng (?:đầu năm|qua)"
    r"(?! ?(?:nay )?(?:công tác )?[0-9])"
)
_CAPITAL = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_NAME = rf"[{_CAPITAL}][\wà-ỹ]*(?:[ \t]+[{_CAPITAL}][\wà-ỹ]*){{0,2}}"
# "Cục THADS tỉnh Long An", "Cục Thi hành án dân sự Vĩnh Phúc", "THADS thành phố Hà Nội";
# not a district office ("Chi cục THADS thành phố Phúc Yên").
# A name after a title without "tỉnh"/"thành phố" is a person's ("Cục trưởng Cục THADS Vũ Quốc
# Doanh"); the ministry's "Tổng cục THADS" is no province.
_UNIT_RE = re.compile(
    rf"(?<![Cc]hi )(?<![Tt]ổng )(?i:cục thads|cục thi hành án dân sự)[ \t]+"
    rf"(?P<where>(?i:(?:tỉnh|thành phố|tp\.?)[ \t]+))?(?P<name>{_NAME})"
    rf"|(?<![Cc]hi cục )(?i:thads|thi hành án dân sự)[ \t]+(?P<where2>(?i:tỉnh|thành phố|tp\.?)"
    rf"[ \t]+)(?P<name2>{_NAME})"
)
_TITLE_BEFORE = re.compile(r"(?i:trưởng|phó|giám đốc|chánh)[ \t]+$")
_HCM_RE = re.compile(r"(?i:cục thads|cục thi hành án dân sự)[ \t]+(?:TP\.? ?HCM|TP\.? Hồ Chí Minh)")
# "toàn ngành" is the whole service of whatever the text is about: of a province in a
# provincial paper, so it names no unit.
_NATIONAL = re.compile(r"(?i:tổng cục thads|tổng cục thi hành án|toàn quốc|cả nước)")


@attrs.frozen
class Claim:
    """One figure of a report and what it says (một số liệu và ý nghĩa của nó).

    ``quantity`` is a key of :data:`QUANTITIES`; ``ledger`` "cases" (về việc),
    "money" (về tiền) or None when the text does not say; ``figure`` the
    printed figure as an interval; ``unit`` and ``period`` what it belongs
    to (None when unknown); ``category`` the kind of case of a breakdown line
    (a code of :data:`~thads_metrics.cases.CATEGORIES`) or None for the
    unit's totals; ``span`` the (start, end) offsets of the figure in the
    text and ``context`` the words that placed it; ``source`` names the text.
    ``basis`` says what a target or gap is measured against when the text
    says so ("national": "so với chỉ tiêu bình quân chung toàn quốc");
    ``subject`` what a change is of ("finished", "completion_rate", …).
    ``months`` is the length of the period in months when the text names it
    without a year ("sáu tháng đầu năm"), the period then being None.
    """

    quantity: str
    ledger: LedgerKind | None
    figure: Figure
    unit: str | None
    period: ReportingPeriod | Quarter | None
    span: tuple[int, int]
    context: str
    category: str | None = None
    basis: str | None = None
    subject: str | None = None
    source: str = "<text>"
    months: int | None = None

    @property
    def is_read(self) -> bool:
        """True unless the reader could not place the figure."""
        return self.quantity != "unread"

    def describe(self, language: str = "vi") -> str:
        """One line: meaning, ledger and interval of the figure (ý nghĩa và khoảng giá trị).

        ``language`` is "vi" (default) or "en".
        """
        english = require_choice("language", language, ("vi", "en"), ParseError) == "en"
        ledgers = {"cases": "cases", "money": "money"} if english else _LEDGER_WORDS
        what = (QUANTITIES_EN if english else QUANTITIES)[self.quantity]
        if self.quantity == "change_relative" and self.figure.kind != "percent":
            # "tăng 45.901 việc": the change itself, in việc or đồng, not a percentage of it
            what = _ABSOLUTE_CHANGE[english]
        if self.ledger is not None:
            what += f" ({ledgers[self.ledger]})"
        if self.category is not None:
            what += f" [{CATEGORIES.get(self.category, self.category)}]"
        where = ", ".join(part for part in (self.unit, _label(self.period)) if part)
        return f"{self.figure.text!r}: {what} ∈ {self.figure}" + (f" ({where})" if where else "")


_LEDGER_WORDS = {"cases": "về việc", "money": "về tiền"}
# A "change_relative" claim printed in việc or đồng ("tăng 45.901 việc"), by English or not.
_ABSOLUTE_CHANGE = {
    False: "tăng / giảm so với cùng kỳ (tuyệt đối, bằng việc hoặc đồng)",
    True: "change against last year (absolute, in cases or đồng)",
}


def _label(period: ReportingPeriod | Quarter | None) -> str:
    return "" if period is None else period.label


def _periods(
    folded: str, calendar_quarters: bool = False
) -> list[tuple[int, ReportingPeriod | Quarter]]:
    """Period phrases of the text with their offsets, those of comparisons and plans left out."""
    found: list[tuple[int, ReportingPeriod | Quarter]] = []
    for match in _PERIOD_CANDIDATES.finditer(folded):
        if _NOT_THE_PERIOD.search(folded[max(0, match.start() - 40) : match.start()]):
            continue
        if _NOT_THE_PERIOD_AFTER.match(folded[match.end() : match.end() + 20]):
            continue
        try:
            parsed = parse_period(match.group(0), calendar_quarters=calendar_quarters)
        except ThadsError:
            continue
        if isinstance(parsed, CalendarQuarter):  # "Quý III/2020" of a calendar year: Jul–Sep
            parsed = parsed.to_statistical()
        if isinstance(parsed, (ReportingPeriod, Quarter)):
            found.append((match.start(), parsed))
    return found


def _months_only(folded: str) -> list[tuple[int, int]]:
    """Periods named by their months alone ("sáu tháng đầu năm", "9 tháng qua"), with offsets."""
    found: list[tuple[int, int]] = []
    for match in _MONTHS_ONLY.finditer(folded):
        if _NOT_THE_PERIOD.search(folded[max(0, match.start() - 40) : match.start()]):
            continue
        months = None
        if match.group(1):
            months = int(match.group(1))
        else:
            words = match.group(2).split()
            for start in range(len(words)):  # "trong chín": the number is the last words
                try:
                    months = parse_amount_in_words(" ".join(words[start:]))
                except ThadsError:
                    continue
                break
        if months is not None and 1 <= months <= 12:
            found.append((match.start(), months))
    return found


def _unit_of(text: str) -> str | None:
    """The unit a text is about: "Cục THADS tỉnh Long An" → "Long An"; the ministry → toàn quốc."""
    names = [
        " ".join((match.group("name") or match.group("name2")).split())
        for match in _UNIT_RE.finditer(text)
        if match.group("where")
        or match.group("where2")
        or not _TITLE_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
    ]
    names = [name for name in names if len(name) > 2]  # not "TP" of "TP.HCM"
    names += ["TP. Hồ Chí Minh" for _ in _HCM_RE.finditer(text)]
    if names:
        return max(names, key=lambda name: (names.count(name), -names.index(name)))
    return "toàn quốc" if _NATIONAL.search(text) else None


def _ledger_word(word: str) -> LedgerKind:
    return "cases" if word == "việc" else "money"


# What a percent can be: a rate, a target, a gap, a change of a rate. Every other quantity
# but "change_relative" (46 việc or 0,9%) and "unread" is a count or an amount.
_PERCENT_QUANTITIES = frozenset(
    {
        "completion_rate",
        "conditions_share",
        "target",
        "prorated_target",
        "gap_to_target",
        "pace",
        "remaining",
        "change",
        "change_points",
    }
)
_EITHER_KIND = frozenset({"change_relative", "unread"})
_RATES = ("completion_rate", "conditions_share")


def _fits(quantity: str | None, figure: Figure) -> bool:
    """Whether a figure of this kind can be this quantity (a percent is never a count row)."""
    if quantity is None or quantity in _EITHER_KIND:
        return True
    return (quantity in _PERCENT_QUANTITIES) == (figure.kind == "percent")


def _named(window: str, figure: Figure | None = None) -> tuple[int, str] | None:
    """The quantity the words of ``window`` name last, and where its words end.

    With ``figure``, only the quantities a figure of its kind can be.
    """
    best: tuple[int, str] | None = None
    for pattern, quantity in _QUANTITY_RE:
        if figure is not None and not _fits(quantity, figure):
            continue
        for match in pattern.finditer(window):
            if best is None or match.end() > best[0]:
                best = (match.end(), quantity)
    if (
        best is not None
        and best[1] == "gap_to_target"
        and figure is not None
        and _fits("target", figure)
        and _TARGET_IS.search(window)
        and figure.text.lower().startswith("trên ")
    ):  # "vượt chỉ tiêu được giao là trên 70%": the target, phrased as targets are (§4)
        best = (best[0], "target")
    return best


def _quantity_of(window: str, figure: Figure | None = None) -> str | None:
    best = _named(window, figure)
    return None if best is None else best[1]


def _category_of(after: str) -> str | None:
    """The kind of case named right after a figure ("… việc liên quan đến tín dụng ngân hàng")."""
    head = re.split(r"[;()]|[,.](?![0-9])", after[:80], maxsplit=1)[0]
    for pattern, code in _CATEGORY_RE:
        if pattern.search(head):
            return code
    return None


def _category_before(sentence: str) -> str | None:
    """A kind of case the clause opens with ("án thu cho ngân sách Nhà nước có 1.708 vụ việc")."""
    if _ADMINISTRATION.match(sentence):
        return "administrative"
    sentence = re.split(r"[;:\"“”]|,(?![0-9])", sentence)[-1]  # the figure's own clause
    for pattern, code in _CATEGORY_RE:
        match = pattern.search(sentence)
        if match and re.search(
            r"(?:^|\s)(?:án|việc|vụ việc|các khoản) (?:thu )?(?:cho )?\S*\s*$",
            sentence[: match.start()],
        ):
            return code
    return None


def _opened(text: str) -> str | None:
    """The kind of case the first clause of ``text`` opens ("Đối với án thu cho ngân sách …")."""
    match = _OPENS_CATEGORY.match(text)
    if match is None:
        return None
    for pattern, code in _CATEGORY_RE:
        if pattern.search(match.group(1)):
            return code
    return None


def _clause_after(after: str) -> str:
    """The words after a figure up to the end of its clause."""
    return re.split(r"[;()]|[.](?![0-9])", after, maxsplit=1)[0]


def read_report(
    text: str,
    *,
    unit: str | None = None,
    period: ReportingPeriod | Quarter | None = None,
    source: str = "<text>",
    calendar_quarters: bool = False,
) -> list[Claim]:
    """Read every figure of a report text as a claim (đọc các số liệu của một báo cáo).

    ``unit`` and ``period`` say what the figures belong to when the text
    does not (they win over what the text says); the period of a figure is
    otherwise the last period phrase before it ("tính đến 31/8/2021 (11
    tháng 2021)", "6 tháng đầu năm 2022", "Năm 2021"), leaving out the
    periods of comparisons ("so với cùng kỳ năm 2020", "so với năm 2019")
    and plans. Months named without a year ("sáu tháng đầu năm") take the
    year of the period phrase before them; without one, the claim keeps
    them in ``months``. Quarters ("Quý III/2020") are those of the
    statistical year unless ``calendar_quarters`` is true, when they are
    calendar quarters (Quý III/2020 = July–September 2020, DOMAIN §1).

    >>> claims = read_report("Toàn tỉnh đã thi hành xong hơn 5.750 việc với hơn 157 tỷ đồng.",
    ...                      period=ReportingPeriod(2021, 12))
    >>> [(c.quantity, c.ledger, c.figure.qualifier) for c in claims]
    [('finished', 'cases', 'over'), ('finished', 'money', 'over')]
    """
    require_instance("text", text, str, ParseError, what="a str")
    if unit is not None:
        require_instance("unit", unit, str, ParseError, what="a str or None")
    if period is not None:
        require_instance("period", period, (ReportingPeriod, Quarter), ParseError, what="a period")
    require_instance("source", source, str, ParseError, what="a str")
    require_flag("calendar_quarters", calendar_quarters, ParseError)
    folded = text.lower()
    periods = _periods(folded, calendar_quarters)
    months_only = _months_only(folded)
    headings = [(match.end(), _ledger_word(match.group(1))) for match in _HEADING.finditer(folded)]
    found_unit = unit if unit is not None else _unit_of(text)
    figures = find_figures(text)
    claims: list[Claim] = []
    previous: Claim | None = None
    pair_part: Claim | None = None  # the part of the last x/y pair read
    previous_end = 0
    for index, (start, end, figure) in enumerate(figures):
        sentence_start = max(folded.rfind(". ", 0, start), folded.rfind("\n", 0, start)) + 1
        same_sentence = previous is not None and previous_end > sentence_start
        window_start = max(sentence_start, previous_end)
        before = folded[window_start:start]
        after = folded[end : end + 160]
        whole_of_pair = same_sentence and before.strip() in _PAIR_MARKS
        part_of_pair = (
            index + 1 < len(figures) and folded[end : figures[index + 1][0]].strip() in _PAIR_MARKS
        )
        if same_sentence:  # "80,9% về việc và 43% về tiền": words after a figure are its own
            own = _OWN_AFTER.match(before)
            if own is None and previous is not None and previous.figure.unit in ("việc", "đồng"):
                own = _ROW_RIGHT_AFTER.match(before)  # "1.180 vụ việc cũ … chuyển qua và"
            if own:
                before = before[own.end() :]
        joined = same_sentence and bool(
            _CONNECTOR_END.search(" " + before) or _ONLY_PUNCTUATION.match(before)
        )
        quantity = _quantity_of(before, figure)
        named = _named(before)  # what the words name, whatever the figure's kind
        subject = None
        if figure.direction and (
            quantity in _DIRECTED_OVER or figure.text.lower().startswith(("tăng", "giảm"))
        ):
            difference = _directed(figure, before, after)
            if difference == "change":
                subject = named[1] if named and named[1] in _SUBJECTS else None
                if re.search(r"tỷ lệ|tỉ lệ", before):
                    subject = "completion_rate"
            quantity = difference
        right_after = _ROW_RIGHT_AFTER.match(after)
        if (
            right_after
            and figure.unit in ("việc", "đồng")
            and quantity in (None, "with_conditions")
        ):
            words = right_after.group(1)
            quantity = next(
                (row for word, row in _ROWS_AFTER.items() if word in words), None
            ) or _quantity_of(words.replace("đủ", "có"))
        rate_of_base = _RATE_OF_BASE_AFTER.match(after) if figure.unit == "%" else None
        if rate_of_base and quantity in (None, "completion_rate"):
            quantity = "completion_rate"  # "đạt 91.8% số án có điều kiện thi hành"
        if (
            part_of_pair
            and previous is not None
            and same_sentence
            and previous.quantity == "completion_rate"
            and _BASE_BRACKET.match(before)
        ):  # "… số án có điều kiện thi hành (7.714 việc/8.403 việc)": the rate's two terms
            quantity = "finished"
        versus = _versus(folded, figures, index)
        if versus is not None:  # "(87,15% so với 85%)" in a sentence about the target
            quantity = versus
        if (
            quantity is None
            and figure.kind == "percent"
            and named is not None
            and named[1] not in _PERCENT_QUANTITIES
            and _CHANGE_WORD.search(before[named[0] :])
        ):  # "tổng số thụ lý tăng về việc (11,20%)": a change of that row
            quantity, subject = "change_relative", named[1]
        if quantity is None and joined and previous is not None:
            quantity, subject = previous.quantity, previous.subject
        foreign = figure.unit == "%" and _FOREIGN.search(before[-25:])
        if foreign and quantity in (None, "completion_rate", "finished"):
            quantity = None
        if figure.unit == "%" and _OTHER_WORK.search(re.split(r"[;:]", before)[-1]):
            quantity = None  # "tỷ lệ giải quyết đơn khiếu nại, tố cáo đạt 100%": other work
        if figure.unit == "%" and _PLAN.search(before) and quantity != "remaining":
            quantity = None  # a plan ("phấn đấu đạt … trên 75%"), not a result
        if (  # "5.409/12.345 việc, số tiền 1.719 tỷ/6.112 tỷ": the next pair, the same rows
            part_of_pair
            and joined
            and pair_part is not None
            and previous is not None
            and previous.span[0] > pair_part.span[1]
        ):
            quantity = pair_part.quantity
        if whole_of_pair and previous is not None:
            quantity = _WHOLES.get(previous.quantity)
        in_sentence = previous if same_sentence else None
        change_ledger = None
        if quantity == "change":
            quantity, subject, change_ledger = _change_of(
                figure, after, in_sentence, subject, joined
            )
        elif quantity == "change_relative" and subject is None:
            subject = _changed(figure, in_sentence, joined)
        if quantity == "conditions_share" and _AGAINST_LAST_YEAR.match(after.lstrip(" )")):
            quantity = "change"  # "chiếm 4,67% so với năm 2024": a comparison, of what unsaid
        if quantity == "conditions_share":
            shared = _SHARE_OF.findall(before)
            if shared:
                subject = _quantity_of(shared[-1])
            elif same_sentence and previous is not None and previous.quantity in _CLASSES:
                subject = previous.quantity
            else:
                subject = subject or "with_conditions"
        if figure.unit == "điểm phần trăm" and figure.direction:
            quantity, subject = "change_points", subject or "completion_rate"
        if (
            quantity == "with_conditions"
            and "trong đó" in before
            and previous is not None
            and previous.quantity == "carried_forward"
        ):
            quantity = "carried_forward_with_conditions"
        if (
            quantity is None
            or not _fits(quantity, figure)
            or (figure.unit not in ("%", "việc", "đồng") and quantity != "change_points")
        ):
            quantity = "unread"
        category = _category_of(after) or _category_before(folded[sentence_start:start])
        if (
            category is None
            and same_sentence
            and previous is not None
            and not part_of_pair
            and quantity != "unread"
        ):  # a sentence about one kind of case: "…, trong đó có 1.191 vụ việc đủ điều kiện"
            category = previous.category
        if category is None and quantity != "unread":
            # A sentence, else a paragraph, that opens with a kind of case: "Đối với án thu cho
            # ngân sách Nhà nước …. Kết quả, … đã giải quyết xong 1.054 vụ việc"
            paragraph_start = folded.rfind("\n", 0, start) + 1
            category = _opened(folded[sentence_start:start]) or _opened(
                folded[paragraph_start:start]
            )
        counted = next(
            (
                claim
                for claim in reversed(claims)
                if claim.span[0] >= sentence_start and claim.figure.unit in ("việc", "đồng")
            ),
            None,
        )
        ledger = change_ledger or _ledger_of(figure, before, after)
        if ledger is None and rate_of_base and quantity == "completion_rate":
            ledger = _ledger_word("tiền" if rate_of_base.group(1) == "tiền" else "việc")
        if ledger is None and figure.unit == "%" and quantity != "unread":
            ledger = _paired_ledger(figures, index, folded)
            if (
                ledger is None
                and same_sentence
                and previous is not None
                and (
                    joined
                    or quantity in ("gap_to_target", "pace", "remaining", "change")
                    or quantity == "conditions_share"
                    or versus == "target"  # "(87,15% so với 85%)": the rate's ledger
                )
            ):
                ledger = previous.ledger
            if ledger is None and quantity in _RATES and counted is not None:
                # "thi hành xong 577.876 việc (tăng 0,4% …), đạt tỉ lệ 84,25%": that count's rate
                ledger = counted.ledger
        if ledger is None and figure.unit in ("%", "điểm phần trăm") and quantity != "unread":
            # A heading ("* Kết quả THADS về việc:", "Về tiền: …"), else "về …" on the line.
            heading = [word for at, word in headings if at <= window_start]
            line_start = folded.rfind("\n", 0, start) + 1
            on_line = _LEDGER_BEFORE.search(folded[line_start:window_start])
            if heading:
                ledger = heading[-1]
            elif on_line:
                ledger = _ledger_match(on_line)
        if category == "administrative" or (quantity == "unread" and figure.unit == "%"):
            ledger = ledger if category != "administrative" else None
        basis = None
        if quantity in ("gap_to_target", "target", "pace") and re.search(
            r"bình quân chung|toàn quốc", before + _clause_after(after)
        ):
            basis = "national"
        if quantity == "completion_rate" and _OF_TARGET_AFTER.match(after):
            basis = "of_target"  # "đạt 97,5% chỉ tiêu được giao": maybe rate ÷ target
        chosen, months = period, None
        if chosen is None:
            earlier = [(offset, p) for offset, p in periods if offset < start]
            named_months = [(offset, m) for offset, m in months_only if offset < start]
            chosen = earlier[-1][1] if earlier else None
            if named_months and (not earlier or named_months[-1][0] > earlier[-1][0]):
                months = named_months[-1][1]  # "sáu tháng đầu năm": the year, if any, before it
                if isinstance(chosen, ReportingPeriod):
                    chosen, months = ReportingPeriod(chosen.year, months), None
                else:
                    chosen = None
        listed = _LISTED_UNIT.search(text[window_start:start])
        claim_unit = found_unit
        if listed and figure.unit == "%" and listed.group(1) != found_unit:
            claim_unit = listed.group(1)  # "Tây Ninh (28,81%)": another unit's figure
        if quantity not in ("unread", *_PERCENT_QUANTITIES, "change_relative") and _compared(
            before
        ):  # "so với số việc … năm 2016 chuyển sang năm 2017 (144.857 việc)": last year's
            if isinstance(chosen, ReportingPeriod):
                chosen = chosen.same_period_last_year()
            else:
                quantity = "unread"
        claim = Claim(
            quantity=quantity,
            ledger=ledger,
            figure=figure,
            unit=claim_unit,
            period=chosen,
            span=(start, end),
            context=" ".join(text[window_start:start].split()),
            category=category,
            basis=basis,
            subject=subject,
            source=source,
            months=months,
        )
        claims.append(claim)
        if part_of_pair:
            pair_part = claim
        previous = claim
        previous_end = end
    return claims


_PAIR_MARKS = ("/", "trên")  # "5.409/12.345 việc", "5.409 việc trên 12.345 việc"
_CLASSES = IDENTITIES[0].parts  # with conditions, stayed, without conditions
# Quantities a directed figure ("vượt", "tăng", "cao hơn") may be named as by the words before.
_DIRECTED_OVER = (None, "completion_rate", "target", "finished", "gap_to_target")
# What a change can be of.
_SUBJECTS = frozenset(QUANTITIES) - {
    "change",
    "change_relative",
    "change_points",
    "gap_to_target",
    "pace",
    "remaining",
    "required",
    "target",
    "prorated_target",
    "unread",
}


def _versus(folded: str, figures: Sequence[tuple[int, int, Figure]], index: int) -> str | None:
    """ "… so với chỉ tiêu được giao (87,15% so với 85%)": the rate, then the target.

    Two plain percents in brackets joined by "so với", in a sentence that names the
    target (chỉ tiêu): the first is the rate, the second the target.
    """

    def pair_at(at: int) -> bool:
        if at < 0 or at + 1 >= len(figures):
            return False
        (start, end, first), (next_start, next_end, second) = figures[at], figures[at + 1]
        sentence_start = max(folded.rfind(". ", 0, start), folded.rfind("\n", 0, start)) + 1
        return (
            first.unit == second.unit == "%"
            and not (first.direction or second.direction)
            and _VERSUS.fullmatch(folded[end:next_start]) is not None
            and folded[:start].rstrip().endswith("(")
            and folded[next_end:].lstrip().startswith(")")
            and "chỉ tiêu" in folded[sentence_start:start]
        )

    if pair_at(index):
        return "completion_rate"
    return "target" if pair_at(index - 1) else None


def _compared(before: str) -> bool:
    """Whether the figure's own clause is what something is compared with ("so với …")."""
    clause = re.split(r"[,;:.)]", before)[-1]
    return "so với" in clause and not _AGAINST_LAST_YEAR.search(clause)


_WHOLES = {
    "finished": "with_conditions",
    "carried_forward_with_conditions": "carried_forward",
    "with_conditions": "to_enforce",
    "completion_rate": None,
}


def _directed(figure: Figure, before: str, after: str) -> str:
    """What a figure printed with "vượt", "thiếu", "tăng", "cao hơn"… is a difference to.

    "pace" (against the pro-rated target: "tiến độ"), "gap_to_target" ("so
    với chỉ tiêu", "chỉ tiêu được giao") or "change" ("so với cùng kỳ", "so
    với năm 2019"); failing those words "tăng"/"giảm" and a sign are
    changes, the others gaps.
    """
    text = figure.text.lower()
    if "tiến độ" in text or "tiến độ" in before[-20:] or after.startswith(" tiến độ"):
        return "pace"
    clause = _clause_after(after.lstrip(" )"))  # "(tăng 4,66%) so với năm 2019"
    last_year = _AGAINST_LAST_YEAR.search(clause)
    target = _AGAINST_TARGET.search(clause)
    if target and (last_year is None or target.start() < last_year.start()):
        return "gap_to_target"
    if last_year:
        return "change"
    if _AGAINST_TARGET.search(before[-30:]):
        return "gap_to_target"
    return "change" if text.startswith(("tăng", "giảm", "+", "-", "\u2212")) else "gap_to_target"


def _changed(figure: Figure, previous: Claim | None, joined: bool) -> str | None:
    """What a change names nothing of is about: the figure it follows in its sentence.

    A change in việc or đồng is never one of a rate.
    """
    subject = None
    if previous is None:
        return None
    if previous.quantity in ("change", "change_relative", "change_points"):
        subject = previous.subject  # "tăng 39.080 việc (tăng 5,60%)"
    elif previous.figure.unit in ("việc", "đồng"):
        subject = previous.quantity if previous.quantity in _SUBJECTS else None
    elif joined and previous.quantity in _RATES:
        subject = previous.quantity  # "đạt tỷ lệ 81,41% (tăng 2,82% …)"
    if figure.kind != "percent" and subject in _RATES:
        return None
    return subject


def _change_of(
    figure: Figure, after: str, previous: Claim | None, subject: str | None, joined: bool
) -> tuple[str, str | None, LedgerKind | None]:
    """A "tăng/giảm X": of what, relative or undecided, and of which ledger.

    ``previous`` is the figure before it in its sentence, if any. A change of a
    count or an amount is relative (or absolute, in việc or đồng); only a change
    of a rate is undecided between percentage points and relative.
    """
    clause = _clause_after(after)
    ledger: LedgerKind | None = None
    word = _CHANGE_LEDGER.match(clause)
    if word:
        ledger = _ledger_word(word.group(1))
    row = _ROW_AFTER.search(clause)
    if row and re.match(r"^\s*(?:về )?(?:số (?:việc|tiền)|tổng số)", clause):
        subject = _quantity_of(row.group(1)) or subject
        return "change_relative", subject, ledger
    if subject is None:
        subject = _changed(figure, previous, joined)
        if ledger is None and subject is not None and previous is not None:
            ledger = previous.ledger
    if figure.unit != "%" or (subject is not None and subject not in _RATES):
        return "change_relative", subject, ledger
    return "change", subject, ledger


def _ledger_match(match: re.Match[str] | None) -> LedgerKind | None:
    if match is None:
        return None
    return _ledger_word(next(word for word in match.groups() if word))


def _ledger_of(figure: Figure, before: str, after: str) -> LedgerKind | None:
    if figure.unit == "đồng":
        return "money"
    if figure.unit == "việc":
        return "cases"
    if figure.unit != "%":
        return None
    return _ledger_match(_LEDGER_AFTER.match(after)) or _ledger_match(_LEDGER_BEFORE.search(before))


def _paired_ledger(
    figures: Sequence[tuple[int, int, Figure]], index: int, folded: str
) -> LedgerKind | None:
    """ "đạt hơn 84% và 45,5% về tiền": a percent paired by "và" with one of the other ledger."""
    if index + 1 >= len(figures):
        return None
    end = figures[index][1]
    next_start, next_end, following = figures[index + 1]
    if following.unit == "%" and re.fullmatch(r"\s*(?:và|,)\s*", folded[end:next_start]):
        named = _ledger_match(_LEDGER_AFTER.match(folded[next_end : next_end + 30]))
        if named is not None:
            return "money" if named == "cases" else "cases"
    return None
