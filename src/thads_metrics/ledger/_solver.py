"""``from_totals``: the stored rows of a ledger from the totals a report publishes.

Every row of the table is a span of one chain of stored rows, derived from
:data:`~thads_metrics.ledger.rows.ROWS`:

    node 0 ─entrusted─ 1 ─withdrawn─ 2 ─completed─ … ─without_conditions─ L
    node 0 ─carried_over─ X ─newly_accepted─ L

The chain holds the stored rows other than the intake (carried over, newly
accepted) in form order; its two ends are joined by the intake path because
what is accepted is exactly what leaves by one of the chain's rows (the
identities of the table). So accepted = span(0, L), to_enforce = span(2, L),
finished = span(2, f), carried_forward = span(f, L), and so on; the spans are
computed from the formulas, and a formula that is not a span is refused when
the module is imported.

With S(i) the position of node i, a known row (u, v) = c is S(v) − S(u) = c
and an unknown stored row is S(v) − S(u) >= 0: a system of difference
constraints. It has a solution exactly when its constraint graph has no
negative cycle (Bellman–Ford), and the tightest bounds of every row come from
all-pairs shortest paths (Floyd–Warshall): a row is known exactly when its
bounds meet. Integers are kept exact throughout; the graph has at most a dozen
nodes. Where the totals leave a split open, the placeholder solution puts the
slack in the last stored row of the span; those rows are reported unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from thads_metrics._checks import shown
from thads_metrics.errors import LedgerError
from thads_metrics.ledger.rows import INTAKE_ROWS, ROW, ROW_TERMS, ROWS, expand, row_names

__all__ = ["Chain", "build_chain", "chain", "solve"]

_Edge = tuple[int, int, int, str, bool]  # (from, to, weight, row, is upper bound)


def _n(value: int) -> str:
    """A number as the error messages print it: ``923 541`` (space between thousands).

    A number too long to print whole is described by its length, as
    :func:`~thads_metrics._checks.shown` does (``<int of 5001 digits>``).

    >>> _n(923_541), _n(10**5000)
    ('923 541', '<int of 5001 digits>')
    """
    text = shown(value)
    return text if text.startswith("<") else f"{value:,}".replace(",", " ")


def legend(names: Iterable[str], terms: Mapping[str, str] = ROW_TERMS) -> str:
    """The Vietnamese terms of the rows a message names, once each, in order."""
    seen = dict.fromkeys(names)
    return "(" + "; ".join(f"{name}: {terms[name]}" for name in seen) + ")"


@attrs.frozen
class Chain:
    """The chain of one ledger kind: its stored rows and every row as a span of nodes."""

    rows: tuple[str, ...]  # the chain's stored rows, node i to node i + 1
    spans: Mapping[str, tuple[int, int]]
    intake: tuple[str, str] = INTAKE_ROWS  # the two rows that take cases in
    terms: Mapping[str, str] = ROW_TERMS  # every row's Vietnamese term, in form order

    @property
    def nodes(self) -> int:
        return len(self.rows) + 2


def build_chain(
    stored: tuple[str, ...],
    intake: tuple[str, str],
    expansions: Mapping[str, Mapping[str, int]],
    terms: Mapping[str, str] = ROW_TERMS,
) -> Chain:
    """The chain of a ledger whose stored rows are ``stored`` and derived rows ``expansions``.

    ``expansions`` maps each derived row to its signed stored rows. The rows
    other than the two ``intake`` rows form the chain, in the order given;
    every derived row must be a span of it (the intake rows, when they appear,
    appear together, standing for the whole chain).
    """
    links = tuple(n for n in stored if n not in intake)
    end, extra = len(links), len(links) + 1
    index = {name: i for i, name in enumerate(links)}
    spans: dict[str, tuple[int, int]] = {intake[0]: (0, extra), intake[1]: (extra, end)}
    spans.update({name: (i, i + 1) for i, name in enumerate(links)})
    for name, expansion in expansions.items():
        signs = dict(expansion)
        entering = [signs.pop(row, 0) for row in intake]
        if entering == [1, 1]:  # accepted = the whole chain
            for link in links:
                signs[link] = signs.get(link, 0) + 1
        elif entering != [0, 0]:
            raise AssertionError(f"row {name}: the intake rows must enter together")
        positions = sorted(index[row] for row, c in signs.items() if c)
        if any(signs[links[i]] != 1 for i in positions) or positions != list(
            range(positions[0], positions[-1] + 1)
        ):
            raise AssertionError(f"row {name} is not a span of the chain {links}")
        spans[name] = (positions[0], positions[-1] + 1)
    return Chain(links, spans, intake, terms)


def chain(*, money: bool) -> Chain:
    """The chain of the case (``money=False``) or money ledger, derived from the row table."""
    derived = row_names(money=money, stored=False)
    return build_chain(
        row_names(money=money, stored=True),
        INTAKE_ROWS,
        {name: expand(name, money=money) for name in derived},
    )


def _edges(ch: Chain, given: Mapping[str, int]) -> list[_Edge]:
    edges: list[_Edge] = []
    for name, value in given.items():
        u, v = ch.spans[name]
        edges.append((u, v, value, name, True))
        edges.append((v, u, -value, name, False))
    for name in (*ch.rows, *ch.intake):
        if name not in given:
            u, v = ch.spans[name]
            edges.append((v, u, 0, name, False))
    return edges


def _negative_cycle(nodes: int, edges: list[_Edge]) -> list[_Edge] | None:
    """A negative cycle of the constraint graph (Bellman–Ford), or None."""
    dist = [0] * nodes  # as if from a virtual source joined to every node
    pred: list[_Edge | None] = [None] * nodes
    last = -1
    for _ in range(nodes + 1):
        last = -1
        for edge in edges:
            u, v, w = edge[0], edge[1], edge[2]
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                pred[v] = edge
                last = v
        if last < 0:
            return None
    node = last
    for _ in range(nodes):  # step back into the cycle
        step = pred[node]
        assert step is not None
        node = step[0]
    cycle: list[_Edge] = []
    start = node
    while True:
        step = pred[node]
        assert step is not None
        cycle.append(step)
        node = step[0]
        if node == start:
            return cycle


def _explain(cycle: list[_Edge], given: Mapping[str, int], terms: Mapping[str, str]) -> LedgerError:
    """Why the totals clash: the rows of a negative cycle, as a broken identity."""
    order = {name: i for i, name in enumerate(terms)}
    upper = sorted((e for e in cycle if e[4]), key=lambda e: order[e[3]])
    lower = sorted((e for e in cycle if not e[4]), key=lambda e: order[e[3]])

    def term(edge: _Edge) -> str:
        name = edge[3]
        return f"{name} ({_n(given[name])})" if name in given else name

    left = sum(e[2] for e in upper)
    right = -sum(e[2] for e in lower)
    all_given = all(e[3] in given for e in lower)
    return LedgerError(
        f"impossible totals: {' + '.join(term(e) for e in upper)} = "
        f"{' + '.join(term(e) for e in lower)} must hold, but the left side is {_n(left)} "
        f"and the right side is {'' if all_given else 'at least '}{_n(right)} "
        + legend((e[3] for e in upper + lower), terms),
        code="ledger.impossible_totals",
        details={
            "left": tuple(e[3] for e in upper),
            "right": tuple(e[3] for e in lower),
            "given": dict(given),
        },
    )


def _shortest_paths(nodes: int, edges: list[_Edge]) -> list[list[int | None]]:
    """All-pairs shortest paths (Floyd–Warshall), ``None`` for no path; exact ints."""
    dist: list[list[int | None]] = [[None] * nodes for _ in range(nodes)]
    for i in range(nodes):
        dist[i][i] = 0
    for u, v, w, _, _ in edges:
        current = dist[u][v]
        if current is None or w < current:
            dist[u][v] = w
    for k in range(nodes):
        row_k = dist[k]
        for i in range(nodes):
            d_ik = dist[i][k]
            if d_ik is None:
                continue
            row_i = dist[i]
            for j in range(nodes):
                d_kj = row_k[j]
                if d_kj is None:
                    continue
                current = row_i[j]
                if current is None or d_ik + d_kj < current:
                    row_i[j] = d_ik + d_kj
    return dist


def solve(ch: Chain, given: Mapping[str, int]) -> tuple[dict[str, int], frozenset[str]]:
    """Stored rows satisfying ``given`` and the rows that ``given`` does not determine.

    Raises :class:`~thads_metrics.errors.LedgerError` (``ledger.impossible_totals``)
    when no ledger has these totals.
    """
    for name in given:
        if name not in ch.spans:  # pragma: no cover - callers check row names first
            raise AssertionError(f"{name} is not a row of {ch.rows}")
    nodes = ch.nodes
    edges = _edges(ch, given)
    cycle = _negative_cycle(nodes, edges)
    if cycle is not None:
        raise _explain(cycle, given, ch.terms)
    dist = _shortest_paths(nodes, edges)
    # Lowest position of every node relative to node 0 (every node reaches node 0
    # through the lower bounds of the stored rows): a solution in which each
    # unknown split puts its slack in the last stored row of its span.
    position = []
    for i in range(nodes):
        back = dist[i][0]
        assert back is not None
        position.append(-back)
    values = {}
    for name in (*ch.rows, *ch.intake):
        u, v = ch.spans[name]
        values[name] = position[v] - position[u]
    unknown = set()
    for name, (u, v) in ch.spans.items():
        upper, lower = dist[u][v], dist[v][u]
        if upper is None or lower is None or upper != -lower:
            unknown.add(name)
    return values, frozenset(unknown)


# Keep the row table honest: every row of each ledger must be a span of its chain.
CASE_CHAIN = chain(money=False)
MONEY_CHAIN = chain(money=True)
assert set(CASE_CHAIN.spans) == {r.name for r in ROWS if not r.money_only}
assert set(MONEY_CHAIN.spans) == set(ROW)
