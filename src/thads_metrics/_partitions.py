"""Case records aggregated in parts, for engines that run the parts elsewhere (chia phần).

What :mod:`thads_metrics.dask` and :mod:`thads_metrics.spark` share, with no
engine imported here: a CSV file of case records cut into byte ranges at line
ends (:func:`plan_file`), each range read alone on a worker into a small
:class:`Outcome` (:func:`part_outcome`: the packed sums of an
:class:`~thads_metrics.cases.Aggregator`, and the part's line count and
error), outcomes merged in any order (:func:`merge`), and the merged outcome
of each file turned into the file's aggregator on the client
(:func:`finish`): an error is moved to its line in the whole file (a part
knows only its own lines), and a file holding a quote (a quoted cell may span
two parts) is read again whole, as :func:`~thads_metrics.csvio.read_csv`
reads it. Frames (pandas partitions of a Dask or Spark DataFrame) give
outcomes the same way (:func:`frame_outcome`), their rows numbered across
partitions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from thads_metrics.cases import Aggregator
from thads_metrics.columnar import table_aggregator
from thads_metrics.csvio import (
    MAX_LINE_BYTES,
    _add_body,
    _case_header,
    _FileShape,
    _NotAlone,
    _unreadable,
    _whole_file,
)
from thads_metrics.errors import CsvError, ParseError

__all__ = ["FilePlan", "Outcome", "Part", "finish", "frame_outcome", "merge", "part_outcome"]

#: Bytes of a file a part holds, by default.
BLOCKSIZE = 64 << 20


@attrs.frozen
class FilePlan:
    """A CSV file of case records cut into parts: byte ranges that start and end at line
    ends, after the header (``header_lines`` lines)."""

    number: int
    path: str
    shape: _FileShape | None  # None: the file is read whole (it does not start plainly)
    header_lines: int
    ranges: tuple[tuple[int, int], ...]


@attrs.frozen
class Part:
    """What a part tells besides its sums: where it is, its lines, its error."""

    file: int
    index: int
    lines: int
    error: CsvError | None = None
    alone: bool = True  # False: the part cannot be read apart from the rest of its file


@attrs.frozen
class Outcome:
    """The sums of one or more parts (None when a part has an error or cannot be read
    alone) and what each part tells."""

    aggregator: Aggregator | None
    parts: tuple[Part, ...]


def plan_file(
    path: str | Path, number: int = 0, *, blocksize: int = BLOCKSIZE, multiple: int = 1
) -> FilePlan:
    """Cut a CSV file of case records into parts of equal size, at most about
    ``blocksize`` bytes each, their number a ``multiple`` of the workers that read them
    (so that the last round of parts keeps every worker busy)."""
    if not isinstance(blocksize, int) or isinstance(blocksize, bool) or blocksize < 1:
        raise ParseError(
            f"blocksize must be a whole number of bytes >= 1, got {blocksize!r}",
            code="parse.type",
            details={"argument": "blocksize", "value": repr(blocksize), "rule": "an int >= 1"},
        )
    label = str(path)
    try:
        return _plan(path, label, number, blocksize, multiple)
    except OSError as exc:
        raise _unreadable(label, exc) from exc


def _plan(path: str | Path, label: str, number: int, blocksize: int, multiple: int) -> FilePlan:
    with open(path, "rb") as handle:
        found = _case_header(handle.read(MAX_LINE_BYTES), label)
        size = os.fstat(handle.fileno()).st_size
        if found is None:
            return FilePlan(number, label, None, 0, ())
        header, delimiter, lines, start = found
        count = max(1, -(-(size - start) // blocksize))
        count = -(-count // multiple) * multiple
        step = max(1, -(-(size - start) // count))
        cuts = [start]
        at = start + step
        while at < size:
            handle.seek(at)
            tail = handle.read(MAX_LINE_BYTES + 1)
            end = tail.find(b"\n")
            if end < 0:  # a line too long: the part runs on; its reading names the line
                break
            cut = at + end + 1
            if cut >= size:
                break
            cuts.append(cut)
            at = max(cut, start + step * len(cuts))
    ranges = tuple(zip(cuts, [*cuts[1:], size], strict=True))
    return FilePlan(number, label, _FileShape(label, header, delimiter), lines, ranges)


def part_outcome(plan: FilePlan, index: int) -> Outcome:
    """Read part ``index`` of a file alone (on a worker): its sums, or its error with its
    line counted from the part's first line."""
    try:
        return _part(plan, index)
    except OSError as exc:  # the file went away or cannot be read on this worker
        error = _unreadable(plan.path, exc)
        return Outcome(None, (Part(plan.number, index, 0, error),))


def _part(plan: FilePlan, index: int) -> Outcome:
    start, end = plan.ranges[index]
    aggregator = Aggregator()
    assert plan.shape is not None
    with open(plan.path, "rb") as handle:
        handle.seek(start)
        part = _Range(handle, end - start)
        try:
            _add_body(part, plan.shape, aggregator, (0, 0), whole=False)
        except _NotAlone:
            return Outcome(None, (Part(plan.number, index, part.lines(), alone=False),))
        except CsvError as exc:
            return Outcome(None, (Part(plan.number, index, part.lines(), exc),))
        return Outcome(aggregator, (Part(plan.number, index, part.lines()),))


class _Range:
    """The next ``size`` bytes of a binary file, read as a file (its lines counted)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle, self.left = handle, size
        self.ends = 0  # line ends read so far
        self.last = b""

    def read(self, size: int) -> bytes:
        data = self.handle.read(min(size, self.left))
        self.left -= len(data)
        self.ends += data.count(b"\n")
        if data:
            self.last = data[-1:]
        return data

    def lines(self) -> int:
        """The lines of the range (the part read to its end: a part with an error or
        with a quote is read to its end first)."""
        while self.read(1 << 20):
            pass
        return self.ends + (self.last not in (b"", b"\n"))


def frame_outcome(frame: Any, number: int, index: int, source: str = "<frame>") -> Outcome:
    """The outcome of a partition of a DataFrame (a pandas frame, or a list of Arrow
    batches), its rows counted from 1 (moved across partitions by :func:`finish`)."""
    rows = sum(batch.num_rows for batch in frame) if isinstance(frame, list) else len(frame)
    try:
        aggregator = table_aggregator(frame, source=source)
    except CsvError as exc:
        return Outcome(None, (Part(number, index, rows, exc),))
    return Outcome(aggregator, (Part(number, index, rows),))


def merge(left: Outcome, right: Outcome) -> Outcome:
    """Two outcomes as one (in any order: parts know their place). The left sums are
    merged into (an outcome is merged once, as a reduction does)."""
    sums = None
    if left.aggregator is not None and right.aggregator is not None:
        sums = left.aggregator.merge(right.aggregator)
    return Outcome(sums, left.parts + right.parts)


def finish(
    outcomes: Sequence[Outcome], plans: Sequence[FilePlan] | None = None, *, first_row: int = 1
) -> Aggregator:
    """The aggregator of all parts, given the merged outcome of each file (or of the one
    frame, ``plans`` None): raises the first error of the first file that has one, at its
    line in the whole file; reads whole a file that has a part that cannot be read alone."""
    total = Aggregator()
    for number, outcome in enumerate(outcomes):
        sums = outcome.aggregator
        if sums is None:
            plan = None if plans is None else plans[number]
            sums = _recover(outcome, plan, first_row)
        total.merge(sums)
    return total


def _recover(outcome: Outcome, plan: FilePlan | None, first_row: int) -> Aggregator:
    """The sums of a file (or frame) with a part that has an error or is not alone."""
    before = first_row - 1 if plan is None else plan.header_lines
    for part in sorted(outcome.parts, key=lambda part: part.index):
        if not part.alone:
            assert plan is not None
            return _whole_file(plan.path)  # raises its first error, if it has one
        if part.error is not None:
            raise part.error.moved(before)
        before += part.lines
    raise AssertionError("an outcome without sums has a part with an error")  # pragma: no cover


def whole_outcome(plan: FilePlan) -> Outcome:
    """The outcome of a file read whole (one that does not start plainly)."""
    return Outcome(_whole_file(plan.path), (Part(plan.number, 0, 0),))


def paths_of(paths: object) -> list[str | Path]:
    """The paths given to ``aggregate_csv``: one path, or a non-empty sequence of them."""
    if isinstance(paths, (str, Path)):
        return [paths]
    if isinstance(paths, Sequence) and all(isinstance(p, (str, Path)) for p in paths):
        if not paths:
            raise ParseError(
                "paths names no file",
                code="parse.empty",
                details={"argument": "paths", "rule": "at least one path"},
            )
        return list(paths)
    raise ParseError(
        f"paths must be a path or a sequence of paths, got {type(paths).__name__}",
        code="parse.type",
        details={"argument": "paths", "value": type(paths).__name__, "rule": "paths"},
    )
