"""Types of the C number writer (``_speedups.c``; optional, built with the wheel)."""

from decimal import Decimal

class NumberWriter:
    def __new__(
        cls,
        group: str,
        point: str,
        minus: str,
        decimal_type: type[Decimal],
        max_digits: int,
        max_decimals: int,
    ) -> NumberWriter: ...
    def write(self, value: object, decimals: object, fixed: object, /) -> str | None: ...
