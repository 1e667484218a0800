"""Có điều kiện / chưa có điều kiện: classifying a case (phân loại điều kiện thi hành án).

Law on Civil Judgment Enforcement (2008, amended 2014), Art. 44a(1): after
verification, a case has **no conditions** to be enforced (chưa có điều kiện
thi hành) when

- (a) the debtor has no income, or only income for minimum living needs, and
  no assets, or only assets worth no more than the cost of coercive
  enforcement, or assets that may not be seized;
- (b) the debtor must return a specific item that no longer exists or is
  unusable, or papers that can be neither recovered nor reissued, and the
  parties have agreed nothing else;
- (c) the address or residence of the debtor (or of a minor placed in someone's
  care) is unknown.

Otherwise it **has conditions** (có điều kiện, Art. 3(6)). Cases postponed by
agreement of the parties (Art. 48(1)(c)) count as có điều kiện; how other
postponements (hoãn, Art. 48) and suspensions (tạm đình chỉ, Art. 49) count
is not settled, so :func:`classify` takes it as a parameter, by default
có điều kiện, as the statistical forms list them.

>>> poor = CaseFacts(has_income=False, seizable_assets=2_000_000, enforcement_cost=5_000_000)
>>> classify(poor)
Classification(condition=Condition.WITHOUT, reason=Reason.NO_MEANS)
>>> classify(poor).reason.citation
'Art. 44a(1)(a)'
"""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

from thads_metrics._checks import (
    require_choice,
    require_flag,
    require_instance,
    require_int,
    shown,
)
from thads_metrics.errors import ClassificationError
from thads_metrics.ledger import RowEnum
from thads_metrics.ledger.layouts import Layout, as_layout

__all__ = ["CaseFacts", "Classification", "Condition", "Reason", "Status", "Stay", "classify"]


def _member_value(cls: type[enum.Enum], value: object) -> str:
    """``value`` if it is the value of a member of ``cls``, else :class:`ClassificationError`.

    Enum lookup calls ``_missing_`` only for a value no member has, so this raises
    there (code ``classification.choice``, or ``classification.type`` for a non-string).
    """
    values = tuple(member.value for member in cls)
    return require_choice(cls.__name__, value, values, ClassificationError)


class Condition(RowEnum):
    """Whether a case can be enforced (điều kiện thi hành án): with or without conditions.

    >>> Condition.WITHOUT.term
    'chưa có điều kiện thi hành'
    """

    WITH = "with_conditions"
    WITHOUT = "without_conditions"
    #: Postponed or suspended, counted apart from có điều kiện (the layouts of Thông tư
    #: 06/2019/TT-BTP and later, see :mod:`thads_metrics.ledger.layouts`).
    STAYED = "stayed"

    @classmethod
    def _missing_(cls, value: object) -> Condition:
        """Refuse an unknown value with :class:`ClassificationError` (code ``.choice``/``.type``).

        >>> Condition("with")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.ClassificationError: Condition must be one of 'with_conditions', ...
        """
        return cls(_member_value(cls, value))


class Status(RowEnum):
    """Where a case stands in the ledger (kết quả thi hành án); the value is the ledger row.

    Every status but ``WITHOUT_CONDITIONS`` and ``STAYED`` is a row under "có
    điều kiện". ``REDUCED`` (giảm, miễn) is a row of the money ledger only;
    ``STAYED`` (hoãn, tạm đình chỉ counted apart) a row of the layouts that have
    that bucket (Thông tư 06/2019/TT-BTP and later).

    >>> Status.TERMINATED.term, Status.TERMINATED.is_finished, Status.POSTPONED.condition
    ('đình chỉ thi hành án', True, Condition.WITH)
    """

    COMPLETED = "completed"
    TERMINATED = "terminated"
    REDUCED = "reduced"
    IN_PROGRESS = "in_progress"
    POSTPONED = "postponed"
    SUSPENDED = "suspended"
    OTHER = "other"
    STAYED = "stayed"
    WITHOUT_CONDITIONS = "without_conditions"

    @classmethod
    def _missing_(cls, value: object) -> Status:
        """Refuse an unknown value with :class:`ClassificationError` (code ``.choice``/``.type``).

        >>> Status("done")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.ClassificationError: Status must be one of 'completed', ...
        """
        return cls(_member_value(cls, value))

    @property
    def condition(self) -> Condition:
        """The class the row belongs to (có / chưa có điều kiện, or counted apart).

        >>> Status.SUSPENDED.condition, Status.WITHOUT_CONDITIONS.condition, Status.STAYED.condition
        (Condition.WITH, Condition.WITHOUT, Condition.STAYED)
        """
        if self is Status.WITHOUT_CONDITIONS:
            return Condition.WITHOUT
        return Condition.STAYED if self is Status.STAYED else Condition.WITH

    @property
    def is_finished(self) -> bool:
        """True for the rows counted as finished (thi hành xong, tính tỷ lệ).

        >>> [s.name for s in Status if s.is_finished]
        ['COMPLETED', 'TERMINATED', 'REDUCED']
        """
        return self in (Status.COMPLETED, Status.TERMINATED, Status.REDUCED)


class Stay(enum.Enum):
    """A halt of enforcement (hoãn, tạm đình chỉ thi hành án), if any.

    >>> Stay.POSTPONED_BY_AGREEMENT.term
    'hoãn thi hành án theo thỏa thuận của đương sự'
    """

    NONE = "none"
    POSTPONED_BY_AGREEMENT = "postponed_by_agreement"
    POSTPONED = "postponed"
    SUSPENDED = "suspended"

    @classmethod
    def _missing_(cls, value: object) -> Stay:
        """Refuse an unknown value with :class:`ClassificationError`."""
        return cls(_member_value(cls, value))

    @property
    def term(self) -> str:
        """The Vietnamese term (hoãn, tạm đình chỉ).

        >>> Stay.SUSPENDED.term
        'tạm đình chỉ thi hành án'
        """
        return {
            "none": "không hoãn, không tạm đình chỉ",
            "postponed_by_agreement": "hoãn thi hành án theo thỏa thuận của đương sự",
            "postponed": "hoãn thi hành án",
            "suspended": "tạm đình chỉ thi hành án",
        }[self.value]

    def __repr__(self) -> str:
        return f"Stay.{self.name}"


class Reason(enum.Enum):
    """The rule a classification rests on (căn cứ); ``citation`` names the article.

    >>> [reason.citation for reason in Reason]  # doctest: +NORMALIZE_WHITESPACE
    ['Art. 44a(1)(a)', 'Art. 44a(1)(b)', 'Art. 44a(1)(c)', 'Art. 3(6)', 'Art. 48(1)(c)',
     'Art. 48, 49', 'Art. 48, 49; Thông tư 06/2019/TT-BTP']
    """

    NO_MEANS = "Art. 44a(1)(a)"
    ITEM_UNAVAILABLE = "Art. 44a(1)(b)"
    WHEREABOUTS_UNKNOWN = "Art. 44a(1)(c)"
    HAS_MEANS = "Art. 3(6)"
    POSTPONED_BY_AGREEMENT = "Art. 48(1)(c)"
    STAYED = "Art. 48, 49"
    STAYED_APART = "Art. 48, 49; Thông tư 06/2019/TT-BTP"

    @classmethod
    def _missing_(cls, value: object) -> Reason:
        """Refuse an unknown citation with :class:`ClassificationError`."""
        return cls(_member_value(cls, value))

    @property
    def citation(self) -> str:
        """The article of the Law on Civil Judgment Enforcement (điều luật), e.g. Art. 44a(1)(c).

        >>> Reason.WHEREABOUTS_UNKNOWN.citation
        'Art. 44a(1)(c)'
        """
        return self.value

    @property
    def description(self) -> str:
        """What the rule says (nội dung căn cứ), in English with the Vietnamese term.

        >>> Reason.POSTPONED_BY_AGREEMENT.description
        'postponed because the parties agreed to it (đương sự đồng ý hoãn thi hành án)'
        """
        return _REASON_TEXT[self]

    @property
    def is_article_44a(self) -> bool:
        """True for the three grounds of chưa có điều kiện of Art. 44a(1).

        >>> Reason.ITEM_UNAVAILABLE.is_article_44a, Reason.HAS_MEANS.is_article_44a
        (True, False)
        """
        return self in (Reason.NO_MEANS, Reason.ITEM_UNAVAILABLE, Reason.WHEREABOUTS_UNKNOWN)

    def __repr__(self) -> str:
        return f"Reason.{self.name}"


_REASON_TEXT = {
    Reason.NO_MEANS: (
        "no income beyond minimum living needs and no seizable assets worth more than "
        "the cost of coercive enforcement (không có thu nhập, tài sản)"
    ),
    Reason.ITEM_UNAVAILABLE: (
        "the specific item or papers to be returned no longer exist or cannot be used, "
        "recovered or reissued (vật, giấy tờ không còn)"
    ),
    Reason.WHEREABOUTS_UNKNOWN: (
        "the address or residence of the debtor, or of the minor to be handed over, is "
        "unknown (chưa xác định được địa chỉ, nơi cư trú)"
    ),
    Reason.HAS_MEANS: (
        "the debtor has assets or income, or can perform the obligation (có điều kiện thi hành án)"
    ),
    Reason.POSTPONED_BY_AGREEMENT: (
        "postponed because the parties agreed to it (đương sự đồng ý hoãn thi hành án)"
    ),
    Reason.STAYED: (
        "postponed or suspended, counted as the caller chose (hoãn, tạm đình chỉ thi hành án)"
    ),
    Reason.STAYED_APART: (
        "postponed (other than by agreement) or suspended: counted apart from có điều kiện "
        "in the forms of Thông tư 06/2019/TT-BTP and later (hoãn, tạm đình chỉ, không tính "
        "vào số có điều kiện)"
    ),
}


def _bool_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_flag(attribute.name, value, ClassificationError)


def _amount_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_int(attribute.name, value, ClassificationError, term="đồng")


def _stay_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_instance("stay", value, Stay, ClassificationError, what="a Stay")


def _flag(default: bool) -> Any:
    return attrs.field(default=default, validator=_bool_validator, kw_only=True)


def _contradiction(message: str, facts: tuple[str, ...], rule: str) -> ClassificationError:
    return ClassificationError(
        message,
        code="classification.contradiction",
        details={"facts": facts, "rule": rule},
    )


@attrs.frozen
class CaseFacts:
    """The verified facts that decide a case's class (kết quả xác minh điều kiện thi hành án).

    - ``has_income``: income beyond what minimum living needs take (thu nhập).
    - ``seizable_assets``: value in đồng of the assets that may be seized
      (tài sản có thể kê biên, xử lý); assets that may not be seized are left out.
    - ``enforcement_cost``: estimated cost of coercive enforcement, đồng (chi phí cưỡng chế).
    - ``address_known``: the debtor's address or residence is known (địa chỉ, nơi cư trú).
    - ``minor_address_known``: the same for a minor to be handed over to someone's care.
    - ``returns_specific_item``: the obligation is to return a specific item or
      papers (trả vật đặc định, giấy tờ); ``item_unavailable``: it no longer
      exists or is unusable, or the papers can be neither recovered nor reissued;
      ``other_agreement``: the parties agreed on something else instead.
    - ``stay``: a postponement or suspension in force (:class:`Stay`).

    Contradictory facts raise :class:`~thads_metrics.errors.ClassificationError`.

    >>> CaseFacts(has_income=True, seizable_assets=0).address_known
    True
    >>> CaseFacts(has_income=False, seizable_assets=0, item_unavailable=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ClassificationError: contradictory facts: item_unavailable ...
    """

    has_income: bool = attrs.field(validator=_bool_validator, kw_only=True)
    seizable_assets: int = attrs.field(validator=_amount_validator, kw_only=True)
    enforcement_cost: int = attrs.field(default=0, validator=_amount_validator, kw_only=True)
    address_known: bool = _flag(True)
    minor_address_known: bool = _flag(True)
    returns_specific_item: bool = _flag(False)
    item_unavailable: bool = _flag(False)
    other_agreement: bool = _flag(False)
    stay: Stay = attrs.field(default=Stay.NONE, validator=_stay_validator, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.item_unavailable and not self.returns_specific_item:
            raise _contradiction(
                "contradictory facts: item_unavailable (vật không còn) is True but "
                "returns_specific_item (trả vật đặc định, giấy tờ) is False; only an item "
                "to be returned can be unavailable (Art. 44a(1)(b))",
                ("item_unavailable", "returns_specific_item"),
                "only an item to be returned can be unavailable (Art. 44a(1)(b))",
            )
        if self.other_agreement and not self.item_unavailable:
            raise _contradiction(
                "contradictory facts: other_agreement (đương sự có thỏa thuận khác) is True "
                "but item_unavailable is False; the agreement of Art. 44a(1)(b) replaces an "
                "item that can no longer be returned",
                ("other_agreement", "item_unavailable"),
                "the agreement of Art. 44a(1)(b) replaces an item that can no longer be returned",
            )
        if self.stay is Stay.POSTPONED_BY_AGREEMENT and not self.address_known:
            raise _contradiction(
                "contradictory facts: the case is postponed by agreement of the parties "
                "(Art. 48(1)(c)) but the debtor's address is unknown (address_known=False, "
                "Art. 44a(1)(c)); verify again",
                ("stay", "address_known"),
                "parties cannot agree to postpone with a debtor whose address is unknown "
                "(Art. 48(1)(c), Art. 44a(1)(c))",
            )

    @property
    def has_means(self) -> bool:
        """True unless Art. 44a(1)(a) holds: income, or seizable assets worth more than the cost.

        >>> CaseFacts(has_income=False, seizable_assets=6, enforcement_cost=5).has_means
        True
        """
        return self.has_income or self.seizable_assets > self.enforcement_cost


def _condition_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_instance("condition", value, Condition, ClassificationError, what="a Condition")


def _reason_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_instance("reason", value, Reason, ClassificationError, what="a Reason")


@attrs.frozen
class Classification:
    """The class of a case and the rule it rests on (kết quả phân loại).

    >>> c = classify(CaseFacts(has_income=True, seizable_assets=0, address_known=False))
    >>> c.condition, c.citation
    (Condition.WITHOUT, 'Art. 44a(1)(c)')
    """

    condition: Condition = attrs.field(validator=_condition_validator)
    reason: Reason = attrs.field(validator=_reason_validator)

    @property
    def citation(self) -> str:
        """The article cited (căn cứ), e.g. Art. 3(6).

        >>> Classification(Condition.WITH, Reason.HAS_MEANS).citation
        'Art. 3(6)'
        """
        return self.reason.citation


_LAYOUT_RULE = "stayed_as is given or chosen by the layout, not both"


class _NotGiven(enum.Enum):
    """The default of ``stayed_as``: not given, told apart from an explicit ``Condition.WITH``."""

    STAYED_AS = "not given"

    def __repr__(self) -> str:
        return "<not given: Condition.WITH, or as the layout counts stays>"


_NOT_GIVEN: Final = _NotGiven.STAYED_AS


def classify(
    facts: CaseFacts,
    *,
    stayed_as: Condition | _NotGiven | None = _NOT_GIVEN,
    layout: Layout | str | None = None,
) -> Classification:
    """Classify a case as có điều kiện or chưa có điều kiện thi hành (Art. 44a(1), Art. 3(6)).

    The grounds are checked in this order:

    1. Art. 44a(1)(c), whereabouts unknown: always WITHOUT, whatever
       ``stayed_as`` or ``layout`` say (a stay does not make the debtor found;
       a postponement because the address is unknown, Art. 48(1)(b), is chưa
       có điều kiện, Nghị định 62/2015 Art. 9(3)).
    2. Postponed by agreement of the parties (Art. 48(1)(c)): WITH, in every
       layout (Thông tư 06/2019/TT-BTP keeps it in có điều kiện).
    3. Other postponements and suspensions (``stay`` POSTPONED or SUSPENDED):
       with a ``layout``, as its forms count them: STAYED (the bucket "hoãn,
       tạm đình chỉ" outside có điều kiện, reason ``STAYED_APART``) in the
       layouts of Thông tư 06/2019/TT-BTP and later, WITH in the older one.
       Without a layout, ``stayed_as``: WITH when it is not given, as the
       older forms list them under có điều kiện; ``stayed_as=None``
       classifies them on the facts like any case.

    Give ``stayed_as`` or ``layout``, not both: both given (whatever their
    values, even ``stayed_as=Condition.WITH``) raise
    :class:`~thads_metrics.errors.ClassificationError`
    (``classification.conflict``), since the layout decides how its forms
    count the stays.
    4. Art. 44a(1)(b): a specific item or papers to return no longer available,
       and no other agreement: WITHOUT.
    5. Art. 44a(1)(a): no income and no seizable assets worth more than the cost
       of enforcement: WITHOUT. An item still available to be returned is itself
       the means to perform, so (a) does not apply then.
    6. Otherwise WITH, Art. 3(6).

    >>> stayed = CaseFacts(has_income=False, seizable_assets=0, stay=Stay.SUSPENDED)
    >>> classify(stayed).condition, classify(stayed, stayed_as=None).condition
    (Condition.WITH, Condition.WITHOUT)
    >>> classify(stayed, layout="tt06-2019")
    Classification(condition=Condition.STAYED, reason=Reason.STAYED_APART)
    >>> classify(CaseFacts(has_income=True, seizable_assets=0)).citation
    'Art. 3(6)'
    """
    require_instance("facts", facts, CaseFacts, ClassificationError, what="CaseFacts")
    given = stayed_as is not _NOT_GIVEN
    if given and stayed_as is not None:
        require_instance(
            "stayed_as", stayed_as, Condition, ClassificationError, what="a Condition or None"
        )
    stayed: Condition | None = Condition.WITH
    stayed_reason = Reason.STAYED
    if layout is not None:
        form = as_layout(layout, ClassificationError)
        if given:
            raise ClassificationError(
                f"give stayed_as or layout, not both: got stayed_as={shown(stayed_as)} and "
                f"layout={form.code!r}; {_LAYOUT_RULE}",
                code="classification.conflict",
                details={
                    "argument": "stayed_as",
                    "value": shown(stayed_as),
                    "layout": form.code,
                    "rule": _LAYOUT_RULE,
                },
            )
        if form.has("stayed"):
            stayed, stayed_reason = Condition.STAYED, Reason.STAYED_APART
    elif stayed_as is not _NOT_GIVEN:
        stayed = stayed_as
    if not (facts.address_known and facts.minor_address_known):
        return Classification(Condition.WITHOUT, Reason.WHEREABOUTS_UNKNOWN)
    if facts.stay is Stay.POSTPONED_BY_AGREEMENT:
        return Classification(Condition.WITH, Reason.POSTPONED_BY_AGREEMENT)
    if facts.stay is not Stay.NONE and stayed is not None:
        return Classification(stayed, stayed_reason)
    if facts.item_unavailable and not facts.other_agreement:
        return Classification(Condition.WITHOUT, Reason.ITEM_UNAVAILABLE)
    item_in_hand = facts.returns_specific_item and not facts.item_unavailable
    if not item_in_hand and not facts.has_means:
        return Classification(Condition.WITHOUT, Reason.NO_MEANS)
    return Classification(Condition.WITH, Reason.HAS_MEANS)
