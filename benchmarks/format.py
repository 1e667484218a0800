"""Benchmark: ``vi.format_number`` against babel's ``format_decimal(x, locale="vi")``.

Formats the same 1,000,000 random ints and Decimals (seeded) with both in one
run, prints both times and the throughput ratio, and checks the output is
byte-identical. babel rounds with the active decimal context (half even by
default, per CLDR/UTS #35); thads-metrics always rounds half up, so babel is
timed inside ``localcontext(rounding=ROUND_HALF_UP)``. Two documented
differences are counted apart, not as mismatches: babel writes "-0" for a
negative value that rounds to zero (thads-metrics writes "0"), and babel's
default half-even rounding differs on exact ties.

``format_number`` uses the C number writer (``vi/_speedups.c``) where the
package was built with it; the pure-Python writer it falls back to
(``vi.format._write_number``) is timed too, as a third side, so that both
ratios are printed.

The sides are timed interleaved, chunk by chunk (the order rotating), so that
load on the machine falls on all alike; the times are the sums over the chunks.

Run: ``.venv/bin/python benchmarks/format.py [count]``. Target: ratio >= 20.
"""

from __future__ import annotations

import random
import sys
import time
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import format_decimal

from thads_metrics.vi import format as vi_format
from thads_metrics.vi import format_number


def values(count: int, seed: int = 2021) -> list[int | Decimal]:
    """Report-like numbers: counts, đồng amounts, rates, and long decimals."""
    rng = random.Random(seed)
    out: list[int | Decimal] = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:
            out.append(rng.randrange(-(10 ** rng.randint(1, 15)), 10 ** rng.randint(1, 15)))
        else:
            places = rng.randint(0, 6)
            coefficient = rng.randrange(-(10 ** rng.randint(1, 18)), 10 ** rng.randint(1, 18))
            out.append(Decimal(coefficient).scaleb(-places))
    return out


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    data = values(count)

    ours: list[str] = []
    pure: list[str] = []
    theirs: list[str] = []
    times = {"ours": 0.0, "pure": 0.0, "babel": 0.0}
    sides = list(times)
    chunk = 10_000
    for index, at in enumerate(range(0, count, chunk)):
        part = data[at : at + chunk]
        for side in sides[index % 3 :] + sides[: index % 3]:
            start = time.perf_counter()
            if side == "ours":
                ours += [format_number(v) for v in part]
            elif side == "pure":
                pure += [vi_format._write_number(v, 3, False) for v in part]
            else:
                with localcontext() as ctx:
                    ctx.rounding = ROUND_HALF_UP
                    theirs += [format_decimal(v, locale="vi") for v in part]
            times[side] += time.perf_counter() - start
    ours_time, pure_time, babel_time = times["ours"], times["pure"], times["babel"]

    default = [format_decimal(v, locale="vi") for v in data]
    minus_zero = sum(a == "0" and b == "-0" for a, b in zip(ours, theirs, strict=True))
    mismatches = [
        (v, a, b)
        for v, a, b in zip(data, ours, theirs, strict=True)
        if a != b and (a, b) != ("0", "-0")
    ]
    half_even = sum(a != b and (a, b) != ("0", "-0") for a, b in zip(ours, default, strict=True))

    writer = "C (vi/_speedups.c)" if vi_format._write is not None else "pure Python (not built)"
    print(f"values:              {count:,}")
    print(f"format_number:       {ours_time:.3f} s ({ours_time / count * 1e9:,.0f} ns/value)")
    print(f"  its writer:        {writer}")
    print(f"pure-Python writer:  {pure_time:.3f} s ({pure_time / count * 1e9:,.0f} ns/value)")
    print(f"babel format_decimal:{babel_time:.3f} s ({babel_time / count * 1e9:,.0f} ns/value)")
    print(f"ratio (babel/ours):  {babel_time / ours_time:.1f}x  (target >= 20)")
    print(f"ratio (babel/pure):  {babel_time / pure_time:.1f}x")
    print(f"byte-identical:      {not mismatches} ({len(mismatches)} mismatches)")
    print(f"  babel '-0' where ours is '0' (deliberate): {minus_zero}")
    print(f"  differ from babel's default half-even context (exact ties): {half_even}")
    for value, a, b in mismatches[:5]:
        print(f"  {value!r}: ours {a!r}, babel {b!r}")
    return 1 if mismatches or pure != ours else 0


if __name__ == "__main__":
    sys.exit(main())
