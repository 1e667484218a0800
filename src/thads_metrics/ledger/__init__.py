"""The ledgers of the statistical forms (số liệu thi hành án về việc và về tiền).

- :mod:`~thads_metrics.ledger.rows`: the one ordered table of the form's
  rows (name, Vietnamese term, stored or derived and how, which ledger has
  it, flow or stock) and the identities between them.
- :mod:`~thads_metrics.ledger.ledgers`: :class:`CaseLedger` (việc) and
  :class:`AmountLedger` (tiền, đồng), built from the table: identities
  checked at construction, merge with ``+``, roll-forward, rates.
- :mod:`~thads_metrics.ledger.layouts`: the layout of the forms under each
  statistics circular (where hoãn, tạm đình chỉ sit), and of a period.
- :mod:`~thads_metrics.ledger.administrative`: the follow-up of administrative
  judgments (theo dõi thi hành án hành chính), a ledger of its own.
- ``_solver``: :meth:`CaseLedger.from_totals`, the ledger that published
  totals determine, with the rows they leave unknown.

>>> from thads_metrics.ledger import CaseLedger, ROW_TERMS
>>> CaseLedger(newly_accepted=10, completed=4, without_conditions=6).to_enforce
10
>>> ROW_TERMS["without_conditions"]
'chưa có điều kiện thi hành'
"""

from thads_metrics.ledger.administrative import AdministrativeLedger
from thads_metrics.ledger.layouts import LAYOUTS, Layout, layout_for
from thads_metrics.ledger.ledgers import AmountLedger, CaseLedger, ledger_pair
from thads_metrics.ledger.rows import (
    IDENTITIES,
    PENDING_ROWS,
    ROW,
    ROW_TERMS,
    ROWS,
    Identity,
    Row,
    RowEnum,
    describe,
    expand,
    row_names,
)

__all__ = [
    "IDENTITIES",
    "LAYOUTS",
    "PENDING_ROWS",
    "ROW",
    "ROWS",
    "ROW_TERMS",
    "AdministrativeLedger",
    "AmountLedger",
    "CaseLedger",
    "Identity",
    "Layout",
    "Row",
    "RowEnum",
    "describe",
    "expand",
    "layout_for",
    "ledger_pair",
    "row_names",
]
