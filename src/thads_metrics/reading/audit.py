"""The consistency audit of a report's figures (đối chiếu số liệu báo cáo).

The ministry asks every unit to cross-check its reported figures ("đối chiếu
số liệu báo cáo thống kê đảm bảo tính trung thực, chính xác", seed 001).
:func:`audit` does it on the :class:`~thads_metrics.reading.claims.Claim` s
read from one or several texts. Printed figures are intervals (DOMAIN §6a),
so every check is interval arithmetic: a check fails only when *no* values
inside the printed intervals could satisfy it, and a generated report that is
consistent is never called contradictory.

Each :class:`Finding` has a ``kind``:

- ``"consistent"``: the figures agree (e.g. 26.515 ÷ 54.681 gives the printed 48,49%);
- ``"contradiction"``: no values inside the printed intervals satisfy the rule;
- ``"implied"``: a figure the text does not print follows from others (a
  target from "vượt 2,5%", the có điều kiện base from a count and a rate, a
  third "hoãn, tạm đình chỉ" bucket from the parts that do not add up);
- ``"ambiguous"``: the text allows two readings (a "tăng 0,18%" of a rate:
  percentage points or relative), and the others do not decide.

The checks: the ledger identities and part ≤ whole; each printed total
against the printed rows the ledger derives it from (carried forward =
to enforce − finished, có điều kiện chuyển kỳ sau = có điều kiện − finished,
the formulas of :data:`~thads_metrics.ledger.rows.ROWS`); two values of one
quantity, in one text or several, must meet; rate = finished ÷ có điều
kiện and share = có điều kiện ÷ phải thi hành; targets implied by "vượt /
còn thiếu / vượt tiến độ / còn phải phấn đấu X%" (annual, or pro-rated before
the year's end) against the stated or national target; a change of a rate
read against that rate (points or relative; with last year's rate printed,
the reading the figures allow); a count, its change and its relative change
(Δ ÷ (value − Δ)); a rate printed as "đạt X% chỉ tiêu" that may be the rate
divided by the target; one unit's year across several texts (implied targets
must meet); cumulative periods of one year in order (flow figures never
decrease). Several texts: each text's figures are checked with its own first,
a quantity it lacks taken from another text (never a difference, which is
read against its own text's rate); a finding that uses several texts names
them.

>>> from thads_metrics.reading import read_report
>>> claims = read_report(
...     "tính đến 31/8/2021 (11 tháng 2021) toàn tỉnh đạt tỷ lệ giải quyết 80,9% về việc, "
...     "còn thiếu 1,6% về việc.", unit="Vĩnh Phúc")
>>> [(f.kind, f.quantity, f.interval_text) for f in audit(claims)]
[('implied', 'target', '[82,4; 82,6]')]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

from thads_metrics._checks import require_instance, require_iterable
from thads_metrics.calendar import Quarter, ReportingPeriod
from thads_metrics.errors import ParseError, UnknownTargetError
from thads_metrics.ledger.layouts import layout_for
from thads_metrics.ledger.rows import IDENTITIES, ROW, ROWS, describe
from thads_metrics.reading.claims import QUANTITIES, Claim
from thads_metrics.targets import national_target
from thads_metrics.vi import format_number

__all__ = ["Finding", "FindingKind", "Interval", "audit"]

FindingKind = Literal["consistent", "contradiction", "implied", "ambiguous"]
_HUNDRED = Fraction(100)


@attrs.frozen
class Interval:
    """A closed interval of exact values (khoảng giá trị), for the audit's arithmetic.

    Printed intervals are half-open or open; the audit closes them, which can
    only make it more lenient: it never finds a contradiction that the open
    bounds would not also give.

    >>> (Interval.of(2) + Interval(Fraction(1), Fraction(3))).text()
    '[3; 5]'
    """

    low: Fraction
    high: Fraction

    @classmethod
    def of(cls, value: int | Fraction | Decimal) -> Interval:
        exact = Fraction(value)
        return cls(exact, exact)

    @classmethod
    def of_claim(cls, claim: Claim, *, exact_target: bool = False) -> Interval:
        figure = claim.figure
        if exact_target:  # a target "trên 70%" is 70: reached at exactly 70
            return cls.of(figure.printed)
        return cls(Fraction(figure.low), Fraction(figure.high))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def scale(self, factor: Fraction) -> Interval:
        """This interval times a positive factor."""
        return Interval(self.low * factor, self.high * factor)

    def ratio(self, whole: Interval) -> Interval | None:
        """self ÷ whole × 100 for non-negative intervals; None when whole may be 0."""
        if whole.low <= 0:
            return None
        return Interval(self.low * _HUNDRED / whole.high, self.high * _HUNDRED / whole.low)

    def meets(self, other: Interval) -> bool:
        """True when the two intervals share a value."""
        return self.low <= other.high and other.low <= self.high

    def contains(self, value: Fraction) -> bool:
        return self.low <= value <= self.high

    def text(self, places: int = 2) -> str:
        """The interval in Vietnamese notation, bounds rounded outward to ``places``."""
        lo = format_number(_floor(self.low, places), places)
        hi = format_number(_ceil(self.high, places), places)
        return f"[{lo}; {hi}]"


def _floor(value: Fraction, places: int) -> Fraction:
    scale = 10**places
    return Fraction((value * scale).numerator // (value * scale).denominator, scale)


def _ceil(value: Fraction, places: int) -> Fraction:
    return -_floor(-value, places)


@attrs.frozen
class Finding:
    """One result of the audit (kết quả đối chiếu): what was checked and what it gives.

    ``quantity`` and ``ledger`` name what the finding is about; ``interval``
    is the value implied or computed (exact bounds), ``arithmetic`` the
    interval arithmetic in one line; ``vi`` and ``en`` explain it.
    """

    kind: FindingKind
    rule: str
    claims: tuple[Claim, ...]
    arithmetic: str
    vi: str
    en: str
    quantity: str | None = None
    ledger: str | None = None
    interval: Interval | None = None
    unit: str | None = None
    period: ReportingPeriod | Quarter | None = None

    @property
    def interval_text(self) -> str:
        return "" if self.interval is None else self.interval.text()


# The ledger after a word, with its space or brackets; nothing when the text did not say it.
_LEDGER_VI = {"cases": " về việc", "money": " về tiền", None: ""}
_LEDGER_EN = {"cases": " (cases)", "money": " (money)", None: ""}

Key = tuple[str | None, str | None, str | None, str | None]  # unit, period label, category, ledger


def _group(claims: Sequence[Claim]) -> dict[Key, dict[str, list[Claim]]]:
    groups: dict[Key, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if not claim.is_read:
            continue
        label = None if claim.period is None else claim.period.label
        groups[(claim.unit, label, claim.category, claim.ledger)][claim.quantity].append(claim)
    return groups


def _sign(claim: Claim) -> int:
    """+1 for a gap above the target (vượt), -1 below (thiếu, chưa đạt)."""
    if claim.figure.direction:
        return claim.figure.direction
    context = claim.context.lower()
    if any(word in context[-30:] for word in ("thiếu", "chưa đạt", "chậm")):
        return -1
    return 1


def _pct(interval: Interval) -> str:
    return interval.text() + "%"


def _months(claim: Claim) -> int | None:
    """The months of the claim's period: of its period, or named alone ("sáu tháng đầu năm")."""
    period = claim.period
    return period.months if isinstance(period, ReportingPeriod) else claim.months


def _before(claims: Sequence[Claim], claim: Claim) -> Claim | None:
    """The last of ``claims`` printed before ``claim`` in the same text."""
    earlier = [c for c in claims if c.source == claim.source and c.span[0] < claim.span[0]]
    return earlier[-1] if earlier else None


# A rate of a unit, kind of case, ledger and period: (unit, category, ledger, quantity, subject,
# period) → the claim.
_RateKey = tuple[str | None, str | None, str | None, str, str | None, ReportingPeriod]


def _rate_key(claim: Claim, period: ReportingPeriod) -> _RateKey:
    subject = claim.subject or "with_conditions" if claim.quantity == "conditions_share" else None
    return (claim.unit, claim.category, claim.ledger, claim.quantity, subject, period)


def audit(claims: Iterable[Claim]) -> list[Finding]:
    """Cross-check the figures of one or several report texts (đối chiếu số liệu).

    See the module for the checks. Findings come in this order: per unit,
    period, kind of case and ledger (identities, rates, targets, changes),
    then across periods and texts.
    """
    items = tuple(require_iterable("claims", claims, ParseError, what="Claims"))
    for claim in items:
        require_instance("claims", claim, Claim, ParseError, what="Claim values")
    findings: list[Finding] = []
    implied_targets: list[tuple[Finding, Claim]] = []
    annual: dict[tuple[str | None, int, str | None, str | None], list[Claim]] = defaultdict(list)
    for claim in items:  # a target is the year's: it applies to every period of the year
        if claim.quantity == "target" and claim.period is not None:
            annual[(claim.unit, claim.period.year, claim.category, claim.ledger)].append(claim)
    printed_rates: dict[_RateKey, Claim] = {}
    for claim in items:  # rates by period, to read a change against last year's rate
        if claim.quantity in _RATE_QUANTITIES and isinstance(claim.period, ReportingPeriod):
            printed_rates.setdefault(_rate_key(claim, claim.period), claim)
    seen: set[tuple[object, ...]] = set()  # rule, kind, …, then each claim's text and span

    def new(finding: Finding) -> bool:  # a check met again in another text's view: once
        key: tuple[object, ...] = (finding.rule, finding.kind, finding.quantity, finding.ledger)
        key += (finding.arithmetic,)
        key += tuple((c.source, *c.span) for c in finding.claims)
        if key in seen:
            return False
        seen.add(key)
        return True

    for (unit, _, category, ledger), group in _group(items).items():
        for quantities in _views(group):
            rates = quantities.get("completion_rate", [])
            year = rates[0].period.year if rates and rates[0].period is not None else None
            stated = annual.get((unit, year, category, ledger), []) if year is not None else []
            stated = list({claim.figure.printed: claim for claim in stated}.values())  # once each
            checked = [
                *_parts(quantities, ledger),
                *_derived(quantities, ledger),
                *_rates(quantities, ledger, _target_values(stated, year, ledger)),
            ]
            for finding, claim in _targets(quantities, ledger, category, stated):
                if new(finding):
                    findings.append(_sourced(finding))
                    if (
                        finding.quantity == "target"
                        and finding.kind == "implied"
                        and category is None
                    ):
                        implied_targets.append((finding, claim))
            checked += _changes(quantities, ledger, printed_rates)
            checked += _relative_changes(quantities, ledger)
            checked += _required(quantities, ledger, stated)
            checked += _prorated(quantities, ledger, stated)
            findings += [_sourced(finding) for finding in checked if new(finding)]
        findings += _values(group, ledger)
    findings += _across(implied_targets)
    findings += _cumulative(items)
    return findings


def _views(group: dict[str, list[Claim]]) -> list[dict[str, list[Claim]]]:
    """The figures of one unit, period, kind of case and ledger as each text gives them.

    Each text's figures are checked with that text's own figures first; a
    quantity a text does not print is taken from the other texts (the first
    that prints it), so texts that complete each other are checked together.
    A difference (a gap to the target, a change, what is still needed) is
    measured from its own text's rate: it is never taken from another text,
    nor read against another text's rate.
    """
    sources = list(dict.fromkeys(c.source for claims in group.values() for c in claims))
    views = []
    for source in sources:
        view: dict[str, list[Claim]] = {}
        relative = any(c.source == source for name in _RELATIVE for c in group.get(name, []))
        for name, claims in group.items():
            own = [c for c in claims if c.source == source]
            if own:
                view[name] = own
            elif name not in _RELATIVE and not (relative and name in _RATE_QUANTITIES):
                first = claims[0].source
                view[name] = [c for c in claims if c.source == first]
        views.append(view)
    return views


#: Quantities measured from the rate of their own text.
_RELATIVE = frozenset({"gap_to_target", "pace", "remaining", "required", "change", "change_points"})


def _sourced(finding: Finding) -> Finding:
    """A finding that combines the figures of several texts names them all."""
    sources = list(dict.fromkeys(c.source for c in finding.claims))
    if len(sources) < 2:
        return finding
    named = ", ".join(sources)
    return attrs.evolve(
        finding, vi=f"{finding.vi} (nguồn: {named})", en=f"{finding.en} (sources: {named})"
    )


#: The quantities a unit, period, kind of case and ledger has one value of: the rows of the
#: ledger, the rate and the shares (a share per class it is of).
_SINGLE = frozenset(ROW) | {"completion_rate", "conditions_share"}


def _values(group: dict[str, list[Claim]], ledger: str | None) -> list[Finding]:
    """Two values of one quantity (one text or several) must be able to be the same value."""
    out: list[Finding] = []
    for name, claims in group.items():
        if name not in _SINGLE:
            continue
        by_subject: dict[str | None, list[Claim]] = defaultdict(list)
        for claim in claims:
            by_subject[claim.subject].append(claim)
        for same in by_subject.values():
            distinct = list({(c.figure.printed, c.figure.qualifier): c for c in same}.values())
            first = distinct[0]
            for other in distinct[1:]:
                a, b = Interval.of_claim(first), Interval.of_claim(other)
                ok = a.meets(b)
                where_vi = (
                    "" if first.source == other.source else f" ({first.source}, {other.source})"
                )
                where_en = (
                    "" if first.source == other.source else f" ({first.source} and {other.source})"
                )
                label = QUANTITY_VI.get(name, QUANTITIES[name])
                out.append(
                    _finding(
                        "consistent" if ok else "contradiction",
                        "one value per quantity",
                        (first, other),
                        f"{first.figure.text} ∈ {first.figure} vs {other.figure.text} ∈ "
                        f"{other.figure}",
                        f"{label}{_LEDGER_VI[ledger]} được in hai lần{where_vi}: "
                        f"{first.figure.text} và {other.figure.text}"
                        + (": có thể là cùng một số" if ok else ": không thể cùng đúng"),
                        f"{name}{_LEDGER_EN[ledger]} is printed twice{where_en}: "
                        f"{first.figure.text} and {other.figure.text}"
                        + ("; they may be the same value" if ok else "; they cannot both hold"),
                        quantity=name,
                        ledger=ledger,
                        interval=a,
                    )
                )
    return out


def _derived(quantities: dict[str, list[Claim]], ledger: str | None) -> list[Finding]:
    """A printed total against the rows it is made of (the formulas of the ledger's rows).

    "Số việc chuyển kỳ sau 358.260 việc" = 625.425 phải thi hành − 267.165 thi hành xong;
    có điều kiện chuyển kỳ sau = có điều kiện − thi hành xong (DOMAIN §2). Every
    row added must be printed; a row subtracted and not printed leaves only
    total ≤ the rest.
    """
    out: list[Finding] = []
    one = {name: claims[0] for name, claims in quantities.items()}
    money = ledger == "money"
    for row in ROWS:
        formula = [(sign, part) for sign, part in row.formula if money or not ROW[part].money_only]
        if (
            not formula
            or row.name not in one
            or (row.name == IDENTITIES[0].total and "accepted" not in one)
            or any(part not in QUANTITIES for _, part in formula)
            or any(sign > 0 and part not in one for sign, part in formula)
        ):
            continue
        computed = Interval.of(0)
        used = [one[row.name]]
        missing = False
        for sign, part in formula:
            if part not in one:
                missing = True
                continue
            used.append(one[part])
            value = Interval.of_claim(one[part])
            computed = computed + value if sign > 0 else computed - value
        total = Interval.of_claim(one[row.name])
        ok = total.low <= computed.high if missing else total.meets(computed)
        rule = describe(row.name, money=money)
        out.append(
            _finding(
                "consistent" if ok else "contradiction",
                rule,
                used,
                f"{row.name} {total.text(0)} vs {computed.text(0)}"
                + (" (a row subtracted is not printed: at most)" if missing else ""),
                f"{ROW[row.name].term} {one[row.name].figure.text} "
                + ("khớp với" if ok else "không khớp với")
                + f" các dòng tạo nên nó ({computed.text(0)})",
                f"{row.english} {one[row.name].figure.text} "
                + ("agrees with" if ok else "cannot come from")
                + f" the rows it is made of ({computed.text(0)})",
                quantity=row.name,
                ledger=ledger,
                interval=computed,
            )
        )
    return out


def _finding(
    kind: FindingKind,
    rule: str,
    used: Sequence[Claim],
    arithmetic: str,
    vi: str,
    en: str,
    **extra: object,
) -> Finding:
    first = used[0]
    return Finding(
        kind=kind,
        rule=rule,
        claims=tuple(used),
        arithmetic=arithmetic,
        vi=vi,
        en=en,
        unit=first.unit,
        period=first.period,
        **extra,  # type: ignore[arg-type]
    )


def _parts(quantities: dict[str, list[Claim]], ledger: str | None) -> list[Finding]:
    """Part ≤ whole, and to enforce = có ĐK (+ hoãn, tạm đình chỉ) + chưa có ĐK."""
    out: list[Finding] = []
    one = {name: claims[0] for name, claims in quantities.items()}
    for part, whole in (
        ("finished", "with_conditions"),
        ("with_conditions", "to_enforce"),
        ("without_conditions", "to_enforce"),
        ("carried_forward_with_conditions", "carried_forward"),
        ("carried_forward", "to_enforce"),
    ):
        if part in one and whole in one:
            a, b = Interval.of_claim(one[part]), Interval.of_claim(one[whole])
            if a.low > b.high:
                out.append(
                    _finding(
                        "contradiction",
                        "part ≤ whole",
                        (one[part], one[whole]),
                        f"{part} ≥ {a.text()} > {whole} ≤ {b.text()}",
                        f"{one[part].figure.text} ({part}) lớn hơn {one[whole].figure.text} "
                        f"({whole}): phần không thể lớn hơn tổng",
                        f"{part} ({one[part].figure.text}) exceeds {whole} "
                        f"({one[whole].figure.text}): a part cannot exceed its whole",
                        ledger=ledger,
                    )
                )
    if {"to_enforce", "carried_over", "newly_accepted"} <= set(one):
        intake = Interval.of_claim(one["carried_over"]) + Interval.of_claim(one["newly_accepted"])
        left = [one[name] for name in ("entrusted", "withdrawn") if name in one]
        for claim in left:
            intake = intake - Interval.of_claim(claim)
        total = Interval.of_claim(one["to_enforce"])
        used = [one["to_enforce"], one["carried_over"], one["newly_accepted"], *left]
        # Without the rows that leave printed, to enforce may be less (they were not said).
        ok = total.meets(intake) if left else total.low <= intake.high
        out.append(
            _finding(
                "consistent" if ok else "contradiction",
                "to_enforce = carried_over + newly_accepted − entrusted − withdrawn",
                used,
                f"phải thi hành {total.text(0)} vs chuyển sang + thụ lý mới"
                + (" − ủy thác, thu hồi" if left else "")
                + f" = {intake.text(0)}",
                "tổng số phải thi hành "
                + ("khớp với" if ok else "không khớp với")
                + " số chuyển sang và thụ lý mới",
                "the total to enforce "
                + ("agrees with" if ok else "cannot come from")
                + " what was carried over and newly accepted",
                ledger=ledger,
            )
        )
    total_name = IDENTITIES[0].total  # to enforce = with + stayed + without conditions
    always = [name for name in IDENTITIES[0].parts if name != "stayed"]
    if {total_name, *always} <= set(one):
        total = Interval.of_claim(one[total_name])
        used = [one[total_name], *(one[name] for name in always)]
        parts = Interval.of(0)
        for claim in used[1:]:
            parts = parts + Interval.of_claim(claim)
        if "stayed" in one:
            parts = parts + Interval.of_claim(one["stayed"])
            used.append(one["stayed"])
        arithmetic = f"phải thi hành {total.text()} vs có ĐK + chưa có ĐK = {parts.text()}"
        if total.meets(parts):
            out.append(
                _finding(
                    "consistent",
                    "to_enforce = with + stayed + without",
                    used,
                    arithmetic,
                    "tổng số phải thi hành khớp với số có điều kiện và chưa có điều kiện",
                    "the total to enforce agrees with its classes",
                    ledger=ledger,
                )
            )
        elif total.low > parts.high and "stayed" not in one and not _has_bucket(used[0]):
            out.append(
                _finding(
                    "contradiction",
                    "to_enforce = with + without",
                    used,
                    arithmetic,
                    "tổng số phải thi hành lớn hơn số có điều kiện cộng chưa có điều kiện, mà "
                    f"mẫu biểu của kỳ này (Thông tư {_circular(used[0])}) không có số hoãn, "
                    "tạm đình chỉ tính riêng",
                    "the total to enforce exceeds with plus without conditions, and the forms "
                    f"of this period (Thông tư {_circular(used[0])}) have no bucket apart",
                    ledger=ledger,
                )
            )
        elif total.low > parts.high and "stayed" not in one:
            gap = total - parts
            share = next(
                (c for c in quantities.get("conditions_share", []) if c.subject == "stayed"), None
            )
            if share is not None:  # "số hoãn và tạm đình chỉ chiếm 0,83%"
                computed = gap.ratio(total)
                printed = Interval.of_claim(share)
                if computed is not None:
                    ok = computed.meets(printed)
                    out.append(
                        _finding(
                            "consistent" if ok else "contradiction",
                            "stayed ÷ to_enforce",
                            (*used, share),
                            f"(phải thi hành − có ĐK − chưa có ĐK) ÷ phải thi hành ∈ "
                            f"{_pct(computed)} vs {share.figure.text}",
                            f"tỷ lệ hoãn, tạm đình chỉ {share.figure.text} "
                            + ("khớp với" if ok else "không khớp với")
                            + f" phần còn lại của tổng số phải thi hành ({_pct(computed)})"
                            + ("" if ok else ": có thể đã được làm tròn để các tỷ lệ cộng đủ 100%"),
                            f"the printed share of postponed or suspended cases, "
                            f"{share.figure.text}, "
                            + ("agrees with" if ok else "cannot come from")
                            + f" what the other figures leave ({_pct(computed)})"
                            + (
                                ""
                                if ok
                                else "; it may have been forced to make the shares add to 100%"
                            ),
                            quantity="stayed",
                            ledger=ledger,
                            interval=computed,
                        )
                    )
            out.append(
                _finding(
                    "implied",
                    "to_enforce = with + stayed + without",
                    used,
                    arithmetic + f"; hoãn, tạm đình chỉ = {gap.text()}",
                    f"phần còn lại {gap.text()} là số hoãn, tạm đình chỉ (tính riêng theo Thông "
                    "tư 06/2019/TT-BTP trở đi)",
                    f"the rest, {gap.text()}, is the postponed or suspended bucket counted apart "
                    "(forms of Thông tư 06/2019/TT-BTP and later)",
                    quantity="stayed",
                    ledger=ledger,
                    interval=gap,
                )
            )
        else:
            out.append(
                _finding(
                    "contradiction",
                    "to_enforce = with + stayed + without",
                    used,
                    arithmetic,
                    "các bộ phận vượt quá tổng số phải thi hành",
                    "the classes add up to more than the total to enforce",
                    ledger=ledger,
                )
            )
    return out


def _has_bucket(claim: Claim) -> bool:
    """Whether the forms of the claim's period count hoãn, tạm đình chỉ apart (unknown: yes)."""
    period = claim.period
    return period is None or layout_for(period.end).has("stayed")


def _circular(claim: Claim) -> str:
    period = claim.period
    return "?" if period is None else layout_for(period.end).circular


def _target_values(
    targets: Sequence[Claim], year: int | None, ledger: str | None
) -> list[Fraction]:
    """The targets a rate may be measured against: those stated for the year, else the national."""
    values = [Fraction(claim.figure.printed) for claim in targets]
    national = _national(year, ledger)
    if not values and national is not None:
        values.append(national)
    return values


def _of_target(
    rate_claim: Claim, computed: Interval, targets: Sequence[Fraction]
) -> Fraction | None:
    """A target for which "đạt X% chỉ tiêu" reads as rate ÷ target (DOMAIN §4a), if one fits."""
    if rate_claim.basis != "of_target":
        return None
    printed = Interval.of_claim(rate_claim)
    for target in targets:
        if target > 0 and computed.scale(_HUNDRED / target).meets(printed):
            return target
    return None


def _rates(
    quantities: dict[str, list[Claim]], ledger: str | None, targets: Sequence[Fraction] = ()
) -> list[Finding]:
    """rate = finished ÷ có ĐK × 100 and share = có ĐK ÷ phải thi hành × 100.

    A rate printed as "đạt X% chỉ tiêu được giao" may be the rate divided by
    the target: when only that reading fits, the finding is ambiguous.
    """
    out: list[Finding] = []
    shares = quantities.get("conditions_share", [])
    checks = [("completion_rate", "finished", "with_conditions", "tỷ lệ thi hành xong", "rate")]
    for subject in dict.fromkeys(c.subject or "with_conditions" for c in shares):
        checks.append(("conditions_share", subject, "to_enforce", "tỷ lệ", "share"))
    for rate_name, part, whole, vi_name, en_name in checks:
        one = {name: claims[0] for name, claims in quantities.items()}
        if rate_name == "conditions_share":
            one = {
                **{name: claims[0] for name, claims in quantities.items()},
                "conditions_share": next(
                    c for c in shares if (c.subject or "with_conditions") == part
                ),
            }
        have = {name for name in (rate_name, part, whole) if name in one}
        if rate_name not in have or len(have) < 2:
            continue  # without a printed rate there is nothing to check here
        rate = Interval.of_claim(one[rate_name])
        if have == {rate_name, part, whole}:
            computed = Interval.of_claim(one[part]).ratio(Interval.of_claim(one[whole]))
            if computed is None:
                continue
            used = (one[rate_name], one[part], one[whole])
            arithmetic = f"{part} ÷ {whole} × 100 ∈ {_pct(computed)} vs {_pct(rate)}"
            kind: FindingKind = "consistent" if computed.meets(rate) else "contradiction"
            target = None if kind == "consistent" else _of_target(one[rate_name], computed, targets)
            if target is not None:
                shown = format_number(target, 2)
                ratio = computed.scale(_HUNDRED / target)
                out.append(
                    _finding(
                        "ambiguous",
                        f"{rate_name} = {part} ÷ {whole}",
                        used,
                        arithmetic + f"; ÷ target {shown}% × 100 ∈ {_pct(ratio)}",
                        f"{one[rate_name].figure.text} không phải tỷ lệ thi hành xong "
                        f"({_pct(computed)}) mà là tỷ lệ đó so với chỉ tiêu {shown}%",
                        f"{one[rate_name].figure.text} is not the rate ({_pct(computed)}) but "
                        f"the rate divided by the target {shown}%",
                        quantity=rate_name,
                        ledger=ledger,
                        interval=computed,
                    )
                )
                continue
            out.append(
                _finding(
                    kind,
                    f"{rate_name} = {part} ÷ {whole}",
                    used,
                    arithmetic,
                    f"{vi_name} {one[rate_name].figure.text} "
                    + ("khớp với" if kind == "consistent" else "không khớp với")
                    + f" {one[part].figure.text} ÷ {one[whole].figure.text} ({_pct(computed)})",
                    f"the {en_name} {one[rate_name].figure.text} "
                    + ("agrees with" if kind == "consistent" else "cannot come from")
                    + f" {one[part].figure.text} ÷ {one[whole].figure.text} ({_pct(computed)})",
                    quantity=rate_name,
                    ledger=ledger,
                    interval=computed,
                )
            )
        elif rate.low > 0:
            known = part if part in have else whole
            value = Interval.of_claim(one[known])
            if known == part:  # whole = part ÷ rate × 100
                implied = Interval(
                    value.low * _HUNDRED / rate.high, value.high * _HUNDRED / rate.low
                )
                missing = whole
            else:  # part = whole × rate ÷ 100
                implied = Interval(
                    value.low * rate.low / _HUNDRED, value.high * rate.high / _HUNDRED
                )
                missing = part
            out.append(
                _finding(
                    "implied",
                    f"{rate_name} = {part} ÷ {whole}",
                    (one[rate_name], one[known]),
                    f"{missing} ∈ {implied.text(0)} from {one[known].figure.text} and "
                    f"{one[rate_name].figure.text}",
                    f"{QUANTITY_VI.get(missing, missing)} suy ra: {implied.text(0)}",
                    f"implied {missing}: {implied.text(0)}",
                    quantity=missing,
                    ledger=ledger,
                    interval=implied,
                )
            )
    return out


QUANTITY_VI = {
    "stayed": "số hoãn, tạm đình chỉ",
    "without_conditions": "số chưa có điều kiện thi hành",
    "with_conditions": "số có điều kiện thi hành",
    "finished": "số thi hành xong",
    "to_enforce": "tổng số phải thi hành",
}


def _targets(
    quantities: dict[str, list[Claim]],
    ledger: str | None,
    category: str | None,
    targets: Sequence[Claim],
) -> list[tuple[Finding, Claim]]:
    """Targets implied by gaps, remaining points and pace, against the year's stated target."""
    out: list[tuple[Finding, Claim]] = []
    rates = quantities.get("completion_rate", [])
    if not rates:
        return out
    rate_claim = rates[0]
    rate = Interval.of_claim(rate_claim)
    stated = [Interval.of_claim(c, exact_target=True) for c in targets]
    months = _months(rate_claim)
    year = rate_claim.period.year if rate_claim.period is not None else None
    readings: list[tuple[Claim, Interval, Interval | None, str]] = []
    for gap in quantities.get("gap_to_target", []):
        sign = _sign(gap)
        shift = Interval.of_claim(gap)
        annual = rate - shift if sign > 0 else rate + shift
        prorated = None
        if months is not None and months < 12:
            prorated = annual.scale(Fraction(12, months))
        basis = "national" if gap.basis == "national" else "gap"
        readings.append((gap, annual, prorated, basis))
    for left in quantities.get("remaining", []):
        readings.append((left, rate + Interval.of_claim(left), None, "remaining"))
    for pace in quantities.get("pace", []):
        if months is None:
            continue
        sign = _sign(pace)
        shift = Interval.of_claim(pace)
        prorated_target = rate - shift if sign > 0 else rate + shift
        readings.append((pace, prorated_target.scale(Fraction(12, months)), None, "pace"))
    if not readings and _months(rate_claim) == 12:
        for target_claim, value in zip(targets, stated, strict=True):
            met = rate.low >= value.high
            missed = rate.high < value.low
            word_vi = "đạt, vượt" if met else ("chưa đạt" if missed else "xấp xỉ")
            word_en = "meets" if met else ("misses" if missed else "is at about")
            out.append(
                (
                    _finding(
                        "consistent",
                        "rate against the stated target",
                        (rate_claim, target_claim),
                        f"{_pct(rate)} vs {target_claim.figure.text}",
                        f"tỷ lệ {rate_claim.figure.text} {word_vi} chỉ tiêu "
                        f"{target_claim.figure.text}{_LEDGER_VI[ledger]}",
                        f"the rate {rate_claim.figure.text} {word_en} the target "
                        f"{target_claim.figure.text}{_LEDGER_EN[ledger]}",
                        quantity="target",
                        ledger=ledger,
                        interval=rate - value,
                    ),
                    target_claim,
                )
            )
    for claim, annual, prorated, basis in readings:
        used = (rate_claim, claim)
        what_vi = {
            "gap": "chỉ tiêu suy ra",
            "national": "mức so sánh bình quân toàn quốc suy ra",
            "remaining": "chỉ tiêu suy ra",
            "pace": "chỉ tiêu năm suy ra (từ tiến độ)",
        }[basis]
        arithmetic = f"{rate_claim.figure.text}, {claim.figure.text} → {_pct(annual)}"
        national = _national(year, ledger)
        fits: list[str] = []
        if prorated is not None:
            arithmetic += f"; if against the pro-rated target: annual {_pct(prorated)}"
            for name, value in (("annual", annual), ("pro-rated", prorated)):
                if national is not None and value.contains(national):
                    fits.append(name)
        if basis == "national":
            finding = _finding(
                "implied",
                "gap to the national average",
                used,
                arithmetic,
                f"{what_vi}{_LEDGER_VI[ledger]}: {_pct(annual)}",
                f"implied national reference{_LEDGER_EN[ledger]}: {_pct(annual)}",
                quantity="national_reference",
                ledger=ledger,
                interval=annual,
            )
            out.append((finding, claim))
            continue
        note_vi = note_en = ""
        if fits:
            shown = format_number(national or 0, 2)
            note_vi = f" (khớp chỉ tiêu toàn quốc {shown}%: đọc theo {', '.join(fits)})"
            note_en = f" (the national target {national}% fits the {' and '.join(fits)} reading)"
        elif prorated is not None:
            note_vi = f"; nếu so với chỉ tiêu theo tiến độ thì chỉ tiêu năm là {_pct(prorated)}"
            note_en = (
                f"; if measured against the pro-rated target, the annual target is {_pct(prorated)}"
            )
        out.append(
            (
                _finding(
                    "implied",
                    f"target from {basis}",
                    used,
                    arithmetic,
                    f"{what_vi}{_LEDGER_VI[ledger]}: {_pct(annual)}{note_vi}",
                    f"implied target{_LEDGER_EN[ledger]}: {_pct(annual)}{note_en}",
                    quantity="target",
                    ledger=ledger,
                    interval=annual,
                ),
                claim,
            )
        )
        for target_claim, value in zip(targets, stated, strict=True):
            options = [annual] + ([prorated] if prorated is not None else [])
            ok = any(option.meets(value) for option in options)
            out.append(
                (
                    _finding(
                        "consistent" if ok else "contradiction",
                        "stated target vs implied",
                        (rate_claim, claim, target_claim),
                        f"implied {_pct(annual)} vs stated {target_claim.figure.text}",
                        f"chỉ tiêu {target_claim.figure.text} "
                        + ("khớp với" if ok else "không khớp với")
                        + f" mức suy ra {_pct(annual)}",
                        f"the stated target {target_claim.figure.text} "
                        + ("agrees with" if ok else "contradicts")
                        + f" the implied {_pct(annual)}",
                        quantity="target",
                        ledger=ledger,
                        interval=annual,
                    ),
                    claim,
                )
            )
    return out


def _ceil_int(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def _required(
    quantities: dict[str, list[Claim]], ledger: str | None, targets: Sequence[Claim]
) -> list[Finding]:
    """ "thi hành xong thêm ít nhất N": N = ⌈target × có ĐK ÷ 100⌉ − finished."""
    out: list[Finding] = []
    one = {name: claims[0] for name, claims in quantities.items()}
    if not ("required" in one and "with_conditions" in one and "finished" in one and targets):
        return out
    base, done = Interval.of_claim(one["with_conditions"]), Interval.of_claim(one["finished"])
    goal = Interval.of_claim(targets[0], exact_target=True)
    low = max(_ceil_int(goal.low * base.low / _HUNDRED) - done.high, Fraction(0))
    high = max(_ceil_int(goal.high * base.high / _HUNDRED) - done.low, Fraction(0))
    computed = Interval(Fraction(low), Fraction(high))
    printed = one["required"].figure
    step = Fraction(printed.step)
    shown = Interval(Fraction(printed.low) - step, Fraction(printed.high) + step)  # rounded up
    ok = computed.meets(shown)
    used = (one["required"], one["with_conditions"], one["finished"], targets[0])
    out.append(
        _finding(
            "consistent" if ok else "contradiction",
            "required = ⌈target × with_conditions⌉ − finished",
            used,
            f"⌈{targets[0].figure.text} × {one['with_conditions'].figure.text}⌉ − "
            f"{one['finished'].figure.text} ∈ {computed.text(0)} vs {printed.text}",
            f"số còn phải thi hành xong {printed.text} "
            + ("khớp với" if ok else "không khớp với")
            + f" chỉ tiêu và số có điều kiện ({computed.text(0)})",
            f"what is still needed, {printed.text}, "
            + ("agrees with" if ok else "contradicts")
            + f" the target and the base ({computed.text(0)})",
            quantity="required",
            ledger=ledger,
            interval=computed,
        )
    )
    return out


def _prorated(
    quantities: dict[str, list[Claim]], ledger: str | None, targets: Sequence[Claim]
) -> list[Finding]:
    """ "chỉ tiêu 6 tháng là 40,75%" = the annual target × 6 ÷ 12."""
    out: list[Finding] = []
    for claim in quantities.get("prorated_target", []):
        months = _months(claim)
        if months is None or not targets:
            continue
        expected = Interval.of_claim(targets[0], exact_target=True).scale(Fraction(months, 12))
        value = Interval.of_claim(claim)
        ok = expected.meets(value)
        out.append(
            _finding(
                "consistent" if ok else "contradiction",
                "pro-rated target = target × months ÷ 12",
                (claim, targets[0]),
                f"{targets[0].figure.text} × {months}/12 ∈ {_pct(expected)} vs {claim.figure.text}",
                f"chỉ tiêu {months} tháng {claim.figure.text} "
                + ("khớp với" if ok else "không khớp với")
                + f" chỉ tiêu năm {targets[0].figure.text} × {months}/12",
                f"the {months}-month target {claim.figure.text} "
                + ("agrees with" if ok else "contradicts")
                + f" the annual {targets[0].figure.text} × {months}/12",
                quantity="prorated_target",
                ledger=ledger,
                interval=expected,
            )
        )
    return out


def _national(year: int | None, ledger: str | None) -> Fraction | None:
    if year is None or ledger is None:
        return None
    try:
        target = national_target(year)
    except UnknownTargetError:
        return None
    return Fraction(target.cases if ledger == "cases" else target.money)


_RATE_QUANTITIES = ("completion_rate", "conditions_share")


def _changed_rate(quantities: dict[str, list[Claim]], claim: Claim) -> Claim | None:
    """The printed rate a change is of: its subject, printed last before it (else first)."""
    if claim.subject not in _RATE_QUANTITIES:
        return None
    rates = quantities.get(claim.subject, [])
    return _before(rates, claim) or (rates[0] if rates else None)


def _changes(
    quantities: dict[str, list[Claim]],
    ledger: str | None,
    printed_rates: dict[_RateKey, Claim],
) -> list[Finding]:
    """A "tăng/giảm X%" of a rate: percentage points or relative (DOMAIN §6a).

    The change is read against the rate it is about (the completion rate, a
    share); with that rate printed for the same period last year, the audit
    says which reading the figures allow.
    """
    out: list[Finding] = []
    for claim in quantities.get("change", []):
        delta = Interval.of_claim(claim)
        sign = claim.figure.direction or 1
        rate = _changed_rate(quantities, claim)
        if rate is None:
            out.append(
                _finding(
                    "ambiguous",
                    "change of a rate: points or relative",
                    (claim,),
                    f"Δ = {sign:+d} × {_pct(delta)}",
                    f"“{claim.figure.text}” có thể là điểm phần trăm hoặc tương đối; không có "
                    "số liệu khác để phân biệt",
                    f"“{claim.figure.text}” may be percentage points or relative; no other "
                    "figure decides",
                    quantity="change",
                    ledger=ledger,
                )
            )
            continue
        now = Interval.of_claim(rate)
        points = now - delta if sign > 0 else now + delta
        factor_low = 1 + sign * delta.high / _HUNDRED
        factor_high = 1 + sign * delta.low / _HUNDRED
        lo, hi = sorted((factor_low, factor_high))
        relative = Interval(now.low / hi, now.high / lo) if lo > 0 else None
        text = f"points: last year {_pct(points)}"
        if relative is not None:
            text += f"; relative: last year {_pct(relative)}"
        earlier = None
        if isinstance(rate.period, ReportingPeriod):
            earlier = printed_rates.get(_rate_key(rate, rate.period.same_period_last_year()))
        if earlier is None:
            out.append(
                _finding(
                    "ambiguous",
                    "change of a rate: points or relative",
                    (rate, claim),
                    text,
                    f"“{claim.figure.text}”: nếu là điểm phần trăm thì cùng kỳ là {_pct(points)}"
                    + ("" if relative is None else f"; nếu là tương đối thì {_pct(relative)}"),
                    f"“{claim.figure.text}”: as points, last year's rate was {_pct(points)}"
                    + ("" if relative is None else f"; as a relative change, {_pct(relative)}"),
                    quantity="change",
                    ledger=ledger,
                    interval=points,
                )
            )
            continue
        out.append(_decided(claim, rate, earlier, points, relative, ledger))
    return out


def _decided(
    claim: Claim,
    rate: Claim,
    earlier: Claim,
    points: Interval,
    relative: Interval | None,
    ledger: str | None,
) -> Finding:
    """A change of a rate read against last year's printed rate: which reading fits."""
    last = Interval.of_claim(earlier)
    as_points = points.meets(last)
    as_relative = relative is not None and relative.meets(last)
    used = (rate, claim, earlier)
    text = f"last year {earlier.figure.text}; points: {_pct(points)}" + (
        "" if relative is None else f"; relative: {_pct(relative)}"
    )
    if as_points and as_relative:
        return _finding(
            "ambiguous",
            "change of a rate: points or relative",
            used,
            text,
            f"“{claim.figure.text}” khớp với tỷ lệ cùng kỳ {earlier.figure.text} theo cả hai "
            "cách đọc (điểm phần trăm và tương đối)",
            f"“{claim.figure.text}” fits last year's {earlier.figure.text} both as points and "
            "as a relative change",
            quantity="change",
            ledger=ledger,
            interval=points,
        )
    if as_points or as_relative:
        vi_reading = "điểm phần trăm" if as_points else "tương đối"
        en_reading = "percentage points" if as_points else "a relative change"
        return _finding(
            "consistent",
            "change of a rate: points or relative",
            used,
            text,
            f"“{claim.figure.text}” là {vi_reading}: chỉ cách đọc này khớp với tỷ lệ cùng kỳ "
            f"{earlier.figure.text}",
            f"“{claim.figure.text}” is {en_reading}: the only reading that fits last year's "
            f"{earlier.figure.text}",
            quantity="change_points" if as_points else "change_relative",
            ledger=ledger,
            interval=points if as_points else relative,
        )
    return _finding(
        "contradiction",
        "change of a rate: points or relative",
        used,
        text,
        f"“{claim.figure.text}” không khớp với tỷ lệ cùng kỳ {earlier.figure.text}, dù là điểm "
        "phần trăm hay tương đối",
        f"“{claim.figure.text}” fits last year's {earlier.figure.text} neither as points nor "
        "as a relative change",
        quantity="change",
        ledger=ledger,
        interval=points,
    )


def _relative_changes(quantities: dict[str, list[Claim]], ledger: str | None) -> list[Finding]:
    """ "là 736.747 việc, tăng 39.080 việc (tăng 5,60%)": 39.080 ÷ (736.747 − 39.080) × 100.

    A count or an amount, its change in việc or đồng and the relative change
    printed after it must agree (DOMAIN §4: Δ ÷ previous × 100).
    """
    out: list[Finding] = []
    changes = quantities.get("change_relative", [])
    for claim in changes:
        if claim.figure.kind != "percent" or claim.subject is None:
            continue
        absolutes = [
            c for c in changes if c.figure.kind != "percent" and c.subject == claim.subject
        ]
        absolute = _before(absolutes, claim)
        value = None if absolute is None else _before(quantities.get(claim.subject, []), absolute)
        if absolute is None or value is None:
            continue
        sign = absolute.figure.direction or claim.figure.direction or 1
        now, delta = Interval.of_claim(value), Interval.of_claim(absolute)
        computed = delta.ratio(now - delta if sign > 0 else now + delta)
        if computed is None:
            continue
        ok = computed.meets(Interval.of_claim(claim))
        out.append(
            _finding(
                "consistent" if ok else "contradiction",
                "relative change = change ÷ (value − change)",
                (value, absolute, claim),
                f"{absolute.figure.text} ÷ ({value.figure.text} {'−' if sign > 0 else '+'} "
                f"{absolute.figure.text}) × 100 ∈ {_pct(computed)} vs {claim.figure.text}",
                f"{claim.figure.text} "
                + ("khớp với" if ok else "không khớp với")
                + f" {absolute.figure.text} trên số cùng kỳ ({_pct(computed)})",
                f"{claim.figure.text} "
                + ("agrees with" if ok else "cannot come from")
                + f" {absolute.figure.text} over last year's figure ({_pct(computed)})",
                quantity="change_relative",
                ledger=ledger,
                interval=computed,
            )
        )
    return out


def _across(implied: list[tuple[Finding, Claim]]) -> list[Finding]:
    """Implied targets of one unit, year and ledger, from several texts or periods, must meet."""
    out: list[Finding] = []
    by_key: dict[tuple[str | None, int, str | None], list[tuple[Finding, Claim]]] = defaultdict(
        list
    )
    for finding, claim in implied:
        if claim.period is None or finding.interval is None:
            continue
        by_key[(claim.unit, claim.period.year, finding.ledger)].append((finding, claim))
    for (unit, year, ledger), items in by_key.items():
        for i, (first, a) in enumerate(items):
            for second, b in items[i + 1 :]:
                if a.source == b.source and a.period == b.period:
                    continue
                assert first.interval is not None
                assert second.interval is not None
                ok = first.interval.meets(second.interval)
                out.append(
                    Finding(
                        kind="consistent" if ok else "contradiction",
                        rule="one target per unit and year",
                        claims=first.claims + second.claims,
                        arithmetic=f"{_pct(first.interval)} ({a.source}) vs "
                        f"{_pct(second.interval)} ({b.source})",
                        vi=f"chỉ tiêu năm {year}{_LEDGER_VI[ledger]} của {unit or 'đơn vị'} "
                        "suy ra "
                        f"từ hai nguồn: {_pct(first.interval)} và {_pct(second.interval)}"
                        + ("" if ok else ": không thể cùng đúng"),
                        en=f"the {year} target{_LEDGER_EN[ledger]} of {unit or 'the unit'} "
                        f"implied by two sources: {_pct(first.interval)} and "
                        f"{_pct(second.interval)}" + ("" if ok else ": they cannot both hold"),
                        quantity="target",
                        ledger=ledger,
                        unit=unit,
                        period=a.period,
                    )
                )
    return out


_FLOWS = ("finished", "newly_accepted", "accepted")


def _cumulative(claims: Sequence[Claim]) -> list[Finding]:
    """Within one statistical year, a flow figure never decreases from one period to the next."""
    out: list[Finding] = []
    series: dict[tuple[str | None, str | None, int, str | None, str], list[Claim]] = defaultdict(
        list
    )
    for claim in claims:
        if claim.quantity in _FLOWS and isinstance(claim.period, ReportingPeriod):
            key = (claim.unit, claim.category, claim.period.year, claim.ledger, claim.quantity)
            series[key].append(claim)
    for items in series.values():
        ordered = sorted(items, key=lambda c: c.period.months)  # type: ignore[union-attr]
        for earlier, later in itertools.pairwise(ordered):
            if earlier.period == later.period:
                continue
            a, b = Interval.of_claim(earlier), Interval.of_claim(later)
            if a.low > b.high:
                out.append(
                    _finding(
                        "contradiction",
                        "cumulative flows never decrease",
                        (earlier, later),
                        f"{earlier.period.label} ≥ {a.text(0)} > {later.period.label} ≤ "  # type: ignore[union-attr]
                        f"{b.text(0)}",
                        f"số lũy kế {earlier.figure.text} ({earlier.period.label}) lớn hơn "  # type: ignore[union-attr]
                        f"{later.figure.text} ({later.period.label}): số lũy kế không thể giảm",  # type: ignore[union-attr]
                        f"the cumulative {earlier.quantity} falls from {earlier.figure.text} to "
                        f"{later.figure.text}: cumulative figures never decrease",
                        quantity=earlier.quantity,
                        ledger=earlier.ledger,
                    )
                )
    return out
